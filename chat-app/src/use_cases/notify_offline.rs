use std::sync::atomic::Ordering;

use chat_domain::entities::{Message, Participant, PresenceStatus};
use chat_domain::ports::PushNotification;

use crate::ChatApp;

impl ChatApp {
    /// Queues a push notification for each member (but the sender) with no live
    /// connection on any node and who has not muted the conversation. Never fails the
    /// send: the message is stored and delivered already; a presence lookup that fails
    /// or a full queue is logged and counted.
    pub(crate) async fn notify_offline(&self, message: &Message, members: &[Participant]) {
        let recipients: Vec<_> = members
            .iter()
            .filter(|p| p.user_id != message.sender_id && !p.muted)
            .map(|p| p.user_id)
            .collect();
        if recipients.is_empty() {
            return;
        }
        let presence = match self.ports.live.presence.get(&recipients).await {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(error = %e, "push notifications skipped: presence unknown");
                return;
            }
        };
        for p in presence
            .iter()
            .filter(|p| p.status == PresenceStatus::Offline)
        {
            let notification = PushNotification {
                user_id: p.user_id,
                conversation_id: message.conversation_id,
                message_id: message.id,
                seq: message.seq.get(),
                thread_root: message.thread_root.map(|s| s.get()),
                sender_id: message.sender_id,
                kind: message.kind,
                preview: message.short_text(),
                created_at: message.created_at,
            };
            if self.ports.push.notify(notification).is_err() {
                let dropped = self.push_dropped.fetch_add(1, Ordering::Relaxed) + 1;
                // One line per thousand, not one per message, while the queue is full.
                if dropped % 1000 == 1 {
                    tracing::warn!(dropped, "push queue full: notifications dropped");
                }
            }
        }
    }

    /// Push notifications dropped because the gateway's queue was full, since start.
    pub fn push_dropped(&self) -> u64 {
        self.push_dropped.load(Ordering::Relaxed)
    }
}
