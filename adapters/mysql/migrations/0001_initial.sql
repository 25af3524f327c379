-- Ids are BINARY(16): a UUID's 16 bytes rather than its 36-character text. InnoDB copies
-- the primary key into every secondary index, so this keeps rows and indexes less than
-- half the size; `HEX(id)` or `BIN_TO_UUID`-style formatting shows them when reading by hand.
-- Times are DATETIME(6) in UTC: readable in a SQL shell, microsecond precision.
-- No foreign keys: the use cases keep references valid, and the message log must accept
-- appends for conversations stored elsewhere (TXT messages beside MySQL metadata).

CREATE TABLE IF NOT EXISTS users (
    id            BINARY(16)   NOT NULL,
    username      VARCHAR(32)  NOT NULL,
    -- The lowercase username: unique without regard to case, ordered bytewise.
    username_key  VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    display_name  VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    role          ENUM('user', 'admin') NOT NULL,
    banned        BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY users_username_key (username_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS sessions (
    -- SHA-256 of the token, hex: the token itself is never stored.
    token_hash CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    user_id    BINARY(16)  NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    PRIMARY KEY (token_hash),
    KEY sessions_user (user_id),
    KEY sessions_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS conversations (
    id          BINARY(16)   NOT NULL,
    kind        ENUM('direct', 'group') NOT NULL,
    title       VARCHAR(100) NULL,
    -- A direct conversation's two users, lower id first; NULL for groups. The unique key
    -- makes "one direct conversation per pair" hold across every server process.
    direct_low  BINARY(16)   NULL,
    direct_high BINARY(16)   NULL,
    created_by  BINARY(16)   NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY conversations_direct_pair (direct_low, direct_high)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS participants (
    conversation_id BINARY(16)      NOT NULL,
    user_id         BINARY(16)      NOT NULL,
    role            ENUM('owner', 'admin', 'member') NOT NULL,
    joined_at       DATETIME(6)     NOT NULL,
    last_read_seq   BIGINT UNSIGNED NOT NULL DEFAULT 0,
    -- Breaks ties in join time: members of a new group join in the order given.
    ord             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (conversation_id, user_id),
    KEY participants_user (user_id),
    KEY participants_ord (ord)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The message log owns each conversation's last seq. Appends take this row's lock in the
-- same transaction as the insert, so seqs stay gap-free across processes.
CREATE TABLE IF NOT EXISTS message_counters (
    conversation_id BINARY(16)      NOT NULL,
    last_seq        BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (conversation_id)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS messages (
    conversation_id BINARY(16)      NOT NULL,
    seq             BIGINT UNSIGNED NOT NULL,
    id              BINARY(16)      NOT NULL,
    sender_id       BINARY(16)      NOT NULL,
    kind            ENUM('text', 'image', 'file', 'system') NOT NULL,
    body            TEXT            CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    client_msg_id   VARCHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NULL,
    reply_to        BIGINT UNSIGNED NULL,
    created_at      DATETIME(6)     NOT NULL,
    -- Clustered by conversation then seq: a history page is one range read.
    PRIMARY KEY (conversation_id, seq),
    UNIQUE KEY messages_id (id),
    -- Idempotent sends: one message per (conversation, sender, client_msg_id).
    UNIQUE KEY messages_client_id (conversation_id, sender_id, client_msg_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
