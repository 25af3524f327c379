//! Queued events as SQL stores keep them: one row each, what it names in nullable
//! columns and its kind (and a message change's kind) as a small integer.

use chat_domain::entities::{ChangeKind, IntegrationEvent};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::RepoError;
use uuid::Uuid;

/// An event's columns besides its id, time and position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventColumns {
    /// 1 message.created, 2 message.updated, 3 member.added, 4 member.removed,
    /// 5 conversation.created.
    pub kind: i16,
    /// Where it happened.
    pub conversation_id: Uuid,
    /// The message, for message events.
    pub seq: Option<i64>,
    /// The member, for member events.
    pub user_id: Option<Uuid>,
    /// Who did it, for member events and a conversation's creation.
    pub by: Option<Uuid>,
    /// 1 edit, 2 recall, 3 reaction, 4 thread, 5 pin, 6 unpin, for message.updated.
    pub change: Option<i16>,
}

fn change_code(c: ChangeKind) -> i16 {
    match c {
        ChangeKind::Edit => 1,
        ChangeKind::Recall => 2,
        ChangeKind::Reaction => 3,
        ChangeKind::Thread => 4,
        ChangeKind::Pin => 5,
        ChangeKind::Unpin => 6,
    }
}

fn change_of(code: i16) -> Result<ChangeKind, RepoError> {
    Ok(match code {
        1 => ChangeKind::Edit,
        2 => ChangeKind::Recall,
        3 => ChangeKind::Reaction,
        4 => ChangeKind::Thread,
        5 => ChangeKind::Pin,
        6 => ChangeKind::Unpin,
        n => return Err(RepoError::Corrupt(format!("event change kind {n}"))),
    })
}

/// The columns of `event`.
pub fn columns(event: &IntegrationEvent) -> EventColumns {
    let conversation_id = *event.conversation_id().as_uuid();
    let row =
        |kind, seq: Option<u64>, user: Option<UserId>, by: Option<UserId>, change| EventColumns {
            kind,
            conversation_id,
            seq: seq.map(|s| i64::try_from(s).unwrap_or(i64::MAX)),
            user_id: user.map(|u| *u.as_uuid()),
            by: by.map(|u| *u.as_uuid()),
            change,
        };
    match event {
        IntegrationEvent::MessageCreated { seq, .. } => row(1, Some(*seq), None, None, None),
        IntegrationEvent::MessageUpdated { seq, change, .. } => {
            row(2, Some(*seq), None, None, Some(change_code(*change)))
        }
        IntegrationEvent::MemberAdded { user_id, by, .. } => {
            row(3, None, Some(*user_id), Some(*by), None)
        }
        IntegrationEvent::MemberRemoved { user_id, by, .. } => {
            row(4, None, Some(*user_id), Some(*by), None)
        }
        IntegrationEvent::ConversationCreated { by, .. } => row(5, None, None, Some(*by), None),
    }
}

/// The event `c` holds.
///
/// # Errors
/// [`RepoError::Corrupt`] for a kind no build writes, or a column its kind needs left
/// empty.
pub fn event_of(c: &EventColumns) -> Result<IntegrationEvent, RepoError> {
    let missing =
        |what: &str| RepoError::Corrupt(format!("event of kind {} without {what}", c.kind));
    let conversation_id = ConversationId::from_uuid(c.conversation_id);
    let seq = || {
        c.seq
            .and_then(|s| u64::try_from(s).ok())
            .ok_or_else(|| missing("seq"))
    };
    let user = || {
        c.user_id
            .map(UserId::from_uuid)
            .ok_or_else(|| missing("user_id"))
    };
    let by = || c.by.map(UserId::from_uuid).ok_or_else(|| missing("by"));
    Ok(match c.kind {
        1 => IntegrationEvent::MessageCreated {
            conversation_id,
            seq: seq()?,
        },
        2 => IntegrationEvent::MessageUpdated {
            conversation_id,
            seq: seq()?,
            change: change_of(c.change.ok_or_else(|| missing("change"))?)?,
        },
        3 => IntegrationEvent::MemberAdded {
            conversation_id,
            user_id: user()?,
            by: by()?,
        },
        4 => IntegrationEvent::MemberRemoved {
            conversation_id,
            user_id: user()?,
            by: by()?,
        },
        5 => IntegrationEvent::ConversationCreated {
            conversation_id,
            by: by()?,
        },
        n => return Err(RepoError::Corrupt(format!("event kind {n}"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_reads_back_from_its_columns() {
        let (c, u, b) = (ConversationId::new(), UserId::new(), UserId::new());
        let changes = [
            ChangeKind::Edit,
            ChangeKind::Recall,
            ChangeKind::Reaction,
            ChangeKind::Thread,
            ChangeKind::Pin,
            ChangeKind::Unpin,
        ];
        let mut all = vec![
            IntegrationEvent::MessageCreated {
                conversation_id: c,
                seq: 7,
            },
            IntegrationEvent::MemberAdded {
                conversation_id: c,
                user_id: u,
                by: b,
            },
            IntegrationEvent::MemberRemoved {
                conversation_id: c,
                user_id: u,
                by: u,
            },
            IntegrationEvent::ConversationCreated {
                conversation_id: c,
                by: b,
            },
        ];
        all.extend(changes.map(|change| IntegrationEvent::MessageUpdated {
            conversation_id: c,
            seq: 9,
            change,
        }));
        for e in all {
            assert_eq!(event_of(&columns(&e)).unwrap(), e);
        }
        let mut broken = columns(&IntegrationEvent::MessageCreated {
            conversation_id: c,
            seq: 1,
        });
        broken.seq = None;
        assert!(matches!(event_of(&broken), Err(RepoError::Corrupt(_))));
        broken.kind = 42;
        assert!(matches!(event_of(&broken), Err(RepoError::Corrupt(_))));
    }
}
