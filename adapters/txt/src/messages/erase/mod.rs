//! Erasure: once a message is a tombstone, what it said leaves the disk. Its line in its
//! day file (or archive) is rewritten without its body, mentions and forward, padded
//! with spaces to its old length so every offset the index holds stays true; the file
//! is rewritten whole to a temporary file, synced and renamed over the old one, so a
//! crash at any point leaves the old file or the new one, never a mix ([`rewrite`]).
//! Then `changes.txt` is compacted to each message's latest line (an edit's earlier text
//! goes with it) and the journal is emptied. [`super::TxtMessages`] runs a pass when
//! asked (`erase_tombstones`); what a pass could not finish stays due for the next.

mod rewrite;

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use tokio::sync::oneshot;

use chat_domain::ids::{ConversationId, MessageId};
use chat_domain::ports::Erased;
use chat_domain::RepoError;

use super::index::FileInfo;
use super::writer::Command;
use super::{writer_gone, Shared, TxtMessages};

pub use rewrite::remove_leftovers;

/// A conversation's due tombstones: seq → the id of the message that must be there (a
/// line of another message at that seq, after damage, is never touched).
pub type Seqs = BTreeMap<u64, MessageId>;

impl TxtMessages {
    /// One pass at a time (the archiver waits too); files one by one, so appends wait
    /// for one file's swap at most.
    pub(super) async fn erase_pass(&self) -> Result<Erased, RepoError> {
        let _turn = self.shared.rewriting.lock().await;
        let due = self.shared.erasing.take();
        if due.is_empty() {
            return Ok(Erased::default());
        }
        let mut done = Erased::default();
        let mut failure = None;
        let mut passed = Vec::with_capacity(due.len());
        for (id, seqs) in due {
            blank_last_message(&self.shared, id, &seqs);
            for (info, inside) in rewrite::files_of(&self.shared, id, &seqs) {
                match self.erase_in(id, info, inside.clone()).await {
                    Ok(e) => {
                        done.messages += e.messages;
                        done.bytes_rewritten += e.bytes_rewritten;
                    }
                    Err(e) => {
                        self.shared.erasing.put_back(id, inside);
                        failure = Some(e);
                    }
                }
            }
            passed.push((id, seqs));
        }
        match self.compact_after_erasing().await {
            Ok(written) => done.bytes_rewritten += written,
            Err(e) => {
                // Their earlier text may still be in `changes.txt` or the journal.
                for (id, seqs) in passed {
                    self.shared.erasing.put_back(id, seqs);
                }
                failure = Some(e);
            }
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(done),
        }
    }

    /// Erases the due seqs of one file: rewritten off the writer, put in place by it.
    async fn erase_in(
        &self,
        id: ConversationId,
        info: FileInfo,
        seqs: Seqs,
    ) -> Result<Erased, RepoError> {
        let rewrite = tokio::task::spawn_blocking(move || rewrite::rewrite(id, &info, &seqs))
            .await
            .map_err(|_| interrupted())??;
        let Some(rewrite) = rewrite else {
            return Ok(Erased::default());
        };
        if rewrite.info.compressed {
            let (shared, r) = (self.shared.clone(), rewrite.clone());
            tokio::task::spawn_blocking(move || rewrite::replace_archive(&shared, &r))
                .await
                .map_err(|_| interrupted())??;
        } else {
            let (done, wait) = oneshot::channel();
            self.send(Command::Swap(Box::new(rewrite.clone()), done))?;
            wait.await.map_err(|_| writer_gone())??;
        }
        Ok(Erased {
            messages: rewrite.seqs.len() as u64,
            bytes_rewritten: rewrite.covers,
        })
    }

    /// Compacts `changes.txt`, then has the writer empty the journal.
    async fn compact_after_erasing(&self) -> Result<u64, RepoError> {
        let changes = self.changes.clone();
        let written = tokio::task::spawn_blocking(move || {
            changes.lock().unwrap_or_else(|e| e.into_inner()).compact()
        })
        .await
        .map_err(|_| interrupted())??;
        let (done, wait) = oneshot::channel();
        self.send(Command::Checkpoint(done))?;
        wait.await.map_err(|_| writer_gone())??;
        Ok(written)
    }
}

fn interrupted() -> RepoError {
    RepoError::Unavailable("the erasure was interrupted".into())
}

/// The index's copy of the conversation's last message (listed in conversation lists,
/// saved in its file's sidecar at shutdown) loses its content if it is due.
fn blank_last_message(shared: &Shared, id: ConversationId, seqs: &Seqs) {
    let mut index = shared.index.write().unwrap_or_else(|e| e.into_inner());
    let Some(last) = index.get_mut(&id).and_then(|s| s.last_message.as_mut()) else {
        return;
    };
    if seqs.get(&last.seq.get()) == Some(&last.id) {
        last.body = chat_domain::values::MessageBody::from_stored(String::new());
        last.mentions.clear();
        last.forwarded = None;
    }
}

/// Tombstones whose former content may still be on disk, by conversation.
#[derive(Default)]
pub struct Due(Mutex<HashMap<ConversationId, Seqs>>);

impl Due {
    pub fn add(&self, id: ConversationId, seq: u64, message: MessageId) {
        self.lock().entry(id).or_default().insert(seq, message);
    }

    fn take(&self) -> HashMap<ConversationId, Seqs> {
        std::mem::take(&mut *self.lock())
    }

    fn put_back(&self, id: ConversationId, seqs: Seqs) {
        self.lock().entry(id).or_default().extend(seqs);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ConversationId, Seqs>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
