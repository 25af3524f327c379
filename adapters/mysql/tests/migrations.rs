//! Schema migrations: applied once, safe to race, and a newer schema is refused.

mod support;

use mysql_async::prelude::Queryable;

use chat_adapter_mysql::{MysqlConfig, MIGRATIONS, SCHEMA_VERSION};
use chat_domain::RepoError;

async fn recorded_versions(url: &str) -> Vec<u32> {
    let mut conn = mysql_async::Conn::from_url(url).await.unwrap();
    let versions = conn
        .query("SELECT version FROM schema_migrations ORDER BY version")
        .await
        .unwrap();
    conn.disconnect().await.unwrap();
    versions
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servers_starting_together_apply_each_migration_once() {
    let Some(db) = support::database().await else {
        return;
    };
    let config = MysqlConfig::new(db.url());
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let config = config.clone();
            tokio::spawn(async move { chat_adapter_mysql::connect(&config).await })
        })
        .collect();
    for start in starts {
        let store = start.await.unwrap().expect("every server starts");
        store.close().await;
    }
    // And a restart applies nothing new.
    chat_adapter_mysql::connect(&config)
        .await
        .unwrap()
        .close()
        .await;
    let all: Vec<u32> = MIGRATIONS.iter().map(|m| m.version).collect();
    assert_eq!(recorded_versions(&db.url()).await, all);
    assert_eq!(all.last(), Some(&SCHEMA_VERSION));
}

#[tokio::test]
async fn a_server_refuses_a_schema_newer_than_it_knows() {
    let Some(db) = support::database().await else {
        return;
    };
    let config = MysqlConfig::new(db.url());
    chat_adapter_mysql::connect(&config)
        .await
        .unwrap()
        .close()
        .await;
    let mut conn = mysql_async::Conn::from_url(db.url()).await.unwrap();
    conn.exec_drop(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', NOW(6))",
        (SCHEMA_VERSION + 1,),
    )
    .await
    .unwrap();
    conn.disconnect().await.unwrap();
    match chat_adapter_mysql::connect(&config).await {
        Err(RepoError::Conflict(msg)) => assert!(msg.contains("newer"), "{msg}"),
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("started against a newer schema"),
    }
}
