//! A whole metadata line this build cannot read (a newer build's record) is refused as
//! damage, never cut off as if it were a torn write: a downgrade stops with a clear
//! error instead of losing the newer build's last change.

mod support;

use chat_adapter_txt::TxtConfig;
use chat_conformance::fixtures::user;
use chat_domain::RepoError;
use support::TempDir;

#[tokio::test]
async fn a_readable_line_of_an_unknown_kind_at_the_log_tail_is_refused_not_truncated() {
    let dir = TempDir::new("newer");
    let store = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    store.users.create(&user("ana")).await.unwrap();
    store.close().await;
    drop(store);

    let log = std::fs::read_dir(dir.path().join("meta"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("log."))
        .expect("a metadata log");
    let mut line = Vec::new();
    chat_adapter_txt::line::encode(br#"{"v":7,"op":"from_a_newer_build"}"#, &mut line);
    let mut bytes = std::fs::read(&log).unwrap();
    bytes.extend_from_slice(&line);
    std::fs::write(&log, &bytes).unwrap();

    match chat_adapter_txt::open(dir.path(), TxtConfig::default()) {
        Err(RepoError::Corrupt(why)) => assert!(why.contains("cannot read"), "{why}"),
        Err(e) => panic!("unexpected error {e:?}"),
        Ok(_) => panic!("a record it cannot read was dropped or ignored"),
    }
    assert_eq!(
        std::fs::read(&log).unwrap(),
        bytes,
        "the log is left as it was"
    );
}
