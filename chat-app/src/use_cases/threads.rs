use chat_domain::entities::{Message, MessageChange};
use chat_domain::ids::ConversationId;
use chat_domain::values::{Limit, Seq, Strand, StrandQuery};

use crate::{Actor, AppError, ChatApp, HistoryQuery};

impl ChatApp {
    /// The root a send names in `thread_root`, checked: a stored top-level message of
    /// the same conversation that is not recalled.
    ///
    /// # Errors
    /// `bad_request` otherwise.
    pub(crate) async fn thread_root(
        &self,
        conversation_id: ConversationId,
        thread_root: Option<u64>,
    ) -> Result<Option<Message>, AppError> {
        let Some(seq) = thread_root.map(Seq::new).transpose()? else {
            return Ok(None);
        };
        let root = self
            .ports
            .storage
            .messages
            .get(conversation_id, seq)
            .await?
            .ok_or_else(|| AppError::BadRequest(format!("thread_root {seq} does not exist")))?;
        if root.thread_root.is_some() {
            return Err(AppError::BadRequest(format!(
                "thread_root {seq} is itself a reply in a thread"
            )));
        }
        if root.deleted {
            return Err(AppError::BadRequest(format!(
                "thread_root {seq} was recalled"
            )));
        }
        Ok(Some(root))
    }

    /// Counts a stored reply on its root's summary, which members get as
    /// `message_updated` (change `thread`). A retry (`created: false`) is counted only if
    /// the root has not counted it yet: its first attempt stopped between storing the
    /// reply and counting it.
    ///
    /// Returns the root as it is now (`None` for a message in no thread).
    ///
    /// # Errors
    /// `unavailable` if the root could not be changed; the reply stays stored, and a
    /// retry of the send counts it.
    pub(crate) async fn count_reply(
        &self,
        reply: &Message,
        created: bool,
    ) -> Result<Option<Message>, AppError> {
        let Some(root) = reply.thread_root else {
            return Ok(None);
        };
        if !created {
            let stored = self
                .ports
                .storage
                .messages
                .get(reply.conversation_id, root)
                .await?;
            let counted = stored
                .as_ref()
                .and_then(|r| r.thread.as_ref())
                .is_some_and(|t| t.last_seq >= reply.seq);
            if counted {
                return Ok(stored);
            }
        }
        let change = MessageChange::ThreadReply {
            seq: reply.seq,
            user: reply.sender_id,
            at: reply.created_at,
        };
        self.apply_change(reply.conversation_id, root, change)
            .await
            .map(Some)
    }

    /// A page of the replies in the thread of the root at `root_seq`, paged by seq as
    /// history is (`after_seq` 0 from the first reply; neither cursor: the newest).
    ///
    /// # Errors
    /// `bad_request` for a bad cursor or limit; `forbidden` for a non-member;
    /// `not_found` for no message at `root_seq`.
    pub async fn get_thread(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        root_seq: u64,
        q: HistoryQuery,
    ) -> Result<Vec<Message>, AppError> {
        let root = Seq::new(root_seq)?;
        self.membership(conversation_id, actor.id()).await?;
        let stored = self
            .ports
            .storage
            .messages
            .get(conversation_id, root)
            .await?;
        if stored.is_none() {
            return Err(AppError::NotFound(format!("no message at seq {root}")));
        }
        self.strand(conversation_id, Strand::Replies(root), q).await
    }

    /// A page of one strand of a conversation, for a member.
    pub(crate) async fn strand(
        &self,
        conversation_id: ConversationId,
        strand: Strand,
        q: HistoryQuery,
    ) -> Result<Vec<Message>, AppError> {
        let query = StrandQuery {
            strand,
            after: q.after_seq,
            before: q.before_seq.map(Seq::new).transpose()?,
            limit: q.limit.map(Limit::new).transpose()?.unwrap_or_default(),
        };
        Ok(self
            .ports
            .storage
            .messages
            .strand_page(conversation_id, query)
            .await?)
    }
}
