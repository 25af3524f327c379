use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// An uploaded file, as the upload answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FileInfo {
    /// Its id, for image and file messages and downloads.
    pub file_id: Uuid,
    /// Its length in bytes.
    pub size: u64,
    /// The type found in its bytes (`text/plain; charset=utf-8` for UTF-8 text,
    /// `application/octet-stream` for anything unknown).
    pub content_type: String,
    /// SHA-256 of the bytes, 64 lowercase hex digits.
    pub sha256: String,
    /// The name given with `?name=`, cleaned.
    #[schema(required = true)]
    pub name: Option<String>,
    /// Pixel width, for images.
    #[schema(required = true)]
    pub width: Option<u32>,
    /// Pixel height, for images.
    #[schema(required = true)]
    pub height: Option<u32>,
}
