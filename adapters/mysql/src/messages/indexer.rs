//! The search index as chat-sql-kit's indexer drives it: which conversations lag behind
//! `search_watermark`, and one chunk of a conversation indexed at a time (terms and
//! watermark in one transaction).

use async_trait::async_trait;
use chat_sql_kit::SearchIndex;
use mysql_async::prelude::Queryable;
use mysql_async::Value;
use uuid::Uuid;

use chat_domain::entities::{Message, MessageKind};
use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::extras::{insert_terms, term_rows};
use crate::error::map;

/// Messages indexed per round trip.
const CHUNK: u64 = 500;

#[async_trait]
impl SearchIndex for super::Log {
    async fn lagging(
        &self,
        ids: Option<&[ConversationId]>,
    ) -> Result<Vec<ConversationId>, RepoError> {
        let mut sql = "SELECT c.conversation_id FROM message_counters c \
                       LEFT JOIN search_watermark w ON w.conversation_id = c.conversation_id \
                       WHERE c.last_seq > COALESCE(w.indexed_seq, 0)"
            .to_owned();
        let mut params: Vec<Value> = Vec::new();
        if let Some(ids) = ids {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(&format!(
                " AND c.conversation_id IN ({})",
                vec!["?"; ids.len()].join(", ")
            ));
            params.extend(ids.iter().map(|id| Value::from(id.as_uuid())));
        }
        let mut conn = self.db.conn().await?;
        let found: Vec<Uuid> = conn.exec(sql, params).await.map_err(map)?;
        Ok(found.into_iter().map(ConversationId::from_uuid).collect())
    }

    async fn index_chunk(&self, id: ConversationId) -> Result<bool, RepoError> {
        let mut conn = self.db.conn().await?;
        let from: Option<u64> = conn
            .exec_first(
                "SELECT indexed_seq FROM search_watermark WHERE conversation_id = ?",
                (*id.as_uuid(),),
            )
            .await
            .map_err(map)?;
        drop(conn);
        let from = from.unwrap_or(0);
        // As they are now: an edited body is indexed as edited, a recalled one not at all.
        let page: Vec<Message> = super::select(
            &self.db,
            "WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?",
            (*id.as_uuid(), from, CHUNK),
        )
        .await?;
        let Some(last) = page.last().map(|m| m.seq.get()) else {
            return Ok(false);
        };
        let live: Vec<&Message> = page
            .iter()
            .filter(|m| m.kind == MessageKind::Text && !m.deleted)
            .collect();
        let rows = term_rows(&live);
        // Terms and watermark in one transaction: one commit, one fsync.
        let mut conn = self.db.conn().await?;
        let mut tx = conn
            .start_transaction(mysql_async::TxOpts::default())
            .await
            .map_err(map)?;
        insert_terms(&mut tx, rows).await.map_err(map)?;
        tx.exec_drop(
            "INSERT INTO search_watermark (conversation_id, indexed_seq) VALUES (?, ?) \
         ON DUPLICATE KEY UPDATE indexed_seq = GREATEST(indexed_seq, VALUES(indexed_seq))",
            (*id.as_uuid(), last),
        )
        .await
        .map_err(map)?;
        tx.commit().await.map_err(map)?;
        Ok(page.len() as u64 == CHUNK)
    }
}
