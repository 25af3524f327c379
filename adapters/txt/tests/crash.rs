//! Kill -9 in the middle of appends, again and again: every acked message survives
//! exactly once, seqs stay gap-free, and nothing torn is ever served.

mod support;

use std::collections::HashMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

use chat_adapter_txt::TxtConfig;
use chat_domain::ids::ConversationId;
use chat_domain::values::{Limit, PageQuery, Seq};
use support::TempDir;

const KILLS: usize = 20;

/// Runs the worker until it has acked at least `min_acks` (or a short while passed), then
/// SIGKILLs it. Returns the acks it printed.
async fn run_and_kill(
    dir: &TempDir,
    conv: ConversationId,
    run: usize,
    min_acks: usize,
) -> Vec<(String, u64)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_txt-append-worker"))
        .arg(dir.path())
        .arg(conv.to_string())
        .arg(format!("r{run}"))
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("worker starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acks = Vec::new();
    let started = Instant::now();
    // Kill at a varying point: after a number of acks that changes from run to run.
    let target = min_acks + (run * 37) % 150;
    while let Ok(Some(line)) = tokio::time::timeout(Duration::from_secs(10), lines.next_line())
        .await
        .expect("worker answers")
    {
        if let Some(rest) = line.strip_prefix("ack ") {
            let (id, seq) = rest.split_once(' ').unwrap();
            acks.push((id.to_owned(), seq.parse().unwrap()));
        }
        if acks.len() >= target || started.elapsed() > Duration::from_secs(5) {
            break;
        }
    }
    child.start_kill().unwrap(); // SIGKILL
                                 // Acks already written to the pipe before the kill count too.
    while let Ok(Ok(Some(line))) =
        tokio::time::timeout(Duration::from_secs(2), lines.next_line()).await
    {
        if let Some(rest) = line.strip_prefix("ack ") {
            let (id, seq) = rest.split_once(' ').unwrap();
            acks.push((id.to_owned(), seq.parse().unwrap()));
        }
    }
    let _ = child.wait().await;
    acks
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acked_messages_survive_repeated_sigkill_exactly_once() {
    let dir = TempDir::new("crash");
    let conv = ConversationId::new();
    let mut acked: HashMap<String, u64> = HashMap::new();
    for run in 0..KILLS {
        for (id, seq) in run_and_kill(&dir, conv, run, 50).await {
            assert!(acked.insert(id.clone(), seq).is_none(), "{id} acked twice");
        }
    }
    assert!(
        acked.len() >= KILLS * 50,
        "only {} acks over {KILLS} runs",
        acked.len()
    );

    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default())
        .expect("reopens after the last kill");
    let last = store.messages.last_seq(conv).await.unwrap();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut after = 0;
    while after < last {
        let q = PageQuery {
            after: Seq::new(after).ok(),
            ..PageQuery::latest(Limit::new(100).unwrap())
        };
        let q = if after == 0 {
            PageQuery::before(
                Seq::new(101.min(last + 1)).unwrap(),
                Limit::new(100).unwrap(),
            )
        } else {
            q
        };
        let page = store
            .messages
            .page(conv, q)
            .await
            .expect("every stored record reads back intact");
        assert!(!page.is_empty());
        for m in &page {
            assert_eq!(m.seq.get(), after + 1, "seqs are gap-free");
            after = m.seq.get();
            let id = m.client_msg_id.as_ref().unwrap().to_string();
            assert!(
                seen.insert(id.clone(), m.seq.get()).is_none(),
                "{id} stored twice"
            );
        }
    }
    for (id, seq) in &acked {
        assert_eq!(
            seen.get(id),
            Some(seq),
            "acked {id} at seq {seq} must be stored there"
        );
    }
    // And the store takes new appends right after the last stored seq.
    assert_eq!(store.messages.count().await.unwrap(), last);
}
