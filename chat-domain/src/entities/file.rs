use chrono::{DateTime, Utc};

use crate::ids::{FileId, UserId};
use crate::values::Sha256Digest;

/// An uploaded file's description. Its bytes are kept by the [`crate::ports::FileStore`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMeta {
    /// The file.
    pub id: FileId,
    /// SHA-256 of the bytes.
    pub sha256: Sha256Digest,
    /// Length in bytes.
    pub size: u64,
    /// The type found in the bytes (the uploader's claim only when the bytes say nothing).
    pub content_type: String,
    /// The name the uploader gave, if any.
    pub name: Option<String>,
    /// Pixel width, for images.
    pub width: Option<u32>,
    /// Pixel height, for images.
    pub height: Option<u32>,
    /// Who uploaded it (who may always read it).
    pub uploaded_by: UserId,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl FileMeta {
    /// Whether browsers may show it inline: images only.
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}
