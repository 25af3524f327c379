-- Change stamps for the sync call: microseconds of the database's own clock (one clock
-- for every server process), taken when a change is written. A row's stamp only grows;
-- 0 is "not changed since stamps began".

-- Names this database's stamps: a sync cursor from another database is refused.
CREATE TABLE sync_epoch (
    id    smallint NOT NULL PRIMARY KEY,
    epoch bigint   NOT NULL
);
INSERT INTO sync_epoch (id, epoch) VALUES (1, floor(random() * 9.2e18)::bigint);

-- A conversation's last change every member sees: created, members added or removed,
-- a role changed.
ALTER TABLE conversations ADD COLUMN stamp bigint NOT NULL DEFAULT 0;
-- A member's own row: joined, read cursor moved, muted or unmuted.
ALTER TABLE participants ADD COLUMN stamp bigint NOT NULL DEFAULT 0;

-- Who left (or was removed from) which conversation, and when.
CREATE TABLE departures (
    user_id         uuid   NOT NULL,
    conversation_id uuid   NOT NULL,
    stamp           bigint NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);

-- A conversation's message log: its last append or change. A table of its own, so a
-- change does not wait on the appends holding `message_counters`.
CREATE TABLE message_stamps (
    conversation_id uuid   NOT NULL PRIMARY KEY,
    stamp           bigint NOT NULL
);
