-- Ids are `uuid` (16 bytes), times `timestamptz` (microseconds, UTC), seqs and versions
-- `bigint`. No foreign keys: the use cases keep references valid, and the message log
-- must accept appends for conversations stored elsewhere (TXT messages beside
-- PostgreSQL metadata). Each migration runs in one transaction with its record in
-- `schema_migrations`: it is applied whole or not at all.

CREATE TABLE users (
    id            uuid        NOT NULL PRIMARY KEY,
    username      text        NOT NULL,
    -- The lowercase username: unique without regard to case, ordered bytewise ("C").
    username_key  text        COLLATE "C" NOT NULL,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('user', 'admin')),
    banned        boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    CONSTRAINT users_username_key UNIQUE (username_key)
);

CREATE TABLE sessions (
    -- SHA-256 of the token, hex: the token itself is never stored.
    token_hash text        NOT NULL PRIMARY KEY,
    user_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id, created_at);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE conversations (
    id          uuid        NOT NULL PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('direct', 'group')),
    title       text        NULL,
    -- A direct conversation's two users, lower id first; NULL for groups (NULLs never
    -- collide). The unique constraint makes "one direct conversation per pair" hold
    -- across every server process.
    direct_low  uuid        NULL,
    direct_high uuid        NULL,
    created_by  uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT conversations_direct_pair UNIQUE (direct_low, direct_high)
);

-- A member's own state lives on their row: removing them forgets it, so a member who
-- rejoins starts unmuted, with nothing delivered or sent.
CREATE TABLE participants (
    conversation_id uuid        NOT NULL,
    user_id         uuid        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at       timestamptz NOT NULL,
    last_read_seq   bigint      NOT NULL DEFAULT 0,
    -- The highest seq their devices reported received.
    delivered_seq   bigint      NOT NULL DEFAULT 0,
    muted           boolean     NOT NULL DEFAULT false,
    -- Sent a message since joining: presence is shared only between members who both have.
    has_sent        boolean     NOT NULL DEFAULT false,
    -- Breaks ties in join time: members of a new group join in the order given.
    ord             bigint      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX participants_user ON participants (user_id);

-- The message log owns each conversation's last seq. An append updates this row in the
-- same transaction as its insert and holds the row's lock until it commits, so seqs stay
-- gap-free across processes.
CREATE TABLE message_counters (
    conversation_id uuid   NOT NULL PRIMARY KEY,
    last_seq        bigint NOT NULL
);

CREATE TABLE messages (
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    id              uuid        NOT NULL,
    sender_id       uuid        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('text', 'image', 'file', 'system')),
    body            text        NOT NULL,
    client_msg_id   text        NULL,
    reply_to        bigint      NULL,
    created_at      timestamptz NOT NULL,
    -- Who the message mentions, in the order given; the `mentions` table indexes them.
    mentions        uuid[]      NOT NULL DEFAULT '{}',
    -- Changes (edits, recalls, reactions) rewrite the row; `version` is the
    -- conversation's change counter at its last change (0: never changed).
    edited_at       timestamptz NULL,
    deleted         boolean     NOT NULL DEFAULT false,
    -- `[{"emoji": "👍", "users": [uuid, …]}, …]` in the order first reacted.
    reactions       jsonb       NULL,
    version         bigint      NOT NULL DEFAULT 0,
    -- A history page is one range read of this index.
    PRIMARY KEY (conversation_id, seq),
    CONSTRAINT messages_id UNIQUE (id),
    -- Idempotent sends: one message per (conversation, sender, client_msg_id); rows
    -- without a client id never collide.
    CONSTRAINT messages_client_id UNIQUE (conversation_id, sender_id, client_msg_id)
);
-- The changes feed: only changed messages are in it.
CREATE UNIQUE INDEX messages_changes ON messages (conversation_id, version) WHERE version > 0;

-- A conversation's change counter; its row lock serialises changes per conversation.
CREATE TABLE change_counters (
    conversation_id uuid   NOT NULL PRIMARY KEY,
    last_version    bigint NOT NULL
);

-- Unread mentions are counted here: one index range per (conversation, member).
CREATE TABLE mentions (
    conversation_id uuid   NOT NULL,
    user_id         uuid   NOT NULL,
    seq             bigint NOT NULL,
    PRIMARY KEY (conversation_id, user_id, seq)
);

-- How far each conversation's messages are in `message_terms`: appends are indexed
-- after their commit, off the append path, and a search first brings its conversations
-- up to date, so results are always complete.
CREATE TABLE search_watermark (
    conversation_id uuid   NOT NULL PRIMARY KEY,
    indexed_seq     bigint NOT NULL
);

-- The search index: one row per (message, key) of each live text message, the keys of
-- chat_domain::rules::search_keys (its terms and word prefixes as 64-bit hashes, stored
-- as their bigint bit pattern). A search looks up one key in the caller's conversations,
-- newest first, and the message as it is now confirms each candidate. An edit or recall
-- deletes a message's rows by the keys of its old body, through the primary key: no
-- second index to write on every insert.
CREATE TABLE message_terms (
    conversation_id uuid        NOT NULL,
    term            bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    seq             bigint      NOT NULL,
    PRIMARY KEY (conversation_id, term, created_at, seq)
);
