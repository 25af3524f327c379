//! Conversations and their participants in the `conversations` and `participants` tables.
//! A member's own state (read and delivery cursors, mute, whether they sent) is columns
//! of their participant row, so each change to it is one single-row statement.

mod rows;

use async_trait::async_trait;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use chat_domain::entities::{Conversation, DirectPair, Participant, ParticipantRole};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::{ConversationRepository, Membership, SyncPoint};
use chat_domain::RepoError;

use crate::codec::{big, count};
use crate::error::{corrupt, is_duplicate, map};
use crate::stamps::{self, Fence, Stamp, NOW};
use crate::Db;
use rows::{conversation_from_row, participant_from_row, role_str, CONVERSATION, PARTICIPANT};

/// The [`ConversationRepository`] on PostgreSQL.
pub struct PostgresConversations {
    db: Db,
}

impl PostgresConversations {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn query(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<tokio_postgres::Row>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        conn.query(&statement, params).await.map_err(map)
    }

    async fn execute(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        conn.execute(&statement, params).await.map_err(map)
    }

    /// Runs a member's single-row update; touching no row means "not a member", unless
    /// `unless_member` says a member's row may be left alone (then membership is checked).
    async fn update_member(
        &self,
        sql: &str,
        id: ConversationId,
        user_id: UserId,
        value: &(dyn ToSql + Sync),
        unless_member: bool,
    ) -> Result<(), RepoError> {
        let n = self
            .execute(sql, &[id.as_uuid(), user_id.as_uuid(), value])
            .await?;
        if n > 0 {
            return Ok(());
        }
        if unless_member && self.participant(id, user_id).await?.is_some() {
            return Ok(());
        }
        Err(not_a_member(id, user_id))
    }

    async fn find_direct(&self, pair: DirectPair) -> Result<Option<Conversation>, RepoError> {
        let rows = self
            .query(
                &format!(
                    "SELECT {CONVERSATION} FROM conversations c \
                     WHERE c.direct_low = $1 AND c.direct_high = $2"
                ),
                &[pair.low().as_uuid(), pair.high().as_uuid()],
            )
            .await?;
        rows.first().map(conversation_from_row).transpose()
    }

    /// Inserts a conversation and its participants in one transaction. Returns
    /// `Ok(false)` when a unique constraint already holds (nothing written).
    async fn insert(
        &self,
        conversation: &Conversation,
        members: &[Participant],
    ) -> Result<bool, RepoError> {
        let mut conn = self.db.conn().await?;
        let tx = conn.transaction().await.map_err(map)?;
        let fence = Fence::start();
        let stamped = [
            Stamp::Conversation(conversation.id),
            Stamp::Members(conversation.id),
        ];
        let written = async {
            rows::insert_conversation(&tx, conversation).await?;
            rows::insert_participants(&tx, members).await?;
            stamps::write(&tx, &stamped).await
        }
        .await;
        match written {
            Ok(()) => {
                tx.commit().await.map_err(map)?;
                stamps::restamp_if_slow(fence, &self.db, &stamped).await?;
                Ok(true)
            }
            // Dropping the transaction rolls it back.
            Err(e) if is_duplicate(&e) => Ok(false),
            Err(e) => Err(map(e)),
        }
    }
}

#[async_trait]
impl ConversationRepository for PostgresConversations {
    async fn create_group(
        &self,
        conversation: &Conversation,
        members: &[Participant],
    ) -> Result<(), RepoError> {
        if self.insert(conversation, members).await? {
            Ok(())
        } else {
            Err(RepoError::Conflict(format!(
                "conversation {} exists or lists a member twice",
                conversation.id
            )))
        }
    }

    async fn get_or_create_direct(
        &self,
        pair: DirectPair,
        candidate: &Conversation,
        participants: [Participant; 2],
    ) -> Result<(Conversation, bool), RepoError> {
        if candidate.direct_pair() != Some(pair) {
            return Err(RepoError::Conflict(
                "candidate is not a direct conversation of this pair".into(),
            ));
        }
        if let Some(existing) = self.find_direct(pair).await? {
            return Ok((existing, false));
        }
        if self.insert(candidate, &participants).await? {
            return Ok((candidate.clone(), true));
        }
        // A concurrent caller created it first (the pair's unique constraint held).
        match self.find_direct(pair).await? {
            Some(existing) => Ok((existing, false)),
            None => Err(RepoError::Conflict(format!(
                "conversation id {} is taken",
                candidate.id
            ))),
        }
    }

    async fn get(&self, id: ConversationId) -> Result<Conversation, RepoError> {
        let rows = self
            .query(
                &format!("SELECT {CONVERSATION} FROM conversations c WHERE c.id = $1"),
                &[id.as_uuid()],
            )
            .await?;
        match rows.first() {
            Some(row) => conversation_from_row(row),
            None => Err(RepoError::NotFound(format!("conversation {id}"))),
        }
    }

    async fn participants(&self, id: ConversationId) -> Result<Vec<Participant>, RepoError> {
        let rows = self
            .query(
                &format!(
                    "SELECT {PARTICIPANT} FROM participants p WHERE p.conversation_id = $1 \
                     ORDER BY p.joined_at, p.ord"
                ),
                &[id.as_uuid()],
            )
            .await?;
        rows.iter().map(|r| participant_from_row(r, 0)).collect()
    }

    async fn participants_of(
        &self,
        ids: &[ConversationId],
    ) -> Result<Vec<Vec<Participant>>, RepoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let uuids: Vec<uuid::Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
        let rows = self
            .query(
                &format!(
                    "SELECT {PARTICIPANT} FROM participants p \
                     WHERE p.conversation_id = ANY($1) ORDER BY p.joined_at, p.ord"
                ),
                &[&uuids],
            )
            .await?;
        let found = rows
            .iter()
            .map(|r| participant_from_row(r, 0))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(chat_sql_kit::group_by_conversation(ids, found))
    }

    async fn participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<Option<Participant>, RepoError> {
        let rows = self
            .query(
                &format!(
                    "SELECT {PARTICIPANT} FROM participants p \
                     WHERE p.conversation_id = $1 AND p.user_id = $2"
                ),
                &[id.as_uuid(), user_id.as_uuid()],
            )
            .await?;
        rows.first().map(|r| participant_from_row(r, 0)).transpose()
    }

    async fn add_participant(&self, p: &Participant) -> Result<(), RepoError> {
        // Inserts only if the conversation exists, stamping it and the new member: one
        // statement, no window between.
        let fence = Fence::start();
        let added = self
            .execute(
                &format!(
                    "WITH c AS (UPDATE conversations SET stamp = GREATEST(stamp + 1, {NOW}) \
                     WHERE id = $1 RETURNING id) \
                     INSERT INTO participants (conversation_id, user_id, role, joined_at, \
                     last_read_seq, stamp) SELECT id, $2, $3, $4, $5, {NOW} FROM c"
                ),
                &[
                    p.conversation_id.as_uuid(),
                    p.user_id.as_uuid(),
                    &role_str(p.role),
                    &p.joined_at,
                    &big(p.last_read_seq),
                ],
            )
            .await
            .map_err(|e| match e {
                RepoError::Conflict(_) => RepoError::Conflict(format!(
                    "user {} is already a member of {}",
                    p.user_id, p.conversation_id
                )),
                other => other,
            })?;
        if added == 0 {
            return Err(RepoError::NotFound(format!(
                "conversation {}",
                p.conversation_id
            )));
        }
        let stamped = [
            Stamp::Conversation(p.conversation_id),
            Stamp::Member(p.conversation_id, p.user_id),
        ];
        stamps::restamp_if_slow(fence, &self.db, &stamped).await
    }

    async fn remove_participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<(), RepoError> {
        // Their mute, delivery cursor and sent mark go with the row; the conversation
        // and the departure are stamped by the same statement.
        let fence = Fence::start();
        let n = self
            .execute(
                &format!(
                    "WITH gone AS (DELETE FROM participants \
                     WHERE conversation_id = $1 AND user_id = $2 \
                     RETURNING conversation_id, user_id), \
                     c AS (UPDATE conversations SET stamp = GREATEST(stamp + 1, {NOW}) \
                     WHERE id IN (SELECT conversation_id FROM gone)) \
                     INSERT INTO departures AS d (user_id, conversation_id, stamp) \
                     SELECT user_id, conversation_id, {NOW} FROM gone \
                     ON CONFLICT (user_id, conversation_id) \
                     DO UPDATE SET stamp = GREATEST(d.stamp + 1, EXCLUDED.stamp)"
                ),
                &[id.as_uuid(), user_id.as_uuid()],
            )
            .await?;
        if n == 0 {
            return Err(not_a_member(id, user_id));
        }
        let stamped = [Stamp::Conversation(id), Stamp::Departure(id, user_id)];
        stamps::restamp_if_slow(fence, &self.db, &stamped).await
    }

    async fn advance_delivered(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<Option<u64>, RepoError> {
        // The locking read waits for a concurrent advance and sees its result, so the
        // cursor's old value is exact; one round trip when it moves.
        let rows = self
            .query(
                "WITH old AS (SELECT delivered_seq FROM participants \
                 WHERE conversation_id = $1 AND user_id = $2 FOR UPDATE) \
                 UPDATE participants p SET delivered_seq = $3 FROM old \
                 WHERE p.conversation_id = $1 AND p.user_id = $2 AND old.delivered_seq < $3 \
                 RETURNING old.delivered_seq",
                &[id.as_uuid(), user_id.as_uuid(), &big(seq)],
            )
            .await?;
        if let Some(row) = rows.first() {
            let before = row.try_get(0).map_err(|e| corrupt("participants row", e))?;
            return Ok(Some(count(before, "participants.delivered_seq")?));
        }
        match self.participant(id, user_id).await? {
            Some(_) => Ok(None),
            None => Err(not_a_member(id, user_id)),
        }
    }

    async fn set_role(
        &self,
        id: ConversationId,
        user_id: UserId,
        role: ParticipantRole,
    ) -> Result<(), RepoError> {
        let fence = Fence::start();
        self.update_member(
            &format!(
                "WITH c AS (UPDATE conversations SET stamp = GREATEST(stamp + 1, {NOW}) \
                 WHERE id = $1 AND EXISTS (SELECT 1 FROM participants \
                 WHERE conversation_id = $1 AND user_id = $2)) \
                 UPDATE participants SET role = $3 WHERE conversation_id = $1 AND user_id = $2"
            ),
            id,
            user_id,
            &role_str(role),
            false,
        )
        .await?;
        stamps::restamp_if_slow(fence, &self.db, &[Stamp::Conversation(id)]).await
    }

    async fn set_muted(
        &self,
        id: ConversationId,
        user_id: UserId,
        muted: bool,
    ) -> Result<(), RepoError> {
        let fence = Fence::start();
        // Stamped only when it changes; an unchanged row still counts as a member's.
        self.update_member(
            &format!(
                "UPDATE participants SET muted = $3, stamp = CASE WHEN muted = $3 THEN stamp \
                 ELSE GREATEST(stamp + 1, {NOW}) END \
                 WHERE conversation_id = $1 AND user_id = $2"
            ),
            id,
            user_id,
            &muted,
            false,
        )
        .await?;
        stamps::restamp_if_slow(fence, &self.db, &[Stamp::Member(id, user_id)]).await
    }

    async fn mark_sent(&self, id: ConversationId, user_id: UserId) -> Result<(), RepoError> {
        // Written once: a member already marked is left alone (no new row version).
        self.update_member(
            "UPDATE participants SET has_sent = $3 \
             WHERE conversation_id = $1 AND user_id = $2 AND NOT has_sent",
            id,
            user_id,
            &true,
            true,
        )
        .await
    }

    async fn advance_read_cursor(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<u64, RepoError> {
        // Stamped only when the cursor moves.
        let fence = Fence::start();
        let rows = self
            .query(
                &format!(
                    "UPDATE participants SET last_read_seq = GREATEST(last_read_seq, $3), \
                     stamp = CASE WHEN $3 > last_read_seq THEN GREATEST(stamp + 1, {NOW}) \
                     ELSE stamp END \
                     WHERE conversation_id = $1 AND user_id = $2 RETURNING last_read_seq"
                ),
                &[id.as_uuid(), user_id.as_uuid(), &big(seq)],
            )
            .await?;
        let row = rows.first().ok_or_else(|| not_a_member(id, user_id))?;
        let cursor = row.try_get(0).map_err(|e| corrupt("participants row", e))?;
        let cursor = count(cursor, "participants.last_read_seq")?;
        if cursor == seq {
            stamps::restamp_if_slow(fence, &self.db, &[Stamp::Member(id, user_id)]).await?;
        }
        Ok(cursor)
    }

    async fn memberships(&self, user_id: UserId) -> Result<Vec<Membership>, RepoError> {
        let rows = self
            .query(
                &format!(
                    "SELECT {PARTICIPANT}, {CONVERSATION}, c.stamp, p.stamp FROM participants p \
                     JOIN conversations c ON c.id = p.conversation_id WHERE p.user_id = $1"
                ),
                &[user_id.as_uuid()],
            )
            .await?;
        let stamp_at = rows::PARTICIPANT_COLUMNS + rows::CONVERSATION_COLUMNS;
        rows.iter()
            .map(|row| {
                let stamp = |at: usize| {
                    row.try_get::<_, i64>(at)
                        .map_err(|e| corrupt("participants row", e))
                        .and_then(|n| count(n, "stamp"))
                };
                Ok(Membership {
                    participant: participant_from_row(row, 0)?,
                    conversation: rows::conversation_at(row, rows::PARTICIPANT_COLUMNS)?,
                    conversation_stamp: stamp(stamp_at)?,
                    member_stamp: stamp(stamp_at + 1)?,
                })
            })
            .collect()
    }

    async fn sync_point(&self) -> Result<SyncPoint, RepoError> {
        stamps::sync_point(&self.db).await
    }

    async fn left_since(
        &self,
        user_id: UserId,
        since: u64,
    ) -> Result<Vec<(ConversationId, u64)>, RepoError> {
        let rows = self
            .query(
                "SELECT conversation_id, stamp FROM departures WHERE user_id = $1 AND stamp > $2",
                &[user_id.as_uuid(), &big(since)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let id: Uuid = r.try_get(0).map_err(|e| corrupt("departures row", e))?;
                let stamp: i64 = r.try_get(1).map_err(|e| corrupt("departures row", e))?;
                Ok((
                    ConversationId::from_uuid(id),
                    count(stamp, "departures.stamp")?,
                ))
            })
            .collect()
    }

    async fn contacts(&self, user_id: UserId) -> Result<Vec<UserId>, RepoError> {
        let rows = self
            .query(
                "SELECT DISTINCT other.user_id FROM participants me \
                 JOIN participants other ON other.conversation_id = me.conversation_id \
                 WHERE me.user_id = $1 AND me.has_sent AND other.has_sent \
                 AND other.user_id <> me.user_id",
                &[user_id.as_uuid()],
            )
            .await?;
        rows.iter()
            .map(|r| {
                r.try_get::<_, Uuid>(0)
                    .map(UserId::from_uuid)
                    .map_err(|e| corrupt("participants row", e))
            })
            .collect()
    }

    async fn list(
        &self,
        after: Option<ConversationId>,
        limit: usize,
    ) -> Result<Vec<Conversation>, RepoError> {
        // The nil uuid sorts before every id: one statement for the first page and the next.
        let after = after.map_or(Uuid::nil(), |a| *a.as_uuid());
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .query(
                &format!(
                    "SELECT {CONVERSATION} FROM conversations c WHERE c.id > $1 \
                     ORDER BY c.id LIMIT $2"
                ),
                &[&after, &limit],
            )
            .await?;
        rows.iter().map(conversation_from_row).collect()
    }

    async fn ping(&self) -> Result<(), RepoError> {
        self.db.ping().await
    }

    async fn count(&self) -> Result<u64, RepoError> {
        let rows = self
            .query("SELECT COUNT(*) FROM conversations", &[])
            .await?;
        let n = rows.first().map_or(0, |r| r.get(0));
        count(n, "conversations count")
    }
}

fn not_a_member(id: ConversationId, user_id: UserId) -> RepoError {
    RepoError::NotFound(format!("user {user_id} is not a member of {id}"))
}
