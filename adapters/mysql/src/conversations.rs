//! Conversations and their participants in the `conversations` and `participants` tables.

use async_trait::async_trait;
use chrono::NaiveDateTime;
use mysql_async::prelude::Queryable;
use mysql_async::{Row, TxOpts, Value};
use uuid::Uuid;

use chat_domain::entities::{
    Conversation, ConversationType, DirectPair, Participant, ParticipantRole,
};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::{ConversationRepository, Membership, SyncPoint};
use chat_domain::values::Title;
use chat_domain::RepoError;

use crate::codec::{decode, from_db_time, to_db_time};
use crate::error::{corrupt, map, server_code, DUPLICATE_KEY};
use crate::stamps::{self, Fence, Stamp};
use crate::Db;

mod membership;
mod sync;

const CONVERSATION: &str = "c.id, c.kind, c.title, c.direct_low, c.direct_high, \
                            c.created_by, c.created_at";
const PARTICIPANT: &str = "p.conversation_id, p.user_id, p.role, p.joined_at, p.last_read_seq, \
                           EXISTS(SELECT 1 FROM mutes mu WHERE mu.conversation_id = \
                           p.conversation_id AND mu.user_id = p.user_id), \
                           COALESCE((SELECT d.seq FROM delivered d WHERE d.conversation_id = \
                           p.conversation_id AND d.user_id = p.user_id), 0), \
                           EXISTS(SELECT 1 FROM senders se WHERE se.conversation_id = \
                           p.conversation_id AND se.user_id = p.user_id)";

/// The [`ConversationRepository`] on MySQL.
pub struct MysqlConversations {
    db: Db,
}

impl MysqlConversations {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn find_direct(&self, pair: DirectPair) -> Result<Option<Conversation>, RepoError> {
        let mut conn = self.db.conn().await?;
        let row: Option<Row> = conn
            .exec_first(
                format!(
                    "SELECT {CONVERSATION} FROM conversations c \
                     WHERE c.direct_low = ? AND c.direct_high = ?"
                ),
                (*pair.low().as_uuid(), *pair.high().as_uuid()),
            )
            .await
            .map_err(map)?;
        row.map(conversation_from_row).transpose()
    }

    /// Inserts a conversation and its participants in one transaction. Returns
    /// `Ok(false)` when a unique key already holds (nothing written).
    async fn insert(
        &self,
        conversation: &Conversation,
        members: &[Participant],
    ) -> Result<bool, RepoError> {
        let mut conn = self.db.conn().await?;
        let mut tx = conn
            .start_transaction(TxOpts::default())
            .await
            .map_err(map)?;
        let fence = Fence::start();
        let stamps = [
            Stamp::Conversation(conversation.id),
            Stamp::Members(conversation.id),
        ];
        let written = async {
            insert_conversation(&mut tx, conversation).await?;
            insert_participants(&mut tx, members).await?;
            stamps::write(&mut tx, &stamps).await
        }
        .await;
        match written {
            Ok(()) => {
                tx.commit().await.map_err(map)?;
                stamps::restamp_if_slow(fence, &self.db, &stamps).await?;
                Ok(true)
            }
            Err(e) => {
                let _ = tx.rollback().await;
                match server_code(&e) {
                    Some(DUPLICATE_KEY) => Ok(false),
                    _ => Err(map(e)),
                }
            }
        }
    }
}

async fn insert_conversation(
    tx: &mut mysql_async::Transaction<'_>,
    c: &Conversation,
) -> Result<(), mysql_async::Error> {
    let (kind, title, low, high) = match &c.ty {
        ConversationType::Group { title } => ("group", Some(title.as_str()), None, None),
        ConversationType::Direct { pair } => (
            "direct",
            None,
            Some(*pair.low().as_uuid()),
            Some(*pair.high().as_uuid()),
        ),
    };
    tx.exec_drop(
        "INSERT INTO conversations (id, kind, title, direct_low, direct_high, created_by, \
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            *c.id.as_uuid(),
            kind,
            title,
            low,
            high,
            *c.created_by.as_uuid(),
            to_db_time(c.created_at),
        ),
    )
    .await
}

/// One multi-row insert, in the order given (which `ord` then records), then each
/// member's state in its side table (a copy from another store keeps it).
async fn insert_participants(
    tx: &mut mysql_async::Transaction<'_>,
    members: &[Participant],
) -> Result<(), mysql_async::Error> {
    if members.is_empty() {
        return Ok(());
    }
    let rows = vec!["(?, ?, ?, ?, ?)"; members.len()].join(", ");
    let mut params: Vec<Value> = Vec::with_capacity(members.len() * 5);
    for p in members {
        params.extend([
            p.conversation_id.as_uuid().into(),
            p.user_id.as_uuid().into(),
            role_str(p.role).into(),
            to_db_time(p.joined_at).into(),
            p.last_read_seq.into(),
        ]);
    }
    tx.exec_drop(
        format!(
            "INSERT INTO participants (conversation_id, user_id, role, joined_at, \
             last_read_seq) VALUES {rows}"
        ),
        params,
    )
    .await?;
    for p in members {
        let key = (*p.conversation_id.as_uuid(), *p.user_id.as_uuid());
        if p.muted {
            tx.exec_drop(
                "INSERT INTO mutes (conversation_id, user_id) VALUES (?, ?)",
                key,
            )
            .await?;
        }
        if p.has_sent {
            tx.exec_drop(
                "INSERT INTO senders (conversation_id, user_id) VALUES (?, ?)",
                key,
            )
            .await?;
        }
        if p.delivered_seq > 0 {
            tx.exec_drop(
                "INSERT INTO delivered (conversation_id, user_id, seq) VALUES (?, ?, ?)",
                (key.0, key.1, p.delivered_seq),
            )
            .await?;
        }
    }
    Ok(())
}

type ConversationRow = (
    Uuid,
    String,
    Option<String>,
    Option<Uuid>,
    Option<Uuid>,
    Uuid,
    NaiveDateTime,
);
type ParticipantRow = (Uuid, Uuid, String, NaiveDateTime, u64, bool, u64, bool);
type MembershipRow = (
    Uuid,
    String,
    Option<String>,
    Option<Uuid>,
    Option<Uuid>,
    Uuid,
    NaiveDateTime,
    Uuid,
    String,
    NaiveDateTime,
    u64,
    u64,
);

fn conversation_from_row(row: Row) -> Result<Conversation, RepoError> {
    conversation_from_tuple(decode(row, "conversations row")?)
}

fn conversation_from_tuple(t: ConversationRow) -> Result<Conversation, RepoError> {
    let (id, kind, title, low, high, created_by, created_at) = t;
    let ty = match (kind.as_str(), title, low, high) {
        ("group", Some(title), None, None) => ConversationType::Group {
            title: Title::from_stored(&title).map_err(|e| corrupt("conversations.title", e))?,
        },
        ("direct", None, Some(low), Some(high)) => ConversationType::Direct {
            pair: DirectPair::new(UserId::from_uuid(low), UserId::from_uuid(high))
                .map_err(|e| corrupt("conversations.direct pair", e))?,
        },
        (kind, ..) => return Err(corrupt("conversations row", format!("{id}: {kind}"))),
    };
    Ok(Conversation {
        id: ConversationId::from_uuid(id),
        ty,
        created_by: UserId::from_uuid(created_by),
        created_at: from_db_time(created_at),
    })
}

fn participant_from_tuple(t: ParticipantRow) -> Result<Participant, RepoError> {
    let (conversation_id, user_id, role, joined_at, last_read_seq, muted, delivered_seq, has_sent) =
        t;
    Ok(Participant {
        conversation_id: ConversationId::from_uuid(conversation_id),
        user_id: UserId::from_uuid(user_id),
        role: match role.as_str() {
            "owner" => ParticipantRole::Owner,
            "admin" => ParticipantRole::Admin,
            "member" => ParticipantRole::Member,
            other => return Err(corrupt("participants.role", other)),
        },
        joined_at: from_db_time(joined_at),
        last_read_seq,
        muted,
        delivered_seq,
        has_sent,
    })
}

/// `NotFound` unless `user_id` is a member of `id`.
async fn ensure_member(
    conn: &mut mysql_async::Conn,
    id: ConversationId,
    user_id: UserId,
) -> Result<(), RepoError> {
    let member: Option<u8> = conn
        .exec_first(
            "SELECT 1 FROM participants WHERE conversation_id = ? AND user_id = ?",
            (*id.as_uuid(), *user_id.as_uuid()),
        )
        .await
        .map_err(map)?;
    member.map(drop).ok_or_else(|| not_a_member(id, user_id))
}

fn participant_from_row(row: Row) -> Result<Participant, RepoError> {
    participant_from_tuple(decode(row, "participants row")?)
}

fn role_str(role: ParticipantRole) -> &'static str {
    match role {
        ParticipantRole::Owner => "owner",
        ParticipantRole::Admin => "admin",
        ParticipantRole::Member => "member",
    }
}

#[async_trait]
impl ConversationRepository for MysqlConversations {
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
        // A concurrent caller created it first (the pair's unique key held).
        match self.find_direct(pair).await? {
            Some(existing) => Ok((existing, false)),
            None => Err(RepoError::Conflict(format!(
                "conversation id {} is taken",
                candidate.id
            ))),
        }
    }

    async fn get(&self, id: ConversationId) -> Result<Conversation, RepoError> {
        let mut conn = self.db.conn().await?;
        let row: Option<Row> = conn
            .exec_first(
                format!("SELECT {CONVERSATION} FROM conversations c WHERE c.id = ?"),
                (*id.as_uuid(),),
            )
            .await
            .map_err(map)?;
        match row {
            Some(row) => conversation_from_row(row),
            None => Err(RepoError::NotFound(format!("conversation {id}"))),
        }
    }

    async fn participants(&self, id: ConversationId) -> Result<Vec<Participant>, RepoError> {
        let mut conn = self.db.conn().await?;
        let rows: Vec<Row> = conn
            .exec(
                format!(
                    "SELECT {PARTICIPANT} FROM participants p WHERE p.conversation_id = ? \
                     ORDER BY p.joined_at, p.ord"
                ),
                (*id.as_uuid(),),
            )
            .await
            .map_err(map)?;
        rows.into_iter().map(participant_from_row).collect()
    }

    async fn participants_of(
        &self,
        ids: &[ConversationId],
    ) -> Result<Vec<Vec<Participant>>, RepoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let params: Vec<Value> = ids.iter().map(|id| id.as_uuid().into()).collect();
        let mut conn = self.db.conn().await?;
        let rows: Vec<Row> = conn
            .exec(
                format!(
                    "SELECT {PARTICIPANT} FROM participants p \
                     WHERE p.conversation_id IN ({marks}) ORDER BY p.joined_at, p.ord"
                ),
                params,
            )
            .await
            .map_err(map)?;
        let found = rows
            .into_iter()
            .map(participant_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(chat_sql_kit::group_by_conversation(ids, found))
    }

    async fn participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<Option<Participant>, RepoError> {
        let mut conn = self.db.conn().await?;
        let row: Option<Row> = conn
            .exec_first(
                format!(
                    "SELECT {PARTICIPANT} FROM participants p \
                     WHERE p.conversation_id = ? AND p.user_id = ?"
                ),
                (*id.as_uuid(), *user_id.as_uuid()),
            )
            .await
            .map_err(map)?;
        row.map(participant_from_row).transpose()
    }

    async fn add_participant(&self, p: &Participant) -> Result<(), RepoError> {
        membership::add_participant(&self.db, p).await
    }

    async fn remove_participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<(), RepoError> {
        membership::remove_participant(&self.db, id, user_id).await
    }

    async fn advance_delivered(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<Option<u64>, RepoError> {
        let mut conn = self.db.conn().await?;
        let key = (*id.as_uuid(), *user_id.as_uuid());
        let mut tx = conn
            .start_transaction(mysql_async::TxOpts::default())
            .await
            .map_err(map)?;
        let result = async {
            let member: Option<u8> = tx
                .exec_first(
                    "SELECT 1 FROM participants WHERE conversation_id = ? AND user_id = ?",
                    key,
                )
                .await?;
            if member.is_none() {
                return Ok(Err(not_a_member(id, user_id)));
            }
            let before: Option<u64> = tx
                .exec_first(
                    "SELECT seq FROM delivered WHERE conversation_id = ? AND user_id = ? \
                     FOR UPDATE",
                    key,
                )
                .await?;
            let before = before.unwrap_or(0);
            if seq <= before {
                return Ok(Ok(None));
            }
            tx.exec_drop(
                "INSERT INTO delivered (conversation_id, user_id, seq) VALUES (?, ?, ?) \
                 ON DUPLICATE KEY UPDATE seq = GREATEST(seq, VALUES(seq))",
                (key.0, key.1, seq),
            )
            .await?;
            Ok(Ok(Some(before)))
        }
        .await;
        match result {
            Ok(Ok(moved)) => {
                tx.commit().await.map_err(map)?;
                Ok(moved)
            }
            Ok(Err(e)) => {
                let _ = tx.rollback().await;
                Err(e)
            }
            Err(e) => {
                let _ = tx.rollback().await;
                Err(map(e))
            }
        }
    }

    async fn set_role(
        &self,
        id: ConversationId,
        user_id: UserId,
        role: ParticipantRole,
    ) -> Result<(), RepoError> {
        membership::set_role(&self.db, id, user_id, role).await
    }

    async fn set_muted(
        &self,
        id: ConversationId,
        user_id: UserId,
        muted: bool,
    ) -> Result<(), RepoError> {
        sync::set_muted(&self.db, id, user_id, muted).await
    }

    async fn mark_sent(&self, id: ConversationId, user_id: UserId) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        let key = (*id.as_uuid(), *user_id.as_uuid());
        // Only a member's sending is recorded: the insert selects the member's row.
        conn.exec_drop(
            "INSERT IGNORE INTO senders (conversation_id, user_id) SELECT conversation_id, \
             user_id FROM participants WHERE conversation_id = ? AND user_id = ?",
            key,
        )
        .await
        .map_err(map)?;
        if conn.affected_rows() > 0 {
            return Ok(());
        }
        ensure_member(&mut conn, id, user_id).await
    }

    async fn advance_read_cursor(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<u64, RepoError> {
        sync::advance_read_cursor(&self.db, id, user_id, seq).await
    }

    async fn memberships(&self, user_id: UserId) -> Result<Vec<Membership>, RepoError> {
        let mut conn = self.db.conn().await?;
        // Stamps before the rows: a row read after its stamp is at least as new.
        let stamps = sync::stamps_of(&mut conn, user_id).await?;
        let rows: Vec<Row> = conn
            .exec(
                format!(
                    "SELECT {CONVERSATION}, p.user_id, p.role, p.joined_at, p.last_read_seq, \
                     EXISTS(SELECT 1 FROM mutes mu WHERE mu.conversation_id = p.conversation_id \
                     AND mu.user_id = p.user_id) \
                     + 2 * EXISTS(SELECT 1 FROM senders se WHERE se.conversation_id = \
                     p.conversation_id AND se.user_id = p.user_id) \
                     + 4 * COALESCE((SELECT d.seq FROM delivered d WHERE d.conversation_id = \
                     p.conversation_id AND d.user_id = p.user_id), 0) \
                     FROM participants p \
                     JOIN conversations c ON c.id = p.conversation_id WHERE p.user_id = ?"
                ),
                (*user_id.as_uuid(),),
            )
            .await
            .map_err(map)?;
        rows.into_iter()
            .map(|row| {
                // Twelve columns is as wide as a row tuple decodes: the mute and sent flags
                // and the delivery cursor travel as one number,
                // `muted + 2 * sent + 4 * delivered`.
                let (id, kind, title, low, high, by, at, user, role, joined, read, packed): MembershipRow =
                    decode(row, "memberships row")?;
                let (muted, sent, delivered) = (packed & 1 == 1, packed & 2 == 2, packed >> 2);
                let (conversation_stamp, member_stamp) =
                    stamps.get(&id).copied().unwrap_or_default();
                Ok(Membership {
                    conversation_stamp,
                    member_stamp,
                    conversation: conversation_from_tuple((id, kind, title, low, high, by, at))?,
                    participant: participant_from_tuple((
                        id, user, role, joined, read, muted, delivered, sent,
                    ))?,
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
        sync::left_since(&self.db, user_id, since).await
    }

    async fn contacts(&self, user_id: UserId) -> Result<Vec<UserId>, RepoError> {
        let mut conn = self.db.conn().await?;
        let ids: Vec<Uuid> = conn
            .exec(
                "SELECT DISTINCT other.user_id FROM senders me \
                 JOIN senders other ON other.conversation_id = me.conversation_id \
                 WHERE me.user_id = ? AND other.user_id <> me.user_id",
                (*user_id.as_uuid(),),
            )
            .await
            .map_err(map)?;
        Ok(ids.into_iter().map(UserId::from_uuid).collect())
    }

    async fn list(
        &self,
        after: Option<ConversationId>,
        limit: usize,
    ) -> Result<Vec<Conversation>, RepoError> {
        let mut conn = self.db.conn().await?;
        let limit = limit as u64;
        let rows: Vec<Row> = match after {
            Some(after) => {
                conn.exec(
                    format!(
                        "SELECT {CONVERSATION} FROM conversations c WHERE c.id > ? \
                         ORDER BY c.id LIMIT ?"
                    ),
                    (*after.as_uuid(), limit),
                )
                .await
            }
            None => {
                conn.exec(
                    format!("SELECT {CONVERSATION} FROM conversations c ORDER BY c.id LIMIT ?"),
                    (limit,),
                )
                .await
            }
        }
        .map_err(map)?;
        rows.into_iter().map(conversation_from_row).collect()
    }

    async fn ping(&self) -> Result<(), RepoError> {
        self.db.ping().await
    }

    async fn count(&self) -> Result<u64, RepoError> {
        let mut conn = self.db.conn().await?;
        let n: Option<u64> = conn
            .query_first("SELECT COUNT(*) FROM conversations")
            .await
            .map_err(map)?;
        Ok(n.unwrap_or(0))
    }
}

fn not_a_member(id: ConversationId, user_id: UserId) -> RepoError {
    RepoError::NotFound(format!("user {user_id} is not a member of {id}"))
}
