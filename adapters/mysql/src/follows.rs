//! Thread standings in the `thread_follows` table; each update is one upsert.

use async_trait::async_trait;
use mysql_async::prelude::Queryable;
use mysql_async::Row;
use uuid::Uuid;

use chat_domain::entities::{FollowUpdate, ThreadFollow};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::ThreadFollowRepository;
use chat_domain::values::Seq;
use chat_domain::RepoError;
use chat_sql_kit::follows::{state_code, state_of, upsert_parts};

use crate::codec::decode;
use crate::error::{corrupt, map};
use crate::Db;

/// The [`ThreadFollowRepository`] on MySQL.
pub struct MysqlFollows {
    db: Db,
}

impl MysqlFollows {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }
}

fn follow(row: Row) -> Result<ThreadFollow, RepoError> {
    let (user, conv, root, state, read_seq): (Uuid, Uuid, u64, i16, u64) =
        decode(row, "thread_follows row")?;
    Ok(ThreadFollow {
        conversation_id: ConversationId::from_uuid(conv),
        root: Seq::new(root).map_err(|e| corrupt("thread_follows root", e))?,
        user_id: UserId::from_uuid(user),
        state: state_of(state)?,
        read_seq,
    })
}

const COLUMNS: &str = "user_id, conversation_id, root, state, read_seq";

#[async_trait]
impl ThreadFollowRepository for MysqlFollows {
    async fn update(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
        update: FollowUpdate,
    ) -> Result<(), RepoError> {
        let (state, read, expr) = upsert_parts(update, "state");
        let sql = format!(
            "INSERT INTO thread_follows ({COLUMNS}) VALUES (?, ?, ?, ?, ?) \
             ON DUPLICATE KEY UPDATE state = {expr}, \
             read_seq = GREATEST(read_seq, VALUES(read_seq))"
        );
        let mut conn = self.db.conn().await?;
        let key = (*user_id.as_uuid(), *conversation_id.as_uuid(), root.get());
        conn.exec_drop(sql, (key.0, key.1, key.2, state, read))
            .await
            .map_err(map)
    }

    async fn get(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
    ) -> Result<Option<ThreadFollow>, RepoError> {
        let mut conn = self.db.conn().await?;
        let row: Option<Row> = conn
            .exec_first(
                format!(
                    "SELECT {COLUMNS} FROM thread_follows \
                     WHERE user_id = ? AND conversation_id = ? AND root = ?"
                ),
                (*user_id.as_uuid(), *conversation_id.as_uuid(), root.get()),
            )
            .await
            .map_err(map)?;
        row.map(follow).transpose()
    }

    async fn of_user(&self, user_id: UserId) -> Result<Vec<ThreadFollow>, RepoError> {
        let mut conn = self.db.conn().await?;
        let rows: Vec<Row> = conn
            .exec(
                format!("SELECT {COLUMNS} FROM thread_follows WHERE user_id = ?"),
                (*user_id.as_uuid(),),
            )
            .await
            .map_err(map)?;
        rows.into_iter().map(follow).collect()
    }

    async fn followers(
        &self,
        conversation_id: ConversationId,
        root: Seq,
    ) -> Result<Vec<UserId>, RepoError> {
        let mut conn = self.db.conn().await?;
        let following = state_code(chat_domain::entities::FollowState::Following);
        let users: Vec<Uuid> = conn
            .exec(
                "SELECT user_id FROM thread_follows \
                 WHERE conversation_id = ? AND root = ? AND state = ?",
                (*conversation_id.as_uuid(), root.get(), following),
            )
            .await
            .map_err(map)?;
        Ok(users.into_iter().map(UserId::from_uuid).collect())
    }
}
