//! Push notifications through the webhook, end to end: offline members get one each,
//! online and muted members none.

mod support;

use std::time::Duration;

use http::StatusCode;
use serde_json::json;

use chat_adapter_webhook::testing::Receiver;
use support::*;

#[tokio::test]
async fn offline_members_are_pushed_once_online_and_muted_ones_never() {
    let receiver = Receiver::start(0).await;
    let url = receiver.url();
    let s = Server::start_with(move |c| {
        c.push_webhook_url = Some(url);
        c.push_webhook_secret = Some("hook-secret".into());
    })
    .await;
    let (alice, bob, carol, dave) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
        s.user("dave").await,
    );
    let g = s.group(&alice, "g", &[&bob, &carol, &dave]).await;
    let muted = s
        .post(
            &format!("/api/v1/conversations/{g}/mute"),
            Some(&carol.token),
            json!({}),
        )
        .await;
    assert_eq!(muted.status, StatusCode::NO_CONTENT, "{}", muted.text);
    let _dave_online = s.ws(&dave).await;
    let _alice_online = s.ws(&alice).await;

    let sent = s
        .post(
            &format!("/api/v1/conversations/{g}/messages"),
            Some(&alice.token),
            json!({"client_msg_id": "m1", "kind": "text", "body": "晚饭吃什么？"}),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED);
    let got = receiver.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        receiver.received().len(),
        1,
        "only bob is offline and unmuted"
    );
    let body: serde_json::Value = serde_json::from_slice(&got[0].body).unwrap();
    let n = &body["notification"];
    assert_eq!(
        (
            n["user_id"].as_str(),
            n["seq"].as_u64(),
            n["preview"].as_str()
        ),
        (Some(bob.id.as_str()), Some(1), Some("晚饭吃什么？"))
    );
    assert_eq!(
        got[0].signature,
        chat_adapter_webhook::signature(b"hook-secret", &got[0].body)
    );

    // Unmuted, carol is pushed the next one too.
    let unmuted = s
        .post(
            &format!("/api/v1/conversations/{g}/unmute"),
            Some(&carol.token),
            json!({}),
        )
        .await;
    assert_eq!(unmuted.status, StatusCode::NO_CONTENT);
    s.post(
        &format!("/api/v1/conversations/{g}/messages"),
        Some(&alice.token),
        json!({"client_msg_id": "m2", "kind": "text", "body": "面条"}),
    )
    .await;
    let got = receiver.wait_for(3).await;
    let mut to: Vec<String> = got[1..]
        .iter()
        .map(|r| {
            serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["notification"]["user_id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    to.sort();
    let mut want = vec![bob.id.clone(), carol.id.clone()];
    want.sort();
    assert_eq!(to, want);
    assert_eq!(s.metric("chat_push_dropped_total").await, 0.0);
}
