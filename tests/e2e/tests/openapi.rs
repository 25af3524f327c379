//! The OpenAPI document: served as generated, and describing only routes that exist.
//! (Every answer of every other test in this suite is checked against it by the support
//! module's client.)

mod support;

use http::{Method, Request, StatusCode};
use http_body_util::Full;
use serde_json::Value;
use support::*;

#[tokio::test]
async fn the_served_document_is_the_one_generated_from_the_protocol_types() {
    let s = Server::start().await;
    let r = s
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/json");
    let generated: Value = serde_json::from_str(&chat_protocol::openapi::json()).unwrap();
    assert_eq!(r.json, generated);
    assert_eq!(r.json["openapi"], "3.1.0");
}

/// A path of the document with its parameters filled in.
fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(|s| match s {
            "{seq}" => "1".to_owned(),
            s if s.starts_with('{') => uuid::Uuid::new_v4().to_string(),
            s => s.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_documented_operation_is_served() {
    // Each call gets a session of its own (one of them logs out).
    let s = Server::start_with(|c| {
        c.chat.auth_rate_limit_max = 1000;
        c.chat.login_rate_limit_max = 1000;
    })
    .await;
    s.admin("root").await;
    let doc: Value = serde_json::from_str(&chat_protocol::openapi::json()).unwrap();
    let mut tried = 0;
    for (template, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let path = concrete(template);
            let admin = s.login("root").await;
            if template == "/ws" {
                // An upgrade, not a plain call: a socket opens.
                let _ = s.ws(&admin).await;
                tried += 1;
                continue;
            }
            let req = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(s.url(&path))
                .header("authorization", format!("Bearer {}", admin.token))
                .header("content-type", "application/json")
                .body(Full::new(bytes::Bytes::from_static(b"{}")))
                .unwrap();
            // The support client checks the answer against the document.
            let r = s.raw(req).await;
            assert!(
                !(r.status == StatusCode::NOT_FOUND && r.text.contains("no such route")),
                "{method} {template}: documented but not served"
            );
            tried += 1;
        }
    }
    assert!(tried >= 30, "{tried} operations");
}
