//! The webhook gateway against a receiver started by the test.

use std::sync::atomic::Ordering;
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use chat_adapter_webhook::testing::Receiver;
use chat_adapter_webhook::{Outgoing, WebhookConfig, WebhookPush};
use chat_domain::entities::MessageKind;
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::ports::{PushGateway, PushNotification, QueueFull};

const SECRET: &str = "s3cret-for-tests";

fn notification() -> PushNotification {
    PushNotification {
        user_id: UserId::new(),
        conversation_id: ConversationId::new(),
        message_id: MessageId::new(),
        seq: 7,
        thread_root: None,
        sender_id: UserId::new(),
        kind: MessageKind::Text,
        preview: "你好 👋".into(),
        created_at: chrono::Utc::now(),
    }
}

fn client() -> Outgoing {
    Outgoing::new(None).unwrap()
}

fn config(url: &str) -> WebhookConfig {
    WebhookConfig {
        first_backoff: Duration::from_millis(20),
        ..WebhookConfig::new(url.parse().unwrap(), SECRET)
    }
}

#[tokio::test]
async fn a_delivery_is_signed_over_its_exact_body() {
    let receiver = Receiver::start(0).await;
    let push = WebhookPush::start(config(&receiver.url()), client());
    let n = notification();
    push.notify(n.clone()).unwrap();
    let got = receiver.wait_for(1).await;
    // Verified the way a receiver would, with its own HMAC.
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(&got[0].body);
    let hex = got[0]
        .signature
        .strip_prefix("sha256=")
        .expect("sha256= prefix");
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    mac.verify_slice(&bytes).expect("the signature verifies");
    let body: serde_json::Value = serde_json::from_slice(&got[0].body).unwrap();
    // The documented shape (docs/PROTOCOL.md, Push notifications), field for field.
    let expected = serde_json::json!({
        "user_id": n.user_id.to_string(),
        "conversation_id": n.conversation_id.to_string(),
        "message_id": n.message_id.to_string(),
        "seq": n.seq,
        "sender_id": n.sender_id.to_string(),
        "kind": n.kind.as_str(),
        "preview": n.preview,
        "created_at": serde_json::to_value(n.created_at).unwrap(),
    });
    assert_eq!(body["notification"], expected);
    assert_eq!(body["delivery_id"], got[0].delivery.as_str());
}

#[tokio::test]
async fn a_receiver_failing_twice_then_succeeding_gets_exactly_one_delivery() {
    let receiver = Receiver::start(2).await;
    let push = WebhookPush::start(config(&receiver.url()), client());
    push.notify(notification()).unwrap();
    let got = receiver.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let got_after = receiver.received();
    assert_eq!(got_after.len(), 3, "no attempt after the success");
    assert_eq!(
        got.iter().map(|r| r.answered).collect::<Vec<_>>(),
        [500, 500, 200]
    );
    assert!(
        got.iter()
            .all(|r| r.delivery == got[0].delivery && r.body == got[0].body),
        "one delivery, retried as is"
    );
    assert_eq!(push.stats().delivered.load(Ordering::Relaxed), 1);
    assert_eq!(push.stats().failed_attempts.load(Ordering::Relaxed), 2);
}

#[tokio::test]
async fn a_full_queue_refuses_at_once_and_a_dead_receiver_is_given_up() {
    // Nothing listens here: every attempt fails fast.
    let dead = "http://127.0.0.1:9/push";
    let push = WebhookPush::start(
        WebhookConfig {
            queue: 2,
            workers: 1,
            max_attempts: 2,
            ..config(dead)
        },
        client(),
    );
    let mut refused = 0;
    for _ in 0..50 {
        if push.notify(notification()) == Err(QueueFull) {
            refused += 1;
        }
    }
    assert!(refused >= 40, "refused {refused}");
    for _ in 0..200 {
        if push.stats().failed.load(Ordering::Relaxed) >= 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("a failing delivery was never given up");
}

#[tokio::test]
async fn a_push_goes_over_https_to_a_receiver_whose_ca_is_added_and_no_other() {
    use chat_adapter_webhook::testing::{failing, TestCa};
    let ca = TestCa::new();
    let receiver = Receiver::start_with(Some(&ca), failing(0)).await;
    assert!(receiver.url().starts_with("https://localhost:"));
    let trusting = Outgoing::new(Some(ca.ca_pem.as_bytes())).unwrap();
    let push = WebhookPush::start(config(&receiver.url()), trusting);
    push.notify(notification()).unwrap();
    let got = receiver.wait_for(1).await;
    assert_eq!(got[0].answered, 200);

    // The system's roots alone do not trust a CA of one's own: the TLS handshake fails
    // and nothing is received.
    let stranger = Receiver::start_with(Some(&TestCa::new()), failing(0)).await;
    let answer = client()
        .post_json(
            &stranger.url().parse().unwrap(),
            &[],
            bytes::Bytes::from_static(b"{}"),
            Duration::from_secs(5),
        )
        .await;
    let why = answer.unwrap_err();
    assert!(why.to_lowercase().contains("certificate"), "{why}");
    assert!(stranger.received().is_empty());
    assert!(Outgoing::new(Some(b"not a certificate")).is_err());
}
