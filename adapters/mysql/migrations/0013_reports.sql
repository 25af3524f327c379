-- Reports of messages: the admins' moderation queue. `open_flag` is 1 while a report is
-- open and NULL once settled, so the unique key allows one open report per reporter and
-- message (NULLs never collide) and any number of settled ones. Action 1 dismiss, 2
-- remove_message, 3 ban_user.
CREATE TABLE IF NOT EXISTS reports (
    id              BINARY(16)       NOT NULL,
    conversation_id BINARY(16)       NOT NULL,
    seq             BIGINT UNSIGNED  NOT NULL,
    reporter_id     BINARY(16)       NOT NULL,
    reason          VARCHAR(500)     NOT NULL,
    created_at      DATETIME(6)      NOT NULL,
    open_flag       TINYINT UNSIGNED NULL,
    action          TINYINT UNSIGNED NULL,
    resolved_by     BINARY(16)       NULL,
    resolved_at     DATETIME(6)      NULL,
    PRIMARY KEY (id),
    UNIQUE KEY reports_one_open (reporter_id, conversation_id, seq, open_flag),
    KEY reports_queue (open_flag, created_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
