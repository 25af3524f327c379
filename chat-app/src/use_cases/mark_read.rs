use chat_domain::events::DomainEvent;
use chat_domain::ids::ConversationId;
use chat_domain::rules;
use chat_domain::values::Seq;

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Moves the caller's read cursor to `seq` (capped at the last seq). A seq at or
    /// below the cursor changes nothing and tells no one. When it moves, every member's
    /// connections get a receipt. Returns the cursor after the call.
    ///
    /// # Errors
    /// `bad_request` for a seq below 1; `forbidden` for a non-member.
    pub async fn mark_read(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
    ) -> Result<u64, AppError> {
        let requested = Seq::new(seq)?;
        let me = self.membership(conversation_id, actor.id()).await?;
        let last_seq = self
            .ports
            .storage
            .messages
            .last_seq(conversation_id)
            .await?;
        let Some(target) = rules::advance_read_cursor(me.last_read_seq, requested, last_seq) else {
            return Ok(me.last_read_seq);
        };
        let now_at = self
            .ports
            .storage
            .conversations
            .advance_read_cursor(conversation_id, actor.id(), target)
            .await?;
        if now_at > me.last_read_seq {
            let event = DomainEvent::MessagesRead {
                conversation_id,
                user_id: actor.id(),
                seq: now_at,
            };
            self.publish_to_members(conversation_id, event, None, None)
                .await?;
        }
        Ok(now_at)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chat_domain::entities::{Participant, ParticipantRole};

    use crate::testing::*;

    fn member_at(cursor: u64, alice: &crate::Actor) -> Participant {
        let mut p = Participant::join(
            chat_domain::ids::ConversationId::new(),
            alice.id(),
            ParticipantRole::Member,
            now(),
        );
        p.last_read_seq = cursor;
        p
    }

    fn ports_with(convs: MockConversations, last_seq: u64, bus: MockBus) -> crate::Ports {
        let mut messages = MockMessages::new();
        messages.expect_last_seq().returning(move |_| Ok(last_seq));
        memory_ports_with(|p| {
            p.storage.conversations = Arc::new(convs);
            p.storage.messages = Arc::new(messages);
            p.live.events = Arc::new(bus);
        })
    }

    #[tokio::test]
    async fn a_lower_seq_is_ignored_without_a_write_or_a_receipt() {
        let alice = actor("alice");
        let p = member_at(7, &alice);
        let conv = p.conversation_id;
        let mut convs = MockConversations::new();
        convs
            .expect_participant()
            .returning(move |_, _| Ok(Some(p.clone())));
        convs.expect_advance_read_cursor().never();
        let mut bus = MockBus::new();
        bus.expect_publish().never();
        let app = app(ports_with(convs, 10, bus));
        assert_eq!(app.mark_read(&alice, conv, 3).await.unwrap(), 7);
        assert_eq!(app.mark_read(&alice, conv, 7).await.unwrap(), 7);
    }

    #[tokio::test]
    async fn the_cursor_is_capped_at_the_last_seq_and_members_get_a_receipt() {
        let alice = actor("alice");
        let p = member_at(2, &alice);
        let conv = p.conversation_id;
        let me = alice.id();
        let mut convs = MockConversations::new();
        convs
            .expect_participant()
            .returning(move |_, _| Ok(Some(p.clone())));
        convs
            .expect_advance_read_cursor()
            .withf(|_, _, seq| *seq == 10)
            .times(1)
            .returning(|_, _, seq| Ok(seq));
        let row = member_at(2, &alice);
        convs
            .expect_participants()
            .returning(move |_| Ok(vec![row.clone()]));
        let mut bus = MockBus::new();
        bus.expect_publish().times(1).returning(move |env| {
            assert_eq!(env.audience, vec![me]);
            match &env.event {
                chat_domain::events::DomainEvent::MessagesRead { user_id, seq, .. } => {
                    assert_eq!((*user_id, *seq), (me, 10));
                }
                other => panic!("expected a receipt, got {other:?}"),
            }
            Ok(())
        });
        let app = app(ports_with(convs, 10, bus));
        assert_eq!(app.mark_read(&alice, conv, 99).await.unwrap(), 10);
    }

    #[tokio::test]
    async fn a_seq_of_zero_is_a_bad_request() {
        let alice = actor("alice");
        let mut convs = MockConversations::new();
        convs.expect_participant().never();
        let app = app(ports_with(convs, 10, MockBus::new()));
        let err = app
            .mark_read(&alice, chat_domain::ids::ConversationId::new(), 0)
            .await
            .unwrap_err();
        assert_eq!(variant(&err), "BadRequest");
    }
}
