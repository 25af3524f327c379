//! Following threads: the list, follow and unfollow, the read cursor.

#![allow(dead_code)]

use crate::error::ErrorBody;
use crate::http::{FollowedThread, ReadRequest, ThreadList, ThreadsQuery};

#[utoipa::path(get, path = "/api/v1/threads", tag = "messages",
    security(("bearer" = [])),
    params(ThreadsQuery),
    responses(
        (status = 200, description = "The threads the caller follows in its conversations, the one with the newest reply first", body = ThreadList),
        (status = "default", description = "400 for a bad limit", body = ErrorBody),
    ))]
pub fn list() {}

#[utoipa::path(get, path = "/api/v1/conversations/{id}/threads/{root_seq}", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("root_seq" = u64, Path, description = "The thread's root")),
    responses(
        (status = 200, description = "The thread's root and the caller's standing in it", body = FollowedThread),
        (status = "default", description = "As for follow", body = ErrorBody),
    ))]
pub fn standing() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/threads/{root_seq}/follow", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("root_seq" = u64, Path, description = "The thread's root")),
    responses(
        (status = 204, description = "Followed (also when it already was)"),
        (status = "default", description = "400 when root_seq is a reply, 403 for a non-member, 404 for no message at root_seq", body = ErrorBody),
    ))]
pub fn follow() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/threads/{root_seq}/unfollow", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("root_seq" = u64, Path, description = "The thread's root")),
    responses(
        (status = 204, description = "Not followed (also when it was not); later replies by others do not follow it again"),
        (status = "default", description = "As for follow", body = ErrorBody),
    ))]
pub fn unfollow() {}

#[utoipa::path(post, path = "/api/v1/conversations/{id}/threads/{root_seq}/read", tag = "messages",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The conversation"), ("root_seq" = u64, Path, description = "The thread's root")),
    request_body = ReadRequest,
    responses(
        (status = 204, description = "The caller's read cursor in the thread is at seq (capped at the last seq; it never moves back)"),
        (status = "default", description = "As for follow; 400 for a seq below 1", body = ErrorBody),
    ))]
pub fn read() {}
