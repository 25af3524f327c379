use chat_domain::entities::Message;
use chat_domain::ids::ConversationId;
use chat_domain::values::{Limit, PageQuery, Seq};

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
}

impl ChatApp {
    /// A page of history in ascending seq order: with neither cursor the newest page.
    ///
    /// # Errors
    /// `bad_request` for a cursor below 1 or a limit of 0; `forbidden` for a non-member.
    pub async fn get_history(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        q: HistoryQuery,
    ) -> Result<Vec<Message>, AppError> {
        let query = PageQuery {
            before: q.before_seq.map(Seq::new).transpose()?,
            after: q.after_seq.map(Seq::new).transpose()?,
            limit: q.limit.map(Limit::new).transpose()?.unwrap_or_default(),
        };
        self.membership(conversation_id, actor.id()).await?;
        Ok(self.ports.messages.page(conversation_id, query).await?)
    }
}
