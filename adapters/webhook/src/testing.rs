//! A receiver on a local port that records what it gets: plain HTTP or HTTPS under a CA
//! of its own ([`TestCa`]), answering 500 to the first requests, or as a test says, and
//! going down on request. For tests of this adapter and of servers that use it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};

/// One request as received.
#[derive(Clone, Debug)]
pub struct Received {
    /// Its path.
    pub path: String,
    /// `X-Chat-Delivery`.
    pub delivery: String,
    /// `X-Chat-Signature`.
    pub signature: String,
    /// The body.
    pub body: Bytes,
    /// The status it answered.
    pub answered: u16,
}

/// How the receiver answers a request, given the ones before it: a status and a body.
pub type Answerer = Arc<dyn Fn(&[Received], &Bytes) -> (u16, Bytes) + Send + Sync>;

/// A certificate authority made for one test, and a certificate it signed for
/// `localhost` and `127.0.0.1`.
pub struct TestCa {
    /// The CA's certificate, PEM: what a client is told to trust (`CHAT_EXTRA_CA_FILE`).
    pub ca_pem: String,
    server: Arc<rustls::ServerConfig>,
}

impl TestCa {
    /// A new CA and server certificate.
    ///
    /// # Panics
    /// If rcgen cannot make them (it can).
    pub fn new() -> Self {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "chat test CA");
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let key = KeyPair::generate().unwrap();
        let params =
            CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).unwrap();
        let cert = params.signed_by(&key, &ca, &ca_key).unwrap();
        let der = rustls_pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert.der().clone()], der)
            .unwrap();
        Self {
            ca_pem: ca.pem(),
            server: Arc::new(server),
        }
    }
}

impl Default for TestCa {
    fn default() -> Self {
        Self::new()
    }
}

/// The receiver; it runs until the test's runtime ends.
pub struct Receiver {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Every request so far.
    pub got: Arc<Mutex<Vec<Received>>>,
    tls: bool,
    down: Arc<AtomicBool>,
    delay: Arc<Mutex<std::time::Duration>>,
}

impl Receiver {
    /// Plain HTTP, answering 500 to the first `failures` requests, then 200.
    pub async fn start(failures: usize) -> Self {
        Self::start_with(None, failing(failures)).await
    }

    /// HTTPS under `ca` when given (else plain HTTP), answering with `answer`.
    pub async fn start_with(ca: Option<&TestCa>, answer: Answerer) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let down = Arc::new(AtomicBool::new(false));
        let delay: Arc<Mutex<std::time::Duration>> = Arc::default();
        let acceptor = ca.map(|ca| tokio_rustls::TlsAcceptor::from(ca.server.clone()));
        let (seen, off, slow) = (got.clone(), down.clone(), delay.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                if off.load(Ordering::SeqCst) {
                    continue; // dropped: the connection is refused as it opens
                }
                let state = State {
                    seen: seen.clone(),
                    down: off.clone(),
                    delay: slow.clone(),
                    answer: answer.clone(),
                };
                match acceptor.clone() {
                    Some(tls) => {
                        tokio::spawn(async move {
                            if let Ok(stream) = tls.accept(stream).await {
                                serve(stream, state).await;
                            }
                        });
                    }
                    None => {
                        tokio::spawn(serve(stream, state));
                    }
                }
            }
        });
        Self {
            addr,
            got,
            tls: ca.is_some(),
            down,
            delay,
        }
    }

    /// Its URL (`https://localhost:…/push` under a CA).
    pub fn url(&self) -> String {
        match self.tls {
            true => format!("https://localhost:{}/push", self.addr.port()),
            false => format!("http://{}/push", self.addr),
        }
    }

    /// Takes it down (every connection refused, open ones closed at their next request)
    /// or back up.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// Answers each request only after `delay` from now on.
    pub fn set_delay(&self, delay: std::time::Duration) {
        *self.delay.lock().unwrap() = delay;
    }

    /// What arrived so far.
    pub fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits up to 5 s for `n` requests.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        self.wait_for_within(n, std::time::Duration::from_secs(5))
            .await
    }

    /// Waits up to `limit` for `n` requests.
    pub async fn wait_for_within(&self, n: usize, limit: std::time::Duration) -> Vec<Received> {
        let until = tokio::time::Instant::now() + limit;
        while tokio::time::Instant::now() < until {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("waited for {n} requests, got {:?}", self.received());
    }
}

/// 500 to the first `failures` requests, then 200, with empty bodies.
pub fn failing(failures: usize) -> Answerer {
    Arc::new(move |before, _| {
        let status = if before.len() < failures { 500 } else { 200 };
        (status, Bytes::new())
    })
}

/// What each connection of a receiver shares.
#[derive(Clone)]
struct State {
    seen: Arc<Mutex<Vec<Received>>>,
    down: Arc<AtomicBool>,
    delay: Arc<Mutex<std::time::Duration>>,
    answer: Answerer,
}

async fn serve<S>(stream: S, state: State)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let State {
            seen,
            down,
            delay,
            answer,
        } = state.clone();
        async move {
            if down.load(Ordering::SeqCst) {
                return Err("down");
            }
            let wait = *delay.lock().unwrap();
            tokio::time::sleep(wait).await;
            let header = |n: &str| {
                req.headers()
                    .get(n)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned()
            };
            let (delivery, signature) = (header("x-chat-delivery"), header("x-chat-signature"));
            let path = req.uri().path().to_owned();
            let body = req.into_body().collect().await.unwrap().to_bytes();
            let mut seen = seen.lock().unwrap();
            let (answered, reply) = answer(&seen, &body);
            seen.push(Received {
                path,
                delivery,
                signature,
                body,
                answered,
            });
            Ok(hyper::Response::builder()
                .status(answered)
                .header("content-type", "application/json")
                .body(Full::new(reply))
                .unwrap_or_default())
        }
    });
    let _ = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}
