//! The accept loop: HTTP/1.1 with a header-read timeout, WebSocket upgrades taken here,
//! everything else handed to the warp routes; graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower_service::Service;
use warp::filters::BoxedFilter;
use warp::reply::Response;

use chat_app::ChatApp;
use chat_domain::ids::UserId;

use crate::http::extract::PeerAddr;
use crate::{routes, ws, EdgeConfig, Metrics};

/// Everything a request handler needs: the core, the edge settings, the counters and the
/// shutdown signal. Cheap to clone: one pointer, so the many tasks that hold it (a
/// connection holds it for its whole life) stay small.
#[derive(Clone)]
pub struct Edge(Arc<EdgeState>);

/// What an [`Edge`] shares (reached through it, as `edge.app`).
pub struct EdgeState {
    /// The chat core.
    pub app: ChatApp,
    /// Edge settings.
    pub config: Arc<EdgeConfig>,
    /// Counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    shutdown: watch::Receiver<bool>,
    shutdown_tx: Arc<watch::Sender<bool>>,
    live: Arc<LiveTasks>,
    slots: Arc<std::sync::Mutex<std::collections::HashMap<UserId, u32>>>,
}

/// A user's claim on one of their connection slots on this node; released on drop.
pub(crate) struct Slot {
    slots: Arc<std::sync::Mutex<std::collections::HashMap<UserId, u32>>>,
    user: UserId,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = slots.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                slots.remove(&self.user);
            }
        }
    }
}

#[derive(Default)]
struct LiveTasks {
    count: AtomicUsize,
    idle: Notify,
}

/// Held by each connection task; shutdown waits until every guard is dropped.
pub(crate) struct TaskGuard(Arc<LiveTasks>);

impl Drop for TaskGuard {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl std::ops::Deref for Edge {
    type Target = EdgeState;

    fn deref(&self) -> &EdgeState {
        &self.0
    }
}

impl Edge {
    /// An edge over `app`.
    pub fn new(app: ChatApp, config: EdgeConfig) -> Self {
        let (tx, rx) = watch::channel(false);
        Self(Arc::new(EdgeState {
            app,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            shutdown: rx,
            shutdown_tx: Arc::new(tx),
            live: Arc::default(),
            slots: Arc::default(),
        }))
    }

    /// Claims one of `user`'s connection slots on this node, if fewer than the limit are
    /// taken. Atomic, so parallel upgrades cannot all slip under the limit.
    pub(crate) fn claim_slot(&self, user: UserId) -> Option<Slot> {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let n = slots.entry(user).or_insert(0);
        if *n >= self.config.max_connections_per_user {
            return None;
        }
        *n += 1;
        Some(Slot {
            slots: self.slots.clone(),
            user,
        })
    }

    /// Tells every WebSocket connection to close with 1001.
    pub fn begin_shutdown(&self) {
        self.shutdown_tx.send_replace(true);
    }

    pub(crate) fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown.clone()
    }

    pub(crate) fn track_connection(&self) -> TaskGuard {
        self.live.count.fetch_add(1, Ordering::AcqRel);
        TaskGuard(self.live.clone())
    }

    /// Waits until every connection task (HTTP and WebSocket) has ended.
    pub async fn connections_closed(&self) {
        loop {
            let idle = self.live.idle.notified();
            if self.live.count.load(Ordering::Acquire) == 0 {
                return;
            }
            idle.await;
        }
    }

    /// Records a send's outcome: `Some(created)` on success.
    pub(crate) fn record_send(&self, started: Instant, created: Option<bool>) {
        if let Some(created) = created {
            self.metrics.ack_latency(started.elapsed());
            if created {
                self.metrics.messages_total.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

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
            async move {
                if is_ws {
                    return Ok::<_, Infallible>(ws::upgrade(edge, req).await);
                }
                req.extensions_mut().insert(PeerAddr(peer));
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
