//! A black-box suite of protocol v1: named checks that drive any server by its base URL
//! (`http://127.0.0.1:8080`, or `http://host/chat` for a chat mounted under a prefix)
//! through its HTTP API and WebSocket only, in the protocol's typed requests and frames,
//! with every HTTP answer checked against the OpenAPI document ([`openapi`]).
//!
//! A test crate runs the whole suite against a server it starts, one test per check:
//!
//! ```text
//! chat_blackbox::suite!(async { let server = start().await; (Target::new(server.url()), server) });
//! ```
//!
//! The expression yields the target and a guard that keeps the server up until the
//! check ends. Every check makes users of its own, so checks may share a server. A server
//! that needs a service which may be away uses [`suite_or_skip!`], whose expression
//! yields `None` (the check is skipped) when it cannot start.

pub mod checks;
pub mod openapi;
pub mod socket;
mod target;
pub mod world;

pub use target::{Answer, Target};

/// Instantiates every check as a `#[tokio::test]` in the calling crate.
#[macro_export]
macro_rules! suite {
    ($start:expr) => {
        $crate::suite_or_skip!(async { Some($start.await) });
    };
}

/// As [`suite!`], with an expression yielding `Option<(Target, guard)>`: `None` skips.
#[macro_export]
macro_rules! suite_or_skip {
    ($start:expr) => {
        $crate::__checks!($start;
            it_should_sign_up_log_in_and_end_a_session,
            it_should_find_users_by_prefix_and_by_id,
            it_should_make_one_direct_conversation_per_pair,
            it_should_manage_group_members,
            it_should_list_conversations_with_unread_counts,
            it_should_store_a_send_once_and_page_history,
            it_should_edit_recall_react_and_feed_changes,
            it_should_search_messages,
            it_should_refuse_bad_sends,
            it_should_ack_and_deliver_over_websockets,
            it_should_relay_receipts_typing_and_answer_pings,
            it_should_answer_bad_frames_and_close_ended_sessions,
            it_should_refuse_sockets_without_a_valid_session,
            it_should_report_presence,
            it_should_upload_and_serve_files_to_those_who_may_read_them,
            it_should_answer_health_metrics_and_its_document,
            it_should_mark_delivery_and_mute,
            it_should_sync_each_changed_conversation_once,
            it_should_page_a_sync_and_refuse_cursors_it_cannot_use,
        );
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __checks {
    ($start:expr; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some((target, _guard)) = $start.await else {
                    return;
                };
                $crate::checks::$name(&target).await;
            }
        )*
    };
}
