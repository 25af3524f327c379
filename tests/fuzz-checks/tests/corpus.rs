//! Replays every saved fuzz input (`fuzz/corpus/<target>/`) and every input that once
//! crashed (`fuzz/regressions/<target>/`) through its check, on stable, in the normal
//! test run.

use std::path::PathBuf;

fn replay(target: &str, check: fn(&[u8])) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut count = 0;
    for kind in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} fails its check", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "no saved inputs for {target}");
    println!("{target}: {count} inputs replayed");
}

#[test]
fn ws_frame_inputs_pass() {
    replay("ws_frame", chat_fuzz_checks::ws_frame);
}

#[test]
fn http_request_inputs_pass() {
    replay("http_request", chat_fuzz_checks::http_request);
}

#[test]
fn txt_line_inputs_pass() {
    replay("txt_line", chat_fuzz_checks::txt_line);
}

#[test]
fn txt_recovery_inputs_pass() {
    replay("txt_recovery", chat_fuzz_checks::txt_recovery);
}
