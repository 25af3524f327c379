//! The builder: each part has a default, so an embedder names only what it changes.

use std::sync::Arc;

use chat_adapter_argon2::Argon2Hasher;
use chat_adapter_warp::{Edge, EdgeConfig};
use chat_app::{ChatApp, Ports, Settings};
use chat_domain::ports::{
    BeforeSend, Clock, EventDelivery, FileStore, HostTokenVerifier, HumanCheck, Live,
    PasswordHasher, PushGateway, Storage,
};
use chat_memory::{LogPush, MemoryFiles, SystemClock};

/// Builds a [`Chat`]. Every part defaults: storage and live state in memory, Argon2id
/// password hashing, the system clock, files in memory, push notifications logged, and
/// [`Settings::default`].
#[derive(Default)]
pub struct ChatBuilder {
    storage: Option<Storage>,
    live: Option<Live>,
    hasher: Option<Arc<dyn PasswordHasher>>,
    clock: Option<Arc<dyn Clock>>,
    files: Option<Arc<dyn FileStore>>,
    push: Option<Arc<dyn PushGateway>>,
    human_check: Option<Arc<dyn HumanCheck>>,
    host_tokens: Option<Arc<dyn HostTokenVerifier>>,
    before_send: Option<Arc<dyn BeforeSend>>,
    events_out: Option<Arc<dyn EventDelivery>>,
    settings: Settings,
}

impl ChatBuilder {
    /// Where accounts, conversations and messages are kept (see [`crate::stores`]).
    pub fn storage(mut self, storage: Storage) -> Self {
        self.storage = Some(storage);
        self
    }

    /// Plain text files under `dir` (created if missing): everything in the TXT store,
    /// uploads in `dir/files`, as `chat-server` lays them out. A second process cannot
    /// open the same directory.
    ///
    /// # Errors
    /// As [`crate::stores::txt::open`].
    #[cfg(feature = "txt")]
    pub fn txt(self, dir: &std::path::Path) -> Result<Self, chat_domain::RepoError> {
        let storage = chat_adapter_txt::open(dir, chat_adapter_txt::TxtConfig::default())?;
        let files = chat_adapter_localfs::LocalFiles::open(&dir.join("files"))?;
        Ok(self.storage(storage).files(Arc::new(files)))
    }

    /// Presence, fan-out and rate limits: this process's own by default, or shared by
    /// several nodes.
    pub fn live(mut self, live: Live) -> Self {
        self.live = Some(live);
        self
    }

    /// How passwords are hashed.
    pub fn hasher(mut self, hasher: Arc<dyn PasswordHasher>) -> Self {
        self.hasher = Some(hasher);
        self
    }

    /// The time (a manual clock in tests).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Where uploaded files are kept.
    pub fn files(mut self, files: Arc<dyn FileStore>) -> Self {
        self.files = Some(files);
        self
    }

    /// Where notifications for offline members go.
    pub fn push(mut self, push: Arc<dyn PushGateway>) -> Self {
        self.push = Some(push);
        self
    }

    /// The check that guards sign-ups (and logins after repeated failures); none by
    /// default. [`crate::ChallengeSettings::human_check`] builds one from settings.
    pub fn human_check(mut self, check: Option<Arc<dyn HumanCheck>>) -> Self {
        self.human_check = check;
        self
    }

    /// Tokens a host service signs for its own users (JWTs), accepted wherever a session
    /// token is; none by default. [`crate::HostTokenSettings::verifier`] builds one from
    /// settings, `chat_adapter_jwt::JwtVerifier` from a key.
    pub fn host_tokens(mut self, verifier: Option<Arc<dyn HostTokenVerifier>>) -> Self {
        self.host_tokens = verifier;
        self
    }

    /// A hook that sees every send before it is stored (moderation, spam filters); none
    /// by default. `Settings::before_send_failure` says what a send becomes when it
    /// gives no answer.
    pub fn before_send(mut self, hook: Option<Arc<dyn BeforeSend>>) -> Self {
        self.before_send = hook;
        self
    }

    /// Where events go (messages created and updated, members added and removed,
    /// conversations created); none by default. With one, events are queued in the store
    /// and delivered by `ChatApp::deliver_events`, which the host spawns:
    /// `tokio::spawn(chat.app().clone().deliver_events())`.
    pub fn events_out(mut self, delivery: Option<Arc<dyn EventDelivery>>) -> Self {
        self.events_out = delivery;
        self
    }

    /// The policy: token lifetime, rate limits, group size, ….
    pub fn settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// The ports, with a default wherever none was given.
    pub fn ports(self) -> Ports {
        Ports {
            storage: self.storage.unwrap_or_else(chat_memory::storage),
            live: self.live.unwrap_or_else(chat_memory::live),
            hasher: self
                .hasher
                .unwrap_or_else(|| Arc::new(Argon2Hasher::default())),
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            files: self
                .files
                .unwrap_or_else(|| Arc::new(MemoryFiles::default())),
            push: self.push.unwrap_or_else(|| Arc::new(LogPush)),
            human_check: self.human_check,
            host_tokens: self.host_tokens,
            before_send: self.before_send,
            events_out: self.events_out,
        }
    }

    /// The chat.
    pub fn build(self) -> Chat {
        let settings = self.settings.clone();
        let ports = self.ports();
        Chat {
            storage: ports.storage.clone(),
            live: ports.live.clone(),
            app: ChatApp::new(ports, settings),
        }
    }
}

/// The chat core, built: its use cases ([`Chat::app`]), and the backends to close when
/// the host stops.
pub struct Chat {
    app: ChatApp,
    storage: Storage,
    live: Live,
}

impl Chat {
    /// A builder with every default.
    pub fn builder() -> ChatBuilder {
        ChatBuilder::default()
    }

    /// Every use case (cheap to clone: hand it to as many tasks as needed).
    pub fn app(&self) -> &ChatApp {
        &self.app
    }

    /// The HTTP + WebSocket edge over this chat.
    pub fn edge(&self, config: EdgeConfig) -> Edge {
        Edge::new(self.app.clone(), config)
    }

    /// Closes the backends: storage made durable and released, the node gone from
    /// shared live state. The app's ports may fail after this.
    pub async fn close(self) {
        self.storage.close().await;
        self.live.close().await;
    }
}
