//! A webhook receiver on a local port that records what it gets and answers 500 on
//! request: for tests of this adapter and of servers that use it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

/// One request as received.
#[derive(Clone, Debug)]
pub struct Received {
    /// `X-Chat-Delivery`.
    pub delivery: String,
    /// `X-Chat-Signature`.
    pub signature: String,
    /// The body.
    pub body: Bytes,
    /// The status it answered.
    pub answered: u16,
}

/// The receiver; it runs until the test's runtime ends.
pub struct Receiver {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Every request so far.
    pub got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    /// Answers 500 to the first `failures` requests, then 200.
    /// Starts on a free local port.
    pub async fn start(failures: usize) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let seen = got.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let seen = seen.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let seen = seen.clone();
                        async move {
                            let header = |n: &str| {
                                req.headers()
                                    .get(n)
                                    .and_then(|v| v.to_str().ok())
                                    .unwrap_or("")
                                    .to_owned()
                            };
                            let (delivery, signature) =
                                (header("x-chat-delivery"), header("x-chat-signature"));
                            let body = req.into_body().collect().await.unwrap().to_bytes();
                            let mut seen = seen.lock().unwrap();
                            let answered = if seen.len() < failures { 500 } else { 200 };
                            seen.push(Received {
                                delivery,
                                signature,
                                body,
                                answered,
                            });
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .status(answered)
                                    .body(Full::new(Bytes::new()))
                                    .unwrap_or_default(),
                            )
                        }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self { addr, got }
    }

    /// Its URL.
    pub fn url(&self) -> String {
        format!("http://{}/push", self.addr)
    }

    /// What arrived so far.
    pub fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits up to 5 s for `n` requests.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..500 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("waited for {n} requests, got {:?}", self.received());
    }
}
