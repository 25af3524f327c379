use std::sync::Arc;

use chat_domain::entities::{FileMeta, MessageKind};
use chat_domain::ids::{ConversationId, FileId};
use chat_domain::ports::FileStore;
use chat_domain::values::MessageBody;
use serde::Serialize;

use crate::{Actor, AppError, Attachment, ChatApp};

/// Which bytes of a file to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteRange {
    /// The whole file.
    All,
    /// From this offset to the end (`bytes=N-`).
    From(u64),
    /// These offsets, inclusive (`bytes=N-M`).
    Between(u64, u64),
    /// The last N bytes (`bytes=-N`).
    Last(u64),
}

/// A file's bytes, or the part asked for, read [`Download::CHUNK`] bytes at a time so
/// that a download holds one chunk in memory, not the file.
pub struct Download {
    /// The file.
    pub meta: FileMeta,
    /// `Some((first, last))` (inclusive) when a range was asked for.
    pub range: Option<(u64, u64)>,
    files: Arc<dyn FileStore>,
    next: u64,
    end: u64,
}

impl Download {
    /// Bytes read from the store at once.
    pub const CHUNK: u64 = 256 * 1024;

    /// How many bytes the download sends.
    pub fn len(&self) -> u64 {
        self.end - self.next.min(self.end)
    }

    /// Whether nothing is left to send.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The next chunk, or `None` once everything asked for was read.
    ///
    /// # Errors
    /// `unavailable` if the store cannot be read, `internal` if the file is shorter
    /// than its description says.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        if self.next >= self.end {
            return Ok(None);
        }
        let until = self.end.min(self.next + Self::CHUNK);
        let chunk = self.files.read(self.meta.id, self.next, until).await?;
        if chunk.is_empty() {
            return Err(AppError::Internal(format!(
                "file {} ends at {} of {}",
                self.meta.id, self.next, self.end
            )));
        }
        self.next += chunk.len() as u64;
        Ok(Some(chunk))
    }
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download")
            .field("meta", &self.meta)
            .field("range", &self.range)
            .field("next", &self.next)
            .field("end", &self.end)
            .finish()
    }
}

/// The stored body of an image or file message (protocol v1's attachment document):
/// enough for clients to lay the file out before downloading it. Its fields are in the
/// order stored bodies have always had (by name).
#[derive(Serialize)]
struct StoredAttachment<'a> {
    content_type: &'a str,
    file_id: uuid::Uuid,
    height: Option<u32>,
    name: Option<&'a str>,
    size: u64,
    width: Option<u32>,
}

impl ChatApp {
    /// Whether `actor` may read the file: its uploader, or a member of a conversation
    /// with a message that references it. `None` for a file that does not exist or that
    /// the actor may not read, alike, so ids cannot be probed.
    async fn readable_file(&self, actor: &Actor, id: FileId) -> Result<Option<FileMeta>, AppError> {
        let Some(meta) = self.ports.files.meta(id).await? else {
            return Ok(None);
        };
        if meta.uploaded_by == actor.id() {
            return Ok(Some(meta));
        }
        for conversation in self.ports.files.references(id).await? {
            let member = self
                .ports
                .storage
                .conversations
                .participant(conversation, actor.id())
                .await?;
            if member.is_some() {
                return Ok(Some(meta));
            }
        }
        Ok(None)
    }

    /// A file's bytes (or a range of them) for someone allowed to read it.
    ///
    /// # Errors
    /// `not_found` for a file that does not exist and for one the caller may not read;
    /// `range_not_satisfiable` for a range outside the file.
    pub async fn download_file(
        &self,
        actor: &Actor,
        id: FileId,
        range: ByteRange,
    ) -> Result<Download, AppError> {
        let meta = self
            .readable_file(actor, id)
            .await?
            .ok_or_else(|| AppError::NotFound("file not found".into()))?;
        let size = meta.size;
        let span = match range {
            ByteRange::All => None,
            ByteRange::From(first) if first < size => Some((first, size - 1)),
            ByteRange::Between(first, last) if first <= last && first < size => {
                Some((first, last.min(size - 1)))
            }
            ByteRange::Last(n) if n > 0 && size > 0 => Some((size - n.min(size), size - 1)),
            _ => return Err(AppError::RangeNotSatisfiable { size }),
        };
        let (start, end) = span.map_or((0, size), |(first, last)| (first, last + 1));
        Ok(Download {
            meta,
            range: span,
            files: self.ports.files.clone(),
            next: start,
            end,
        })
    }

    /// Checks an image or file message's attachment, records that `conversation`
    /// references the file, and returns the body to store: the file's id and name with
    /// its type, size and pixel size, so clients can lay it out before fetching it.
    pub(crate) async fn attach(
        &self,
        actor: &Actor,
        kind: MessageKind,
        conversation: ConversationId,
        attachment: &Attachment,
    ) -> Result<MessageBody, AppError> {
        let meta = self
            .readable_file(actor, attachment.file_id)
            .await?
            .ok_or_else(|| AppError::BadRequest("file_id: no such file of yours".into()))?;
        if kind == MessageKind::Image && !meta.is_image() {
            return Err(AppError::BadRequest(format!(
                "file_id: an image message needs an image, not {}",
                meta.content_type
            )));
        }
        self.ports
            .files
            .add_reference(meta.id, conversation)
            .await?;
        // The same cleaning as an upload's name: a message body is relayed to every
        // member and becomes their download's file name.
        let given = attachment
            .name
            .as_deref()
            .and_then(super::upload_file::clean_name);
        let stored = StoredAttachment {
            content_type: &meta.content_type,
            file_id: *meta.id.as_uuid(),
            height: meta.height,
            name: given.as_deref().or(meta.name.as_deref()),
            size: meta.size,
            width: meta.width,
        };
        let json = serde_json::to_string(&stored)
            .map_err(|e| AppError::Internal(format!("encoding an attachment: {e}")))?;
        Ok(MessageBody::parse(kind, &json)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attachment_is_stored_as_earlier_builds_stored_it() {
        let stored = StoredAttachment {
            content_type: "image/png",
            file_id: "72291683-a986-4451-b6c5-48ce614b6d61".parse().unwrap(),
            height: Some(2),
            name: Some("pixel 图.png"),
            size: 73,
            width: Some(3),
        };
        assert_eq!(
            serde_json::to_string(&stored).unwrap(),
            r#"{"content_type":"image/png","file_id":"72291683-a986-4451-b6c5-48ce614b6d61","height":2,"name":"pixel 图.png","size":73,"width":3}"#
        );
    }
}
