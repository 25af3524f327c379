//! The host-auth example, served on an ephemeral port: the host's sign-in answers a JWT
//! the embedded chat takes; another issuer's token is refused; the host's in-process
//! post lands in the same conversation as its users' HTTP sends.

#[path = "../embed_with_host_auth.rs"]
#[allow(dead_code)]
mod example;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};

const SECRET: &[u8] = b"the secret of this test's host, long enough";

async fn post(url: &str, body: Value) -> (u16, Value) {
    let client = Client::builder(TokioExecutor::new()).build_http();
    let req = http::Request::post(url)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap();
    let resp = client.request(req).await.unwrap();
    let status = resp.status().as_u16();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn the_hosts_users_chat_with_the_tokens_it_signs() {
    let chat = std::sync::Arc::new(example::chat(SECRET).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = chat.clone();
    let server = tokio::spawn(async move {
        example::serve(&served, SECRET, listener, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });

    let (status, ana) = post(&format!("{base}/login"), json!({"user": "42"})).await;
    assert_eq!(status, 200, "{ana}");
    let (status, _) = post(&format!("{base}/login"), json!({"user": "nobody"})).await;
    assert_eq!(status, 401);
    let api = chat_client::Api::new(&format!("{base}/chat"));
    let ana = api.with_token(ana["chat_token"].as_str().unwrap());
    let me = ana.me().await.unwrap();
    assert_eq!(
        (me.username.as_str(), me.display_name.as_str()),
        ("ana", "Ana Ng")
    );
    let ben = api.with_token(example::token_for(SECRET, "43").unwrap());
    let ben_id = ben.me().await.unwrap().id;

    // Signed with the right secret but by another issuer: refused.
    let now = chrono::Utc::now().timestamp();
    let claims = json!({"iss": "https://elsewhere.example", "sub": "42", "exp": now + 60});
    let key = jsonwebtoken::EncodingKey::from_secret(SECRET);
    let stranger = jsonwebtoken::encode(&jsonwebtoken::Header::default(), &claims, &key).unwrap();
    let refused = api.with_token(stranger).me().await.unwrap_err();
    assert!(refused.to_string().contains("issuer"), "{refused}");

    let direct = chat_protocol::http::CreateConversation::Direct { peer_id: ben_id };
    let dm = ana
        .create_conversation(&direct)
        .await
        .unwrap()
        .conversation
        .id;
    let seq = example::post_as(&chat, "42", dm, "from the host, as Ana")
        .await
        .unwrap();
    assert_eq!(seq, 1);
    let seen = ben.history(dm, &Default::default()).await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].sender_id, seen[0].body.as_deref()),
        (me.id, Some("from the host, as Ana"))
    );

    let _ = stop.send(());
    server.await.unwrap();
}
