//! Message logs in the `messages` table, seqs from `message_counters`.
//!
//! An append updates its conversation's counter row in the same transaction as the
//! insert; the row's lock is held until commit, so two processes appending to one
//! conversation queue on it and seqs are gap-free and unique across processes. A retry
//! racing its original meets the unique constraint on (conversation, sender,
//! client_msg_id) and returns the stored message. Concurrent appends share transactions
//! (chat-sql-kit's `Batcher`, over [`commit`]); search terms are indexed after the commit
//! (its `Indexer`, over [`indexer`]).

mod changes;
mod commit;
mod indexer;
mod row;
mod search;
mod twins;

use std::sync::Arc;

use async_trait::async_trait;
use chat_sql_kit::{AppendPath, Limits};
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use chat_domain::entities::{Message, MessageChange, NewMessage};
use chat_domain::ids::{ConversationId, FileId, UserId};
use chat_domain::ports::{Appended, Changed, LogMark, MessageRepository, SyncPoint};
use chat_domain::values::{
    ClientMsgId, Limit, PageQuery, SearchCursor, SearchPage, SearchQuery, Seq, Strand, StrandQuery,
};
use chat_domain::RepoError;

use crate::codec::{big, count};
use crate::error::map;
use crate::Db;

/// The message log as chat-sql-kit drives it: its append transaction
/// ([`chat_sql_kit::Committer`], in [`commit`]) and its search index
/// ([`chat_sql_kit::SearchIndex`], in [`indexer`]).
pub(crate) struct Log {
    db: Db,
}

/// The [`MessageRepository`] on PostgreSQL.
pub struct PostgresMessages {
    db: Db,
    log: Arc<Log>,
    appends: AppendPath,
}

impl PostgresMessages {
    pub(crate) fn new(db: Db, background_indexing: bool) -> Self {
        let log = Arc::new(Log { db: db.clone() });
        Self {
            appends: AppendPath::start(log.clone(), Limits::default(), background_indexing),
            log,
            db,
        }
    }
}

/// The messages `SELECT {COLUMNS} FROM messages m {filter}` finds, as they are now.
pub(crate) async fn select(
    db: &Db,
    filter: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<Message>, RepoError> {
    let conn = db.conn().await?;
    let sql = format!("SELECT {} FROM messages m {filter}", row::COLUMNS);
    let statement = conn.prepare_cached(&sql).await.map_err(map)?;
    let rows = conn.query(&statement, params).await.map_err(map)?;
    rows.iter().map(row::message).collect()
}

/// The message stored under (conversation, sender, client_msg_id), if any.
async fn find_by_client_id(
    db: &Db,
    id: ConversationId,
    sender: UserId,
    client_msg_id: &ClientMsgId,
) -> Result<Option<Message>, RepoError> {
    Ok(select(
        db,
        "WHERE m.conversation_id = $1 AND m.sender_id = $2 AND m.client_msg_id = $3",
        &[id.as_uuid(), sender.as_uuid(), &client_msg_id.as_str()],
    )
    .await?
    .pop())
}

#[async_trait]
impl MessageRepository for PostgresMessages {
    async fn append(&self, message: NewMessage) -> Result<Appended, RepoError> {
        self.appends.append(message).await
    }

    /// All in one batch, never split: one commit for the lot, seqs in the given order.
    async fn append_all(&self, messages: Vec<NewMessage>) -> Vec<Result<Appended, RepoError>> {
        self.appends.append_all(messages).await
    }

    async fn page(&self, id: ConversationId, query: PageQuery) -> Result<Vec<Message>, RepoError> {
        // Seqs are gap-free, so "the `limit` seqs next to a bound" is one range read of
        // the primary key, without first reading the last seq.
        let after = big(query.after.map_or(0, Seq::get));
        let before = big(query.before.map_or(u64::MAX, Seq::get));
        let limit = big(query.limit.get() as u64);
        let params: [&(dyn ToSql + Sync); 4] = [id.as_uuid(), &after, &before, &limit];
        if query.after.is_some() {
            select(
                &self.db,
                "WHERE m.conversation_id = $1 AND m.seq > $2 AND m.seq < $3 \
                 ORDER BY m.seq LIMIT $4",
                &params,
            )
            .await
        } else {
            let mut newest_first = select(
                &self.db,
                "WHERE m.conversation_id = $1 AND m.seq > $2 AND m.seq < $3 \
                 ORDER BY m.seq DESC LIMIT $4",
                &params,
            )
            .await?;
            newest_first.reverse();
            Ok(newest_first)
        }
    }

    /// One range read: of the primary key for top-level messages, of `messages_thread`
    /// for a thread's replies.
    async fn strand_page(
        &self,
        id: ConversationId,
        query: StrandQuery,
    ) -> Result<Vec<Message>, RepoError> {
        let lower = big(query.lower());
        let upper = query.before.map_or(i64::MAX, |b| big(b.get()));
        let limit = big(query.limit.get() as u64);
        let order = if query.after.is_some() { "" } else { "DESC" };
        let mut page = match query.strand {
            Strand::TopLevel => {
                let filter = format!(
                    "WHERE m.conversation_id = $1 AND m.thread_root IS NULL AND m.seq > $2 \
                     AND m.seq < $3 ORDER BY m.seq {order} LIMIT $4"
                );
                select(&self.db, &filter, &[id.as_uuid(), &lower, &upper, &limit]).await?
            }
            Strand::Replies(root) => {
                let filter = format!(
                    "WHERE m.conversation_id = $1 AND m.thread_root = $5 AND m.seq > $2 \
                     AND m.seq < $3 ORDER BY m.seq {order} LIMIT $4"
                );
                let root = big(root.get());
                let params: [&(dyn ToSql + Sync); 5] =
                    [id.as_uuid(), &lower, &upper, &limit, &root];
                select(&self.db, &filter, &params).await?
            }
        };
        if query.after.is_none() {
            page.reverse();
        }
        Ok(page)
    }

    async fn get(&self, id: ConversationId, seq: Seq) -> Result<Option<Message>, RepoError> {
        Ok(select(
            &self.db,
            "WHERE m.conversation_id = $1 AND m.seq = $2",
            &[id.as_uuid(), &big(seq.get())],
        )
        .await?
        .pop())
    }

    async fn get_many(&self, id: ConversationId, seqs: &[Seq]) -> Result<Vec<Message>, RepoError> {
        let seqs: Vec<i64> = seqs.iter().map(|s| big(s.get())).collect();
        select(
            &self.db,
            "WHERE m.conversation_id = $1 AND m.seq = ANY($2) ORDER BY m.seq",
            &[id.as_uuid(), &seqs],
        )
        .await
    }

    async fn count_replies_after(
        &self,
        id: ConversationId,
        root: Seq,
        after_seq: u64,
    ) -> Result<u64, RepoError> {
        // One range of the thread index.
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "SELECT count(*) FROM messages WHERE conversation_id = $1 \
                 AND thread_root = $2 AND seq > $3 AND NOT deleted",
            )
            .await
            .map_err(map)?;
        let row = conn
            .query_one(
                &statement,
                &[id.as_uuid(), &big(root.get()), &big(after_seq)],
            )
            .await
            .map_err(map)?;
        crate::codec::count(row.try_get(0).map_err(map)?, "reply count")
    }

    /// One scan of the conversation's rows in the database rather than pages of them:
    /// the attachment's key as the server writes it (a quote inside a name is escaped,
    /// so only the real key matches).
    async fn references_file(&self, id: ConversationId, file: FileId) -> Result<bool, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 \
                 AND kind IN ('image', 'file') AND NOT deleted AND strpos(body, $2) > 0)",
            )
            .await
            .map_err(map)?;
        let key = format!(r#""file_id":"{file}""#);
        let row = conn
            .query_one(&statement, &[id.as_uuid(), &key])
            .await
            .map_err(map)?;
        row.try_get(0).map_err(map)
    }

    async fn find_by_client_id(
        &self,
        id: ConversationId,
        sender: UserId,
        client_msg_id: &ClientMsgId,
    ) -> Result<Option<Message>, RepoError> {
        find_by_client_id(&self.db, id, sender, client_msg_id).await
    }

    async fn last_seq(&self, id: ConversationId) -> Result<u64, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached("SELECT last_seq FROM message_counters WHERE conversation_id = $1")
            .await
            .map_err(map)?;
        let row = conn
            .query_opt(&statement, &[id.as_uuid()])
            .await
            .map_err(map)?;
        row.map_or(Ok(0), |r| count(r.get(0), "message_counters.last_seq"))
    }

    async fn sync_point(&self) -> Result<SyncPoint, RepoError> {
        crate::stamps::sync_point(&self.db).await
    }

    /// One statement: stamps and versions from one snapshot.
    async fn log_marks(&self, ids: &[ConversationId]) -> Result<Vec<LogMark>, RepoError> {
        let uuids: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "SELECT t.c, COALESCE(s.stamp, 0), COALESCE(cc.last_version, 0) \
                 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(c, i) \
                 LEFT JOIN message_stamps s ON s.conversation_id = t.c \
                 LEFT JOIN change_counters cc ON cc.conversation_id = t.c ORDER BY t.i",
            )
            .await
            .map_err(map)?;
        let rows = conn.query(&statement, &[&uuids]).await.map_err(map)?;
        rows.iter()
            .map(|r| {
                let get = |i: usize, what: &str| {
                    r.try_get::<_, i64>(i)
                        .map_err(|e| crate::error::corrupt(what, e))
                        .and_then(|n| count(n, what))
                };
                Ok(LogMark {
                    conversation_id: ConversationId::from_uuid(
                        r.try_get(0)
                            .map_err(|e| crate::error::corrupt("log mark", e))?,
                    ),
                    stamp: get(1, "message_stamps.stamp")?,
                    last_version: get(2, "change_counters.last_version")?,
                })
            })
            .collect()
    }

    async fn latest(&self, ids: &[ConversationId]) -> Result<Vec<Message>, RepoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
        select(
            &self.db,
            "JOIN message_counters c ON c.conversation_id = m.conversation_id \
             AND c.last_seq = m.seq WHERE c.conversation_id = ANY($1)",
            &[&ids],
        )
        .await
    }

    async fn change(
        &self,
        id: ConversationId,
        seq: Seq,
        change: &MessageChange,
    ) -> Result<Changed, RepoError> {
        changes::change(&self.db, id, seq, change).await
    }

    async fn pinned(&self, id: ConversationId) -> Result<Vec<Message>, RepoError> {
        select(
            &self.db,
            "WHERE m.conversation_id = $1 AND m.pinned_at IS NOT NULL \
             ORDER BY m.pinned_at DESC, m.seq DESC",
            &[id.as_uuid()],
        )
        .await
    }

    async fn changes(
        &self,
        id: ConversationId,
        after_version: u64,
        limit: Limit,
    ) -> Result<Vec<Message>, RepoError> {
        select(
            &self.db,
            "WHERE m.conversation_id = $1 AND m.version > $2 ORDER BY m.version LIMIT $3",
            &[id.as_uuid(), &big(after_version), &big(limit.get() as u64)],
        )
        .await
    }

    async fn search(
        &self,
        ids: &[ConversationId],
        query: &SearchQuery,
        before: Option<SearchCursor>,
        limit: usize,
    ) -> Result<SearchPage, RepoError> {
        chat_sql_kit::catch_up(&*self.log, ids).await?;
        search::search(&self.db, ids, query, before, limit).await
    }

    async fn count_mentions(
        &self,
        id: ConversationId,
        user: UserId,
        after_seq: u64,
    ) -> Result<u64, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "SELECT COUNT(*) FROM mentions WHERE conversation_id = $1 AND user_id = $2 \
                 AND seq > $3",
            )
            .await
            .map_err(map)?;
        let row = conn
            .query_one(&statement, &[id.as_uuid(), user.as_uuid(), &big(after_seq)])
            .await
            .map_err(map)?;
        count(row.get(0), "mentions count")
    }

    async fn ping(&self) -> Result<(), RepoError> {
        self.db.ping().await
    }

    async fn count(&self) -> Result<u64, RepoError> {
        // Seqs are gap-free and messages are never deleted, so the counters sum to the
        // number of messages: one row per conversation read, not one per message.
        let conn = self.db.conn().await?;
        let row = conn
            .query_one(
                "SELECT COALESCE(SUM(last_seq), 0)::bigint FROM message_counters",
                &[],
            )
            .await
            .map_err(map)?;
        count(row.get(0), "message count")
    }
}
