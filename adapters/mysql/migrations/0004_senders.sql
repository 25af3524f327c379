-- Members who have sent a message in a conversation since they joined: presence is
-- shared only between members who both have. A table of its own, as mutes are.
CREATE TABLE IF NOT EXISTS senders (
    conversation_id BINARY(16) NOT NULL,
    user_id         BINARY(16) NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
) ENGINE = InnoDB;

-- Memberships from before keep sharing presence as they did.
INSERT IGNORE INTO senders (conversation_id, user_id)
    SELECT conversation_id, user_id FROM participants;
