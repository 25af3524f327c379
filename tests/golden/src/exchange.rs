//! The golden file: recorded requests with the answers the writing build gave, and the
//! comparison a later build's answers must pass.

use std::collections::BTreeMap;

use http::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use chat_blackbox::{Answer, Target as Client};

/// One request and the answer it got.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Exchange {
    /// Whose token the request carried (a key of [`Golden::tokens`]).
    #[serde(rename = "as", default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path and query.
    pub path: String,
    /// The JSON body sent, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// The status answered.
    pub status: u16,
    /// What was answered, as [`answer_of`] records it.
    pub answer: Value,
}

/// A golden file: who wrote it, the tokens its exchanges use, and the exchanges.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Golden {
    /// The build that wrote the store.
    pub written_by: String,
    /// Every account's password.
    pub password: String,
    /// Session tokens by name, issued with a TTL of a hundred years.
    pub tokens: BTreeMap<String, String>,
    /// The exchanges, in the order they were made.
    pub exchanges: Vec<Exchange>,
}

/// What is kept of an answer: JSON as it is, except that an error keeps only its code
/// (messages are for people and may change) and a login only its user; other bodies
/// (file bytes) their digest, length and the headers that describe them.
pub fn answer_of(path: &str, a: &Answer) -> Value {
    let is_json = a
        .headers
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !is_json {
        let header = |name: &str| {
            a.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        return json!({
            "sha256": hex(&Sha256::digest(&a.bytes)),
            "length": a.bytes.len(),
            "content_type": header("content-type"),
            "content_disposition": header("content-disposition"),
        });
    }
    let body = a.json();
    if let Some(code) = body.pointer("/error/code") {
        return json!({"error": {"code": code}});
    }
    if path.starts_with("/api/v1/sessions") && a.status.is_success() {
        return json!({"user_id": body["user_id"]});
    }
    body
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Makes one request as `actor` and records it.
pub async fn exchange(
    client: &Client,
    tokens: &BTreeMap<String, String>,
    actor: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Exchange {
    let token = actor.map(|a| tokens[a].as_str());
    let answer = client
        .call(method.clone(), path, token, body.as_ref())
        .await;
    Exchange {
        actor: actor.map(str::to_owned),
        method: method.to_string(),
        path: path.to_owned(),
        body,
        status: answer.status.as_u16(),
        answer: answer_of(path, &answer),
    }
}

/// Replays every exchange against `client`; returns what differs, one line each.
pub async fn replay(golden: &Golden, client: &Client) -> Vec<String> {
    let mut differences = Vec::new();
    for x in &golden.exchanges {
        let method: Method = x.method.parse().expect("a recorded method");
        let again = exchange(
            client,
            &golden.tokens,
            x.actor.as_deref(),
            method,
            &x.path,
            x.body.clone(),
        )
        .await;
        let at = format!("{} {} as {:?}", x.method, x.path, x.actor);
        if again.status != x.status {
            differences.push(format!(
                "{at}: status {} instead of {}",
                again.status, x.status
            ));
        } else if let Err(e) = contains(&x.answer, &again.answer, "") {
            differences.push(format!("{at}: {e}"));
        }
    }
    differences
}

/// Whether `actual` holds everything `expected` does: objects may have gained fields
/// (protocol changes are additive), arrays and scalars must be equal.
pub fn contains(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let here = format!("{at}/{k}");
                match a.get(k) {
                    Some(got) => contains(v, got, &here)?,
                    None => return Err(format!("{here} is missing")),
                }
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .try_for_each(|(i, (e, a))| contains(e, a, &format!("{at}/{i}"))),
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{at}: {a} instead of {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_fields_pass_and_changed_or_missing_ones_do_not() {
        let e = json!({"a": 1, "b": [{"c": "x"}]});
        assert!(contains(&e, &json!({"a": 1, "b": [{"c": "x", "d": 2}], "z": 0}), "").is_ok());
        assert!(contains(&e, &json!({"a": 2, "b": [{"c": "x"}]}), "").is_err());
        assert!(contains(&e, &json!({"b": [{"c": "x"}]}), "").is_err());
        assert!(contains(&e, &json!({"a": 1, "b": [{"c": "x"}, {"c": "y"}]}), "").is_err());
        assert!(contains(&json!(null), &json!(0), "").is_err());
    }
}
