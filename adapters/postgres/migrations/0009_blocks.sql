-- Who blocks whom, since when: the blocker's list is its primary key's range, the users
-- blocking someone the second index's.
CREATE TABLE blocks (
    blocker uuid        NOT NULL,
    blocked uuid        NOT NULL,
    at      timestamptz NOT NULL,
    PRIMARY KEY (blocker, blocked)
);
CREATE INDEX blocks_blocked ON blocks (blocked);
