use std::collections::BTreeSet;

use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::ConversationId;
use chat_domain::values::{Limit, PageQuery, Seq};

use crate::{Actor, AppError, ChatApp};

/// Most messages whose senders hear of one delivery report.
const DELIVERED_AUDIENCE_SCAN: u64 = 100;

impl ChatApp {
    /// The caller's device reports it received the conversation's messages up to `seq`:
    /// the delivery cursor moves to `min(seq, last_seq)`, never backwards, and the
    /// senders of the newly delivered messages (their newest 100) get `delivered`.
    ///
    /// # Errors
    /// `bad_request` for a seq below 1; `forbidden` for a non-member.
    pub async fn mark_delivered(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
    ) -> Result<(), AppError> {
        let seq = Seq::new(seq)?;
        self.membership(conversation_id, actor.id()).await?;
        let target = seq.get().min(
            self.ports
                .storage
                .messages
                .last_seq(conversation_id)
                .await?,
        );
        if target == 0 {
            return Ok(());
        }
        let Some(before) = self
            .ports
            .storage
            .conversations
            .advance_delivered(conversation_id, actor.id(), target)
            .await?
        else {
            return Ok(());
        };
        let query = PageQuery {
            before: Some(Seq::after(target)),
            after: Seq::new(before).ok(),
            limit: Limit::new(DELIVERED_AUDIENCE_SCAN)?,
        };
        let senders: BTreeSet<_> = match self
            .ports
            .storage
            .messages
            .page(conversation_id, query)
            .await
        {
            Ok(page) => page
                .iter()
                .map(|m| m.sender_id)
                .filter(|s| *s != actor.id())
                .collect(),
            Err(e) => {
                // The cursor moved; only the notice is lost, and receipts still come.
                tracing::warn!(error = %e, "delivered: senders unknown");
                BTreeSet::new()
            }
        };
        let event = DomainEvent::Delivered {
            conversation_id,
            user_id: actor.id(),
            seq: target,
        };
        self.publish(Envelope::new(event, senders.into_iter().collect()))
            .await
    }
}
