//! The whole edge as one tower [`Service`], for hosts that run their own server (axum,
//! tonic, hyper, …): WebSocket upgrades on `/ws`, every other request to the HTTP routes.
//! Mounted under a prefix that the host strips (axum's `nest_service`), the chat answers
//! at `<prefix>/api/v1/...`, `<prefix>/ws`, `<prefix>/healthz` and `<prefix>/metrics`.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use sync_wrapper::SyncWrapper;
use tower_service::Service;
use warp::filters::BoxedFilter;
use warp::reply::Response;

use crate::{deadline, routes, ws, Edge};

/// The chat's HTTP API and WebSocket endpoint as a tower service (see
/// [`Edge::service`]). The host inserts each request's client address as a
/// [`crate::PeerAddr`] extension: sign-ups and logins are rate limited per address, and
/// requests without one share a single allowance.
#[derive(Clone)]
pub struct ChatService {
    edge: Edge,
    routes: BoxedFilter<(Response,)>,
}

impl Edge {
    /// This edge as a tower service to mount in another server.
    pub fn service(&self) -> ChatService {
        ChatService {
            edge: self.clone(),
            routes: routes(self.clone()),
        }
    }
}

impl<B> Service<http::Request<B>> for ChatService
where
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        if ws::is_upgrade(&req, "/ws") {
            let edge = self.edge.clone();
            return Box::pin(async move { Ok(ws::upgrade(edge, req).await) });
        }
        let mut routes = warp::service(self.routes.clone());
        let req = deadline::bound(&self.edge.config, req);
        // warp reads bodies that are Sync; a host's body type need not be.
        let req = req.map(|body| SyncBody(SyncWrapper::new(Box::pin(body))));
        Box::pin(async move { routes.call(req).await })
    }
}

/// A request body made `Sync`: it is only ever polled through `&mut`, which
/// [`SyncWrapper`] hands out without any shared access.
struct SyncBody<B>(SyncWrapper<Pin<Box<B>>>);

impl<B: http_body::Body> http_body::Body for SyncBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        self.get_mut().0.get_mut().as_mut().poll_frame(cx)
    }
}
