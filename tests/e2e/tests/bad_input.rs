//! Bad input over HTTP and WebSocket: every endpoint that takes a body, query or id gets
//! wrong types, missing fields, huge and negative numbers, invalid ids, invalid UTF-8,
//! 10 MB and deeply nested JSON, unknown fields and wrong content types; raw connections
//! send broken request lines and header floods. Each gets the documented error, and the
//! server is whole afterwards (no `internal` error counted, a normal send still works).

mod support;

use bytes::Bytes;
use futures_util::SinkExt;
use http::{Method, Request, StatusCode};
use http_body_util::Full;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message as WsMessage;

use support::{Server, User};

/// The endpoints that take a JSON body, with a valid body; `{g}` is a group the caller
/// owns, `{u}` another member, `{n}` a user outside it.
fn json_endpoints() -> Vec<(Method, &'static str, Value)> {
    vec![
        (
            Method::POST,
            "/api/v1/users",
            json!({"username": "newbie", "password": "long enough pw", "display_name": "N"}),
        ),
        (
            Method::POST,
            "/api/v1/sessions",
            json!({"username": "alice", "password": support::PW}),
        ),
        (
            Method::POST,
            "/api/v1/conversations",
            json!({"kind": "group", "title": "t", "member_ids": ["{u}"]}),
        ),
        (
            Method::POST,
            "/api/v1/conversations",
            json!({"kind": "direct", "peer_id": "{n}"}),
        ),
        (
            Method::POST,
            "/api/v1/conversations/{g}/members",
            json!({"user_id": "{n}"}),
        ),
        (
            Method::POST,
            "/api/v1/conversations/{g}/messages",
            json!({"client_msg_id": "c1", "kind": "text", "body": "hi", "reply_to": 1, "mentions": ["{u}"]}),
        ),
        (
            Method::POST,
            "/api/v1/conversations/{g}/read",
            json!({"seq": 1}),
        ),
        (
            Method::POST,
            "/api/v1/conversations/{g}/received",
            json!({"seq": 1}),
        ),
        (
            Method::PATCH,
            "/api/v1/conversations/{g}/messages/1",
            json!({"body": "edited"}),
        ),
        (
            Method::POST,
            "/api/v1/conversations/{g}/messages/1/reactions",
            json!({"emoji": "👍", "on": true}),
        ),
    ]
}

/// Endpoints with ids in the path or numbers in the query.
fn id_and_query_paths() -> Vec<(Method, &'static str)> {
    vec![
        (Method::GET, "/api/v1/conversations/{id}"),
        (Method::GET, "/api/v1/conversations/{id}/messages"),
        (Method::POST, "/api/v1/conversations/{id}/mute"),
        (Method::DELETE, "/api/v1/conversations/{g}/members/{id}"),
        (Method::DELETE, "/api/v1/conversations/{g}/messages/{id}"),
        (Method::GET, "/api/v1/conversations/{id}/changes"),
        (Method::GET, "/api/v1/files/{id}"),
        (Method::POST, "/api/v1/admin/users/{id}/ban"),
        (Method::GET, "/api/v1/users?id={id}"),
        (Method::GET, "/api/v1/presence?user_id={id}"),
        (Method::GET, "/api/v1/search?q=hi&conversation_id={id}"),
        (Method::GET, "/api/v1/conversations/{g}/messages?limit={id}"),
        (
            Method::GET,
            "/api/v1/conversations/{g}/messages?before_seq={id}",
        ),
        (
            Method::GET,
            "/api/v1/conversations/{g}/messages?after_seq={id}",
        ),
        (
            Method::GET,
            "/api/v1/conversations/{g}/changes?after_version={id}",
        ),
        (Method::GET, "/api/v1/search?q=hi&limit={id}"),
        (Method::GET, "/api/v1/admin/users?limit={id}"),
    ]
}

struct World {
    s: Server,
    admin: User,
    subs: Vec<(&'static str, String)>,
}

async fn world() -> World {
    let s = Server::start_with(|c| {
        c.chat.rate_limit_max = 100_000;
        c.chat.auth_rate_limit_max = 100_000;
    })
    .await;
    let admin = s.admin("alice").await;
    let bob = s.user("bob").await;
    let nina = s.user("nina").await;
    let g = s.group(&admin, "bad input", &[&bob]).await;
    let mut w = s.ws(&admin).await;
    let sent = w
        .request(
            json!({"type": "send", "conversation_id": g, "client_msg_id": "seed", "body": "seed"}),
            "s",
        )
        .await;
    assert_eq!(sent["type"], "ack");
    let subs = vec![
        ("{g}", g),
        ("{u}", bob.id.clone()),
        ("{n}", nina.id.clone()),
    ];
    World { s, admin, subs }
}

fn fill(subs: &[(&str, String)], s: &str) -> String {
    subs.iter()
        .fold(s.to_owned(), |acc, (k, v)| acc.replace(k, v))
}

fn fill_json(subs: &[(&str, String)], v: &Value) -> Value {
    serde_json::from_str(&fill(subs, &v.to_string())).unwrap()
}

impl World {
    async fn send(
        &self,
        method: &Method,
        path: &str,
        ct: Option<&str>,
        body: Vec<u8>,
    ) -> support::Resp {
        let mut b = Request::builder()
            .method(method.clone())
            .uri(self.s.url(&fill(&self.subs, path)))
            .header("authorization", format!("Bearer {}", self.admin.token));
        if let Some(ct) = ct {
            b = b.header("content-type", ct);
        }
        self.s
            .raw(b.body(Full::new(Bytes::from(body))).unwrap())
            .await
    }

    async fn expect(
        &self,
        method: &Method,
        path: &str,
        ct: Option<&str>,
        body: Vec<u8>,
        status: StatusCode,
        code: &str,
    ) {
        let shown = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
        let r = self.send(method, path, ct, body).await;
        assert_eq!(
            (r.status, r.json["error"]["code"].as_str()),
            (status, Some(code)),
            "{method} {path} {shown} -> {}",
            &r.text[..r.text.len().min(300)]
        );
        assert!(r.json["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
}

/// Every way to get one field wrong: other types, and for numbers out-of-range values.
fn wrong_values(v: &Value) -> Vec<Value> {
    let mut out = vec![json!(null), json!({"nested": [1]})];
    match v {
        Value::String(_) => out.extend([json!(12345), json!(true), json!(["x"])]),
        Value::Number(_) => out.extend([
            json!("7"),
            json!(-1),
            json!(1.5),
            json!(1e30),
            serde_json::from_str::<Value>("18446744073709551616").unwrap(),
        ]),
        Value::Bool(_) => out.extend([json!("yes"), json!(1)]),
        Value::Array(_) => out.extend([json!("bob"), json!([1, 2])]),
        Value::Object(_) => out.push(json!("x")),
        Value::Null => {}
    }
    out
}

#[tokio::test]
async fn every_json_body_refuses_bad_shapes_with_bad_request() {
    let w = world().await;
    let ct = Some("application/json");
    for (method, path, valid) in json_endpoints() {
        let valid = fill_json(&w.subs, &valid);
        let fields = valid.as_object().unwrap().clone();
        // Missing: no body at all, an empty object, each required field left out.
        w.expect(
            &method,
            path,
            ct,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        w.expect(
            &method,
            path,
            ct,
            b"{}".to_vec(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        // Wrong types and numbers out of range, one field at a time. Optional fields
        // (`display_name`, `reply_to`, `mentions`, `on`) may be null, so null is left out
        // for them.
        for (name, value) in &fields {
            let optional = ["display_name", "reply_to", "mentions", "on"].contains(&name.as_str());
            for wrong in wrong_values(value) {
                if optional && wrong.is_null() {
                    continue;
                }
                let mut body = fields.clone();
                body.insert(name.clone(), wrong);
                let bytes = Value::Object(body).to_string().into_bytes();
                w.expect(
                    &method,
                    path,
                    ct,
                    bytes,
                    StatusCode::BAD_REQUEST,
                    "bad_request",
                )
                .await;
            }
        }
        // Not JSON at all: invalid UTF-8, truncated, a bare value, deeply nested.
        let mut broken = valid.to_string().into_bytes();
        broken.insert(2, 0xff);
        w.expect(
            &method,
            path,
            ct,
            broken,
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        let text = valid.to_string();
        w.expect(
            &method,
            path,
            ct,
            text.as_bytes()[..text.len() - 1].to_vec(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        w.expect(
            &method,
            path,
            ct,
            b"42".to_vec(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
        w.expect(
            &method,
            path,
            ct,
            deep.into_bytes(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        // A wrong content type, whatever the body.
        w.expect(
            &method,
            path,
            Some("text/plain"),
            valid.to_string().into_bytes(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        w.expect(
            &method,
            path,
            Some("application/x-www-form-urlencoded"),
            b"a=1".to_vec(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        // No content type at all: what a cross-site page can send without a preflight.
        w.expect(
            &method,
            path,
            None,
            valid.to_string().into_bytes(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
        // 10 MB of JSON is refused before it is read.
        let huge = format!("{{\"body\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
        w.expect(
            &method,
            path,
            ct,
            huge.into_bytes(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        )
        .await;
    }
    w.healthy().await;
}

/// No body may hold NUL (no store needs it, and PostgreSQL's text cannot hold it): a send
/// or an edit with one is a bad request on every store, and nothing is stored.
#[tokio::test]
async fn a_body_holding_nul_is_a_bad_request() {
    let w = world().await;
    let cases = [
        (
            Method::POST,
            "/api/v1/conversations/{g}/messages",
            json!({"client_msg_id": "nul-1", "kind": "text", "body": "a\u{0}b"}),
        ),
        (
            Method::PATCH,
            "/api/v1/conversations/{g}/messages/1",
            json!({"body": "still\u{0}here"}),
        ),
    ];
    for (method, path, body) in cases {
        let bytes = serde_json::to_vec(&body).unwrap();
        w.expect(
            &method,
            path,
            Some("application/json"),
            bytes,
            StatusCode::BAD_REQUEST,
            "bad_request",
        )
        .await;
    }
    w.healthy().await;
}

#[tokio::test]
async fn unknown_fields_are_ignored_as_documented() {
    let w = world().await;
    for (method, path, valid) in json_endpoints() {
        let mut body = fill_json(&w.subs, &valid);
        body["x_unknown"] = json!({"deep": [1, 2, 3]});
        let r = w
            .send(
                &method,
                path,
                Some("application/json"),
                body.to_string().into_bytes(),
            )
            .await;
        assert!(
            r.status.is_success() || r.status == StatusCode::CONFLICT,
            "{method} {path} with an unknown field -> {} {}",
            r.status,
            r.text
        );
    }
    w.healthy().await;
}

#[tokio::test]
async fn invalid_ids_and_query_numbers_get_bad_request() {
    let w = world().await;
    let bad = [
        "not-a-uuid",
        "-1",
        "18446744073709551616",
        "9007199254740993",
        "1e3",
        "%FF%FE",
        "%00",
        "",
    ];
    for (method, path) in id_and_query_paths() {
        for id in bad {
            let p = path.replace("{id}", id);
            let r = w.send(&method, &p, None, Vec::new()).await;
            let code = r.json["error"]["code"].as_str();
            // An empty id in a path names another route or none; everything else is a 400.
            let ok = match (id, path.contains('?')) {
                ("", false) => r.status.is_success() || code == Some("not_found"),
                // An empty query value reads as absent, and some are optional.
                ("", true) => r.status.is_success() || code == Some("bad_request"),
                // A limit is capped (at 100 or 200) however large, and any version is a
                // cursor (nothing comes after a far one).
                (n, true)
                    if (path.contains("limit=") || path.contains("after_version="))
                        && n.parse::<u64>().is_ok() =>
                {
                    r.status.is_success()
                }
                _ => r.status == StatusCode::BAD_REQUEST && code == Some("bad_request"),
            };
            assert!(ok, "{method} {p} -> {} {}", r.status, r.text);
        }
    }
    w.healthy().await;
}

/// Sends raw bytes on a fresh connection and reads the status line of the answer.
async fn raw_status(addr: std::net::SocketAddr, bytes: &[u8]) -> u16 {
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    // A peer that refuses early may reset before it reads everything: fine.
    let _ = tcp.write_all(bytes).await;
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        tcp.read_to_end(&mut buf),
    )
    .await;
    let head = String::from_utf8_lossy(&buf);
    head.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"))
}

#[tokio::test]
async fn broken_request_heads_and_header_floods_are_refused_by_status() {
    let w = world().await;
    let addr = w.s.addr;
    // Request lines hyper cannot parse.
    assert_eq!(
        raw_status(addr, b"GET /api/v1/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n").await,
        400
    );
    assert_eq!(raw_status(addr, b"NOT A REQUEST\r\n\r\n").await, 400);
    // Header floods: too many headers, and one enormous header.
    let mut many = b"GET /healthz HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..500 {
        many.extend_from_slice(format!("X-Flood-{i}: {i}\r\n").as_bytes());
    }
    many.extend_from_slice(b"\r\n");
    assert_eq!(raw_status(addr, &many).await, 431);
    let big = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    assert_eq!(raw_status(addr, big.as_bytes()).await, 431);
    // A body longer than its Content-Length claims, and a lying Content-Length.
    let lie = "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{}";
    assert_eq!(raw_status(addr, lie.as_bytes()).await, 413);
    w.healthy().await;
}

#[tokio::test]
async fn bad_websocket_frames_get_error_frames_and_the_socket_stays_usable() {
    let w = world().await;
    let g = w.subs[0].1.clone();
    let mut ws = w.s.ws(&w.admin).await;
    let frames = [
        json!({"type": "send", "req": "1", "conversation_id": g, "client_msg_id": 5, "body": "x"}),
        json!({"type": "send", "req": "2", "conversation_id": g, "client_msg_id": "a", "body": ["x"]}),
        json!({"type": "send", "req": "3", "conversation_id": g, "client_msg_id": "a", "body": "x", "reply_to": -1}),
        json!({"type": "send", "req": "4", "conversation_id": g, "client_msg_id": "a", "body": "x", "mentions": "bob"}),
        json!({"type": "send", "req": "5", "conversation_id": g, "client_msg_id": "a", "body": "x", "kind": "video"}),
        json!({"type": "send", "req": "6", "conversation_id": g, "client_msg_id": "", "body": "x"}),
        json!({"type": "send", "req": "7", "conversation_id": g, "client_msg_id": "a", "body": ""}),
        json!({"type": "read", "req": "8", "conversation_id": g, "seq": "1"}),
        json!({"type": "read", "req": "9", "conversation_id": g, "seq": 1.5}),
        json!({"type": "history", "req": "10", "conversation_id": g, "limit": -5}),
        json!({"type": "history", "req": "11", "conversation_id": g, "before_seq": 1e300}),
        json!({"type": "edit", "req": "12", "conversation_id": g, "seq": 0, "body": "x"}),
        json!({"type": "react", "req": "13", "conversation_id": g, "seq": 1, "emoji": "abc"}),
        json!({"type": "react", "req": "14", "conversation_id": g, "seq": 1, "emoji": "👍", "on": "yes"}),
        json!({"type": "changes", "req": "15", "conversation_id": g, "after_version": -1}),
        json!({"type": "typing", "req": "16", "conversation_id": 7}),
        json!({"type": "recall", "req": "17", "conversation_id": "", "seq": 1}),
        json!({"type": 7, "req": "18"}),
        json!({"req": "19"}),
    ];
    for frame in frames {
        let req = frame["req"].as_str().unwrap().to_owned();
        let reply = ws.request(frame.clone(), &req).await;
        assert_eq!(
            (reply["type"].as_str(), reply["code"].as_str()),
            (Some("error"), Some("bad_request")),
            "{frame} -> {reply}"
        );
    }
    // Deeply nested JSON and a frame with an unknown field.
    let deep = format!(
        "{{\"req\":\"deep\",\"x\":{}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    ws.stream.send(WsMessage::Text(deep.into())).await.unwrap();
    let reply = ws.next().await;
    assert_eq!(
        (reply["code"].as_str(), reply["req"].as_str()),
        (Some("bad_request"), Some("deep"))
    );
    let pong = ws
        .request(json!({"type": "ping", "x_unknown": {"a": 1}}), "p")
        .await;
    assert_eq!(pong["type"], "pong");
    // Still a working socket: a real send is acked.
    let ack = ws
        .request(json!({"type": "send", "conversation_id": g, "client_msg_id": "after", "body": "still here"}), "ok")
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    // Invalid UTF-8 in a text frame is a protocol error: the socket closes (1007), and
    // the server goes on.
    let bad = w.s.ws(&w.admin).await;
    let mut raw = bad.stream.into_inner();
    // A masked text frame (FIN, opcode 1) carrying 0xff 0xfe, which is not UTF-8.
    let mask = [1u8, 2, 3, 4];
    let payload: Vec<u8> = [0xffu8, 0xfe]
        .iter()
        .zip(mask.iter().cycle())
        .map(|(b, m)| b ^ m)
        .collect();
    let mut frame = vec![0x81, 0x80 | 2];
    frame.extend_from_slice(&mask);
    frame.extend_from_slice(&payload);
    raw.write_all(&frame).await.unwrap();
    let mut buf = vec![0u8; 64];
    let n = tokio::time::timeout(std::time::Duration::from_secs(5), raw.read(&mut buf))
        .await
        .unwrap()
        .unwrap();
    // A close frame (opcode 8) with code 1007.
    assert!(n >= 4 && buf[0] == 0x88, "{:?}", &buf[..n]);
    assert_eq!(u16::from_be_bytes([buf[2], buf[3]]), 1007);
    w.healthy().await;
}

impl World {
    /// The server still answers, a normal send still works, and nothing counted as an
    /// internal error.
    async fn healthy(&self) {
        let h = self.s.call(Method::GET, "/healthz", None, None).await;
        assert_eq!(h.json["status"], "ok");
        let g = &self.subs[0].1;
        let r = self
            .s
            .post(
                &format!("/api/v1/conversations/{g}/messages"),
                Some(&self.admin.token),
                json!({"client_msg_id": "healthy", "kind": "text", "body": "still fine"}),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        let text = self.s.call(Method::GET, "/metrics", None, None).await.text;
        let internal = text
            .lines()
            .find_map(|l| l.strip_prefix("chat_errors_total{code=\"internal\"} "));
        assert!(
            internal.is_none_or(|n| n == "0"),
            "internal errors: {internal:?}"
        );
    }
}
