//! Closed files older than N days are gzipped beside them and stay readable.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chat_adapter_txt::TxtConfig;
use chat_conformance::fixtures::text;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::Storage;
use chat_domain::values::{Limit, PageQuery};
use support::TempDir;

fn files(dir: &TempDir, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir.path().join("chat/group"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    v.sort();
    v
}

async fn bodies(store: &Storage, conv: ConversationId) -> Vec<String> {
    let page = store
        .messages
        .page(conv, PageQuery::latest(Limit::new(100).unwrap()))
        .await
        .unwrap();
    page.iter().map(|m| m.body.as_str().to_owned()).collect()
}

#[tokio::test]
async fn old_closed_files_are_archived_and_history_still_reads_them() {
    let dir = TempDir::new("archive");
    let conv = ConversationId::new();
    let sender = UserId::new();
    let mut expected = Vec::new();
    {
        let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
        // Three days of messages, long ago: two closed day files and the current one.
        for day in 0..3 {
            for i in 0..10 {
                let mut m = text(
                    conv,
                    sender,
                    &format!("d{day}-{i}"),
                    &format!("day {day} message {i} 📦"),
                );
                m.created_at += chrono::Duration::days(day);
                store.messages.append(m).await.unwrap();
                expected.push(format!("day {day} message {i} 📦"));
            }
        }
    }
    let originals = files(&dir, ".txt");
    assert_eq!(originals.len(), 3);
    let first_day = std::fs::read(&originals[0]).unwrap();

    // Opening starts the archiver: the two closed files are compressed, the last is not.
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while files(&dir, ".txt").len() > 1 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(files(&dir, ".txt.gz").len(), 2, "two archives");
    assert_eq!(
        files(&dir, ".txt"),
        originals[2..],
        "only the current file stays plain"
    );
    assert_eq!(bodies(&store, conv).await, expected);
    drop(store);

    // Reopened: the archives are read back through their sidecars, then without them.
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    assert_eq!(bodies(&store, conv).await, expected);
    drop(store);
    for idx in files(&dir, ".gz.idx") {
        std::fs::remove_file(idx).unwrap();
    }
    // A crash between writing an archive and removing its original leaves both.
    std::fs::write(&originals[0], &first_day).unwrap();
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    assert!(
        !originals[0].exists(),
        "the archived original is dropped at startup"
    );
    assert_eq!(bodies(&store, conv).await, expected);
    assert_eq!(store.messages.last_seq(conv).await.unwrap(), 30);
}
