-- Rich messaging: edits, recalls and reactions, mentions, delivery cursors and search.
-- Tables of their own rather than new columns, so the migration can be rerun safely on
-- MySQL and MariaDB alike, and the append path's `messages` rows stay as they are.

-- A member's delivery cursor (the highest seq their devices reported received).
CREATE TABLE IF NOT EXISTS delivered (
    conversation_id BINARY(16)      NOT NULL,
    user_id         BINARY(16)      NOT NULL,
    seq             BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
) ENGINE = InnoDB;

-- A conversation's change counter; its row lock serialises changes per conversation.
CREATE TABLE IF NOT EXISTS change_counters (
    conversation_id BINARY(16)      NOT NULL PRIMARY KEY,
    last_version    BIGINT UNSIGNED NOT NULL
) ENGINE = InnoDB;

-- Each changed message as it is after its last change (the same JSON the TXT store keeps),
-- read over the `messages` row.
CREATE TABLE IF NOT EXISTS message_changes (
    conversation_id BINARY(16)      NOT NULL,
    seq             BIGINT UNSIGNED NOT NULL,
    version         BIGINT UNSIGNED NOT NULL,
    state           MEDIUMTEXT      NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    UNIQUE KEY by_version (conversation_id, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Who a message mentions: read with the message, counted for unread mentions.
CREATE TABLE IF NOT EXISTS mentions (
    conversation_id BINARY(16)      NOT NULL,
    seq             BIGINT UNSIGNED NOT NULL,
    user_id         BINARY(16)      NOT NULL,
    PRIMARY KEY (conversation_id, seq, user_id),
    KEY unread (conversation_id, user_id, seq)
) ENGINE = InnoDB;

-- How far each conversation's messages are in `message_search`: appends are indexed
-- after their commit, off the append path, and a search first brings its conversations
-- up to date, so results are always complete.
CREATE TABLE IF NOT EXISTS search_watermark (
    conversation_id BINARY(16)      NOT NULL PRIMARY KEY,
    indexed_seq     BIGINT UNSIGNED NOT NULL
) ENGINE = InnoDB;

-- The search index: one row per (message, term) of each live text message, terms from
-- chat_domain::rules::index_terms plus each word's prefixes, stored as 64-bit FNV-1a
-- hashes. A search looks up one term in the caller's conversations, newest first, and
-- the message as it is now confirms each candidate (a hash collision, a stale row left
-- by a racing edit or recall, or a second term elsewhere in the text only costs a look).
-- A plain B-tree rather than InnoDB FULLTEXT: inserting into a FULLTEXT index, even off
-- the append path, cut concurrent append throughput about threefold.
CREATE TABLE IF NOT EXISTS message_terms (
    conversation_id BINARY(16)      NOT NULL,
    term            BIGINT UNSIGNED NOT NULL,
    created_at      DATETIME(6)     NOT NULL,
    seq             BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (conversation_id, term, created_at, seq),
    KEY by_message (conversation_id, seq)
) ENGINE = InnoDB;
