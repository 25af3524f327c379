use chat_domain::ids::ConversationId;
use chat_domain::values::{Limit, SearchCursor, SearchPage, SearchQuery};

use crate::{Actor, AppError, ChatApp};

/// Input of [`ChatApp::search_messages`], as a client sends it.
#[derive(Clone, Debug, Default)]
pub struct SearchMessages {
    /// What to find.
    pub q: String,
    /// Only in this conversation; else in all of the caller's.
    pub conversation_id: Option<ConversationId>,
    /// The `next` cursor of the previous page.
    pub before: Option<String>,
    /// Page size (default 20, capped at 100).
    pub limit: Option<u64>,
}

impl ChatApp {
    /// Live text messages containing the query (any script, no regard to case), newest
    /// first, from the caller's own conversations only.
    ///
    /// # Errors
    /// `bad_request` for a blank or over-long query, a bad cursor or limit; `forbidden`
    /// for a named conversation the caller is not in.
    pub async fn search_messages(
        &self,
        actor: &Actor,
        cmd: SearchMessages,
    ) -> Result<SearchPage, AppError> {
        let query = SearchQuery::parse(&cmd.q)?;
        let before = cmd.before.as_deref().map(SearchCursor::parse).transpose()?;
        let limit = cmd
            .limit
            .map(Limit::new)
            .transpose()?
            .map_or(20, Limit::get);
        let ids = match cmd.conversation_id {
            Some(id) => {
                self.membership(id, actor.id()).await?;
                vec![id]
            }
            None => self
                .ports
                .storage
                .conversations
                .memberships(actor.id())
                .await?
                .into_iter()
                .map(|m| m.conversation.id)
                .collect(),
        };
        if ids.is_empty() {
            return Ok(SearchPage::default());
        }
        Ok(self
            .ports
            .storage
            .messages
            .search(&ids, &query, before, limit)
            .await?)
    }
}
