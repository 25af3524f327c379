//! Use-case flows over the memory adapters: what a client relies on end to end, without
//! a network.

use std::sync::Arc;

use chrono::Duration;

use chat_adapter_argon2::Argon2Hasher;
use chat_app::*;
use chat_conformance::live::RecordingSink;
use chat_domain::entities::{ParticipantRole, PresenceStatus, UserRole};
use chat_domain::events::DomainEvent;
use chat_memory::{ManualClock, MemoryPush};

/// The wire code a client sees for an error.
trait Code {
    fn code(&self) -> &'static str;
}

impl Code for AppError {
    fn code(&self) -> &'static str {
        chat_protocol::ErrorCode::of(self).as_str()
    }
}

struct World {
    app: ChatApp,
    clock: Arc<ManualClock>,
    push: Arc<MemoryPush>,
}

fn world() -> World {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let push = Arc::new(MemoryPush::with_capacity(3));
    let chat = chat_core::Chat::builder()
        .hasher(Arc::new(Argon2Hasher::fast_for_tests()))
        .clock(clock.clone())
        .push(push.clone())
        .build();
    World {
        app: chat.app().clone(),
        clock,
        push,
    }
}

const PW: &str = "s3cret-passw0rd";

async fn signed_in(w: &World, name: &str) -> Actor {
    w.app
        .register_user(RegisterUser::new(name, PW))
        .await
        .unwrap();
    let login = w.app.login(Login::new(name, PW)).await.unwrap();
    w.app.authenticate(login.token.expose()).await.unwrap()
}

#[tokio::test]
async fn register_rejects_bad_input_and_taken_names() {
    let w = world();
    w.app
        .register_user(RegisterUser::new("alice", PW))
        .await
        .unwrap();
    let code = |r: Result<_, AppError>| r.unwrap_err().code();
    assert_eq!(
        code(w.app.register_user(RegisterUser::new("ALICE", PW)).await),
        "conflict"
    );
    assert_eq!(
        code(w.app.register_user(RegisterUser::new("a", PW)).await),
        "bad_request"
    );
    assert_eq!(
        code(w.app.register_user(RegisterUser::new("bob", "short")).await),
        "bad_request"
    );
}

#[tokio::test]
async fn login_gives_one_answer_for_wrong_user_and_wrong_password() {
    let w = world();
    w.app
        .register_user(RegisterUser::new("alice", PW))
        .await
        .unwrap();
    let wrong_pw = w
        .app
        .login(Login::new("alice", "not-the-password"))
        .await
        .unwrap_err();
    let no_user = w.app.login(Login::new("nobody", PW)).await.unwrap_err();
    assert_eq!(wrong_pw, no_user);
    assert_eq!(wrong_pw.code(), "unauthorized");
}

#[tokio::test]
async fn tokens_expire_and_logout_ends_them_at_once() {
    let w = world();
    w.app
        .register_user(RegisterUser::new("alice", PW))
        .await
        .unwrap();
    let a = w.app.login(Login::new("alice", PW)).await.unwrap();
    let b = w.app.login(Login::new("alice", PW)).await.unwrap();
    let actor = w.app.authenticate(a.token.expose()).await.unwrap();
    w.app.logout(&actor).await.unwrap();
    assert_eq!(
        w.app
            .authenticate(a.token.expose())
            .await
            .unwrap_err()
            .code(),
        "unauthorized"
    );
    assert!(
        w.app.authenticate(b.token.expose()).await.is_ok(),
        "other sessions live on"
    );

    w.clock.advance(Duration::days(8));
    assert_eq!(
        w.app
            .authenticate(b.token.expose())
            .await
            .unwrap_err()
            .code(),
        "unauthorized"
    );
    assert_eq!(
        w.app
            .authenticate("garbage token")
            .await
            .unwrap_err()
            .code(),
        "unauthorized"
    );
}

#[tokio::test]
async fn login_and_register_are_rate_limited_per_address() {
    let w = world();
    for i in 0..20 {
        let cmd = Login {
            client_addr: Some("10.0.0.1".into()),
            ..Login::new(&format!("u{i}x"), PW)
        };
        assert_eq!(w.app.login(cmd).await.unwrap_err().code(), "unauthorized");
    }
    let cmd = Login {
        client_addr: Some("10.0.0.1".into()),
        ..Login::new("alice", PW)
    };
    assert_eq!(w.app.login(cmd).await.unwrap_err().code(), "rate_limited");
    let other = RegisterUser {
        client_addr: Some("10.0.0.2".into()),
        ..RegisterUser::new("alice", PW)
    };
    assert!(w.app.register_user(other).await.is_ok());
}

#[tokio::test]
async fn a_ban_ends_sessions_tells_live_connections_and_blocks_login() {
    let w = world();
    let admin_user = w
        .app
        .register_user(RegisterUser {
            role: UserRole::Admin,
            ..RegisterUser::new("root", PW)
        })
        .await
        .unwrap();
    let admin = w
        .app
        .authenticate(
            w.app
                .login(Login::new("root", PW))
                .await
                .unwrap()
                .token
                .expose(),
        )
        .await
        .unwrap();
    assert_eq!(admin.id(), admin_user.id);
    w.app
        .register_user(RegisterUser::new("eve", PW))
        .await
        .unwrap();
    let eve_token = w.app.login(Login::new("eve", PW)).await.unwrap().token;
    let eve = w.app.authenticate(eve_token.expose()).await.unwrap();
    let sink = RecordingSink::new(10);
    w.app.connect(&eve, sink.clone()).await.unwrap();

    assert_eq!(
        w.app
            .set_banned(&eve, admin.id(), true)
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        w.app
            .set_banned(&admin, admin.id(), true)
            .await
            .unwrap_err()
            .code(),
        "bad_request"
    );
    w.app.set_banned(&admin, eve.id(), true).await.unwrap();
    assert_eq!(
        sink.wait_for(1).await,
        [DomainEvent::SessionsRevoked {
            user_id: eve.id(),
            token_hash: None
        }]
    );
    assert_eq!(
        w.app
            .authenticate(eve_token.expose())
            .await
            .unwrap_err()
            .code(),
        "unauthorized"
    );
    assert_eq!(
        w.app.login(Login::new("eve", PW)).await.unwrap_err().code(),
        "forbidden"
    );
    w.app.set_banned(&admin, eve.id(), false).await.unwrap();
    assert!(w.app.login(Login::new("eve", PW)).await.is_ok());
    let stats = w.app.stats(&admin).await.unwrap();
    assert_eq!((stats.users, stats.live_connections), (2, 1));
}

#[tokio::test]
async fn direct_conversations_are_unique_per_pair_from_either_side() {
    let w = world();
    let (a, b) = (signed_in(&w, "alice").await, signed_in(&w, "bob").await);
    let (first, created) = w.app.create_direct_conversation(&a, b.id()).await.unwrap();
    let (again, created_again) = w.app.create_direct_conversation(&b, a.id()).await.unwrap();
    assert!(created && !created_again);
    assert_eq!(first.conversation.id, again.conversation.id);
    assert_eq!(
        w.app
            .create_direct_conversation(&a, a.id())
            .await
            .unwrap_err()
            .code(),
        "bad_request"
    );
    let ghost = chat_domain::ids::UserId::new();
    assert_eq!(
        w.app
            .create_direct_conversation(&a, ghost)
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[tokio::test]
async fn group_membership_rules_hold_and_ownership_passes_on() {
    let w = world();
    let (owner, admin, plain, newbie) = (
        signed_in(&w, "owner").await,
        signed_in(&w, "admin").await,
        signed_in(&w, "plain").await,
        signed_in(&w, "newbie").await,
    );
    let g = w
        .app
        .create_group(
            &owner,
            CreateGroup {
                title: "团队".into(),
                member_ids: vec![admin.id(), plain.id(), admin.id()],
            },
        )
        .await
        .unwrap();
    let id = g.conversation.id;
    assert_eq!(g.members.len(), 3);
    assert_eq!(
        w.app
            .add_member(&plain, id, newbie.id())
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    w.app.add_member(&owner, id, newbie.id()).await.unwrap();
    assert_eq!(
        w.app
            .add_member(&owner, id, newbie.id())
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    assert_eq!(
        w.app
            .remove_member(&plain, id, newbie.id())
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    w.app.remove_member(&newbie, id, newbie.id()).await.unwrap(); // leave
    assert_eq!(
        w.app
            .get_history(&newbie, id, HistoryQuery::default())
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );

    // The owner leaves: the two remaining members joined at the same instant, so the
    // tie goes to the smaller id (the same on every backend).
    w.app.remove_member(&owner, id, owner.id()).await.unwrap();
    let detail = w.app.get_conversation(&admin, id).await.unwrap();
    let owners: Vec<_> = detail
        .members
        .iter()
        .filter(|p| p.role == ParticipantRole::Owner)
        .collect();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0].user_id, admin.id().min(plain.id()));
    assert_eq!(detail.members.len(), 2);
}

#[tokio::test]
async fn history_unread_counts_and_activity_order() {
    let w = world();
    let (a, b) = (signed_in(&w, "alice").await, signed_in(&w, "bob").await);
    let (dm, _) = w.app.create_direct_conversation(&a, b.id()).await.unwrap();
    let g = w
        .app
        .create_group(
            &a,
            CreateGroup {
                title: "g".into(),
                member_ids: vec![b.id()],
            },
        )
        .await
        .unwrap();
    for i in 1..=5 {
        w.clock.advance(Duration::seconds(1));
        w.app
            .send_message(
                &a,
                SendMessage::text(dm.conversation.id, &format!("d{i}"), &format!("dm {i}")),
            )
            .await
            .unwrap();
    }
    w.clock.advance(Duration::seconds(1));
    w.app
        .send_message(&a, SendMessage::text(g.conversation.id, "g1", "group"))
        .await
        .unwrap();
    w.app.mark_read(&b, dm.conversation.id, 2).await.unwrap();

    let list = w.app.list_conversations(&b).await.unwrap();
    assert_eq!(
        list[0].conversation.id, g.conversation.id,
        "newest activity first"
    );
    assert_eq!(
        (list[0].unread, list[1].unread, list[1].last_seq),
        (1, 3, 5)
    );
    assert_eq!(list[1].last_message.as_ref().unwrap().body.as_str(), "dm 5");

    let page = w
        .app
        .get_history(
            &b,
            dm.conversation.id,
            HistoryQuery {
                before_seq: Some(5),
                limit: Some(2),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(page.iter().map(|m| m.seq.get()).collect::<Vec<_>>(), [3, 4]);
    // A client that has seen nothing pages from the start.
    let from_start = HistoryQuery {
        after_seq: Some(0),
        limit: Some(2),
        ..Default::default()
    };
    let page = w
        .app
        .get_history(&b, dm.conversation.id, from_start)
        .await
        .unwrap();
    assert_eq!(page.iter().map(|m| m.seq.get()).collect::<Vec<_>>(), [1, 2]);
    let bad = HistoryQuery {
        before_seq: Some(0),
        ..Default::default()
    };
    assert_eq!(
        w.app
            .get_history(&b, dm.conversation.id, bad)
            .await
            .unwrap_err()
            .code(),
        "bad_request"
    );
}

#[tokio::test]
async fn presence_goes_online_at_the_first_device_and_offline_at_the_last() {
    let w = world();
    let (a, b, stranger) = (
        signed_in(&w, "alice").await,
        signed_in(&w, "bob").await,
        signed_in(&w, "carol").await,
    );
    // Opening a conversation with someone, or adding them to a group, shares nothing:
    // presence is shared once both have sent a message in a conversation they share.
    let (dm, _) = w.app.create_direct_conversation(&a, b.id()).await.unwrap();
    let group = CreateGroup {
        title: "team".into(),
        member_ids: vec![b.id(), stranger.id()],
    };
    let group = w.app.create_group(&a, group).await.unwrap();
    let say = |who: &Actor, conv, id: &str| {
        let (app, who) = (w.app.clone(), who.clone());
        let cmd = SendMessage::text(conv, id, "hi");
        async move { app.send_message(&who, cmd).await.unwrap() }
    };
    say(&a, group.conversation.id, "g1").await;
    say(&a, dm.conversation.id, "d1").await;
    let shown = |viewer: &Actor| {
        let (app, viewer, asked) = (
            w.app.clone(),
            viewer.clone(),
            vec![a.id(), b.id(), stranger.id()],
        );
        async move {
            let seen = app.get_presence(&viewer, &asked).await.unwrap();
            seen.iter()
                .map(|p| p.user_id)
                .filter(|u| *u != viewer.id())
                .collect::<Vec<_>>()
        }
    };
    assert!(shown(&b).await.is_empty(), "only alice has sent");
    assert!(
        shown(&stranger).await.is_empty(),
        "added to a group, never sent"
    );
    say(&b, dm.conversation.id, "d2").await;
    assert_eq!(shown(&b).await, vec![a.id()]);
    assert_eq!(
        shown(&stranger).await,
        Vec::<chat_domain::ids::UserId>::new()
    );
    let (watch, stranger_sink) = (RecordingSink::new(10), RecordingSink::new(10));
    w.app.connect(&b, watch.clone()).await.unwrap();
    w.app
        .connect(&stranger, stranger_sink.clone())
        .await
        .unwrap();

    let phone = w.app.connect(&a, RecordingSink::new(10)).await.unwrap();
    let laptop = w.app.connect(&a, RecordingSink::new(10)).await.unwrap();
    w.app.disconnect(phone).await.unwrap();
    w.clock.advance(Duration::seconds(3));
    w.app.disconnect(laptop).await.unwrap();
    let got = watch.wait_for(2).await;
    assert!(matches!(
        got[0],
        DomainEvent::PresenceChanged {
            status: PresenceStatus::Online,
            ..
        }
    ));
    assert!(matches!(
        got[1],
        DomainEvent::PresenceChanged {
            status: PresenceStatus::Offline,
            last_seen: Some(_),
            ..
        }
    ));
    assert!(
        stranger_sink.events().is_empty(),
        "presence is not shown to strangers"
    );

    let seen = w
        .app
        .get_presence(&b, &[a.id(), stranger.id()])
        .await
        .unwrap();
    assert_eq!(seen.len(), 1, "strangers are left out");
    assert_eq!(seen[0].status, PresenceStatus::Offline);
}

#[tokio::test]
async fn offline_members_get_a_push_unless_they_muted_and_online_ones_never() {
    let w = world();
    let (alice, bob, carol, dave) = (
        signed_in(&w, "alice").await,
        signed_in(&w, "bob").await,
        signed_in(&w, "carol").await,
        signed_in(&w, "dave").await,
    );
    let g = w
        .app
        .create_group(
            &alice,
            CreateGroup {
                title: "g".into(),
                member_ids: vec![bob.id(), carol.id(), dave.id()],
            },
        )
        .await
        .unwrap();
    // Bob is online; carol and dave are not, and carol muted the group.
    w.app.connect(&bob, RecordingSink::new(10)).await.unwrap();
    w.app
        .set_muted(&carol, g.conversation.id, true)
        .await
        .unwrap();
    let sent = w
        .app
        .send_message(
            &alice,
            SendMessage::text(g.conversation.id, "m1", &"長".repeat(150)),
        )
        .await
        .unwrap();
    let pushed = w.push.drain();
    assert_eq!(pushed.len(), 1, "{pushed:?}");
    let n = &pushed[0];
    assert_eq!((n.user_id, n.seq, n.sender_id), (dave.id(), 1, alice.id()));
    assert_eq!(n.message_id, sent.message.id);
    assert_eq!(n.preview.chars().count(), 100);
    // A retry delivers nothing again, so it pushes nothing again.
    w.app
        .send_message(&alice, SendMessage::text(g.conversation.id, "m1", "x"))
        .await
        .unwrap();
    assert!(w.push.drain().is_empty());
    // A full queue drops and counts, and the send still succeeds.
    for i in 0..5 {
        w.app
            .send_message(
                &alice,
                SendMessage::text(g.conversation.id, &format!("f{i}"), "x"),
            )
            .await
            .unwrap();
    }
    assert_eq!((w.push.drain().len(), w.app.push_dropped()), (3, 2));
    // Non-members cannot mute.
    let stranger = signed_in(&w, "eve").await;
    let err = w
        .app
        .set_muted(&stranger, g.conversation.id, true)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
}

#[tokio::test]
async fn the_name_given_with_an_attachment_is_cleaned_like_an_upload_name() {
    let w = world();
    let (alice, bob) = (signed_in(&w, "alice").await, signed_in(&w, "bob").await);
    let (dm, _) = w
        .app
        .create_direct_conversation(&alice, bob.id())
        .await
        .unwrap();
    let upload = UploadFile {
        bytes: b"minutes".to_vec(),
        name: Some("notes.txt".into()),
    };
    let file = w.app.upload_file(&alice, upload).await.unwrap();
    for (n, (given, stored)) in [
        ("a\r\nb\u{0}c/../../x", Some("x")),
        ("..\\..\\evil\"name\".txt", Some("evilname.txt")),
        ("../", Some("notes.txt")),
    ]
    .into_iter()
    .enumerate()
    {
        let cmd = SendMessage {
            content: Content::File(Attachment {
                file_id: file.id,
                name: Some(given.into()),
            }),
            ..SendMessage::text(dm.conversation.id, &format!("att-{n}"), "")
        };
        let sent = w.app.send_message(&alice, cmd).await.unwrap();
        let body: serde_json::Value = serde_json::from_str(sent.message.body.as_str()).unwrap();
        assert_eq!(body["name"].as_str(), stored, "{given:?}");
    }
}

#[tokio::test]
async fn guesses_at_one_username_are_slowed_from_every_address_and_the_owner_waits_one_window() {
    let w = world();
    signed_in(&w, "ana").await;
    let guess = |name: &str, i: usize| Login {
        client_addr: Some(format!("198.51.100.{i}")),
        ..Login::new(name, "wrong-password")
    };
    // The existing and the unknown name get the same answers: nothing tells them apart.
    // (ana's sign-in above was the first of her six attempts this minute.)
    for (name, allowed) in [("ana", 5), ("nobody", 6)] {
        for i in 0..allowed {
            let err = w.app.login(guess(name, i)).await.unwrap_err();
            assert_eq!(err.code(), "unauthorized", "{name} {i}");
        }
        let err = w.app.login(guess(name, 99)).await.unwrap_err();
        assert_eq!(
            err.code(),
            "rate_limited",
            "{name}: past 6 attempts a minute"
        );
    }
    // The real owner is refused now...
    let err = w.app.login(Login::new("ANA", PW)).await.unwrap_err();
    assert_eq!(
        err.code(),
        "rate_limited",
        "the name counts without regard to case"
    );
    // ...and gets in once the window has passed.
    w.clock.advance(Duration::seconds(61));
    w.app.login(Login::new("ana", PW)).await.unwrap();
}

#[tokio::test]
async fn the_first_exchange_tells_both_sides_each_others_presence_at_once() {
    let w = world();
    let (a, b) = (signed_in(&w, "alice").await, signed_in(&w, "bob").await);
    let (dm, _) = w.app.create_direct_conversation(&a, b.id()).await.unwrap();
    let (a_sink, b_sink) = (RecordingSink::new(10), RecordingSink::new(10));
    w.app.connect(&a, a_sink.clone()).await.unwrap();
    w.app.connect(&b, b_sink.clone()).await.unwrap();
    let presence_of = |sink: &RecordingSink| -> Vec<_> {
        sink.events()
            .into_iter()
            .filter_map(|e| match e {
                DomainEvent::PresenceChanged {
                    user_id, status, ..
                } => Some((user_id, status)),
                _ => None,
            })
            .collect()
    };
    let cmd = SendMessage::text(dm.conversation.id, "a1", "hi");
    w.app.send_message(&a, cmd).await.unwrap();
    assert!(presence_of(&b_sink).is_empty(), "only alice has sent");
    let cmd = SendMessage::text(dm.conversation.id, "b1", "hi alice");
    w.app.send_message(&b, cmd).await.unwrap();
    assert_eq!(presence_of(&a_sink), vec![(b.id(), PresenceStatus::Online)]);
    assert_eq!(presence_of(&b_sink), vec![(a.id(), PresenceStatus::Online)]);
    let cmd = SendMessage::text(dm.conversation.id, "b2", "again");
    w.app.send_message(&b, cmd).await.unwrap();
    assert_eq!(
        presence_of(&a_sink).len(),
        1,
        "a later send introduces nobody again"
    );
}

#[tokio::test]
async fn uploads_are_rate_limited_per_user() {
    let w = world();
    let (a, b) = (signed_in(&w, "alice").await, signed_in(&w, "bob").await);
    let upload = || UploadFile {
        bytes: b"a few bytes".to_vec(),
        name: Some("n.txt".into()),
    };
    for i in 0..20 {
        w.app
            .upload_file(&a, upload())
            .await
            .unwrap_or_else(|e| panic!("{i}: {e}"));
    }
    let err = w.app.upload_file(&a, upload()).await.unwrap_err();
    assert_eq!(err.code(), "rate_limited");
    w.app
        .upload_file(&b, upload())
        .await
        .expect("another user is not limited");
    w.clock.advance(Duration::seconds(61));
    w.app.upload_file(&a, upload()).await.expect("a new window");
}

#[tokio::test]
async fn an_upload_past_the_quota_is_too_large_and_leaves_nothing() {
    let chat = chat_core::Chat::builder()
        .hasher(Arc::new(Argon2Hasher::fast_for_tests()))
        .settings(Settings {
            upload_quota_bytes: 100,
            ..Settings::default()
        })
        .build();
    let w = World {
        app: chat.app().clone(),
        clock: Arc::new(ManualClock::new(chrono::Utc::now())),
        push: Arc::new(MemoryPush::with_capacity(3)),
    };
    let (a, b) = (signed_in(&w, "alice").await, signed_in(&w, "bob").await);
    let upload = |n: usize| UploadFile {
        bytes: vec![b'x'; n],
        name: None,
    };
    w.app.upload_file(&a, upload(60)).await.unwrap();
    let err = w.app.upload_file(&a, upload(41)).await.unwrap_err();
    assert_eq!(err.code(), "too_large");
    w.app
        .upload_file(&a, upload(40))
        .await
        .expect("exactly up to the quota");
    let err = w.app.upload_file(&a, upload(1)).await.unwrap_err();
    assert_eq!(err.code(), "too_large", "the quota is reached");
    let files = &w.app.ports().files;
    assert_eq!(
        files.usage(a.id()).await.unwrap(),
        100,
        "the refused ones left nothing"
    );
    w.app.upload_file(&b, upload(100)).await.expect("per user");
}

#[tokio::test]
async fn a_pipelined_batch_of_first_sends_introduces_the_sender_once() {
    let w = world();
    let (a, b) = (signed_in(&w, "alice").await, signed_in(&w, "bob").await);
    let (dm, _) = w.app.create_direct_conversation(&a, b.id()).await.unwrap();
    let a_sink = RecordingSink::new(20);
    w.app.connect(&a, a_sink.clone()).await.unwrap();
    w.app.connect(&b, RecordingSink::new(20)).await.unwrap();
    let cmd = SendMessage::text(dm.conversation.id, "a1", "hi");
    w.app.send_message(&a, cmd).await.unwrap();
    let batch = (1..=3)
        .map(|i| SendMessage::text(dm.conversation.id, &format!("b{i}"), "hi"))
        .collect();
    w.app.send_messages(&b, batch, |r| assert!(r.is_ok())).await;
    let introductions = a_sink
        .events()
        .into_iter()
        .filter(|e| matches!(e, DomainEvent::PresenceChanged { user_id, .. } if *user_id == b.id()))
        .count();
    assert_eq!(introductions, 1);
}
