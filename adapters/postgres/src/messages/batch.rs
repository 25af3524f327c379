//! Group commit for appends: appends that arrive while earlier ones are committing are
//! queued and share one transaction ([`super::commit`]), so one WAL flush acks them all.
//! A batch that meets a unique constraint (a retried client id) is settled by
//! [`super::twins`], which answers the retries with their stored twins.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, Semaphore};

use chat_domain::entities::NewMessage;
use chat_domain::ports::Appended;
use chat_domain::RepoError;

use super::commit::commit_with_retries;
use super::ClientKey;
use crate::Db;

/// Most messages in one transaction (a caller's own list may exceed it: it is never split).
const MAX_BATCH: usize = 256;
/// Most body bytes in one transaction.
const MAX_BATCH_BYTES: usize = 4 << 20;
/// Batches committing at once (each holds one pooled connection).
const IN_FLIGHT: usize = 4;

type Outcomes = Vec<Result<Appended, RepoError>>;

/// One caller's messages, kept together and in order in one batch.
struct Job {
    messages: Vec<NewMessage>,
    reply: oneshot::Sender<Outcomes>,
}

impl Job {
    fn bytes(&self) -> usize {
        self.messages.iter().map(|m| m.body.as_str().len()).sum()
    }
}

/// Queues appends for the batch writer.
pub(super) struct Batcher {
    jobs: mpsc::Sender<Job>,
}

impl Batcher {
    /// Starts the writer task on the current runtime.
    pub(super) fn start(db: Db) -> Self {
        let (jobs, queue) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(collect(db, queue));
        Self { jobs }
    }

    /// Appends `messages`, in order, in the next batch and waits for its commit: one
    /// outcome per message.
    pub(super) async fn append(&self, messages: Vec<NewMessage>) -> Outcomes {
        let n = messages.len();
        let gone = || {
            vec![
                Err(RepoError::Unavailable(
                    "the PostgreSQL append writer has stopped".into()
                ));
                n
            ]
        };
        if n == 0 {
            return Vec::new();
        }
        let (reply, outcome) = oneshot::channel();
        if self.jobs.send(Job { messages, reply }).await.is_err() {
            return gone();
        }
        outcome.await.unwrap_or_else(|_| gone())
    }
}

/// Takes whatever is queued (up to the caps) once a commit slot is free.
async fn collect(db: Db, mut queue: mpsc::Receiver<Job>) {
    let slots = Arc::new(Semaphore::new(IN_FLIGHT));
    while let Some(first) = queue.recv().await {
        // While every slot is busy, appends pile up in the queue and join this batch.
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let (mut count, mut bytes) = (first.messages.len(), first.bytes());
        let mut jobs = vec![first];
        while count < MAX_BATCH && bytes < MAX_BATCH_BYTES {
            let Ok(job) = queue.try_recv() else { break };
            count += job.messages.len();
            bytes += job.bytes();
            jobs.push(job);
        }
        let db = db.clone();
        tokio::spawn(async move {
            run(&db, jobs).await;
            drop(slot);
        });
    }
}

/// Commits a batch and answers each job.
async fn run(db: &Db, jobs: Vec<Job>) {
    let (messages, replies): (Vec<Vec<NewMessage>>, Vec<_>) =
        jobs.into_iter().map(|j| (j.messages, j.reply)).unzip();
    let all: Vec<&NewMessage> = messages.iter().flatten().collect();
    let mut outcomes = append_batch(db, &all).await.into_iter();
    for (sent, reply) in messages.iter().zip(replies) {
        let answers: Outcomes = outcomes.by_ref().take(sent.len()).collect();
        // The caller may have gone away; the messages are stored regardless.
        let _ = reply.send(answers);
    }
}

/// The outcome of each of `messages`, in order. A client id twice in the batch: the
/// later copies get the first one's outcome, as retries.
async fn append_batch(db: &Db, messages: &[&NewMessage]) -> Outcomes {
    let mut firsts: Vec<&NewMessage> = Vec::with_capacity(messages.len());
    // For each message, the index in `firsts` whose outcome it takes, and whether it is
    // that one or a repeat.
    let mut answer_of: Vec<(usize, bool)> = Vec::with_capacity(messages.len());
    let mut index: HashMap<ClientKey, usize> = HashMap::new();
    for m in messages {
        if let Some(client_id) = &m.client_msg_id {
            let key = (m.conversation_id, m.sender_id, client_id.clone());
            if let Some(&i) = index.get(&key) {
                answer_of.push((i, false));
                continue;
            }
            index.insert(key, firsts.len());
        }
        answer_of.push((firsts.len(), true));
        firsts.push(m);
    }
    let outcomes: Outcomes = match commit_with_retries(db, &firsts).await {
        Ok(Some(seqs)) => firsts
            .iter()
            .zip(seqs)
            .map(|(m, seq)| {
                Ok(Appended {
                    message: (*m).clone().at(seq),
                    created: true,
                })
            })
            .collect(),
        // A unique constraint held somewhere in the batch (a retried send, most likely).
        Ok(None) => super::twins::settle(db, &firsts).await,
        Err(e) => vec![Err(e); firsts.len()],
    };
    answer_of
        .into_iter()
        .map(|(i, first)| {
            outcomes[i].clone().map(|a| Appended {
                created: a.created && first,
                ..a
            })
        })
        .collect()
}
