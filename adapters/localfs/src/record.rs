//! A file's description as `meta/<id>.json` holds it: this adapter's own format,
//! independent of the domain's types. It may carry `v`, its version; without one it is
//! version 1, the only version this build writes (without `v`, exactly as descriptions
//! written before this type).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::FileMeta;
use chat_domain::ids::{FileId, UserId};
use chat_domain::values::Sha256Digest;

#[derive(Serialize, Deserialize)]
pub(crate) struct Record {
    #[serde(default = "one", skip_serializing_if = "is_one")]
    v: u32,
    meta: MetaRecord,
}

#[derive(Serialize, Deserialize)]
struct MetaRecord {
    id: Uuid,
    sha256: String,
    size: u64,
    content_type: String,
    name: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    uploaded_by: Uuid,
    created_at: DateTime<Utc>,
}

fn one() -> u32 {
    1
}

fn is_one(v: &u32) -> bool {
    *v == 1
}

/// A description as its file's bytes.
pub(crate) fn encode(meta: &FileMeta) -> Vec<u8> {
    let record = Record {
        v: 1,
        meta: MetaRecord {
            id: *meta.id.as_uuid(),
            sha256: meta.sha256.as_str().to_owned(),
            size: meta.size,
            content_type: meta.content_type.clone(),
            name: meta.name.clone(),
            width: meta.width,
            height: meta.height,
            uploaded_by: *meta.uploaded_by.as_uuid(),
            created_at: meta.created_at,
        },
    };
    serde_json::to_vec(&record).unwrap_or_default()
}

/// A description from its file's bytes.
///
/// # Errors
/// What is wrong with them.
pub(crate) fn decode(bytes: &[u8]) -> Result<FileMeta, String> {
    let r: Record = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if r.v > 1 {
        return Err(format!(
            "a description of version {}: written by a newer build",
            r.v
        ));
    }
    let m = r.meta;
    Ok(FileMeta {
        id: FileId::from_uuid(m.id),
        sha256: Sha256Digest::parse(&m.sha256).map_err(|e| e.to_string())?,
        size: m.size,
        content_type: m.content_type,
        name: m.name,
        width: m.width,
        height: m.height,
        uploaded_by: UserId::from_uuid(m.uploaded_by),
        created_at: m.created_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Descriptions as the build before this type wrote them read back, and are written
    /// again byte for byte.
    #[test]
    fn descriptions_written_before_read_back_and_are_written_alike() {
        for golden in [
            include_str!("golden/meta-1.json"),
            include_str!("golden/meta-2.json"),
        ] {
            let meta = decode(golden.as_bytes()).unwrap();
            assert_eq!(String::from_utf8(encode(&meta)).unwrap(), golden);
        }
        let newer = include_str!("golden/meta-1.json").replacen('{', r#"{"v":2,"#, 1);
        assert!(decode(newer.as_bytes()).is_err());
    }
}
