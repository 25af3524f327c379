//! The OpenAPI 3.1 document of the HTTP API, generated from the types of this crate: each
//! operation is declared once, below, next to the types it takes and answers with.
//! Servers serve it at `GET /api/v1/openapi.json`.
//!
//! ```
//! let doc = chat_protocol::openapi::document();
//! assert!(matches!(doc.openapi, utoipa::openapi::OpenApiVersion::Version31));
//! assert!(doc.paths.paths.contains_key("/api/v1/conversations/{id}/messages"));
//! ```

mod accounts;
mod conversations;
mod integrations;
mod messages;
mod service;
mod threads;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// Bytes of any type, as a body.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct Binary(pub Vec<u8>);

/// Declares the bearer token scheme that authenticated operations name.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A session token from POST /api/v1/sessions, a bot's token, or a JWT the host service signed"))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "chat: protocol v1",
        version = "1",
        description = "The HTTP API of protocol v1. Bodies are UTF-8 JSON; ids are UUID strings; \
                       times are RFC 3339 UTC. Errors answer {\"error\": {\"code\", \"message\"}}. \
                       The WebSocket endpoint (GET /ws) and the behaviour behind each call are \
                       described in docs/PROTOCOL.md."
    ),
    paths(
        accounts::register,
        accounts::challenge,
        accounts::login,
        accounts::logout,
        accounts::end_other_sessions,
        accounts::list_sessions,
        accounts::end_session,
        accounts::blocks,
        accounts::block,
        accounts::unblock,
        accounts::me,
        accounts::export,
        accounts::users,
        accounts::admin_users,
        accounts::ban,
        accounts::unban,
        accounts::stats,
        conversations::create,
        conversations::list,
        conversations::get,
        conversations::add_member,
        conversations::remove_member,
        conversations::mute,
        conversations::unmute,
        conversations::read,
        conversations::received,
        conversations::sync,
        messages::history,
        messages::thread,
        messages::pins,
        messages::pin,
        messages::unpin,
        threads::list,
        threads::standing,
        threads::follow,
        threads::unfollow,
        threads::read,
        messages::send,
        messages::edit,
        messages::recall,
        messages::react,
        messages::changes,
        messages::search,
        service::presence,
        service::upload,
        service::download,
        service::health,
        service::metrics,
        service::openapi,
        service::websocket,
        integrations::create_bot,
        integrations::renew_bot_token,
        integrations::revoke_bot_token,
        integrations::create_webhook,
        integrations::list_webhooks,
        integrations::delete_webhook,
        integrations::post_to_webhook,
        integrations::report,
        integrations::reports,
        integrations::resolve_report,
        integrations::admin_remove_message,
    ),
    modifiers(&BearerToken),
    tags(
        (name = "accounts", description = "Sign-up, sessions, profiles, administration"),
        (name = "conversations", description = "Direct conversations, groups, members, cursors"),
        (name = "messages", description = "History, sending, changes, search"),
        (name = "service", description = "Presence, files, health, metrics, this document"),
        (name = "integrations", description = "Bots, incoming webhooks"),
        (name = "moderation", description = "Reports of messages and the admins' queue"),
    )
)]
struct ApiDoc;

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The document as JSON text.
pub fn json() -> String {
    document().to_json().unwrap_or_else(|_| "{}".to_owned())
}
