//! The conformance suite against the TXT store: live, and reopened from disk between
//! writes and reads (every check then also proves the data survives a restart).

mod support;

mod live {
    use super::support::Harness;
    chat_conformance::storage_conformance!(async { Some(Harness::new(false, Default::default())) });
}

mod reopened {
    use super::support::Harness;
    chat_conformance::storage_conformance!(async { Some(Harness::new(true, Default::default())) });
}

mod reopened_with_tiny_files {
    use super::support::Harness;
    // 2 KiB files: every check also runs across many rolled-over parts.
    chat_conformance::storage_conformance!(async {
        let config = chat_adapter_txt::TxtConfig {
            max_file_bytes: 2048,
            snapshot_every: 7,
            ..Default::default()
        };
        Some(Harness::new(true, config))
    });
}
