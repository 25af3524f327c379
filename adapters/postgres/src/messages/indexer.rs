//! The search index as chat-sql-kit's indexer drives it: which conversations lag behind
//! `search_watermark`, and one chunk of a conversation indexed at a time (terms and
//! watermark in one transaction).

use async_trait::async_trait;
use chat_sql_kit::SearchIndex;
use uuid::Uuid;

use chat_domain::entities::{Message, MessageKind};
use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::search::insert_terms;
use crate::codec::big;
use crate::error::{corrupt, map};

/// Messages indexed per transaction.
const CHUNK: i64 = 500;

#[async_trait]
impl SearchIndex for super::Log {
    async fn lagging(
        &self,
        ids: Option<&[ConversationId]>,
    ) -> Result<Vec<ConversationId>, RepoError> {
        let sql = "SELECT c.conversation_id FROM message_counters c \
                   LEFT JOIN search_watermark w ON w.conversation_id = c.conversation_id \
                   WHERE c.last_seq > COALESCE(w.indexed_seq, 0)";
        let conn = self.db.conn().await?;
        let rows = match ids {
            Some([]) => return Ok(Vec::new()),
            Some(ids) => {
                let ids: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
                let statement = conn
                    .prepare_cached(&format!("{sql} AND c.conversation_id = ANY($1)"))
                    .await
                    .map_err(map)?;
                conn.query(&statement, &[&ids]).await
            }
            None => conn.query(sql, &[]).await,
        }
        .map_err(map)?;
        rows.iter()
            .map(|r| {
                r.try_get::<_, Uuid>(0)
                    .map(ConversationId::from_uuid)
                    .map_err(|e| corrupt("message_counters", e))
            })
            .collect()
    }

    async fn index_chunk(&self, id: ConversationId) -> Result<bool, RepoError> {
        let conn = self.db.conn().await?;
        let from: i64 = conn
            .query_opt(
                "SELECT indexed_seq FROM search_watermark WHERE conversation_id = $1",
                &[id.as_uuid()],
            )
            .await
            .map_err(map)?
            .map_or(0, |r| r.get(0));
        drop(conn);
        // As they are now: an edited body is indexed as edited, a recalled one not at all.
        let page: Vec<Message> = super::select(
            &self.db,
            "WHERE m.conversation_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3",
            &[id.as_uuid(), &from, &CHUNK],
        )
        .await?;
        let Some(last) = page.last().map(|m| big(m.seq.get())) else {
            return Ok(false);
        };
        let live: Vec<&Message> = page
            .iter()
            .filter(|m| m.kind == MessageKind::Text && !m.deleted)
            .collect();
        // Terms and watermark in one transaction: one commit, one WAL flush.
        let mut conn = self.db.conn().await?;
        let tx = conn.transaction().await.map_err(map)?;
        insert_terms(&tx, &live).await.map_err(map)?;
        let mark = tx
            .prepare_cached(
                "INSERT INTO search_watermark AS w (conversation_id, indexed_seq) VALUES ($1, $2) \
                 ON CONFLICT (conversation_id) \
                 DO UPDATE SET indexed_seq = GREATEST(w.indexed_seq, EXCLUDED.indexed_seq)",
            )
            .await
            .map_err(map)?;
        tx.execute(&mark, &[id.as_uuid(), &last])
            .await
            .map_err(map)?;
        tx.commit().await.map_err(map)?;
        Ok(page.len() as i64 == CHUNK)
    }
}
