-- The highest sync point handed out (raised at most once a second): a database clock
-- found well below it has gone back, and the sync epoch is renewed so that no cursor
-- can skip a change stamped below the point it holds.
CREATE TABLE sync_high_water (
    id      smallint NOT NULL PRIMARY KEY,
    settled bigint   NOT NULL
);
INSERT INTO sync_high_water (id, settled) VALUES (1, 0);
