-- Incoming webhooks: a group's URL whose holder posts as the webhook's bot. Found by the
-- SHA-256 of the token (hex); the token is never stored.
CREATE TABLE IF NOT EXISTS webhooks (
    id              BINARY(16)  NOT NULL,
    conversation_id BINARY(16)  NOT NULL,
    name            VARCHAR(64) NOT NULL,
    token_hash      CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    bot_id          BINARY(16)  NOT NULL,
    created_by      BINARY(16)  NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY webhooks_token (token_hash),
    KEY webhooks_conversation (conversation_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
