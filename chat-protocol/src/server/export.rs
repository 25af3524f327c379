//! `GET /api/v1/me/export` as text: the export's pieces ([`ExportPart`]) written one
//! after another into one [`ExportDocument`], so a server streams it as it reads it.
//! Each piece is cut from the document's own types, so the stream and the documented
//! shape cannot drift apart.

use chat_app::ExportPart;

use crate::objects::{
    ConversationKind, ExportDocument, ExportedConversation, ExportedReaction, FileInfo, FullUser,
    Message,
};

/// The export's format name, first in the document.
pub const FORMAT: &str = "chat-export/1";

/// Writes an export's pieces as one JSON document.
#[derive(Default)]
pub struct ExportWriter {
    conversations: usize,
    messages: usize,
}

impl ExportWriter {
    /// The text for `part`, to send after everything written before it.
    pub fn part(&mut self, part: &ExportPart) -> String {
        match part {
            ExportPart::Profile { user, at } => {
                let doc = ExportDocument {
                    format: FORMAT.into(),
                    exported_at: *at,
                    profile: FullUser::from(user),
                    conversations: Vec::new(),
                };
                format!("{},\"conversations\":[", head(&doc, ",\"conversations\":"))
            }
            ExportPart::Conversation(m) => {
                let (c, p) = (&m.conversation, &m.participant);
                let conversation = ExportedConversation {
                    id: *c.id.as_uuid(),
                    kind: match c.direct_pair() {
                        Some(_) => ConversationKind::Direct,
                        None => ConversationKind::Group,
                    },
                    title: c.title().map(|t| t.as_str().to_owned()),
                    created_by: *c.created_by.as_uuid(),
                    created_at: c.created_at,
                    role: p.role.into(),
                    joined_at: p.joined_at,
                    last_read_seq: p.last_read_seq,
                    muted: p.muted,
                    messages: Vec::new(),
                    reactions: Vec::new(),
                    files: Vec::new(),
                };
                let comma = if self.conversations > 0 { "," } else { "" };
                self.conversations += 1;
                self.messages = 0;
                let head = head(&conversation, ",\"messages\":");
                format!("{comma}{head},\"messages\":[")
            }
            ExportPart::Message(m) => {
                let comma = if self.messages > 0 { "," } else { "" };
                self.messages += 1;
                format!("{comma}{}", text(&Message::from(m.as_ref())))
            }
            ExportPart::ConversationEnd { reactions, files } => {
                let reactions: Vec<ExportedReaction> = reactions
                    .iter()
                    .map(|(seq, emoji)| ExportedReaction {
                        seq: seq.get(),
                        emoji: emoji.as_str().to_owned(),
                    })
                    .collect();
                let files: Vec<FileInfo> = files.iter().map(Into::into).collect();
                format!(
                    "],\"reactions\":{},\"files\":{}}}",
                    text(&reactions),
                    text(&files)
                )
            }
        }
    }

    /// What closes the document, after the last part.
    pub fn finish(&self) -> &'static str {
        "]}"
    }
}

fn text(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `value`'s JSON up to its member `from` (a list, last in the object and empty here).
fn head(value: &impl serde::Serialize, from: &str) -> String {
    let mut json = text(value);
    if let Some(at) = json.rfind(from) {
        json.truncate(at);
    }
    json
}
