//! Thread standings in the `thread_follows` table; each update is one upsert.

use async_trait::async_trait;
use tokio_postgres::Row;
use uuid::Uuid;

use chat_domain::entities::{FollowState, FollowUpdate, ThreadFollow};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::ThreadFollowRepository;
use chat_domain::values::Seq;
use chat_domain::RepoError;
use chat_sql_kit::follows::{state_code, state_of, upsert_parts};

use crate::codec::{big, count, seq};
use crate::error::map;
use crate::Db;

/// The [`ThreadFollowRepository`] on PostgreSQL.
pub struct PostgresFollows {
    db: Db,
}

impl PostgresFollows {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn query(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Row>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        conn.query(&statement, params).await.map_err(map)
    }
}

const COLUMNS: &str = "user_id, conversation_id, root, state, read_seq";

fn follow(row: &Row) -> Result<ThreadFollow, RepoError> {
    let what = "thread_follows row";
    Ok(ThreadFollow {
        user_id: UserId::from_uuid(row.try_get(0).map_err(map)?),
        conversation_id: ConversationId::from_uuid(row.try_get(1).map_err(map)?),
        root: seq(row.try_get(2).map_err(map)?, what)?,
        state: state_of(row.try_get(3).map_err(map)?)?,
        read_seq: count(row.try_get(4).map_err(map)?, what)?,
    })
}

#[async_trait]
impl ThreadFollowRepository for PostgresFollows {
    async fn update(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
        update: FollowUpdate,
    ) -> Result<(), RepoError> {
        let (state, read, expr) = upsert_parts(update, "thread_follows.state");
        let sql = format!(
            "INSERT INTO thread_follows ({COLUMNS}) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, conversation_id, root) DO UPDATE SET state = {expr}, \
             read_seq = GREATEST(thread_follows.read_seq, EXCLUDED.read_seq)"
        );
        let params: [&(dyn tokio_postgres::types::ToSql + Sync); 5] = [
            user_id.as_uuid(),
            conversation_id.as_uuid(),
            &big(root.get()),
            &state,
            &big(read),
        ];
        self.query(&sql, &params).await.map(drop)
    }

    async fn get(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
    ) -> Result<Option<ThreadFollow>, RepoError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM thread_follows \
             WHERE user_id = $1 AND conversation_id = $2 AND root = $3"
        );
        let rows = self
            .query(
                &sql,
                &[
                    user_id.as_uuid(),
                    conversation_id.as_uuid(),
                    &big(root.get()),
                ],
            )
            .await?;
        rows.first().map(follow).transpose()
    }

    async fn of_user(&self, user_id: UserId) -> Result<Vec<ThreadFollow>, RepoError> {
        let sql = format!("SELECT {COLUMNS} FROM thread_follows WHERE user_id = $1");
        let rows = self.query(&sql, &[user_id.as_uuid()]).await?;
        rows.iter().map(follow).collect()
    }

    async fn followers(
        &self,
        conversation_id: ConversationId,
        root: Seq,
    ) -> Result<Vec<UserId>, RepoError> {
        // A literal state, so the plan uses the partial index of followers.
        let sql = format!(
            "SELECT user_id FROM thread_follows \
             WHERE conversation_id = $1 AND root = $2 AND state = {}",
            state_code(FollowState::Following)
        );
        let rows = self
            .query(&sql, &[conversation_id.as_uuid(), &big(root.get())])
            .await?;
        rows.iter()
            .map(|r| r.try_get::<_, Uuid>(0).map(UserId::from_uuid).map_err(map))
            .collect()
    }
}
