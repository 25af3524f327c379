use chat_protocol::http::{MessagePage, ReceivedRequest};
use chat_protocol::objects::{ConversationDetail, Health, HealthStatus};

use crate::world::{direct, say, user};
use crate::Target;

/// Health, metrics and the OpenAPI document answer without a session; unknown routes
/// get the JSON 404.
pub async fn it_should_answer_health_metrics_and_its_document(t: &Target) {
    let health = t
        .send(http::Method::GET, "/healthz", None, None, None)
        .await
        .expect(200);
    assert_eq!(health.parse::<Health>().status, HealthStatus::Ok);
    let metrics = t
        .send(http::Method::GET, "/metrics", None, None, None)
        .await
        .expect(200);
    assert!(String::from_utf8_lossy(&metrics.bytes).contains("chat_messages_total"));
    let doc = t
        .send(http::Method::GET, "/api/v1/openapi.json", None, None, None)
        .await
        .expect(200);
    assert_eq!(doc.json()["openapi"], "3.1.0");
    let lost = t
        .send(http::Method::GET, "/api/v1/nowhere", None, None, None)
        .await
        .expect(404);
    assert_eq!(lost.code(), "not_found");
    assert_eq!(
        t.send(http::Method::GET, "/api/v1/me", None, None, None)
            .await
            .expect(401)
            .code(),
        "unauthorized"
    );
}

/// Delivery reports move the member's delivery cursor; mute and unmute answer 204.
pub async fn it_should_mark_delivery_and_mute(t: &Target) {
    let (alice, bob) = (user(t, "alice").await, user(t, "bob").await);
    let dm = direct(t, &alice, &bob).await;
    for i in 1..=3 {
        say(t, &alice, dm, &format!("d-{i}"), "hi").await;
    }
    let base = format!("/api/v1/conversations/{dm}");
    t.post(
        &format!("{base}/received"),
        Some(&bob.token),
        &ReceivedRequest { seq: 2 },
    )
    .await
    .expect(204);
    let detail: ConversationDetail = t.get(&base, &alice.token).await.expect(200).parse();
    let bobs = detail.members.iter().find(|m| m.user_id == bob.id).unwrap();
    assert_eq!((bobs.delivered_seq, bobs.last_read_seq), (2, 0));
    t.post(&format!("{base}/mute"), Some(&bob.token), &())
        .await
        .expect(204);
    t.post(&format!("{base}/unmute"), Some(&bob.token), &())
        .await
        .expect(204);
    let page: MessagePage = t
        .get(&format!("{base}/messages"), &bob.token)
        .await
        .expect(200)
        .parse();
    assert_eq!(page.messages.len(), 3);
}
