use chat_domain::entities::{MessageKind, NewMessage, ReplyPreview};
use chat_domain::events::DomainEvent;
use chat_domain::ids::{ConnectionId, ConversationId, FileId, MessageId, UserId};
use chat_domain::ports::Appended;
use chat_domain::rules;
use chat_domain::values::{ClientMsgId, MessageBody, Seq, Username};

use super::forward_message::ForwardCopy;
use super::message_created;
use crate::{Actor, AppError, ChatApp, ForwardSource, Sent};

/// What a sender sends: text, or a file they uploaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// Text: trimmed, 1-5000 characters.
    Text(String),
    /// An image: a file whose bytes are an image.
    Image(Attachment),
    /// Any file.
    File(Attachment),
    /// A copy of a message the sender can read (its kind and body).
    Forward(ForwardSource),
}

/// An uploaded file that a message carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// A file the sender may read.
    pub file_id: FileId,
    /// The name to show; the upload's own name when `None`.
    pub name: Option<String>,
}

/// Input of [`ChatApp::send_message`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendMessage {
    /// Where.
    pub conversation_id: ConversationId,
    /// The sender's idempotency key.
    pub client_msg_id: String,
    /// What it carries.
    pub content: Content,
    /// The seq this message answers.
    pub reply_to: Option<u64>,
    /// The root of the thread it replies in.
    pub thread_root: Option<u64>,
    /// Members to mention besides the `@username`s in a text body.
    pub mentions: Vec<UserId>,
    /// The sending connection, which gets an ack instead of the event.
    pub connection: Option<ConnectionId>,
}

impl SendMessage {
    /// A text message with no reply and no connection.
    pub fn text(conversation_id: ConversationId, client_msg_id: &str, body: &str) -> Self {
        Self {
            conversation_id,
            client_msg_id: client_msg_id.into(),
            content: Content::Text(body.into()),
            reply_to: None,
            thread_root: None,
            mentions: Vec::new(),
            connection: None,
        }
    }
}

impl ChatApp {
    /// Validates, checks access, counts against the rate limit, appends (durably), then
    /// delivers to every member's connections except the sending one.
    ///
    /// A retry with a client_msg_id the sender already used in this conversation returns
    /// the stored message with `created: false` and delivers nothing again.
    ///
    /// A reply in a thread (`thread_root`) is counted on its root, which members get as
    /// `message_updated`.
    ///
    /// # Errors
    /// `bad_request` for a bad kind, client_msg_id or body, a reply to a seq that does
    /// not exist, or a `thread_root` that is not a live top-level message; for a forward,
    /// `forbidden`, `not_found` or `conflict` as the source is not readable, not there or
    /// recalled; `too_large` for a body over 5000 characters; `forbidden` for a
    /// non-member or banned sender (checked before anything is written), or a send the
    /// before-send hook rejected (its reason); `rate_limited`; `unavailable` if storage
    /// is down, or the hook gave no answer under the reject policy (then nothing is
    /// stored or delivered).
    pub async fn send_message(&self, actor: &Actor, cmd: SendMessage) -> Result<Sent, AppError> {
        let (draft, delivery) = self.prepare_send(actor, cmd).await?;
        let draft = self.screen(vec![draft]).await.pop().ok_or_else(|| {
            AppError::Internal("the before-send screen answered nothing".into())
        })??;
        let appended = self.ports.storage.messages.append(draft).await?;
        // Before anyone hears of it; on a retry too, whose first attempt may have stopped
        // after the append and before this (receivers drop the repeat by the message id).
        let at = self.ports.clock.now();
        self.queue_events(vec![message_created(&appended.message, at)])
            .await;
        self.deliver_sent(delivery, appended).await
    }

    /// Every check of a send, in order, before anything is stored: the message to
    /// append, and what its delivery needs.
    pub(crate) async fn prepare_send(
        &self,
        actor: &Actor,
        cmd: SendMessage,
    ) -> Result<(NewMessage, Delivery), AppError> {
        let client_msg_id = ClientMsgId::parse(&cmd.client_msg_id)?;
        // An attachment is checked against its file once the sender is known to be a
        // member; text is checked here.
        let content = match &cmd.content {
            Content::Text(text) => Checked::Text(MessageBody::parse(MessageKind::Text, text)?),
            Content::Image(a) => Checked::Attachment(MessageKind::Image, a),
            Content::File(a) => Checked::Attachment(MessageKind::File, a),
            Content::Forward(source) => Checked::Forward(*source),
        };
        let reply_to = cmd.reply_to.map(Seq::new).transpose()?;

        let membership = self
            .ports
            .storage
            .conversations
            .participant(cmd.conversation_id, actor.id())
            .await?;
        rules::ensure_can_send(&actor.user, membership.as_ref())?;
        let blockers = self.refuse_if_blocked(actor, cmd.conversation_id).await?;
        let first_send = membership.as_ref().is_some_and(|p| !p.has_sent);
        self.rate_check(&format!("send:{}", actor.id()), self.settings.send_limit)
            .await?;
        let reply = match reply_to {
            Some(r) => Some(
                self.ports
                    .storage
                    .messages
                    .get(cmd.conversation_id, r)
                    .await?
                    .ok_or_else(|| AppError::BadRequest(format!("reply_to {r} does not exist")))?
                    .reply_preview(),
            ),
            None => None,
        };
        let root = self
            .thread_root(cmd.conversation_id, cmd.thread_root)
            .await?;
        let (thread_root, root_author) = (root.as_ref().map(|r| r.seq), root.map(|r| r.sender_id));
        let text = match &content {
            Checked::Text(body) => Some(body),
            Checked::Attachment(..) | Checked::Forward(_) => None,
        };
        let mut mentions = self.mentions(&cmd, text).await?;
        // A mention of someone who blocks the sender is not kept.
        mentions.retain(|u| !blockers.contains(u));
        let (kind, body, forwarded) = match content {
            Checked::Text(body) => (MessageKind::Text, body, None),
            Checked::Attachment(kind, a) => (
                kind,
                self.attach(actor, kind, cmd.conversation_id, a).await?,
                None,
            ),
            Checked::Forward(source) => {
                let ForwardCopy { kind, body, from } = self
                    .forward_copy(actor, cmd.conversation_id, source)
                    .await?;
                (kind, body, Some(from))
            }
        };
        let draft = NewMessage {
            id: MessageId::new(),
            conversation_id: cmd.conversation_id,
            sender_id: actor.id(),
            kind,
            body,
            client_msg_id: Some(client_msg_id),
            reply_to,
            mentions,
            created_at: self.ports.clock.now(),
            thread_root,
            forwarded,
        };
        let delivery = Delivery {
            reply,
            connection: cmd.connection,
            first_send,
            root_author,
        };
        Ok((draft, delivery))
    }

    /// After the append: a new message goes to the members (and offline pushes); a
    /// retry's stored message goes nowhere again.
    pub(crate) async fn deliver_sent(
        &self,
        delivery: Delivery,
        appended: Appended,
    ) -> Result<Sent, AppError> {
        if delivery.first_send {
            let m = &appended.message;
            self.first_send(m.conversation_id, m.sender_id).await;
        }
        let m = &appended.message;
        // Before the reply goes out (on a retry too: its first attempt may have stopped
        // before this), so whoever hears of it finds its followers' standings stored.
        let followed = match (m.thread_root, delivery.root_author) {
            (Some(root), Some(author)) => self.follow_on_reply(m, root, author).await,
            _ => Ok(()),
        };
        let mut members = None;
        if appended.created {
            let event = DomainEvent::MessageSent {
                message: m.clone(),
                reply: delivery.reply,
            };
            let to = self
                .publish_to_members(m.conversation_id, event, None, delivery.connection)
                .await?;
            members = Some(to);
        }
        // A standing that failed to store fails the send after the reply went out, so
        // the retry stores it.
        followed?;
        let root = self.count_reply(m, appended.created).await?;
        if let Some(members) = members {
            let recipients = match &root {
                Some(root) => {
                    self.thread_followers(m.conversation_id, root.seq, members)
                        .await
                }
                None => members,
            };
            self.notify_offline(m, &recipients).await;
        }
        Ok(Sent {
            message: appended.message,
            created: appended.created,
        })
    }
}

/// A send's content once its text is checked (attachments are checked against their file
/// later, once the sender is known to be a member).
enum Checked<'a> {
    Text(MessageBody),
    Attachment(MessageKind, &'a Attachment),
    Forward(ForwardSource),
}

/// What delivering a sent message needs besides the message.
pub(crate) struct Delivery {
    reply: Option<ReplyPreview>,
    connection: Option<ConnectionId>,
    /// The sender's first message since joining: presence starts to be shared.
    pub(super) first_send: bool,
    /// Who wrote the root of the thread it replies in.
    root_author: Option<UserId>,
}

impl ChatApp {
    /// The users who block the sender; a send in a direct conversation whose other
    /// member is one of them is refused as a non-member's would be.
    async fn refuse_if_blocked(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
    ) -> Result<Vec<UserId>, AppError> {
        let blockers = self.ports.storage.blocks.blockers_of(actor.id()).await?;
        if blockers.is_empty() {
            return Ok(blockers);
        }
        let conversation = self
            .ports
            .storage
            .conversations
            .get(conversation_id)
            .await?;
        let peer = conversation.direct_pair().map(|p| {
            if p.low() == actor.id() {
                p.high()
            } else {
                p.low()
            }
        });
        if peer.is_some_and(|p| blockers.contains(&p)) {
            return Err(AppError::Forbidden(rules::NOT_A_MEMBER.into()));
        }
        Ok(blockers)
    }

    /// The members a message mentions: the `@username`s of a text body and the ids the
    /// client names, kept when they are members, at most the configured number.
    async fn mentions(
        &self,
        cmd: &SendMessage,
        text: Option<&MessageBody>,
    ) -> Result<Vec<UserId>, AppError> {
        let max = self.settings.max_mentions;
        let names = match text {
            Some(body) => rules::mentioned_usernames(body.as_str(), max),
            None => Vec::new(),
        };
        if names.is_empty() && cmd.mentions.is_empty() {
            return Ok(Vec::new());
        }
        if cmd.mentions.len() > max {
            return Err(AppError::BadRequest(format!("at most {max} mentions")));
        }
        let mut wanted = cmd.mentions.clone();
        for name in names {
            let Ok(username) = Username::parse(name) else {
                continue;
            };
            if let Some(user) = self.ports.storage.users.find_by_username(&username).await? {
                wanted.push(user.id);
            }
        }
        let members = self
            .ports
            .storage
            .conversations
            .participants(cmd.conversation_id)
            .await?;
        let mut out: Vec<UserId> = Vec::new();
        for id in wanted {
            if members.iter().any(|p| p.user_id == id) && !out.contains(&id) {
                out.push(id);
            }
        }
        out.truncate(max);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chat_domain::ports::{Appended, RateDecision};
    use chat_domain::RepoError;
    use chat_memory::MemoryConversations;

    use crate::testing::*;
    use crate::{AppError, SendMessage};

    #[tokio::test]
    async fn publishes_nothing_when_append_fails() {
        let (alice, bob) = (actor("alice"), actor("bob"));
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice, &bob]).await;
        let mut messages = MockMessages::new();
        messages
            .expect_append()
            .times(1)
            .returning(|_| Err(RepoError::Unavailable("disk gone".into())));
        let mut bus = MockBus::new();
        bus.expect_publish().never();
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.messages = Arc::new(messages);
            p.live.events = Arc::new(bus);
        });
        let err = app(ports)
            .send_message(&alice, SendMessage::text(conv, "c1", "hi"))
            .await
            .unwrap_err();
        assert_eq!(variant(&err), "Unavailable");
    }

    #[tokio::test]
    async fn a_non_member_is_forbidden_before_anything_is_counted_or_written() {
        let (alice, mallory) = (actor("alice"), actor("mallory"));
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice]).await;
        let mut messages = MockMessages::new();
        messages.expect_append().never();
        let mut limiter = MockLimiter::new();
        limiter.expect_check().never();
        let mut bus = MockBus::new();
        bus.expect_publish().never();
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.messages = Arc::new(messages);
            p.live.rate_limiter = Arc::new(limiter);
            p.live.events = Arc::new(bus);
        });
        let err = app(ports)
            .send_message(&mallory, SendMessage::text(conv, "c1", "let me in"))
            .await
            .unwrap_err();
        assert_eq!(variant(&err), "Forbidden");
    }

    #[tokio::test]
    async fn bad_input_is_rejected_before_any_port_is_called() {
        let alice = actor("alice");
        let mut convs = MockConversations::new();
        convs.expect_participant().never();
        let ports = memory_ports_with(|p| {
            p.storage.conversations = Arc::new(convs);
        });
        let app = app(ports);
        let conv = chat_domain::ids::ConversationId::new();
        let cases = [
            (SendMessage::text(conv, "c1", "   "), "BadRequest"),
            (SendMessage::text(conv, "", "hi"), "BadRequest"),
            (SendMessage::text(conv, "c1", &"x".repeat(5001)), "TooLarge"),
            (
                SendMessage {
                    reply_to: Some(0),
                    ..SendMessage::text(conv, "c1", "x")
                },
                "BadRequest",
            ),
        ];
        for (cmd, code) in cases {
            let err = app.send_message(&alice, cmd.clone()).await.unwrap_err();
            assert_eq!(variant(&err), code, "{cmd:?}");
        }
    }

    #[tokio::test]
    async fn a_rate_limited_send_stores_nothing() {
        let alice = actor("alice");
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice]).await;
        let mut limiter = MockLimiter::new();
        limiter.expect_check().returning(|key, _, _| {
            assert!(key.starts_with("send:"));
            Ok(RateDecision::Limited {
                retry_after: std::time::Duration::from_secs(7),
            })
        });
        let mut messages = MockMessages::new();
        messages.expect_append().never();
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.live.rate_limiter = Arc::new(limiter);
            p.storage.messages = Arc::new(messages);
        });
        let err = app(ports)
            .send_message(&alice, SendMessage::text(conv, "c1", "spam"))
            .await
            .unwrap_err();
        assert_eq!(
            err,
            AppError::RateLimited {
                retry_after: std::time::Duration::from_secs(7)
            }
        );
    }

    #[tokio::test]
    async fn an_idempotent_retry_delivers_nothing_again() {
        let alice = actor("alice");
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice, &actor("bob")]).await;
        let mut messages = MockMessages::new();
        messages.expect_append().returning(|m| {
            Ok(Appended {
                message: m.at(chat_domain::values::Seq::FIRST),
                created: false,
            })
        });
        let mut bus = MockBus::new();
        bus.expect_publish().never();
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.messages = Arc::new(messages);
            p.live.events = Arc::new(bus);
        });
        let sent = app(ports)
            .send_message(&alice, SendMessage::text(conv, "c1", "hi"))
            .await
            .unwrap();
        assert!(!sent.created);
    }

    #[tokio::test]
    async fn a_new_message_goes_to_every_member_but_the_sending_connection() {
        let (alice, bob) = (actor("alice"), actor("bob"));
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice, &bob]).await;
        let conn = chat_domain::ids::ConnectionId::new();
        let (a, b) = (alice.id(), bob.id());
        let mut bus = MockBus::new();
        bus.expect_publish().times(1).returning(move |env| {
            let mut audience = env.audience.clone();
            audience.sort();
            let mut want = vec![a, b];
            want.sort();
            assert_eq!(audience, want);
            assert_eq!(env.skip_connection, Some(conn));
            Ok(())
        });
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.live.events = Arc::new(bus);
        });
        let cmd = SendMessage {
            connection: Some(conn),
            ..SendMessage::text(conv, "c1", "hello 👋")
        };
        let sent = app(ports).send_message(&alice, cmd).await.unwrap();
        assert!(sent.created);
        assert_eq!(sent.message.seq.get(), 1);
        assert_eq!(sent.message.body.as_str(), "hello 👋");
    }
}
