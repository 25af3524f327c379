//! After a batch met a unique key: find which of its client ids are stored already (one
//! query per chunk), answer those with the stored message, and commit the rest as a batch
//! again, so one retried send does not push a whole batch onto the one-by-one path.

use std::collections::HashMap;

use mysql_async::Value;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ports::Appended;
use chat_domain::RepoError;

use super::commit::{commit_with_retries, power_of_two_chunks};
use super::single::append_one;
use super::{select, ClientKey};
use crate::Db;

/// The outcome of each of `messages`, in order, knowing that at least one of them met a
/// unique key.
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

/// The stored messages whose (conversation, sender, client id) one of `messages` repeats.
async fn stored_twins(
    db: &Db,
    messages: &[&NewMessage],
) -> Result<HashMap<ClientKey, Message>, RepoError> {
    let keyed: Vec<&NewMessage> = messages
        .iter()
        .copied()
        .filter(|m| m.client_msg_id.is_some())
        .collect();
    let mut found = HashMap::new();
    for chunk in power_of_two_chunks(&keyed) {
        let marks = vec!["(?, ?, ?)"; chunk.len()].join(", ");
        let params: Vec<Value> = chunk
            .iter()
            .flat_map(|m| {
                [
                    m.conversation_id.as_uuid().into(),
                    m.sender_id.as_uuid().into(),
                    m.client_msg_id.as_ref().map(|c| c.as_str()).into(),
                ]
            })
            .collect();
        let filter =
            format!("WHERE (m.conversation_id, m.sender_id, m.client_msg_id) IN ({marks})");
        for message in select(db, &filter, params).await? {
            if let Some(c) = message.client_msg_id.clone() {
                found.insert((message.conversation_id, message.sender_id, c), message);
            }
        }
    }
    Ok(found)
}
