//! An upload written straight to a temporary file under `tmp/`, chunk by chunk, then
//! synced and renamed into place as its blob: a large file never sits in memory, and a
//! crash (or a dropped upload) leaves only a temporary file, removed at the next start.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;

use async_trait::async_trait;

use chat_domain::entities::FileMeta;
use chat_domain::ports::FileUpload;
use chat_domain::RepoError;

use crate::{io, place, private, store, LocalFiles};

pub(crate) struct LocalUpload<'a> {
    files: &'a LocalFiles,
    tmp: PathBuf,
    /// `None` only while a write is in flight on the blocking pool.
    file: Option<File>,
}

impl<'a> LocalUpload<'a> {
    pub(crate) fn start(files: &'a LocalFiles) -> Result<Self, RepoError> {
        let tmp = files
            .dir
            .join("tmp")
            .join(uuid::Uuid::new_v4().simple().to_string());
        let file = private::create(&tmp).map_err(|e| io("create", &tmp, e))?;
        Ok(Self {
            files,
            tmp,
            file: Some(file),
        })
    }
}

#[async_trait]
impl FileUpload for LocalUpload<'_> {
    async fn write(&mut self, chunk: &[u8]) -> Result<(), RepoError> {
        let mut file = self.file.take().ok_or_else(|| {
            RepoError::Unavailable("an earlier write of this upload failed".into())
        })?;
        let (chunk, tmp) = (chunk.to_vec(), self.tmp.clone());
        let file = tokio::task::spawn_blocking(move || {
            file.write_all(&chunk).map_err(|e| io("write", &tmp, e))?;
            Ok::<_, RepoError>(file)
        })
        .await
        .map_err(|e| RepoError::Unavailable(format!("file store task: {e}")))??;
        self.file = Some(file);
        Ok(())
    }

    async fn finish(mut self: Box<Self>, meta: FileMeta) -> Result<FileMeta, RepoError> {
        let file = self.file.take().ok_or_else(|| {
            RepoError::Unavailable("an earlier write of this upload failed".into())
        })?;
        let (tmp, blobs) = (self.tmp.clone(), self.files.blobs.clone());
        self.files
            .blocking(move |dir| {
                file.sync_all().map_err(|e| io("sync", &tmp, e))?;
                let _placing = blobs.lock().unwrap_or_else(|e| e.into_inner());
                drop(file);
                if LocalFiles::meta_path(dir, meta.id).exists() {
                    return Err(RepoError::Conflict(format!("file {} exists", meta.id)));
                }
                place(dir, &tmp, &LocalFiles::blob_path(dir, &meta.sha256), false)?;
                store(dir, &meta, false)?;
                Ok(meta)
            })
            .await
            .inspect(|meta| self.files.usage.add(meta))
    }
}

impl Drop for LocalUpload<'_> {
    fn drop(&mut self) {
        // Placed, the temporary is gone already; otherwise nothing of it may stay.
        let _ = std::fs::remove_file(&self.tmp);
    }
}
