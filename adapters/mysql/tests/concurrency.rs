//! Two adapter instances (two pools, as two server processes) on one database.

mod support;

use chat_conformance::shared_store;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_pools_appending_to_one_conversation_get_seqs_without_gaps_or_duplicates() {
    let Some(db) = support::database().await else {
        return;
    };
    let (a, b) = (support::store(&db).await, support::store(&db).await);
    shared_store::appends_from_two_processes_get_seqs_without_gaps(&a, &b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retry_racing_its_original_through_another_pool_is_stored_once() {
    let Some(db) = support::database().await else {
        return;
    };
    let (a, b) = (support::store(&db).await, support::store(&db).await);
    shared_store::a_retry_racing_its_original_through_another_process_is_stored_once(&a, &b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retry_among_new_messages_returns_the_stored_one_and_stores_the_rest() {
    let Some(db) = support::database().await else {
        return;
    };
    let store = support::store(&db).await;
    shared_store::a_retry_among_new_messages_returns_the_stored_one_and_stores_the_rest(&store)
        .await;
}
