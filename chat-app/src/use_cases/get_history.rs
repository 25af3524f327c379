use chat_domain::entities::{Message, ReplyPreview};
use chat_domain::ids::ConversationId;
use chat_domain::values::{Limit, PageQuery, Seq, Strand};

use crate::{Actor, AppError, ChatApp};

/// Input of [`ChatApp::get_history`]: raw cursors as a client sends them.
#[derive(Clone, Copy, Debug, Default)]
pub struct HistoryQuery {
    /// Only messages before this seq.
    pub before_seq: Option<u64>,
    /// Only messages after this seq.
    pub after_seq: Option<u64>,
    /// Page size (default 50, capped at 100).
    pub limit: Option<u64>,
    /// Only messages in no thread (paged by seq as the rest).
    pub top_level: bool,
}

impl ChatApp {
    /// A page of history in ascending seq order: with neither cursor the newest page.
    /// Replies in threads are in it, marked, unless `top_level` leaves them out.
    ///
    /// # Errors
    /// `bad_request` for a `before_seq` below 1 or a limit of 0; `forbidden` for a
    /// non-member. `after_seq` 0 (a client that has seen nothing) pages from the start.
    pub async fn get_history(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        q: HistoryQuery,
    ) -> Result<Vec<Message>, AppError> {
        if q.top_level {
            self.membership(conversation_id, actor.id()).await?;
            return self.strand(conversation_id, Strand::TopLevel, q).await;
        }
        let limit = q.limit.map(Limit::new).transpose()?.unwrap_or_default();
        let (after, before) = match q.after_seq {
            // Seqs start at 1 without gaps, so the first page after 0 is the page below
            // limit + 1.
            Some(0) => {
                let first = limit.get() as u64 + 1;
                (None, Some(q.before_seq.map_or(first, |b| b.min(first))))
            }
            after => (after, q.before_seq),
        };
        let query = PageQuery {
            before: before.map(Seq::new).transpose()?,
            after: after.map(Seq::new).transpose()?,
            limit,
        };
        self.membership(conversation_id, actor.id()).await?;
        Ok(self
            .ports
            .storage
            .messages
            .page(conversation_id, query)
            .await?)
    }

    /// The messages of a conversation changed after `after_version` (edited, recalled,
    /// reacted to), as they are now, ascending by version: how a client that was away
    /// learns what changed without reloading history.
    ///
    /// # Errors
    /// `bad_request` for a limit of 0; `forbidden` for a non-member.
    pub async fn get_changes(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        after_version: u64,
        limit: Option<u64>,
    ) -> Result<Vec<Message>, AppError> {
        let limit = limit.map(Limit::new).transpose()?.unwrap_or_default();
        self.membership(conversation_id, actor.id()).await?;
        Ok(self
            .ports
            .storage
            .messages
            .changes(conversation_id, after_version, limit)
            .await?)
    }

    /// Previews of the messages that `messages` (one conversation's) answer, for showing
    /// quotes. Quoted messages outside the page are read; ones that cannot be read are
    /// left out rather than failing the page.
    pub async fn reply_previews(&self, messages: &[Message]) -> Vec<ReplyPreview> {
        let mut out: Vec<ReplyPreview> = Vec::new();
        for m in messages {
            let (Some(seq), conversation) = (m.reply_to, m.conversation_id) else {
                continue;
            };
            if out.iter().any(|p| p.seq == seq) {
                continue;
            }
            let quoted = match messages.iter().find(|q| q.seq == seq) {
                Some(q) => Some(q.clone()),
                None => self
                    .ports
                    .storage
                    .messages
                    .get(conversation, seq)
                    .await
                    .ok()
                    .flatten(),
            };
            out.extend(quoted.map(|q| q.reply_preview()));
        }
        out
    }
}
