-- Each member's standing in the threads it touched: state 0 undecided (only read),
-- 1 following, 2 unfollowed; the newest seq of the thread it has read. Keyed by user
-- for its list of followed threads; the second key finds a thread's followers.
CREATE TABLE IF NOT EXISTS thread_follows (
    user_id         BINARY(16)       NOT NULL,
    conversation_id BINARY(16)       NOT NULL,
    root            BIGINT UNSIGNED  NOT NULL,
    state           TINYINT UNSIGNED NOT NULL,
    read_seq        BIGINT UNSIGNED  NOT NULL,
    PRIMARY KEY (user_id, conversation_id, root),
    KEY thread_follows_thread (conversation_id, root, state)
) ENGINE = InnoDB;
