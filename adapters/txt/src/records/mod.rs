//! The TXT store's own record formats: what its files hold, independent of the domain's
//! types, so renaming a domain field never changes a file.
//!
//! Every record is JSON in a checksummed line ([`crate::line`]). A record may carry `v`,
//! its version; without one it is version 1, which this build writes without `v`,
//! exactly as the files written before records had types of their own. A message that
//! is in a thread, is a thread's root or is forwarded is written as version 2; one a
//! moderator removed, as version 3. A record
//! of a later version is refused as damage rather than misread.
//!
//! - [`MessageRecord`]: a line of a day file and of the journal, and a sidecar's last
//!   message; [`ChangeRecord`]: a line of `changes.txt`;
//! - [`meta::OpRecord`]: a line of the metadata log and snapshot.

mod event;
mod message;
pub mod meta;
mod report;
mod thread;
mod webhook;

pub use message::{ChangeRecord, MessageRecord};

use chat_domain::entities::Message;

/// The newest record version this build writes and reads (2: a message's threads and
/// forwards; 3: a message removed by a moderator).
const VERSION: u32 = 3;

fn one() -> u32 {
    1
}

fn is_one(v: &u32) -> bool {
    *v == 1
}

/// Why a record cannot be read: a message for a `Corrupt` error.
fn check_version(v: u32) -> Result<(), String> {
    if v > VERSION {
        Err(format!(
            "a record of version {v}: written by a newer build (this one reads up to {VERSION})"
        ))
    } else {
        Ok(())
    }
}

/// A message as its line's JSON.
pub fn encode_message(m: &Message) -> Vec<u8> {
    serde_json::to_vec(&MessageRecord::from(m)).unwrap_or_default()
}

/// A message from its line's JSON.
///
/// # Errors
/// What is wrong with it (not JSON, not a message, a value the domain refuses).
pub fn decode_message(json: &[u8]) -> Result<Message, String> {
    let r: MessageRecord = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    r.try_into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines as the build before these record types wrote them (day files, an archive,
    /// `changes.txt`, the metadata snapshot and logs): each reads back, and is written
    /// again byte for byte.
    fn round_trips(lines: &str, encode: impl Fn(&[u8]) -> Result<Vec<u8>, String>) {
        let mut n = 0;
        for line in lines.lines().filter(|l| !l.is_empty()) {
            let again = encode(line.as_bytes()).unwrap_or_else(|e| panic!("{e}: {line}"));
            assert_eq!(String::from_utf8(again).unwrap(), line);
            n += 1;
        }
        assert!(n > 5, "{n} lines");
    }

    #[test]
    fn message_lines_written_before_read_back_and_are_written_alike() {
        round_trips(include_str!("golden/messages.jsonl"), |json| {
            decode_message(json).map(|m| encode_message(&m))
        });
    }

    #[test]
    fn change_lines_written_before_read_back_and_are_written_alike() {
        round_trips(include_str!("golden/changes.jsonl"), |json| {
            let r: ChangeRecord = serde_json::from_slice(json).map_err(|e| e.to_string())?;
            let (_, m) = r.into_parts()?;
            Ok(serde_json::to_vec(&ChangeRecord::of(&m)).unwrap())
        });
    }

    #[test]
    fn metadata_lines_written_before_read_back_and_are_written_alike() {
        round_trips(include_str!("golden/meta.jsonl"), |json| {
            meta::decode(json).map(|op| meta::encode(&op))
        });
    }

    /// The two kinds of change the golden logs lack, against the shape the build before
    /// these record types wrote them in.
    #[test]
    fn role_and_purge_changes_keep_their_shape() {
        for line in [
            r#"{"op":"role_set","conversation_id":"6e36f660-ae63-4999-a2cb-c878593ec5cc","user_id":"1c444b22-2d1d-4158-a824-23f2f16a1111","role":"owner"}"#,
            r#"{"op":"session_purge","now":"2026-12-01T23:28:49.025481Z"}"#,
        ] {
            let op = meta::decode(line.as_bytes()).unwrap();
            assert_eq!(String::from_utf8(meta::encode(&op)).unwrap(), line);
        }
    }

    /// Accounts without a password (a bot, a host's user), a session's client and last
    /// use, incoming webhooks, queued events, blocks and reports, in the shape this build writes them; an earlier build refuses the accounts
    /// (no `password_hash`) rather than misreading them.
    #[test]
    fn account_and_session_lines_keep_their_shape() {
        for line in [
            r#"{"op":"user_create","user":{"id":"0b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a11","username":"ci-bot","display_name":"CI","role":"user","banned":false,"created_at":"2026-12-07T10:00:00Z","bot":true}}"#,
            r#"{"op":"user_create","user":{"id":"1c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a12","username":"user-42","display_name":"Ana","role":"user","banned":false,"created_at":"2026-12-07T10:00:00Z","host":{"issuer":"https://id.example","subject":"42"}}}"#,
            r#"{"op":"session_create","session":{"token_hash":"ab12","user_id":"1c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a12","created_at":"2026-12-07T10:00:00Z","expires_at":"9999-12-31T23:59:59Z","last_used_at":"2026-12-07T10:05:00Z","user_agent":"Mozilla/5.0"}}"#,
            r#"{"op":"session_touch","token_hash":"ab12","at":"2026-12-07T10:06:00Z"}"#,
            r#"{"op":"webhook_create","webhook":{"id":"2d6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a13","conversation_id":"3e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a14","name":"CI builds","token_hash":"cd34","bot_id":"0b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a11","created_by":"1c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a12","created_at":"2026-12-07T10:07:00Z"}}"#,
            r#"{"op":"webhook_delete","conversation_id":"3e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a14","id":"2d6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a13"}"#,
            r#"{"op":"events_queued","first":7,"events":[{"id":"4f6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a15","at":"2026-12-07T10:08:00Z","type":"message.created","conversation_id":"3e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a14","seq":3},{"id":"5a6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a16","at":"2026-12-07T10:08:01Z","type":"message.updated","conversation_id":"3e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a14","seq":3,"change":"reaction"},{"id":"6b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a17","at":"2026-12-07T10:08:02Z","type":"member.added","conversation_id":"3e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a14","user_id":"0b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a11","by":"1c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a12"},{"id":"7c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a18","at":"2026-12-07T10:08:03Z","type":"member.removed","conversation_id":"3e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a14","user_id":"0b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a11","by":"0b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a11"},{"id":"8d6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a19","at":"2026-12-07T10:08:04Z","type":"conversation.created","conversation_id":"3e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a14","by":"1c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a12"}]}"#,
            r#"{"op":"events_removed","positions":[7,8]}"#,
            r#"{"op":"block_set","blocker":"1c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a12","blocked":"0b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a11","at":"2026-12-07T10:09:00Z"}"#,
            r#"{"op":"block_clear","blocker":"1c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a12","blocked":"0b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a11"}"#,
            r#"{"op":"report_create","report":{"id":"9e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a1a","conversation_id":"3e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a14","seq":3,"reporter_id":"1c6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a12","reason":"spam\n第二行","created_at":"2026-12-07T10:10:00Z"}}"#,
            r#"{"op":"report_resolve","id":"9e6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a1a","resolution":{"action":"remove_message","by":"0b6c2b4e-6a55-4a0e-9d0b-8b7c1f0c2a11","at":"2026-12-07T10:11:00Z"}}"#,
        ] {
            let op = meta::decode(line.as_bytes()).unwrap();
            assert_eq!(String::from_utf8(meta::encode(&op)).unwrap(), line);
        }
    }

    /// A message a moderator removed is version 3, says who and when, and reads back as
    /// such; a version-2 build refuses it rather than showing a plain recall.
    #[test]
    fn a_removed_message_is_version_3_and_keeps_its_shape() {
        let line = r#"{"v":3,"id":"0daa8ba2-dad1-4b67-933e-efdac267b7cf","conversation_id":"ca2f842a-68ba-4a6d-9940-abb7d6bb0049","seq":6,"sender_id":"1443b465-5e23-4589-b585-7ae04bae0fb4","kind":"text","body":"","client_msg_id":"bob-6","reply_to":null,"created_at":"2026-12-01T23:29:26.253317Z","deleted":true,"version":2,"removed":{"by":"5d2d7e7a-910f-4786-9c7f-df324a016fc7","at":"2026-12-07T10:11:00Z"}}"#;
        let m = decode_message(line.as_bytes()).unwrap();
        let removal = m.removed.unwrap();
        assert_eq!(
            removal.by.to_string(),
            "5d2d7e7a-910f-4786-9c7f-df324a016fc7"
        );
        assert!(m.deleted);
        assert_eq!(String::from_utf8(encode_message(&m)).unwrap(), line);
    }

    #[test]
    fn a_record_of_a_newer_version_is_refused() {
        let line = include_str!("golden/messages.jsonl")
            .lines()
            .next()
            .unwrap();
        let newer = line.replacen('{', r#"{"v":4,"#, 1);
        assert!(decode_message(newer.as_bytes())
            .unwrap_err()
            .contains("newer build"));
        let explicit = line.replacen('{', r#"{"v":1,"#, 1);
        assert!(decode_message(explicit.as_bytes()).is_ok());
    }
}
