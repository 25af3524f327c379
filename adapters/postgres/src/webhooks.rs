//! Incoming webhooks in the `webhooks` table; deleting removes the row.

use async_trait::async_trait;
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use chat_domain::entities::Webhook;
use chat_domain::ids::{ConversationId, UserId, WebhookId};
use chat_domain::ports::WebhookRepository;
use chat_domain::values::{DisplayName, TokenHash};
use chat_domain::RepoError;

use crate::error::{corrupt, map};
use crate::Db;

const COLUMNS: &str = "id, conversation_id, name, token_hash, bot_id, created_by, created_at";

fn from_row(row: &Row) -> Result<Webhook, RepoError> {
    let get = |e| corrupt("webhooks row", e);
    let name: String = row.try_get(2).map_err(get)?;
    Ok(Webhook {
        id: WebhookId::from_uuid(row.try_get(0).map_err(get)?),
        conversation_id: ConversationId::from_uuid(row.try_get(1).map_err(get)?),
        name: DisplayName::from_stored(&name).map_err(|e| corrupt("webhooks.name", e))?,
        token_hash: TokenHash::from_hex(row.try_get::<_, String>(3).map_err(get)?),
        bot_id: UserId::from_uuid(row.try_get(4).map_err(get)?),
        created_by: UserId::from_uuid(row.try_get(5).map_err(get)?),
        created_at: row.try_get(6).map_err(get)?,
    })
}

/// The [`WebhookRepository`] on PostgreSQL.
pub struct PostgresWebhooks {
    db: Db,
}

impl PostgresWebhooks {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    /// Runs `sql` (which returns [`COLUMNS`]) and reads its webhooks.
    async fn rows(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Webhook>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        let rows = conn.query(&statement, params).await.map_err(map)?;
        rows.iter().map(from_row).collect()
    }
}

#[async_trait]
impl WebhookRepository for PostgresWebhooks {
    async fn create(&self, w: &Webhook) -> Result<(), RepoError> {
        self.rows(
            &format!(
                "INSERT INTO webhooks ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 RETURNING {COLUMNS}"
            ),
            &[
                w.id.as_uuid(),
                w.conversation_id.as_uuid(),
                &w.name.as_str(),
                &w.token_hash.as_str(),
                w.bot_id.as_uuid(),
                w.created_by.as_uuid(),
                &w.created_at,
            ],
        )
        .await
        .map(drop)
    }

    async fn list(&self, conversation_id: ConversationId) -> Result<Vec<Webhook>, RepoError> {
        self.rows(
            &format!(
                "SELECT {COLUMNS} FROM webhooks WHERE conversation_id = $1 \
                 ORDER BY created_at, id"
            ),
            &[conversation_id.as_uuid()],
        )
        .await
    }

    async fn find_by_token(&self, token_hash: &TokenHash) -> Result<Option<Webhook>, RepoError> {
        Ok(self
            .rows(
                &format!("SELECT {COLUMNS} FROM webhooks WHERE token_hash = $1"),
                &[&token_hash.as_str()],
            )
            .await?
            .pop())
    }

    async fn delete(
        &self,
        conversation_id: ConversationId,
        id: WebhookId,
    ) -> Result<Option<Webhook>, RepoError> {
        Ok(self
            .rows(
                &format!(
                    "DELETE FROM webhooks WHERE id = $1 AND conversation_id = $2 \
                     RETURNING {COLUMNS}"
                ),
                &[id.as_uuid(), conversation_id.as_uuid()],
            )
            .await?
            .pop())
    }
}
