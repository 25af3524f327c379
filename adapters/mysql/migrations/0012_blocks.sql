-- Who blocks whom, since when: the blocker's list is its primary key's range, the users
-- blocking someone the second key's.
CREATE TABLE IF NOT EXISTS blocks (
    blocker BINARY(16)  NOT NULL,
    blocked BINARY(16)  NOT NULL,
    at      DATETIME(6) NOT NULL,
    PRIMARY KEY (blocker, blocked),
    KEY blocks_blocked (blocked)
) ENGINE = InnoDB;
