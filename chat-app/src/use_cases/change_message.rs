use chat_domain::entities::{Message, MessageChange, MessageKind, Removal};
use chat_domain::events::DomainEvent;
use chat_domain::ids::ConversationId;
use chat_domain::rules;
use chat_domain::values::{Emoji, MessageBody, Seq};

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// The sender gives a text message a new body; it keeps its seq and gains
    /// `edited_at`. Members get `message_updated`.
    ///
    /// # Errors
    /// `bad_request` for a bad body or a message that is not text; `too_large`;
    /// `forbidden` for a non-member or someone else's message; `not_found` for no message
    /// at `seq`; `conflict` for a recalled message; `rate_limited` (edits count as sends).
    pub async fn edit_message(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
        body: &str,
    ) -> Result<Message, AppError> {
        let body = MessageBody::parse(MessageKind::Text, body)?;
        let (message, _) = self.stored(actor, conversation_id, seq).await?;
        rules::ensure_can_edit(&message, actor.id())?;
        self.rate_check(&format!("send:{}", actor.id()), self.settings.send_limit)
            .await?;
        let at = self.ports.clock.now();
        self.apply_change(
            conversation_id,
            message.seq,
            MessageChange::Edit { body, at },
        )
        .await
    }

    /// Recalls a message: it stays in history as a tombstone (`deleted`, no body). The
    /// sender may within [`crate::Settings::recall_window`]; a group's owner or admin
    /// may at any time, and then the message is removed (`removed`: who, when) rather
    /// than recalled. Members get `message_updated`.
    ///
    /// # Errors
    /// `forbidden` for a non-member, someone else's message (unless moderating a group),
    /// a system message or a window that has passed; `not_found`; `conflict` if already
    /// recalled.
    pub async fn recall_message(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
    ) -> Result<Message, AppError> {
        let (message, me) = self.stored(actor, conversation_id, seq).await?;
        let conversation = self
            .ports
            .storage
            .conversations
            .get(conversation_id)
            .await?;
        let window = chrono::Duration::from_std(self.settings.recall_window)
            .unwrap_or(chrono::Duration::MAX);
        let now = self.ports.clock.now();
        rules::ensure_can_recall(&message, conversation.kind(), &me, window, now)?;
        self.tombstone(actor, &message).await
    }

    /// Makes `message` a tombstone: recalled when `actor` sent it, else removed by
    /// `actor`. A pinned message is unpinned, and members are told.
    pub(crate) async fn tombstone(
        &self,
        actor: &Actor,
        message: &Message,
    ) -> Result<Message, AppError> {
        let change = if message.sender_id == actor.id() {
            MessageChange::Recall
        } else {
            MessageChange::Remove(Removal {
                by: actor.id(),
                at: self.ports.clock.now(),
            })
        };
        let (conversation_id, seq) = (message.conversation_id, message.seq);
        if let Some(file) = super::forward_message::attached_file(message) {
            // Released first: if the change then fails, settling finds the message still
            // there and keeps the file; the other way round a file could be forgotten.
            self.ports.files.release(file).await?;
        }
        let gone = self.apply_change(conversation_id, seq, change).await?;
        if message.pinned.is_some() {
            self.announce_pin(conversation_id, seq, false, actor)
                .await?;
        }
        Ok(gone)
    }

    /// Adds (`on: Some(true)`), takes back (`Some(false)`) or toggles (`None`) the
    /// caller's reaction with `emoji`. Members get `message_updated` when it changed
    /// something.
    ///
    /// # Errors
    /// `bad_request` for something that is not an emoji; `forbidden` for a non-member;
    /// `not_found`; `conflict` for a recalled message or one with 20 different emojis
    /// already; `rate_limited` (reactions count as sends).
    pub async fn react(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
        emoji: &str,
        on: Option<bool>,
    ) -> Result<Message, AppError> {
        let emoji = Emoji::parse(emoji)?;
        let (message, _) = self.stored(actor, conversation_id, seq).await?;
        self.rate_check(&format!("send:{}", actor.id()), self.settings.send_limit)
            .await?;
        let on = on.unwrap_or_else(|| !message.reacted(actor.id(), &emoji));
        let change = MessageChange::React {
            user: actor.id(),
            emoji,
            on,
        };
        self.apply_change(conversation_id, message.seq, change)
            .await
    }

    /// The message at `seq` and the caller's membership, or the error a client sees.
    async fn stored(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
    ) -> Result<(Message, chat_domain::entities::Participant), AppError> {
        let seq = Seq::new(seq)?;
        let me = self.membership(conversation_id, actor.id()).await?;
        let message = self
            .ports
            .storage
            .messages
            .get(conversation_id, seq)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no message at seq {seq}")))?;
        Ok((message, me))
    }

    pub(crate) async fn apply_change(
        &self,
        conversation_id: ConversationId,
        seq: Seq,
        change: MessageChange,
    ) -> Result<Message, AppError> {
        let kind = change.kind();
        let changed = self
            .ports
            .storage
            .messages
            .change(conversation_id, seq, &change)
            .await?;
        if changed.changed {
            let event = DomainEvent::MessageChanged {
                message: changed.message.clone(),
                change: kind,
            };
            self.publish_to_members(conversation_id, event, None, None)
                .await?;
        }
        Ok(changed.message)
    }
}
