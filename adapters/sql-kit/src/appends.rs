//! A SQL store's append path as its `MessageRepository` uses it: the batch writer, and
//! the indexer told which conversations grew.

use std::sync::Arc;

use chat_domain::entities::NewMessage;
use chat_domain::ports::Appended;
use chat_domain::RepoError;

use crate::batch::{Batcher, Committer, Limits, Outcomes};
use crate::indexer::{Indexer, SearchIndex};

/// Appends through group commit; each stored message's conversation is handed to the
/// search indexer, if one runs.
pub struct AppendPath {
    batcher: Batcher,
    indexer: Option<Indexer>,
}

impl AppendPath {
    /// Starts the batch writer on the current runtime over `log`, and with `index` the
    /// background indexer too. Without it (a bulk copy, say) nothing is lost: a search
    /// indexes what it needs first, and the next start with the indexer indexes the rest.
    pub fn start<L: Committer + SearchIndex>(log: Arc<L>, limits: Limits, index: bool) -> Self {
        Self {
            batcher: Batcher::start(log.clone(), limits),
            indexer: index.then(|| Indexer::start(log)),
        }
    }

    /// As [`MessageRepository::append`](chat_domain::ports::MessageRepository::append).
    ///
    /// # Errors
    /// The batch's failure: `Unavailable` if it could not be committed.
    pub async fn append(&self, message: NewMessage) -> Result<Appended, RepoError> {
        self.append_all(vec![message])
            .await
            .pop()
            .unwrap_or_else(|| Err(RepoError::Unavailable("append outcome lost".into())))
    }

    /// As [`MessageRepository::append_all`](chat_domain::ports::MessageRepository::append_all):
    /// all in one batch, never split, so one commit for the lot and seqs in its order.
    pub async fn append_all(&self, messages: Vec<NewMessage>) -> Outcomes {
        let outcomes = self.batcher.append(messages).await;
        if let Some(indexer) = &self.indexer {
            for a in outcomes.iter().flatten().filter(|a| a.created) {
                indexer.grew(a.message.conversation_id);
            }
        }
        outcomes
    }
}
