//! The caller's own sessions (which devices are signed in, and ending one), their data
//! export, blocks, and reports of messages.

use http::Method;

use chat_protocol::http::{BlockRequest, ReportCreated, ReportRequest, SessionInfo};
use chat_protocol::objects::{ExportDocument, User};
use uuid::Uuid;

use super::Api;
use crate::ClientError;

impl Api {
    /// `GET /api/v1/sessions`: the caller's active sessions, newest first.
    pub async fn sessions(&self) -> Result<Vec<SessionInfo>, ClientError> {
        self.call(Method::GET, "/api/v1/sessions", None::<&()>)
            .await
    }

    /// `GET /api/v1/me/export`: everything of the caller's, as one document.
    pub async fn export(&self) -> Result<ExportDocument, ClientError> {
        self.call(Method::GET, "/api/v1/me/export", None::<&()>)
            .await
    }

    /// `DELETE /api/v1/sessions/{id}`: ends one of them at once (its sockets close).
    pub async fn end_session(&self, id: &str) -> Result<(), ClientError> {
        let path = format!("/api/v1/sessions/{id}");
        self.call(Method::DELETE, &path, None::<&()>).await
    }

    /// `GET /api/v1/blocks`: the users the caller blocks, most recent first.
    pub async fn blocks(&self) -> Result<Vec<User>, ClientError> {
        self.call(Method::GET, "/api/v1/blocks", None::<&()>).await
    }

    /// `POST /api/v1/blocks`.
    pub async fn block(&self, user_id: Uuid) -> Result<(), ClientError> {
        let body = BlockRequest { user_id };
        self.call(Method::POST, "/api/v1/blocks", Some(&body)).await
    }

    /// `DELETE /api/v1/blocks/{user_id}`.
    pub async fn unblock(&self, user_id: Uuid) -> Result<(), ClientError> {
        let path = format!("/api/v1/blocks/{user_id}");
        self.call(Method::DELETE, &path, None::<&()>).await
    }

    /// `POST /api/v1/reports`: reports a message to the admins.
    pub async fn report(
        &self,
        conversation_id: Uuid,
        seq: u64,
        reason: &str,
    ) -> Result<ReportCreated, ClientError> {
        let body = ReportRequest {
            conversation_id,
            seq,
            reason: reason.into(),
        };
        self.call(Method::POST, "/api/v1/reports", Some(&body))
            .await
    }
}
