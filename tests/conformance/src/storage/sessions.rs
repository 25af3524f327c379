use chrono::Duration;

use chat_domain::entities::Session;
use chat_domain::ids::UserId;
use chat_domain::values::TokenHash;
use chat_domain::RepoError;

use crate::fixtures::t0;
use crate::StorageHarness;

fn session(user: UserId, tag: &str, ttl_s: i64) -> Session {
    Session {
        token_hash: TokenHash::from_hex(format!("{tag}-{}", uuid::Uuid::new_v4().simple())),
        user_id: user,
        created_at: t0(),
        expires_at: t0() + Duration::seconds(ttl_s),
        last_used_at: t0(),
        user_agent: None,
    }
}

/// A session is found until the instant it expires, and not from then on.
pub async fn it_should_find_an_active_session_until_it_expires(h: &impl StorageHarness) {
    let s = h.open().await;
    let sess = session(UserId::new(), "a", 60);
    s.sessions.create(&sess).await.unwrap();
    assert!(matches!(
        s.sessions.create(&sess).await,
        Err(RepoError::Conflict(_))
    ));

    let s = h.reopen().await;
    let found = s
        .sessions
        .find_active(&sess.token_hash, t0())
        .await
        .unwrap();
    assert_eq!(found, Some(sess.clone()));
    let just_before = t0() + Duration::seconds(59);
    assert!(s
        .sessions
        .find_active(&sess.token_hash, just_before)
        .await
        .unwrap()
        .is_some());
    let at_expiry = t0() + Duration::seconds(60);
    assert_eq!(
        s.sessions
            .find_active(&sess.token_hash, at_expiry)
            .await
            .unwrap(),
        None
    );
    let unknown = TokenHash::from_hex("unknown");
    assert_eq!(s.sessions.find_active(&unknown, t0()).await.unwrap(), None);
}

/// A user's active sessions are listed oldest first: not another user's, not an expired
/// or revoked one.
pub async fn it_should_list_a_users_active_sessions_oldest_first(h: &impl StorageHarness) {
    let s = h.open().await;
    let (u, other) = (UserId::new(), UserId::new());
    let mut newer = session(u, "newer", 600);
    newer.created_at = t0() + Duration::seconds(5);
    let older = session(u, "older", 600);
    let short = session(u, "short", 10);
    let gone = session(u, "gone", 600);
    for x in [&newer, &older, &short, &gone, &session(other, "x", 600)] {
        s.sessions.create(x).await.unwrap();
    }
    s.sessions.revoke(&gone.token_hash).await.unwrap();

    let s = h.reopen().await;
    let at = |secs| t0() + Duration::seconds(secs);
    let listed = s.sessions.list_active(u, at(0)).await.unwrap();
    let hashes: Vec<_> = listed.iter().map(|x| x.token_hash.clone()).collect();
    let mut first_two = [older.token_hash.clone(), short.token_hash.clone()];
    first_two.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    assert_eq!(hashes[..2], first_two[..], "same created_at: by token hash");
    assert_eq!(hashes[2], newer.token_hash);
    assert_eq!(hashes.len(), 3);
    assert_eq!(listed[2], newer);
    let later = s.sessions.list_active(u, at(10)).await.unwrap();
    assert_eq!(later, vec![older, newer], "expired at its expires_at");
    assert!(s
        .sessions
        .list_active(UserId::new(), at(0))
        .await
        .unwrap()
        .is_empty());
}

/// Revoking one session leaves the others; revoking all ends every session of the user only.
pub async fn it_should_revoke_one_session_or_all_of_a_user(h: &impl StorageHarness) {
    let s = h.open().await;
    let (u, other) = (UserId::new(), UserId::new());
    let (a, b, c) = (
        session(u, "a", 600),
        session(u, "b", 600),
        session(u, "c", 600),
    );
    let keep = session(other, "k", 600);
    for x in [&a, &b, &c, &keep] {
        s.sessions.create(x).await.unwrap();
    }
    assert!(s.sessions.revoke(&a.token_hash).await.unwrap());
    assert!(!s.sessions.revoke(&a.token_hash).await.unwrap());

    let s = h.reopen().await;
    assert_eq!(
        s.sessions.find_active(&a.token_hash, t0()).await.unwrap(),
        None
    );
    assert!(s
        .sessions
        .find_active(&b.token_hash, t0())
        .await
        .unwrap()
        .is_some());
    assert_eq!(s.sessions.revoke_all(u).await.unwrap(), 2);

    let s = h.reopen().await;
    assert_eq!(
        s.sessions.find_active(&b.token_hash, t0()).await.unwrap(),
        None
    );
    assert_eq!(
        s.sessions.find_active(&c.token_hash, t0()).await.unwrap(),
        None
    );
    assert!(s
        .sessions
        .find_active(&keep.token_hash, t0())
        .await
        .unwrap()
        .is_some());
}

/// Purging removes exactly the expired sessions.
pub async fn it_should_purge_expired_sessions(h: &impl StorageHarness) {
    let s = h.open().await;
    let u = UserId::new();
    let (short, long) = (session(u, "s", 10), session(u, "l", 1000));
    s.sessions.create(&short).await.unwrap();
    s.sessions.create(&long).await.unwrap();
    assert_eq!(
        s.sessions
            .purge_expired(t0() + Duration::seconds(100))
            .await
            .unwrap(),
        1
    );
    let s = h.reopen().await;
    assert!(s
        .sessions
        .find_active(&long.token_hash, t0())
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        s.sessions
            .find_active(&short.token_hash, t0())
            .await
            .unwrap(),
        None
    );
}
