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
use mysql_async::prelude::Queryable;
use mysql_async::{Params, Row};
use uuid::Uuid;

use chat_domain::entities::{Message, MessageChange, MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::ports::{Appended, Changed, LogMark, MessageRepository, SyncPoint};
use chat_domain::values::{
    ClientMsgId, Limit, MessageBody, PageQuery, SearchCursor, SearchPage, SearchQuery, Seq,
};
use chat_domain::RepoError;

use crate::codec::{decode, from_db_time};
use crate::error::{corrupt, map};
use crate::Db;

const COLUMNS: &str = "m.conversation_id, m.seq, m.id, m.sender_id, m.kind, m.body, \
                       m.client_msg_id, m.reply_to, m.created_at, mc.state, \
                       (SELECT GROUP_CONCAT(HEX(mn.user_id)) FROM mentions mn \
                        WHERE mn.conversation_id = m.conversation_id AND mn.seq = m.seq)";
/// Every read sees a changed message as it is now.
const FROM: &str = "FROM messages m LEFT JOIN message_changes mc \
                    ON mc.conversation_id = m.conversation_id AND mc.seq = m.seq";

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
}

impl MysqlMessages {
    pub(crate) fn new(db: Db, background_indexing: bool) -> Self {
        let log = Arc::new(Log { db: db.clone() });
        Self {
            appends: AppendPath::start(log.clone(), Limits::default(), background_indexing),
            log,
            db,
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

type MessageRow = (
    Uuid,
    u64,
    Uuid,
    Uuid,
    String,
    String,
    Option<String>,
    Option<u64>,
    NaiveDateTime,
    Option<String>,
    Option<String>,
);

fn from_row(row: Row) -> Result<Message, RepoError> {
    let (
        conversation_id,
        seq,
        id,
        sender_id,
        kind,
        body,
        client_msg_id,
        reply_to,
        created_at,
        state,
        mentions,
    ): MessageRow = decode(row, "messages row")?;
    if let Some(state) = state {
        return changes::decode_state(&state);
    }
    let mentions = mentions
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|h| !h.is_empty())
        .map(|h| {
            Uuid::try_parse(h)
                .map(UserId::from_uuid)
                .map_err(|e| corrupt("mentions.user_id", e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let kind = MessageKind::parse(&kind).map_err(|e| corrupt("messages.kind", e))?;
    Ok(Message {
        id: MessageId::from_uuid(id),
        conversation_id: ConversationId::from_uuid(conversation_id),
        seq: Seq::new(seq).map_err(|e| corrupt("messages.seq", e))?,
        sender_id: UserId::from_uuid(sender_id),
        kind,
        body: MessageBody::from_stored(body),
        client_msg_id: client_msg_id
            .map(|c| ClientMsgId::parse(&c))
            .transpose()
            .map_err(|e| corrupt("messages.client_msg_id", e))?,
        reply_to: reply_to
            .map(Seq::new)
            .transpose()
            .map_err(|e| corrupt("messages.reply_to", e))?,
        mentions,
        created_at: from_db_time(created_at),
        edited_at: None,
        deleted: false,
        reactions: Vec::new(),
        version: 0,
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

    async fn get(&self, id: ConversationId, seq: Seq) -> Result<Option<Message>, RepoError> {
        Ok(select(
            &self.db,
            "WHERE m.conversation_id = ? AND m.seq = ?",
            (*id.as_uuid(), seq.get()),
        )
        .await?
        .pop())
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
