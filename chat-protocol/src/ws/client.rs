//! Client frames. [`decode`] reads one into a [`ClientRequest`], naming what is wrong
//! with a bad one and keeping its `req` whenever the frame carried one.
//!
//! ```
//! use chat_protocol::ws::{decode, ClientFrame, ClientRequest};
//! let frame = ClientFrame::new(Some("r1"), ClientRequest::Ping);
//! assert_eq!(frame.encode(), r#"{"req":"r1","type":"ping"}"#);
//! let back = decode(&frame.encode());
//! assert_eq!(back.req.as_deref(), Some("r1"));
//! assert_eq!(back.request.unwrap(), ClientRequest::Ping);
//! ```

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::objects::{ForwardRequest, MessageKind};

/// A frame with its correlation id, as a client sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientFrame {
    /// Any string; every reply to the frame carries it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub req: Option<String>,
    /// What is asked.
    #[serde(flatten)]
    pub request: ClientRequest,
}

impl ClientFrame {
    /// A frame asking `request`, with `req` when given.
    pub fn new(req: Option<&str>, request: ClientRequest) -> Self {
        Self {
            req: req.map(str::to_owned),
            request,
        }
    }

    /// The frame as JSON text.
    pub fn encode(&self) -> String {
        crate::to_json(self)
    }
}

/// What a client asks, one variant per frame `type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientRequest {
    /// The first frame of a socket opened without a token.
    Auth {
        /// A session token.
        token: String,
    },
    /// Store and deliver a message; answered with `ack` once it is durable.
    Send {
        /// Where.
        conversation_id: Uuid,
        /// The sender's own id for it: a resend stores nothing new.
        client_msg_id: String,
        /// `text` unless given.
        kind: MessageKind,
        /// The text, or an attachment as JSON.
        body: String,
        /// The seq it answers.
        #[serde(skip_serializing_if = "Option::is_none")]
        reply_to: Option<u64>,
        /// The root of the thread it replies in.
        #[serde(skip_serializing_if = "Option::is_none")]
        thread_root: Option<u64>,
        /// A message to forward instead of a body.
        #[serde(skip_serializing_if = "Option::is_none")]
        forward: Option<ForwardRequest>,
        /// Members to mention besides the `@username`s.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        mentions: Vec<Uuid>,
    },
    /// A new body for one's own text message.
    Edit {
        /// Where.
        conversation_id: Uuid,
        /// Which message.
        seq: u64,
        /// The new text.
        body: String,
    },
    /// Recall a message.
    Recall {
        /// Where.
        conversation_id: Uuid,
        /// Which message.
        seq: u64,
    },
    /// Add (`on: true`), take back (`false`) or toggle (absent) a reaction.
    React {
        /// Where.
        conversation_id: Uuid,
        /// Which message.
        seq: u64,
        /// One emoji.
        emoji: String,
        /// Add or take back; absent toggles.
        #[serde(skip_serializing_if = "Option::is_none")]
        on: Option<bool>,
    },
    /// This device received messages up to `seq`.
    Received {
        /// Where.
        conversation_id: Uuid,
        /// Up to here.
        seq: u64,
    },
    /// The messages changed after a version.
    Changes {
        /// Where.
        conversation_id: Uuid,
        /// 0 for every changed message.
        after_version: u64,
        /// 1-100, 50 by default.
        #[serde(skip_serializing_if = "Option::is_none")]
        limit: Option<u64>,
    },
    /// What changed in the caller's conversations since a cursor (as `GET /sync`).
    Sync {
        /// The `cursor` of the last answer; absent for every conversation.
        #[serde(skip_serializing_if = "Option::is_none")]
        since: Option<String>,
        /// 1-500, 100 by default.
        #[serde(skip_serializing_if = "Option::is_none")]
        limit: Option<u64>,
    },
    /// Move the read cursor.
    Read {
        /// Where.
        conversation_id: Uuid,
        /// Read up to here.
        seq: u64,
    },
    /// Tell the other members "typing".
    Typing {
        /// Where.
        conversation_id: Uuid,
    },
    /// A page of history, as over HTTP.
    History {
        /// Where.
        conversation_id: Uuid,
        /// Only messages before this seq.
        #[serde(skip_serializing_if = "Option::is_none")]
        before_seq: Option<u64>,
        /// Only messages after this seq.
        #[serde(skip_serializing_if = "Option::is_none")]
        after_seq: Option<u64>,
        /// 1-100, 50 by default.
        #[serde(skip_serializing_if = "Option::is_none")]
        limit: Option<u64>,
        /// The replies in the thread of this root instead.
        #[serde(skip_serializing_if = "Option::is_none")]
        thread_root: Option<u64>,
        /// `true`: only messages in no thread.
        #[serde(skip_serializing_if = "Option::is_none")]
        top_level: Option<bool>,
    },
    /// Liveness check.
    Ping,
}

/// A decoded frame: its `req`, and the request or why the frame is not one (a message
/// for a `bad_request` error frame).
pub struct Decoded {
    /// The client's correlation id.
    pub req: Option<String>,
    /// The request, or what is wrong with the frame.
    pub request: Result<ClientRequest, String>,
}

/// Every field any frame has, each optional: the frame is read once, then checked per
/// `type`, so a missing or wrong field is named rather than reported as a failed match.
#[derive(Deserialize, Default)]
struct Raw {
    #[serde(rename = "type")]
    ty: Option<String>,
    req: Option<String>,
    token: Option<String>,
    conversation_id: Option<String>,
    client_msg_id: Option<String>,
    kind: Option<String>,
    body: Option<String>,
    reply_to: Option<u64>,
    thread_root: Option<u64>,
    forward: Option<ForwardRequest>,
    top_level: Option<bool>,
    seq: Option<u64>,
    before_seq: Option<u64>,
    after_seq: Option<u64>,
    after_version: Option<u64>,
    limit: Option<u64>,
    since: Option<String>,
    emoji: Option<String>,
    on: Option<bool>,
    mentions: Option<Vec<String>>,
}

/// Decodes one text frame.
pub fn decode(text: &str) -> Decoded {
    let raw: Raw = match serde_json::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            // Wrong types somewhere: still echo `req` if the frame is an object that has one.
            #[derive(Deserialize)]
            struct ReqOnly {
                req: Option<serde_json::Value>,
            }
            let req = serde_json::from_str::<ReqOnly>(text)
                .ok()
                .and_then(|r| r.req)
                .and_then(|v| v.as_str().map(str::to_owned));
            return Decoded {
                req,
                request: Err(format!("malformed frame: {e}")),
            };
        }
    };
    Decoded {
        req: raw.req.clone(),
        request: request(raw),
    }
}

fn missing(field: &str) -> String {
    format!("missing field \"{field}\"")
}

fn need<T>(v: Option<T>, field: &str) -> Result<T, String> {
    v.ok_or_else(|| missing(field))
}

fn conversation(raw: &Raw) -> Result<Uuid, String> {
    need(raw.conversation_id.as_deref(), "conversation_id")?
        .parse()
        .map_err(|_| "conversation_id is not a valid UUID".to_owned())
}

fn kind(raw: Option<&str>) -> Result<MessageKind, String> {
    match raw.unwrap_or("text") {
        "text" => Ok(MessageKind::Text),
        "image" => Ok(MessageKind::Image),
        "file" => Ok(MessageKind::File),
        "system" => Ok(MessageKind::System),
        _ => Err("invalid kind: must be text, image, file or system".to_owned()),
    }
}

fn mentions(raw: Option<Vec<String>>) -> Result<Vec<Uuid>, String> {
    raw.unwrap_or_default()
        .iter()
        .map(|id| {
            id.parse()
                .map_err(|_| format!("mentions: {id} is not a user id"))
        })
        .collect()
}

fn request(raw: Raw) -> Result<ClientRequest, String> {
    let ty = need(raw.ty.as_deref(), "type")?;
    Ok(match ty {
        "auth" => ClientRequest::Auth {
            token: need(raw.token, "token")?,
        },
        "send" => ClientRequest::Send {
            conversation_id: conversation(&raw)?,
            kind: kind(raw.kind.as_deref())?,
            client_msg_id: need(raw.client_msg_id, "client_msg_id")?,
            // A forward copies its source's body.
            body: match raw.forward {
                Some(_) => raw.body.unwrap_or_default(),
                None => need(raw.body, "body")?,
            },
            reply_to: raw.reply_to,
            thread_root: raw.thread_root,
            forward: raw.forward,
            mentions: mentions(raw.mentions)?,
        },
        "edit" => ClientRequest::Edit {
            conversation_id: conversation(&raw)?,
            seq: need(raw.seq, "seq")?,
            body: need(raw.body, "body")?,
        },
        "recall" => ClientRequest::Recall {
            conversation_id: conversation(&raw)?,
            seq: need(raw.seq, "seq")?,
        },
        "react" => ClientRequest::React {
            conversation_id: conversation(&raw)?,
            seq: need(raw.seq, "seq")?,
            emoji: need(raw.emoji, "emoji")?,
            on: raw.on,
        },
        "received" => ClientRequest::Received {
            conversation_id: conversation(&raw)?,
            seq: need(raw.seq, "seq")?,
        },
        "changes" => ClientRequest::Changes {
            conversation_id: conversation(&raw)?,
            after_version: raw.after_version.unwrap_or(0),
            limit: raw.limit,
        },
        "sync" => ClientRequest::Sync {
            since: raw.since,
            limit: raw.limit,
        },
        "read" => ClientRequest::Read {
            conversation_id: conversation(&raw)?,
            seq: need(raw.seq, "seq")?,
        },
        "typing" => ClientRequest::Typing {
            conversation_id: conversation(&raw)?,
        },
        "history" => ClientRequest::History {
            conversation_id: conversation(&raw)?,
            before_seq: raw.before_seq,
            after_seq: raw.after_seq,
            limit: raw.limit,
            thread_root: raw.thread_root,
            top_level: raw.top_level,
        },
        "ping" => ClientRequest::Ping,
        other => {
            return Err(format!(
                "unknown frame type \"{}\"",
                other.chars().take(32).collect::<String>()
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_type_and_names_what_is_missing() {
        let id = Uuid::new_v4();
        let d = decode(&format!(
            r#"{{"type":"read","req":"r1","conversation_id":"{id}","seq":4}}"#
        ));
        assert_eq!(d.req.as_deref(), Some("r1"));
        assert_eq!(
            d.request.unwrap(),
            ClientRequest::Read {
                conversation_id: id,
                seq: 4
            }
        );

        let d = decode(r#"{"type":"send","req":"r2"}"#);
        assert_eq!(d.req.as_deref(), Some("r2"));
        assert!(d.request.unwrap_err().contains("conversation_id"));

        let d = decode(r#"{"type":"read","req":"r3","conversation_id":"nope","seq":1}"#);
        assert!(d.request.unwrap_err().contains("UUID"));

        let d = decode(r#"{"type":"read","req":"r4","seq":"four"}"#);
        assert_eq!(
            d.req.as_deref(),
            Some("r4"),
            "req survives a type error elsewhere"
        );
        assert!(d.request.is_err());

        for bad in [
            "",
            "{",
            "[]",
            "null",
            r#"{"type":"fly"}"#,
            r#"{"req":"x"}"#,
            r#"{"type":"read","seq":-1}"#,
            r#"{"type":"auth"}"#,
            r#"{"type":"send","conversation_id":"5f1c2e9a-8d3b-4c7e-9a61-2b7d4e0f9c11","client_msg_id":"c","body":"b","kind":"video"}"#,
            r#"{"type":"send","conversation_id":"5f1c2e9a-8d3b-4c7e-9a61-2b7d4e0f9c11","client_msg_id":"c","body":"b","mentions":["bob"]}"#,
        ] {
            assert!(decode(bad).request.is_err(), "{bad:?}");
        }
        assert_eq!(
            decode(r#"{"type":"ping"}"#).request.unwrap(),
            ClientRequest::Ping
        );
    }

    #[test]
    fn every_frame_a_client_encodes_decodes_to_itself() {
        let c = Uuid::new_v4();
        let frames = [
            ClientRequest::Auth { token: "t".into() },
            ClientRequest::Send {
                conversation_id: c,
                client_msg_id: "m-1".into(),
                kind: MessageKind::Image,
                body: "{}".into(),
                reply_to: Some(3),
                thread_root: None,
                forward: None,
                mentions: vec![Uuid::new_v4()],
            },
            ClientRequest::Send {
                conversation_id: c,
                client_msg_id: "m-2".into(),
                kind: MessageKind::Text,
                body: String::new(),
                reply_to: None,
                thread_root: Some(2),
                forward: Some(ForwardRequest {
                    conversation_id: Uuid::new_v4(),
                    seq: 7,
                }),
                mentions: Vec::new(),
            },
            ClientRequest::Edit {
                conversation_id: c,
                seq: 2,
                body: "b".into(),
            },
            ClientRequest::Recall {
                conversation_id: c,
                seq: 2,
            },
            ClientRequest::React {
                conversation_id: c,
                seq: 2,
                emoji: "👍".into(),
                on: Some(false),
            },
            ClientRequest::Received {
                conversation_id: c,
                seq: 9,
            },
            ClientRequest::Changes {
                conversation_id: c,
                after_version: 4,
                limit: Some(10),
            },
            ClientRequest::Sync {
                since: Some("c1".into()),
                limit: Some(5),
            },
            ClientRequest::Sync {
                since: None,
                limit: None,
            },
            ClientRequest::Read {
                conversation_id: c,
                seq: 9,
            },
            ClientRequest::Typing { conversation_id: c },
            ClientRequest::History {
                conversation_id: c,
                before_seq: None,
                after_seq: Some(0),
                limit: None,
                thread_root: None,
                top_level: None,
            },
            ClientRequest::History {
                conversation_id: c,
                before_seq: Some(9),
                after_seq: None,
                limit: Some(5),
                thread_root: Some(3),
                top_level: Some(true),
            },
            ClientRequest::Ping,
        ];
        for request in frames {
            let frame = ClientFrame::new(Some("q"), request.clone());
            let back = decode(&frame.encode());
            assert_eq!(back.req.as_deref(), Some("q"));
            assert_eq!(back.request, Ok(request));
        }
    }
}
