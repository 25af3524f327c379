use super::message_created;
use crate::{Actor, AppError, ChatApp, SendMessage, Sent};

impl ChatApp {
    /// Several sends from one actor: what a connection that pipelines its sends has
    /// waiting. Each is checked as [`ChatApp::send_message`] checks it, then all that pass
    /// are stored with one [`append_all`] (one commit, where the store can), then
    /// delivered in order.
    ///
    /// `answer` gets each send's outcome, in the given order, as soon as that send is
    /// done: an early send's ack does not wait for the later ones' deliveries (which can
    /// be slow while another node's bus is away). Within a conversation the messages take
    /// seqs in the given order. Each answer is what `send_message` would give for that
    /// send, except that a `reply_to` must name a message stored before the batch.
    ///
    /// [`append_all`]: chat_domain::ports::MessageRepository::append_all
    ///
    /// The before-send hook, when there is one, decides the sends that passed their
    /// checks in one call.
    ///
    /// # Errors
    /// Per send, those of [`ChatApp::send_message`], through `answer`; one send's error
    /// does not stop the others.
    pub async fn send_messages(
        &self,
        actor: &Actor,
        cmds: Vec<SendMessage>,
        mut answer: impl FnMut(Result<Sent, AppError>) + Send,
    ) {
        let mut checked = Vec::with_capacity(cmds.len());
        let mut drafts = Vec::with_capacity(cmds.len());
        for cmd in cmds {
            checked.push(match self.prepare_send(actor, cmd).await {
                Ok((draft, delivery)) => {
                    drafts.push(draft);
                    Ok(delivery)
                }
                Err(e) => Err(e),
            });
        }
        // The hook decides the run in one call; a refused send leaves the batch.
        let mut screened = self.screen(drafts).await.into_iter();
        let mut drafts = Vec::with_capacity(checked.len());
        let mut conversations = std::collections::HashSet::new();
        for check in checked.iter_mut() {
            let Ok(delivery) = check else { continue };
            match screened.next() {
                Some(Ok(draft)) => {
                    // A member's first send is recorded (and introduced) once per batch.
                    if !conversations.insert(draft.conversation_id) {
                        delivery.first_send = false;
                    }
                    drafts.push(draft);
                }
                Some(Err(e)) => *check = Err(e),
                None => *check = Err(AppError::Internal("a send went unscreened".into())),
            }
        }
        let appended = self.ports.storage.messages.append_all(drafts).await;
        // The run's new messages reach the events queue in one write, before anyone
        // hears of them.
        let at = self.ports.clock.now();
        let created = appended
            .iter()
            .filter_map(|a| a.as_ref().ok())
            .map(|a| message_created(&a.message, at))
            .collect();
        self.queue_events(created).await;
        let mut appended = appended.into_iter();
        for check in checked {
            // Only sends that passed their checks were appended, so only they take an answer.
            answer(match check.map(|delivery| (delivery, appended.next())) {
                Err(e) => Err(e),
                Ok((delivery, Some(Ok(a)))) => self.deliver_sent(delivery, a).await,
                Ok((_, Some(Err(e)))) => Err(e.into()),
                Ok((_, None)) => Err(AppError::Unavailable(
                    "the message store answered fewer appends than it was given".into(),
                )),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chat_domain::entities::NewMessage;
    use chat_domain::events::DomainEvent;
    use chat_domain::ports::{Appended, MessageRepository, RateDecision};
    use chat_domain::values::Seq;
    use chat_domain::RepoError;
    use chat_memory::{MemoryConversations, MemoryMessages};

    use chat_domain::ids::ConversationId;

    use crate::testing::*;
    use crate::{AppError, SendMessage, Sent};

    /// What a store answers: seqs from 1 in the given order, except where it fails.
    fn stored(drafts: Vec<NewMessage>, lose: Option<usize>) -> Vec<Result<Appended, RepoError>> {
        let mut seq = Seq::FIRST;
        let mut out = Vec::new();
        for (i, d) in drafts.into_iter().enumerate() {
            if Some(i) == lose {
                out.push(Err(RepoError::Unavailable("disk gone".into())));
                continue;
            }
            out.push(Ok(Appended {
                message: d.at(seq),
                created: true,
            }));
            seq = seq.next();
        }
        out
    }

    /// `n` text sends with client ids c1, c2, ….
    fn texts(conv: ConversationId, n: usize) -> Vec<SendMessage> {
        (1..=n)
            .map(|i| SendMessage::text(conv, &format!("c{i}"), &format!("m{i}")))
            .collect()
    }

    /// The answers of one `send_messages`, in the order given.
    async fn send_all(
        app: crate::ChatApp,
        actor: &crate::Actor,
        cmds: Vec<SendMessage>,
    ) -> Vec<Result<Sent, AppError>> {
        let mut answers = Vec::new();
        app.send_messages(actor, cmds, |a| answers.push(a)).await;
        answers
    }

    /// Each answer's error code, `None` for a sent message.
    fn codes(answers: &[Result<Sent, AppError>]) -> Vec<Option<&'static str>> {
        answers
            .iter()
            .map(|a| a.as_ref().err().map(variant))
            .collect()
    }

    #[tokio::test]
    async fn one_append_call_stores_the_batch_in_order_and_each_send_gets_its_own_answer() {
        let (alice, bob) = (actor("alice"), actor("bob"));
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice, &bob]).await;
        let mut messages = MockMessages::new();
        messages.expect_append().never();
        messages.expect_append_all().times(1).returning(|drafts| {
            let bodies: Vec<_> = drafts.iter().map(|d| d.body.as_str().to_owned()).collect();
            assert_eq!(bodies, ["one", "two", "three"]);
            stored(drafts, None)
        });
        let (tx, rx) = std::sync::mpsc::channel();
        let mut bus = MockBus::new();
        bus.expect_publish().times(3).returning(move |env| {
            let _ = tx.send(env);
            Ok(())
        });
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.messages = Arc::new(messages);
            p.live.events = Arc::new(bus);
        });
        let cmds = vec![
            SendMessage::text(conv, "c1", "one"),
            SendMessage::text(conv, "c2", "   "),
            SendMessage::text(conv, "c3", "two"),
            SendMessage::text(conv, "c4", "three"),
        ];
        let answers = send_all(app(ports), &alice, cmds).await;
        let seqs: Vec<_> = answers
            .iter()
            .map(|a| a.as_ref().map(|s| s.message.seq.get()).map_err(variant))
            .collect();
        assert_eq!(seqs, [Ok(1), Err("BadRequest"), Ok(2), Ok(3)]);
        let published: Vec<_> = rx
            .try_iter()
            .map(|env| match &env.event {
                DomainEvent::MessageSent { message, .. } => Some(message.seq.get()),
                _ => None,
            })
            .collect();
        assert_eq!(published, [Some(1), Some(2), Some(3)]);
    }

    #[tokio::test]
    async fn a_failed_append_fails_only_its_own_send_and_is_not_delivered() {
        let alice = actor("alice");
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice, &actor("bob")]).await;
        let mut messages = MockMessages::new();
        messages
            .expect_append_all()
            .returning(|drafts| stored(drafts, Some(1)));
        let mut bus = MockBus::new();
        bus.expect_publish().times(2).returning(|_| Ok(()));
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.messages = Arc::new(messages);
            p.live.events = Arc::new(bus);
        });
        let answers = send_all(app(ports), &alice, texts(conv, 3)).await;
        assert_eq!(codes(&answers), [None, Some("Unavailable"), None]);
    }

    #[tokio::test]
    async fn a_store_that_answers_too_few_appends_gives_unavailable_not_a_panic() {
        let alice = actor("alice");
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice]).await;
        let mut messages = MockMessages::new();
        messages.expect_append_all().returning(|drafts| {
            let mut all = stored(drafts, None);
            all.pop();
            all
        });
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.messages = Arc::new(messages);
        });
        let answers = send_all(app(ports), &alice, texts(conv, 2)).await;
        assert_eq!(codes(&answers), [None, Some("Unavailable")]);
    }

    #[tokio::test]
    async fn a_rate_limited_send_in_a_batch_is_not_stored_and_the_rest_are() {
        let alice = actor("alice");
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice]).await;
        let mut calls = 0;
        let mut limiter = MockLimiter::new();
        limiter.expect_check().returning(move |_, _, _| {
            calls += 1;
            Ok(if calls == 2 {
                RateDecision::Limited {
                    retry_after: std::time::Duration::from_secs(1),
                }
            } else {
                RateDecision::Allowed
            })
        });
        let store = Arc::new(MemoryMessages::default());
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.live.rate_limiter = Arc::new(limiter);
            p.storage.messages = store.clone();
        });
        let answers = send_all(app(ports), &alice, texts(conv, 3)).await;
        assert_eq!(codes(&answers), [None, Some("RateLimited"), None]);
        assert_eq!(store.last_seq(conv).await.unwrap(), 2);
    }

    #[tokio::test]
    async fn a_runs_new_messages_are_queued_for_the_events_receiver_in_one_write() {
        let alice = actor("alice");
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice, &actor("bob")]).await;
        let mut outbox = MockOutbox::new();
        outbox.expect_enqueue().times(1).returning(|events| {
            let seqs: Vec<_> = events
                .iter()
                .map(|e| match e.event {
                    chat_domain::entities::IntegrationEvent::MessageCreated { seq, .. } => seq,
                    _ => 0,
                })
                .collect();
            assert_eq!(seqs, [1, 2, 3]);
            Ok(())
        });
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.events = Arc::new(outbox);
            p.events_out = Some(Arc::new(MockDelivery::new()));
        });
        let answers = send_all(app(ports), &alice, texts(conv, 3)).await;
        assert_eq!(codes(&answers), [None, None, None]);
    }

    #[tokio::test]
    async fn a_run_whose_events_the_store_refuses_is_answered_and_its_events_queued_later() {
        let alice = actor("alice");
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice, &actor("bob")]).await;
        let queued = Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut outbox = MockOutbox::new();
        let mut refused = false;
        let log = queued.clone();
        outbox.expect_enqueue().returning(move |events| {
            if !refused {
                refused = true;
                return Err(RepoError::Unavailable("disk full".into()));
            }
            log.lock().unwrap().extend(events.iter().map(|e| e.id));
            Ok(())
        });
        outbox.expect_lease().returning(|_, _, _| Ok(true));
        outbox.expect_pending().returning(|_, _| Ok(Vec::new()));
        outbox.expect_remove().returning(|_| Ok(()));
        let mut bus = MockBus::new();
        bus.expect_publish().times(2).returning(|_| Ok(()));
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.events = Arc::new(outbox);
            p.events_out = Some(Arc::new(MockDelivery::new()));
            p.live.events = Arc::new(bus);
        });
        let app = app(ports);
        // The messages are stored: the senders hear so, and the members get them.
        let answers = send_all(app.clone(), &alice, texts(conv, 2)).await;
        assert_eq!(codes(&answers), [None, None]);
        assert!(queued.lock().unwrap().is_empty());
        // Their events wait in memory until the delivery loop queues them.
        let running = tokio::spawn(app.clone().deliver_events());
        for _ in 0..100 {
            if queued.lock().unwrap().len() == 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        running.abort();
        assert_eq!(queued.lock().unwrap().len(), 2);
    }
}
