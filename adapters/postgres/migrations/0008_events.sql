-- Events waiting for the host's events receiver, in queue order (`position`). A row
-- names what happened (kind 1 message.created, 2 message.updated, 3 member.added, 4
-- member.removed, 5 conversation.created; change 1 edit … 6 unpin): the message itself
-- is read when the event goes out. Deleted once delivered or given up.
CREATE TABLE event_outbox (
    position        bigserial   NOT NULL PRIMARY KEY,
    id              uuid        NOT NULL,
    at              timestamptz NOT NULL,
    kind            smallint    NOT NULL,
    conversation_id uuid        NOT NULL,
    seq             bigint      NULL,
    user_id         uuid        NULL,
    by_user         uuid        NULL,
    change_kind     smallint    NULL
);

-- Who delivers the queue, until when: one node of those sharing the database.
CREATE TABLE event_lease (
    name   text        NOT NULL PRIMARY KEY,
    holder text        NOT NULL,
    until  timestamptz NOT NULL
);
INSERT INTO event_lease (name, holder, until) VALUES ('events', '', 'epoch');
