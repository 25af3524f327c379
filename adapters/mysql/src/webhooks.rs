//! Incoming webhooks in the `webhooks` table; deleting removes the row.

use async_trait::async_trait;
use chrono::NaiveDateTime;
use mysql_async::prelude::Queryable;
use mysql_async::{Params, Row};
use uuid::Uuid;

use chat_domain::entities::Webhook;
use chat_domain::ids::{ConversationId, UserId, WebhookId};
use chat_domain::ports::WebhookRepository;
use chat_domain::values::{DisplayName, TokenHash};
use chat_domain::RepoError;

use crate::codec::{decode, from_db_time, to_db_time};
use crate::error::{corrupt, map};
use crate::Db;

const SELECT: &str = "SELECT id, conversation_id, name, token_hash, bot_id, created_by, \
     created_at FROM webhooks";

type WebhookRow = (Uuid, Uuid, String, String, Uuid, Uuid, NaiveDateTime);

fn from_row(row: Row) -> Result<Webhook, RepoError> {
    let (id, conversation_id, name, token_hash, bot_id, created_by, created_at): WebhookRow =
        decode(row, "webhooks row")?;
    Ok(Webhook {
        id: WebhookId::from_uuid(id),
        conversation_id: ConversationId::from_uuid(conversation_id),
        name: DisplayName::from_stored(&name).map_err(|e| corrupt("webhooks.name", e))?,
        token_hash: TokenHash::from_hex(token_hash),
        bot_id: UserId::from_uuid(bot_id),
        created_by: UserId::from_uuid(created_by),
        created_at: from_db_time(created_at),
    })
}

/// The [`WebhookRepository`] on MySQL.
pub struct MysqlWebhooks {
    db: Db,
}

impl MysqlWebhooks {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn select(
        &self,
        filter: &str,
        params: impl Into<Params> + Send,
    ) -> Result<Vec<Webhook>, RepoError> {
        self.db
            .select(format!("{SELECT} {filter}"), params, from_row)
            .await
    }
}

#[async_trait]
impl WebhookRepository for MysqlWebhooks {
    async fn create(&self, w: &Webhook) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            "INSERT INTO webhooks (id, conversation_id, name, token_hash, bot_id, created_by, \
             created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                *w.id.as_uuid(),
                *w.conversation_id.as_uuid(),
                w.name.as_str(),
                w.token_hash.as_str(),
                *w.bot_id.as_uuid(),
                *w.created_by.as_uuid(),
                to_db_time(w.created_at),
            ),
        )
        .await
        .map_err(map)
    }

    async fn list(&self, conversation_id: ConversationId) -> Result<Vec<Webhook>, RepoError> {
        self.select(
            "WHERE conversation_id = ? ORDER BY created_at, id",
            (*conversation_id.as_uuid(),),
        )
        .await
    }

    async fn find_by_token(&self, token_hash: &TokenHash) -> Result<Option<Webhook>, RepoError> {
        Ok(self
            .select("WHERE token_hash = ?", (token_hash.as_str(),))
            .await?
            .pop())
    }

    async fn delete(
        &self,
        conversation_id: ConversationId,
        id: WebhookId,
    ) -> Result<Option<Webhook>, RepoError> {
        let filter = "WHERE id = ? AND conversation_id = ?";
        let params = (*id.as_uuid(), *conversation_id.as_uuid());
        let Some(found) = self.select(filter, params).await?.pop() else {
            return Ok(None);
        };
        let mut conn = self.db.conn().await?;
        conn.exec_drop(format!("DELETE FROM webhooks {filter}"), params)
            .await
            .map_err(map)?;
        // A racing delete of the same webhook leaves nothing to return twice.
        Ok((conn.affected_rows() > 0).then_some(found))
    }
}
