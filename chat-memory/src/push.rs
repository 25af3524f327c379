use std::sync::Mutex;

use chat_domain::ports::{PushGateway, PushNotification, QueueFull};

use crate::lock;

/// [`PushGateway`] that keeps what it is given, up to a bound: for tests, and for
/// embedding services that drain it themselves.
pub struct MemoryPush {
    queue: Mutex<Vec<PushNotification>>,
    capacity: usize,
}

impl MemoryPush {
    /// A gateway that holds at most `capacity` notifications.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            queue: Mutex::new(Vec::new()),
            capacity,
        }
    }

    /// Takes everything queued so far.
    pub fn drain(&self) -> Vec<PushNotification> {
        std::mem::take(&mut *lock(&self.queue))
    }
}

impl Default for MemoryPush {
    fn default() -> Self {
        Self::with_capacity(10_000)
    }
}

impl PushGateway for MemoryPush {
    fn notify(&self, notification: PushNotification) -> Result<(), QueueFull> {
        let mut queue = lock(&self.queue);
        if queue.len() >= self.capacity {
            return Err(QueueFull);
        }
        queue.push(notification);
        Ok(())
    }
}

/// [`PushGateway`] that only writes a DEBUG line per notification: the default when no
/// push service is configured, so operators can see who would have been notified
/// without one INFO line per offline member per message.
#[derive(Default)]
pub struct LogPush;

impl PushGateway for LogPush {
    fn notify(&self, n: PushNotification) -> Result<(), QueueFull> {
        tracing::debug!(
            user = %n.user_id,
            conversation = %n.conversation_id,
            seq = n.seq,
            "push notification (no push service configured)"
        );
        Ok(())
    }
}
