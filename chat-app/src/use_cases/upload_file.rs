use async_trait::async_trait;
use sha2::{Digest, Sha256};

use chat_domain::entities::FileMeta;
use chat_domain::ids::FileId;
use chat_domain::values::Sha256Digest;

use crate::{Actor, AppError, ChatApp};

/// Where an upload's bytes come from, in order: the edge reads them off the request
/// body as they arrive, so a large upload is never held in memory whole.
#[async_trait]
pub trait UploadSource: Send {
    /// The next chunk, or `None` at the end.
    ///
    /// # Errors
    /// Whatever the source maps its failure to (a body that stopped arriving, say).
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError>;
}

/// Bytes already in memory, as one chunk.
struct Whole(Option<Vec<u8>>);

#[async_trait]
impl UploadSource for Whole {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        Ok(self.0.take())
    }
}

/// How much of the start of an upload is kept to tell its type and an image's size.
const HEAD: usize = 256 * 1024;

/// What an upload's bytes show, learnt as they stream past: the start (for the type and
/// an image's size), the digest, the size, and whether the whole is UTF-8.
#[derive(Default)]
struct Seen {
    head: Vec<u8>,
    sha: Sha256,
    size: u64,
    not_utf8: bool,
    /// The bytes of a character split between two chunks.
    carry: Vec<u8>,
}

impl Seen {
    fn feed(&mut self, chunk: &[u8]) {
        let room = HEAD.saturating_sub(self.head.len());
        self.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
        self.sha.update(chunk);
        self.size += chunk.len() as u64;
        if self.not_utf8 {
            return;
        }
        // Copied only when a character was split at the last chunk's end.
        let bytes: std::borrow::Cow<[u8]> = if self.carry.is_empty() {
            chunk.into()
        } else {
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(chunk);
            joined.into()
        };
        match std::str::from_utf8(&bytes) {
            Ok(_) => {}
            // Cut inside a character: the rest of it comes with the next chunk.
            Err(e) if e.error_len().is_none() => self.carry = bytes[e.valid_up_to()..].to_vec(),
            Err(_) => self.not_utf8 = true,
        }
    }

    fn content_type(&self) -> String {
        match infer::get(&self.head) {
            Some(kind) => kind.mime_type().to_owned(),
            None if !self.not_utf8 && self.carry.is_empty() => {
                "text/plain; charset=utf-8".to_owned()
            }
            None => "application/octet-stream".to_owned(),
        }
    }

    fn digest(self) -> Sha256Digest {
        Sha256Digest::from_bytes(self.sha.finalize().into())
    }
}

/// Input of [`ChatApp::upload_file`].
#[derive(Clone, Debug)]
pub struct UploadFile {
    /// The bytes (the edge has already refused bodies over its size limit).
    pub bytes: Vec<u8>,
    /// The name the client gave, if any.
    pub name: Option<String>,
}

/// Longest file name kept, in characters.
const MAX_NAME: usize = 255;

/// The type the bytes themselves show: a known signature, else UTF-8 text, else opaque
/// bytes. What the client claims is never used, so a program called photo.png is not
/// served as an image.
pub fn sniff(bytes: &[u8]) -> String {
    match infer::get(bytes) {
        Some(kind) => kind.mime_type().to_owned(),
        None if std::str::from_utf8(bytes).is_ok() => "text/plain; charset=utf-8".to_owned(),
        None => "application/octet-stream".to_owned(),
    }
}

/// A name safe to echo in a header: no path, no control characters, bounded.
pub(crate) fn clean_name(raw: &str) -> Option<String> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let name: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(MAX_NAME)
        .collect();
    let name = name.trim();
    (!name.is_empty() && name != "." && name != "..").then(|| name.to_owned())
}

impl ChatApp {
    /// Stores an upload: its type is read from the bytes, images get their size in pixels.
    /// Only the uploader can read it until a message references it.
    ///
    /// # Errors
    /// `rate_limited` past the per-user upload limit; `too_large` past the uploader's
    /// quota; `insufficient_storage` while the disk is below the floor kept for messages;
    /// `bad_request` for an empty file; `unavailable` if it could not be stored.
    pub async fn upload_file(&self, actor: &Actor, cmd: UploadFile) -> Result<FileMeta, AppError> {
        let mut whole = Whole(Some(cmd.bytes));
        self.upload_file_from(actor, cmd.name, &mut whole).await
    }

    /// [`ChatApp::upload_file`] for bytes that arrive in chunks: each goes to the store
    /// as it comes, so memory holds a chunk and the file's first 256 KiB, not the file.
    /// An upload that fails part-way leaves nothing stored.
    ///
    /// # Errors
    /// As [`ChatApp::upload_file`], and the source's own.
    pub async fn upload_file_from(
        &self,
        actor: &Actor,
        name: Option<String>,
        source: &mut dyn UploadSource,
    ) -> Result<FileMeta, AppError> {
        self.rate_check(
            &format!("upload:{}", actor.id()),
            self.settings.upload_limit,
        )
        .await?;
        self.ensure_disk_room().await?;
        let quota = self.settings.upload_quota_bytes;
        let used = self.ports.files.usage(actor.id()).await?;
        let over = || {
            AppError::TooLarge(format!(
                "your uploads would pass your quota of {} MiB",
                quota >> 20
            ))
        };
        if used >= quota {
            return Err(over());
        }
        let mut upload = self.ports.files.begin().await?;
        let mut seen = Seen::default();
        while let Some(chunk) = source.next_chunk().await? {
            seen.feed(&chunk);
            if used + seen.size > quota {
                return Err(over()); // the upload is dropped: nothing of it stays
            }
            upload.write(&chunk).await?;
        }
        if seen.size == 0 {
            return Err(AppError::BadRequest("the file is empty".into()));
        }
        // Its bytes are on the disk now: refuse it too if they took the floor.
        self.ensure_disk_room().await?;
        let content_type = seen.content_type();
        let (width, height) = if content_type.starts_with("image/") {
            match imagesize::blob_size(&seen.head) {
                Ok(size) => (Some(size.width as u32), Some(size.height as u32)),
                Err(_) => (None, None),
            }
        } else {
            (None, None)
        };
        let size = seen.size;
        let meta = FileMeta {
            id: FileId::new(),
            sha256: seen.digest(),
            size,
            content_type,
            name: name.as_deref().and_then(clean_name),
            width,
            height,
            uploaded_by: actor.id(),
            created_at: self.ports.clock.now(),
        };
        Ok(upload.finish(meta).await?)
    }

    /// `insufficient_storage` when the file store's disk has less free space than the
    /// floor kept for messages.
    async fn ensure_disk_room(&self) -> Result<(), AppError> {
        let floor = self.settings.min_free_disk_bytes;
        match self.ports.files.available_bytes().await? {
            Some(free) if free < floor => Err(AppError::InsufficientStorage(format!(
                "uploads are paused: the server keeps its last {} MiB of disk for messages",
                floor >> 20
            ))),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen_in_chunks(bytes: &[u8], size: usize) -> Seen {
        let mut seen = Seen::default();
        for chunk in bytes.chunks(size) {
            seen.feed(chunk);
        }
        seen
    }

    #[test]
    fn chunks_show_what_the_whole_shows() {
        let text = "早上好 ☀️ ".repeat(40_000).into_bytes(); // past the kept head
        for size in [1, 2, 7, 4096] {
            let seen = seen_in_chunks(&text, size);
            assert_eq!(seen.content_type(), sniff(&text), "chunks of {size}");
            assert_eq!(seen.size, text.len() as u64);
            assert_eq!(seen.digest(), crate::digest::sha256(&text));
        }
        let mut late_binary = text.clone();
        late_binary.push(0xff); // invalid far past the head
        assert_eq!(
            seen_in_chunks(&late_binary, 4096).content_type(),
            "application/octet-stream"
        );
        let cut = &text[..text.len() - 2]; // ends inside a character
        assert_eq!(seen_in_chunks(cut, 4096).content_type(), sniff(cut));
    }

    #[test]
    fn sniffs_the_bytes_not_the_claim() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x02\0\0\0\x03\x08\x02\0\0\0";
        assert_eq!(sniff(png), "image/png");
        assert_eq!(
            sniff(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"),
            "application/vnd.microsoft.portable-executable"
        );
        assert_eq!(sniff("你好".as_bytes()), "text/plain; charset=utf-8");
        assert_eq!(sniff(&[0xff, 0xfe, 0x00, 0x81]), "application/octet-stream");
    }

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(clean_name("../../etc/passwd"), Some("passwd".into()));
        assert_eq!(clean_name("C:\\x\\照片.jpg"), Some("照片.jpg".into()));
        assert_eq!(clean_name("a\r\nb\".png"), Some("ab.png".into()));
        assert_eq!(clean_name(" .. "), None);
    }
}
