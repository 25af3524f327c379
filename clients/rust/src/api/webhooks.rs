//! A group's incoming webhooks, for its owners and admins; and posting to one's URL.

use http::Method;
use uuid::Uuid;

use chat_protocol::http::{CreateWebhookRequest, HookPost, WebhookCreatedBody, WebhookInfo};
use chat_protocol::objects::Message;

use super::Api;
use crate::ClientError;

impl Api {
    /// `POST /api/v1/conversations/{id}/webhooks`: a webhook and its URL (shown once).
    pub async fn create_webhook(
        &self,
        id: Uuid,
        name: &str,
    ) -> Result<WebhookCreatedBody, ClientError> {
        let body = CreateWebhookRequest { name: name.into() };
        let path = format!("/api/v1/conversations/{id}/webhooks");
        self.call(Method::POST, &path, Some(&body)).await
    }

    /// `GET /api/v1/conversations/{id}/webhooks`: the group's webhooks, without tokens.
    pub async fn webhooks(&self, id: Uuid) -> Result<Vec<WebhookInfo>, ClientError> {
        let path = format!("/api/v1/conversations/{id}/webhooks");
        self.call(Method::GET, &path, None::<&()>).await
    }

    /// `DELETE /api/v1/conversations/{id}/webhooks/{webhook}`: its URL stops working.
    pub async fn delete_webhook(&self, id: Uuid, webhook: Uuid) -> Result<(), ClientError> {
        let path = format!("/api/v1/conversations/{id}/webhooks/{webhook}");
        self.call(Method::DELETE, &path, None::<&()>).await
    }

    /// `POST /hooks/{token}`: posts a text as the webhook's bot (no token needed on this
    /// `Api`: the URL is the credential).
    pub async fn post_to_webhook(
        &self,
        url: &str,
        body: &str,
        client_msg_id: Option<&str>,
    ) -> Result<Message, ClientError> {
        let post = HookPost {
            body: body.into(),
            client_msg_id: client_msg_id.map(str::to_owned),
        };
        self.call(Method::POST, url, Some(&post)).await
    }
}
