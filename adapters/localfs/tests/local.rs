//! The local-disk file store: what a restart finds, shared blobs, crash leftovers.

use chat_domain::values::Sha256Digest;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

use chat_adapter_localfs::LocalFiles;
use chat_domain::entities::FileMeta;
use chat_domain::ids::{ConversationId, FileId, UserId};
use chat_domain::ports::{FileStore, NewFile};

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp() -> TempDir {
    TempDir(std::env::temp_dir().join(format!("chat-localfs-{}", uuid::Uuid::new_v4().simple())))
}

fn new_file(bytes: &[u8]) -> NewFile {
    NewFile {
        meta: FileMeta {
            id: FileId::new(),
            sha256: Sha256Digest::from_bytes(Sha256::digest(bytes).into()),
            size: bytes.len() as u64,
            content_type: "application/octet-stream".into(),
            name: Some("x.bin".into()),
            width: None,
            height: None,
            uploaded_by: UserId::new(),
            created_at: chrono::Utc::now(),
        },
        bytes: bytes.to_vec(),
    }
}

fn count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| {
        d.flatten()
            .map(|e| {
                if e.path().is_dir() {
                    count(&e.path())
                } else {
                    1
                }
            })
            .sum()
    })
}

#[tokio::test]
async fn files_and_references_survive_a_restart_and_equal_bytes_share_a_blob() {
    let dir = temp();
    let store = LocalFiles::open(&dir.0).unwrap();
    let a = store.save(new_file(b"same bytes")).await.unwrap();
    let b = store.save(new_file(b"same bytes")).await.unwrap();
    assert_ne!(a.id, b.id);
    assert_eq!(a.sha256, b.sha256);
    assert_eq!(count(&dir.0.join("blobs")), 1, "one blob for equal bytes");
    let c = ConversationId::new();
    store.add_reference(a.id, c).await.unwrap();
    store.add_reference(a.id, c).await.unwrap();
    drop(store);

    let store = LocalFiles::open(&dir.0).unwrap();
    assert_eq!(store.meta(a.id).await.unwrap(), Some(a.clone()));
    assert_eq!(store.references(a.id).await.unwrap(), vec![c]);
    assert_eq!(store.read(a.id, 5, 100).await.unwrap(), b"bytes");
    assert_eq!(store.read(b.id, 0, 4).await.unwrap(), b"same");
    assert!(
        store
            .save(NewFile {
                meta: a.clone(),
                bytes: vec![1]
            })
            .await
            .is_err(),
        "an id is used once"
    );
    assert!(store.meta(FileId::new()).await.unwrap().is_none());
}

#[tokio::test]
async fn a_crash_leftover_is_cleared_and_never_visible() {
    let dir = temp();
    drop(LocalFiles::open(&dir.0).unwrap());
    // What a crash mid-write leaves: a temporary file, never a file under its real name.
    std::fs::write(dir.0.join("tmp").join("half"), vec![0u8; 1000]).unwrap();
    let store = LocalFiles::open(&dir.0).unwrap();
    assert_eq!(count(&dir.0.join("tmp")), 0);
    let saved = store.save(new_file(b"whole")).await.unwrap();
    assert_eq!(store.read(saved.id, 0, 1000).await.unwrap(), b"whole");
}

#[tokio::test]
async fn a_streamed_upload_is_stored_whole_and_a_dropped_one_leaves_nothing() {
    let dir = temp();
    let store = LocalFiles::open(&dir.0).unwrap();
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let NewFile { meta, .. } = new_file(&bytes);
    let mut upload = store.begin().await.unwrap();
    for chunk in bytes.chunks(65_536) {
        upload.write(chunk).await.unwrap();
    }
    assert_eq!(count(&dir.0.join("tmp")), 1, "written to a temporary file");
    assert_eq!(
        count(&dir.0.join("blobs")),
        0,
        "nothing visible before finish"
    );
    let stored = upload.finish(meta.clone()).await.unwrap();
    assert_eq!(stored, meta);
    assert_eq!(store.read(meta.id, 0, u64::MAX).await.unwrap(), bytes);
    assert_eq!(count(&dir.0.join("tmp")), 0);

    let mut dropped = store.begin().await.unwrap();
    dropped.write(b"half of something").await.unwrap();
    drop(dropped);
    assert_eq!(
        count(&dir.0.join("tmp")),
        0,
        "a dropped upload leaves no file"
    );
    assert_eq!(count(&dir.0.join("blobs")), 1);
}

#[tokio::test]
async fn usage_per_uploader_is_counted_again_after_a_restart() {
    let dir = temp();
    let store = LocalFiles::open(&dir.0).unwrap();
    let (a, b, c) = (new_file(b"12345"), new_file(b"12345"), new_file(b"xyz"));
    let (ana, ben) = (a.meta.uploaded_by, c.meta.uploaded_by);
    let b = NewFile {
        meta: FileMeta {
            uploaded_by: ana,
            ..b.meta
        },
        ..b
    };
    for f in [a, b, c] {
        store.save(f).await.unwrap();
    }
    assert_eq!(
        store.usage(ana).await.unwrap(),
        10,
        "equal files count for each upload"
    );
    drop(store);
    let store = LocalFiles::open(&dir.0).unwrap();
    assert_eq!(store.usage(ana).await.unwrap(), 10);
    assert_eq!(store.usage(ben).await.unwrap(), 3);
    assert_eq!(store.usage(UserId::new()).await.unwrap(), 0);
    assert!(store
        .available_bytes()
        .await
        .unwrap()
        .is_some_and(|free| free > 0));
}
