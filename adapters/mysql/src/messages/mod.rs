//! Message logs in the `messages` table, seqs from `message_counters`.
//!
//! An append bumps its conversation's counter row in the same transaction as the
//! insert; the row's lock is held until commit, so two processes appending to one
//! conversation queue on it and seqs are gap-free and unique across processes. A retry
//! racing its original meets the unique key on (conversation, sender, client_msg_id)
//! and returns the stored message. Concurrent appends share transactions (chat-sql-kit's
//! `Batcher`, over [`commit`]); search terms are indexed after the commit (its
//! `Indexer`, over [`indexer`]).

mod changes;
mod chunks;
mod commit;
pub(crate) mod extras;
mod indexer;
mod search;
mod twins;

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use chat_sql_kit::{AppendPath, Limits};
use chrono::NaiveDateTime;
use mysql_async::prelude::FromValue;
use mysql_async::prelude::Queryable;
use mysql_async::{Params, Row};
use uuid::Uuid;

use chat_domain::entities::{Forwarded, Message, MessageChange, MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, FileId, MessageId, UserId};
use chat_domain::ports::{Appended, Changed, Erased, LogMark, MessageRepository, SyncPoint};
use chat_domain::values::{
    ClientMsgId, Limit, MessageBody, PageQuery, SearchCursor, SearchPage, SearchQuery, Seq, Strand,
    StrandQuery,
};
use chat_domain::RepoError;

use crate::codec::from_db_time;
use crate::error::{corrupt, map};
use crate::Db;

const COLUMNS: &str = "m.conversation_id, m.seq, m.id, m.sender_id, m.kind, m.body, \
                       m.client_msg_id, m.reply_to, m.created_at, mc.state, \
                       (SELECT GROUP_CONCAT(HEX(mn.user_id)) FROM mentions mn \
                        WHERE mn.conversation_id = m.conversation_id AND mn.seq = m.seq), \
                       ml.thread_root, ml.forwarded_sender_id, ml.forwarded_at";
/// Every read sees a changed message as it is now.
const FROM: &str = "FROM messages m LEFT JOIN message_changes mc \
                    ON mc.conversation_id = m.conversation_id AND mc.seq = m.seq \
                    LEFT JOIN message_links ml \
                    ON ml.conversation_id = m.conversation_id AND ml.seq = m.seq";

/// The message log as chat-sql-kit drives it: its append transaction
/// ([`chat_sql_kit::Committer`], in [`commit`]) and its search index
/// ([`chat_sql_kit::SearchIndex`], in [`indexer`]).
pub(crate) struct Log {
    db: Db,
}

/// The [`MessageRepository`] on MySQL.
pub struct MysqlMessages {
    db: Db,
    log: Arc<Log>,
    appends: AppendPath,
    /// Whether tombstones from before erasure have been blanked since the start.
    swept: std::sync::atomic::AtomicBool,
}

impl MysqlMessages {
    pub(crate) fn new(db: Db, background_indexing: bool) -> Self {
        let log = Arc::new(Log { db: db.clone() });
        Self {
            appends: AppendPath::start(log.clone(), Limits::default(), background_indexing),
            log,
            db,
            swept: Default::default(),
        }
    }
}

pub(crate) async fn select(
    db: &Db,
    filter: &str,
    params: impl Into<Params> + Send,
) -> Result<Vec<Message>, RepoError> {
    let mut conn = db.conn().await?;
    let rows: Vec<Row> = conn
        .exec(format!("SELECT {COLUMNS} {FROM} {filter}"), params)
        .await
        .map_err(map)?;
    rows.into_iter().map(from_row).collect()
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
        "WHERE m.conversation_id = ? AND m.sender_id = ? AND m.client_msg_id = ?",
        (*id.as_uuid(), *sender.as_uuid(), client_msg_id.as_str()),
    )
    .await?
    .pop())
}

/// Column `i` of a row of [`COLUMNS`].
fn col<T: FromValue>(row: &mut Row, i: usize) -> Result<T, RepoError> {
    row.take_opt(i)
        .ok_or_else(|| corrupt("messages row", format!("no column {i}")))?
        .map_err(|e| corrupt("messages row", e))
}

fn from_row(mut row: Row) -> Result<Message, RepoError> {
    // A changed message is read whole from its state, which has everything below.
    if let Some(state) = col::<Option<String>>(&mut row, 9)? {
        return changes::decode_state(&state);
    }
    let mentions = col::<Option<String>>(&mut row, 10)?
        .unwrap_or_default()
        .split(',')
        .filter(|h| !h.is_empty())
        .map(|h| {
            Uuid::try_parse(h)
                .map(UserId::from_uuid)
                .map_err(|e| corrupt("mentions.user_id", e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let kind = MessageKind::parse(&col::<String>(&mut row, 4)?)
        .map_err(|e| corrupt("messages.kind", e))?;
    let seq = |n: u64, what| Seq::new(n).map_err(|e| corrupt(what, e));
    let forwarded_from: Option<Uuid> = col(&mut row, 12)?;
    let forwarded_at: Option<NaiveDateTime> = col(&mut row, 13)?;
    Ok(Message {
        conversation_id: ConversationId::from_uuid(col(&mut row, 0)?),
        seq: seq(col(&mut row, 1)?, "messages.seq")?,
        id: MessageId::from_uuid(col(&mut row, 2)?),
        sender_id: UserId::from_uuid(col(&mut row, 3)?),
        kind,
        body: MessageBody::from_stored(col(&mut row, 5)?),
        client_msg_id: col::<Option<String>>(&mut row, 6)?
            .map(|c| ClientMsgId::parse(&c))
            .transpose()
            .map_err(|e| corrupt("messages.client_msg_id", e))?,
        reply_to: col::<Option<u64>>(&mut row, 7)?
            .map(|r| seq(r, "messages.reply_to"))
            .transpose()?,
        mentions,
        created_at: from_db_time(col(&mut row, 8)?),
        edited_at: None,
        deleted: false,
        reactions: Vec::new(),
        version: 0,
        thread_root: col::<Option<u64>>(&mut row, 11)?
            .map(|r| seq(r, "message_links.thread_root"))
            .transpose()?,
        thread: None,
        forwarded: forwarded_from.zip(forwarded_at).map(|(u, at)| Forwarded {
            sender_id: UserId::from_uuid(u),
            created_at: from_db_time(at),
        }),
        pinned: None,
        removed: None,
    })
}

#[async_trait]
impl MessageRepository for MysqlMessages {
    async fn append(&self, message: NewMessage) -> Result<Appended, RepoError> {
        self.appends.append(message).await
    }

    /// All in one batch, never split: one commit for the lot, seqs in the given order.
    async fn append_all(&self, messages: Vec<NewMessage>) -> Vec<Result<Appended, RepoError>> {
        self.appends.append_all(messages).await
    }

    async fn page(&self, id: ConversationId, query: PageQuery) -> Result<Vec<Message>, RepoError> {
        // Seqs are gap-free, so "the `limit` seqs next to a bound" is an indexed range
        // read on the primary key, without first reading the last seq.
        let after = query.after.map_or(0, Seq::get);
        let before = query.before.map_or(u64::MAX, Seq::get);
        let limit = query.limit.get() as u64;
        let params = (*id.as_uuid(), after, before, limit);
        if query.after.is_some() {
            select(
                &self.db,
                "WHERE m.conversation_id = ? AND m.seq > ? AND m.seq < ? \
                 ORDER BY m.seq LIMIT ?",
                params,
            )
            .await
        } else {
            let mut newest_first = select(
                &self.db,
                "WHERE m.conversation_id = ? AND m.seq > ? AND m.seq < ? \
                     ORDER BY m.seq DESC LIMIT ?",
                params,
            )
            .await?;
            newest_first.reverse();
            Ok(newest_first)
        }
    }

    /// One range read: of the primary key for top-level messages, of
    /// `message_links_thread` for a thread's replies.
    async fn strand_page(
        &self,
        id: ConversationId,
        query: StrandQuery,
    ) -> Result<Vec<Message>, RepoError> {
        let lower = query.lower();
        let upper = query.before.map_or(u64::MAX, Seq::get);
        let limit = query.limit.get() as u64;
        let order = if query.after.is_some() { "" } else { "DESC" };
        let conv = *id.as_uuid();
        let mut page = match query.strand {
            Strand::TopLevel => {
                let filter = format!(
                    "WHERE m.conversation_id = ? AND ml.thread_root IS NULL AND m.seq > ? \
                     AND m.seq < ? ORDER BY m.seq {order} LIMIT ?"
                );
                select(&self.db, &filter, (conv, lower, upper, limit)).await?
            }
            Strand::Replies(root) => {
                let filter = format!(
                    "WHERE ml.conversation_id = ? AND ml.thread_root = ? AND ml.seq > ? \
                     AND ml.seq < ? ORDER BY ml.seq {order} LIMIT ?"
                );
                let params = (conv, root.get(), lower, upper, limit);
                select(&self.db, &filter, params).await?
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
            "WHERE m.conversation_id = ? AND m.seq = ?",
            (*id.as_uuid(), seq.get()),
        )
        .await?
        .pop())
    }

    async fn get_many(&self, id: ConversationId, seqs: &[Seq]) -> Result<Vec<Message>, RepoError> {
        let mut out = Vec::with_capacity(seqs.len());
        // Bounded statements: a follower of thousands of threads in one conversation.
        for chunk in seqs.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let filter =
                format!("WHERE m.conversation_id = ? AND m.seq IN ({marks}) ORDER BY m.seq");
            let mut params = vec![mysql_async::Value::from(*id.as_uuid())];
            params.extend(chunk.iter().map(|s| mysql_async::Value::from(s.get())));
            out.extend(select(&self.db, &filter, params).await?);
        }
        out.sort_by_key(|m| m.seq);
        out.dedup_by_key(|m| m.seq);
        Ok(out)
    }

    async fn count_replies_after(
        &self,
        id: ConversationId,
        root: Seq,
        after_seq: u64,
    ) -> Result<u64, RepoError> {
        // One range of the thread index; a recall is in the message's changed state
        // (JSON_VALUE reads `true` as 'true' on MySQL, '1' on MariaDB).
        let mut conn = self.db.conn().await?;
        let n: Option<u64> = conn
            .exec_first(
                "SELECT COUNT(*) FROM message_links ml LEFT JOIN message_changes mc \
                 ON mc.conversation_id = ml.conversation_id AND mc.seq = ml.seq \
                 WHERE ml.conversation_id = ? AND ml.thread_root = ? AND ml.seq > ? \
                 AND COALESCE(JSON_VALUE(mc.state, '$.deleted'), '') NOT IN ('true', '1')",
                (*id.as_uuid(), root.get(), after_seq),
            )
            .await
            .map_err(map)?;
        Ok(n.unwrap_or(0))
    }

    /// One query rather than pages of history (see `changes::carries_file`).
    async fn references_file(&self, id: ConversationId, file: FileId) -> Result<bool, RepoError> {
        changes::carries_file(&self.db, id, file).await
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
        let mut conn = self.db.conn().await?;
        let seq: Option<u64> = conn
            .exec_first(
                "SELECT last_seq FROM message_counters WHERE conversation_id = ?",
                (*id.as_uuid(),),
            )
            .await
            .map_err(map)?;
        Ok(seq.unwrap_or(0))
    }

    async fn sync_point(&self) -> Result<SyncPoint, RepoError> {
        crate::stamps::sync_point(&self.db).await
    }

    async fn log_marks(&self, ids: &[ConversationId]) -> Result<Vec<LogMark>, RepoError> {
        log_marks(&self.db, ids).await
    }

    async fn latest(&self, ids: &[ConversationId]) -> Result<Vec<Message>, RepoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let params: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
        select(
            &self.db,
            &format!(
                "JOIN message_counters c ON c.conversation_id = m.conversation_id \
                 AND c.last_seq = m.seq WHERE c.conversation_id IN ({marks})"
            ),
            params,
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
            "JOIN pins p ON p.conversation_id = m.conversation_id AND p.seq = m.seq \
             WHERE p.conversation_id = ? ORDER BY p.pinned_at DESC, p.seq DESC",
            (*id.as_uuid(),),
        )
        .await
    }

    async fn changes(
        &self,
        id: ConversationId,
        after_version: u64,
        limit: Limit,
    ) -> Result<Vec<Message>, RepoError> {
        changes::since(&self.db, id, after_version, limit).await
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
        let mut conn = self.db.conn().await?;
        let n: Option<u64> = conn
            .exec_first(
                "SELECT COUNT(*) FROM mentions WHERE conversation_id = ? AND user_id = ? \
                 AND seq > ?",
                (*id.as_uuid(), *user.as_uuid(), after_seq),
            )
            .await
            .map_err(map)?;
        Ok(n.unwrap_or(0))
    }

    async fn ping(&self) -> Result<(), RepoError> {
        self.db.ping().await
    }

    /// A recall or removal erases in its own transaction; what is left is tombstones
    /// from builds before that, blanked once per start.
    async fn erase_tombstones(&self) -> Result<Erased, RepoError> {
        use std::sync::atomic::Ordering;
        if self.swept.load(Ordering::Acquire) {
            return Ok(Erased::default());
        }
        let messages = changes::blank_older_tombstones(&self.db).await?;
        self.swept.store(true, Ordering::Release);
        Ok(Erased {
            messages,
            bytes_rewritten: 0,
        })
    }

    async fn count(&self) -> Result<u64, RepoError> {
        // Seqs are gap-free and messages are never deleted, so the counters sum to the
        // number of messages: one row per conversation read, not one per message.
        let mut conn = self.db.conn().await?;
        let n: Option<Option<u64>> = conn
            .query_first("SELECT CAST(SUM(last_seq) AS UNSIGNED) FROM message_counters")
            .await
            .map_err(map)?;
        Ok(n.flatten().unwrap_or(0))
    }
}

/// Stamps first, then versions: a version read after its stamp is at least as new.
async fn log_marks(db: &Db, ids: &[ConversationId]) -> Result<Vec<LogMark>, RepoError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = db.conn().await?;
    let stamps = column_of(&mut conn, "message_stamps", "stamp", ids).await?;
    let versions = column_of(&mut conn, "change_counters", "last_version", ids).await?;
    Ok(ids
        .iter()
        .map(|&id| LogMark {
            conversation_id: id,
            last_version: versions.get(id.as_uuid()).copied().unwrap_or(0),
            stamp: stamps.get(id.as_uuid()).copied().unwrap_or(0),
        })
        .collect())
}

/// `column` of the rows of `table` keyed by these conversations.
async fn column_of(
    conn: &mut mysql_async::Conn,
    table: &str,
    column: &str,
    ids: &[ConversationId],
) -> Result<HashMap<Uuid, u64>, RepoError> {
    let marks = vec!["?"; ids.len()].join(", ");
    let params: Vec<mysql_async::Value> = ids.iter().map(|id| id.as_uuid().into()).collect();
    let rows: Vec<(Uuid, u64)> = conn
        .exec(
            format!(
                "SELECT conversation_id, {column} FROM {table} WHERE conversation_id IN ({marks})"
            ),
            params,
        )
        .await
        .map_err(map)?;
    Ok(rows.into_iter().collect())
}
