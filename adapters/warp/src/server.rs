//! The accept loop: HTTP/1.1 with a header-read timeout, WebSocket upgrades taken here,
//! everything else handed to the warp routes; graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;

use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tower_service::Service;
use warp::filters::BoxedFilter;
use warp::reply::Response;

use crate::http::extract::PeerAddr;
use crate::{deadline, routes, ws, Edge};

/// Serves HTTP and WebSocket on `listener` until `shutdown` resolves; then stops
/// accepting, closes WebSockets with 1001, and waits (up to the configured grace) for
/// open requests and connections to finish.
pub async fn run(edge: Edge, listener: TcpListener, shutdown: impl Future<Output = ()>) {
    let routes = routes(edge.clone());
    run_with(edge, "/ws", routes, listener, shutdown).await;
}

/// Like [`run`], for an application that mounts the chat inside its own warp routes:
/// WebSocket upgrades on `ws_path` go to the chat, every other request to `filter`.
///
/// ```no_run
/// # use warp::Filter;
/// # async fn mount(edge: chat_adapter_warp::Edge, listener: tokio::net::TcpListener) {
/// let mine = warp::path!("hello").map(|| "hi");
/// let all = warp::path("chat")
///     .and(chat_adapter_warp::routes(edge.clone()))
///     .or(mine)
///     .map(warp::Reply::into_response)
///     .boxed();
/// chat_adapter_warp::run_with(edge, "/chat/ws", all, listener, std::future::pending()).await;
/// # }
/// ```
pub async fn run_with(
    edge: Edge,
    ws_path: &str,
    filter: BoxedFilter<(Response,)>,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) {
    let ws_path: Arc<str> = Arc::from(ws_path);
    let service = warp::service(filter);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let for_requests = edge.clone();
        let service = service.clone();
        let ws_path = ws_path.clone();
        let handler = service_fn(move |mut req: http::Request<Incoming>| {
            let edge = for_requests.clone();
            let service = service.clone();
            let is_ws = ws::is_upgrade(&req, &ws_path);
            req.extensions_mut().insert(PeerAddr(peer));
            async move {
                if is_ws {
                    return Ok::<_, Infallible>(ws::upgrade(edge, req).await);
                }
                let req = deadline::bound(&edge.config, req);
                let mut service = service;
                service.call(req).await
            }
        });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(edge.config.header_read_timeout)
            .serve_connection(TokioIo::new(stream), handler)
            .with_upgrades();
        let guard = edge.track_connection();
        let mut stop = edge.shutdown_signal();
        tokio::spawn(async move {
            let _guard = guard;
            let mut conn = std::pin::pin!(conn);
            let ended = tokio::select! {
                r = conn.as_mut() => Some(r),
                _ = stop.changed() => None,
            };
            // On shutdown, let the request in flight finish, then close.
            let result = match ended {
                Some(r) => r,
                None => {
                    conn.as_mut().graceful_shutdown();
                    conn.await
                }
            };
            if let Err(e) = result {
                tracing::debug!(error = %e, "http connection ended with an error");
            }
        });
    }
    drop(listener);
    tracing::info!("shutting down: closing connections");
    edge.begin_shutdown();
    let grace = edge.config.shutdown_grace;
    let _ = tokio::time::timeout(grace, edge.connections_closed()).await;
}
