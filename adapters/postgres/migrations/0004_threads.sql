-- Threads, forwards and pins. A reply names its root's seq; a root's summary and a pin
-- are changes of the message (they rewrite the row, as edits and reactions do).
ALTER TABLE messages
    ADD COLUMN thread_root         bigint      NULL,
    -- `{"replies", "last_seq", "last_reply_at", "participants": [uuid, …]}`.
    ADD COLUMN thread              jsonb       NULL,
    -- Where a forwarded message came from (never its conversation).
    ADD COLUMN forwarded_sender_id uuid        NULL,
    ADD COLUMN forwarded_at        timestamptz NULL,
    ADD COLUMN pinned_by           uuid        NULL,
    ADD COLUMN pinned_at           timestamptz NULL;
-- A thread's page is one range read of this index.
CREATE INDEX messages_thread ON messages (conversation_id, thread_root, seq)
    WHERE thread_root IS NOT NULL;
-- A conversation's pins, newest first, and their count before a pin.
CREATE INDEX messages_pinned ON messages (conversation_id, pinned_at)
    WHERE pinned_at IS NOT NULL;
