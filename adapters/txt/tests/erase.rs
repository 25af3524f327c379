//! An erasure pass takes a tombstone's text out of its day file, its archive and
//! `changes.txt`, keeps every other message and every offset, and finds nothing left to
//! do the next time.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chat_adapter_txt::TxtConfig;
use chat_conformance::fixtures::text;
use chat_domain::entities::{MessageChange, Removal};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::Storage;
use chat_domain::values::{Limit, MessageBody, PageQuery, Seq};
use support::TempDir;

/// Every file under `dir` (archives decompressed) holding `needle`.
fn holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            found.extend(holding(&path, needle));
            continue;
        }
        let mut bytes = std::fs::read(&path).unwrap();
        if path.extension().is_some_and(|x| x == "gz") {
            let mut plain = Vec::new();
            use std::io::Read;
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut plain)
                .unwrap();
            bytes = plain;
        }
        if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            found.push(path);
        }
    }
    found
}

fn sizes(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut v: Vec<_> = std::fs::read_dir(dir.join("chat/group"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let len = std::fs::metadata(&p).unwrap().len();
            (p, len)
        })
        .collect();
    v.sort();
    v
}

async fn history(store: &Storage, conv: ConversationId) -> Vec<(u64, bool, String)> {
    let page = store
        .messages
        .page(conv, PageQuery::latest(Limit::new(100).unwrap()))
        .await
        .unwrap();
    page.iter()
        .map(|m| (m.seq.get(), m.deleted, m.body.as_str().to_owned()))
        .collect()
}

#[tokio::test]
async fn a_pass_erases_day_files_archives_and_changes_and_nothing_else() {
    let dir = TempDir::new("erase");
    let (conv, sender) = (ConversationId::new(), UserId::new());
    {
        let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
        // Three days long ago: two closed files the archiver compresses, and the last.
        for day in 0..3 {
            for i in 0..10 {
                let mut m = text(
                    conv,
                    sender,
                    &format!("d{day}-{i}"),
                    &format!("<d{day}-{i}> 秘密"),
                );
                m.created_at += chrono::Duration::days(day);
                m.mentions = vec![UserId::new()];
                store.messages.append(m).await.unwrap();
            }
        }
    }
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while sizes(dir.path()).len() > 1 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(sizes(dir.path()).len(), 1, "two days archived");
    let before = sizes(dir.path());

    let at = |seq| Seq::new(seq).unwrap();
    let m = &store.messages;
    m.change(conv, at(4), &MessageChange::Recall).await.unwrap(); // archived
    let removal = MessageChange::Remove(Removal {
        by: UserId::new(),
        at: chrono::Utc::now(),
    });
    m.change(conv, at(15), &removal).await.unwrap(); // archived
    let edit = MessageChange::Edit {
        body: MessageBody::from_stored("<edited> 秘密".into()),
        at: chrono::Utc::now(),
    };
    m.change(conv, at(27), &edit).await.unwrap(); // the open file
    m.change(conv, at(27), &MessageChange::Recall)
        .await
        .unwrap();
    m.change(conv, at(30), &MessageChange::Recall)
        .await
        .unwrap(); // the last message
    let gone = ["<d0-3>", "<d1-4>", "<d2-6>", "<edited>", "<d2-9>"];
    for g in gone {
        assert!(!holding(dir.path(), g).is_empty(), "{g} is on disk before");
    }

    let erased = m.erase_tombstones().await.unwrap();
    assert_eq!(erased.messages, 4);
    assert!(erased.bytes_rewritten > 0);
    for g in gone {
        assert_eq!(holding(dir.path(), g), Vec::<PathBuf>::new(), "{g}");
    }
    assert_eq!(holding(dir.path(), "<d2-7>").len(), 1, "the rest stays");
    assert_eq!(sizes(dir.path()), before, "every offset stays where it was");

    let read = history(&store, conv).await;
    let tombstones: Vec<u64> = read.iter().filter(|r| r.1).map(|r| r.0).collect();
    assert_eq!(tombstones, [4, 15, 27, 30]);
    assert_eq!(
        read.iter().map(|r| r.0).collect::<Vec<_>>(),
        (1..=30).collect::<Vec<_>>()
    );
    assert_eq!(read[6].2, "<d0-6> 秘密");
    let latest = m.latest(&[conv]).await.unwrap();
    assert!(latest[0].deleted && latest[0].body.as_str().is_empty());
    assert_eq!(
        m.erase_tombstones().await.unwrap().messages,
        0,
        "nothing left"
    );
    drop(store);

    // After a restart every tombstone is due again: the pass finds each erased already.
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    assert_eq!(history(&store, conv).await, read);
    assert_eq!(store.messages.erase_tombstones().await.unwrap().messages, 0);
    let mut appended = text(conv, sender, "after", "<after> 秘密");
    appended.created_at += chrono::Duration::days(2);
    let seq = store.messages.append(appended).await.unwrap().message.seq;
    assert_eq!(seq.get(), 31, "appends go on after the swapped file");
    for g in gone {
        assert_eq!(holding(dir.path(), g), Vec::<PathBuf>::new(), "{g}");
    }
}

#[tokio::test]
async fn a_pass_erases_the_last_message_a_clean_shutdown_saved_in_an_index() {
    let dir = TempDir::new("erase-sidecar");
    let (conv, sender) = (ConversationId::new(), UserId::new());
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    for i in 0..3 {
        let m = text(conv, sender, &format!("c{i}"), &format!("<saved-{i}> 秘密"));
        store.messages.append(m).await.unwrap();
    }
    store.close().await; // saves the file's index, with its last message
    drop(store);
    assert!(!holding(dir.path(), "<saved-2>").is_empty());

    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    let m = text(conv, sender, "c3", "<after> 秘密");
    store.messages.append(m).await.unwrap();
    let at = Seq::new(3).unwrap();
    store
        .messages
        .change(conv, at, &MessageChange::Recall)
        .await
        .unwrap();
    store.messages.erase_tombstones().await.unwrap();
    assert_eq!(holding(dir.path(), "<saved-2>"), Vec::<PathBuf>::new());
    store.close().await;
    drop(store);
    assert_eq!(holding(dir.path(), "<saved-2>"), Vec::<PathBuf>::new());
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    assert_eq!(history(&store, conv).await.len(), 4);
}

/// A tombstone recorded for one message is never applied to another message that got
/// its seq after damage: the pass leaves that message's line alone.
#[tokio::test]
async fn a_pass_never_erases_another_message_at_a_tombstones_seq() {
    let (lost, kept) = (TempDir::new("erase-lost"), TempDir::new("erase-kept"));
    let (conv, sender) = (ConversationId::new(), UserId::new());
    for (dir, tag) in [(&lost, "lost"), (&kept, "kept")] {
        let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
        for i in 0..2 {
            let m = text(conv, sender, &format!("c{i}"), &format!("<{tag}-{i}> 秘密"));
            store.messages.append(m).await.unwrap();
        }
        if tag == "lost" {
            let at = Seq::new(2).unwrap();
            store
                .messages
                .change(conv, at, &MessageChange::Recall)
                .await
                .unwrap();
        }
        store.close().await;
    }
    // `kept` finds a tombstone for seq 2 of a message that is not its seq 2.
    let changes = std::fs::read(lost.path().join("chat/changes.txt")).unwrap();
    std::fs::write(kept.path().join("chat/changes.txt"), changes).unwrap();
    let store = chat_adapter_txt::open(kept.path(), TxtConfig::default()).unwrap();
    store.messages.erase_tombstones().await.unwrap();
    let read = history(&store, conv).await;
    assert_eq!(read[1], (2, false, "<kept-1> 秘密".to_owned()));
    let day_file = |p: &PathBuf| p.extension().is_some_and(|x| x == "txt");
    assert!(holding(kept.path(), "<kept-1>").iter().any(day_file));
}
