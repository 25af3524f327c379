//! The caller's own sessions: which devices are signed in, and ending one.

use http::Method;

use chat_protocol::http::SessionInfo;

use super::Api;
use crate::ClientError;

impl Api {
    /// `GET /api/v1/sessions`: the caller's active sessions, newest first.
    pub async fn sessions(&self) -> Result<Vec<SessionInfo>, ClientError> {
        self.call(Method::GET, "/api/v1/sessions", None::<&()>)
            .await
    }

    /// `DELETE /api/v1/sessions/{id}`: ends one of them at once (its sockets close).
    pub async fn end_session(&self, id: &str) -> Result<(), ClientError> {
        let path = format!("/api/v1/sessions/{id}");
        self.call(Method::DELETE, &path, None::<&()>).await
    }
}
