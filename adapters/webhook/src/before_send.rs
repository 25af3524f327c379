//! [`BeforeSend`] as a signed POST to a receiver that decides each send: one send is
//! POSTed as an object and answered with one verdict; a pipelined run as an array,
//! answered with an array of verdicts in the same order (docs/PROTOCOL.md, Before-send
//! hook).

use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use chat_domain::ports::{BeforeSend, HookFailed, PendingSend, SendVerdict};

use crate::{signature, Outgoing};

/// Where and how to ask.
#[derive(Clone, Debug)]
pub struct BeforeSendConfig {
    /// The receiver.
    pub url: http::Uri,
    /// The shared secret for the signature.
    pub secret: String,
    /// How long an answer is waited for (then the sends are undecided).
    pub timeout: Duration,
}

/// A send as the receiver gets it: this adapter's own format.
#[derive(Serialize)]
struct SendOut<'a> {
    sender_id: uuid::Uuid,
    conversation_id: uuid::Uuid,
    kind: &'static str,
    body: &'a str,
    client_msg_id: Option<&'a str>,
}

/// A verdict as the receiver gives it.
#[derive(Deserialize)]
#[serde(tag = "action", rename_all = "lowercase")]
enum VerdictIn {
    Accept,
    Replace {
        body: String,
    },
    Reject {
        #[serde(default)]
        reason: String,
    },
}

/// One answer, or one per send of a run.
#[derive(Deserialize)]
#[serde(untagged)]
enum AnswerIn {
    One(VerdictIn),
    Many(Vec<VerdictIn>),
}

impl From<VerdictIn> for SendVerdict {
    fn from(v: VerdictIn) -> Self {
        match v {
            VerdictIn::Accept => SendVerdict::Accept,
            VerdictIn::Replace { body } => SendVerdict::Replace(body),
            VerdictIn::Reject { reason } if reason.trim().is_empty() => {
                SendVerdict::Reject("the message was rejected".into())
            }
            VerdictIn::Reject { reason } => SendVerdict::Reject(reason),
        }
    }
}

/// The before-send hook over HTTP(S).
pub struct BeforeSendWebhook {
    config: BeforeSendConfig,
    client: Outgoing,
}

impl BeforeSendWebhook {
    /// Asks `config`'s receiver through `client`.
    pub fn new(config: BeforeSendConfig, client: Outgoing) -> Self {
        Self { config, client }
    }
}

#[async_trait]
impl BeforeSend for BeforeSendWebhook {
    async fn check(&self, sends: &[PendingSend]) -> Result<Vec<SendVerdict>, HookFailed> {
        let out: Vec<SendOut<'_>> = sends
            .iter()
            .map(|s| SendOut {
                sender_id: *s.sender_id.as_uuid(),
                conversation_id: *s.conversation_id.as_uuid(),
                kind: s.kind.as_str(),
                body: &s.body,
                client_msg_id: s.client_msg_id.as_deref(),
            })
            .collect();
        let body = match out.as_slice() {
            [one] => serde_json::to_vec(one),
            many => serde_json::to_vec(many),
        }
        .map_err(|e| HookFailed(e.to_string()))?;
        let signed = signature(self.config.secret.as_bytes(), &body);
        let answer = self
            .client
            .post_json(
                &self.config.url,
                &[("x-chat-signature", signed)],
                Bytes::from(body),
                self.config.timeout,
            )
            .await
            .map_err(HookFailed)?;
        if !answer.status.is_success() {
            return Err(HookFailed(format!("answered {}", answer.status)));
        }
        let parsed: AnswerIn = serde_json::from_slice(&answer.body)
            .map_err(|e| HookFailed(format!("answered no verdict: {e}")))?;
        let verdicts = match (parsed, sends.len()) {
            (AnswerIn::One(v), 1) => vec![v],
            (AnswerIn::Many(v), n) if v.len() == n && n > 1 => v,
            (AnswerIn::Many(v), n) if v.len() == 1 && n == 1 => v,
            (_, n) => return Err(HookFailed(format!("answered no {n} verdicts"))),
        };
        Ok(verdicts.into_iter().map(Into::into).collect())
    }
}
