//! Search indexing off the append path: appends only say which conversations grew; a
//! task indexes their new messages after the commit, chunk by chunk, and the store
//! records how far it got. A search first indexes whatever its conversations still lack
//! ([`catch_up`]), so results never miss a message, and a start picks up what a crashed
//! process left behind.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::mpsc;

use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

/// How long the task gathers conversations before indexing them: fewer, larger
/// transactions compete less with the appends for the log's flushes.
const GATHER: Duration = Duration::from_millis(200);

/// A store's search index, one conversation's chunk at a time.
#[async_trait]
pub trait SearchIndex: Send + Sync + 'static {
    /// Conversations whose messages are not all indexed: among `ids`, or all of them.
    ///
    /// # Errors
    /// `Unavailable` if the database does not answer.
    async fn lagging(
        &self,
        ids: Option<&[ConversationId]>,
    ) -> Result<Vec<ConversationId>, RepoError>;

    /// Indexes the next chunk of `id`'s messages after its watermark and moves the
    /// watermark past them; returns whether messages may remain (the chunk was full).
    /// Idempotent: two processes may race on one conversation.
    ///
    /// # Errors
    /// `Unavailable` if the database does not answer; nothing is lost, the next call
    /// starts from the watermark again.
    async fn index_chunk(&self, id: ConversationId) -> Result<bool, RepoError>;
}

/// Indexes every message of `id` not yet indexed.
async fn index<I: SearchIndex + ?Sized>(index: &I, id: ConversationId) -> Result<(), RepoError> {
    while index.index_chunk(id).await? {}
    Ok(())
}

/// Indexes every message of `ids` not yet indexed; searches call it first.
///
/// # Errors
/// `Unavailable` if the database does not answer.
pub async fn catch_up<I: SearchIndex + ?Sized>(
    index_of: &I,
    ids: &[ConversationId],
) -> Result<(), RepoError> {
    if ids.is_empty() {
        return Ok(());
    }
    for id in index_of.lagging(Some(ids)).await? {
        index(index_of, id).await?;
    }
    Ok(())
}

/// Hands conversations that grew to the indexing task.
pub struct Indexer {
    grew: mpsc::UnboundedSender<ConversationId>,
}

impl Indexer {
    /// Starts the task on the current runtime; it first indexes what a previous process
    /// did not finish.
    pub fn start<I: SearchIndex>(index: Arc<I>) -> Self {
        let (grew, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(index, rx));
        Self { grew }
    }

    /// Notes that `id` has new messages.
    pub fn grew(&self, id: ConversationId) {
        let _ = self.grew.send(id);
    }
}

async fn run<I: SearchIndex>(index_of: Arc<I>, mut rx: mpsc::UnboundedReceiver<ConversationId>) {
    match index_of.lagging(None).await {
        Ok(ids) => {
            for id in ids {
                if let Err(e) = index(&*index_of, id).await {
                    tracing::warn!(error = %e, "search indexing failed; a search will catch up");
                }
            }
        }
        Err(e) => tracing::warn!(error = %e, "search index check at start failed"),
    }
    while let Some(first) = rx.recv().await {
        let mut ids = HashSet::from([first]);
        tokio::time::sleep(GATHER).await;
        while let Ok(id) = rx.try_recv() {
            ids.insert(id);
        }
        for id in ids {
            if let Err(e) = index(&*index_of, id).await {
                tracing::debug!(error = %e, "search indexing failed; a search will catch up");
            }
        }
    }
}
