-- Events waiting for the host's events receiver, in queue order (`position`). A row
-- names what happened (kind 1 message.created, 2 message.updated, 3 member.added, 4
-- member.removed, 5 conversation.created; change 1 edit … 6 unpin): the message itself
-- is read when the event goes out. Deleted once delivered or given up.
CREATE TABLE IF NOT EXISTS event_outbox (
    position        BIGINT UNSIGNED   NOT NULL AUTO_INCREMENT,
    id              BINARY(16)        NOT NULL,
    at              DATETIME(6)       NOT NULL,
    kind            TINYINT UNSIGNED  NOT NULL,
    conversation_id BINARY(16)        NOT NULL,
    seq             BIGINT UNSIGNED   NULL,
    user_id         BINARY(16)        NULL,
    by_user         BINARY(16)        NULL,
    change_kind     TINYINT UNSIGNED  NULL,
    PRIMARY KEY (position)
) ENGINE = InnoDB;

-- Who delivers the queue, until when: one node of those sharing the database.
CREATE TABLE IF NOT EXISTS event_lease (
    name   VARCHAR(16)  NOT NULL,
    holder VARCHAR(64)  NOT NULL,
    until  DATETIME(6)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB;

INSERT IGNORE INTO event_lease (name, holder, until) VALUES ('events', '', '1970-01-01 00:00:00');
