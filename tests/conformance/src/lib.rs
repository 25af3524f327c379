//! The adapter conformance suite: one set of named `it_should_…` checks, written once
//! against the port traits, that every adapter must pass.
//!
//! An adapter crate instantiates the suite in its own tests with a harness that hands
//! out a fresh, isolated store per test:
//!
//! ```text
//! // adapters/memory/tests/conformance.rs
//! chat_conformance::storage_conformance!(async { Some(MemoryHarness::default()) });
//! chat_conformance::live_conformance!(async { Some(MemoryLive::default()) });
//! ```
//!
//! A harness expression that yields `None` skips (for a service that is not reachable;
//! see [`services`]).

pub mod fixtures;
pub mod live;
pub mod live_counts;
pub mod proxy;
pub mod services;
pub mod shared_store;
pub mod storage;

use async_trait::async_trait;

pub use chat_domain::ports::{Live, Storage};

/// Gives the storage checks a fresh store, isolated from every other test.
#[async_trait]
pub trait StorageHarness: Send + Sync {
    /// Handles onto this test's store.
    async fn open(&self) -> Storage;

    /// Handles onto the same data as a restarted process would see it. Persistent
    /// adapters reopen from their backend here; the default hands out the same handles.
    async fn reopen(&self) -> Storage {
        self.open().await
    }
}

/// Gives the live checks fresh presence, event bus and rate limiter instances.
#[async_trait]
pub trait LiveHarness: Send + Sync {
    /// A node's handles onto this test's live state. Distributed adapters return a new
    /// node on each call, sharing state with the others, so checks can cross nodes.
    async fn node(&self) -> Live;
}

/// Instantiates every storage check as a `#[tokio::test]` in the calling crate.
#[macro_export]
macro_rules! storage_conformance {
    ($harness:expr) => {
        $crate::__conformance_tests!(storage, $harness;
            it_should_create_and_get_a_user,
            it_should_reject_a_taken_username_without_regard_to_case,
            it_should_report_not_found_for_an_unknown_user,
            it_should_search_users_by_prefix_in_order_with_paging,
            it_should_ban_and_unban_a_user,
            it_should_find_an_active_session_until_it_expires,
            it_should_list_a_users_active_sessions_oldest_first,
            it_should_revoke_one_session_or_all_of_a_user,
            it_should_purge_expired_sessions,
            it_should_map_one_user_to_each_host_identity,
            it_should_keep_a_sessions_client_and_last_use,
            it_should_store_find_list_and_delete_webhooks,
            it_should_queue_events_in_order_until_they_are_removed,
            it_should_lease_delivery_to_one_holder_at_a_time,
            it_should_keep_who_blocks_whom,
            it_should_keep_a_queue_of_reports_settled_once,
            it_should_create_a_group_with_its_members,
            it_should_reject_a_group_listing_a_member_twice,
            it_should_create_one_direct_conversation_per_pair_under_concurrency,
            it_should_add_and_remove_participants,
            it_should_change_a_participant_role,
            it_should_keep_read_cursors_monotonic,
            it_should_list_memberships,
            it_should_share_contacts_only_between_members_who_both_sent,
            it_should_page_through_every_conversation,
            it_should_mute_and_unmute_a_participant,
            it_should_assign_gap_free_seqs_under_concurrent_appends,
            it_should_keep_seqs_independent_per_conversation,
            it_should_return_the_original_message_on_an_idempotent_retry,
            it_should_store_one_message_when_identical_retries_race,
            it_should_append_a_batch_in_order_with_retries_answered,
            it_should_keep_seqs_gap_free_when_batches_race,
            it_should_page_an_empty_conversation,
            it_should_page_history_at_the_edges,
            it_should_keep_unicode_and_emoji_bodies_intact,
            it_should_report_latest_messages_and_counts,
            it_should_edit_and_recall_keeping_seqs_and_versions,
            it_should_aggregate_reactions_and_feed_changes_in_version_order,
            it_should_store_mentions_and_count_unread_ones,
            it_should_keep_delivery_cursors_monotonic,
            it_should_search_chinese_and_english_newest_first,
            it_should_page_search_results_across_conversations,
            it_should_count_accounts_created_per_hour,
            it_should_stamp_each_membership_change_a_sync_reports,
            it_should_stamp_message_logs_and_settle_past_them,
            it_should_show_a_membership_stamp_only_with_its_change,
            it_should_list_the_members_of_many_conversations_in_order,
            it_should_keep_thread_links_and_page_each_strand,
            it_should_count_thread_replies_on_the_root_under_concurrency,
            it_should_pin_at_most_fifty_under_racing_pins_and_unpin_on_recall,
            it_should_keep_who_removed_a_message,
            it_should_tell_whether_a_live_message_carries_a_file,
            it_should_keep_each_members_standing_in_each_thread,
            it_should_apply_racing_thread_updates_to_each_others_result,
            it_should_read_many_roots_and_count_unread_replies,
        );
    };
}

/// Instantiates every presence, event-bus and rate-limit check as a `#[tokio::test]`.
#[macro_export]
macro_rules! live_conformance {
    ($harness:expr) => {
        $crate::__conformance_tests!(live, $harness;
            it_should_announce_online_once_for_two_devices_and_offline_at_the_last,
            it_should_report_presence_with_last_seen,
            it_should_record_last_seen_when_the_last_device_leaves,
            it_should_count_a_repeated_connect_once,
            it_should_deliver_events_to_the_audience_only,
            it_should_skip_the_sending_connection,
            it_should_stop_delivering_after_unsubscribe,
            it_should_not_let_a_full_sink_hold_up_others,
            it_should_rate_limit_per_key_within_a_window,
            it_should_open_a_new_window_after_the_old_one_ends,
        );
        $crate::__conformance_tests!(live_counts, $harness;
            it_should_count_actions_in_the_current_window,
            it_should_claim_a_key_once_until_its_time,
        );
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_tests {
    ($module:ident, $harness:expr; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() {
                let Some(harness) = $harness.await else { return };
                $crate::$module::$name(&harness).await;
            }
        )*
    };
}
