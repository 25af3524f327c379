-- Each member's standing in the threads it touched: state 0 undecided (only read),
-- 1 following, 2 unfollowed; the newest seq of the thread it has read. Keyed by user
-- for its list of followed threads; the second index finds a thread's followers.
CREATE TABLE thread_follows (
    user_id         uuid     NOT NULL,
    conversation_id uuid     NOT NULL,
    root            bigint   NOT NULL,
    state           smallint NOT NULL,
    read_seq        bigint   NOT NULL,
    PRIMARY KEY (user_id, conversation_id, root)
);
CREATE INDEX thread_follows_thread ON thread_follows (conversation_id, root)
    WHERE state = 1;
