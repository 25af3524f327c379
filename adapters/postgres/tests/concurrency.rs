//! Two adapter instances (two pools, as two server processes) on one schema.

mod support;

use chat_conformance::shared_store;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_pools_appending_to_one_conversation_get_seqs_without_gaps_or_duplicates() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let (a, b) = (support::store(&schema).await, support::store(&schema).await);
    shared_store::appends_from_two_processes_get_seqs_without_gaps(&a, &b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retry_racing_its_original_through_another_pool_is_stored_once() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let (a, b) = (support::store(&schema).await, support::store(&schema).await);
    shared_store::a_retry_racing_its_original_through_another_process_is_stored_once(&a, &b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retry_among_new_messages_returns_the_stored_one_and_stores_the_rest() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let store = support::store(&schema).await;
    shared_store::a_retry_among_new_messages_returns_the_stored_one_and_stores_the_rest(&store)
        .await;
}
