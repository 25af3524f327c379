//! Reading and writing conversation and participant rows.

use chrono::{DateTime, Utc};
use deadpool_postgres::Transaction;
use tokio_postgres::Row;
use uuid::Uuid;

use chat_domain::entities::{
    Conversation, ConversationType, DirectPair, Participant, ParticipantRole,
};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::Title;
use chat_domain::RepoError;

use crate::codec::{big, count};
use crate::error::corrupt;

/// A conversation's columns, in the order [`conversation_at`] reads them.
pub(super) const CONVERSATION: &str =
    "c.id, c.kind, c.title, c.direct_low, c.direct_high, c.created_by, c.created_at";
/// How many columns [`CONVERSATION`] names.
pub(super) const CONVERSATION_COLUMNS: usize = 7;
/// A participant's columns, in the order [`participant_from_row`] reads them.
pub(super) const PARTICIPANT: &str = "p.conversation_id, p.user_id, p.role, p.joined_at, \
                                      p.last_read_seq, p.muted, p.delivered_seq, p.has_sent";
/// How many columns [`PARTICIPANT`] names.
pub(super) const PARTICIPANT_COLUMNS: usize = 8;

pub(super) fn conversation_from_row(row: &Row) -> Result<Conversation, RepoError> {
    conversation_at(row, 0)
}

/// The conversation whose columns start at `at`.
pub(super) fn conversation_at(row: &Row, at: usize) -> Result<Conversation, RepoError> {
    let get = |e| corrupt("conversations row", e);
    let id: Uuid = row.try_get(at).map_err(get)?;
    let kind: String = row.try_get(at + 1).map_err(get)?;
    let title: Option<String> = row.try_get(at + 2).map_err(get)?;
    let low: Option<Uuid> = row.try_get(at + 3).map_err(get)?;
    let high: Option<Uuid> = row.try_get(at + 4).map_err(get)?;
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
        created_by: UserId::from_uuid(row.try_get(at + 5).map_err(get)?),
        created_at: row.try_get::<_, DateTime<Utc>>(at + 6).map_err(get)?,
    })
}

/// The participant whose columns start at `at`.
pub(super) fn participant_from_row(row: &Row, at: usize) -> Result<Participant, RepoError> {
    let get = |e| corrupt("participants row", e);
    let role: String = row.try_get(at + 2).map_err(get)?;
    Ok(Participant {
        conversation_id: ConversationId::from_uuid(row.try_get(at).map_err(get)?),
        user_id: UserId::from_uuid(row.try_get(at + 1).map_err(get)?),
        role: match role.as_str() {
            "owner" => ParticipantRole::Owner,
            "admin" => ParticipantRole::Admin,
            "member" => ParticipantRole::Member,
            other => return Err(corrupt("participants.role", other)),
        },
        joined_at: row.try_get(at + 3).map_err(get)?,
        last_read_seq: count(row.try_get(at + 4).map_err(get)?, "last_read_seq")?,
        muted: row.try_get(at + 5).map_err(get)?,
        delivered_seq: count(row.try_get(at + 6).map_err(get)?, "delivered_seq")?,
        has_sent: row.try_get(at + 7).map_err(get)?,
    })
}

pub(super) fn role_str(role: ParticipantRole) -> &'static str {
    match role {
        ParticipantRole::Owner => "owner",
        ParticipantRole::Admin => "admin",
        ParticipantRole::Member => "member",
    }
}

pub(super) async fn insert_conversation(
    tx: &Transaction<'_>,
    c: &Conversation,
) -> Result<(), tokio_postgres::Error> {
    let (kind, title, low, high) = match &c.ty {
        ConversationType::Group { title } => ("group", Some(title.as_str()), None, None),
        ConversationType::Direct { pair } => (
            "direct",
            None,
            Some(*pair.low().as_uuid()),
            Some(*pair.high().as_uuid()),
        ),
    };
    let statement = tx
        .prepare_cached(
            "INSERT INTO conversations (id, kind, title, direct_low, direct_high, created_by, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .await?;
    tx.execute(
        &statement,
        &[
            c.id.as_uuid(),
            &kind,
            &title,
            &low,
            &high,
            c.created_by.as_uuid(),
            &c.created_at,
        ],
    )
    .await
    .map(drop)
}

/// One insert of every member, in the order given (which `ord` then records), with the
/// state each one carries (a copy from another store keeps it).
pub(super) async fn insert_participants(
    tx: &Transaction<'_>,
    members: &[Participant],
) -> Result<(), tokio_postgres::Error> {
    if members.is_empty() {
        return Ok(());
    }
    let conversations: Vec<Uuid> = members
        .iter()
        .map(|p| *p.conversation_id.as_uuid())
        .collect();
    let users: Vec<Uuid> = members.iter().map(|p| *p.user_id.as_uuid()).collect();
    let roles: Vec<&str> = members.iter().map(|p| role_str(p.role)).collect();
    let joined: Vec<DateTime<Utc>> = members.iter().map(|p| p.joined_at).collect();
    let read: Vec<i64> = members.iter().map(|p| big(p.last_read_seq)).collect();
    let delivered: Vec<i64> = members.iter().map(|p| big(p.delivered_seq)).collect();
    let muted: Vec<bool> = members.iter().map(|p| p.muted).collect();
    let sent: Vec<bool> = members.iter().map(|p| p.has_sent).collect();
    let statement = tx
        .prepare_cached(
            "INSERT INTO participants (conversation_id, user_id, role, joined_at, last_read_seq, \
             delivered_seq, muted, has_sent) SELECT c, u, r, j, l, d, mu, s FROM \
             unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::bigint[], \
             $6::bigint[], $7::boolean[], $8::boolean[]) \
             WITH ORDINALITY AS m(c, u, r, j, l, d, mu, s, n) ORDER BY n",
        )
        .await?;
    tx.execute(
        &statement,
        &[
            &conversations,
            &users,
            &roles,
            &joined,
            &read,
            &delivered,
            &muted,
            &sent,
        ],
    )
    .await
    .map(drop)
}
