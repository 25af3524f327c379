use http::Method;

use chat_protocol::http::{LoginRequest, RegisterRequest};
use chat_protocol::objects::{FullUser, User as WireUser, UserRole};

use crate::world::{login, unique, user, PW};
use crate::Target;

/// Sign-up, login, the caller's account, and a session that ends at once on logout.
pub async fn it_should_sign_up_log_in_and_end_a_session(t: &Target) {
    let alice = user(t, "alice").await;
    let me: FullUser = t.get("/api/v1/me", &alice.token).await.expect(200).parse();
    assert_eq!(
        (me.user.id, me.user.username.as_str()),
        (alice.id, alice.name.as_str())
    );
    assert_eq!((me.role, me.banned), (UserRole::User, false));

    let wrong = LoginRequest {
        username: alice.name.clone(),
        password: "not the password".into(),
        challenge: None,
    };
    let r = t.post("/api/v1/sessions", None, &wrong).await.expect(401);
    assert_eq!(r.code(), "unauthorized");

    let again = RegisterRequest {
        username: alice.name.to_uppercase(),
        password: PW.into(),
        display_name: None,
        challenge: None,
    };
    let r = t.post("/api/v1/users", None, &again).await.expect(409);
    assert_eq!(
        r.code(),
        "conflict",
        "usernames are unique without regard to case"
    );
    let short = RegisterRequest {
        username: unique("bob"),
        password: "short".into(),
        display_name: None,
        challenge: None,
    };
    assert_eq!(
        t.post("/api/v1/users", None, &short)
            .await
            .expect(400)
            .code(),
        "bad_request"
    );

    let second = login(t, &alice.name).await;
    t.call(
        Method::DELETE,
        "/api/v1/sessions/current",
        Some(&alice.token),
        None::<&()>,
    )
    .await
    .expect(204);
    assert_eq!(
        t.get("/api/v1/me", &alice.token).await.expect(401).code(),
        "unauthorized"
    );
    t.get("/api/v1/me", &second.token).await.expect(200);
}

/// Users found by username prefix and by id; a display name as given.
pub async fn it_should_find_users_by_prefix_and_by_id(t: &Target) {
    let alice = user(t, "finder").await;
    let body = RegisterRequest {
        username: unique("zoe"),
        password: PW.into(),
        display_name: Some("Zoë 🌸".into()),
        challenge: None,
    };
    let zoe: WireUser = t
        .post("/api/v1/users", None, &body)
        .await
        .expect(201)
        .parse();
    assert_eq!(zoe.display_name, "Zoë 🌸");
    let found: Vec<WireUser> = t
        .get(
            &format!("/api/v1/users?query={}", &zoe.username[..8]),
            &alice.token,
        )
        .await
        .expect(200)
        .parse();
    assert!(found.iter().any(|u| u.id == zoe.id), "{found:?}");
    let by_id: Vec<WireUser> = t
        .get(
            &format!("/api/v1/users?id={}&id={}", zoe.id, alice.id),
            &alice.token,
        )
        .await
        .expect(200)
        .parse();
    assert_eq!(by_id.len(), 2);
    t.get("/api/v1/users?id=not-a-uuid", &alice.token)
        .await
        .expect(400);
    t.call(Method::GET, "/api/v1/users?query=a", None, None::<&()>)
        .await
        .expect(401);
}
