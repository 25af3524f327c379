use chrono::{DateTime, Utc};

use super::{Forwarded, Pin, Removal, ThreadSummary};
use crate::ids::{ConversationId, FileId, MessageId, UserId};
use crate::values::{ClientMsgId, Emoji, MessageBody, Seq};
use crate::DomainError;

/// What a message carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// Plain text.
    Text,
    /// An image attachment (the body describes the file).
    Image,
    /// A file attachment (the body describes the file).
    File,
    /// Written by the server (member joined, …).
    System,
}

impl MessageKind {
    /// Parses the wire name (`text`, `image`, `file`, `system`).
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for any other name.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw {
            "text" => Ok(Self::Text),
            "image" => Ok(Self::Image),
            "file" => Ok(Self::File),
            "system" => Ok(Self::System),
            _ => Err(DomainError::invalid(
                "kind",
                "must be text, image, file or system",
            )),
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Image => "image",
            Self::File => "file",
            Self::System => "system",
        }
    }
}

/// A message to be appended: everything but its seq, which the log assigns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    /// Id the message will keep.
    pub id: MessageId,
    /// Where it goes.
    pub conversation_id: ConversationId,
    /// Who sent it.
    pub sender_id: UserId,
    /// Its kind.
    pub kind: MessageKind,
    /// Its body, already valid for the kind.
    pub body: MessageBody,
    /// The sender's idempotency key; `None` only for system messages.
    pub client_msg_id: Option<ClientMsgId>,
    /// The seq it answers, if any.
    pub reply_to: Option<Seq>,
    /// The members it mentions.
    pub mentions: Vec<UserId>,
    /// When the server accepted it.
    pub created_at: DateTime<Utc>,
    /// The root of the thread it replies in, a top-level message of the same
    /// conversation; `None` for a top-level message.
    pub thread_root: Option<Seq>,
    /// Where the message it forwards came from.
    pub forwarded: Option<Forwarded>,
}

impl NewMessage {
    /// The stored message this draft becomes at `seq`.
    pub fn at(self, seq: Seq) -> Message {
        Message {
            id: self.id,
            conversation_id: self.conversation_id,
            seq,
            sender_id: self.sender_id,
            kind: self.kind,
            body: self.body,
            client_msg_id: self.client_msg_id,
            reply_to: self.reply_to,
            mentions: self.mentions,
            created_at: self.created_at,
            edited_at: None,
            deleted: false,
            reactions: Vec::new(),
            version: 0,
            thread_root: self.thread_root,
            thread: None,
            forwarded: self.forwarded,
            pinned: None,
            removed: None,
        }
    }
}

/// A stored message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Stable id.
    pub id: MessageId,
    /// Its conversation.
    pub conversation_id: ConversationId,
    /// Its position: 1, 2, 3, … per conversation, no gaps.
    pub seq: Seq,
    /// Who sent it.
    pub sender_id: UserId,
    /// Its kind.
    pub kind: MessageKind,
    /// Its body.
    pub body: MessageBody,
    /// The sender's idempotency key.
    pub client_msg_id: Option<ClientMsgId>,
    /// The seq it answers, if any.
    pub reply_to: Option<Seq>,
    /// The members it mentions, in any order.
    pub mentions: Vec<UserId>,
    /// When the server accepted it.
    pub created_at: DateTime<Utc>,
    /// When its body was last edited.
    pub edited_at: Option<DateTime<Utc>>,
    /// Recalled: a tombstone whose body is gone (seqs stay gap-free).
    pub deleted: bool,
    /// Reactions, in the order each emoji was first used.
    pub reactions: Vec<Reaction>,
    /// The conversation's change counter at this message's last change; 0 if never
    /// changed. Clients catch up on changes by asking for versions after the last seen.
    pub version: u64,
    /// The root of the thread it replies in; `None` for a top-level message.
    pub thread_root: Option<Seq>,
    /// Its replies, when it is a thread's root.
    pub thread: Option<ThreadSummary>,
    /// Where the message it forwards came from.
    pub forwarded: Option<Forwarded>,
    /// Pinned in its conversation.
    pub pinned: Option<Pin>,
    /// Removed by a moderator (then also `deleted`), rather than recalled by its sender.
    pub removed: Option<Removal>,
}

/// What kind of change a [`MessageChange`] is, for events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// A new body.
    Edit,
    /// Recalled.
    Recall,
    /// A reaction added or taken back.
    Reaction,
    /// A reply in its thread: the root's summary changed.
    Thread,
    /// Pinned.
    Pin,
    /// Unpinned.
    Unpin,
}

/// A short quote of a message, shown with the messages that answer it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyPreview {
    /// The quoted message's seq.
    pub seq: Seq,
    /// Its sender.
    pub sender_id: UserId,
    /// Its kind.
    pub kind: MessageKind,
    /// Its first 100 characters (text), `[image]` or `[file]`; empty once recalled.
    pub preview: String,
    /// Recalled.
    pub deleted: bool,
}

/// One emoji on a message and who reacted with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reaction {
    /// The emoji.
    pub emoji: Emoji,
    /// Who reacted, in the order they did.
    pub users: Vec<UserId>,
}

/// A change to a stored message. Who may make it is decided by the use case
/// ([`crate::rules::ensure_can_change`]); [`Message::apply`] decides what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageChange {
    /// A new body for a text message.
    Edit {
        /// The new body.
        body: MessageBody,
        /// When.
        at: DateTime<Utc>,
    },
    /// The message is recalled: its body, mentions and reactions are dropped.
    Recall,
    /// A moderator removes the message: a recall that says who removed it, and when.
    Remove(Removal),
    /// A member adds (`on`) or takes back a reaction.
    React {
        /// Who.
        user: UserId,
        /// Which emoji.
        emoji: Emoji,
        /// Add or remove.
        on: bool,
    },
    /// A reply in the thread this message is the root of was stored at `seq`. A
    /// recalled root still counts its replies: the thread stays reachable.
    ThreadReply {
        /// The reply's seq.
        seq: Seq,
        /// Who replied.
        user: UserId,
        /// When.
        at: DateTime<Utc>,
    },
    /// Pinned in its conversation (see [`crate::rules::ensure_pin_fits`] for the limit).
    Pin(Pin),
    /// No longer pinned. A recall unpins too.
    Unpin,
}

impl Message {
    /// Most distinct emojis on one message.
    pub const MAX_REACTIONS: usize = 20;

    /// Applies `change`, stamping `version` if anything changed. Returns whether it did:
    /// adding a reaction already there, or removing one that is not, changes nothing.
    ///
    /// # Errors
    /// [`DomainError::Conflict`] if the message is recalled (a thread reply aside), a new
    /// emoji would exceed [`Self::MAX_REACTIONS`], or a thread reply is counted on a
    /// message that is itself in a thread; [`DomainError::Invalid`] for editing a
    /// non-text message.
    pub fn apply(&mut self, change: &MessageChange, version: u64) -> Result<bool, DomainError> {
        let on_tombstones = matches!(
            change,
            MessageChange::ThreadReply { .. } | MessageChange::Unpin
        );
        if self.deleted && !on_tombstones {
            return Err(DomainError::Conflict("the message was recalled".into()));
        }
        match change {
            MessageChange::Edit { body, at } => {
                if self.kind != MessageKind::Text {
                    return Err(DomainError::invalid(
                        "kind",
                        "only text messages can be edited",
                    ));
                }
                self.body = body.clone();
                self.edited_at = Some(*at);
            }
            MessageChange::Recall | MessageChange::Remove(_) => {
                if let MessageChange::Remove(removal) = change {
                    self.removed = Some(*removal);
                }
                self.deleted = true;
                self.body = MessageBody::from_stored(String::new());
                self.mentions.clear();
                self.reactions.clear();
                self.forwarded = None;
                self.pinned = None;
            }
            MessageChange::Pin(pin) => {
                if self.pinned.is_some() {
                    return Ok(false);
                }
                self.pinned = Some(*pin);
            }
            MessageChange::Unpin => {
                if self.pinned.take().is_none() {
                    return Ok(false);
                }
            }
            MessageChange::React { user, emoji, on } => {
                let at = self.reactions.iter().position(|r| &r.emoji == emoji);
                match (at, *on) {
                    (Some(i), true) => {
                        if self.reactions[i].users.contains(user) {
                            return Ok(false);
                        }
                        self.reactions[i].users.push(*user);
                    }
                    (Some(i), false) => {
                        let users = &mut self.reactions[i].users;
                        let Some(j) = users.iter().position(|u| u == user) else {
                            return Ok(false);
                        };
                        users.remove(j);
                        if users.is_empty() {
                            self.reactions.remove(i);
                        }
                    }
                    (None, true) => {
                        if self.reactions.len() >= Self::MAX_REACTIONS {
                            return Err(DomainError::Conflict(format!(
                                "at most {} different reactions per message",
                                Self::MAX_REACTIONS
                            )));
                        }
                        self.reactions.push(Reaction {
                            emoji: emoji.clone(),
                            users: vec![*user],
                        });
                    }
                    (None, false) => return Ok(false),
                }
            }
            MessageChange::ThreadReply { seq, user, at } => {
                if self.thread_root.is_some() {
                    return Err(DomainError::Conflict("a reply cannot have a thread".into()));
                }
                match &mut self.thread {
                    Some(summary) => summary.count(*seq, *user, *at),
                    None => self.thread = Some(ThreadSummary::first(*seq, *user, *at)),
                }
            }
        }
        self.version = version;
        Ok(true)
    }

    /// A short quote of this message (see [`ReplyPreview`]).
    pub fn reply_preview(&self) -> ReplyPreview {
        ReplyPreview {
            seq: self.seq,
            sender_id: self.sender_id,
            kind: self.kind,
            preview: if self.deleted {
                String::new()
            } else {
                self.short_text()
            },
            deleted: self.deleted,
        }
    }

    /// The file an image or file message attaches: its body's `file_id` (protocol v1's
    /// attachment document). `None` for other kinds, a tombstone, or a body without one.
    pub fn attached_file(&self) -> Option<FileId> {
        if !matches!(self.kind, MessageKind::Image | MessageKind::File) {
            return None;
        }
        // The server writes the document itself, compact, `file_id` before any text a
        // sender chose (and a quote inside such text is escaped, so it never matches).
        const KEY: &str = r#""file_id":""#;
        let body = self.body.as_str();
        let at = body.find(KEY)? + KEY.len();
        let id = body.get(at..at + 36)?;
        uuid::Uuid::parse_str(id).ok().map(FileId::from_uuid)
    }

    /// The first 100 characters of a text body, `[image]` or `[file]` (for quotes and
    /// notifications).
    pub fn short_text(&self) -> String {
        match self.kind {
            MessageKind::Image => "[image]".into(),
            MessageKind::File => "[file]".into(),
            MessageKind::Text | MessageKind::System => {
                self.body.as_str().chars().take(100).collect()
            }
        }
    }

    /// Whether `user` reacted with `emoji`.
    pub fn reacted(&self, user: UserId, emoji: &Emoji) -> bool {
        self.reactions
            .iter()
            .any(|r| &r.emoji == emoji && r.users.contains(&user))
    }
}

impl MessageChange {
    /// Its kind, for events.
    pub fn kind(&self) -> ChangeKind {
        match self {
            MessageChange::Edit { .. } => ChangeKind::Edit,
            // Told as a recall: a tombstone either way (`removed` says by whom).
            MessageChange::Recall | MessageChange::Remove(_) => ChangeKind::Recall,
            MessageChange::React { .. } => ChangeKind::Reaction,
            MessageChange::ThreadReply { .. } => ChangeKind::Thread,
            MessageChange::Pin(_) => ChangeKind::Pin,
            MessageChange::Unpin => ChangeKind::Unpin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(kind: MessageKind, body: &str) -> Message {
        NewMessage {
            id: MessageId::new(),
            conversation_id: ConversationId::new(),
            sender_id: UserId::new(),
            kind,
            body: MessageBody::from_stored(body.into()),
            client_msg_id: None,
            reply_to: None,
            mentions: Vec::new(),
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            thread_root: None,
            forwarded: None,
        }
        .at(Seq::new(1).unwrap())
    }

    #[test]
    fn it_should_find_the_file_a_message_attaches_and_no_other() {
        let (file, other) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        // A name that spells another file's key, as the server stores it (escaped).
        let body = format!(
            r#"{{"content_type":"text/plain","file_id":"{file}","name":"\"file_id\":\"{other}\"","size":3}}"#
        );
        let expected = Some(FileId::from_uuid(file));
        assert_eq!(message(MessageKind::File, &body).attached_file(), expected);
        assert_eq!(message(MessageKind::Image, &body).attached_file(), expected);
        assert_eq!(message(MessageKind::Text, &body).attached_file(), None);
        assert_eq!(message(MessageKind::File, "{}").attached_file(), None);
        let named = format!(r#"{{"content_type":"text/plain","name":"{file}","size":3}}"#);
        assert_eq!(message(MessageKind::File, &named).attached_file(), None);
    }
}
