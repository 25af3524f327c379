-- Members who muted a conversation (no push notifications for it). A table of its own
-- rather than a column: creating it can be rerun safely on MySQL and MariaDB alike.
CREATE TABLE IF NOT EXISTS mutes (
    conversation_id BINARY(16) NOT NULL,
    user_id         BINARY(16) NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
) ENGINE = InnoDB;
