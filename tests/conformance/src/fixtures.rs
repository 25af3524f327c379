//! Builders for test data.

use chrono::{DateTime, TimeZone, Utc};

use chat_domain::entities::{
    Conversation, ConversationType, DirectPair, MessageKind, NewMessage, Participant,
    ParticipantRole, User, UserRole,
};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, DisplayName, MessageBody, PasswordHash, Title, Username};

/// A fixed point in time to build test data from.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
}

/// A user named `name`, created at [`t0`].
pub fn user(name: &str) -> User {
    User {
        id: UserId::new(),
        username: Username::parse(name).unwrap(),
        display_name: DisplayName::parse(&format!("{name} 🙂")).unwrap(),
        password_hash: Some(PasswordHash::new(
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        )),
        role: UserRole::User,
        banned: false,
        created_at: t0(),
        bot: false,
        host: None,
    }
}

/// A group made by `creator`.
pub fn group(creator: UserId, title: &str) -> Conversation {
    Conversation {
        id: ConversationId::new(),
        ty: ConversationType::Group {
            title: Title::parse(title).unwrap(),
        },
        created_by: creator,
        created_at: t0(),
    }
}

/// A candidate direct conversation of `a` and `b`, with its two participants.
pub fn direct(a: UserId, b: UserId) -> (DirectPair, Conversation, [Participant; 2]) {
    let pair = DirectPair::new(a, b).unwrap();
    let c = Conversation {
        id: ConversationId::new(),
        ty: ConversationType::Direct { pair },
        created_by: a,
        created_at: t0(),
    };
    let ps = [
        Participant::join(c.id, a, ParticipantRole::Owner, t0()),
        Participant::join(c.id, b, ParticipantRole::Member, t0()),
    ];
    (pair, c, ps)
}

/// A member row joined at [`t0`] plus `offset_s` seconds.
pub fn member(c: &Conversation, user: UserId, role: ParticipantRole, offset_s: i64) -> Participant {
    Participant::join(c.id, user, role, t0() + chrono::Duration::seconds(offset_s))
}

/// A text message draft.
pub fn text(
    conversation: ConversationId,
    sender: UserId,
    client_id: &str,
    body: &str,
) -> NewMessage {
    NewMessage {
        id: MessageId::new(),
        conversation_id: conversation,
        sender_id: sender,
        kind: MessageKind::Text,
        body: MessageBody::parse(MessageKind::Text, body).unwrap(),
        client_msg_id: Some(ClientMsgId::parse(client_id).unwrap()),
        reply_to: None,
        mentions: Vec::new(),
        created_at: t0(),
        thread_root: None,
        forwarded: None,
    }
}
