use std::collections::HashSet;

use chat_domain::entities::{FollowState, FollowUpdate, Message, Participant};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::Seq;

use chat_domain::events::{DomainEvent, Envelope};

use crate::{Actor, AppError, ChatApp, FollowedThread};

impl ChatApp {
    /// Follows (`follow: true`) or unfollows the thread of the root at `root_seq`. A
    /// root with no replies yet can be followed: its first reply counts as unread.
    ///
    /// # Errors
    /// `bad_request` for a seq below 1 or a message that is itself a reply;
    /// `forbidden` for a non-member; `not_found` for no message at `root_seq`.
    pub async fn follow_thread(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        root_seq: u64,
        follow: bool,
    ) -> Result<(), AppError> {
        let root = self
            .followable_root(actor, conversation_id, root_seq)
            .await?
            .seq;
        let update = if follow {
            FollowUpdate::Follow
        } else {
            FollowUpdate::Unfollow
        };
        let follows = &self.ports.storage.follows;
        Ok(follows
            .update(conversation_id, root, actor.id(), update)
            .await?)
    }

    /// Moves the caller's read cursor in the thread of `root_seq` up to `seq` (capped at
    /// the conversation's last seq; it never moves back), whether or not it follows it.
    ///
    /// # Errors
    /// As [`follow_thread`](Self::follow_thread); `bad_request` for a `seq` below 1.
    pub async fn read_thread(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        root_seq: u64,
        seq: u64,
    ) -> Result<(), AppError> {
        let requested = Seq::new(seq)?;
        let root = self
            .followable_root(actor, conversation_id, root_seq)
            .await?
            .seq;
        let messages = &self.ports.storage.messages;
        let last = messages.last_seq(conversation_id).await?;
        let Ok(target) = Seq::new(requested.get().min(last)) else {
            return Ok(());
        };
        let follows = &self.ports.storage.follows;
        let read = FollowUpdate::Read(target);
        follows
            .update(conversation_id, root, actor.id(), read)
            .await?;
        // The caller's other devices hear where the cursor is now (past `target` when
        // another read went further).
        if let Some(now) = follows.get(conversation_id, root, actor.id()).await? {
            let event = DomainEvent::ThreadRead {
                conversation_id,
                root: root.get(),
                user_id: actor.id(),
                seq: now.read_seq,
            };
            self.publish(Envelope::new(event, vec![actor.id()])).await?;
        }
        Ok(())
    }

    /// The thread of the root at `root_seq` and the caller's standing in it (following
    /// or not, its read cursor, its unread replies).
    ///
    /// # Errors
    /// As [`follow_thread`](Self::follow_thread).
    pub async fn thread_standing(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        root_seq: u64,
    ) -> Result<FollowedThread, AppError> {
        let root = self
            .followable_root(actor, conversation_id, root_seq)
            .await?;
        let storage = &self.ports.storage;
        let standing = storage
            .follows
            .get(conversation_id, root.seq, actor.id())
            .await?;
        let read_seq = standing.map_or(0, |f| f.read_seq);
        let newer = root
            .thread
            .as_ref()
            .is_some_and(|t| t.last_seq.get() > read_seq);
        let unread = if newer {
            storage
                .messages
                .count_replies_after(conversation_id, root.seq, read_seq)
                .await?
        } else {
            0
        };
        Ok(FollowedThread {
            root,
            read_seq,
            unread,
            following: standing.is_some_and(|f| f.state == FollowState::Following),
        })
    }

    /// The root at `root_seq`, for a member: stored and not itself a reply.
    async fn followable_root(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        root_seq: u64,
    ) -> Result<Message, AppError> {
        let root = Seq::new(root_seq)?;
        self.membership(conversation_id, actor.id()).await?;
        let stored = self
            .ports
            .storage
            .messages
            .get(conversation_id, root)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no message at seq {root}")))?;
        if stored.thread_root.is_some() {
            return Err(AppError::BadRequest(format!(
                "seq {root} is a reply in a thread, not its root"
            )));
        }
        Ok(stored)
    }

    /// Once a reply to `root` is stored: its sender follows the thread and has read it
    /// up to the reply; the root's author follows it unless it chose not to.
    ///
    /// # Errors
    /// `unavailable` if a standing could not be stored; the reply stays stored, and a
    /// retry of the send stores them.
    pub(crate) async fn follow_on_reply(
        &self,
        reply: &Message,
        root: Seq,
        root_author: UserId,
    ) -> Result<(), AppError> {
        let follows = &self.ports.storage.follows;
        let (conversation_id, seq) = (reply.conversation_id, root);
        follows
            .update(
                conversation_id,
                seq,
                reply.sender_id,
                FollowUpdate::Replied(reply.seq),
            )
            .await?;
        if root_author != reply.sender_id {
            follows
                .update(conversation_id, seq, root_author, FollowUpdate::Started)
                .await?;
        }
        Ok(())
    }

    /// The members who follow the thread at `root`: a reply's push goes to them only. A
    /// lookup that fails is logged and reaches no one (the reply is delivered live).
    pub(crate) async fn thread_followers(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        members: Vec<Participant>,
    ) -> Vec<Participant> {
        let followers: HashSet<UserId> = match self
            .ports
            .storage
            .follows
            .followers(conversation_id, root)
            .await
        {
            Ok(f) => f.into_iter().collect(),
            Err(e) => {
                tracing::warn!(error = %e, "thread reply pushes skipped: followers unknown");
                return Vec::new();
            }
        };
        members
            .into_iter()
            .filter(|p| followers.contains(&p.user_id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use chat_domain::entities::FollowUpdate;
    use chat_domain::values::Seq;
    use chat_domain::RepoError;
    use chat_memory::MemoryConversations;

    use crate::testing::*;
    use crate::SendMessage;

    #[tokio::test]
    async fn a_reply_whose_standings_were_not_stored_fails_and_its_retry_stores_them() {
        let (alice, bob) = (actor("alice"), actor("bob"));
        let convs = Arc::new(MemoryConversations::default());
        let conv = seed_group(convs.as_ref(), &[&alice, &bob]).await;
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut follows = MockFollows::new();
        follows
            .expect_update()
            .times(1)
            .returning(|_, _, _, _| Err(RepoError::Unavailable("db gone".into())));
        let seen = Arc::clone(&calls);
        follows
            .expect_update()
            .returning(move |_, root, user, update| {
                seen.lock().unwrap().push((root.get(), user, update));
                Ok(())
            });
        follows.expect_followers().returning(|_, _| Ok(Vec::new()));
        let chat = app(memory_ports_with(|p| {
            p.storage.conversations = convs;
            p.storage.follows = Arc::new(follows);
        }));
        chat.send_message(&alice, SendMessage::text(conv, "a1", "root"))
            .await
            .unwrap();
        let reply = || SendMessage {
            thread_root: Some(1),
            ..SendMessage::text(conv, "b1", "reply")
        };
        let err = chat.send_message(&bob, reply()).await.unwrap_err();
        assert_eq!(variant(&err), "Unavailable");
        let retried = chat.send_message(&bob, reply()).await.unwrap();
        assert!(
            !retried.created,
            "the reply was stored by the first attempt"
        );
        let two = Seq::new(2).unwrap();
        assert_eq!(
            *calls.lock().unwrap(),
            vec![
                (1, bob.id(), FollowUpdate::Replied(two)),
                (1, alice.id(), FollowUpdate::Started),
            ]
        );
        let root = chat
            .get_thread(&alice, conv, 1, Default::default())
            .await
            .unwrap();
        assert_eq!(root.len(), 1, "one reply in the thread");
    }
}
