//! The batch writer over a store in memory: batches keep their callers' order, retries
//! inside a batch and across batches get the stored message, and a batch that meets a
//! stored client id commits the rest without it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use chat_domain::entities::{Message, MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, MessageBody, Seq};
use chat_domain::RepoError;
use chat_sql_kit::{Batcher, Committer, Limits};

/// A log whose commit fails on a stored client id, as a unique key would.
#[derive(Default)]
struct Memory {
    stored: Mutex<Vec<Message>>,
    commits: AtomicUsize,
}

#[async_trait]
impl Committer for Memory {
    async fn commit(&self, messages: &[&NewMessage]) -> Result<Option<Vec<Seq>>, RepoError> {
        self.commits.fetch_add(1, Ordering::SeqCst);
        let mut stored = self.stored.lock().unwrap();
        let taken = |m: &NewMessage| {
            stored.iter().any(|s| {
                s.id == m.id
                    || (m.client_msg_id.is_some()
                        && s.conversation_id == m.conversation_id
                        && s.sender_id == m.sender_id
                        && s.client_msg_id == m.client_msg_id)
            })
        };
        if messages.iter().any(|m| taken(m)) {
            return Ok(None);
        }
        let mut last: HashMap<ConversationId, u64> = HashMap::new();
        for s in stored.iter() {
            let l = last.entry(s.conversation_id).or_default();
            *l = (*l).max(s.seq.get());
        }
        let mut seqs = Vec::new();
        for m in messages {
            let l = last.entry(m.conversation_id).or_default();
            *l += 1;
            let seq = Seq::new(*l).unwrap();
            stored.push((*m).clone().at(seq));
            seqs.push(seq);
        }
        Ok(Some(seqs))
    }

    async fn stored_twins(&self, messages: &[&NewMessage]) -> Result<Vec<Message>, RepoError> {
        let stored = self.stored.lock().unwrap();
        Ok(stored
            .iter()
            .filter(|s| {
                messages.iter().any(|m| {
                    m.client_msg_id.is_some()
                        && s.conversation_id == m.conversation_id
                        && s.sender_id == m.sender_id
                        && s.client_msg_id == m.client_msg_id
                })
            })
            .cloned()
            .collect())
    }
}

fn draft(conv: ConversationId, sender: UserId, client_id: &str) -> NewMessage {
    NewMessage {
        id: MessageId::new(),
        conversation_id: conv,
        sender_id: sender,
        kind: MessageKind::Text,
        body: MessageBody::parse(MessageKind::Text, client_id).unwrap(),
        client_msg_id: Some(ClientMsgId::parse(client_id).unwrap()),
        reply_to: None,
        mentions: Vec::new(),
        created_at: chrono::DateTime::UNIX_EPOCH,
        thread_root: None,
        forwarded: None,
    }
}

#[tokio::test]
async fn a_list_is_one_commit_in_order_and_repeats_in_it_answer_as_retries() {
    let memory = Arc::new(Memory::default());
    let batcher = Batcher::start(memory.clone(), Limits::default());
    let (conv, alice) = (ConversationId::new(), UserId::new());
    let list = vec![
        draft(conv, alice, "a"),
        draft(conv, alice, "b"),
        draft(conv, alice, "a"),
        draft(conv, alice, "c"),
    ];
    let out: Vec<_> = batcher
        .append(list)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let seqs: Vec<u64> = out.iter().map(|a| a.message.seq.get()).collect();
    assert_eq!(seqs, [1, 2, 1, 3]);
    let created: Vec<bool> = out.iter().map(|a| a.created).collect();
    assert_eq!(created, [true, true, false, true]);
    assert_eq!(out[2].message, out[0].message);
    assert_eq!(memory.commits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_stored_client_id_in_a_batch_costs_the_others_nothing() {
    let memory = Arc::new(Memory::default());
    let batcher = Batcher::start(memory.clone(), Limits::default());
    let (conv, alice) = (ConversationId::new(), UserId::new());
    let first = batcher
        .append(vec![draft(conv, alice, "x")])
        .await
        .pop()
        .unwrap()
        .unwrap();
    let out = batcher
        .append(vec![
            draft(conv, alice, "y"),
            draft(conv, alice, "x"),
            draft(conv, alice, "z"),
        ])
        .await;
    let out: Vec<_> = out.into_iter().map(Result::unwrap).collect();
    assert_eq!(out[1].message, first.message);
    assert!(!out[1].created);
    let seqs: Vec<u64> = out.iter().map(|a| a.message.seq.get()).collect();
    assert_eq!(seqs, [2, 1, 3]);
    // The first try met the stored id; the rest went in as one batch again.
    assert_eq!(memory.commits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_taken_message_id_is_a_conflict_for_that_message_only() {
    let memory = Arc::new(Memory::default());
    let batcher = Batcher::start(memory.clone(), Limits::default());
    let (conv, alice) = (ConversationId::new(), UserId::new());
    let stored = batcher
        .append(vec![draft(conv, alice, "p")])
        .await
        .pop()
        .unwrap()
        .unwrap();
    let mut same_id = draft(conv, alice, "q");
    same_id.id = stored.message.id;
    let out = batcher.append(vec![same_id, draft(conv, alice, "r")]).await;
    assert!(
        matches!(out[0], Err(RepoError::Conflict(_))),
        "{:?}",
        out[0]
    );
    assert_eq!(out[1].as_ref().unwrap().message.seq.get(), 2);
}

#[tokio::test]
async fn an_unavailable_store_fails_the_whole_batch_and_stores_nothing() {
    struct Down;
    #[async_trait]
    impl Committer for Down {
        async fn commit(&self, _: &[&NewMessage]) -> Result<Option<Vec<Seq>>, RepoError> {
            Err(RepoError::Unavailable("down".into()))
        }
        async fn stored_twins(&self, _: &[&NewMessage]) -> Result<Vec<Message>, RepoError> {
            Err(RepoError::Unavailable("down".into()))
        }
    }
    let batcher = Batcher::start(Arc::new(Down), Limits::default());
    let (conv, alice) = (ConversationId::new(), UserId::new());
    let out = batcher
        .append(vec![draft(conv, alice, "m"), draft(conv, alice, "n")])
        .await;
    assert_eq!(out.len(), 2);
    assert!(out
        .iter()
        .all(|o| matches!(o, Err(RepoError::Unavailable(_)))));
}
