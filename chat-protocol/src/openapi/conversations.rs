//! Conversations, members and cursors.

#![allow(dead_code)]

use crate::error::ErrorBody;
use crate::http::{AddMemberRequest, CreateConversation, ReadRequest, ReceivedRequest};
use crate::objects::{ConversationDetail, ConversationSummary};

#[utoipa::path(post, path = "/api/v1/conversations", tag = "conversations",
    security(("bearer" = [])),
    request_body = CreateConversation,
    responses(
        (status = 201, description = "The new conversation, with its members", body = ConversationDetail),
        (status = 200, description = "The existing direct conversation of the pair", body = ConversationDetail),
        (status = "default", description = "400 for a bad title or id, 403 for a banned caller, 404 for an unknown user", body = ErrorBody),
    ))]
pub fn create() {}

#[utoipa::path(get, path = "/api/v1/conversations", tag = "conversations",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's conversations, newest activity first", body = Vec<ConversationSummary>),
        (status = "default", description = "401 without a valid token", body = ErrorBody),
    ))]
pub fn list() {}

#[utoipa::path(get, path = "/api/v1/conversations/{id}", tag = "conversations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation")),
    responses(
        (status = 200, description = "The conversation with its members", body = ConversationDetail),
        (status = "default", description = "403 for a non-member (and for an unknown id)", body = ErrorBody),
    ))]
pub fn get() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/members", tag = "conversations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The group")),
    request_body = AddMemberRequest,
    responses(
        (status = 204, description = "Added"),
        (status = "default", description = "403 unless the caller is the group's owner or an admin, 404 for an unknown user, 409 for a member already", body = ErrorBody),
    ))]
pub fn add_member() {}

#[utoipa::path(delete, path = "/api/v1/conversations/{id}/members/{user_id}", tag = "conversations",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The group"),
        ("user_id" = uuid::Uuid, Path, description = "The member (the caller, to leave)"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = "default", description = "403 when not allowed, 404 for no such member", body = ErrorBody),
    ))]
pub fn remove_member() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/mute", tag = "conversations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation")),
    responses(
        (status = 204, description = "No push notifications for it"),
        (status = "default", description = "403 for a non-member", body = ErrorBody),
    ))]
pub fn mute() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/unmute", tag = "conversations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation")),
    responses(
        (status = 204, description = "Push notifications again"),
        (status = "default", description = "403 for a non-member", body = ErrorBody),
    ))]
pub fn unmute() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/read", tag = "conversations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation")),
    request_body = ReadRequest,
    responses(
        (status = 204, description = "The read cursor moved to min(seq, last_seq), never backwards"),
        (status = "default", description = "400 for seq 0, 403 for a non-member", body = ErrorBody),
    ))]
pub fn read() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/received", tag = "conversations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation")),
    request_body = ReceivedRequest,
    responses(
        (status = 204, description = "The delivery cursor moved to min(seq, last_seq), never backwards"),
        (status = "default", description = "400 for seq 0, 403 for a non-member", body = ErrorBody),
    ))]
pub fn received() {}

#[utoipa::path(get, path = "/api/v1/sync", tag = "conversations",
    security(("bearer" = [])),
    params(crate::http::SyncQuery),
    responses(
        (status = 200, description = "Each conversation changed since the cursor, once and as it is now (every one without `since`), the ones left, and the next cursor", body = crate::http::SyncAnswer),
        (status = "default", description = "400 for a cursor this server cannot use (sync again without `since`) or a limit of 0", body = ErrorBody),
    ))]
pub fn sync() {}
