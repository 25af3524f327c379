//! One module per load shape.

pub mod burst;
pub mod direct;
pub mod fanout;
pub mod idle;

use std::time::Duration;

use crate::client::Socket;

/// Opens a socket for each token (the i-th from the i-th source address), 500 at a time.
pub async fn open_all(addr: &str, tokens: &[String]) -> Result<Vec<Socket>, String> {
    let mut out = Vec::with_capacity(tokens.len());
    for (c, chunk) in tokens.chunks(500).enumerate() {
        let opening: Vec<_> = chunk
            .iter()
            .enumerate()
            .map(|(i, token)| {
                let (addr, token) = (addr.to_owned(), token.clone());
                let local = crate::client::source_for(c * 500 + i);
                tokio::spawn(async move { crate::client::ws(&addr, &token, local).await })
            })
            .collect();
        for o in opening {
            out.push(o.await.map_err(|e| e.to_string())??);
        }
    }
    Ok(out)
}

/// How long readers keep reading after the senders stop, for stragglers.
pub const DRAIN: Duration = Duration::from_secs(3);
