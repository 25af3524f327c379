//! After a batch met a unique constraint: find which of its client ids are stored already
//! (one query), answer those with the stored message, and commit the rest as a batch
//! again, so one retried send does not push a whole batch onto the one-by-one path.

use std::collections::HashMap;

use uuid::Uuid;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ports::Appended;
use chat_domain::RepoError;

use super::commit::commit_with_retries;
use super::{find_by_client_id, select, ClientKey};
use crate::Db;

/// The outcome of each of `messages`, in order, knowing that at least one of them met a
/// unique constraint.
pub(super) async fn settle(db: &Db, messages: &[&NewMessage]) -> Vec<Result<Appended, RepoError>> {
    let stored = match stored_twins(db, messages).await {
        Ok(stored) => stored,
        Err(e) => return vec![Err(e); messages.len()],
    };
    let key = |m: &NewMessage| {
        m.client_msg_id
            .clone()
            .map(|c| (m.conversation_id, m.sender_id, c))
    };
    let fresh: Vec<&NewMessage> = messages
        .iter()
        .copied()
        .filter(|m| key(m).is_none_or(|k| !stored.contains_key(&k)))
        .collect();
    let mut fresh_outcomes = match commit_with_retries(db, &fresh).await {
        Ok(Some(seqs)) => fresh
            .iter()
            .zip(seqs)
            .map(|(m, seq)| {
                Ok(Appended {
                    message: (*m).clone().at(seq),
                    created: true,
                })
            })
            .collect(),
        // Another race, or a taken message id: one by one, which sorts it out.
        Ok(None) => {
            let mut outcomes = Vec::with_capacity(fresh.len());
            for m in &fresh {
                outcomes.push(append_one(db, m).await);
            }
            outcomes
        }
        Err(e) => vec![Err(e); fresh.len()],
    }
    .into_iter();
    messages
        .iter()
        .map(|m| match key(m).and_then(|k| stored.get(&k)) {
            Some(message) => Ok(Appended {
                message: message.clone(),
                created: false,
            }),
            None => fresh_outcomes
                .next()
                .unwrap_or_else(|| Err(RepoError::Unavailable("append outcome lost".into()))),
        })
        .collect()
}

/// One append in a transaction of its own, unless its client id is stored.
async fn append_one(db: &Db, message: &NewMessage) -> Result<Appended, RepoError> {
    let twin = |stored: Message| Appended {
        message: stored,
        created: false,
    };
    if let Some(stored) = stored_twin(db, message).await? {
        return Ok(twin(stored));
    }
    if let Some(seqs) = commit_with_retries(db, &[message]).await? {
        if let Some(&seq) = seqs.first() {
            return Ok(Appended {
                message: message.clone().at(seq),
                created: true,
            });
        }
    }
    // A racing twin committed first; hand back what it stored.
    match stored_twin(db, message).await? {
        Some(stored) => Ok(twin(stored)),
        None => Err(RepoError::Conflict(format!(
            "message id {} is taken",
            message.id
        ))),
    }
}

async fn stored_twin(db: &Db, m: &NewMessage) -> Result<Option<Message>, RepoError> {
    match &m.client_msg_id {
        Some(client_id) => find_by_client_id(db, m.conversation_id, m.sender_id, client_id).await,
        None => Ok(None),
    }
}

/// The stored messages whose (conversation, sender, client id) one of `messages` repeats.
async fn stored_twins(
    db: &Db,
    messages: &[&NewMessage],
) -> Result<HashMap<ClientKey, Message>, RepoError> {
    let (mut conversations, mut senders, mut client_ids): (Vec<Uuid>, Vec<Uuid>, Vec<&str>) =
        Default::default();
    for m in messages {
        if let Some(c) = &m.client_msg_id {
            conversations.push(*m.conversation_id.as_uuid());
            senders.push(*m.sender_id.as_uuid());
            client_ids.push(c.as_str());
        }
    }
    let mut found = HashMap::new();
    if client_ids.is_empty() {
        return Ok(found);
    }
    let filter = "WHERE (m.conversation_id, m.sender_id, m.client_msg_id) IN \
                  (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]))";
    for message in select(db, filter, &[&conversations, &senders, &client_ids]).await? {
        if let Some(c) = message.client_msg_id.clone() {
            found.insert((message.conversation_id, message.sender_id, c), message);
        }
    }
    Ok(found)
}
