use chrono::{DateTime, Duration, DurationRound, Utc};

use super::ensure_admin;
use crate::{Actor, AppError, ChatApp, Stats};

/// The hours sign-ups are shown for.
const SIGNUP_HOURS: i64 = 24;

impl ChatApp {
    /// Server-wide counts.
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin.
    pub async fn stats(&self, actor: &Actor) -> Result<Stats, AppError> {
        ensure_admin(actor)?;
        Ok(Stats {
            users: self.ports.storage.users.count().await?,
            conversations: self.ports.storage.conversations.count().await?,
            messages: self.ports.storage.messages.count().await?,
            live_connections: self.ports.live.presence.live_connections().await?,
            signups_per_hour: self.signups_per_hour().await?,
        })
    }

    /// Sign-ups in each of the last 24 hours, this one last, zeros included.
    async fn signups_per_hour(&self) -> Result<Vec<(DateTime<Utc>, u64)>, AppError> {
        let hour = Duration::hours(1);
        let this_hour = self
            .ports
            .clock
            .now()
            .duration_trunc(hour)
            .map_err(|e| AppError::Internal(format!("the hour of now: {e}")))?;
        let first = this_hour - hour * (SIGNUP_HOURS as i32 - 1);
        let counted = self.ports.storage.users.created_per_hour(first).await?;
        Ok((0..SIGNUP_HOURS as i32)
            .map(|i| {
                let at = first + hour * i;
                let n = counted
                    .iter()
                    .find(|(h, _)| *h == at)
                    .map_or(0, |(_, n)| *n);
                (at, n)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use chat_domain::entities::UserRole;

    use crate::testing::{actor, app, memory_ports, now};
    use crate::RegisterUser;

    #[tokio::test]
    async fn sign_ups_are_counted_in_the_hour_they_happened() {
        let chat = app(memory_ports());
        for name in ["ana", "bob"] {
            chat.register_user(RegisterUser::new(name, "long enough pw"))
                .await
                .unwrap();
        }
        let mut admin = actor("root");
        admin.user.role = UserRole::Admin;
        let stats = chat.stats(&admin).await.unwrap();
        assert_eq!(stats.signups_per_hour.len(), 24);
        let (last_hour, n) = *stats.signups_per_hour.last().unwrap();
        assert!(last_hour <= now() && now() - last_hour < chrono::Duration::hours(1));
        assert_eq!(n, 2);
        assert!(stats.signups_per_hour[..23].iter().all(|(_, n)| *n == 0));
    }
}
