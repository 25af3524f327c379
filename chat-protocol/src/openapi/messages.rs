//! History, sending, changes and search.

#![allow(dead_code)]

use crate::error::ErrorBody;
use crate::http::{
    ChangesQuery, EditRequest, HistoryQuery, MessagePage, PinRequest, ReactRequest, SearchQuery,
    SearchResults, SendRequest,
};
use crate::objects::Message;

#[utoipa::path(get, path = "/api/v1/conversations/{id}/messages", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), HistoryQuery),
    responses(
        (status = 200, description = "A page of history, ascending by seq", body = MessagePage),
        (status = "default", description = "400 for a bad cursor or limit, 403 for a non-member", body = ErrorBody),
    ))]
pub fn history() {}

#[utoipa::path(get, path = "/api/v1/conversations/{id}/threads/{root_seq}/messages", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("root_seq" = u64, Path, description = "The thread's root"), HistoryQuery),
    responses(
        (status = 200, description = "A page of the thread's replies, ascending by seq (`top_level` does not apply)", body = MessagePage),
        (status = "default", description = "400 for a bad cursor or limit, 403 for a non-member, 404 for no message at root_seq", body = ErrorBody),
    ))]
pub fn thread() {}

#[utoipa::path(get, path = "/api/v1/conversations/{id}/pins", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation")),
    responses(
        (status = 200, description = "The pinned messages, the most recently pinned first, each with pinned_at and pinned_by", body = MessagePage),
        (status = "default", description = "403 for a non-member", body = ErrorBody),
    ))]
pub fn pins() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/pins", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation")),
    request_body = PinRequest,
    responses(
        (status = 204, description = "Pinned (also when it already was)"),
        (status = "default", description = "403 unless a group's owner or admin or a member of a direct conversation, 404 for no such seq, 409 for a recalled message or a 51st pin", body = ErrorBody),
    ))]
pub fn pin() {}

#[utoipa::path(delete, path = "/api/v1/conversations/{id}/pins/{seq}", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("seq" = u64, Path, description = "The message")),
    responses(
        (status = 204, description = "Unpinned (also when it was not pinned)"),
        (status = "default", description = "403 as for pinning, 404 for no such seq", body = ErrorBody),
    ))]
pub fn unpin() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/messages", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation")),
    request_body = SendRequest,
    responses(
        (status = 201, description = "Stored durably", body = Message),
        (status = 200, description = "A retry: the message stored under this client_msg_id", body = Message),
        (status = "default", description = "400 for a bad body or reply_to, 403 for a non-member, 413 for a body over 5000 characters, 429 too many sends, 503 storage down", body = ErrorBody),
    ))]
pub fn send() {}

#[utoipa::path(patch, path = "/api/v1/conversations/{id}/messages/{seq}", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("seq" = u64, Path, description = "The message")),
    request_body = EditRequest,
    responses(
        (status = 200, description = "The message with its new body", body = Message),
        (status = "default", description = "400 for a non-text message, 403 unless the sender, 404 for no such seq, 409 once recalled", body = ErrorBody),
    ))]
pub fn edit() {}

#[utoipa::path(delete, path = "/api/v1/conversations/{id}/messages/{seq}", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("seq" = u64, Path, description = "The message")),
    responses(
        (status = 200, description = "The message, now a tombstone", body = Message),
        (status = "default", description = "403 when not allowed, 404 for no such seq, 409 if already recalled", body = ErrorBody),
    ))]
pub fn recall() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/messages/{seq}/reactions", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("seq" = u64, Path, description = "The message")),
    request_body = ReactRequest,
    responses(
        (status = 200, description = "The message as it is now", body = Message),
        (status = "default", description = "400 for a bad emoji, 403 for a non-member, 404 for no such seq, 409 for a recalled message or a 21st emoji", body = ErrorBody),
    ))]
pub fn react() {}

#[utoipa::path(get, path = "/api/v1/conversations/{id}/changes", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ChangesQuery),
    responses(
        (status = 200, description = "Messages changed after the version, as they are now, ascending by version", body = MessagePage),
        (status = "default", description = "403 for a non-member", body = ErrorBody),
    ))]
pub fn changes() {}

#[utoipa::path(get, path = "/api/v1/search", tag = "messages",
    security(("bearer" = [])),
    params(SearchQuery),
    responses(
        (status = 200, description = "Hits, newest first", body = SearchResults),
        (status = "default", description = "400 for a bad query or cursor, 403 for a conversation of others", body = ErrorBody),
    ))]
pub fn search() {}
