//! A user's data, exported: their profile, each conversation they are in with their
//! standing in it, the messages they sent there, their reactions and the files their
//! messages attach. Read piece by piece ([`Export::next`]), one page of history at a
//! time, so an export is never held in memory whole, however much the user wrote.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use chat_domain::entities::{FileMeta, Message, User};
use chat_domain::ids::UserId;
use chat_domain::ports::Membership;
use chat_domain::values::{Emoji, Limit, PageQuery, Seq};

use crate::{Actor, AppError, ChatApp};

/// Messages read per page of a conversation's history.
const PAGE: u64 = 100;

/// One piece of an export, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportPart {
    /// First: who, and when the export was made.
    Profile {
        /// The caller.
        user: User,
        /// When the export began.
        at: DateTime<Utc>,
    },
    /// A conversation the caller is in, with their row (role, read cursor, mute).
    Conversation(Box<Membership>),
    /// A message the caller sent in the conversation last named (tombstones too: a
    /// tombstone keeps no text).
    Message(Box<Message>),
    /// After a conversation's messages: the caller's reactions there, as (seq, emoji),
    /// and the files the caller uploaded that their messages there attach (those still
    /// stored).
    ConversationEnd {
        /// (seq, emoji) for each reaction of the caller, by seq.
        reactions: Vec<(Seq, Emoji)>,
        /// The files, each once.
        files: Vec<FileMeta>,
    },
}

/// An export being read: call [`Export::next`] until it answers `None`.
pub struct Export {
    app: ChatApp,
    user: UserId,
    /// The first piece, read before the export is handed out (a storage failure then
    /// answers the request, not a stream cut short).
    profile: Option<ExportPart>,
    left: VecDeque<Membership>,
    scan: Option<Scan>,
}

/// The conversation being read.
struct Scan {
    membership: Membership,
    /// The last seq read; `None` before the first page.
    read_to: Option<u64>,
    done: bool,
    ready: VecDeque<Message>,
    reactions: Vec<(Seq, Emoji)>,
    files: std::collections::BTreeSet<chat_domain::ids::FileId>,
}

impl ChatApp {
    /// Starts an export of the caller's data (see [`ExportPart`] for what it holds).
    ///
    /// # Errors
    /// `unavailable` if storage is down.
    pub async fn export(&self, actor: &Actor) -> Result<Export, AppError> {
        let memberships = self
            .ports
            .storage
            .conversations
            .memberships(actor.id())
            .await?;
        let user = self.ports.storage.users.get(actor.id()).await?;
        let at = self.ports.clock.now();
        Ok(Export {
            app: self.clone(),
            user: actor.id(),
            profile: Some(ExportPart::Profile { user, at }),
            left: memberships.into(),
            scan: None,
        })
    }
}

impl Export {
    /// The next piece, or `None` once everything was read.
    ///
    /// # Errors
    /// `unavailable` if storage is down (the export cannot go on).
    pub async fn next(&mut self) -> Result<Option<ExportPart>, AppError> {
        if let Some(profile) = self.profile.take() {
            return Ok(Some(profile));
        }
        loop {
            let Some(scan) = self.scan.as_mut() else {
                let Some(membership) = self.left.pop_front() else {
                    return Ok(None);
                };
                self.scan = Some(Scan::of(membership.clone()));
                return Ok(Some(ExportPart::Conversation(Box::new(membership))));
            };
            if let Some(m) = scan.ready.pop_front() {
                return Ok(Some(ExportPart::Message(Box::new(m))));
            }
            if !scan.done {
                scan.read_page(&self.app, self.user).await?;
                continue;
            }
            let scan = self.scan.take().expect("scanning");
            let mut files = Vec::with_capacity(scan.files.len());
            for id in scan.files {
                // The caller's own uploads only: a forward of someone else's file says
                // nothing of its name or bytes here.
                let meta = self.app.ports.files.meta(id).await?;
                files.extend(meta.filter(|m| m.uploaded_by == self.user));
            }
            return Ok(Some(ExportPart::ConversationEnd {
                reactions: scan.reactions,
                files,
            }));
        }
    }
}

impl Scan {
    fn of(membership: Membership) -> Self {
        Self {
            membership,
            read_to: None,
            done: false,
            ready: VecDeque::new(),
            reactions: Vec::new(),
            files: Default::default(),
        }
    }

    /// Reads the next page of the conversation: the caller's messages, reactions, files.
    async fn read_page(&mut self, app: &ChatApp, user: UserId) -> Result<(), AppError> {
        let limit = Limit::new(PAGE).expect("a valid limit");
        let query = match self.read_to {
            Some(seq) => PageQuery::after(Seq::new(seq).map_err(AppError::from)?, limit),
            None => PageQuery::before(Seq::new(PAGE + 1).map_err(AppError::from)?, limit),
        };
        let id = self.membership.conversation.id;
        let page = app.ports.storage.messages.page(id, query).await?;
        self.done = (page.len() as u64) < PAGE;
        for m in page {
            self.read_to = Some(m.seq.get());
            for r in m.reactions.iter().filter(|r| r.users.contains(&user)) {
                self.reactions.push((m.seq, r.emoji.clone()));
            }
            if m.sender_id != user {
                continue;
            }
            self.files.extend(m.attached_file());
            self.ready.push_back(m);
        }
        Ok(())
    }
}
