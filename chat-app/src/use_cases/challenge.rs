use chat_domain::ports::{Challenge, HumanCheck, SingleUse, Verdict};
use chat_domain::rules;
use chat_domain::values::ChallengeAnswer;

use crate::{AppError, ChatApp};

impl ChatApp {
    /// A challenge to answer with a sign-up, or with a login that asked for one.
    ///
    /// # Errors
    /// `not_found` when challenges are off; `unavailable` if none can be issued now.
    pub async fn challenge(&self) -> Result<Challenge, AppError> {
        let Some(check) = &self.ports.human_check else {
            return Err(AppError::NotFound(
                "challenges are off on this server: none is needed".into(),
            ));
        };
        Ok(check.issue(self.ports.clock.now()).await?)
    }

    /// Lets a guarded request through if `answer` passes `check`, once.
    ///
    /// # Errors
    /// `missing` without an answer; `ChallengeFailed` for a wrong, expired, forged or
    /// reused one; `unavailable` if it could not be checked (never let through then).
    pub(crate) async fn pass_challenge(
        &self,
        check: &dyn HumanCheck,
        answer: Option<&ChallengeAnswer>,
        client_addr: Option<&str>,
        missing: AppError,
    ) -> Result<(), AppError> {
        let Some(answer) = answer else {
            return Err(missing);
        };
        let now = self.ports.clock.now();
        match check.verify(answer, client_addr, now).await? {
            Verdict::Failed(why) => Err(AppError::ChallengeFailed(why)),
            Verdict::Passed { once: None } => Ok(()),
            Verdict::Passed {
                once: Some(SingleUse { key, until }),
            } => {
                let key = rules::challenge_claim_key(&key);
                if self.ports.live.replay.claim(&key, until, now).await? {
                    Ok(())
                } else {
                    Err(AppError::ChallengeFailed(
                        "this challenge was answered before: get a new one".into(),
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use async_trait::async_trait;
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::testing::{app, memory_ports_with};
    use chat_domain::RepoError;

    /// Passes the nonce "42" for any id, as single use until far ahead.
    struct FortyTwo;

    #[async_trait]
    impl HumanCheck for FortyTwo {
        async fn issue(&self, now: DateTime<Utc>) -> Result<Challenge, RepoError> {
            Ok(Challenge::ProofOfWork {
                id: "c".into(),
                salt: "s".into(),
                difficulty: 1,
                expires_at: now + chrono::Duration::minutes(5),
            })
        }

        async fn verify(
            &self,
            answer: &ChallengeAnswer,
            _: Option<&str>,
            now: DateTime<Utc>,
        ) -> Result<Verdict, RepoError> {
            Ok(match answer {
                ChallengeAnswer::Solution { id, nonce } if nonce == "42" => Verdict::Passed {
                    once: Some(SingleUse {
                        key: id.clone(),
                        until: now + chrono::Duration::minutes(5),
                    }),
                },
                _ => Verdict::Failed("wrong".into()),
            })
        }
    }

    #[tokio::test]
    async fn an_answer_passes_once_and_a_wrong_or_missing_one_never() {
        let chat = app(memory_ports_with(|p| {
            p.human_check = Some(Arc::new(FortyTwo))
        }));
        let check = FortyTwo;
        let ok = ChallengeAnswer::solution("a", "42").unwrap();
        let wrong = ChallengeAnswer::solution("b", "41").unwrap();
        let missing = || AppError::ChallengeRequired("answer one".into());
        assert!(chat
            .pass_challenge(&check, Some(&ok), None, missing())
            .await
            .is_ok());
        let again = chat
            .pass_challenge(&check, Some(&ok), None, missing())
            .await;
        assert!(
            matches!(again, Err(AppError::ChallengeFailed(_))),
            "{again:?}"
        );
        let bad = chat
            .pass_challenge(&check, Some(&wrong), None, missing())
            .await;
        assert!(matches!(bad, Err(AppError::ChallengeFailed(_))), "{bad:?}");
        let none = chat.pass_challenge(&check, None, None, missing()).await;
        assert_eq!(none, Err(missing()));
        assert!(matches!(
            chat.challenge().await,
            Ok(Challenge::ProofOfWork { .. })
        ));
    }

    #[tokio::test]
    async fn with_challenges_off_there_is_none_to_get() {
        let chat = app(memory_ports_with(|_| {}));
        assert!(matches!(chat.challenge().await, Err(AppError::NotFound(_))));
    }
}
