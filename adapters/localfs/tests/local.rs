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

/// Every file under `dir` whose bytes hold `needle`.
fn holding(dir: &std::path::Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            found.extend(holding(&p, needle));
        } else if std::fs::read(&p)
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle)
        {
            found.push(p);
        }
    }
    found
}

#[tokio::test]
async fn a_released_file_is_deleted_whole_unless_its_bytes_are_shared_and_a_release_survives_a_restart(
) {
    let dir = temp();
    let store = LocalFiles::open(&dir.0).unwrap();
    let (a, b, c) = (
        new_file(b"shared bytes"),
        new_file(b"shared bytes"),
        new_file(b"own bytes"),
    );
    let (ida, idb, idc, ana) = (a.meta.id, b.meta.id, c.meta.id, a.meta.uploaded_by);
    for f in [a, b, c] {
        store.save(f).await.unwrap();
    }
    let conv = ConversationId::new();
    store.add_reference(ida, conv).await.unwrap();
    store.add_reference(idc, conv).await.unwrap();
    for id in [ida, idc] {
        store.release(id).await.unwrap();
        store.release(id).await.unwrap();
    }
    drop(store);

    let store = LocalFiles::open(&dir.0).unwrap();
    let due = store.released().await.unwrap();
    let mut ids: Vec<FileId> = due.iter().map(|r| r.id).collect();
    ids.sort();
    let mut expected = vec![ida, idc];
    expected.sort();
    assert_eq!(ids, expected, "releases are durable");
    let listed = |id: FileId| *due.iter().find(|r| r.id == id).unwrap();
    // A message references c again after the listing: its settlement waits.
    store
        .add_reference(idc, ConversationId::new())
        .await
        .unwrap();
    assert!(!store.settle(listed(idc), &[conv], false).await.unwrap());
    assert_eq!(
        store.references(idc).await.unwrap().len(),
        2,
        "nothing dropped"
    );
    let again = store.released().await.unwrap();
    let relisted = *again.iter().find(|r| r.id == idc).unwrap();
    assert!(store.settle(relisted, &[conv], false).await.unwrap());
    assert_eq!(
        store.references(idc).await.unwrap().len(),
        1,
        "conv stops referencing it"
    );
    assert!(store.settle(listed(ida), &[], true).await.unwrap());
    assert!(store.released().await.unwrap().is_empty());
    assert_eq!(store.meta(ida).await.unwrap(), None);
    assert!(store.references(ida).await.unwrap().is_empty());
    assert_eq!(
        store.read(idb, 0, 100).await.unwrap(),
        b"shared bytes",
        "bytes another file names stay"
    );
    assert_eq!(store.usage(ana).await.unwrap(), 0);
    assert_eq!(store.read(idc, 0, 100).await.unwrap(), b"own bytes");
    assert!(holding(&dir.0, ida.to_string().as_bytes()).is_empty());

    store.release(idb).await.unwrap();
    let b = store.released().await.unwrap()[0];
    assert!(store.settle(b, &[], true).await.unwrap());
    assert!(
        holding(&dir.0, b"shared bytes").is_empty(),
        "the last file naming them takes the bytes"
    );
    assert!(
        store.settle(b, &[], true).await.unwrap(),
        "gone already: nothing to do"
    );
}

/// A crash between removing a file's description and its bytes: the release marker
/// names the bytes, and settling again takes them.
#[tokio::test]
async fn a_deletion_cut_short_is_finished_by_the_next_settlement() {
    let dir = temp();
    let store = LocalFiles::open(&dir.0).unwrap();
    let f = new_file(b"half deleted");
    let (id, sha) = (f.meta.id, f.meta.sha256.as_str().to_owned());
    store.save(f).await.unwrap();
    store.release(id).await.unwrap();
    let r = store.released().await.unwrap()[0];
    // As the deletion leaves it just after the description went.
    let marker = dir.0.join("released").join(id.to_string());
    std::fs::write(&marker, format!("{}\n{sha}\n", r.mark)).unwrap();
    std::fs::remove_file(dir.0.join("meta").join(format!("{id}.json"))).unwrap();
    drop(store);
    let store = LocalFiles::open(&dir.0).unwrap();
    let r = store.released().await.unwrap()[0];
    assert!(store.settle(r, &[], false).await.unwrap());
    assert!(holding(&dir.0, b"half deleted").is_empty());
    assert!(store.released().await.unwrap().is_empty());
}
