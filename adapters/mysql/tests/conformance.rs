//! The conformance suite against a real MySQL / MariaDB, one database per test.

mod support;

chat_conformance::storage_conformance!(support::Harness::new());
