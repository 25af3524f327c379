//! The sync call: what changed in the caller's conversations since their cursor, each
//! conversation once and as it is now, and which ones they left.

mod cursor;

pub use cursor::{
    conversation_print, departure_print, log_print, StampMark, SyncCursor, SyncPage, SEEN_MAX,
};

use chat_domain::entities::Participant;
use chat_domain::ids::ConversationId;
use chat_domain::ports::{LogMark, Membership};
use chat_domain::values::SyncLimit;

use crate::{Actor, AppError, ChatApp, ConversationSummary};

/// One conversation in a sync answer: as listed, with its members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncedConversation {
    /// As the caller's list shows it.
    pub summary: ConversationSummary,
    /// Every member, in join order.
    pub members: Vec<Participant>,
}

/// A sync answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncAnswer {
    /// Where the next call starts.
    pub cursor: SyncCursor,
    /// More conversations changed than the limit: call again with `cursor`.
    pub more: bool,
    /// The conversations that changed (every one, without a cursor), by id.
    pub conversations: Vec<SyncedConversation>,
    /// Conversations the caller left or was removed from, and is not a member of again.
    pub left: Vec<ConversationId>,
}

fn unusable() -> AppError {
    AppError::BadRequest(
        "this sync cursor cannot be used here (another server's, or from before the store \
         restarted): sync again without `since`"
            .into(),
    )
}

impl ChatApp {
    /// What changed in the caller's conversations after `since` (every conversation
    /// without it), at most `limit`, with a cursor for the next call.
    ///
    /// # Errors
    /// `bad_request` for a cursor from another store or epoch; `unavailable` if storage
    /// is down.
    pub async fn sync(
        &self,
        actor: &Actor,
        since: Option<SyncCursor>,
        limit: SyncLimit,
    ) -> Result<SyncAnswer, AppError> {
        let storage = &self.ports.storage;
        // Points first: whatever is read after them is at least as new.
        let pc = storage.conversations.sync_point().await?;
        let pm = storage.messages.sync_point().await?;
        if let Some(c) = &since {
            if c.conversations.epoch != pc.epoch || c.messages.epoch != pm.epoch {
                return Err(unusable());
            }
        }
        let page = since.as_ref().and_then(|c| c.page);
        let full = since.is_none() || page.is_some_and(|p| p.full);
        let (until_c, until_m) = page.map_or((pc.settled, pm.settled), |p| {
            (p.conversations_until, p.messages_until)
        });
        let memberships = storage.conversations.memberships(actor.id()).await?;
        let ids: Vec<_> = memberships.iter().map(|m| m.conversation.id).collect();
        let marks = storage.messages.log_marks(&ids).await?;
        // Departures since the cursor (for `left`), or since the point (for `seen`).
        let from = since.as_ref().map_or(until_c, |c| c.conversations.since);
        let departures = match page {
            None => storage.conversations.left_since(actor.id(), from).await?,
            Some(_) => Vec::new(),
        };
        let left = match (&since, page) {
            (Some(c), None) => departures
                .iter()
                .filter(|&&(id, stamp)| {
                    !ids.contains(&id) && c.conversations.is_news(id, stamp, departure_print(stamp))
                })
                .map(|&(id, _)| id)
                .collect(),
            _ => Vec::new(),
        };
        let next_marks = (page.is_none()).then(|| {
            let departed = departures
                .iter()
                .filter(|(id, _)| !ids.contains(id))
                .map(|&(id, stamp)| (id, stamp, departure_print(stamp)));
            let stamped = memberships.iter().map(|m| {
                let stamp = m.conversation_stamp.max(m.member_stamp);
                (m.conversation.id, stamp, conversation_print(m))
            });
            (
                StampMark::at(pc.epoch, until_c, stamped.chain(departed)),
                StampMark::at(
                    pm.epoch,
                    until_m,
                    marks
                        .iter()
                        .map(|k| (k.conversation_id, k.stamp, log_print(k))),
                ),
            )
        });
        let mut news: Vec<(Membership, LogMark)> = memberships
            .into_iter()
            .zip(marks)
            .filter(|(m, k)| {
                let id = m.conversation.id;
                page.is_none_or(|p| id > p.after) && (full || is_news(since.as_ref(), m, k))
            })
            .collect();
        news.sort_unstable_by_key(|(m, _)| m.conversation.id);
        let more = news.len() > limit.get();
        news.truncate(limit.get());
        let cursor = match (more, news.last()) {
            (true, Some((last, _))) => SyncCursor {
                conversations: since.as_ref().map_or_else(
                    || StampMark::at(pc.epoch, 0, std::iter::empty()),
                    |c| c.conversations.clone(),
                ),
                messages: since.as_ref().map_or_else(
                    || StampMark::at(pm.epoch, 0, std::iter::empty()),
                    |c| c.messages.clone(),
                ),
                page: Some(SyncPage {
                    after: last.conversation.id,
                    full,
                    conversations_until: until_c,
                    messages_until: until_m,
                }),
            },
            _ => {
                // The last page of a paged answer saw only part of the window.
                let (conversations, messages) = next_marks.unwrap_or_else(|| {
                    (
                        StampMark::at(pc.epoch, until_c, std::iter::empty()),
                        StampMark::at(pm.epoch, until_m, std::iter::empty()),
                    )
                });
                SyncCursor {
                    conversations,
                    messages,
                    page: None,
                }
            }
        };
        let conversations = self.synced(actor, news).await?;
        Ok(SyncAnswer {
            cursor,
            more,
            conversations,
            left,
        })
    }

    async fn synced(
        &self,
        actor: &Actor,
        news: Vec<(Membership, LogMark)>,
    ) -> Result<Vec<SyncedConversation>, AppError> {
        let (memberships, marks): (Vec<_>, Vec<_>) = news.into_iter().unzip();
        let summaries = self.summaries(actor, memberships, &marks).await?;
        let ids: Vec<ConversationId> = summaries.iter().map(|s| s.conversation.id).collect();
        let members = self
            .ports
            .storage
            .conversations
            .participants_of(&ids)
            .await?;
        Ok(summaries
            .into_iter()
            .zip(members)
            .map(|(summary, members)| SyncedConversation { summary, members })
            .collect())
    }
}

/// Whether a membership or its log changed after the cursor.
fn is_news(since: Option<&SyncCursor>, m: &Membership, k: &LogMark) -> bool {
    let Some(c) = since else { return true };
    let id = m.conversation.id;
    let stamp = m.conversation_stamp.max(m.member_stamp);
    c.conversations.is_news(id, stamp, conversation_print(m))
        || c.messages.is_news(id, k.stamp, log_print(k))
}

#[cfg(test)]
mod tests;
