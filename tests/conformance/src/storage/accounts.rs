//! Accounts beyond a person with a password (bots, a host service's users) and what a
//! session keeps to show its owner.

use chrono::Duration;

use chat_domain::entities::Session;
use chat_domain::ids::UserId;
use chat_domain::values::{HostIdentity, TokenHash, UserAgent, Username};
use chat_domain::RepoError;

use crate::fixtures::{t0, user};
use crate::StorageHarness;

fn host(subject: &str) -> HostIdentity {
    HostIdentity::parse("https://id.example", subject).unwrap()
}

/// A host's user and a bot, both without a password, read back as they were; a host
/// identity maps to one user (exactly: case counts), also when two creates race.
pub async fn it_should_map_one_user_to_each_host_identity(h: &impl StorageHarness) {
    let s = h.open().await;
    let mut ext = user("ext_42");
    ext.password_hash = None;
    ext.host = Some(host("42"));
    let mut bot = user("ci-bot");
    bot.password_hash = None;
    bot.bot = true;
    s.users.create(&ext).await.unwrap();
    s.users.create(&bot).await.unwrap();
    let mut twin = user("other_name");
    twin.host = Some(host("42"));
    let err = s.users.create(&twin).await.unwrap_err();
    assert!(matches!(err, RepoError::Conflict(_)), "{err:?}");
    let mut upper = user("upper");
    upper.host = Some(host("Ab"));
    let mut lower = user("lower");
    lower.host = Some(host("ab"));
    s.users.create(&upper).await.unwrap();
    s.users.create(&lower).await.unwrap();

    let racers: Vec<_> = (0..6)
        .map(|i| {
            let mut u = user(&format!("racer{i}"));
            u.host = Some(host("racing"));
            u
        })
        .collect();
    let tasks: Vec<_> = racers
        .iter()
        .map(|u| {
            let (users, u) = (s.users.clone(), u.clone());
            tokio::spawn(async move { users.create(&u).await })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(()) => created += 1,
            Err(e) => assert!(matches!(e, RepoError::Conflict(_)), "{e:?}"),
        }
    }
    assert_eq!(created, 1);

    let s = h.reopen().await;
    assert_eq!(
        s.users.find_by_host(&host("42")).await.unwrap(),
        Some(ext.clone())
    );
    assert_eq!(s.users.get(bot.id).await.unwrap(), bot);
    assert_eq!(
        s.users.find_by_host(&host("ab")).await.unwrap(),
        Some(lower)
    );
    assert_eq!(
        s.users.find_by_host(&host("Ab")).await.unwrap(),
        Some(upper)
    );
    assert_eq!(s.users.find_by_host(&host("43")).await.unwrap(), None);
    let other_issuer = HostIdentity::parse("", "42").unwrap();
    assert_eq!(s.users.find_by_host(&other_issuer).await.unwrap(), None);
    assert!(matches!(
        s.users.get(twin.id).await,
        Err(RepoError::NotFound(_))
    ));
    let winner = s
        .users
        .find_by_host(&host("racing"))
        .await
        .unwrap()
        .unwrap();
    assert!(racers.iter().any(|r| r.id == winner.id));
    let name = Username::parse("ext_42").unwrap();
    assert_eq!(s.users.find_by_username(&name).await.unwrap(), Some(ext));
}

/// A session keeps its client's label; its last use moves forward only, and a touch of
/// an unknown or revoked session changes nothing.
pub async fn it_should_keep_a_sessions_client_and_last_use(h: &impl StorageHarness) {
    let s = h.open().await;
    let u = UserId::new();
    let session = Session {
        token_hash: TokenHash::from_hex(format!("ua-{}", uuid::Uuid::new_v4().simple())),
        user_id: u,
        created_at: t0(),
        expires_at: Session::never_expires(),
        last_used_at: t0(),
        user_agent: UserAgent::from_header("Mozilla/5.0 (X11; Linux) 浏览器/1.0"),
    };
    let gone = Session {
        token_hash: TokenHash::from_hex(format!("gone-{}", uuid::Uuid::new_v4().simple())),
        user_agent: None,
        ..session.clone()
    };
    s.sessions.create(&session).await.unwrap();
    s.sessions.create(&gone).await.unwrap();
    s.sessions.revoke(&gone.token_hash).await.unwrap();
    let later = t0() + Duration::minutes(5);
    s.sessions.touch(&session.token_hash, later).await.unwrap();
    s.sessions
        .touch(&session.token_hash, t0() + Duration::minutes(1))
        .await
        .unwrap();
    s.sessions.touch(&gone.token_hash, later).await.unwrap();
    let unknown = TokenHash::from_hex("never-stored");
    s.sessions.touch(&unknown, later).await.unwrap();

    let s = h.reopen().await;
    let found = s
        .sessions
        .find_active(&session.token_hash, later)
        .await
        .unwrap();
    let want = Session {
        last_used_at: later,
        ..session
    };
    assert_eq!(found.as_ref(), Some(&want));
    assert_eq!(s.sessions.list_active(u, later).await.unwrap(), vec![want]);
    assert_eq!(
        s.sessions
            .find_active(&gone.token_hash, t0())
            .await
            .unwrap(),
        None
    );
    assert_eq!(s.sessions.find_active(&unknown, t0()).await.unwrap(), None);
}
