use crate::entities::{ConversationKind, Message, MessageChange, Participant, ParticipantRole};
use crate::DomainError;

/// Most messages pinned in one conversation at once.
pub const MAX_PINS: usize = 50;

/// Who may pin and unpin: a group's owner or admin, either member of a direct
/// conversation.
///
/// # Errors
/// [`DomainError::Forbidden`] for a plain member of a group.
pub fn ensure_can_pin(kind: ConversationKind, me: &Participant) -> Result<(), DomainError> {
    match (kind, me.role) {
        (ConversationKind::Direct, _) => Ok(()),
        (ConversationKind::Group, ParticipantRole::Owner | ParticipantRole::Admin) => Ok(()),
        (ConversationKind::Group, ParticipantRole::Member) => Err(DomainError::Forbidden(
            "only a group's owner or admins pin messages",
        )),
    }
}

/// Whether `change` fits a conversation where `pinned` messages are pinned now: a new
/// pin past [`MAX_PINS`] does not. A store checks this where it serialises the
/// conversation's changes, so racing pins cannot pass the limit together.
///
/// # Errors
/// [`DomainError::Conflict`] for a pin past the limit.
pub fn ensure_pin_fits(
    message: &Message,
    change: &MessageChange,
    pinned: usize,
) -> Result<(), DomainError> {
    let new_pin = matches!(change, MessageChange::Pin(_)) && message.pinned.is_none();
    if new_pin && pinned >= MAX_PINS {
        return Err(DomainError::Conflict(format!(
            "at most {MAX_PINS} pinned messages per conversation"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ConversationId, UserId};

    #[test]
    fn owners_and_admins_pin_in_groups_and_anyone_in_a_direct_conversation() {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let member = |role| Participant::join(ConversationId::new(), UserId::new(), role, at);
        use ParticipantRole::*;
        for (kind, role, ok) in [
            (ConversationKind::Group, Owner, true),
            (ConversationKind::Group, Admin, true),
            (ConversationKind::Group, Member, false),
            (ConversationKind::Direct, Member, true),
            (ConversationKind::Direct, Owner, true),
        ] {
            assert_eq!(
                ensure_can_pin(kind, &member(role)).is_ok(),
                ok,
                "{kind:?} {role:?}"
            );
        }
    }
}
