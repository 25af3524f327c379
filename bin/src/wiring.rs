//! Builds the ports a configuration names.

use std::sync::Arc;
use std::time::Duration;

use chat_adapter_localfs::LocalFiles;
use chat_adapter_redis::RedisConfig;
use chat_adapter_webhook::{
    receiver_url, BeforeSendConfig, BeforeSendWebhook, EventWebhook, EventsConfig, Outgoing,
    WebhookConfig, WebhookPush,
};
use chat_app::ChatApp;
use chat_app::HookFailurePolicy;
use chat_core::Chat;
use chat_domain::ports::{BeforeSend, EventDelivery, FileStore, PushGateway};
use chat_memory::{LogPush, MemoryFiles};

use crate::stores::{self, StoreSpec};
use crate::{Config, HookFailure, StartError, Store};

/// The core wired to the adapters a configuration names, and what must be closed with it.
pub struct Node {
    /// The chat core.
    pub app: ChatApp,
    chat: Chat,
}

impl Node {
    /// Closes storage (TXT: syncs and saves its indexes; MySQL: closes the pool) and
    /// leaves the shared live state.
    pub async fn close(self) {
        self.chat.close().await;
    }
}

/// The core with the adapters `config` names.
///
/// # Errors
/// [`StartError`] if a store cannot be opened (a data directory in use by another
/// process, say).
pub async fn build(config: &Config) -> Result<Node, StartError> {
    let storage = stores::open(&StoreSpec::of(config)).await?;
    let live = match &config.redis_url {
        Some(url) => {
            let redis = RedisConfig {
                prefix: config.redis_prefix.clone(),
                // Heartbeats come with each pong, once a ping interval.
                presence_ttl: config.chat.ping_interval * 3 / 2,
                ..RedisConfig::new(url.clone())
            };
            chat_adapter_redis::connect(&redis)
                .await
                .map_err(|e| StartError::Store {
                    store: "redis",
                    reason: e.to_string(),
                })?
        }
        None => chat_memory::live(),
    };
    let files: Arc<dyn FileStore> = if config.store == Store::Memory {
        Arc::new(MemoryFiles::default())
    } else {
        // Uploads live on this machine's disk, under the data directory.
        let dir = config.data_dir.join("files");
        Arc::new(stores::blocking("file", move || LocalFiles::open(&dir)).await?)
    };
    let outgoing = outgoing(config)?;
    let push: Arc<dyn PushGateway> = match &config.push_webhook_url {
        Some(url) => Arc::new(webhook(
            url,
            config.push_webhook_secret.as_deref(),
            &outgoing,
        )?),
        None => Arc::new(LogPush),
    };
    let human_check = config
        .chat
        .challenges
        .human_check()
        .map_err(StartError::Config)?;
    let before_send = before_send(config, &outgoing)?;
    let events_out = events_out(config, &outgoing)?;
    let mut settings = config.chat.app();
    settings.events.max_attempts = config.events_max_attempts;
    settings.before_send_failure = match config.before_send_failure {
        HookFailure::Reject => HookFailurePolicy::Reject,
        HookFailure::Accept => HookFailurePolicy::Accept,
    };
    let host_tokens = config
        .chat
        .host_tokens
        .verifier()
        .map_err(StartError::Config)?;
    let chat = Chat::builder()
        .human_check(human_check)
        .host_tokens(host_tokens)
        .before_send(before_send)
        .events_out(events_out)
        .storage(storage)
        .live(live)
        .files(files)
        .push(push)
        .settings(settings)
        .build();
    Ok(Node {
        app: chat.app().clone(),
        chat,
    })
}

/// The HTTP(S) client of every outgoing call, trusting `CHAT_EXTRA_CA_FILE` too.
fn outgoing(config: &Config) -> Result<Outgoing, StartError> {
    let extra = match &config.extra_ca_file {
        Some(path) => Some(std::fs::read(path).map_err(|e| {
            StartError::Config(format!("CHAT_EXTRA_CA_FILE {}: {e}", path.display()))
        })?),
        None => None,
    };
    Outgoing::new(extra.as_deref()).map_err(StartError::Config)
}

fn webhook(url: &str, secret: Option<&str>, client: &Outgoing) -> Result<WebhookPush, StartError> {
    let uri = receiver_url("CHAT_PUSH_WEBHOOK_URL", url).map_err(StartError::Config)?;
    let secret = secret.filter(|s| !s.is_empty()).ok_or_else(|| {
        StartError::Config("CHAT_PUSH_WEBHOOK_URL needs CHAT_PUSH_WEBHOOK_SECRET".into())
    })?;
    Ok(WebhookPush::start(
        WebhookConfig::new(uri, secret),
        client.clone(),
    ))
}

fn events_out(
    config: &Config,
    client: &Outgoing,
) -> Result<Option<Arc<dyn EventDelivery>>, StartError> {
    let Some(url) = &config.events_webhook_url else {
        return Ok(None);
    };
    let url = receiver_url("CHAT_EVENTS_WEBHOOK_URL", url).map_err(StartError::Config)?;
    let secret = config
        .events_webhook_secret
        .clone()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            StartError::Config("CHAT_EVENTS_WEBHOOK_URL needs CHAT_EVENTS_WEBHOOK_SECRET".into())
        })?;
    let events = EventsConfig {
        url,
        secret,
        timeout: Duration::from_secs(10),
    };
    Ok(Some(Arc::new(EventWebhook::new(events, client.clone()))))
}

fn before_send(
    config: &Config,
    client: &Outgoing,
) -> Result<Option<Arc<dyn BeforeSend>>, StartError> {
    let Some(url) = &config.before_send_url else {
        return Ok(None);
    };
    let url = receiver_url("CHAT_BEFORE_SEND_URL", url).map_err(StartError::Config)?;
    let secret = config
        .before_send_secret
        .clone()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            StartError::Config("CHAT_BEFORE_SEND_URL needs CHAT_BEFORE_SEND_SECRET".into())
        })?;
    let hook = BeforeSendConfig {
        url,
        secret,
        timeout: config.before_send_timeout,
    };
    Ok(Some(Arc::new(BeforeSendWebhook::new(hook, client.clone()))))
}

/// Periodic upkeep: expired sessions are deleted hourly; connections whose node stopped
/// sending heartbeats are aged out every quarter of a ping interval (a no-op on a store
/// without expiry), so their users go offline within two intervals.
pub async fn housekeeping(app: ChatApp, ping_interval: Duration) {
    let mut sessions = tokio::time::interval(Duration::from_secs(3600));
    let mut presence = tokio::time::interval((ping_interval / 4).max(Duration::from_millis(100)));
    presence.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = sessions.tick() => match app.purge_expired_sessions().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
                Err(e) => tracing::warn!(error = %e, "purging expired sessions failed"),
            },
            _ = presence.tick() => match app.expire_presence().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(users = n, "users went offline with a silent node"),
                Err(e) => tracing::debug!(error = %e, "ageing out presence failed"),
            },
        }
    }
}
