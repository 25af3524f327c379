//! Builds the ports a configuration names.

use std::sync::Arc;
use std::time::Duration;

use chat_adapter_argon2::Argon2Hasher;
use chat_adapter_memory::*;
use chat_app::{ChatApp, Ports, Settings};
use chat_domain::ports::RateLimit;

use crate::{Config, StartError, Store};

/// The core with the adapters `config` names.
///
/// # Errors
/// [`StartError`] if a store cannot be opened.
pub async fn build_app(config: &Config) -> Result<ChatApp, StartError> {
    let ports = match config.store {
        Store::Memory => Ports {
            users: Arc::new(MemoryUsers::default()),
            sessions: Arc::new(MemorySessions::default()),
            conversations: Arc::new(MemoryConversations::default()),
            messages: Arc::new(MemoryMessages::default()),
            presence: Arc::new(MemoryPresence::default()),
            events: Arc::new(MemoryEventBus::default()),
            rate_limiter: Arc::new(MemoryRateLimiter::default()),
            hasher: Arc::new(Argon2Hasher::default()),
            clock: Arc::new(SystemClock),
        },
    };
    let settings = Settings {
        token_ttl: config.token_ttl,
        send_limit: RateLimit {
            max: config.rate_limit_max,
            window: config.rate_limit_window,
        },
        auth_limit: RateLimit {
            max: config.auth_rate_limit_max,
            window: Duration::from_secs(60),
        },
        ..Settings::default()
    };
    Ok(ChatApp::new(ports, settings))
}

/// Periodic upkeep: expired sessions are deleted hourly.
pub async fn housekeeping(app: ChatApp) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match app.purge_expired_sessions().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
            Err(e) => tracing::warn!(error = %e, "purging expired sessions failed"),
        }
    }
}
