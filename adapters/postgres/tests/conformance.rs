//! The conformance suite against a real PostgreSQL, one schema per test.

mod support;

chat_conformance::storage_conformance!(support::Harness::new());
