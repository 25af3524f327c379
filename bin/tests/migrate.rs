//! `chat-server migrate`: TXT → MySQL with the real binary, then MySQL → TXT, and
//! TXT → PostgreSQL → MySQL → TXT, then MySQL → PostgreSQL → TXT: everything (users,
//! conversations, members, read cursors, messages, bots, a host's users, webhooks) comes
//! out equal.

use std::path::{Path, PathBuf};

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_adapter_mysql::MysqlConfig;
use chat_adapter_postgres::testing::TestSchema;
use chat_adapter_postgres::PostgresConfig;
use chat_adapter_txt::TxtConfig;
use chat_conformance::fixtures::{direct, group, member, text, user};
use chat_conformance::services::unreachable_service;
use chat_domain::entities::{Conversation, Message, Participant, ParticipantRole, User, Webhook};
use chat_domain::ports::Storage;
use chat_domain::values::{Limit, PageQuery, Seq};
use chat_server::migrate::{migrate, Endpoint, Moved};

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let p =
            std::env::temp_dir().join(format!("chat-migrate-{}", uuid::Uuid::new_v4().simple()));
        Self(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

type Snapshot = (
    Vec<User>,
    Vec<(Conversation, Vec<Participant>, Vec<Message>, Vec<Webhook>)>,
    Vec<Vec<(chat_domain::ids::UserId, chrono::DateTime<chrono::Utc>)>>,
);

/// Everything a store holds, in a stable order.
async fn snapshot(p: &Storage) -> Snapshot {
    let users = p.users.search("", None, 1000).await.unwrap();
    let mut conversations = Vec::new();
    for c in p.conversations.list(None, 1000).await.unwrap() {
        let members = p.conversations.participants(c.id).await.unwrap();
        let mut messages = Vec::new();
        let last = p.messages.last_seq(c.id).await.unwrap();
        let mut before = Seq::new(last + 1).ok();
        while let Some(b) = before.filter(|b| b.get() > 1) {
            let page = p
                .messages
                .page(c.id, PageQuery::before(b, Limit::new(100).unwrap()))
                .await
                .unwrap();
            before = page.first().map(|m| m.seq);
            messages.splice(0..0, page);
        }
        assert_eq!(messages.len() as u64, last);
        let webhooks = p.webhooks.list(c.id).await.unwrap();
        conversations.push((c, members, messages, webhooks));
    }
    let mut blocks = Vec::new();
    for u in &users {
        blocks.push(p.blocks.blocked_by(u.id).await.unwrap());
    }
    (users, conversations, blocks)
}

async fn fill(p: &Storage) -> Moved {
    let (alice, bob, carol) = (user("alice"), user("Bob.B"), user("carol_c"));
    let (mut bot, mut ext) = (user("hook-ci"), user("user-42"));
    bot.bot = true;
    bot.password_hash = None;
    ext.password_hash = None;
    ext.host = Some(chat_domain::values::HostIdentity::parse("https://id.example", "42").unwrap());
    for u in [&alice, &bob, &carol, &bot, &ext] {
        p.users.create(u).await.unwrap();
    }
    let g = group(alice.id, "家人 👨‍👩‍👧");
    let members = [
        member(&g, alice.id, ParticipantRole::Owner, 0),
        member(&g, bob.id, ParticipantRole::Admin, 1),
        member(&g, carol.id, ParticipantRole::Member, 2),
    ];
    p.conversations.create_group(&g, &members).await.unwrap();
    let hook = Webhook {
        id: chat_domain::ids::WebhookId::new(),
        conversation_id: g.id,
        name: chat_domain::values::DisplayName::parse("CI builds").unwrap(),
        token_hash: chat_domain::values::TokenHash::from_hex("ab".repeat(32)),
        bot_id: bot.id,
        created_by: alice.id,
        created_at: chat_conformance::fixtures::t0(),
    };
    p.webhooks.create(&hook).await.unwrap();
    let t = chat_conformance::fixtures::t0();
    p.blocks.block(alice.id, carol.id, t).await.unwrap();
    p.blocks
        .block(alice.id, bob.id, t + chrono::Duration::seconds(1))
        .await
        .unwrap();
    for i in 0..230 {
        let sender = [alice.id, bob.id, carol.id][i % 3];
        let mut m = text(g.id, sender, &format!("g-{i}"), &format!("消息 {i} 🎉"));
        if i % 7 == 0 {
            m.client_msg_id = None;
        }
        if i > 0 && i % 10 == 0 {
            m.reply_to = Seq::new(i as u64).ok();
        }
        p.messages.append(m).await.unwrap();
    }
    // A tombstone a moderator left keeps who and when; a recall stays a recall.
    let removal = chat_domain::entities::MessageChange::Remove(chat_domain::entities::Removal {
        by: alice.id,
        at: t + chrono::Duration::seconds(5),
    });
    let recall = chat_domain::entities::MessageChange::Recall;
    for (n, change) in [(5, &removal), (6, &recall)] {
        let at = Seq::new(n).unwrap();
        p.messages.change(g.id, at, change).await.unwrap();
    }
    p.conversations
        .advance_read_cursor(g.id, bob.id, 117)
        .await
        .unwrap();
    // Members' own state moves too: delivery cursors, mutes, who has sent.
    p.conversations
        .advance_delivered(g.id, bob.id, 120)
        .await
        .unwrap();
    p.conversations
        .set_muted(g.id, carol.id, true)
        .await
        .unwrap();
    for u in [alice.id, bob.id] {
        p.conversations.mark_sent(g.id, u).await.unwrap();
    }
    let (pair, dm, two) = direct(alice.id, carol.id);
    p.conversations
        .get_or_create_direct(pair, &dm, two)
        .await
        .unwrap();
    for i in 0..3 {
        p.messages
            .append(text(dm.id, carol.id, &format!("d-{i}"), "hi"))
            .await
            .unwrap();
    }
    // Everyone left this one; its history still moves.
    let empty = group(bob.id, "empty");
    p.conversations.create_group(&empty, &[]).await.unwrap();
    p.messages
        .append(text(empty.id, bob.id, "e-0", "anyone?"))
        .await
        .unwrap();
    Moved {
        users: 5,
        conversations: 3,
        messages: 234,
    }
}

async fn txt_snapshot(dir: &Path) -> Snapshot {
    let store = chat_adapter_txt::open(dir, TxtConfig::default()).unwrap();
    let snap = snapshot(&store).await;
    store.close().await;
    snap
}

async fn mysql_database() -> Option<TestDatabase> {
    let url = test_server_url();
    match TestDatabase::create(&url).await {
        Ok(db) => Some(db),
        Err(e) => unreachable_service("MySQL", &format!("{url}: {e}")),
    }
}

async fn postgres_schema() -> Option<TestSchema> {
    let url = chat_adapter_postgres::testing::test_server_url();
    match TestSchema::create(&url).await {
        Ok(schema) => Some(schema),
        Err(e) => unreachable_service("PostgreSQL", &format!("{url}: {e}")),
    }
}

/// A TXT store filled by [`fill`], with what it holds.
async fn filled_txt() -> (TempDir, Moved, Snapshot) {
    let source = TempDir::new();
    let store = chat_adapter_txt::open(&source.0, TxtConfig::default()).unwrap();
    let expected = fill(&store).await;
    store.close().await;
    let original = txt_snapshot(&source.0).await;
    (source, expected, original)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn txt_to_postgres_to_mysql_and_back_keeps_everything() {
    let (Some(pg), Some(my)) = (postgres_schema().await, mysql_database().await) else {
        return;
    };
    let (source, expected, original) = filled_txt().await;
    let back = TempDir::new();
    let (pg_end, my_end) = (Endpoint::Postgres(pg.url()), Endpoint::Mysql(my.url()));
    let hops = [
        (Endpoint::Txt(source.0.clone()), pg_end.clone()),
        (pg_end.clone(), my_end.clone()),
        (my_end, Endpoint::Txt(back.0.clone())),
    ];
    for (from, to) in &hops {
        let moved = migrate(from, to).await.unwrap();
        assert_eq!(moved, expected, "{from:?} -> {to:?}");
    }
    let postgres = chat_adapter_postgres::connect(&PostgresConfig::new(pg.url()))
        .await
        .unwrap();
    assert_eq!(snapshot(&postgres).await, original);
    postgres.close().await;
    assert_eq!(txt_snapshot(&back.0).await, original);
    // And the other way round, so every ordered pair of stores has been a hop.
    let pg2 = postgres_schema()
        .await
        .expect("PostgreSQL answered a moment ago");
    let (pg2_end, again) = (Endpoint::Postgres(pg2.url()), TempDir::new());
    migrate(&Endpoint::Mysql(my.url()), &pg2_end).await.unwrap();
    migrate(&pg2_end, &Endpoint::Txt(again.0.clone()))
        .await
        .unwrap();
    assert_eq!(txt_snapshot(&again.0).await, original);
    let again = migrate(&Endpoint::Txt(source.0.clone()), &pg_end).await;
    assert!(again.unwrap_err().contains("not empty"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn txt_to_mysql_and_back_keeps_everything() {
    let Some(db) = mysql_database().await else {
        return;
    };
    let (source, expected, original) = filled_txt().await;
    let back = TempDir::new();

    // The real binary, as an operator runs it.
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_chat-server"))
        .args([
            "migrate",
            "--from",
            &format!("txt:{}", source.0.display()),
            "--to",
            &db.url(),
        ])
        .env("CHAT_LOG", "warn")
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("copied 5 users, 3 conversations, 234 messages"),
        "{stdout}"
    );

    let mysql = chat_adapter_mysql::connect(&MysqlConfig::new(db.url()))
        .await
        .unwrap();
    assert_eq!(snapshot(&mysql).await, original);
    mysql.close().await;

    // And back, into a fresh directory.
    let to = Endpoint::Txt(back.0.clone());
    let moved = migrate(&Endpoint::Mysql(db.url()), &to).await.unwrap();
    assert_eq!(moved, expected);
    assert_eq!(txt_snapshot(&back.0).await, original);

    // A target that holds data is refused, and nothing is written to it.
    let again = migrate(&Endpoint::Txt(source.0.clone()), &Endpoint::Mysql(db.url())).await;
    assert!(again.unwrap_err().contains("not empty"));
}

#[test]
fn endpoints_parse_or_explain() {
    assert_eq!("txt:./data".parse(), Ok(Endpoint::Txt("./data".into())));
    assert_eq!(
        "mysql://root@db/chat".parse(),
        Ok(Endpoint::Mysql("mysql://root@db/chat".into()))
    );
    assert!("txt:".parse::<Endpoint>().is_err());
    assert_eq!(
        "postgres://postgres@db/chat".parse(),
        Ok(Endpoint::Postgres("postgres://postgres@db/chat".into()))
    );
    assert!("sqlite://x"
        .parse::<Endpoint>()
        .unwrap_err()
        .contains("txt:<dir>"));
}
