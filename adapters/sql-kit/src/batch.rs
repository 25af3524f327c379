//! Group commit for appends: appends that arrive while earlier ones are committing are
//! queued and share one transaction ([`Committer::commit`]), so one log flush on the
//! server acks them all. A caller's own list (`append_all`) is one job, never split, so
//! its seqs follow its order. A batch that meets a unique key (a retried client id) is
//! settled: one query finds which of its client ids are stored, those are answered with
//! the stored message, and the rest are committed as a batch again (one at a time only
//! if that meets a unique key too), so one retried send does not cost the others.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use tokio::sync::{mpsc, oneshot, Semaphore};

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::Appended;
use chat_domain::values::{ClientMsgId, Seq};
use chat_domain::RepoError;

/// A store's append transaction.
#[async_trait]
pub trait Committer: Send + Sync + 'static {
    /// Stores `messages` in one transaction, in order, each at its conversation's next
    /// seq, and returns their seqs; `None` if a unique key held (a stored client id or
    /// message id), in which case nothing was stored.
    ///
    /// # Errors
    /// `Unavailable` if the transaction could not be committed (it may have been, if the
    /// answer to `COMMIT` was lost: a retry under the same client ids finds it).
    async fn commit(&self, messages: &[&NewMessage]) -> Result<Option<Vec<Seq>>, RepoError>;

    /// The stored messages whose (conversation, sender, client id) one of `messages`
    /// repeats.
    ///
    /// # Errors
    /// `Unavailable` if the database does not answer.
    async fn stored_twins(&self, messages: &[&NewMessage]) -> Result<Vec<Message>, RepoError>;
}

/// How much one transaction takes and how many commit at once.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Most messages in one transaction (a caller's own longer list is still one).
    pub max_messages: usize,
    /// Most body bytes in one transaction.
    pub max_bytes: usize,
    /// Transactions committing at once (each holds one pooled connection).
    pub in_flight: usize,
}

impl Default for Limits {
    /// 256 messages or 4 MiB of bodies, four transactions in flight.
    fn default() -> Self {
        Self {
            max_messages: 256,
            max_bytes: 4 << 20,
            in_flight: 4,
        }
    }
}

/// The outcome of each message, in order.
pub type Outcomes = Vec<Result<Appended, RepoError>>;

/// Key of an idempotent send.
type ClientKey = (ConversationId, UserId, ClientMsgId);

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
pub struct Batcher {
    jobs: mpsc::Sender<Job>,
}

impl Batcher {
    /// Starts the writer task on the current runtime.
    pub fn start<C: Committer>(committer: Arc<C>, limits: Limits) -> Self {
        let (jobs, queue) = mpsc::channel(4 * limits.max_messages.max(1));
        tokio::spawn(collect(committer, limits, queue));
        Self { jobs }
    }

    /// Appends `messages`, in order, in the next batch and waits for its commit: one
    /// outcome per message, as [`MessageRepository::append_all`] promises.
    ///
    /// [`MessageRepository::append_all`]: chat_domain::ports::MessageRepository::append_all
    pub async fn append(&self, messages: Vec<NewMessage>) -> Outcomes {
        let n = messages.len();
        let gone = || {
            let e = RepoError::Unavailable("the append writer has stopped".into());
            vec![Err(e); n]
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

/// Takes whatever is queued (up to the limits) once a commit slot is free.
async fn collect<C: Committer>(committer: Arc<C>, limits: Limits, mut queue: mpsc::Receiver<Job>) {
    let slots = Arc::new(Semaphore::new(limits.in_flight.max(1)));
    while let Some(first) = queue.recv().await {
        // While every slot is busy, appends pile up in the queue and join this batch.
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let (mut count, mut bytes) = (first.messages.len(), first.bytes());
        let mut jobs = vec![first];
        while count < limits.max_messages && bytes < limits.max_bytes {
            let Ok(job) = queue.try_recv() else { break };
            count += job.messages.len();
            bytes += job.bytes();
            jobs.push(job);
        }
        let committer = committer.clone();
        tokio::spawn(async move {
            run(&*committer, jobs).await;
            drop(slot);
        });
    }
}

/// Commits a batch and answers each job.
async fn run<C: Committer + ?Sized>(committer: &C, jobs: Vec<Job>) {
    let (messages, replies): (Vec<Vec<NewMessage>>, Vec<_>) =
        jobs.into_iter().map(|j| (j.messages, j.reply)).unzip();
    let all: Vec<&NewMessage> = messages.iter().flatten().collect();
    let mut outcomes = append_batch(committer, &all).await.into_iter();
    for (sent, reply) in messages.iter().zip(replies) {
        let answers: Outcomes = outcomes.by_ref().take(sent.len()).collect();
        // The caller may have gone away; the messages are stored regardless.
        let _ = reply.send(answers);
    }
}

fn key(m: &NewMessage) -> Option<ClientKey> {
    m.client_msg_id
        .clone()
        .map(|c| (m.conversation_id, m.sender_id, c))
}

fn created(messages: &[&NewMessage], seqs: Vec<Seq>) -> Outcomes {
    messages
        .iter()
        .zip(seqs)
        .map(|(m, seq)| {
            Ok(Appended {
                message: (*m).clone().at(seq),
                created: true,
            })
        })
        .collect()
}

/// The outcome of each of `messages`, in order. A client id twice in the batch: the
/// later copies get the first one's outcome, as retries.
async fn append_batch<C: Committer + ?Sized>(committer: &C, messages: &[&NewMessage]) -> Outcomes {
    let mut firsts: Vec<&NewMessage> = Vec::with_capacity(messages.len());
    // For each message: the index in `firsts` whose outcome it takes, and whether it is
    // that one rather than a repeat.
    let mut answer_of: Vec<(usize, bool)> = Vec::with_capacity(messages.len());
    let mut index: HashMap<ClientKey, usize> = HashMap::new();
    for m in messages {
        if let Some(k) = key(m) {
            if let Some(&i) = index.get(&k) {
                answer_of.push((i, false));
                continue;
            }
            index.insert(k, firsts.len());
        }
        answer_of.push((firsts.len(), true));
        firsts.push(m);
    }
    let outcomes: Outcomes = match committer.commit(&firsts).await {
        Ok(Some(seqs)) => created(&firsts, seqs),
        // A unique key held somewhere in the batch (a retried send, most likely).
        Ok(None) => settle(committer, &firsts).await,
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

/// The outcome of each of `messages`, in order, knowing that at least one of them met a
/// unique key.
async fn settle<C: Committer + ?Sized>(committer: &C, messages: &[&NewMessage]) -> Outcomes {
    let stored: HashMap<ClientKey, Message> = match committer.stored_twins(messages).await {
        Ok(found) => found
            .into_iter()
            .filter_map(|m| {
                Some((
                    m.client_msg_id
                        .clone()
                        .map(|c| (m.conversation_id, m.sender_id, c))?,
                    m,
                ))
            })
            .collect(),
        Err(e) => return vec![Err(e); messages.len()],
    };
    let fresh: Vec<&NewMessage> = messages
        .iter()
        .copied()
        .filter(|m| key(m).is_none_or(|k| !stored.contains_key(&k)))
        .collect();
    let mut fresh_outcomes = match committer.commit(&fresh).await {
        Ok(Some(seqs)) => created(&fresh, seqs),
        // Another race, or a taken message id: one by one, which sorts it out.
        Ok(None) => {
            let mut outcomes = Vec::with_capacity(fresh.len());
            for m in &fresh {
                outcomes.push(append_one(committer, m).await);
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
async fn append_one<C: Committer + ?Sized>(
    committer: &C,
    message: &NewMessage,
) -> Result<Appended, RepoError> {
    let twin = |stored: Message| Appended {
        message: stored,
        created: false,
    };
    if let Some(stored) = committer.stored_twins(&[message]).await?.pop() {
        return Ok(twin(stored));
    }
    if let Some(seq) = committer
        .commit(&[message])
        .await?
        .and_then(|s| s.first().copied())
    {
        return Ok(Appended {
            message: message.clone().at(seq),
            created: true,
        });
    }
    // A racing twin committed first; hand back what it stored.
    match committer.stored_twins(&[message]).await?.pop() {
        Some(stored) => Ok(twin(stored)),
        None => Err(RepoError::Conflict(format!(
            "message id {} is taken",
            message.id
        ))),
    }
}
