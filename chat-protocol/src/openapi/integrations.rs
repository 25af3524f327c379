//! Bots, incoming webhooks, and reports to the admins.

#![allow(dead_code)]

use crate::error::ErrorBody;
use crate::http::{
    BotCreated, BotToken, CreateBotRequest, CreateWebhookRequest, HookPost, ReportCreated,
    ReportInfo, ReportRequest, ReportsQuery, ResolveRequest, WebhookCreatedBody, WebhookInfo,
};
use crate::objects::Message;

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

#[utoipa::path(post, path = "/api/v1/conversations/{id}/webhooks", tag = "integrations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The group")),
    request_body = CreateWebhookRequest,
    responses(
        (status = 201, description = "The webhook, its token (shown once) and its URL; its bot joins the group", body = WebhookCreatedBody),
        (status = "default", description = "403 unless the caller is an owner or admin of the group (a direct conversation included), 400 for a bad name or a full group", body = ErrorBody),
    ))]
pub fn create_webhook() {}

#[utoipa::path(get, path = "/api/v1/conversations/{id}/webhooks", tag = "integrations",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The group")),
    responses(
        (status = 200, description = "The group's webhooks, oldest first, without their tokens", body = Vec<WebhookInfo>),
        (status = "default", description = "403 unless the caller is an owner or admin of the group", body = ErrorBody),
    ))]
pub fn list_webhooks() {}

#[utoipa::path(delete, path = "/api/v1/conversations/{id}/webhooks/{webhook_id}", tag = "integrations",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The group"),
        ("webhook_id" = uuid::Uuid, Path, description = "The webhook"),
    ),
    responses(
        (status = 204, description = "Deleted: its URL answers 404 from now on, and its bot leaves the group"),
        (status = "default", description = "403 unless the caller is an owner or admin of the group, 404 for no such webhook there", body = ErrorBody),
    ))]
pub fn delete_webhook() {}

#[utoipa::path(post, path = "/hooks/{token}", tag = "integrations",
    params(("token" = String, Path, description = "The webhook's secret, from its URL")),
    request_body = HookPost,
    responses(
        (status = 201, description = "The message, posted by the webhook's bot", body = Message),
        (status = 200, description = "A retry with a client_msg_id already used: the stored message", body = Message),
        (status = "default", description = "404 for a token that names no webhook (unknown or deleted), 400 for a bad body, 429 past the send rate limit, 403 when its bot was removed from the group", body = ErrorBody),
    ))]
pub fn post_to_webhook() {}

#[utoipa::path(post, path = "/api/v1/reports", tag = "moderation",
    security(("bearer" = [])),
    request_body = ReportRequest,
    responses(
        (status = 201, description = "The report, open in the admins' queue", body = ReportCreated),
        (status = "default", description = "400 for a reason that is not 1-500 characters, 403 for a non-member, 404 for no message at seq, 409 if the caller has an open report of it", body = ErrorBody),
    ))]
pub fn report() {}

#[utoipa::path(get, path = "/api/v1/admin/reports", tag = "moderation",
    security(("bearer" = [])),
    params(ReportsQuery),
    responses(
        (status = 200, description = "Reports, oldest first, each with the message as it is now", body = Vec<ReportInfo>),
        (status = "default", description = "403 for a caller who is not an admin", body = ErrorBody),
    ))]
pub fn reports() {}

#[utoipa::path(post, path = "/api/v1/admin/reports/{id}/resolve", tag = "moderation",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The report")),
    request_body = ResolveRequest,
    responses(
        (status = 200, description = "The report, settled", body = ReportInfo),
        (status = "default", description = "403 for a caller who is not an admin, 404 for no such report, 409 if it is settled already, 400 for banning oneself", body = ErrorBody),
    ))]
pub fn resolve_report() {}

#[utoipa::path(delete, path = "/api/v1/admin/conversations/{id}/messages/{seq}", tag = "moderation",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The conversation"),
        ("seq" = u64, Path, description = "The message's seq"),
    ),
    responses(
        (status = 200, description = "The message, now a tombstone with removed_by and removed_at (a plain recall if the admin sent it); members get message_updated", body = Message),
        (status = "default", description = "403 for a caller who is not an admin or a system message, 404 for no message at seq, 409 if it is a tombstone already", body = ErrorBody),
    ))]
pub fn admin_remove_message() {}
