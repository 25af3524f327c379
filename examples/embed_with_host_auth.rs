//! A host application whose users chat without signing up again: the host signs a JWT
//! (HS256 here) for its own user, and the embedded chat, told the same secret, takes it
//! wherever it takes a session token. Alongside, the host acts for a user in process
//! (`ChatApp::host_actor`), with no token at all.
//!
//! Routes: `POST /login {"user": "42"}` (the host's own sign-in, trivially: its users are
//! a fixed table) answers `{"chat_token"}`; the chat is mounted under `/chat`.
//!
//! `cargo run -p chat-examples --example embed_with_host_auth` runs a short scenario and
//! stops: two of the host's users get tokens, open a direct chat through the chat's HTTP
//! API, and the host posts a notice into it in process.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::{json, Value};

use chat_core::app::SendMessage;
use chat_core::domain::ports::HostUser;
use chat_core::domain::values::HostIdentity;
use chat_core::jwt::{JwtConfig, JwtVerifier};
use chat_core::Chat;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// The issuer the host names in its tokens (and the chat's identities keep).
pub const ISSUER: &str = "https://host.example";

/// The host's own users: its id, a username it suggests, the name it shows.
const USERS: [(&str, &str, &str); 2] = [("42", "ana", "Ana Ng"), ("43", "ben", "Ben Ortiz")];

/// What the host's handlers share.
#[derive(Clone)]
struct Host {
    secret: Arc<Vec<u8>>,
}

/// The chat with the host's secret as its HS256 key.
pub fn chat(secret: &[u8]) -> Result<Chat, Error> {
    let verifier = JwtVerifier::new(&JwtConfig {
        issuer: Some(ISSUER.into()),
        ..JwtConfig::hs256(secret.to_vec())
    })?;
    Ok(Chat::builder()
        .host_tokens(Some(Arc::new(verifier)))
        .build())
}

/// A token for the host's user `id`, valid for ten minutes.
pub fn token_for(secret: &[u8], id: &str) -> Option<String> {
    let (sub, username, name) = USERS.iter().find(|u| u.0 == id)?;
    let now = chrono::Utc::now().timestamp();
    let claims = json!({
        "iss": ISSUER, "sub": sub, "iat": now, "exp": now + 600,
        "preferred_username": username, "name": name,
    });
    encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .ok()
}

/// `POST /login {"user"}`: the host's sign-in, answering a chat token for that user.
async fn login(State(host): State<Host>, Json(body): Json<Value>) -> (StatusCode, Json<Value>) {
    let id = body["user"].as_str().unwrap_or_default();
    match token_for(&host.secret, id) {
        Some(token) => (StatusCode::OK, Json(json!({"chat_token": token}))),
        None => (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "no such user"})),
        ),
    }
}

/// The host's routes, with the chat under `/chat`.
pub fn router(chat: &Chat, secret: &[u8]) -> Router {
    let host = Host {
        secret: Arc::new(secret.to_vec()),
    };
    let edge = chat.edge(Default::default());
    Router::new()
        .route("/login", post(login))
        .with_state(host)
        .nest_service("/chat", edge.service())
}

/// Posts `text` into `conversation` as the host's user `id`, in process.
pub async fn post_as(
    chat: &Chat,
    id: &str,
    conversation: uuid::Uuid,
    text: &str,
) -> Result<u64, Error> {
    let who = HostUser {
        identity: HostIdentity::parse(ISSUER, id)?,
        preferred_username: None,
        name: None,
    };
    let actor = chat.app().host_actor(&who).await?;
    let conversation = chat_core::domain::ids::ConversationId::from_uuid(conversation);
    let client_id = format!("notice-{}", uuid::Uuid::new_v4());
    let sent = chat
        .app()
        .send_message(&actor, SendMessage::text(conversation, &client_id, text))
        .await?;
    Ok(sent.message.seq.get())
}

/// Serves the host on `listener` until `shutdown`.
pub async fn serve(
    chat: &Chat,
    secret: &[u8],
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let app = router(chat, secret).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// Two of the host's users chat through the chat's HTTP API with the tokens the host's
/// sign-in gives them; the host then posts a notice as one of them, in process.
async fn scenario(chat: &Chat, base: &str, secret: &[u8]) -> Result<(), Error> {
    let http = chat_client::Api::new(&format!("{base}/chat"));
    // What `POST /login` answers: the host's sign-in hands this to its client.
    let token = |id| token_for(secret, id).ok_or("no such user");
    let (ana, ben) = (http.with_token(token("42")?), http.with_token(token("43")?));
    let (me, other) = (ana.me().await?, ben.me().await?);
    println!(
        "the chat knows host user 42 as @{} ({})",
        me.username, me.display_name
    );
    let direct = chat_protocol::http::CreateConversation::Direct { peer_id: other.id };
    let dm = ana.create_conversation(&direct).await?.conversation.id;
    let send = chat_protocol::http::SendRequest {
        client_msg_id: "hello-1".into(),
        kind: chat_protocol::objects::MessageKind::Text,
        body: "Hi Ben, this is my host account".into(),
        reply_to: None,
        thread_root: None,
        forward: None,
        mentions: Vec::new(),
    };
    let sent = ana.send(dm, &send).await?;
    println!("ana sent #{} over HTTP with her host token", sent.seq);
    let seq = post_as(chat, "42", dm, "(sent by the host app for Ana)").await?;
    let seen = ben.history(dm, &Default::default()).await?;
    println!(
        "ben sees {} messages; the host's notice is #{seq}",
        seen.len()
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let secret = b"a secret the host and the chat share".to_vec();
    let chat = chat(&secret)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = serve(&chat, &secret, listener, async {
        let _ = stopped.await;
    });
    let run = async {
        let ran = scenario(&chat, &base, &secret).await;
        let _ = stop.send(());
        ran
    };
    let (served, ran) = tokio::join!(server, run);
    served?;
    ran?;
    chat.close().await;
    Ok(())
}
