//! Threads and pins: a thread's replies, the caller's standing in threads it follows,
//! and a conversation's pinned messages.

use http::Method;
use uuid::Uuid;

use chat_protocol::http::{
    FollowedThread, HistoryQuery, MessagePage, PinRequest, ReadRequest, ThreadList, ThreadsQuery,
};
use chat_protocol::objects::Message;

use super::{page_pairs, query, Api};
use crate::ClientError;

impl Api {
    /// `GET /api/v1/conversations/{id}/threads/{root}/messages`: a page of a thread's
    /// replies, paged as history (`top_level` does not apply).
    pub async fn thread(
        &self,
        id: Uuid,
        root: u64,
        q: &HistoryQuery,
    ) -> Result<Vec<Message>, ClientError> {
        let q = query(&page_pairs(q));
        let path = format!("/api/v1/conversations/{id}/threads/{root}/messages{q}");
        let page: MessagePage = self.call(Method::GET, &path, None::<&()>).await?;
        Ok(page.messages)
    }

    /// `GET /api/v1/conversations/{id}/threads/{root}`: the root and the caller's
    /// standing in its thread (following, read up to, unread replies).
    pub async fn thread_standing(
        &self,
        id: Uuid,
        root: u64,
    ) -> Result<FollowedThread, ClientError> {
        let path = format!("/api/v1/conversations/{id}/threads/{root}");
        self.call(Method::GET, &path, None::<&()>).await
    }

    /// `GET /api/v1/threads`: the threads the caller follows, the newest reply first.
    pub async fn threads(&self, q: &ThreadsQuery) -> Result<Vec<FollowedThread>, ClientError> {
        let q = query(&[
            ("unread", q.unread.map(|b| b.to_string())),
            ("limit", q.limit.map(|n| n.to_string())),
        ]);
        let list: ThreadList = self
            .call(Method::GET, &format!("/api/v1/threads{q}"), None::<&()>)
            .await?;
        Ok(list.threads)
    }

    /// `POST /api/v1/conversations/{id}/threads/{root}/follow` or `…/unfollow`.
    pub async fn follow_thread(
        &self,
        id: Uuid,
        root: u64,
        follow: bool,
    ) -> Result<(), ClientError> {
        let verb = if follow { "follow" } else { "unfollow" };
        let path = format!("/api/v1/conversations/{id}/threads/{root}/{verb}");
        self.call(Method::POST, &path, Some(&())).await
    }

    /// `POST /api/v1/conversations/{id}/threads/{root}/read`: the caller's read cursor
    /// in the thread moves up to `seq`.
    pub async fn read_thread(&self, id: Uuid, root: u64, seq: u64) -> Result<(), ClientError> {
        let path = format!("/api/v1/conversations/{id}/threads/{root}/read");
        self.call(Method::POST, &path, Some(&ReadRequest { seq }))
            .await
    }

    /// `GET /api/v1/conversations/{id}/pins`: the pinned messages, the most recently
    /// pinned first.
    pub async fn pins(&self, id: Uuid) -> Result<Vec<Message>, ClientError> {
        let path = format!("/api/v1/conversations/{id}/pins");
        let page: MessagePage = self.call(Method::GET, &path, None::<&()>).await?;
        Ok(page.messages)
    }

    /// `POST /api/v1/conversations/{id}/pins`, or with `pinned` false
    /// `DELETE …/pins/{seq}`.
    pub async fn pin(&self, id: Uuid, seq: u64, pinned: bool) -> Result<(), ClientError> {
        if pinned {
            let path = format!("/api/v1/conversations/{id}/pins");
            self.call(Method::POST, &path, Some(&PinRequest { seq }))
                .await
        } else {
            let path = format!("/api/v1/conversations/{id}/pins/{seq}");
            self.call(Method::DELETE, &path, None::<&()>).await
        }
    }
}
