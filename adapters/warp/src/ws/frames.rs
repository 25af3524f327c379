//! Client frames in, reply frames out.
//!
//! A client frame is decoded into one flat struct of optional fields (no buffering of
//! the JSON), then checked per `type`, so a bad frame gets an error naming what is wrong,
//! with its `req` echoed whenever the frame carried one.

use serde::{Deserialize, Serialize};

use chat_app::{AppError, SendMessage};
use chat_domain::entities::{Message, ReplyPreview};
use chat_domain::ids::{ConnectionId, ConversationId, UserId};

use crate::wire::{to_json, MessageDto};

#[derive(Deserialize, Default)]
struct Raw {
    #[serde(rename = "type")]
    ty: Option<String>,
    req: Option<String>,
    conversation_id: Option<String>,
    client_msg_id: Option<String>,
    kind: Option<String>,
    body: Option<String>,
    reply_to: Option<u64>,
    seq: Option<u64>,
    before_seq: Option<u64>,
    after_seq: Option<u64>,
    after_version: Option<u64>,
    limit: Option<u64>,
    emoji: Option<String>,
    on: Option<bool>,
    mentions: Option<Vec<String>>,
}

/// What a client asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    /// Store and deliver a message (the command has no connection yet).
    Send(SendMessage),
    /// A new body for one's own text message.
    Edit {
        conversation_id: ConversationId,
        seq: u64,
        body: String,
    },
    /// Recall a message.
    Recall {
        conversation_id: ConversationId,
        seq: u64,
    },
    /// Add, take back or toggle a reaction.
    React {
        conversation_id: ConversationId,
        seq: u64,
        emoji: String,
        on: Option<bool>,
    },
    /// This device received messages up to `seq`.
    Received {
        conversation_id: ConversationId,
        seq: u64,
    },
    /// Messages changed after a version.
    Changes {
        conversation_id: ConversationId,
        after_version: u64,
        limit: Option<u64>,
    },
    /// Move the read cursor.
    Read {
        conversation_id: ConversationId,
        seq: u64,
    },
    /// Tell the others "typing".
    Typing { conversation_id: ConversationId },
    /// A page of history.
    History {
        conversation_id: ConversationId,
        before_seq: Option<u64>,
        after_seq: Option<u64>,
        limit: Option<u64>,
    },
    /// Liveness check.
    Ping,
}

/// A decoded frame: its `req` and the request, or the error to answer with.
pub struct Decoded {
    /// The client's correlation id, echoed in every reply.
    pub req: Option<String>,
    /// The request, or why it is not one.
    pub request: Result<Request, AppError>,
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
                request: Err(AppError::BadRequest(format!("malformed frame: {e}"))),
            };
        }
    };
    let req = raw.req.clone();
    Decoded {
        req,
        request: request(raw),
    }
}

fn missing(field: &str) -> AppError {
    AppError::BadRequest(format!("missing field \"{field}\""))
}

fn conversation(raw: &Raw) -> Result<ConversationId, AppError> {
    raw.conversation_id
        .as_deref()
        .ok_or_else(|| missing("conversation_id"))?
        .parse()
        .map_err(|_| AppError::BadRequest("conversation_id is not a valid UUID".into()))
}

fn request(raw: Raw) -> Result<Request, AppError> {
    let ty = raw.ty.as_deref().ok_or_else(|| missing("type"))?;
    Ok(match ty {
        "send" => Request::Send(SendMessage {
            conversation_id: conversation(&raw)?,
            client_msg_id: raw.client_msg_id.ok_or_else(|| missing("client_msg_id"))?,
            kind: raw.kind.unwrap_or_else(|| "text".into()),
            body: raw.body.ok_or_else(|| missing("body"))?,
            reply_to: raw.reply_to,
            mentions: raw.mentions.unwrap_or_default(),
            connection: None,
        }),
        "edit" => Request::Edit {
            conversation_id: conversation(&raw)?,
            seq: raw.seq.ok_or_else(|| missing("seq"))?,
            body: raw.body.ok_or_else(|| missing("body"))?,
        },
        "recall" => Request::Recall {
            conversation_id: conversation(&raw)?,
            seq: raw.seq.ok_or_else(|| missing("seq"))?,
        },
        "react" => Request::React {
            conversation_id: conversation(&raw)?,
            seq: raw.seq.ok_or_else(|| missing("seq"))?,
            emoji: raw.emoji.ok_or_else(|| missing("emoji"))?,
            on: raw.on,
        },
        "received" => Request::Received {
            conversation_id: conversation(&raw)?,
            seq: raw.seq.ok_or_else(|| missing("seq"))?,
        },
        "changes" => Request::Changes {
            conversation_id: conversation(&raw)?,
            after_version: raw.after_version.unwrap_or(0),
            limit: raw.limit,
        },
        "read" => Request::Read {
            conversation_id: conversation(&raw)?,
            seq: raw.seq.ok_or_else(|| missing("seq"))?,
        },
        "typing" => Request::Typing {
            conversation_id: conversation(&raw)?,
        },
        "history" => Request::History {
            conversation_id: conversation(&raw)?,
            before_seq: raw.before_seq,
            after_seq: raw.after_seq,
            limit: raw.limit,
        },
        "ping" => Request::Ping,
        other => {
            return Err(AppError::BadRequest(format!(
                "unknown frame type \"{}\"",
                other.chars().take(32).collect::<String>()
            )))
        }
    })
}

/// A reply to one client frame.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply<'a> {
    Ready {
        user_id: UserId,
        connection_id: ConnectionId,
    },
    Ack {
        #[serde(skip_serializing_if = "Option::is_none")]
        req: Option<&'a str>,
        message: MessageDto<'a>,
    },
    Ok {
        #[serde(skip_serializing_if = "Option::is_none")]
        req: Option<&'a str>,
    },
    History {
        #[serde(skip_serializing_if = "Option::is_none")]
        req: Option<&'a str>,
        conversation_id: ConversationId,
        messages: Vec<MessageDto<'a>>,
    },
    Updated {
        #[serde(skip_serializing_if = "Option::is_none")]
        req: Option<&'a str>,
        message: MessageDto<'a>,
    },
    Changes {
        #[serde(skip_serializing_if = "Option::is_none")]
        req: Option<&'a str>,
        conversation_id: ConversationId,
        messages: Vec<MessageDto<'a>>,
    },
    Pong {
        #[serde(skip_serializing_if = "Option::is_none")]
        req: Option<&'a str>,
    },
    Error {
        #[serde(skip_serializing_if = "Option::is_none")]
        req: Option<&'a str>,
        code: &'a str,
        message: String,
        /// Seconds until a retry can succeed, for `rate_limited`.
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
    },
}

impl<'a> Reply<'a> {
    /// The error frame for `e`.
    pub fn error(req: Option<&'a str>, e: &'a AppError) -> Self {
        Reply::Error {
            req,
            code: e.code(),
            message: e.to_string(),
            retry_after: e.retry_after_secs(),
        }
    }

    /// The history frame for a page, with the previews of the messages it answers.
    pub fn history(
        req: Option<&'a str>,
        id: ConversationId,
        page: &'a [Message],
        previews: &'a [ReplyPreview],
    ) -> Self {
        Reply::History {
            req,
            conversation_id: id,
            messages: MessageDto::page(page, previews),
        }
    }

    /// The frame as JSON text.
    pub fn encode(&self) -> String {
        to_json(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_type_and_names_what_is_missing() {
        let id = ConversationId::new();
        let d = decode(&format!(
            r#"{{"type":"read","req":"r1","conversation_id":"{id}","seq":4}}"#
        ));
        assert_eq!(d.req.as_deref(), Some("r1"));
        assert_eq!(
            d.request.unwrap(),
            Request::Read {
                conversation_id: id,
                seq: 4
            }
        );

        let d = decode(r#"{"type":"send","req":"r2"}"#);
        assert_eq!(d.req.as_deref(), Some("r2"));
        assert!(d
            .request
            .unwrap_err()
            .to_string()
            .contains("conversation_id"));

        let d = decode(r#"{"type":"read","req":"r3","conversation_id":"nope","seq":1}"#);
        assert!(d.request.unwrap_err().to_string().contains("UUID"));

        let d = decode(r#"{"type":"read","req":"r4","seq":"four"}"#);
        assert_eq!(
            d.req.as_deref(),
            Some("r4"),
            "req survives a type error elsewhere"
        );
        assert_eq!(d.request.unwrap_err().code(), "bad_request");

        for bad in [
            "",
            "{",
            "[]",
            "null",
            r#"{"type":"fly"}"#,
            r#"{"req":"x"}"#,
            r#"{"type":"read","seq":-1}"#,
        ] {
            assert_eq!(
                decode(bad).request.unwrap_err().code(),
                "bad_request",
                "{bad:?}"
            );
        }
        assert_eq!(decode(r#"{"type":"ping"}"#).request.unwrap(), Request::Ping);
    }
}
