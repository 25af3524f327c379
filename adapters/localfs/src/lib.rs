//! [`FileStore`] on local disk, under one directory:
//!
//! ```text
//! <dir>/blobs/<ab>/<sha256>     the bytes, named by their SHA-256 (equal uploads share one)
//! <dir>/meta/<file id>.json     the description
//! <dir>/refs/<file id>/<conv>   an empty file per conversation that references it
//! <dir>/released/<file id>      an empty file while a released file waits to be settled
//! <dir>/tmp/                    uploads being written; emptied at start
//! ```
//!
//! Nothing is ever rewritten in place: descriptions are written once, and a reference is
//! a file of its own, so several server processes may share the directory (a network
//! mount) without losing each other's writes.
//!
//! Every file is written under a temporary name, synced, and renamed into place, so a
//! crash never leaves a half-written file under its real name. The blob goes in before
//! its description: a crash between them leaves only unreachable bytes. A deleted file
//! goes the other way round (bytes, description, references, release), so a crash
//! part-way leaves it released, and settling it again finishes.

mod private;
mod record;
mod release;
mod upload;
mod usage;

use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use chat_domain::entities::FileMeta;
use chat_domain::ids::{ConversationId, FileId, UserId};
use chat_domain::ports::{FileStore, FileUpload, NewFile, Released};
use chat_domain::values::Sha256Digest;
use chat_domain::RepoError;

/// The local-disk [`FileStore`].
pub struct LocalFiles {
    dir: Arc<PathBuf>,
    usage: Arc<usage::Usage>,
    /// Held while bytes are placed, a reference is added and a released file is
    /// settled: an upload never finds bytes a deletion is about to take away, and a
    /// reference added while a file is judged moves its mark first (or finds it gone).
    blobs: Arc<std::sync::Mutex<()>>,
}

fn io(what: &str, path: &Path, e: std::io::Error) -> RepoError {
    RepoError::Unavailable(format!("{what} {}: {e}", path.display()))
}

impl LocalFiles {
    /// Opens (creating) the store in `dir`, removing uploads a crash left half-written.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the directories cannot be created.
    pub fn open(dir: &Path) -> Result<Self, RepoError> {
        for sub in ["blobs", "meta", "refs", "released", "tmp"] {
            let p = dir.join(sub);
            private::create_dir_all(&p).map_err(|e| io("create", &p, e))?;
        }
        let tmp = dir.join("tmp");
        for entry in fs::read_dir(&tmp)
            .map_err(|e| io("list", &tmp, e))?
            .flatten()
        {
            let _ = fs::remove_file(entry.path());
        }
        Ok(Self {
            dir: Arc::new(dir.to_owned()),
            usage: Arc::new(usage::Usage::scan(dir)),
            blobs: Arc::default(),
        })
    }

    fn meta_path(dir: &Path, id: FileId) -> PathBuf {
        dir.join("meta").join(format!("{id}.json"))
    }

    fn blob_path(dir: &Path, sha256: &Sha256Digest) -> PathBuf {
        let hex = sha256.as_str();
        dir.join("blobs").join(&hex[..2]).join(hex)
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Path) -> Result<T, RepoError> + Send + 'static,
    ) -> Result<T, RepoError> {
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || f(&dir))
            .await
            .map_err(|e| RepoError::Unavailable(format!("file store task: {e}")))?
    }
}

/// Writes `bytes` to a fresh temporary file, syncs it, and renames it to `to`; with
/// `replace` false an existing `to` is kept (equal content) and the temporary removed.
fn write_atomically(dir: &Path, to: &Path, bytes: &[u8], replace: bool) -> Result<(), RepoError> {
    let tmp = dir
        .join("tmp")
        .join(uuid::Uuid::new_v4().simple().to_string());
    let mut f = private::create(&tmp).map_err(|e| io("create", &tmp, e))?;
    f.write_all(bytes).map_err(|e| io("write", &tmp, e))?;
    f.sync_all().map_err(|e| io("sync", &tmp, e))?;
    drop(f);
    place(dir, &tmp, to, replace)
}

/// Renames the synced temporary file `tmp` to `to` (creating its directory) and syncs
/// the directory; with `replace` false an existing `to` is kept (equal content) and the
/// temporary removed.
fn place(dir: &Path, tmp: &Path, to: &Path, replace: bool) -> Result<(), RepoError> {
    if !replace && to.exists() {
        let _ = fs::remove_file(tmp);
        return Ok(());
    }
    let parent = to.parent().unwrap_or(dir);
    private::create_dir_all(parent).map_err(|e| io("create", parent, e))?;
    fs::rename(tmp, to).map_err(|e| io("rename", to, e))?;
    // The rename itself must survive a power cut.
    File::open(parent)
        .and_then(|d| d.sync_all())
        .map_err(|e| io("sync", parent, e))
}

fn load(dir: &Path, id: FileId) -> Result<Option<FileMeta>, RepoError> {
    let path = LocalFiles::meta_path(dir, id);
    match fs::read(&path) {
        Ok(bytes) => record::decode(&bytes)
            .map(Some)
            .map_err(|e| RepoError::Corrupt(format!("{}: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io("read", &path, e)),
    }
}

fn store(dir: &Path, meta: &FileMeta, replace: bool) -> Result<(), RepoError> {
    let bytes = record::encode(meta);
    write_atomically(dir, &LocalFiles::meta_path(dir, meta.id), &bytes, replace)
}

fn missing(id: FileId) -> RepoError {
    RepoError::NotFound(format!("file {id}"))
}

#[async_trait]
impl FileStore for LocalFiles {
    async fn begin(&self) -> Result<Box<dyn FileUpload + '_>, RepoError> {
        Ok(Box::new(upload::LocalUpload::start(self)?))
    }

    async fn save(&self, file: NewFile) -> Result<FileMeta, RepoError> {
        let blobs = self.blobs.clone();
        self.blocking(move |dir| {
            let _placing = blobs.lock().unwrap_or_else(|e| e.into_inner());
            let meta = file.meta;
            if LocalFiles::meta_path(dir, meta.id).exists() {
                return Err(RepoError::Conflict(format!("file {} exists", meta.id)));
            }
            let blob = LocalFiles::blob_path(dir, &meta.sha256);
            write_atomically(dir, &blob, &file.bytes, false)?;
            store(dir, &meta, false)?;
            Ok(meta)
        })
        .await
        .inspect(|meta| self.usage.add(meta))
    }

    async fn usage(&self, user: UserId) -> Result<u64, RepoError> {
        Ok(self.usage.of(user))
    }

    async fn available_bytes(&self) -> Result<Option<u64>, RepoError> {
        self.blocking(|dir| {
            fs4::available_space(dir)
                .map(Some)
                .map_err(|e| io("measure free space of", dir, e))
        })
        .await
    }

    async fn meta(&self, id: FileId) -> Result<Option<FileMeta>, RepoError> {
        self.blocking(move |dir| load(dir, id)).await
    }

    async fn read(&self, id: FileId, start: u64, end: u64) -> Result<Vec<u8>, RepoError> {
        self.blocking(move |dir| {
            let meta = load(dir, id)?.ok_or_else(|| missing(id))?;
            let (start, end) = (start.min(meta.size), end.min(meta.size));
            let path = LocalFiles::blob_path(dir, &meta.sha256);
            let mut f = File::open(&path).map_err(|e| io("open", &path, e))?;
            f.seek(SeekFrom::Start(start))
                .map_err(|e| io("seek", &path, e))?;
            let mut out = vec![0; end.saturating_sub(start) as usize];
            f.read_exact(&mut out).map_err(|e| io("read", &path, e))?;
            Ok(out)
        })
        .await
    }

    async fn add_reference(
        &self,
        id: FileId,
        conversation: ConversationId,
    ) -> Result<(), RepoError> {
        let blobs = self.blobs.clone();
        self.blocking(move |dir| {
            let _settling = blobs.lock().unwrap_or_else(|e| e.into_inner());
            if load(dir, id)?.is_none() {
                return Err(missing(id));
            }
            release::bump(dir, id)?;
            let refs = dir.join("refs").join(id.to_string());
            let marker = refs.join(conversation.to_string());
            if marker.exists() {
                return Ok(());
            }
            write_atomically(dir, &marker, &[], false)
        })
        .await
    }

    async fn references(&self, id: FileId) -> Result<Vec<ConversationId>, RepoError> {
        self.blocking(move |dir| {
            let refs = dir.join("refs").join(id.to_string());
            let entries = match fs::read_dir(&refs) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                Err(e) => return Err(io("list", &refs, e)),
            };
            Ok(entries
                .flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect())
        })
        .await
    }

    async fn release(&self, id: FileId) -> Result<(), RepoError> {
        self.blocking(move |dir| release::note(dir, id)).await
    }

    async fn released(&self) -> Result<Vec<Released>, RepoError> {
        self.blocking(release::list).await
    }

    async fn settle(
        &self,
        released: Released,
        unreferenced: &[ConversationId],
        delete: bool,
    ) -> Result<bool, RepoError> {
        let (blobs, unreferenced) = (self.blobs.clone(), unreferenced.to_vec());
        let (settled, gone) = self
            .blocking(move |dir| {
                let _settling = blobs.lock().unwrap_or_else(|e| e.into_inner());
                release::settle(dir, released, &unreferenced, delete)
            })
            .await?;
        if let Some(meta) = gone {
            self.usage.remove(&meta);
        }
        Ok(settled)
    }
}
