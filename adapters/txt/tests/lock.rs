//! One data directory, one process: a second open is refused with a clear error, and the
//! directory opens again once the first store is closed.

mod support;

use chat_adapter_txt::TxtConfig;
use chat_domain::RepoError;
use support::TempDir;

#[test]
fn a_second_open_of_the_same_directory_is_refused() {
    let dir = TempDir::new("lock");
    let first = chat_adapter_txt::open(dir.path(), TxtConfig::default()).unwrap();
    match chat_adapter_txt::open(dir.path(), TxtConfig::default()) {
        Err(RepoError::Unavailable(why)) => {
            assert!(why.contains("in use by another process"), "{why}")
        }
        Err(e) => panic!("unexpected error {e:?}"),
        Ok(_) => panic!("two stores opened one directory"),
    }
    drop(first);
    chat_adapter_txt::open(dir.path(), TxtConfig::default()).expect("opens once released");
}
