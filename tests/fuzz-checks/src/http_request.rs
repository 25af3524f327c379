//! The HTTP API, every route at once, through warp's test client (no socket).
//!
//! Input layout: byte 0 picks the method, byte 1 the headers (bits: bearer token, JSON
//! content type, a second user's token instead, a Range header), then the path and query
//! up to the first newline, then the body. `{g}`, `{d}`, `{u}`, `{me}` and `{f}` in the
//! path or body become a group the caller owns, a direct conversation the caller is not
//! in, another user's id, the caller's own id and an uploaded file's id, so generated
//! requests reach past the id checks.

use std::sync::Arc;

use bytes::Bytes;
use http::StatusCode;

use async_trait::async_trait;
use chat_adapter_warp::{routes, Edge, EdgeConfig};
use chat_app::{CreateGroup, Login, RegisterUser, SendMessage, UploadFile};
use chat_domain::entities::UserRole;
use chat_domain::ports::PasswordHasher;
use chat_domain::values::{Password, PasswordHash};
use chat_domain::RepoError;

const METHODS: [&str; 6] = ["GET", "POST", "PATCH", "DELETE", "PUT", "HEAD"];
const PW: &str = "correct horse battery";

/// Passwords kept as they are: a real hash (or its blocking-thread hop) would cost
/// more than the rest of an input's run, and hashing is not what is fuzzed here.
struct PlainHasher;

#[async_trait]
impl PasswordHasher for PlainHasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, RepoError> {
        Ok(PasswordHash::new(format!("plain${}", password.expose())))
    }

    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, RepoError> {
        Ok(hash.as_str().strip_prefix("plain$") == Some(password.expose()))
    }
}

/// One signed-in world: a fresh one per input, so every input runs alone.
struct World {
    edge: Edge,
    alice: String,
    bob: String,
    subs: Vec<(&'static str, String)>,
}

async fn world() -> World {
    let chat = chat_core::Chat::builder()
        .hasher(Arc::new(PlainHasher))
        .build();
    let app = chat.app().clone();
    let mut tokens = Vec::new();
    let mut actors = Vec::new();
    for (name, role) in [
        ("alice", UserRole::Admin),
        ("bob", UserRole::User),
        ("carol", UserRole::User),
    ] {
        let mut r = RegisterUser::new(name, PW);
        r.role = role;
        app.register_user(r).await.expect("register");
        let login = app.login(Login::new(name, PW)).await.expect("login");
        actors.push(app.authenticate(login.token.expose()).await.expect("auth"));
        tokens.push(login.token.expose().to_owned());
    }
    let (alice, bob, carol) = (&actors[0], &actors[1], &actors[2]);
    let group = app
        .create_group(
            alice,
            CreateGroup {
                title: "fuzz".into(),
                member_ids: vec![bob.id()],
            },
        )
        .await
        .expect("group");
    let direct = app
        .create_direct_conversation(bob, carol.id())
        .await
        .expect("direct")
        .0
        .conversation
        .id;
    for i in 0..3 {
        app.send_message(
            alice,
            SendMessage::text(
                group.conversation.id,
                &format!("m{i}"),
                &format!("hello {i} 你好"),
            ),
        )
        .await
        .expect("send");
    }
    let file = app
        .upload_file(
            alice,
            UploadFile {
                bytes: b"0123456789".to_vec(),
                name: Some("a.txt".into()),
            },
        )
        .await
        .expect("upload")
        .id;
    World {
        edge: Edge::new(app, EdgeConfig::default()),
        subs: vec![
            ("{g}", group.conversation.id.to_string()),
            ("{d}", direct.to_string()),
            ("{u}", bob.id().to_string()),
            ("{me}", alice.id().to_string()),
            ("{f}", file.to_string()),
        ],
        alice: tokens.swap_remove(0),
        bob: tokens.swap_remove(0),
    }
}

fn substitute(subs: &[(&str, String)], s: &str) -> String {
    subs.iter()
        .fold(s.to_owned(), |acc, (k, v)| acc.replace(k, v))
}

/// Sends the request `data` describes and checks the answer.
pub fn http_request(data: &[u8]) {
    let [method, flags, rest @ ..] = data else {
        return;
    };
    let method = METHODS[usize::from(*method) % METHODS.len()];
    let (path, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    // hyper refuses a request line that is not a URI before any route sees it.
    let Ok(path) = std::str::from_utf8(path) else {
        return;
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let w = world().await;
        let path = substitute(&w.subs, path);
        if !path.starts_with('/') || path.parse::<http::Uri>().is_err() {
            return;
        }
        let body = match std::str::from_utf8(body) {
            Ok(text) => Bytes::from(substitute(&w.subs, text)),
            Err(_) => Bytes::copy_from_slice(body),
        };
        let mut req = warp::test::request()
            .method(method)
            .path(&path)
            .header("content-length", body.len().to_string());
        if flags & 1 != 0 {
            let token = if flags & 4 != 0 { &w.bob } else { &w.alice };
            req = req.header("authorization", format!("Bearer {token}"));
        }
        if flags & 2 != 0 {
            req = req.header("content-type", "application/json");
        }
        if flags & 8 != 0 {
            req = req.header("range", "bytes=2-5");
        }
        let resp = req.body(body).reply(&routes(w.edge.clone())).await;
        check(method, &path, resp.status(), resp.headers(), resp.body());
    });
}

fn check(method: &str, path: &str, status: StatusCode, headers: &http::HeaderMap, body: &[u8]) {
    let what = format!(
        "{method} {path} -> {status} {}",
        String::from_utf8_lossy(body)
    );
    assert!(!status.is_server_error(), "{what}");
    let json = headers
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if status.is_client_error() {
        let v: serde_json::Value = serde_json::from_slice(body).expect(&what);
        let code = v["error"]["code"].as_str().expect(&what);
        let expected = match status {
            StatusCode::BAD_REQUEST => "bad_request",
            StatusCode::UNAUTHORIZED => "unauthorized",
            StatusCode::FORBIDDEN => "forbidden",
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::CONFLICT => "conflict",
            StatusCode::PAYLOAD_TOO_LARGE => "too_large",
            StatusCode::RANGE_NOT_SATISFIABLE => "range_not_satisfiable",
            StatusCode::TOO_MANY_REQUESTS => "rate_limited",
            _ => panic!("an undocumented status: {what}"),
        };
        assert_eq!(code, expected, "{what}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{what}"
        );
    } else if json && method != "HEAD" {
        serde_json::from_slice::<serde_json::Value>(body).expect(&what);
    }
}
