//! Presence, files, health, metrics, this document, and the WebSocket upgrade.

#![allow(dead_code)]

use super::Binary;
use crate::error::ErrorBody;
use crate::http::UploadQuery;
use crate::objects::{FileInfo, Health, Presence};

#[utoipa::path(get, path = "/api/v1/presence", tag = "service",
    security(("bearer" = [])),
    params(("user_id" = Vec<uuid::Uuid>, Query, description = "The users (repeat `user_id`, at most 100); those who share no conversation with the caller are left out")),
    responses(
        (status = 200, description = "Their presence", body = Vec<Presence>),
        (status = "default", description = "400 for a bad id", body = ErrorBody),
    ))]
pub fn presence() {}

#[utoipa::path(post, path = "/api/v1/files", tag = "service",
    security(("bearer" = [])),
    params(UploadQuery),
    request_body(content = Binary, content_type = "application/octet-stream", description = "The file's bytes, with Content-Length; any Content-Type (the type is read from the bytes)"),
    responses(
        (status = 201, description = "Stored", body = FileInfo),
        (status = "default", description = "400 for an empty file, 413 past the upload limit", body = ErrorBody),
    ))]
pub fn upload() {}

#[utoipa::path(get, path = "/api/v1/files/{id}", tag = "service",
    security(("bearer" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "The file"),
        ("Range" = Option<String>, Header, description = "bytes=N-M, bytes=N- or bytes=-N"),
    ),
    responses(
        (status = 200, description = "The bytes, with Content-Type as stored and Content-Disposition", content_type = "application/octet-stream", body = Binary),
        (status = 206, description = "The range asked for, with Content-Range", content_type = "application/octet-stream", body = Binary),
        (status = "default", description = "404 alike for a missing file and one the caller may not read, 416 for a range outside the file", body = ErrorBody),
    ))]
pub fn download() {}

#[utoipa::path(get, path = "/healthz", tag = "service",
    responses(
        (status = 200, description = "Serving: ok, or degraded (this node serves its own connections)", body = Health),
        (status = 503, description = "Storage is down", body = Health),
    ))]
pub fn health() {}

#[utoipa::path(get, path = "/metrics", tag = "service",
    responses(
        (status = 200, description = "Prometheus text", content_type = "text/plain", body = String),
    ))]
pub fn metrics() {}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "service",
    responses(
        (status = 200, description = "This document", content_type = "application/json", body = Object),
    ))]
pub fn openapi() {}

#[utoipa::path(get, path = "/ws", tag = "service",
    params(
        ("token" = Option<String>, Query, description = "A session token (or Authorization: Bearer); without one the first frame must be {\"type\": \"auth\", \"token\"}"),
    ),
    responses(
        (status = 101, description = "Upgraded to a WebSocket speaking the frames of docs/PROTOCOL.md"),
        (status = "default", description = "400 for a bad handshake, 401 for a bad token, 403 for an origin not allowed, 429 for too many connections", body = ErrorBody),
    ))]
pub fn websocket() {}
