//! Group commit for appends: appends that arrive while earlier ones are committing
//! are queued and share one transaction ([`super::commit`]), so one log flush (fsync)
//! on the server acks them all. A batch that meets a unique key (a retried client id) is
//! settled by [`super::twins`], which answers the retries with their stored twins.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, Semaphore};

use chat_domain::entities::NewMessage;
use chat_domain::ports::Appended;
use chat_domain::RepoError;

use super::commit::commit_with_retries;
use super::ClientKey;
use crate::Db;

/// Most messages in one transaction.
const MAX_BATCH: usize = 256;
/// Most body bytes in one transaction: well under the server's 16 MiB packet default.
const MAX_BATCH_BYTES: usize = 4 << 20;
/// Batches committing at once (each holds one pooled connection).
const IN_FLIGHT: usize = 4;

type Reply = oneshot::Sender<Result<Appended, RepoError>>;

struct Job {
    message: NewMessage,
    reply: Reply,
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

    /// Appends `message` in the next batch and waits for its commit.
    pub(super) async fn append(&self, message: NewMessage) -> Result<Appended, RepoError> {
        let (reply, outcome) = oneshot::channel();
        let gone = || RepoError::Unavailable("the MySQL append writer has stopped".into());
        self.jobs
            .send(Job { message, reply })
            .await
            .map_err(|_| gone())?;
        outcome.await.map_err(|_| gone())?
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
        let mut bytes = first.message.body.as_str().len();
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH && bytes < MAX_BATCH_BYTES {
            let Ok(job) = queue.try_recv() else { break };
            bytes += job.message.body.as_str().len();
            jobs.push(job);
        }
        let db = db.clone();
        tokio::spawn(async move {
            run(&db, jobs).await;
            drop(slot);
        });
    }
}

async fn run(db: &Db, jobs: Vec<Job>) {
    // A client id twice in one batch: the later copies get the first one's outcome.
    let mut firsts: Vec<Job> = Vec::with_capacity(jobs.len());
    let mut twins: HashMap<usize, Vec<Reply>> = HashMap::new();
    let mut index: HashMap<ClientKey, usize> = HashMap::new();
    for job in jobs {
        let m = &job.message;
        if let Some(client_id) = &m.client_msg_id {
            let key = (m.conversation_id, m.sender_id, client_id.clone());
            if let Some(&i) = index.get(&key) {
                twins.entry(i).or_default().push(job.reply);
                continue;
            }
            index.insert(key, firsts.len());
        }
        firsts.push(job);
    }
    let messages: Vec<&NewMessage> = firsts.iter().map(|j| &j.message).collect();
    let outcomes = match commit_with_retries(db, &messages).await {
        Ok(Some(seqs)) => messages
            .iter()
            .zip(seqs)
            .map(|(m, seq)| {
                Ok(Appended {
                    message: (*m).clone().at(seq),
                    created: true,
                })
            })
            .collect(),
        // A unique key held somewhere in the batch (a retried send, most likely).
        Ok(None) => super::twins::settle(db, &messages).await,
        Err(e) => vec![Err(e); messages.len()],
    };
    for (i, (job, outcome)) in firsts.into_iter().zip(outcomes).enumerate() {
        for twin in twins.remove(&i).unwrap_or_default() {
            let _ = twin.send(outcome.clone().map(|a| Appended {
                created: false,
                ..a
            }));
        }
        // The caller may have gone away; the message is stored regardless.
        let _ = job.reply.send(outcome);
    }
}
