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

-- Search terms of live text messages (chat_domain::rules::index_terms, each written as
-- hex so that InnoDB's tokenizer, its minimum token size and its stopwords leave them
-- whole). A FULLTEXT index in boolean mode finds the candidates; the message as it is now
-- confirms them, so a row left stale by a racing edit or recall only costs a look.
CREATE TABLE IF NOT EXISTS message_search (
    conversation_id BINARY(16)      NOT NULL,
    seq             BIGINT UNSIGNED NOT NULL,
    created_at      DATETIME(6)     NOT NULL,
    terms           MEDIUMTEXT      NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    FULLTEXT KEY terms (terms)
) ENGINE = InnoDB DEFAULT CHARSET = ascii;
