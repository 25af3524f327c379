-- Where a message belongs and came from: the thread it replies in, and the sender and
-- time of the message it forwards (never that message's conversation). A row only for
-- a message that has either; a table of its own, so creating it can be rerun safely.
CREATE TABLE IF NOT EXISTS message_links (
    conversation_id     BINARY(16)      NOT NULL,
    seq                 BIGINT UNSIGNED NOT NULL,
    thread_root         BIGINT UNSIGNED NULL,
    forwarded_sender_id BINARY(16)      NULL,
    forwarded_at        DATETIME(6)     NULL,
    PRIMARY KEY (conversation_id, seq),
    -- A thread's page is one range read of this index.
    KEY message_links_thread (conversation_id, thread_root, seq)
) ENGINE = InnoDB;

-- The pinned messages of each conversation (a pin is a change of the message: its
-- state in `message_changes` says who pinned it and when); written in the change's
-- transaction, counted before a pin, read newest first.
CREATE TABLE IF NOT EXISTS pins (
    conversation_id BINARY(16)      NOT NULL,
    seq             BIGINT UNSIGNED NOT NULL,
    pinned_at       DATETIME(6)     NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    KEY pins_newest (conversation_id, pinned_at)
) ENGINE = InnoDB;
