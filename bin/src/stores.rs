//! The stores the server runs on, in one table: each row opens its backend and hands it
//! over as one [`Storage`]. The server and `migrate` both open stores here.

use std::path::PathBuf;
use std::time::Duration;

use chat_adapter_mysql::MysqlConfig;
use chat_adapter_postgres::PostgresConfig;
use chat_adapter_txt::{FsyncMode, TxtConfig};
use chat_domain::ports::Storage;
use chat_domain::RepoError;

use crate::{Config, StartError, Store};

/// Everything opening a store needs.
#[derive(Clone, Debug)]
pub struct StoreSpec {
    /// Which backend keeps everything.
    pub store: Store,
    /// Where messages go when not with the rest (`None`: with the rest).
    pub message_store: Option<Store>,
    /// The data directory of a file store.
    pub data_dir: PathBuf,
    /// The TXT store's settings.
    pub txt: TxtConfig,
    /// The database of `--store mysql`.
    pub mysql_url: Option<String>,
    /// Most MySQL connections.
    pub mysql_pool_max: usize,
    /// How long a query waits for a MySQL connection.
    pub mysql_acquire_timeout: Duration,
    /// The database of `--store postgres`.
    pub postgres_url: Option<String>,
    /// Most PostgreSQL connections.
    pub postgres_pool_max: usize,
    /// How long a query waits for a PostgreSQL connection.
    pub postgres_acquire_timeout: Duration,
    /// Whether a SQL store indexes new messages for search as they arrive (off for a
    /// migration's target: it is indexed at the next start).
    pub background_indexing: bool,
}

impl StoreSpec {
    /// What `config` asks for.
    pub fn of(config: &Config) -> Self {
        Self {
            store: config.store,
            message_store: config.message_store,
            data_dir: config.data_dir.clone(),
            txt: TxtConfig {
                fsync: config.fsync,
                max_file_bytes: config.txt_max_file_mb * 1024 * 1024,
                archive_after_days: (config.txt_archive_days > 0)
                    .then_some(config.txt_archive_days),
                ..TxtConfig::default()
            },
            mysql_url: config.mysql_url.clone(),
            mysql_pool_max: config.mysql_pool_max as usize,
            mysql_acquire_timeout: config.mysql_acquire_timeout,
            postgres_url: config.postgres_url.clone(),
            postgres_pool_max: config.postgres_pool_max as usize,
            postgres_acquire_timeout: config.postgres_acquire_timeout,
            background_indexing: true,
        }
    }

    /// Just `store`, with every other setting at its default (for `migrate`: a target
    /// is written without a sync per append and synced once, at its close). `url` is the
    /// database of a SQL store.
    pub fn only(store: Store, data_dir: PathBuf, url: Option<String>, target: bool) -> Self {
        let txt = TxtConfig {
            fsync: if target {
                FsyncMode::Never
            } else {
                FsyncMode::Always
            },
            archive_after_days: None,
            ..TxtConfig::default()
        };
        Self {
            store,
            message_store: None,
            data_dir,
            txt,
            mysql_url: url.clone().filter(|_| store == Store::Mysql),
            mysql_pool_max: 32,
            mysql_acquire_timeout: Duration::from_secs(5),
            postgres_url: url.filter(|_| store == Store::Postgres),
            postgres_pool_max: 32,
            postgres_acquire_timeout: Duration::from_secs(5),
            background_indexing: !target,
        }
    }
}

/// Opens the storage `spec` names: the table of stores.
///
/// # Errors
/// [`StartError::Config`] for a combination no row supports; [`StartError::Store`] if
/// the backend cannot be opened.
pub async fn open(spec: &StoreSpec) -> Result<Storage, StartError> {
    let txt_messages = match (spec.store, spec.message_store) {
        (_, None) => false,
        (store, Some(messages)) if store == messages => false,
        (Store::Mysql | Store::Postgres, Some(Store::Txt)) => true,
        (store, Some(messages)) => {
            return Err(StartError::Config(format!(
                "messages in {messages:?} with the rest in {store:?} is not supported; \
                 the splits supported are CHAT_STORE=mysql CHAT_MESSAGE_STORE=txt and \
                 CHAT_STORE=postgres CHAT_MESSAGE_STORE=txt"
            )))
        }
    };
    let storage = match spec.store {
        Store::Memory => chat_memory::storage(),
        Store::Txt => {
            let (dir, txt) = (spec.data_dir.clone(), spec.txt.clone());
            blocking("txt", move || chat_adapter_txt::open(&dir, txt)).await?
        }
        Store::Mysql => chat_adapter_mysql::connect(&mysql_config(spec)?)
            .await
            .map_err(failed("mysql"))?,
        Store::Postgres => chat_adapter_postgres::connect(&postgres_config(spec)?)
            .await
            .map_err(failed("postgres"))?,
    };
    if !txt_messages {
        return Ok(storage);
    }
    let (dir, txt) = (spec.data_dir.clone(), spec.txt.clone());
    blocking("txt", move || {
        chat_adapter_txt::open_beside(storage, &dir, txt)
    })
    .await
}

fn mysql_config(spec: &StoreSpec) -> Result<MysqlConfig, StartError> {
    let url = spec.mysql_url.clone().ok_or_else(|| {
        StartError::Config("--store mysql needs --mysql-url (CHAT_MYSQL_URL)".into())
    })?;
    Ok(MysqlConfig {
        pool_max: spec.mysql_pool_max,
        acquire_timeout: spec.mysql_acquire_timeout,
        background_indexing: spec.background_indexing,
        ..MysqlConfig::new(url)
    })
}

fn postgres_config(spec: &StoreSpec) -> Result<PostgresConfig, StartError> {
    let url = spec.postgres_url.clone().ok_or_else(|| {
        StartError::Config("--store postgres needs --postgres-url (CHAT_POSTGRES_URL)".into())
    })?;
    Ok(PostgresConfig {
        pool_max: spec.postgres_pool_max,
        acquire_timeout: spec.postgres_acquire_timeout,
        background_indexing: spec.background_indexing,
        ..PostgresConfig::new(url)
    })
}

fn failed(store: &'static str) -> impl FnOnce(RepoError) -> StartError {
    move |e| StartError::Store {
        store,
        reason: e.to_string(),
    }
}

/// Opens a file-based store off the async threads: opening reads (and recovers) files.
pub(crate) async fn blocking<T: Send + 'static>(
    store: &'static str,
    open: impl FnOnce() -> Result<T, RepoError> + Send + 'static,
) -> Result<T, StartError> {
    tokio::task::spawn_blocking(open)
        .await
        .map_err(|e| StartError::Config(format!("opening the {store} store failed: {e}")))?
        .map_err(failed(store))
}
