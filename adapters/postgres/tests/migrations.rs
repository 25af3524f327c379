//! Schema migrations: applied once, safe to race, and a newer schema is refused.

mod support;

use chat_adapter_postgres::{PostgresConfig, MIGRATIONS, SCHEMA_VERSION};
use chat_domain::RepoError;

async fn client(url: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client
}

async fn recorded_versions(url: &str) -> Vec<i32> {
    let rows = client(url)
        .await
        .query(
            "SELECT version FROM schema_migrations ORDER BY version",
            &[],
        )
        .await
        .unwrap();
    rows.iter().map(|r| r.get(0)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servers_starting_together_apply_each_migration_once() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let config = PostgresConfig::new(schema.url());
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let config = config.clone();
            tokio::spawn(async move { chat_adapter_postgres::connect(&config).await })
        })
        .collect();
    for start in starts {
        let store = start.await.unwrap().expect("every server starts");
        store.close().await;
    }
    // And a restart applies nothing new.
    chat_adapter_postgres::connect(&config)
        .await
        .unwrap()
        .close()
        .await;
    let all: Vec<i32> = MIGRATIONS.iter().map(|m| m.version).collect();
    assert_eq!(recorded_versions(&schema.url()).await, all);
    assert_eq!(all.last(), Some(&SCHEMA_VERSION));
}

#[tokio::test]
async fn a_server_refuses_a_schema_newer_than_it_knows() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let config = PostgresConfig::new(schema.url());
    chat_adapter_postgres::connect(&config)
        .await
        .unwrap()
        .close()
        .await;
    client(&schema.url())
        .await
        .execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, 'future')",
            &[&(SCHEMA_VERSION + 1)],
        )
        .await
        .unwrap();
    match chat_adapter_postgres::connect(&config).await {
        Err(RepoError::Conflict(msg)) => assert!(msg.contains("newer"), "{msg}"),
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("started against a newer schema"),
    }
}

#[tokio::test]
async fn two_schemas_of_one_database_are_two_stores() {
    let (Some(a), Some(b)) = (support::schema().await, support::schema().await) else {
        return;
    };
    let (sa, sb) = (support::store(&a).await, support::store(&b).await);
    let alice = chat_conformance::fixtures::user("alice");
    sa.users.create(&alice).await.unwrap();
    assert_eq!(sb.users.count().await.unwrap(), 0);
    assert_eq!(sa.users.count().await.unwrap(), 1);
}
