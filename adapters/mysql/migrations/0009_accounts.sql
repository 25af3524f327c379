-- What an account is beyond its `users` row, for the accounts that are more than a
-- person with a password: a bot, or a user a host service's tokens made (their issuer
-- and subject, unique: one chat user per host identity; NULLs for others). Such
-- accounts have no password: their `users.password_hash` is ''.
CREATE TABLE IF NOT EXISTS user_origins (
    user_id      BINARY(16)   NOT NULL,
    bot          BOOLEAN      NOT NULL DEFAULT FALSE,
    host_issuer  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    host_subject VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    PRIMARY KEY (user_id),
    UNIQUE KEY user_origins_host (host_issuer, host_subject)
) ENGINE = InnoDB;

-- A session's last use, to the minute, and the client it was opened from. Deleted with
-- its session; a session without a row (from before this table) was last used when it
-- was created.
CREATE TABLE IF NOT EXISTS session_uses (
    token_hash   CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    last_used_at DATETIME(6)  NOT NULL,
    user_agent   VARCHAR(256) NULL,
    PRIMARY KEY (token_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
