//! Reports and the admins' moderation queue: members report messages of their
//! conversations, once per message while a report is open; only admins see the queue,
//! each report with the message as it is now, and settle it by dismissing it, removing
//! the message or banning its sender.

mod support;

use http::StatusCode;
use serde_json::{json, Value};
use support::*;

async fn send(s: &Server, who: &User, conv: &str, id: &str, body: &str) -> u64 {
    let r = s
        .post(
            &format!("/api/v1/conversations/{conv}/messages"),
            Some(&who.token),
            json!({"client_msg_id": id, "body": body}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["seq"].as_u64().unwrap()
}

async fn report(s: &Server, who: &User, conv: &str, seq: u64, reason: &str) -> support::Resp {
    s.post(
        "/api/v1/reports",
        Some(&who.token),
        json!({"conversation_id": conv, "seq": seq, "reason": reason}),
    )
    .await
}

async fn resolve(s: &Server, admin: &User, id: &Value, action: &str) -> support::Resp {
    let path = format!("/api/v1/admin/reports/{}/resolve", id.as_str().unwrap());
    s.post(&path, Some(&admin.token), json!({"action": action}))
        .await
}

#[tokio::test]
async fn members_report_and_admins_settle_each_report_once() {
    let s = Server::start().await;
    let admin = s.admin("root").await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let group = s.group(&alice, "team", &[&bob]).await;
    let rude = send(&s, &alice, &group, "m1", "something rude").await;
    let spam = send(&s, &alice, &group, "m2", "buy now!!!").await;
    let fine = send(&s, &alice, &group, "m3", "a fine message").await;

    let first = report(&s, &bob, &group, rude, "rude 无礼").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    assert_eq!(
        report(&s, &bob, &group, rude, "again").await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        report(&s, &carol, &group, rude, "not mine").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        report(&s, &bob, &group, rude, " ").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        report(&s, &bob, &group, rude, &"x".repeat(501))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        report(&s, &bob, &group, 99, "ghost").await.status,
        StatusCode::NOT_FOUND
    );
    let second = report(&s, &bob, &group, spam, "spam").await;
    let third = report(&s, &bob, &group, fine, "misclick").await;

    assert_eq!(
        s.get("/api/v1/admin/reports", &bob.token).await.status,
        StatusCode::FORBIDDEN
    );
    let queue = s
        .get("/api/v1/admin/reports?status=open", &admin.token)
        .await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text);
    let open = queue.json.as_array().unwrap();
    assert_eq!(open.len(), 3);
    assert_eq!(open[0]["id"], first.json["id"], "oldest first");
    assert_eq!(
        (open[0]["reason"].as_str(), open[0]["status"].as_str()),
        (Some("rude 无礼"), Some("open"))
    );
    assert_eq!(open[0]["reporter_id"], bob.id.as_str());
    assert_eq!(open[0]["message"]["body"], "something rude");

    let removed = resolve(&s, &admin, &first.json["id"], "remove_message").await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.text);
    assert_eq!(removed.json["status"], "resolved");
    assert_eq!(removed.json["resolution"]["action"], "remove_message");
    assert_eq!(removed.json["resolution"]["by"], admin.id.as_str());
    assert_eq!(removed.json["message"]["deleted"], true);
    assert_eq!(removed.json["message"]["body"], Value::Null);
    assert_eq!(
        removed.json["message"]["removed_by"],
        admin.id.as_str(),
        "removed by a moderator, not recalled"
    );
    assert_eq!(
        resolve(&s, &admin, &first.json["id"], "dismiss")
            .await
            .status,
        StatusCode::CONFLICT
    );
    let ghost = json!(uuid::Uuid::new_v4().to_string());
    assert_eq!(
        resolve(&s, &admin, &ghost, "dismiss").await.status,
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        resolve(&s, &admin, &third.json["id"], "dismiss")
            .await
            .status,
        StatusCode::OK
    );
    let history = s
        .get(
            &format!("/api/v1/conversations/{group}/messages"),
            &bob.token,
        )
        .await;
    assert_eq!(
        history.json["messages"][2]["body"], "a fine message",
        "a dismissed report changes nothing"
    );

    assert_eq!(
        s.get("/api/v1/me", &alice.token).await.status,
        StatusCode::OK
    );
    let banned = resolve(&s, &admin, &second.json["id"], "ban_user").await;
    assert_eq!(banned.status, StatusCode::OK, "{}", banned.text);
    assert_eq!(
        s.get("/api/v1/me", &alice.token).await.status,
        StatusCode::UNAUTHORIZED
    );

    let settled = s
        .get("/api/v1/admin/reports?status=resolved", &admin.token)
        .await;
    let actions: Vec<_> = settled
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["resolution"]["action"].clone())
        .collect();
    assert_eq!(
        actions,
        [json!("remove_message"), json!("ban_user"), json!("dismiss")]
    );
    assert!(s
        .get("/api/v1/admin/reports", &admin.token)
        .await
        .json
        .as_array()
        .unwrap()
        .is_empty());
    // Settled, the message can be reported again.
    assert_eq!(
        report(&s, &bob, &group, fine, "it came back").await.status,
        StatusCode::CREATED
    );
}
