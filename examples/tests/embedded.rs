//! The embedding examples, served on ephemeral ports in this process, each pass the
//! black-box suite of protocol v1 under their `/chat` prefix, as chat-server does at its
//! root; the axum host's own route and middleware work beside the chat.

#[path = "../embed_in_axum.rs"]
#[allow(dead_code)]
mod axum_example;
#[path = "../embed_in_warp.rs"]
#[allow(dead_code)]
mod warp_example;

use std::future::Future;
use std::pin::Pin;

use chat_blackbox::Target;
use http::Method;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

type Serve = fn(
    TcpListener,
    Pin<Box<dyn Future<Output = ()> + Send>>,
) -> Pin<Box<dyn Future<Output = ()> + Send>>;

/// A running example; dropped, it is told to stop.
pub struct Running {
    pub base: String,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn start(serve: Serve) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(serve(
        listener,
        Box::pin(async {
            let _ = stopped.await;
        }),
    ));
    Running {
        base: format!("http://{addr}"),
        stop: Some(stop),
    }
}

fn axum(
    l: TcpListener,
    shutdown: Pin<Box<dyn Future<Output = ()> + Send>>,
) -> Pin<Box<dyn Future<Output = ()> + Send>> {
    Box::pin(async move {
        axum_example::serve(l, shutdown)
            .await
            .expect("the axum example serves")
    })
}

fn warp(
    l: TcpListener,
    shutdown: Pin<Box<dyn Future<Output = ()> + Send>>,
) -> Pin<Box<dyn Future<Output = ()> + Send>> {
    Box::pin(async move {
        warp_example::serve(l, shutdown)
            .await
            .expect("the warp example serves")
    })
}

mod axum_suite {
    chat_blackbox::suite!(async {
        let app = super::start(super::axum).await;
        (super::Target::new(format!("{}/chat", app.base)), app)
    });
}

mod warp_suite {
    chat_blackbox::suite!(async {
        let app = super::start(super::warp).await;
        (super::Target::new(format!("{}/chat", app.base)), app)
    });
}

#[tokio::test]
async fn the_axum_host_serves_its_own_route_and_wraps_the_chat_in_its_middleware() {
    let app = start(axum).await;
    let hello = get(&app.base, "/hello").await;
    assert!(hello.starts_with("HTTP/1.1 200"), "{hello}");
    assert!(
        hello.ends_with("\r\n\r\nhello from the host app\n"),
        "{hello}"
    );
    let chat = Target::new(format!("{}/chat", app.base));
    let health = chat
        .send(Method::GET, "/healthz", None, None, None)
        .await
        .expect(200);
    assert!(
        health.headers.contains_key("x-request-id"),
        "the host's request-id layer answered for the chat too: {:?}",
        health.headers
    );
}

/// A plain `GET` of a host route (not part of protocol v1): the raw answer.
async fn get(base: &str, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    answer
}
