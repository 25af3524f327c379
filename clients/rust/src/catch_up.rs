//! Catching up: sync since the saved cursor, then history and changes for each
//! conversation the answer names; and filling a hole seen in live events.

use std::collections::BTreeSet;

use chat_protocol::http::{ChangesQuery, HistoryQuery};
use chat_protocol::objects::Message;
use chat_protocol::ErrorCode;
use uuid::Uuid;

use crate::engine::Engine;
use crate::{ClientError, Event};

/// The page size asked of history and changes.
const PAGE: u64 = 100;

impl Engine {
    /// Sync → history `after_seq` → changes `after_version`, for what changed since the
    /// saved cursor; the new cursor is saved only once all of it is shown.
    pub(crate) async fn catch_up(&mut self) -> Result<(), ClientError> {
        let mut since = self.state.cursor.clone();
        let mut full = since.is_none();
        let mut listed = BTreeSet::new();
        let mut todo = Vec::new();
        loop {
            let answer = match self.api.sync(since.as_deref(), None).await {
                Err(ClientError::Server {
                    code: ErrorCode::BadRequest,
                    ..
                }) if since.is_some() && !full => {
                    // A cursor the server cannot use: start again with the full state.
                    (since, full) = (None, true);
                    listed.clear();
                    todo.clear();
                    continue;
                }
                other => other?,
            };
            for c in &answer.conversations {
                let conv = &c.summary.conversation;
                listed.insert(conv.id);
                self.state.marks.entry(conv.id).or_default();
                todo.push((conv.id, conv.last_seq, conv.last_version));
                self.emit(Event::Conversation(Box::new(c.clone())));
            }
            for &id in &answer.left {
                self.leave(id);
            }
            since = Some(answer.cursor);
            if !answer.more {
                break;
            }
        }
        if full {
            // A full state names every conversation: the others were left meanwhile.
            let gone: Vec<Uuid> = self
                .state
                .marks
                .keys()
                .filter(|id| !listed.contains(id))
                .copied()
                .collect();
            for id in gone {
                self.leave(id);
            }
        }
        for (id, last_seq, last_version) in todo {
            self.fill_history(id, last_seq).await?;
            self.fill_changes(id, last_version).await?;
        }
        self.state.cursor = since;
        self.save().await
    }

    fn leave(&mut self, id: Uuid) {
        if self.state.marks.remove(&id).is_some() {
            self.held.forget(id);
            self.emit(Event::Left(id));
        }
    }

    /// Shows a message once, in seq order; a hole before it is filled from history. A
    /// message of a conversation not followed (joined just now, or left) is shown only
    /// if a sync finds it a member: the catch-up then shows it with the history before.
    pub(crate) async fn offer(&mut self, m: Message) -> Result<(), ClientError> {
        let id = m.conversation_id;
        if !self.state.marks.contains_key(&id) {
            self.catch_up().await?;
        }
        let Some(mark) = self.state.marks.get_mut(&id) else {
            return Ok(());
        };
        let shown = self.held.offer(mark, m);
        let hole = shown.hole_after;
        for m in shown.messages {
            self.emit(Event::Message(Box::new(m)));
        }
        if let Some(after) = hole {
            let upto = after + PAGE;
            self.fill_history(id, upto).await?;
        }
        Ok(())
    }

    /// Shows every message after the mark up to `upto` (or as far as history goes).
    async fn fill_history(&mut self, id: Uuid, upto: u64) -> Result<(), ClientError> {
        loop {
            let from = self.state.marks.get(&id).map_or(0, |m| m.seq);
            if from >= upto {
                return Ok(());
            }
            let q = HistoryQuery {
                before_seq: None,
                after_seq: Some(from),
                limit: Some(PAGE),
                top_level: None,
            };
            let page = self.api.history(id, &q).await?;
            let n = page.len() as u64;
            for m in page {
                let mark = self.state.marks.entry(id).or_default();
                let shown = self.held.offer(mark, m);
                for m in shown.messages {
                    self.emit(Event::Message(Box::new(m)));
                }
            }
            if n < PAGE {
                return Ok(());
            }
        }
    }

    /// Applies every change after the mark up to `upto`.
    async fn fill_changes(&mut self, id: Uuid, upto: u64) -> Result<(), ClientError> {
        loop {
            let from = self.state.marks.get(&id).map_or(0, |m| m.version);
            if from >= upto {
                return Ok(());
            }
            let q = ChangesQuery {
                after_version: from,
                limit: Some(PAGE),
            };
            let page = self.api.changes(id, &q).await?;
            let n = page.len() as u64;
            for m in page {
                self.apply(m);
            }
            if n < PAGE {
                return Ok(());
            }
        }
    }

    fn apply(&mut self, m: Message) {
        let Some(mark) = self.state.marks.get_mut(&m.conversation_id) else {
            return;
        };
        mark.version = mark.version.max(m.version);
        // A message not shown yet will show as it is now.
        if m.seq <= mark.seq {
            self.emit(Event::Updated(Box::new(m)));
        } else {
            self.held.update(m);
        }
    }

    /// A live change: applied when it is the next version, else the versions between are
    /// fetched first (as they are now).
    pub(crate) async fn on_update(&mut self, m: Message) -> Result<(), ClientError> {
        let id = m.conversation_id;
        let known = self.state.marks.get(&id).map_or(0, |mark| mark.version);
        if m.version <= known {
            return Ok(());
        }
        if m.version == known + 1 {
            self.apply(m);
        } else {
            self.fill_changes(id, m.version).await?;
        }
        self.save().await
    }
}
