//! Events as they travel between nodes, as the build before the adapter had its own
//! record types sent them (`golden/v1/events.jsonl`, one payload a line): a node of
//! this build must read what an older node publishes, and publish what it can read.

use chrono::{DateTime, Utc};

use chat_adapter_redis::wire;
use chat_domain::entities::{
    ChangeKind, Forwarded, MessageChange, MessageKind, NewMessage, Pin, PresenceStatus,
    ReplyPreview,
};
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, Emoji, MessageBody, Seq, TokenHash};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn user(n: u8) -> UserId {
    format!("00000000-0000-4000-8000-0000000000{n:02}")
        .parse()
        .unwrap()
}

/// One of each event, with every optional part present somewhere; each with its
/// audience and the connection it skips.
fn samples() -> Vec<(DomainEvent, Vec<UserId>, Option<ConnectionId>)> {
    let conv: ConversationId = "11111111-1111-4111-8111-111111111111".parse().unwrap();
    let conn = ConnectionId::from_uuid("22222222-2222-4222-8222-222222222222".parse().unwrap());
    let draft = NewMessage {
        id: MessageId::from_uuid("33333333-3333-4333-8333-333333333333".parse().unwrap()),
        conversation_id: conv,
        sender_id: user(1),
        kind: MessageKind::Text,
        body: MessageBody::parse(MessageKind::Text, "你好 @bob 🍜").unwrap(),
        client_msg_id: Some(ClientMsgId::parse("c-1").unwrap()),
        reply_to: Some(Seq::new(3).unwrap()),
        mentions: vec![user(2)],
        created_at: at("2026-12-01T10:00:00.123456Z"),
        thread_root: None,
        forwarded: None,
    };
    let sent = draft.clone().at(Seq::new(4).unwrap());
    let reply = ReplyPreview {
        seq: Seq::new(3).unwrap(),
        sender_id: user(2),
        kind: MessageKind::Image,
        preview: "[image]".into(),
        deleted: false,
    };
    let mut edited = sent.clone();
    let body = MessageBody::parse(MessageKind::Text, "edited ✏️").unwrap();
    edited
        .apply(
            &MessageChange::Edit {
                body,
                at: at("2026-12-01T10:01:00Z"),
            },
            1,
        )
        .unwrap();
    let mut reacted = edited.clone();
    for (u, e) in [(1, "👍"), (2, "👍"), (2, "❤️")] {
        let change = MessageChange::React {
            user: user(u),
            emoji: Emoji::parse(e).unwrap(),
            on: true,
        };
        reacted.apply(&change, 2).unwrap();
    }
    let mut recalled = reacted.clone();
    recalled.apply(&MessageChange::Recall, 5).unwrap();
    let mut in_thread = draft.clone();
    in_thread.thread_root = Some(Seq::new(4).unwrap());
    in_thread.forwarded = Some(Forwarded {
        sender_id: user(3),
        created_at: at("2026-11-30T09:00:00Z"),
    });
    let in_thread = in_thread.at(Seq::new(6).unwrap());
    let mut root = sent.clone();
    let reply_counted = MessageChange::ThreadReply {
        seq: Seq::new(6).unwrap(),
        user: user(1),
        at: at("2026-12-01T10:05:00Z"),
    };
    root.apply(&reply_counted, 6).unwrap();
    let pin = MessageChange::Pin(Pin {
        by: user(2),
        at: at("2026-12-01T10:06:00Z"),
    });
    root.apply(&pin, 7).unwrap();
    let everyone = vec![user(1), user(2)];
    let plain = |event| (event, everyone.clone(), None);
    vec![
        (
            DomainEvent::MessageSent {
                message: sent.clone(),
                reply: Some(reply),
            },
            everyone.clone(),
            Some(conn),
        ),
        plain(DomainEvent::MessageSent {
            message: draft.at(Seq::new(5).unwrap()),
            reply: None,
        }),
        plain(DomainEvent::MessageChanged {
            message: edited,
            change: ChangeKind::Edit,
        }),
        plain(DomainEvent::MessageChanged {
            message: reacted,
            change: ChangeKind::Reaction,
        }),
        plain(DomainEvent::MessageChanged {
            message: recalled,
            change: ChangeKind::Recall,
        }),
        plain(DomainEvent::Delivered {
            conversation_id: conv,
            user_id: user(2),
            seq: 4,
        }),
        plain(DomainEvent::MessagesRead {
            conversation_id: conv,
            user_id: user(2),
            seq: 4,
        }),
        plain(DomainEvent::MemberAdded {
            conversation_id: conv,
            user_id: user(3),
            by: user(1),
        }),
        plain(DomainEvent::MemberRemoved {
            conversation_id: conv,
            user_id: user(3),
            by: user(3),
        }),
        plain(DomainEvent::PresenceChanged {
            user_id: user(1),
            status: PresenceStatus::Online,
            last_seen: None,
        }),
        plain(DomainEvent::PresenceChanged {
            user_id: user(1),
            status: PresenceStatus::Offline,
            last_seen: Some(at("2026-12-01T11:00:00.5Z")),
        }),
        plain(DomainEvent::Typing {
            conversation_id: conv,
            user_id: user(2),
        }),
        (
            DomainEvent::SessionsRevoked {
                user_id: user(2),
                token_hash: Some(TokenHash::from_hex("ab".repeat(32))),
            },
            vec![user(2)],
            None,
        ),
        (
            DomainEvent::SessionsRevoked {
                user_id: user(2),
                token_hash: None,
            },
            vec![user(2)],
            None,
        ),
        plain(DomainEvent::Resync),
        plain(DomainEvent::MessageSent {
            message: in_thread,
            reply: None,
        }),
        plain(DomainEvent::MessageChanged {
            message: root,
            change: ChangeKind::Thread,
        }),
        plain(DomainEvent::PinChanged {
            conversation_id: conv,
            seq: 4,
            pinned: true,
            by: user(2),
        }),
        (
            DomainEvent::ThreadRead {
                conversation_id: conv,
                root: 4,
                user_id: user(2),
                seq: 6,
            },
            vec![user(2)],
            None,
        ),
    ]
}

fn golden() -> Vec<String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/v1/events.jsonl"
    ))
    .unwrap();
    text.lines().map(str::to_owned).collect()
}

#[test]
fn it_should_read_every_event_an_older_node_published() {
    let golden = golden();
    let samples = samples();
    assert_eq!(golden.len(), samples.len());
    for (line, (event, audience, skip)) in golden.iter().zip(samples) {
        let envelope = wire::decode(line.as_bytes()).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(envelope.event, event, "{line}");
        assert_eq!(envelope.audience, audience);
        assert_eq!(envelope.skip_connection, skip);
    }
}

#[test]
fn it_should_publish_events_exactly_as_older_nodes_do() {
    for (line, (event, audience, skip)) in golden().iter().zip(samples()) {
        let envelope = Envelope::new(event, audience).skipping(skip);
        assert_eq!(&wire::encode(&envelope).unwrap(), line);
    }
}

#[test]
fn it_should_refuse_an_event_of_a_newer_version() {
    let line = golden().remove(0);
    let newer = line.replacen('{', r#"{"v":2,"#, 1);
    assert!(wire::decode(newer.as_bytes())
        .unwrap_err()
        .contains("newer node"));
}
