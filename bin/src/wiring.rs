//! Builds the ports a configuration names.

use std::sync::Arc;
use std::time::Duration;

use chat_adapter_argon2::Argon2Hasher;
use chat_adapter_localfs::LocalFiles;
use chat_adapter_mysql::{MysqlConfig, MysqlStore};
use chat_adapter_redis::{RedisConfig, RedisLive};
use chat_adapter_txt::{ConversationStems, TxtConfig, TxtMessageLog, TxtStore};
use chat_adapter_webhook::{WebhookConfig, WebhookPush};
use chat_app::{ChatApp, Ports, Settings};
use chat_domain::ports::RateLimit;
use chat_memory::*;

use crate::{Config, StartError, Store};

/// The core wired to the adapters a configuration names, and what must be closed with it.
pub struct Node {
    /// The chat core.
    pub app: ChatApp,
    /// The TXT store, when in use: it holds the data directory's lock until dropped.
    txt: Option<TxtStore>,
    /// The MySQL store, when in use: its pool is closed on [`Node::close`].
    mysql: Option<MysqlStore>,
    /// TXT message files beside metadata elsewhere (hybrid mode).
    txt_messages: Option<TxtMessageLog>,
    /// Live state shared with other nodes, when in use.
    redis: Option<RedisLive>,
}

impl Node {
    /// Flushes storage (TXT: syncs and saves its indexes) and releases it.
    pub async fn close(self) {
        if let Some(store) = self.txt {
            store.messages.flush().await;
        }
        if let Some(log) = self.txt_messages {
            log.messages.flush().await;
        }
        if let Some(store) = self.mysql {
            store.disconnect().await;
        }
        if let Some(live) = self.redis {
            live.close().await;
        }
    }
}

/// The core with the adapters `config` names.
///
/// # Errors
/// [`StartError`] if a store cannot be opened (a data directory in use by another
/// process, say).
pub async fn build(config: &Config) -> Result<Node, StartError> {
    let mut ports = Ports {
        users: Arc::new(MemoryUsers::default()),
        sessions: Arc::new(MemorySessions::default()),
        conversations: Arc::new(MemoryConversations::default()),
        messages: Arc::new(MemoryMessages::default()),
        presence: Arc::new(MemoryPresence::default()),
        events: Arc::new(MemoryEventBus::default()),
        rate_limiter: Arc::new(MemoryRateLimiter::default()),
        hasher: Arc::new(Argon2Hasher::default()),
        clock: Arc::new(SystemClock),
        files: Arc::new(MemoryFiles::default()),
        push: Arc::new(LogPush),
    };
    let (mut txt, mut mysql, mut txt_messages) = (None, None, None);
    match (config.store, config.message_store) {
        (_, None) | (Store::Mysql, Some(Store::Txt)) => {}
        (store, Some(messages)) if store == messages => {}
        (store, Some(messages)) => {
            return Err(StartError::Config(format!(
                "messages in {messages:?} with the rest in {store:?} is not supported; \
                 the split supported is CHAT_STORE=mysql CHAT_MESSAGE_STORE=txt"
            )))
        }
    }
    if config.store == Store::Mysql {
        let store = open_mysql(config).await?;
        ports.users = store.users.clone();
        ports.sessions = store.sessions.clone();
        ports.conversations = store.conversations.clone();
        ports.messages = store.messages.clone();
        mysql = Some(store);
    }
    if config.store == Store::Mysql && config.message_store == Some(Store::Txt) {
        let (dir, txt_config) = (config.data_dir.clone(), txt_config(config));
        let stems = Arc::new(ConversationStems(ports.conversations.clone()));
        let log = blocking_open("txt", move || {
            TxtStore::open_messages(&dir, txt_config, stems)
        })
        .await?;
        ports.messages = log.messages.clone();
        txt_messages = Some(log);
    }
    let mut redis = None;
    if let Some(url) = &config.redis_url {
        let redis_config = RedisConfig {
            prefix: config.redis_prefix.clone(),
            // Heartbeats come with each pong, once a ping interval.
            presence_ttl: config.ping_interval * 3 / 2,
            ..RedisConfig::new(url.clone())
        };
        let live = RedisLive::connect(&redis_config)
            .await
            .map_err(|e| StartError::Store {
                store: "redis",
                reason: e.to_string(),
            })?;
        ports.presence = live.presence.clone();
        ports.events = live.events.clone();
        ports.rate_limiter = live.rate_limiter.clone();
        redis = Some(live);
    }
    if config.store == Store::Txt {
        let (dir, txt_config) = (config.data_dir.clone(), txt_config(config));
        let store = blocking_open("txt", move || TxtStore::open(&dir, txt_config)).await?;
        ports.users = store.users.clone();
        ports.sessions = store.sessions.clone();
        ports.conversations = store.conversations.clone();
        ports.messages = store.messages.clone();
        txt = Some(store);
    }
    if config.store != Store::Memory {
        // Uploads live on this machine's disk, under the data directory.
        let dir = config.data_dir.join("files");
        let files = blocking_open("file", move || LocalFiles::open(&dir)).await?;
        ports.files = Arc::new(files);
    }
    if let Some(url) = &config.push_webhook_url {
        ports.push = Arc::new(webhook(url, config.push_webhook_secret.as_deref())?);
    }
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
        typing_limit: RateLimit {
            max: config.typing_rate_limit_max,
            window: Duration::from_secs(10),
        },
        recall_window: config.recall_window,
        ..Settings::default()
    };
    Ok(Node {
        app: ChatApp::new(ports, settings),
        txt,
        mysql,
        txt_messages,
        redis,
    })
}

fn webhook(url: &str, secret: Option<&str>) -> Result<WebhookPush, StartError> {
    let uri: http::Uri = url
        .parse()
        .map_err(|e| StartError::Config(format!("CHAT_PUSH_WEBHOOK_URL {url:?}: {e}")))?;
    if uri.scheme_str() != Some("http") {
        return Err(StartError::Config(format!(
            "CHAT_PUSH_WEBHOOK_URL {url:?}: give an http:// URL (for a remote https service, \
             point it at a TLS-terminating relay)"
        )));
    }
    let secret = secret.filter(|s| !s.is_empty()).ok_or_else(|| {
        StartError::Config("CHAT_PUSH_WEBHOOK_URL needs CHAT_PUSH_WEBHOOK_SECRET".into())
    })?;
    Ok(WebhookPush::start(WebhookConfig::new(uri, secret)))
}

fn txt_config(config: &Config) -> TxtConfig {
    TxtConfig {
        fsync: config.fsync,
        max_file_bytes: config.txt_max_file_mb * 1024 * 1024,
        archive_after_days: (config.txt_archive_days > 0).then_some(config.txt_archive_days),
        ..TxtConfig::default()
    }
}

/// Opens a file-based store off the async threads: opening reads (and recovers) files.
async fn blocking_open<T: Send + 'static>(
    store: &'static str,
    open: impl FnOnce() -> Result<T, chat_domain::RepoError> + Send + 'static,
) -> Result<T, StartError> {
    tokio::task::spawn_blocking(open)
        .await
        .map_err(|e| StartError::Config(format!("opening the {store} store failed: {e}")))?
        .map_err(|e| StartError::Store {
            store,
            reason: e.to_string(),
        })
}

async fn open_mysql(config: &Config) -> Result<MysqlStore, StartError> {
    let url = config.mysql_url.clone().ok_or_else(|| {
        StartError::Config("--store mysql needs --mysql-url (CHAT_MYSQL_URL)".into())
    })?;
    let mysql_config = MysqlConfig {
        pool_max: config.mysql_pool_max as usize,
        acquire_timeout: config.mysql_acquire_timeout,
        ..MysqlConfig::new(url)
    };
    MysqlStore::connect(&mysql_config)
        .await
        .map_err(|e| StartError::Store {
            store: "mysql",
            reason: e.to_string(),
        })
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
