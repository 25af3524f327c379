-- Change stamps for the sync call: microseconds of the database's own clock (one clock
-- for every server process), taken when a change is written. A row's stamp only grows.
-- Tables of their own, as mutes are, so the migration can be rerun safely.

-- Names this database's stamps: a sync cursor from another database is refused.
CREATE TABLE IF NOT EXISTS sync_epoch (
    id    TINYINT UNSIGNED NOT NULL PRIMARY KEY,
    epoch BIGINT UNSIGNED  NOT NULL
) ENGINE = InnoDB;

INSERT IGNORE INTO sync_epoch (id, epoch) VALUES (1, CONV(LEFT(MD5(UUID()), 15), 16, 10));

-- A conversation's last change every member sees: created, members added or removed,
-- a role changed.
CREATE TABLE IF NOT EXISTS conversation_stamps (
    conversation_id BINARY(16)      NOT NULL PRIMARY KEY,
    stamp           BIGINT UNSIGNED NOT NULL
) ENGINE = InnoDB;

-- A member's own row: joined, read cursor moved, muted or unmuted.
CREATE TABLE IF NOT EXISTS member_stamps (
    conversation_id BINARY(16)      NOT NULL,
    user_id         BINARY(16)      NOT NULL,
    stamp           BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
) ENGINE = InnoDB;

-- Who left (or was removed from) which conversation, and when.
CREATE TABLE IF NOT EXISTS departures (
    user_id         BINARY(16)      NOT NULL,
    conversation_id BINARY(16)      NOT NULL,
    stamp           BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (user_id, conversation_id),
    KEY departures_since (user_id, stamp)
) ENGINE = InnoDB;

-- A conversation's message log: its last append or change.
CREATE TABLE IF NOT EXISTS message_stamps (
    conversation_id BINARY(16)      NOT NULL PRIMARY KEY,
    stamp           BIGINT UNSIGNED NOT NULL
) ENGINE = InnoDB;
