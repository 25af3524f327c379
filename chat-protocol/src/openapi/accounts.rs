//! Sign-up, sessions, profiles and the admin calls.

#![allow(dead_code)]

use crate::error::ErrorBody;
use crate::http::{
    AdminUsersQuery, BlockRequest, EndSessionsQuery, LoginRequest, RegisterRequest, Session,
    SessionInfo,
};
use crate::objects::{Challenge, ExportDocument, FullUser, Stats, User};

#[utoipa::path(post, path = "/api/v1/users", tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The new account", body = User),
        (status = "default", description = "400 for a bad username or a short password, or (with challenges on) a missing, wrong, expired or reused challenge answer (`challenge_required`), 409 if the username is taken, 429 too many sign-ups, 503 if a captcha provider could not be asked", body = ErrorBody),
    ))]
pub fn register() {}

#[utoipa::path(get, path = "/api/v1/challenge", tag = "accounts",
    responses(
        (status = 200, description = "A challenge to answer with a sign-up, or with a login that asked for one", body = Challenge),
        (status = "default", description = "404 when challenges are off on this server", body = ErrorBody),
    ))]
pub fn challenge() {}

#[utoipa::path(post, path = "/api/v1/sessions", tag = "accounts",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "A new session", body = Session),
        (status = "default", description = "401 on wrong credentials (with `challenge_required` once the username or address has failed 3 times in 15 minutes, when challenges are on), 400 for a wrong, expired or reused challenge answer, 403 for a banned account, 429 too many logins", body = ErrorBody),
    ))]
pub fn login() {}

#[utoipa::path(delete, path = "/api/v1/sessions/current", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The token stops working, for HTTP and for its WebSockets"),
        (status = "default", description = "401 without a valid token", body = ErrorBody),
    ))]
pub fn logout() {}

#[utoipa::path(delete, path = "/api/v1/sessions", tag = "accounts",
    security(("bearer" = [])),
    params(EndSessionsQuery),
    responses(
        (status = 204, description = "Every other session of the caller stops working, for HTTP and for its WebSockets (closed with 1008); the one it called with goes on"),
        (status = "default", description = "400 without all_but_current=true, 401 without a valid token", body = ErrorBody),
    ))]
pub fn end_other_sessions() {}

#[utoipa::path(get, path = "/api/v1/sessions", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's active sessions, newest first", body = Vec<SessionInfo>),
        (status = "default", description = "401 without a valid token", body = ErrorBody),
    ))]
pub fn list_sessions() {}

#[utoipa::path(delete, path = "/api/v1/sessions/{id}", tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "A session's id from GET /api/v1/sessions")),
    responses(
        (status = 204, description = "That session's token stops working at once, for HTTP and for its WebSockets (closed with 1008)"),
        (status = "default", description = "404 for an id that is not one of the caller's active sessions, 401 without a valid token", body = ErrorBody),
    ))]
pub fn end_session() {}

#[utoipa::path(get, path = "/api/v1/blocks", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The users the caller blocks, most recently blocked first", body = Vec<User>),
        (status = "default", description = "401 without a valid token", body = ErrorBody),
    ))]
pub fn blocks() {}

#[utoipa::path(post, path = "/api/v1/blocks", tag = "accounts",
    security(("bearer" = [])),
    request_body = BlockRequest,
    responses(
        (status = 204, description = "Blocked (again: no change)"),
        (status = "default", description = "400 for oneself, 404 for an unknown user", body = ErrorBody),
    ))]
pub fn block() {}

#[utoipa::path(delete, path = "/api/v1/blocks/{user_id}", tag = "accounts",
    security(("bearer" = [])),
    params(("user_id" = uuid::Uuid, Path, description = "The user to unblock")),
    responses(
        (status = 204, description = "No longer blocked (also when it was not)"),
        (status = "default", description = "401 without a valid token", body = ErrorBody),
    ))]
pub fn unblock() {}

#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's account", body = FullUser),
        (status = "default", description = "401 without a valid token", body = ErrorBody),
    ))]
pub fn me() {}

#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's data as one JSON document (chat-export/1, see PROTOCOL.md, Export), streamed as it is read: profile, each conversation they are in with their role, read cursor and mute, the messages they sent there, their reactions and their files", body = ExportDocument),
        (status = "default", description = "401 without a valid token; 429 while the caller runs as many transfers as allowed", body = ErrorBody),
    ))]
pub fn export() {}

#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    security(("bearer" = [])),
    params(
        ("query" = Option<String>, Query, description = "Up to 20 users whose username starts with this, banned users left out"),
        ("id" = Option<Vec<uuid::Uuid>>, Query, description = "Instead: the users with these ids (repeat `id`, at most 100)"),
    ),
    responses(
        (status = 200, description = "The users found", body = Vec<User>),
        (status = "default", description = "400 for a bad id or query", body = ErrorBody),
    ))]
pub fn users() {}

#[utoipa::path(get, path = "/api/v1/admin/users", tag = "accounts",
    security(("bearer" = [])),
    params(AdminUsersQuery),
    responses(
        (status = 200, description = "Accounts by username", body = Vec<FullUser>),
        (status = "default", description = "403 for a caller who is not an admin", body = ErrorBody),
    ))]
pub fn admin_users() {}

#[utoipa::path(post, path = "/api/v1/admin/users/{id}/ban", tag = "accounts",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user")),
    responses(
        (status = 200, description = "The user, banned: every session ends, live sockets close (1008)", body = FullUser),
        (status = "default", description = "403 for a caller who is not an admin, 404 for no such user", body = ErrorBody),
    ))]
pub fn ban() {}

#[utoipa::path(post, path = "/api/v1/admin/users/{id}/unban", tag = "accounts",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The user")),
    responses(
        (status = 200, description = "The user, no longer banned", body = FullUser),
        (status = "default", description = "403 for a caller who is not an admin, 404 for no such user", body = ErrorBody),
    ))]
pub fn unban() {}

#[utoipa::path(get, path = "/api/v1/admin/stats", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Server-wide counts", body = Stats),
        (status = "default", description = "403 for a caller who is not an admin", body = ErrorBody),
    ))]
pub fn stats() {}
