//! Damage on disk is detected: a torn tail is cut off, a flipped byte mid-file makes its
//! range refused (never served as garbage), and the rest stays readable and writable.

mod support;

use std::path::PathBuf;

use chat_adapter_txt::{FsyncMode, TxtConfig};
use chat_conformance::fixtures::text;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{Limit, PageQuery, Seq};
use chat_domain::RepoError;
use support::TempDir;

async fn write(dir: &TempDir, conv: ConversationId, n: u64, flush: bool) -> PathBuf {
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    let sender = UserId::new();
    for i in 1..=n {
        store
            .messages
            .append(text(
                conv,
                sender,
                &format!("c{i}"),
                &format!("message {i}"),
            ))
            .await
            .unwrap();
    }
    if flush {
        store.close().await;
    }
    group_file(dir)
}

/// The (first) message file of the group written to `dir`.
fn group_file(dir: &TempDir) -> PathBuf {
    std::fs::read_dir(dir.path().join("chat/group"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap()
}

/// Without fsync there is no journal to restore a lost line from: what damage takes is gone.
fn unsynced() -> TxtConfig {
    TxtConfig {
        fsync: FsyncMode::Never,
        ..TxtConfig::default()
    }
}

fn page(from: u64, n: u64) -> PageQuery {
    // Seqs from+1 ..= from+n.
    PageQuery {
        before: Seq::new(from + n + 1).ok(),
        after: Seq::new(from).ok(),
        limit: Limit::new(n).unwrap(),
    }
}

/// Flips one byte inside the body of line `line` (1-based).
fn flip(file: &PathBuf, line: usize) {
    let mut bytes = std::fs::read(file).unwrap();
    let start: usize = bytes
        .split(|b| *b == b'\n')
        .take(line - 1)
        .map(|l| l.len() + 1)
        .sum();
    bytes[start + 40] ^= 0x20;
    std::fs::write(file, bytes).unwrap();
}

#[tokio::test]
async fn a_torn_unacked_write_is_truncated_and_the_store_carries_on() {
    let dir = TempDir::new("torn");
    let conv = ConversationId::new();
    let file = write(&dir, conv, 10, true).await;
    // A write cut short by a crash: half a record, never acked, so not in the journal.
    let mut bytes = std::fs::read(&file).unwrap();
    let whole = bytes.len();
    bytes.extend_from_slice(br#"0badf00d {"id":"half a rec"#);
    std::fs::write(&file, bytes).unwrap();

    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    assert_eq!(
        std::fs::metadata(&file).unwrap().len() as usize,
        whole,
        "the torn bytes are gone"
    );
    assert_eq!(store.messages.last_seq(conv).await.unwrap(), 10);
    let next = store
        .messages
        .append(text(conv, UserId::new(), "after", "after the tear"))
        .await
        .unwrap();
    assert_eq!(next.message.seq.get(), 11);
    drop(store);

    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    let all = store
        .messages
        .page(conv, PageQuery::latest(Limit::DEFAULT))
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|m| m.seq.get()).collect::<Vec<_>>(),
        (1..=11).collect::<Vec<_>>()
    );
    assert_eq!(all[10].body.as_str(), "after the tear");
}

#[tokio::test]
async fn acked_records_lost_with_the_page_cache_come_back_from_the_journal() {
    let dir = TempDir::new("power");
    let conv = ConversationId::new();
    let file = write(&dir, conv, 10, false).await;
    // A power cut loses what the page cache had not written back: here, the last three
    // records and half of the one before. The journal was synced before each ack.
    let bytes = std::fs::read(&file).unwrap();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len((starts[6] + 20) as u64)
        .unwrap();

    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    assert_eq!(store.messages.last_seq(conv).await.unwrap(), 10);
    let all = store
        .messages
        .page(conv, PageQuery::latest(Limit::DEFAULT))
        .await
        .unwrap();
    let bodies: Vec<_> = all.iter().map(|m| m.body.as_str().to_owned()).collect();
    assert_eq!(
        bodies,
        (1..=10).map(|i| format!("message {i}")).collect::<Vec<_>>()
    );
    let next = store
        .messages
        .append(text(conv, UserId::new(), "next", "next"))
        .await
        .unwrap();
    assert_eq!(next.message.seq.get(), 11);
}

#[tokio::test]
async fn a_flipped_byte_mid_file_is_refused_at_startup_not_served() {
    let dir = TempDir::new("flip");
    let conv = ConversationId::new();
    let file = write(&dir, conv, 100, false).await;
    flip(&file, 50);

    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    assert_eq!(
        store.messages.last_seq(conv).await.unwrap(),
        100,
        "later records still count"
    );
    let err = store.messages.page(conv, page(45, 10)).await.unwrap_err();
    assert!(matches!(err, RepoError::Corrupt(_)), "{err:?}");
    assert!(matches!(
        store.messages.get(conv, Seq::new(50).unwrap()).await,
        Err(RepoError::Corrupt(_))
    ));
    let before = store.messages.page(conv, page(0, 49)).await.unwrap();
    assert_eq!(before.len(), 49);
    let after = store.messages.page(conv, page(50, 50)).await.unwrap();
    assert_eq!(after.first().map(|m| m.seq.get()), Some(51));
    assert_eq!(after.len(), 50);
    // Appends go on after the damage, never over it.
    let next = store
        .messages
        .append(text(conv, UserId::new(), "new", "new"))
        .await
        .unwrap();
    assert_eq!(next.message.seq.get(), 101);
}

#[tokio::test]
async fn a_flipped_byte_under_a_saved_index_is_caught_when_read() {
    let dir = TempDir::new("flip-idx");
    let conv = ConversationId::new();
    let file = write(&dir, conv, 100, true).await; // the sidecar now covers every line
    flip(&file, 70);

    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    let err = store.messages.page(conv, page(65, 10)).await.unwrap_err();
    match err {
        RepoError::Corrupt(why) => assert!(
            why.contains(file.file_name().unwrap().to_str().unwrap()),
            "{why}"
        ),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert_eq!(
        store.messages.page(conv, page(0, 60)).await.unwrap().len(),
        60
    );
}

#[tokio::test]
async fn a_power_cut_that_cost_an_earlier_file_its_tail_is_repaired_from_the_journal() {
    let dir = TempDir::new("power-earlier");
    let conv = ConversationId::new();
    // Small files: a few records each, so the conversation spans several parts.
    let config = TxtConfig {
        max_file_bytes: 700,
        ..TxtConfig::default()
    };
    {
        let store = chat_adapter_txt::open(dir.path(), config.clone()).unwrap();
        let sender = UserId::new();
        for i in 1..=12 {
            store
                .messages
                .append(text(
                    conv,
                    sender,
                    &format!("c{i}"),
                    &format!("message {i}"),
                ))
                .await
                .unwrap();
        }
    }
    let mut parts: Vec<_> = std::fs::read_dir(dir.path().join("chat/group"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    parts.sort();
    assert!(parts.len() >= 3, "{parts:?}");
    // The first part lost its last record; the later parts kept theirs.
    let first = std::fs::read(&parts[0]).unwrap();
    let cut = first[..first.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    std::fs::OpenOptions::new()
        .write(true)
        .open(&parts[0])
        .unwrap()
        .set_len(cut as u64)
        .unwrap();

    let store = chat_adapter_txt::open(dir.path(), config).unwrap();
    let all = store
        .messages
        .page(conv, PageQuery::latest(Limit::DEFAULT))
        .await
        .expect("no hole is left");
    let bodies: Vec<_> = all.iter().map(|m| m.body.as_str().to_owned()).collect();
    assert_eq!(
        bodies,
        (1..=12).map(|i| format!("message {i}")).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_change_to_a_message_lost_to_damage_never_applies_to_the_next_one_at_its_seq() {
    use chat_domain::entities::{MessageChange, MessageKind};
    use chat_domain::values::MessageBody;
    let dir = TempDir::new("stale-change");
    let conv = ConversationId::new();
    let store = chat_adapter_txt::open(dir.path(), unsynced()).unwrap();
    let sender = UserId::new();
    for i in 1..=3 {
        let m = text(conv, sender, &format!("c{i}"), &format!("message {i}"));
        store.messages.append(m).await.unwrap();
    }
    let edit = MessageChange::Edit {
        body: MessageBody::parse(MessageKind::Text, "edited").unwrap(),
        at: chat_conformance::fixtures::t0(),
    };
    store
        .messages
        .change(conv, Seq::new(3).unwrap(), &edit)
        .await
        .unwrap();
    store.close().await;
    drop(store);
    // The last line is lost (a damaged disk, a partial restore); changes.txt is not.
    let file = group_file(&dir);
    let bytes = std::fs::read(&file).unwrap();
    let cut = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    std::fs::write(&file, &bytes[..cut]).unwrap();
    let _ = std::fs::remove_file(file.with_extension("txt.idx"));

    let store = chat_adapter_txt::open(dir.path(), unsynced()).unwrap();
    assert_eq!(store.messages.last_seq(conv).await.unwrap(), 2);
    let new = store
        .messages
        .append(text(conv, sender, "new", "a new message"))
        .await
        .unwrap();
    assert_eq!(new.message.seq.get(), 3);
    let got = store
        .messages
        .get(conv, Seq::new(3).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (got.id, got.body.as_str(), got.edited_at),
        (new.message.id, "a new message", None)
    );
    let changed = store
        .messages
        .changes(conv, 0, Limit::DEFAULT)
        .await
        .unwrap();
    assert!(changed.is_empty(), "{changed:?}");
}

#[tokio::test]
async fn a_saved_index_over_bytes_cut_and_written_again_is_not_trusted() {
    let dir = TempDir::new("stale-sidecar");
    let conv = ConversationId::new();
    let sender = UserId::new();
    let store = chat_adapter_txt::open(dir.path(), unsynced()).unwrap();
    for i in 1..=3 {
        let m = text(conv, sender, &format!("c{i}"), &format!("message {i}"));
        store.messages.append(m).await.unwrap();
    }
    store.close().await;
    drop(store);
    // Damage: the file now ends inside message 3, after a newline; its saved index
    // still describes three whole lines.
    let file = group_file(&dir);
    let bytes = std::fs::read(&file).unwrap();
    let third = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    let mut cut = bytes[..third + 60].to_vec();
    cut.push(b'\n');
    std::fs::write(&file, &cut).unwrap();

    // Message 3 is refused as damaged, so the next one is 4, long enough to take the
    // file past what the old index covered.
    let store = chat_adapter_txt::open(dir.path(), unsynced()).unwrap();
    let long = "long ".repeat(200);
    let next = store
        .messages
        .append(text(conv, sender, "next", &long))
        .await
        .unwrap();
    assert_eq!(next.message.seq.get(), 4);
    store.close().await;
    drop(store);
    assert!(std::fs::metadata(&file).unwrap().len() as usize > bytes.len());

    let store = chat_adapter_txt::open(dir.path(), unsynced()).unwrap();
    let got = store.messages.get(conv, Seq::new(4).unwrap()).await;
    assert_eq!(
        got.unwrap().unwrap().id,
        next.message.id,
        "the acked message is readable after a reopen"
    );
    assert!(
        store
            .messages
            .get(conv, Seq::new(3).unwrap())
            .await
            .is_err(),
        "the damaged one is refused"
    );
}
