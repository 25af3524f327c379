use chat_domain::entities::{Message, MessageChange, Pin};
use chat_domain::events::DomainEvent;
use chat_domain::ids::ConversationId;
use chat_domain::rules;
use chat_domain::values::Seq;

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Pins the message at `seq`: a group's owner or admin may, or either member of a
    /// direct conversation. Pinning a pinned message changes nothing. Members get
    /// `pinned`; the pin is a change of the message (its version moves), so sync and
    /// the change feed carry it.
    ///
    /// # Errors
    /// `forbidden` for a non-member or a plain group member; `not_found` for no message
    /// at `seq`; `conflict` for a recalled message or past
    /// [`MAX_PINS`](rules::MAX_PINS) pins.
    pub async fn pin_message(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
    ) -> Result<(), AppError> {
        let pin = Pin {
            by: actor.id(),
            at: self.ports.clock.now(),
        };
        self.change_pin(actor, conversation_id, seq, MessageChange::Pin(pin))
            .await
    }

    /// Unpins the message at `seq` (who may: as for [`Self::pin_message`]). Unpinning a
    /// message that is not pinned changes nothing. Members get `unpinned`.
    ///
    /// # Errors
    /// `forbidden` for a non-member or a plain group member; `not_found` for no message
    /// at `seq`.
    pub async fn unpin_message(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
    ) -> Result<(), AppError> {
        self.change_pin(actor, conversation_id, seq, MessageChange::Unpin)
            .await
    }

    /// The conversation's pinned messages, the most recently pinned first.
    ///
    /// # Errors
    /// `forbidden` for a non-member.
    pub async fn pinned_messages(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
    ) -> Result<Vec<Message>, AppError> {
        self.membership(conversation_id, actor.id()).await?;
        Ok(self.ports.storage.messages.pinned(conversation_id).await?)
    }

    async fn change_pin(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
        change: MessageChange,
    ) -> Result<(), AppError> {
        let seq = Seq::new(seq)?;
        let me = self.membership(conversation_id, actor.id()).await?;
        let conversation = self
            .ports
            .storage
            .conversations
            .get(conversation_id)
            .await?;
        rules::ensure_can_pin(conversation.kind(), &me)?;
        let pinned = matches!(change, MessageChange::Pin(_));
        let changed = self
            .ports
            .storage
            .messages
            .change(conversation_id, seq, &change)
            .await?;
        if changed.changed {
            self.announce_pin(conversation_id, seq, pinned, actor)
                .await?;
        }
        Ok(())
    }

    /// Tells the members a message was pinned or unpinned.
    pub(crate) async fn announce_pin(
        &self,
        conversation_id: ConversationId,
        seq: Seq,
        pinned: bool,
        actor: &Actor,
    ) -> Result<(), AppError> {
        let event = DomainEvent::PinChanged {
            conversation_id,
            seq: seq.get(),
            pinned,
            by: actor.id(),
        };
        self.publish_to_members(conversation_id, event, None, None)
            .await
            .map(drop)
    }
}
