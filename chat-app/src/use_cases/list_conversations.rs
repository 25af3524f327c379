use std::cmp::Reverse;
use std::collections::HashMap;

use chat_domain::ports::{LogMark, Membership};

use crate::{Actor, AppError, ChatApp, ConversationSummary};

impl ChatApp {
    /// The caller's conversations with unread counts and last messages, newest activity
    /// first (a conversation without messages counts from its creation).
    ///
    /// # Errors
    /// `unavailable` if storage is down.
    pub async fn list_conversations(
        &self,
        actor: &Actor,
    ) -> Result<Vec<ConversationSummary>, AppError> {
        let memberships = self
            .ports
            .storage
            .conversations
            .memberships(actor.id())
            .await?;
        let ids: Vec<_> = memberships.iter().map(|m| m.conversation.id).collect();
        let marks = self.ports.storage.messages.log_marks(&ids).await?;
        let mut out = self.summaries(actor, memberships, &marks).await?;
        out.sort_by_key(|s| {
            let at = s
                .last_message
                .as_ref()
                .map_or(s.conversation.created_at, |m| m.created_at);
            (Reverse(at), s.conversation.id)
        });
        Ok(out)
    }

    /// Each membership as the caller's list shows it: last message, unread counts and
    /// the last version from `marks`.
    pub(crate) async fn summaries(
        &self,
        actor: &Actor,
        memberships: Vec<Membership>,
        marks: &[LogMark],
    ) -> Result<Vec<ConversationSummary>, AppError> {
        let ids: Vec<_> = memberships.iter().map(|m| m.conversation.id).collect();
        let versions: HashMap<_, _> = marks
            .iter()
            .map(|m| (m.conversation_id, m.last_version))
            .collect();
        let mut latest: HashMap<_, _> = self
            .ports
            .storage
            .messages
            .latest(&ids)
            .await?
            .into_iter()
            .map(|m| (m.conversation_id, m))
            .collect();
        let mut out: Vec<ConversationSummary> = memberships
            .into_iter()
            .map(|m| {
                let last_message = latest.remove(&m.conversation.id);
                let last_seq = last_message.as_ref().map_or(0, |m| m.seq.get());
                ConversationSummary {
                    unread: last_seq.saturating_sub(m.participant.last_read_seq),
                    last_version: versions.get(&m.conversation.id).copied().unwrap_or(0),
                    conversation: m.conversation,
                    me: m.participant,
                    last_seq,
                    last_message,
                    unread_mentions: 0,
                }
            })
            .collect();
        // Unread mentions: only where something is unread, so usually a few look-ups.
        for s in out.iter_mut().filter(|s| s.unread > 0) {
            s.unread_mentions = self
                .ports
                .storage
                .messages
                .count_mentions(s.conversation.id, actor.id(), s.me.last_read_seq)
                .await?;
        }
        Ok(out)
    }
}
