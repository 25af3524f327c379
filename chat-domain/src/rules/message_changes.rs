use chrono::{DateTime, Duration, Utc};

use crate::entities::{ConversationKind, Message, MessageKind, Participant};
use crate::ids::UserId;
use crate::DomainError;

/// Only the sender edits, and only text they sent.
///
/// # Errors
/// [`DomainError::Forbidden`] for someone else's message; [`DomainError::Invalid`] for a
/// message that is not text; [`DomainError::Conflict`] for a recalled one.
pub fn ensure_can_edit(message: &Message, actor: UserId) -> Result<(), DomainError> {
    if message.sender_id != actor {
        return Err(DomainError::Forbidden("only the sender edits a message"));
    }
    if message.deleted {
        return Err(DomainError::Conflict("the message was recalled".into()));
    }
    if message.kind != MessageKind::Text {
        return Err(DomainError::Invalid {
            field: "kind",
            reason: "only text messages can be edited".into(),
        });
    }
    Ok(())
}

/// The sender recalls their message within `window` of sending it; in a group an owner or
/// admin recalls any message at any time (moderation). System messages stay.
///
/// # Errors
/// [`DomainError::Forbidden`] when none of that holds; [`DomainError::Conflict`] for a
/// message already recalled.
pub fn ensure_can_recall(
    message: &Message,
    kind: ConversationKind,
    actor: &Participant,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if message.deleted {
        return Err(DomainError::Conflict(
            "the message was already recalled".into(),
        ));
    }
    if message.kind == MessageKind::System {
        return Err(DomainError::Forbidden("system messages cannot be recalled"));
    }
    if kind == ConversationKind::Group && actor.role.manages_members() {
        return Ok(());
    }
    if message.sender_id != actor.user_id {
        return Err(DomainError::Forbidden(
            "only the sender, or a group's owner or admin, recalls a message",
        ));
    }
    if now - message.created_at > window {
        return Err(DomainError::Forbidden(
            "the time to recall this message has passed",
        ));
    }
    Ok(())
}

/// The `@username`s in a text body, in order, without repeats, at most `max`. A mention
/// starts at the beginning or after a character that cannot be in a username (so an
/// email address is not one) and runs over username characters (`A-Z a-z 0-9 _ . -`),
/// a trailing `.` or `-` being punctuation.
///
/// ```
/// use chat_domain::rules::mentioned_usernames;
/// assert_eq!(mentioned_usernames("hi @bob, @Ann. see a@b.c", 10), ["bob", "Ann"]);
/// ```
pub fn mentioned_usernames(body: &str, max: usize) -> Vec<&str> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    let mut found: Vec<&str> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in body.char_indices() {
        if c == '@' && !prev.is_some_and(is_name) {
            let rest = &body[i + 1..];
            let end = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
            let name = rest[..end].trim_end_matches(['.', '-']);
            if (3..=32).contains(&name.len()) && !found.iter().any(|f| f.eq_ignore_ascii_case(name))
            {
                found.push(name);
                if found.len() == max {
                    break;
                }
            }
        }
        prev = Some(c);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{NewMessage, ParticipantRole};
    use crate::ids::{ConversationId, MessageId};
    use crate::values::{MessageBody, Seq};

    fn message(sender: UserId, at: DateTime<Utc>) -> Message {
        NewMessage {
            id: MessageId::new(),
            conversation_id: ConversationId::new(),
            sender_id: sender,
            kind: MessageKind::Text,
            body: MessageBody::parse(MessageKind::Text, "hi").unwrap(),
            client_msg_id: None,
            reply_to: None,
            mentions: Vec::new(),
            created_at: at,
            thread_root: None,
            forwarded: None,
        }
        .at(Seq::new(1).unwrap())
    }

    fn t() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    fn member(user: UserId, role: ParticipantRole) -> Participant {
        Participant::join(ConversationId::new(), user, role, t())
    }

    #[test]
    fn senders_recall_in_the_window_and_group_admins_at_any_time() {
        let (alice, bob) = (UserId::new(), UserId::new());
        let t0 = t();
        let m = message(alice, t0);
        let window = Duration::minutes(2);
        let plain = member(alice, ParticipantRole::Member);
        let group = ConversationKind::Group;
        assert!(ensure_can_recall(&m, group, &plain, window, t0 + Duration::minutes(1)).is_ok());
        assert!(ensure_can_recall(&m, group, &plain, window, t0 + Duration::minutes(3)).is_err());
        let other = member(bob, ParticipantRole::Member);
        assert!(ensure_can_recall(&m, group, &other, window, t0).is_err());
        let admin = member(bob, ParticipantRole::Admin);
        assert!(ensure_can_recall(&m, group, &admin, window, t0 + Duration::days(9)).is_ok());
        // In a direct conversation nobody moderates.
        let direct = ConversationKind::Direct;
        assert!(ensure_can_recall(&m, direct, &admin, window, t0).is_err());
    }

    #[test]
    fn only_the_sender_edits_live_text() {
        let (alice, bob) = (UserId::new(), UserId::new());
        let mut m = message(alice, t());
        assert!(ensure_can_edit(&m, alice).is_ok());
        assert_eq!(
            ensure_can_edit(&m, bob),
            Err(DomainError::Forbidden("only the sender edits a message"))
        );
        m.apply(&crate::entities::MessageChange::Recall, 1).unwrap();
        assert!(matches!(
            ensure_can_edit(&m, alice),
            Err(DomainError::Conflict(_))
        ));
    }

    #[test]
    fn mentions_are_names_after_an_at_sign_not_addresses() {
        assert_eq!(mentioned_usernames("@alice hi", 10), ["alice"]);
        assert_eq!(mentioned_usernames("你好@bob_1。", 10), ["bob_1"]);
        assert_eq!(
            mentioned_usernames("mail a@bob.com", 10),
            Vec::<&str>::new()
        );
        assert_eq!(
            mentioned_usernames("@al @alice @ALICE @bob", 10),
            ["alice", "bob"]
        );
        assert_eq!(mentioned_usernames("@aaa @bbb @ccc", 2), ["aaa", "bbb"]);
    }
}
