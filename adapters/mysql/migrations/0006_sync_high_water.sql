-- The highest sync point handed out (raised at most once a second): a database clock
-- found well below it has gone back, and the sync epoch is renewed so that no cursor
-- can skip a change stamped below the point it holds. A table of its own, so the
-- migration can be rerun safely.
CREATE TABLE IF NOT EXISTS sync_high_water (
    id      TINYINT UNSIGNED NOT NULL PRIMARY KEY,
    settled BIGINT UNSIGNED  NOT NULL
) ENGINE = InnoDB;

INSERT IGNORE INTO sync_high_water (id, settled) VALUES (1, 0);
