//! Users and conversations for the checks: every name is made unique, so checks run
//! side by side against one server, and again against the same data.

use http::Method;
use uuid::Uuid;

use chat_protocol::http::{
    CreateConversation, LoginRequest, RegisterRequest, SendRequest, Session,
};
use chat_protocol::objects::{ConversationDetail, Message, User as WireUser};

use crate::Target;

/// Every account's password.
pub const PW: &str = "correct horse battery";

/// A signed-in user.
pub struct User {
    /// Their id.
    pub id: Uuid,
    /// A session token.
    pub token: String,
    /// Their (unique) username.
    pub name: String,
}

/// A fresh username starting with `name` (at most 12 characters of it).
pub fn unique(name: &str) -> String {
    let tag = Uuid::new_v4().simple().to_string();
    format!("{}_{}", &name[..name.len().min(12)], &tag[..10])
}

/// Signs up a fresh user and logs in.
pub async fn user(t: &Target, name: &str) -> User {
    let name = unique(name);
    let body = RegisterRequest {
        username: name.clone(),
        password: PW.into(),
        display_name: None,
        challenge: None,
    };
    let made: WireUser = t
        .post("/api/v1/users", None, &body)
        .await
        .expect(201)
        .parse();
    let session = login(t, &name).await;
    assert_eq!(session.user_id, made.id);
    User {
        id: made.id,
        token: session.token,
        name,
    }
}

/// A new session of `name`.
pub async fn login(t: &Target, name: &str) -> Session {
    let body = LoginRequest {
        username: name.into(),
        password: PW.into(),
        challenge: None,
    };
    t.post("/api/v1/sessions", None, &body)
        .await
        .expect(200)
        .parse()
}

/// The direct conversation of `a` and `b`.
pub async fn direct(t: &Target, a: &User, b: &User) -> Uuid {
    let body = CreateConversation::Direct { peer_id: b.id };
    let d: ConversationDetail = t
        .post("/api/v1/conversations", Some(&a.token), &body)
        .await
        .parse();
    d.conversation.id
}

/// A group of `owner` with `members`.
pub async fn group(t: &Target, owner: &User, title: &str, members: &[&User]) -> Uuid {
    let body = CreateConversation::Group {
        title: title.into(),
        member_ids: members.iter().map(|m| m.id).collect(),
    };
    let d: ConversationDetail = t
        .post("/api/v1/conversations", Some(&owner.token), &body)
        .await
        .expect(201)
        .parse();
    d.conversation.id
}

/// The send of a text message.
pub fn text(client_msg_id: &str, body: &str) -> SendRequest {
    SendRequest::text(client_msg_id, body)
}

/// Sends a text message over HTTP; the stored message.
pub async fn say(t: &Target, who: &User, conv: Uuid, client_msg_id: &str, body: &str) -> Message {
    let path = format!("/api/v1/conversations/{conv}/messages");
    t.call(
        Method::POST,
        &path,
        Some(&who.token),
        Some(&text(client_msg_id, body)),
    )
    .await
    .expect(201)
    .parse()
}
