use std::cmp::Reverse;
use std::collections::HashMap;

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
        out.sort_by_key(|s| {
            let at = s
                .last_message
                .as_ref()
                .map_or(s.conversation.created_at, |m| m.created_at);
            (Reverse(at), s.conversation.id)
        });
        Ok(out)
    }
}
