//! Wire requests as the core's commands: ids and kinds are already parsed, so the core
//! receives typed values.

use chat_app::{
    AppError, Attachment, Content, CreateGroup, ForwardSource, Login, RegisterUser, SearchMessages,
    SendMessage,
};
use chat_domain::ids::{ConversationId, FileId, UserId};

use crate::objects::{AttachmentRequest, MessageKind};

use crate::http::{
    CreateConversation, FollowedThread, HistoryQuery, LoginRequest, RegisterRequest, SearchQuery,
    SendRequest, ThreadsQuery,
};

/// What `POST /api/v1/conversations` asks for.
pub enum Create {
    /// The direct conversation with this user.
    Direct(UserId),
    /// A new group.
    Group(CreateGroup),
}

impl From<CreateConversation> for Create {
    fn from(c: CreateConversation) -> Self {
        match c {
            CreateConversation::Direct { peer_id } => Create::Direct(UserId::from_uuid(peer_id)),
            CreateConversation::Group { title, member_ids } => Create::Group(CreateGroup {
                title,
                member_ids: member_ids.into_iter().map(UserId::from_uuid).collect(),
            }),
        }
    }
}

impl SendRequest {
    /// The send into `conversation_id` (from no connection).
    ///
    /// # Errors
    /// As [`send`].
    pub fn command(self, conversation_id: ConversationId) -> Result<SendMessage, AppError> {
        send(conversation_id, self)
    }
}

/// A send, as both the HTTP call and the WebSocket frame ask for it: the body of an
/// `image` or `file` message is read as an [`AttachmentRequest`].
///
/// # Errors
/// `bad_request` for a `system` message, an attachment body that is not
/// `{"file_id", "name"?}`, or a forward that also has a body.
pub fn send(conversation_id: ConversationId, req: SendRequest) -> Result<SendMessage, AppError> {
    let SendRequest {
        client_msg_id,
        kind,
        body,
        reply_to,
        thread_root,
        forward,
        mentions,
    } = req;
    let attachment = |body: &str| -> Result<Attachment, AppError> {
        let a: AttachmentRequest = serde_json::from_str(body).map_err(|e| {
            let kind = if kind == MessageKind::Image {
                "image"
            } else {
                "file"
            };
            AppError::BadRequest(format!("an {kind} body is {{\"file_id\", \"name\"?}}: {e}"))
        })?;
        Ok(Attachment {
            file_id: FileId::from_uuid(a.file_id),
            name: a.name,
        })
    };
    let content = match (kind, forward) {
        (_, Some(f)) if body.is_empty() => Content::Forward(ForwardSource {
            conversation_id: ConversationId::from_uuid(f.conversation_id),
            seq: f.seq,
        }),
        (_, Some(_)) => {
            return Err(AppError::BadRequest(
                "a forward carries no body: it copies its source's".into(),
            ))
        }
        (MessageKind::Text, None) => Content::Text(body),
        (MessageKind::Image, None) => Content::Image(attachment(&body)?),
        (MessageKind::File, None) => Content::File(attachment(&body)?),
        (MessageKind::System, None) => {
            return Err(AppError::BadRequest(
                "clients cannot send system messages".into(),
            ))
        }
    };
    Ok(SendMessage {
        conversation_id,
        client_msg_id,
        content,
        reply_to,
        thread_root,
        mentions: mentions.into_iter().map(UserId::from_uuid).collect(),
        connection: None,
    })
}

impl RegisterRequest {
    /// A sign-up from `client_addr`.
    ///
    /// # Errors
    /// `bad_request` for a malformed challenge answer.
    pub fn command(self, client_addr: Option<String>) -> Result<RegisterUser, AppError> {
        Ok(RegisterUser {
            display_name: self.display_name,
            client_addr,
            challenge: challenge_answer(self.challenge)?,
            ..RegisterUser::new(&self.username, &self.password)
        })
    }
}

impl LoginRequest {
    /// A login from `client_addr`.
    ///
    /// # Errors
    /// `bad_request` for a malformed challenge answer.
    pub fn command(self, client_addr: Option<String>) -> Result<Login, AppError> {
        Ok(Login {
            client_addr,
            challenge: challenge_answer(self.challenge)?,
            ..Login::new(&self.username, &self.password)
        })
    }
}

/// A wire challenge answer as the core's: `{id, nonce}` or `{token}`, nothing else.
fn challenge_answer(
    answer: Option<crate::objects::ChallengeAnswer>,
) -> Result<Option<chat_domain::values::ChallengeAnswer>, AppError> {
    use chat_domain::values::ChallengeAnswer as Answer;
    let Some(a) = answer else { return Ok(None) };
    let failed = |e: chat_domain::DomainError| AppError::ChallengeFailed(e.to_string());
    let parsed = match (a.id, a.nonce, a.token) {
        (Some(id), Some(nonce), None) => Answer::solution(&id, &nonce).map_err(failed)?,
        (None, None, Some(token)) => Answer::token(&token).map_err(failed)?,
        _ => {
            return Err(AppError::ChallengeFailed(
                "a challenge answer is {\"id\", \"nonce\"} or {\"token\"}".into(),
            ))
        }
    };
    Ok(Some(parsed))
}

impl From<ThreadsQuery> for chat_app::ThreadsQuery {
    fn from(q: ThreadsQuery) -> Self {
        Self {
            unread: q.unread.unwrap_or(false),
            limit: q.limit,
        }
    }
}

impl From<&chat_app::FollowedThread> for FollowedThread {
    fn from(t: &chat_app::FollowedThread) -> Self {
        Self {
            conversation_id: *t.root.conversation_id.as_uuid(),
            root: (&t.root).into(),
            read_seq: t.read_seq,
            unread: t.unread,
            following: t.following,
        }
    }
}

impl From<HistoryQuery> for chat_app::HistoryQuery {
    fn from(q: HistoryQuery) -> Self {
        Self {
            before_seq: q.before_seq,
            after_seq: q.after_seq,
            limit: q.limit,
            top_level: q.top_level.unwrap_or(false),
        }
    }
}

impl SearchQuery {
    /// The search.
    ///
    /// # Errors
    /// `bad_request` if `conversation_id` is not a UUID.
    pub fn command(self) -> Result<SearchMessages, AppError> {
        let conversation_id = self
            .conversation_id
            .as_deref()
            .map(|id| {
                id.parse()
                    .map_err(|_| AppError::BadRequest("conversation_id is not a valid UUID".into()))
            })
            .transpose()?;
        Ok(SearchMessages {
            q: self.q,
            conversation_id,
            before: self.before,
            limit: self.limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(kind: MessageKind, body: &str) -> String {
        let conv = ConversationId::new();
        let req = SendRequest {
            kind,
            ..SendRequest::text("c1", body)
        };
        match send(conv, req) {
            Err(AppError::BadRequest(why)) => why,
            other => panic!("{kind:?} {body:?}: {other:?}"),
        }
    }

    #[test]
    fn system_messages_and_malformed_attachments_are_bad_requests() {
        assert!(bad(MessageKind::System, "x").contains("system"));
        for body in [
            "",
            "{}",
            "[1]",
            r#"{"file_id":"nope"}"#,
            r#"{"file_id":"6f1c2e9a-8d3b-4c7e-9a61-2b7d4e0f9c11","x":1}"#,
        ] {
            assert!(
                bad(MessageKind::Image, body).starts_with("an image body is"),
                "{body}"
            );
            assert!(
                bad(MessageKind::File, body).starts_with("an file body is"),
                "{body}"
            );
        }
    }

    #[test]
    fn an_attachment_names_its_file() {
        let id = uuid::Uuid::new_v4();
        let body = format!(r#"{{"file_id":"{id}","name":"a.png"}}"#);
        let req = SendRequest {
            kind: MessageKind::Image,
            ..SendRequest::text("c1", &body)
        };
        let cmd = send(ConversationId::new(), req).unwrap();
        assert_eq!(
            cmd.content,
            Content::Image(Attachment {
                file_id: FileId::from_uuid(id),
                name: Some("a.png".into())
            })
        );
    }
}
