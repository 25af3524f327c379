//! Names, titles and reactions cannot spoof: bidi overrides, zero-width and other format
//! characters, invisible-only names and stacked combining marks are refused with 400,
//! while names in any script, emoji sequences and flags pass.

mod support;

use http::StatusCode;
use serde_json::json;
use support::*;

#[tokio::test]
async fn spoofing_names_titles_and_reactions_are_refused_and_real_ones_pass() {
    let s = Server::start().await;
    let zalgo = format!("z{}", "\u{301}".repeat(63));
    let spoofs = [
        "admin\u{202E}nimda",
        "\u{2067}evil\u{2069}",
        "ad\u{200B}min",
        "\u{FEFF}root",
        "ana\u{E0041}",
        "\u{200B}\u{200C}",
        "\u{3164}",
        zalgo.as_str(),
    ];
    for (i, name) in spoofs.iter().enumerate() {
        let body = json!({"username": format!("spoof{i}"), "password": PW, "display_name": name});
        let r = s.post("/api/v1/users", None, body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{name:?}: {}", r.text);
    }
    let real = [
        "Nguyễn Thị Hương",
        "王小明",
        "हिन्दी",
        "می\u{200C}خواهم",
        "家人 👨\u{200D}👩\u{200D}👧",
    ];
    for (i, name) in real.iter().enumerate() {
        let body = json!({"username": format!("real{i}"), "password": PW, "display_name": name});
        let r = s.post("/api/v1/users", None, body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{name:?}: {}", r.text);
    }

    let (ana, ben) = (s.user("ana").await, s.user("ben").await);
    for title in spoofs {
        let body = json!({"kind": "group", "title": title, "member_ids": [ben.id]});
        let r = s
            .post("/api/v1/conversations", Some(&ana.token), body)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{title:?}: {}", r.text);
    }
    let group = s.group(&ana, "家人 👨\u{200D}👩\u{200D}👧", &[&ben]).await;
    let mut ws = s.ws(&ana).await;
    let ack = ws.request(frames::send(&group, "m1", "hi"), "s").await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let path = format!("/api/v1/conversations/{group}/messages/1/reactions");
    for emoji in ["👍\u{202E}", "\u{200B}👍", "👍\u{E0041}", "\u{FEFF}"] {
        let r = s
            .post(&path, Some(&ben.token), json!({"emoji": emoji, "on": true}))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{emoji:?}: {}", r.text);
    }
    let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
    for emoji in ["👨‍👩‍👧", england, "❤️"] {
        let r = s
            .post(&path, Some(&ben.token), json!({"emoji": emoji, "on": true}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{emoji:?}: {}", r.text);
    }
}
