-- Who removed a message as a moderator, and when; both null for one recalled by its
-- sender or not removed at all.
ALTER TABLE messages ADD COLUMN removed_by uuid, ADD COLUMN removed_at timestamptz;
