use crate::entities::{Conversation, ConversationKind, Participant, ParticipantRole, User};
use crate::ids::UserId;
use crate::DomainError;

/// What a refusal to a non-member says; a blocked user is told the same, so a block is
/// never advertised.
pub const NOT_A_MEMBER: &str = "not a member of this conversation";

/// Only members read or send.
///
/// # Errors
/// [`DomainError::Forbidden`] if `membership` is `None`.
pub fn ensure_member(membership: Option<&Participant>) -> Result<&Participant, DomainError> {
    membership.ok_or(DomainError::Forbidden(NOT_A_MEMBER))
}

/// A banned user cannot log in.
///
/// # Errors
/// [`DomainError::Forbidden`] if the user is banned.
pub fn ensure_can_login(user: &User) -> Result<(), DomainError> {
    if user.banned {
        return Err(DomainError::Forbidden("this account is banned"));
    }
    Ok(())
}

/// Only an unbanned member sends.
///
/// # Errors
/// [`DomainError::Forbidden`] if the sender is banned or not a member.
pub fn ensure_can_send<'a>(
    sender: &User,
    membership: Option<&'a Participant>,
) -> Result<&'a Participant, DomainError> {
    ensure_can_login(sender)?;
    ensure_member(membership)
}

/// In a group only an owner or admin adds others; a direct conversation never changes.
///
/// # Errors
/// [`DomainError::Forbidden`] for a direct conversation, a non-member, or a plain member.
pub fn ensure_can_add_member(
    conversation: &Conversation,
    actor: Option<&Participant>,
) -> Result<(), DomainError> {
    if conversation.kind() == ConversationKind::Direct {
        return Err(DomainError::Forbidden(
            "a direct conversation has exactly two members",
        ));
    }
    if !ensure_member(actor)?.role.manages_members() {
        return Err(DomainError::Forbidden(
            "only an owner or admin adds members",
        ));
    }
    Ok(())
}

/// Only an owner or admin of a group makes, lists and deletes its incoming webhooks
/// (each posts as a member the webhook adds).
///
/// # Errors
/// [`DomainError::Forbidden`] for a direct conversation, a non-member, or a plain member.
pub fn ensure_can_manage_webhooks(
    conversation: &Conversation,
    actor: Option<&Participant>,
) -> Result<(), DomainError> {
    if conversation.kind() == ConversationKind::Direct {
        return Err(DomainError::Forbidden("webhooks post into groups only"));
    }
    if !ensure_member(actor)?.role.manages_members() {
        return Err(DomainError::Forbidden(
            "only an owner or admin manages webhooks",
        ));
    }
    Ok(())
}

/// Any member may leave a group; only an owner or admin removes someone else, and an
/// admin cannot remove the owner.
///
/// # Errors
/// [`DomainError::Forbidden`] for a direct conversation, a non-member actor, or an
/// actor without the right role.
pub fn ensure_can_remove_member(
    conversation: &Conversation,
    actor: Option<&Participant>,
    target: &Participant,
) -> Result<(), DomainError> {
    if conversation.kind() == ConversationKind::Direct {
        return Err(DomainError::Forbidden(
            "a direct conversation has exactly two members",
        ));
    }
    let actor = ensure_member(actor)?;
    if actor.user_id == target.user_id {
        return Ok(());
    }
    match (actor.role, target.role) {
        (ParticipantRole::Owner, _) => Ok(()),
        (ParticipantRole::Admin, ParticipantRole::Owner) => {
            Err(DomainError::Forbidden("an admin cannot remove the owner"))
        }
        (ParticipantRole::Admin, _) => Ok(()),
        (ParticipantRole::Member, _) => Err(DomainError::Forbidden(
            "only an owner or admin removes members",
        )),
    }
}

/// When the owner leaves a group, ownership passes to the longest-standing admin, else
/// the longest-standing member; never to a bot (among `bots`: it would manage the group
/// for nobody); `None` if nobody else is left.
pub fn successor_owner(
    remaining: &[Participant],
    leaving: UserId,
    bots: &[UserId],
) -> Option<UserId> {
    remaining
        .iter()
        .filter(|p| p.user_id != leaving && !bots.contains(&p.user_id))
        .min_by_key(|p| (p.role, p.joined_at, p.user_id))
        .map(|p| p.user_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{ConversationType, DirectPair};
    use crate::ids::ConversationId;
    use crate::values::Title;
    use chrono::{TimeZone, Utc};

    fn group() -> Conversation {
        Conversation {
            id: ConversationId::new(),
            ty: ConversationType::Group {
                title: Title::parse("g").unwrap(),
            },
            created_by: UserId::new(),
            created_at: Utc.timestamp_opt(0, 0).unwrap(),
        }
    }

    fn member(conv: &Conversation, role: ParticipantRole, at: i64) -> Participant {
        Participant::join(
            conv.id,
            UserId::new(),
            role,
            Utc.timestamp_opt(at, 0).unwrap(),
        )
    }

    #[test]
    fn only_owner_and_admin_add() {
        let g = group();
        for (role, ok) in [
            (ParticipantRole::Owner, true),
            (ParticipantRole::Admin, true),
            (ParticipantRole::Member, false),
        ] {
            let actor = member(&g, role, 0);
            assert_eq!(
                ensure_can_add_member(&g, Some(&actor)).is_ok(),
                ok,
                "{role:?}"
            );
        }
        assert!(ensure_can_add_member(&g, None).is_err());
    }

    #[test]
    fn direct_conversations_never_change_members() {
        let (a, b) = (UserId::new(), UserId::new());
        let d = Conversation {
            ty: ConversationType::Direct {
                pair: DirectPair::new(a, b).unwrap(),
            },
            ..group()
        };
        let actor = Participant::join(d.id, a, ParticipantRole::Owner, d.created_at);
        assert!(ensure_can_add_member(&d, Some(&actor)).is_err());
        assert!(ensure_can_remove_member(&d, Some(&actor), &actor).is_err());
        assert!(DirectPair::new(a, a).is_err());
        assert_eq!(
            DirectPair::new(a, b).unwrap(),
            DirectPair::new(b, a).unwrap()
        );
    }

    #[test]
    fn anyone_leaves_but_only_managers_remove_others() {
        let g = group();
        let owner = member(&g, ParticipantRole::Owner, 0);
        let admin = member(&g, ParticipantRole::Admin, 1);
        let plain = member(&g, ParticipantRole::Member, 2);
        assert!(ensure_can_remove_member(&g, Some(&plain), &plain).is_ok());
        assert!(ensure_can_remove_member(&g, Some(&plain), &admin).is_err());
        assert!(ensure_can_remove_member(&g, Some(&admin), &plain).is_ok());
        assert!(ensure_can_remove_member(&g, Some(&admin), &owner).is_err());
        assert!(ensure_can_remove_member(&g, Some(&owner), &admin).is_ok());
    }

    #[test]
    fn ownership_passes_to_oldest_admin_then_oldest_member() {
        let g = group();
        let owner = member(&g, ParticipantRole::Owner, 0);
        let old_member = member(&g, ParticipantRole::Member, 1);
        let new_admin = member(&g, ParticipantRole::Admin, 5);
        let all = vec![owner.clone(), old_member.clone(), new_admin.clone()];
        assert_eq!(
            successor_owner(&all, owner.user_id, &[]),
            Some(new_admin.user_id)
        );
        let no_admin = vec![owner.clone(), old_member.clone()];
        assert_eq!(
            successor_owner(&no_admin, owner.user_id, &[]),
            Some(old_member.user_id)
        );
        assert_eq!(
            successor_owner(std::slice::from_ref(&owner), owner.user_id, &[]),
            None
        );
        let bot = member(&g, ParticipantRole::Member, 0);
        let with_bot = vec![owner.clone(), bot.clone(), old_member.clone()];
        assert_eq!(
            successor_owner(&with_bot, owner.user_id, &[bot.user_id]),
            Some(old_member.user_id),
            "a bot, however old, is passed over"
        );
        let only_bot = vec![owner.clone(), bot.clone()];
        assert_eq!(
            successor_owner(&only_bot, owner.user_id, &[bot.user_id]),
            None
        );
    }
}
