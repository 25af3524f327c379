-- Accounts that are more than a person with a password: a bot, or a user a host
-- service's tokens made (its issuer, '' for none, and subject: one chat user per host
-- identity; NULLs never collide). Neither has a password: password_hash is NULL.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ADD COLUMN bot boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN host_issuer text NULL;
ALTER TABLE users ADD COLUMN host_subject text NULL;
ALTER TABLE users ADD CONSTRAINT users_host UNIQUE (host_issuer, host_subject);

-- A session's last use, to the minute (NULL: never since it was created), and the
-- client it was opened from.
ALTER TABLE sessions ADD COLUMN last_used_at timestamptz NULL;
ALTER TABLE sessions ADD COLUMN user_agent text NULL;
