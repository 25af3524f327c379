//! The TXT store's files: forged record lines and damaged data directories.
//!
//! A template data directory (two conversations, messages over several file parts, an
//! edit, a reaction, read cursors) is written once per process; each input works on a
//! fresh copy of it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use chat_adapter_txt::{line, FsyncMode, TxtConfig};
use chat_conformance::fixtures::{self, t0};
use chat_domain::entities::{Message, MessageChange, MessageKind, ParticipantRole};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{Emoji, Limit, MessageBody, PageQuery, Seq};
use chat_domain::RepoError;

struct Template {
    dir: PathBuf,
    sender: UserId,
    /// Each conversation's messages as written, and the bodies each ever had.
    expected: Vec<(ConversationId, Vec<Message>)>,
    edited: Vec<(ConversationId, u64, String)>,
}

fn config() -> TxtConfig {
    TxtConfig {
        fsync: FsyncMode::Never,
        // Small parts, so a day's messages span several files.
        max_file_bytes: 700,
        archive_after_days: None,
        ..TxtConfig::default()
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("chat-fuzz-template-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        runtime().block_on(write_template(dir))
    })
}

async fn write_template(dir: PathBuf) -> Template {
    let store = chat_adapter_txt::open(&dir, config()).expect("open template");
    let (alice, bob) = (fixtures::user("alice"), fixtures::user("bob"));
    store.users.create(&alice).await.unwrap();
    store.users.create(&bob).await.unwrap();
    let group = fixtures::group(alice.id, "fuzz 🔥");
    let members = [
        fixtures::member(&group, alice.id, ParticipantRole::Owner, 0),
        fixtures::member(&group, bob.id, ParticipantRole::Member, 1),
    ];
    store
        .conversations
        .create_group(&group, &members)
        .await
        .unwrap();
    let (pair, direct, ps) = fixtures::direct(alice.id, bob.id);
    let (direct, _) = store
        .conversations
        .get_or_create_direct(pair, &direct, ps)
        .await
        .unwrap();
    let m = &store.messages;
    for conv in [group.id, direct.id] {
        for i in 0..6 {
            let draft = fixtures::text(conv, alice.id, &format!("t{i}"), &format!("第{i}条 hello"));
            m.append(draft).await.unwrap();
        }
    }
    let edit = MessageChange::Edit {
        body: MessageBody::parse(MessageKind::Text, "edited ✏").unwrap(),
        at: t0(),
    };
    m.change(group.id, Seq::new(2).unwrap(), &edit)
        .await
        .unwrap();
    let react = MessageChange::React {
        user: bob.id,
        emoji: Emoji::parse("👍").unwrap(),
        on: true,
    };
    m.change(direct.id, Seq::new(5).unwrap(), &react)
        .await
        .unwrap();
    store
        .conversations
        .advance_read_cursor(group.id, bob.id, 4)
        .await
        .unwrap();
    let mut expected = Vec::new();
    for conv in [group.id, direct.id] {
        let page = m.page(conv, PageQuery::latest(max())).await.unwrap();
        expected.push((conv, page));
    }
    store.close().await;
    drop(store);
    Template {
        dir,
        sender: alice.id,
        expected,
        edited: vec![(group.id, 2, "第1条 hello".into())],
    }
}

fn max() -> Limit {
    Limit::new(Limit::MAX as u64).unwrap()
}

/// A fresh copy of the template, and its files (but `LOCK`) in a stable order.
fn copy() -> (PathBuf, Vec<PathBuf>) {
    static N: AtomicU64 = AtomicU64::new(0);
    let t = template();
    let dir = std::env::temp_dir().join(format!(
        "chat-fuzz-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let mut files = Vec::new();
    copy_dir(&t.dir, &dir, &mut files);
    files.retain(|f| !f.ends_with("LOCK"));
    files.sort();
    (dir, files)
}

fn copy_dir(from: &Path, to: &Path, files: &mut Vec<PathBuf>) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target, files);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            files.push(target);
        }
    }
}

/// Byte 0 picks a data file (a message part, `changes.txt` or a metadata file); the rest
/// is written to its end as one line with a valid checksum.
pub fn txt_line(data: &[u8]) {
    let [pick, json @ ..] = data else {
        return;
    };
    let (dir, files) = copy();
    let target = &files[usize::from(*pick) % files.len()];
    let mut bytes = std::fs::read(target).unwrap();
    line::encode(json, &mut bytes);
    std::fs::write(target, bytes).unwrap();
    check(&dir, false);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A list of damages, each `[file, op, offset (2 bytes, little-endian)]`: op 0 truncates
/// the file there, 1 flips that byte, 2 writes the next byte's count of following bytes
/// there (extending the file if needed).
pub fn txt_recovery(data: &[u8]) {
    let (dir, files) = copy();
    let mut rest = data;
    while let [pick, op, lo, hi, tail @ ..] = rest {
        rest = tail;
        let path = &files[usize::from(*pick) % files.len()];
        let mut bytes = std::fs::read(path).unwrap();
        let at = usize::from(u16::from_le_bytes([*lo, *hi])) % (bytes.len() + 1);
        match op % 3 {
            0 => bytes.truncate(at),
            1 if at < bytes.len() => bytes[at] ^= 0x5a,
            1 => {}
            _ => {
                let [n, tail @ ..] = rest else { break };
                let n = usize::from(*n).min(tail.len());
                let junk = &tail[..n];
                rest = &tail[n..];
                let end = (at + n).max(bytes.len());
                bytes.resize(end, 0);
                bytes[at..at + n].copy_from_slice(junk);
            }
        }
        std::fs::write(path, bytes).unwrap();
    }
    check(&dir, true);
    let _ = std::fs::remove_dir_all(&dir);
}

fn clear(e: &RepoError) {
    assert!(
        matches!(e, RepoError::Corrupt(_) | RepoError::Unavailable(_)) && !e.to_string().is_empty(),
        "damaged files are reported as damaged or unreadable, not {e:?}"
    );
}

/// Opens the damaged store: a clear error, or history that is what was written (when
/// `faithful`: only damage was done, no forged records) with gap-free seqs; then a new
/// message takes the next seq and is there after a reopen.
fn check(dir: &Path, faithful: bool) {
    let t = template();
    runtime().block_on(async {
        let store = match chat_adapter_txt::open(dir, config()) {
            Ok(store) => store,
            Err(e) => return clear(&e),
        };
        let mut acked = Vec::new();
        for (conv, written) in &t.expected {
            let m = &store.messages;
            match m.page(*conv, PageQuery::latest(max())).await {
                Ok(page) => {
                    for pair in page.windows(2) {
                        assert_eq!(pair[1].seq.get(), pair[0].seq.get() + 1, "gap-free seqs");
                    }
                    if faithful {
                        for got in &page {
                            same_message(t, *conv, written, got);
                        }
                    }
                }
                Err(e) => clear(&e),
            }
            let last = match m.last_seq(*conv).await {
                Ok(last) => last,
                Err(e) => {
                    clear(&e);
                    continue;
                }
            };
            let draft = fixtures::text(*conv, t.sender, "after-damage", "after damage");
            match m.append(draft).await {
                Ok(a) => {
                    if a.created {
                        assert_eq!(a.message.seq.get(), last + 1, "the next seq");
                    }
                    acked.push((*conv, a.message));
                }
                Err(e) => clear(&e),
            }
        }
        store.close().await;
        drop(store);
        let store =
            chat_adapter_txt::open(dir, config()).expect("a store that opened once opens again");
        for (conv, message) in acked {
            let got = store.messages.get(conv, message.seq).await;
            match got {
                Ok(Some(got)) => assert_eq!(
                    got.id, message.id,
                    "the acked message {message:?} came back as {got:?}"
                ),
                other => panic!("an acked message is gone after a reopen: {other:?}"),
            }
        }
    });
}

/// `got` is a message as written: the same one at that seq, with a body it had.
fn same_message(t: &Template, conv: ConversationId, written: &[Message], got: &Message) {
    let Some(want) = written.iter().find(|w| w.seq == got.seq) else {
        return assert_eq!(
            got.client_msg_id.as_ref().map(|c| c.as_str()),
            Some("after-damage")
        );
    };
    assert_eq!(
        (got.id, got.sender_id, got.created_at),
        (want.id, want.sender_id, want.created_at),
        "seq {} is the message written there",
        got.seq.get()
    );
    let older = t
        .edited
        .iter()
        .any(|(c, s, body)| *c == conv && *s == got.seq.get() && got.body.as_str() == body);
    assert!(
        got.body == want.body || older,
        "seq {} has a body it had: {:?}",
        got.seq.get(),
        got.body
    );
}
