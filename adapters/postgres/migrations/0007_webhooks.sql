-- Incoming webhooks: a group's URL whose holder posts as the webhook's bot. Found by the
-- SHA-256 of the token (hex); the token is never stored.
CREATE TABLE webhooks (
    id              uuid        NOT NULL PRIMARY KEY,
    conversation_id uuid        NOT NULL,
    name            text        NOT NULL,
    token_hash      text        NOT NULL,
    bot_id          uuid        NOT NULL,
    created_by      uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT webhooks_token UNIQUE (token_hash)
);
CREATE INDEX webhooks_conversation ON webhooks (conversation_id, created_at);
