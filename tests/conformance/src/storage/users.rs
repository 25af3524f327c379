use chat_domain::values::Username;
use chat_domain::RepoError;

use crate::fixtures::{t0, user};
use crate::StorageHarness;

/// A stored user reads back equal, by id and by username in any case.
pub async fn it_should_create_and_get_a_user(h: &impl StorageHarness) {
    let s = h.open().await;
    let alice = user("Alice_1");
    s.users.create(&alice).await.unwrap();

    let s = h.reopen().await;
    assert_eq!(s.users.get(alice.id).await.unwrap(), alice);
    let by_name = s
        .users
        .find_by_username(&Username::parse("aLiCe_1").unwrap())
        .await;
    assert_eq!(by_name.unwrap(), Some(alice.clone()));
    assert_eq!(
        s.users
            .find_by_username(&Username::parse("nobody").unwrap())
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        s.users
            .get_many(&[alice.id, user("ghost").id])
            .await
            .unwrap(),
        vec![alice]
    );
    assert_eq!(s.users.count().await.unwrap(), 1);
}

/// Usernames are unique without regard to case, and a rejected create writes nothing.
pub async fn it_should_reject_a_taken_username_without_regard_to_case(h: &impl StorageHarness) {
    let s = h.open().await;
    s.users.create(&user("bob")).await.unwrap();
    let twin = user("BOB");
    let err = s.users.create(&twin).await.unwrap_err();
    assert!(matches!(err, RepoError::Conflict(_)), "{err:?}");

    let s = h.reopen().await;
    assert!(matches!(
        s.users.get(twin.id).await,
        Err(RepoError::NotFound(_))
    ));
    assert_eq!(s.users.count().await.unwrap(), 1);
}

/// An unknown id is NotFound; banning one is NotFound too.
pub async fn it_should_report_not_found_for_an_unknown_user(h: &impl StorageHarness) {
    let s = h.open().await;
    let ghost = user("ghost");
    assert!(matches!(
        s.users.get(ghost.id).await,
        Err(RepoError::NotFound(_))
    ));
    assert!(matches!(
        s.users.set_banned(ghost.id, true).await,
        Err(RepoError::NotFound(_))
    ));
}

/// Search matches a case-insensitive prefix, in username order, and pages with `after`.
pub async fn it_should_search_users_by_prefix_in_order_with_paging(h: &impl StorageHarness) {
    let s = h.open().await;
    for name in ["carol", "Carl", "cab", "dave", "car.x"] {
        s.users.create(&user(name)).await.unwrap();
    }
    let s = h.reopen().await;
    let names = |v: Vec<chat_domain::entities::User>| {
        v.into_iter()
            .map(|u| u.username.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(s.users.search("CAR", None, 10).await.unwrap()),
        ["car.x", "Carl", "carol"]
    );
    assert_eq!(
        names(s.users.search("car", None, 2).await.unwrap()),
        ["car.x", "Carl"]
    );
    assert_eq!(
        names(s.users.search("car", Some("carl"), 10).await.unwrap()),
        ["carol"]
    );
    assert_eq!(s.users.search("zzz", None, 10).await.unwrap(), vec![]);
    assert_eq!(names(s.users.search("", None, 10).await.unwrap()).len(), 5);
    assert_eq!(
        names(s.users.search("", Some("carol"), 10).await.unwrap()),
        ["dave"]
    );
}

/// The banned flag sets, clears, and persists.
pub async fn it_should_ban_and_unban_a_user(h: &impl StorageHarness) {
    let s = h.open().await;
    let eve = user("eve");
    s.users.create(&eve).await.unwrap();
    assert!(s.users.set_banned(eve.id, true).await.unwrap().banned);
    // After a restart, only the new handles are in use.
    let s = h.reopen().await;
    assert!(s.users.get(eve.id).await.unwrap().banned);
    assert!(!s.users.set_banned(eve.id, false).await.unwrap().banned);
    assert!(!h.reopen().await.users.get(eve.id).await.unwrap().banned);
}

/// Sign-ups are counted per UTC hour from `since` on, oldest first, hours without any
/// left out; the counts survive a restart.
pub async fn it_should_count_accounts_created_per_hour(h: &impl StorageHarness) {
    use chrono::{Duration, DurationRound};
    let s = h.open().await;
    let hour = t0().duration_trunc(Duration::hours(1)).unwrap();
    let made = [
        ("early", hour - Duration::hours(3)),
        ("prior", hour - Duration::minutes(1)),
        ("first", hour),
        (
            "second",
            hour + Duration::minutes(59) + Duration::microseconds(999_999),
        ),
        ("later", hour + Duration::hours(2) + Duration::seconds(1)),
    ];
    for (name, at) in made {
        let mut u = user(name);
        u.created_at = at;
        s.users.create(&u).await.unwrap();
    }
    let since = hour - Duration::hours(1);
    let want = vec![
        (hour - Duration::hours(1), 1),
        (hour, 2),
        (hour + Duration::hours(2), 1),
    ];
    assert_eq!(s.users.created_per_hour(since).await.unwrap(), want);
    let s = h.reopen().await;
    assert_eq!(s.users.created_per_hour(since).await.unwrap(), want);
    assert_eq!(
        s.users
            .created_per_hour(hour + Duration::hours(3))
            .await
            .unwrap(),
        vec![]
    );
}
