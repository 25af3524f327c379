//! What the golden stores hold, written through protocol v1 as any client would, and the
//! reads recorded from them.
//!
//! Users alice (an admin, created by the writer), bob, carol, dave (banned at the end)
//! and erin (one of her two sessions logged out). A direct conversation with replies,
//! mentions, an image, a file, an edit, a recall and reactions; a group whose members
//! change; a second direct conversation. Part two runs after a restart.

use std::collections::BTreeMap;

use http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::exchange::{exchange, Exchange};
use chat_blackbox::Target as Client;

/// Every account's password.
pub const PASSWORD: &str = "correct horse battery";

/// A 3×2 PNG.
pub const PNG: [u8; 73] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12, 0x16, 0xf1,
    0x4d, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
    0x41, 0x0c, 0x70, 0x16, 0x00, 0x41, 0xd2, 0x05, 0xfb, 0x87, 0xf0, 0xb9, 0x48, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The ids and tokens a scenario made, for its later parts.
#[derive(Default)]
pub struct Made {
    /// Session tokens by name.
    pub tokens: BTreeMap<String, String>,
    /// User ids by name.
    pub users: BTreeMap<String, String>,
    /// Conversation ids by name.
    pub conversations: BTreeMap<String, String>,
    /// File ids by name.
    pub files: BTreeMap<String, String>,
    sent: u32,
}

/// Drives one server.
pub struct Scenario<'a> {
    /// The server.
    pub client: &'a Client,
    /// What has been made so far.
    pub made: Made,
}

impl Scenario<'_> {
    async fn ok(&self, who: &str, method: Method, path: &str, body: Option<Value>) -> Value {
        let token = self.made.tokens.get(who).map(String::as_str);
        let a = self
            .client
            .call(method.clone(), path, token, body.as_ref())
            .await;
        assert!(
            a.status.is_success(),
            "{method} {path} as {who}: {} {}",
            a.status,
            String::from_utf8_lossy(&a.bytes)
        );
        a.json()
    }

    /// Registers `name` (unless `alice`, the admin the writer made) and logs in as
    /// `session` (usually the same name).
    pub async fn login(&mut self, name: &str, session: &str, display_name: Option<&str>) {
        if name != "alice" && !self.made.users.contains_key(name) {
            let body =
                json!({"username": name, "password": PASSWORD, "display_name": display_name});
            let u = self
                .ok(name, Method::POST, "/api/v1/users", Some(body))
                .await;
            self.made.users.insert(name.into(), id(&u["id"]));
        }
        let body = json!({"username": name, "password": PASSWORD});
        let s = self
            .ok(name, Method::POST, "/api/v1/sessions", Some(body))
            .await;
        self.made.users.insert(name.into(), id(&s["user_id"]));
        self.made.tokens.insert(session.into(), id(&s["token"]));
    }

    /// Sends a message; returns its seq.
    pub async fn send(
        &mut self,
        who: &str,
        conv: &str,
        kind: &str,
        body: &str,
        extra: Value,
    ) -> u64 {
        self.made.sent += 1;
        let mut msg = json!({"client_msg_id": format!("{who}-{}", self.made.sent), "kind": kind, "body": body});
        if let (Value::Object(m), Value::Object(x)) = (&mut msg, extra) {
            m.extend(x);
        }
        let path = format!(
            "/api/v1/conversations/{}/messages",
            self.made.conversations[conv]
        );
        let m = self.ok(who, Method::POST, &path, Some(msg)).await;
        m["seq"].as_u64().expect("a seq")
    }

    async fn conversation(&mut self, name: &str, who: &str, body: Value) {
        let c = self
            .ok(who, Method::POST, "/api/v1/conversations", Some(body))
            .await;
        self.made.conversations.insert(name.into(), id(&c["id"]));
    }

    async fn at(&self, who: &str, method: Method, conv: &str, rest: &str, body: Option<Value>) {
        let path = format!(
            "/api/v1/conversations/{}{rest}",
            self.made.conversations[conv]
        );
        self.ok(who, method, &path, body).await;
    }

    async fn upload(&mut self, who: &str, name: &str, bytes: &[u8]) {
        let path = format!("/api/v1/files?name={}", name.replace(' ', "%20"));
        let token = Some(self.made.tokens[who].as_str());
        let body = Some(bytes::Bytes::copy_from_slice(bytes));
        let a = self
            .client
            .send(Method::POST, &path, token, body, None)
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "upload {name}");
        self.made
            .files
            .insert(name.into(), id(&a.json()["file_id"]));
    }

    /// Everything before the restart.
    pub async fn part_one(&mut self) {
        self.login("alice", "alice", None).await;
        self.login("bob", "bob", Some("Bob B.")).await;
        self.login("carol", "carol", Some("卡罗尔")).await;
        self.login("dave", "dave", None).await;
        self.login("erin", "erin_old", Some("Erin ✨")).await;
        self.login("erin", "erin", None).await;
        self.direct_chat().await;
        self.group_chat().await;
        let peer = json!({"kind": "direct", "peer_id": self.made.users["erin"]});
        self.conversation("carol+erin", "carol", peer).await;
        self.send(
            "carol",
            "carol+erin",
            "text",
            "Welcome aboard, Erin!",
            json!({}),
        )
        .await;
        self.ok("erin_old", Method::DELETE, "/api/v1/sessions/current", None)
            .await;
        let ban = format!("/api/v1/admin/users/{}/ban", self.made.users["dave"]);
        self.ok("alice", Method::POST, &ban, None).await;
    }

    async fn direct_chat(&mut self) {
        let peer = json!({"kind": "direct", "peer_id": self.made.users["bob"]});
        self.conversation("alice+bob", "alice", peer).await;
        let d = "alice+bob";
        let first = self
            .send("alice", d, "text", "你好 Bob! Lunch at noon? 🍜", json!({}))
            .await;
        let bob_id = self.made.users["bob"].clone();
        self.send(
            "bob",
            d,
            "text",
            "Sure 👍 see you there @alice",
            json!({"reply_to": first}),
        )
        .await;
        self.upload("alice", "pixel 图.png", &PNG).await;
        self.upload("bob", "notes.txt", "meeting notes\n会议记录\n".as_bytes())
            .await;
        let image = json!({"file_id": self.made.files["pixel 图.png"]}).to_string();
        self.send("alice", d, "image", &image, json!({})).await;
        let file =
            json!({"file_id": self.made.files["notes.txt"], "name": "minutes.txt"}).to_string();
        self.send("bob", d, "file", &file, json!({})).await;
        let edited = self
            .send(
                "alice",
                d,
                "text",
                "to be edited",
                json!({"mentions": [bob_id]}),
            )
            .await;
        self.at(
            "alice",
            Method::PATCH,
            d,
            &format!("/messages/{edited}"),
            Some(json!({"body": "edited text ✏️ @bob"})),
        )
        .await;
        let oops = self
            .send("bob", d, "text", "oops, wrong chat", json!({}))
            .await;
        self.at("bob", Method::DELETE, d, &format!("/messages/{oops}"), None)
            .await;
        let liked = self
            .send("alice", d, "text", "react to me", json!({}))
            .await;
        let react = format!("/messages/{liked}/reactions");
        for (who, emoji, on) in [
            ("alice", "👍", Some(true)),
            ("bob", "👍", None),
            ("bob", "❤️", Some(true)),
            ("alice", "😂", None),
            ("alice", "😂", None),
        ] {
            self.at(
                who,
                Method::POST,
                d,
                &react,
                Some(json!({"emoji": emoji, "on": on})),
            )
            .await;
        }
        self.at("bob", Method::POST, d, "/read", Some(json!({"seq": liked})))
            .await;
        self.at("alice", Method::POST, d, "/read", Some(json!({"seq": 5})))
            .await;
        self.at(
            "alice",
            Method::POST,
            d,
            "/received",
            Some(json!({"seq": liked})),
        )
        .await;
        self.at("bob", Method::POST, d, "/mute", None).await;
    }

    async fn group_chat(&mut self) {
        let members: Vec<_> = ["bob", "carol", "dave"]
            .iter()
            .map(|n| self.made.users[*n].clone())
            .collect();
        let group = json!({"kind": "group", "title": "Team 团队", "member_ids": members});
        self.conversation("team", "alice", group).await;
        let t = "team";
        let dave = self.made.users["dave"].clone();
        let hello = self
            .send(
                "alice",
                t,
                "text",
                "Welcome to the team! 欢迎 🎉",
                json!({}),
            )
            .await;
        self.send("bob", t, "text", "会議は明日です 📅", json!({}))
            .await;
        self.send(
            "carol",
            t,
            "text",
            "회의는 내일입니다",
            json!({"reply_to": hello}),
        )
        .await;
        self.send(
            "alice",
            t,
            "text",
            "@carol 看一下这个文档 please",
            json!({}),
        )
        .await;
        self.send(
            "dave",
            t,
            "text",
            "Lunch? 🍜 @bob @erin",
            json!({"mentions": [dave]}),
        )
        .await;
        for i in 1..=12 {
            let who = ["alice", "bob", "carol"][i % 3];
            self.send(
                who,
                t,
                "text",
                &format!("status update {i}: all green ✅"),
                json!({}),
            )
            .await;
        }
        self.at(
            "alice",
            Method::POST,
            t,
            "/members",
            Some(json!({"user_id": self.made.users["erin"]})),
        )
        .await;
        self.send("erin", t, "text", "hi all 👋", json!({})).await;
        self.at(
            "alice",
            Method::DELETE,
            t,
            &format!("/members/{dave}"),
            None,
        )
        .await;
        self.at("bob", Method::POST, t, "/read", Some(json!({"seq": 3})))
            .await;
        self.at("carol", Method::POST, t, "/read", Some(json!({"seq": 100})))
            .await;
        self.at(
            "erin",
            Method::POST,
            t,
            "/received",
            Some(json!({"seq": 18})),
        )
        .await;
        self.at("carol", Method::POST, t, "/mute", None).await;
        self.at("carol", Method::POST, t, "/unmute", None).await;
    }

    /// Everything after the restart.
    pub async fn part_two(&mut self) {
        let d = "alice+bob";
        let last = self
            .send("alice", d, "text", "after the restart 🔁", json!({}))
            .await;
        self.at(
            "bob",
            Method::POST,
            d,
            "/messages/1/reactions",
            Some(json!({"emoji": "🎉"})),
        )
        .await;
        self.at("bob", Method::POST, d, "/read", Some(json!({"seq": last})))
            .await;
        self.at(
            "carol",
            Method::POST,
            "team",
            "/messages/2/reactions",
            Some(json!({"emoji": "👀"})),
        )
        .await;
        if self.made.conversations.contains_key("archive") {
            self.send("alice", "archive", "text", "back to the present", json!({}))
                .await;
        }
    }

    /// The reads recorded in the golden file.
    pub async fn record(&self) -> Vec<Exchange> {
        let mut r = Recorder {
            s: self,
            out: Vec::new(),
        };
        let ids: Vec<String> = self
            .made
            .users
            .values()
            .map(|u| format!("id={u}"))
            .collect();
        for who in ["alice", "bob", "carol", "erin"] {
            r.get(who, "/api/v1/me").await;
            r.get(who, "/api/v1/conversations").await;
        }
        r.get("alice", &format!("/api/v1/users?{}", ids.join("&")))
            .await;
        r.get("alice", "/api/v1/users?query=ca").await;
        r.get("alice", "/api/v1/admin/users").await;
        r.get("alice", "/api/v1/admin/stats").await;
        for (name, id) in &self.made.conversations {
            let who = if name.starts_with("carol") {
                "carol"
            } else {
                "alice"
            };
            r.get(who, &format!("/api/v1/conversations/{id}")).await;
            r.pages(
                who,
                &format!("/api/v1/conversations/{id}/messages"),
                "after_seq",
                "seq",
            )
            .await;
            r.pages(
                who,
                &format!("/api/v1/conversations/{id}/changes"),
                "after_version",
                "version",
            )
            .await;
            r.get(
                who,
                &format!("/api/v1/conversations/{id}/messages?before_seq=5&limit=3"),
            )
            .await;
        }
        for q in [
            "lunch",
            "%E4%BC%9A%E8%AD%B0",
            "%ED%9A%8C%EC%9D%98",
            "EDITED",
            "status",
        ] {
            r.get("alice", &format!("/api/v1/search?q={q}&limit=5"))
                .await;
        }
        for id in self.made.files.values() {
            r.get("bob", &format!("/api/v1/files/{id}")).await;
            r.get("carol", &format!("/api/v1/files/{id}")).await;
        }
        r.get("dave", "/api/v1/me").await;
        r.get("erin_old", "/api/v1/me").await;
        for (name, code) in [("alice", 200), ("dave", 403)] {
            let body = json!({"username": name, "password": PASSWORD});
            let x = exchange(
                self.client,
                &self.made.tokens,
                None,
                Method::POST,
                "/api/v1/sessions",
                Some(body),
            )
            .await;
            assert_eq!(x.status, code, "login as {name}");
            r.out.push(x);
        }
        r.out
    }
}

struct Recorder<'a, 'b> {
    s: &'a Scenario<'b>,
    out: Vec<Exchange>,
}

impl Recorder<'_, '_> {
    async fn get(&mut self, who: &str, path: &str) -> Value {
        let x = exchange(
            self.s.client,
            &self.s.made.tokens,
            Some(who),
            Method::GET,
            path,
            None,
        )
        .await;
        let answer = x.answer.clone();
        self.out.push(x);
        answer
    }

    /// Every page of a feed, 7 at a time, following `cursor` by `field`.
    async fn pages(&mut self, who: &str, path: &str, cursor: &str, field: &str) {
        let mut after = 0;
        loop {
            let page = self
                .get(who, &format!("{path}?{cursor}={after}&limit=7"))
                .await;
            let Some(last) = page["messages"].as_array().and_then(|m| m.last()) else {
                return;
            };
            after = last[field].as_u64().unwrap_or(after + 1);
        }
    }
}

fn id(v: &Value) -> String {
    v.as_str().expect("a string").to_owned()
}
