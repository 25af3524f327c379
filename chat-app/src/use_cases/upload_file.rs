use chat_domain::entities::FileMeta;
use chat_domain::ids::FileId;
use chat_domain::ports::NewFile;

use crate::{Actor, AppError, ChatApp};

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
    /// `rate_limited` past the per-user upload limit; `bad_request` for an empty file;
    /// `unavailable` if it could not be stored.
    pub async fn upload_file(&self, actor: &Actor, cmd: UploadFile) -> Result<FileMeta, AppError> {
        self.rate_check(
            &format!("upload:{}", actor.id()),
            self.settings.upload_limit,
        )
        .await?;
        if cmd.bytes.is_empty() {
            return Err(AppError::BadRequest("the file is empty".into()));
        }
        let content_type = sniff(&cmd.bytes);
        let (width, height) = if content_type.starts_with("image/") {
            match imagesize::blob_size(&cmd.bytes) {
                Ok(size) => (Some(size.width as u32), Some(size.height as u32)),
                Err(_) => (None, None),
            }
        } else {
            (None, None)
        };
        let meta = FileMeta {
            id: FileId::new(),
            sha256: crate::digest::sha256(&cmd.bytes),
            size: cmd.bytes.len() as u64,
            content_type,
            name: cmd.name.as_deref().and_then(clean_name),
            width,
            height,
            uploaded_by: actor.id(),
            created_at: self.ports.clock.now(),
        };
        Ok(self
            .ports
            .files
            .save(NewFile {
                meta,
                bytes: cmd.bytes,
            })
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
