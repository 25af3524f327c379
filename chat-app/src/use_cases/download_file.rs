use chat_domain::entities::{FileMeta, MessageKind};
use chat_domain::ids::{ConversationId, FileId};
use serde::Deserialize;

use crate::{Actor, AppError, ChatApp};

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

/// A file's bytes, or the part asked for.
#[derive(Clone, Debug)]
pub struct Download {
    /// The file.
    pub meta: FileMeta,
    /// The bytes sent.
    pub bytes: Vec<u8>,
    /// `Some((first, last))` (inclusive) when a range was asked for.
    pub range: Option<(u64, u64)>,
}

/// The body clients send for an image or file message.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentRequest {
    file_id: FileId,
    #[serde(default)]
    name: Option<String>,
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
        let bytes = self.ports.files.read(id, start, end).await?;
        Ok(Download {
            meta,
            bytes,
            range: span,
        })
    }

    /// Checks an image or file message's body, records that `conversation` references the
    /// file, and returns the body to store: the file's id and name with its type, size
    /// and pixel size, so clients can lay it out before fetching it.
    pub(crate) async fn attach(
        &self,
        actor: &Actor,
        kind: MessageKind,
        conversation: ConversationId,
        raw: &str,
    ) -> Result<String, AppError> {
        let request: AttachmentRequest = serde_json::from_str(raw).map_err(|e| {
            AppError::BadRequest(format!(
                "an {} body is {{\"file_id\", \"name\"?}}: {e}",
                kind.as_str()
            ))
        })?;
        let meta = self
            .readable_file(actor, request.file_id)
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
        let name = request.name.or(meta.name);
        Ok(serde_json::json!({
            "file_id": meta.id,
            "name": name,
            "content_type": meta.content_type,
            "size": meta.size,
            "width": meta.width,
            "height": meta.height,
        })
        .to_string())
    }
}
