//! A TCP proxy a test can cut or stall: the way to take a database "down" (or make it
//! hang) and bring it back without stopping the real service under the other tests
//! running beside it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::io::copy_bidirectional;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// Forwards connections from a local port to `upstream` until told to cut them.
pub struct Proxy {
    addr: SocketAddr,
    down: Arc<AtomicBool>,
    // While set, tunnels forward nothing and new connections are held unanswered.
    stalled: watch::Sender<bool>,
    // Bumped on every cut: open tunnels watch it and close.
    cuts: watch::Sender<u64>,
    accept: tokio::task::JoinHandle<()>,
}

impl Proxy {
    /// Starts a proxy on 127.0.0.1 (a free port) in front of `upstream`.
    pub async fn start(upstream: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let down = Arc::new(AtomicBool::new(false));
        let (cuts, _) = watch::channel(0);
        let (stalled, _) = watch::channel(false);
        let tunnels = Tunnels {
            upstream,
            down: down.clone(),
            cuts: cuts.clone(),
            stalled: stalled.clone(),
        };
        let accept = tokio::spawn(accept_loop(listener, tunnels));
        Ok(Self {
            addr,
            down,
            stalled,
            cuts,
            accept,
        })
    }

    /// Where clients connect.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A proxy in front of the server a database URL names
    /// (`scheme://user:password@host:port/…`, `default_port` when it names none).
    ///
    /// # Errors
    /// If the URL names no host that resolves, or no local port is free.
    pub async fn in_front_of(url: &str, default_port: u16) -> std::io::Result<Self> {
        let (_, (host_port, _)) = split_authority(url);
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) if !host_port.ends_with(']') => (h, p.parse().ok()),
            _ => (host_port, None),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let upstream = tokio::net::lookup_host((host, port.unwrap_or(default_port)))
            .await?
            .next()
            .ok_or_else(|| std::io::Error::other(format!("{host} does not resolve")))?;
        Self::start(upstream).await
    }

    /// `url` with its host and port replaced by this proxy's, keeping the rest. A
    /// MySQL URL also asks the driver to stay on TCP: on a loopback address it would
    /// otherwise move to the server's local socket, past the proxy.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let proxy = chat_conformance::proxy::Proxy::start("127.0.0.1:9".parse().unwrap()).await.unwrap();
    /// let port = proxy.addr().port();
    /// assert_eq!(proxy.url_through("mysql://u:p@db:3306/x?a=b"), format!("mysql://u:p@127.0.0.1:{port}/x?a=b&prefer_socket=false"));
    /// assert_eq!(proxy.url_through("mysql://db/x"), format!("mysql://127.0.0.1:{port}/x?prefer_socket=false"));
    /// assert_eq!(proxy.url_through("postgres://db/x"), format!("postgres://127.0.0.1:{port}/x"));
    /// # }
    /// ```
    pub fn url_through(&self, url: &str) -> String {
        let (head, (_, tail)) = split_authority(url);
        let mut through = format!("{head}{}{tail}", self.addr);
        if url.starts_with("mysql://") {
            through.push(if tail.contains('?') { '&' } else { '?' });
            through.push_str("prefer_socket=false");
        }
        through
    }

    /// Closes every open connection and refuses new ones (closed at once), as if the
    /// service had died.
    pub fn cut(&self) {
        self.down.store(true, Ordering::SeqCst);
        self.cuts.send_modify(|n| *n += 1);
    }

    /// Keeps every connection open but forwards nothing, and holds new ones unanswered,
    /// as a service that hangs (or a network that drops packets) would.
    pub fn stall(&self) {
        self.stalled.send_replace(true);
    }

    /// Lets connections through again. Connections held by a stall are closed (what was
    /// in flight is gone), so clients connect afresh.
    pub fn restore(&self) {
        self.down.store(false, Ordering::SeqCst);
        if self.stalled.send_replace(false) {
            self.cuts.send_modify(|n| *n += 1);
        }
    }
}

/// A URL as (scheme and user part, (host and port, the rest from the path on)).
fn split_authority(url: &str) -> (&str, (&str, &str)) {
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[authority_start..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host_start = rest[..authority_end].rfind('@').map_or(0, |i| i + 1);
    let head = &url[..authority_start + host_start];
    (
        head,
        (&rest[host_start..authority_end], &rest[authority_end..]),
    )
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.cut();
        self.accept.abort();
    }
}

/// What each tunnel needs to know.
#[derive(Clone)]
struct Tunnels {
    upstream: SocketAddr,
    down: Arc<AtomicBool>,
    cuts: watch::Sender<u64>,
    stalled: watch::Sender<bool>,
}

async fn accept_loop(listener: TcpListener, tunnels: Tunnels) {
    while let Ok((client, _)) = listener.accept().await {
        if tunnels.down.load(Ordering::SeqCst) {
            drop(client);
            continue;
        }
        tokio::spawn(tunnel(client, tunnels.clone()));
    }
}

/// One connection: forwarded until a cut, held without forwarding while stalled.
async fn tunnel(mut client: TcpStream, t: Tunnels) {
    let mut cut = t.cuts.subscribe();
    let mut stalled = t.stalled.subscribe();
    if *stalled.borrow() {
        // Accepted but never answered, until the next cut or restore.
        let _ = cut.changed().await;
        return;
    }
    let Ok(mut server) = TcpStream::connect(t.upstream).await else {
        return;
    };
    tokio::select! {
        _ = copy_bidirectional(&mut client, &mut server) => return,
        _ = cut.changed() => return,
        _ = stalled.wait_for(|s| *s) => {}
    }
    // Stalled: both ends stay open, nothing moves.
    let _ = cut.changed().await;
}
