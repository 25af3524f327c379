use chat_domain::entities::{MessageKind, NewMessage};
use chat_domain::ports::{HookFailed, PendingSend, SendVerdict};
use chat_domain::rules;
use chat_domain::values::MessageBody;

use crate::{AppError, ChatApp, HookFailurePolicy};

impl ChatApp {
    /// Each draft as the before-send hook decides it, in order: as sent, with the body it
    /// gave, or refused (`forbidden`, its reason). Drafts are asked about in one call.
    /// With no hook every draft passes. When the hook gives no usable answer, or a
    /// replacement that is no valid text body, the failure policy decides: `unavailable`
    /// (store nothing) or as sent.
    pub(crate) async fn screen(
        &self,
        drafts: Vec<NewMessage>,
    ) -> Vec<Result<NewMessage, AppError>> {
        let Some(hook) = &self.ports.before_send else {
            return drafts.into_iter().map(Ok).collect();
        };
        if drafts.is_empty() {
            return Vec::new();
        }
        let sends: Vec<PendingSend> = drafts.iter().map(pending).collect();
        let verdicts = match hook.check(&sends).await {
            Ok(v) if v.len() == drafts.len() => Ok(v),
            Ok(v) => Err(HookFailed(format!(
                "{} verdicts for {} sends",
                v.len(),
                drafts.len()
            ))),
            Err(e) => Err(e),
        };
        match verdicts {
            Ok(verdicts) => {
                let mut out = Vec::with_capacity(drafts.len());
                for (draft, verdict) in drafts.into_iter().zip(verdicts) {
                    out.push(self.decided(draft, verdict).await);
                }
                out
            }
            Err(failed) => drafts
                .into_iter()
                .map(|draft| self.undecided(draft, &failed))
                .collect(),
        }
    }

    async fn decided(
        &self,
        mut draft: NewMessage,
        verdict: SendVerdict,
    ) -> Result<NewMessage, AppError> {
        match verdict {
            SendVerdict::Accept => Ok(draft),
            SendVerdict::Reject(reason) => Err(AppError::Forbidden(reason)),
            SendVerdict::Replace(body) => {
                let parsed = match draft.kind {
                    MessageKind::Text => {
                        MessageBody::parse(MessageKind::Text, &body).map_err(|e| e.to_string())
                    }
                    other => Err(format!(
                        "a {} message's body cannot be replaced",
                        other.as_str()
                    )),
                };
                match parsed {
                    Ok(body) => {
                        draft.body = body;
                        self.keep_named_mentions(&mut draft).await;
                        Ok(draft)
                    }
                    Err(why) => self.undecided(draft, &HookFailed(format!("replace: {why}"))),
                }
            }
        }
    }

    /// A replaced body keeps the mentions it still names (`@username`) and gains none: a
    /// hook that redacts a name takes its mention away too.
    async fn keep_named_mentions(&self, draft: &mut NewMessage) {
        if draft.mentions.is_empty() {
            return;
        }
        let named: Vec<String> =
            rules::mentioned_usernames(draft.body.as_str(), self.settings.max_mentions)
                .into_iter()
                .map(str::to_ascii_lowercase)
                .collect();
        // Unknown now: mention nobody rather than someone the new body may not name.
        let users: Vec<chat_domain::entities::User> = self
            .ports
            .storage
            .users
            .get_many(&draft.mentions)
            .await
            .unwrap_or_default();
        draft.mentions.retain(|id| {
            users
                .iter()
                .any(|u| u.id == *id && named.contains(&u.username.key()))
        });
    }

    fn undecided(&self, draft: NewMessage, failed: &HookFailed) -> Result<NewMessage, AppError> {
        tracing::warn!(error = %failed, policy = ?self.settings.before_send_failure, "a send went undecided");
        match self.settings.before_send_failure {
            HookFailurePolicy::Accept => Ok(draft),
            HookFailurePolicy::Reject => Err(AppError::Unavailable(
                "the message could not be screened; try again".into(),
            )),
        }
    }
}

fn pending(d: &NewMessage) -> PendingSend {
    PendingSend {
        sender_id: d.sender_id,
        conversation_id: d.conversation_id,
        kind: d.kind,
        body: d.body.as_str().to_owned(),
        client_msg_id: d.client_msg_id.as_ref().map(|c| c.as_str().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chat_domain::ports::{HookFailed, MessageRepository, SendVerdict};
    use chat_memory::{MemoryConversations, MemoryMessages};

    use crate::testing::*;
    use crate::{AppError, HookFailurePolicy, SendMessage, Sent, Settings};

    /// An app whose hook answers `verdicts` (once), with `policy`, over `store`.
    async fn with_hook(
        answer: Result<Vec<SendVerdict>, HookFailed>,
        policy: HookFailurePolicy,
    ) -> (
        crate::ChatApp,
        crate::Actor,
        chat_domain::ids::ConversationId,
        Arc<MemoryMessages>,
    ) {
        let alice = actor("alice");
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice]).await;
        let store = Arc::new(MemoryMessages::default());
        let mut hook = MockHook::new();
        hook.expect_check().times(1).return_once(move |sends| {
            assert!(sends.iter().all(|s| s.conversation_id == conv));
            answer
        });
        let ports = memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.messages = store.clone();
            p.before_send = Some(Arc::new(hook));
        });
        let settings = Settings {
            before_send_failure: policy,
            ..Settings::default()
        };
        (crate::ChatApp::new(ports, settings), alice, conv, store)
    }

    fn outcome(r: &Result<Sent, AppError>) -> Result<String, String> {
        match r {
            Ok(s) => Ok(s.message.body.as_str().to_owned()),
            Err(e) => Err(format!("{}: {e}", variant(e))),
        }
    }

    #[tokio::test]
    async fn a_run_is_decided_in_one_call_and_each_verdict_applies_to_its_send() {
        let verdicts = vec![
            SendVerdict::Accept,
            SendVerdict::Replace("[redacted]".into()),
            SendVerdict::Reject("no spam here".into()),
            SendVerdict::Replace("   ".into()),
        ];
        let (app, alice, conv, store) = with_hook(Ok(verdicts), HookFailurePolicy::Reject).await;
        let cmds = ["hello", "my card is 4111", "BUY NOW", "fine"]
            .iter()
            .enumerate()
            .map(|(i, b)| SendMessage::text(conv, &format!("c{i}"), b))
            .collect();
        let mut answers = Vec::new();
        app.send_messages(&alice, cmds, |a| answers.push(outcome(&a)))
            .await;
        assert_eq!(
            answers,
            [
                Ok("hello".to_owned()),
                Ok("[redacted]".to_owned()),
                Err("Forbidden: no spam here".to_owned()),
                Err("Unavailable: the message could not be screened; try again".to_owned()),
            ]
        );
        assert_eq!(
            store.last_seq(conv).await.unwrap(),
            2,
            "refused sends store nothing"
        );
    }

    #[tokio::test]
    async fn no_answer_follows_the_failure_policy() {
        for (policy, stored) in [
            (HookFailurePolicy::Reject, 0),
            (HookFailurePolicy::Accept, 1),
        ] {
            let silent = Err(HookFailed("no answer within 1s".into()));
            let (app, alice, conv, store) = with_hook(silent, policy).await;
            let sent = app
                .send_message(&alice, SendMessage::text(conv, "c1", "hi"))
                .await;
            assert_eq!(store.last_seq(conv).await.unwrap(), stored, "{policy:?}");
            match policy {
                HookFailurePolicy::Reject => assert_eq!(variant(&sent.unwrap_err()), "Unavailable"),
                HookFailurePolicy::Accept => assert_eq!(sent.unwrap().message.body.as_str(), "hi"),
            }
        }
    }

    #[tokio::test]
    async fn too_few_verdicts_are_a_broken_answer() {
        let (app, alice, conv, store) =
            with_hook(Ok(vec![SendVerdict::Accept]), HookFailurePolicy::Reject).await;
        let cmds = vec![
            SendMessage::text(conv, "c1", "one"),
            SendMessage::text(conv, "c2", "two"),
        ];
        let mut answers = Vec::new();
        app.send_messages(&alice, cmds, |a| answers.push(outcome(&a).is_ok()))
            .await;
        assert_eq!(answers, [false, false]);
        assert_eq!(store.last_seq(conv).await.unwrap(), 0);
    }
}

#[cfg(test)]
mod mention_tests {
    use std::sync::Arc;

    use chat_domain::ports::SendVerdict;
    use chat_memory::MemoryConversations;

    use crate::testing::*;
    use crate::{SendMessage, Settings};

    /// A hook that redacts a name takes its mention away; one that keeps it keeps it.
    #[tokio::test]
    async fn a_replaced_body_keeps_only_the_mentions_it_still_names() {
        for (replacement, kept) in [("[removed] is rude", 0), ("@bob is [removed]", 1)] {
            let (alice, bob) = (actor("alice"), actor("bob"));
            let convs = Arc::new(MemoryConversations::default());
            let conv = seed_group(convs.as_ref(), &[&alice, &bob]).await;
            let mut hook = MockHook::new();
            let answer = vec![SendVerdict::Replace(replacement.into())];
            hook.expect_check().return_once(move |_| Ok(answer));
            let ports = memory_ports_with(|p| {
                p.storage.conversations = convs;
                p.before_send = Some(Arc::new(hook));
            });
            for u in [&alice, &bob] {
                ports.storage.users.create(&u.user).await.unwrap();
            }
            let app = crate::ChatApp::new(ports, Settings::default());
            let sent = app
                .send_message(&alice, SendMessage::text(conv, "c1", "@bob is an idiot"))
                .await
                .unwrap();
            assert_eq!(sent.message.body.as_str(), replacement);
            assert_eq!(sent.message.mentions.len(), kept, "{replacement}");
        }
    }
}
