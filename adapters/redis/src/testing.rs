//! Key prefixes for tests: each test gets its own, so tests run in parallel and rerun
//! without meeting, and its keys are deleted afterwards.

use std::time::Duration;

use fred::prelude::{Builder, ClientLike, Config, LuaInterface};

/// The server tests use: `CHAT_TEST_REDIS_URL`, default `redis://127.0.0.1:6379`.
pub fn test_server_url() -> String {
    std::env::var("CHAT_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned())
}

/// A unique key prefix on a reachable Redis; its keys are deleted on drop.
pub struct TestPrefix {
    url: String,
    prefix: String,
}

impl TestPrefix {
    /// Checks that Redis at `url` answers, and picks a fresh prefix.
    ///
    /// # Errors
    /// Why Redis did not answer.
    pub async fn new(url: &str) -> Result<Self, String> {
        let client = client(url)?;
        let up = tokio::time::timeout(Duration::from_secs(3), client.init()).await;
        match up {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => return Err(e.to_string()),
            Err(_) => return Err(format!("no answer from {url} within 3s")),
        }
        let _ = client.quit().await;
        Ok(Self {
            url: url.to_owned(),
            prefix: format!("chat-test:{}:", uuid::Uuid::new_v4().simple()),
        })
    }

    /// The prefix, ending in `:`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The server's URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

fn client(url: &str) -> Result<fred::clients::Client, String> {
    let config = Config::from_url(url).map_err(|e| e.to_string())?;
    Builder::from_config(config)
        .build()
        .map_err(|e| e.to_string())
}

/// Deletes every key matching `pattern`; how many it deleted.
async fn delete_matching(url: &str, pattern: String) -> Result<i64, String> {
    let client = client(url)?;
    client.init().await.map_err(|e| e.to_string())?;
    // KEYS is fine on a test server; production code never lists keys.
    let deleted: Result<i64, _> = client
        .eval(
            "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do \
             n = n + redis.call('DEL', k) end return n",
            Vec::<String>::new(),
            vec![pattern],
        )
        .await;
    let _ = client.quit().await;
    deleted.map_err(|e| e.to_string())
}

impl TestPrefix {
    /// Deletes the prefix's keys now, as a Redis restarting without persistence would
    /// lose them; how many there were.
    ///
    /// # Errors
    /// Why Redis did not answer.
    pub async fn flush(&self) -> Result<i64, String> {
        delete_matching(&self.url, format!("{}*", self.prefix)).await
    }
}

impl Drop for TestPrefix {
    fn drop(&mut self) {
        let (url, pattern) = (self.url.clone(), format!("{}*", self.prefix));
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(delete_matching(&url, pattern)).ok()
        })
        .join();
    }
}
