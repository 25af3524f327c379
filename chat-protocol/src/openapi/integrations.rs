//! Bots, and (as they come) webhooks in and out.

#![allow(dead_code)]

use crate::error::ErrorBody;
use crate::http::{BotCreated, BotToken, CreateBotRequest};

#[utoipa::path(post, path = "/api/v1/admin/bots", tag = "integrations",
    security(("bearer" = [])),
    request_body = CreateBotRequest,
    responses(
        (status = 201, description = "The bot and its token, which lasts until revoked", body = BotCreated),
        (status = "default", description = "403 for a caller who is not an admin, 400 for a bad username or display name, 409 if the username is taken", body = ErrorBody),
    ))]
pub fn create_bot() {}

#[utoipa::path(post, path = "/api/v1/admin/bots/{id}/token", tag = "integrations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The bot")),
    responses(
        (status = 201, description = "A new token; the bot's earlier one stops working and its sockets close", body = BotToken),
        (status = "default", description = "403 for a caller who is not an admin, 404 unless the id is a bot's", body = ErrorBody),
    ))]
pub fn renew_bot_token() {}

#[utoipa::path(delete, path = "/api/v1/admin/bots/{id}/token", tag = "integrations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The bot")),
    responses(
        (status = 204, description = "The bot's token stops working at once and its sockets close (1008)"),
        (status = "default", description = "403 for a caller who is not an admin, 404 unless the id is a bot's", body = ErrorBody),
    ))]
pub fn revoke_bot_token() {}
