//! Kill -9 in the middle of erasure passes (appends, edits and recalls going on), again
//! and again: after every restart history is gap-free, every acked message is at its
//! seq (a tombstone once its recall was acked), and no text a finished pass erased is
//! back in any file.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

use chat_adapter_txt::TxtConfig;
use chat_domain::ids::ConversationId;
use chat_domain::values::{Limit, PageQuery, Seq};
use support::TempDir;

const KILLS: u64 = 50;

/// What the workers said, over all runs.
#[derive(Default)]
struct Seen {
    bodies: BTreeMap<u64, String>,
    edits: BTreeMap<u64, String>,
    recalled: BTreeSet<u64>,
    /// Recalls a finished pass erased.
    erased: BTreeSet<u64>,
}

impl Seen {
    fn hear(&mut self, line: &str, pending: &mut BTreeSet<u64>, passing: &mut BTreeSet<u64>) {
        let mut words = line.splitn(3, ' ');
        match (words.next(), words.next(), words.next()) {
            (Some("ack"), Some(seq), Some(body)) => {
                self.bodies.insert(seq.parse().unwrap(), body.to_owned());
            }
            (Some("edited"), Some(seq), Some(body)) => {
                self.edits.insert(seq.parse().unwrap(), body.to_owned());
            }
            (Some("recalled"), Some(seq), None) => {
                let seq = seq.parse().unwrap();
                self.recalled.insert(seq);
                pending.insert(seq);
            }
            (Some("erasing"), None, None) => passing.append(pending),
            (Some("erased"), None, None) => self.erased.append(passing),
            _ => {}
        }
    }

    /// The texts of `seq` that must be gone once it is erased.
    fn texts(&self, seq: u64) -> impl Iterator<Item = &String> {
        self.bodies
            .get(&seq)
            .into_iter()
            .chain(self.edits.get(&seq))
    }
}

/// Runs the worker for a while that changes from run to run (passes are cut at every
/// stage), then SIGKILLs it and reads what it printed. Returns whether the kill came in
/// the middle of a pass.
async fn run_and_kill(dir: &TempDir, conv: ConversationId, run: u64, seen: &mut Seen) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_txt-erase-worker"))
        .arg(dir.path())
        .arg(conv.to_string())
        .arg(format!("r{run}"))
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("worker starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut pending, mut passing) = (BTreeSet::new(), BTreeSet::new());
    let first = lines.next_line().await.unwrap();
    assert_eq!(first.as_deref(), Some("ready"));
    // A pseudo-random 30..=630 ms: a splitmix step of the run number.
    let mut x = run.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    let alive = Duration::from_millis(30 + (x ^ (x >> 31)) % 600);
    let stop = tokio::time::sleep(alive);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            line = lines.next_line() => match line.unwrap() {
                Some(line) => seen.hear(&line, &mut pending, &mut passing),
                None => panic!("the worker died on its own"),
            },
        }
    }
    child.start_kill().unwrap(); // SIGKILL
                                 // What it printed before the kill counts too.
    while let Ok(Ok(Some(line))) =
        tokio::time::timeout(Duration::from_secs(2), lines.next_line()).await
    {
        seen.hear(&line, &mut pending, &mut passing);
    }
    let _ = child.wait().await;
    !passing.is_empty()
}

/// Every text tag (`<r3-m17>`, `<r3-e52>`) in any file under `dir`, with a file it is in.
fn tags_on_disk(dir: &std::path::Path, found: &mut BTreeMap<String, String>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            tags_on_disk(&path, found);
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let mut rest = &bytes[..];
        while let Some(at) = rest.windows(2).position(|w| w == b"<r") {
            rest = &rest[at..];
            let end = rest.iter().take(32).position(|b| *b == b'>');
            if let Some(end) = end {
                let tag = String::from_utf8_lossy(&rest[..=end]).into_owned();
                found
                    .entry(tag)
                    .or_insert_with(|| path.display().to_string());
            }
            rest = &rest[2..];
        }
    }
}

/// The tag a text starts with.
fn tag(text: &str) -> &str {
    text.split_once(' ').map_or(text, |(t, _)| t)
}

/// Opens the store as a restart would and checks everything the workers were told.
async fn check(dir: &TempDir, conv: ConversationId, seen: &Seen, run: u64) {
    let mut on_disk = BTreeMap::new();
    tags_on_disk(dir.path(), &mut on_disk);
    for seq in &seen.erased {
        for text in seen.texts(*seq) {
            let file = on_disk.get(tag(text));
            assert!(
                file.is_none(),
                "run {run}: erased {text} is back in {file:?}"
            );
        }
    }
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).expect("reopens");
    let last = store.messages.last_seq(conv).await.unwrap();
    let mut after = 0;
    while after < last {
        let limit = Limit::new(100).unwrap();
        let q = match Seq::new(after) {
            Ok(seq) => PageQuery::after(seq, limit),
            Err(_) => PageQuery::before(Seq::new(last.min(100) + 1).unwrap(), limit),
        };
        let page = store
            .messages
            .page(conv, q)
            .await
            .expect("reads back intact");
        assert!(
            !page.is_empty(),
            "run {run}: nothing after {after} of {last}"
        );
        for m in page {
            let seq = m.seq.get();
            assert_eq!(seq, after + 1, "run {run}: seqs are gap-free");
            after = seq;
            if seen.recalled.contains(&seq) {
                assert!(m.deleted, "run {run}: {seq} was recalled");
                assert!(m.body.as_str().is_empty() && m.mentions.is_empty());
            } else if let Some(body) = seen.bodies.get(&seq) {
                // An edit or a recall may have been stored without its answer printed.
                let edit = format!("-e{seq}> edited secret");
                let b = m.body.as_str();
                assert!(
                    m.deleted || b == body || b.ends_with(&edit),
                    "run {run}: {seq} reads {b:?}"
                );
            }
        }
    }
    let acked = seen.bodies.keys().next_back().copied().unwrap_or(0);
    assert!(last >= acked, "run {run}: acked {acked}, stored {last}");
    drop(store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kills_during_erasure_lose_nothing_acked_and_bring_nothing_erased_back() {
    let dir = TempDir::new("erase-crash");
    let conv = ConversationId::new();
    let mut seen = Seen::default();
    let mut mid_pass = 0;
    for run in 0..KILLS {
        mid_pass += u64::from(run_and_kill(&dir, conv, run, &mut seen).await);
        check(&dir, conv, &seen, run).await;
    }
    println!("{mid_pass} of {KILLS} kills came during an erasure pass");
    assert!(
        mid_pass >= KILLS / 4,
        "only {mid_pass} of {KILLS} kills came during a pass"
    );
    assert!(
        seen.erased.len() as u64 >= KILLS * 5,
        "only {} erasures finished over {KILLS} runs",
        seen.erased.len()
    );
    // A last pass after the last restart erases every recall, finished or not.
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    store.messages.erase_tombstones().await.unwrap();
    drop(store);
    let mut on_disk = BTreeMap::new();
    tags_on_disk(dir.path(), &mut on_disk);
    for seq in &seen.recalled {
        for text in seen.texts(*seq) {
            assert_eq!(on_disk.get(tag(text)), None, "{text}");
        }
    }
    // The search itself works: what was never recalled is found.
    let kept = seen.bodies.iter().find(|(seq, _)| *seq % 3 == 0).unwrap().1;
    assert!(on_disk.contains_key(tag(kept)));
}
