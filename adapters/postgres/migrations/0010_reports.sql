-- Reports of messages: the admins' moderation queue; one open report per reporter and
-- message (a partial unique index). Action 1 dismiss, 2 remove_message, 3 ban_user.
CREATE TABLE reports (
    id              uuid        NOT NULL PRIMARY KEY,
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    reporter_id     uuid        NOT NULL,
    reason          text        NOT NULL,
    created_at      timestamptz NOT NULL,
    action          smallint    NULL,
    resolved_by     uuid        NULL,
    resolved_at     timestamptz NULL
);
CREATE UNIQUE INDEX reports_one_open ON reports (reporter_id, conversation_id, seq)
    WHERE resolved_at IS NULL;
CREATE INDEX reports_queue ON reports ((resolved_at IS NULL), created_at, id);
