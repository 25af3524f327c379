//! One module per load shape.

pub mod burst;
pub mod direct;
pub mod export;
pub mod fanout;
pub mod followed;
pub mod history;
pub mod hook;
pub mod idle;
pub mod soak;
pub mod thread;
pub mod transfers;

use std::time::Duration;

use futures_util::stream::SplitSink;
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use crate::client::Socket;

/// An open socket: the sending half, and its text frames as they arrive. Each socket is
/// read from the moment it opens, as a real client would be, so the server never sees
/// the tool as a slow consumer while it sets up the rest.
pub struct Conn {
    pub sink: SplitSink<Socket, Message>,
    pub frames: mpsc::UnboundedReceiver<String>,
}

fn reading(socket: Socket) -> Conn {
    let (sink, mut stream) = socket.split();
    let (tx, frames) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(Ok(m)) = stream.next().await {
            if let Message::Text(t) = m {
                if tx.send(t.as_str().to_owned()).is_err() {
                    return;
                }
            }
        }
    });
    Conn { sink, frames }
}

/// Opens a socket for each token (the i-th from the i-th source address), 500 at a time.
pub async fn open_all(addr: &str, tokens: &[String]) -> Result<Vec<Conn>, String> {
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
            out.push(reading(o.await.map_err(|e| e.to_string())??));
        }
    }
    Ok(out)
}

/// Sends `count` frames (`frame(1)` to `frame(count)`, made as they go) over one new
/// socket of `token`, `window` unacked at most, until all are acked; an `error` frame
/// fails it.
pub async fn send_windowed(
    addr: &str,
    token: &str,
    window: usize,
    count: u64,
    mut frame: impl FnMut(u64) -> String,
) -> Result<(), String> {
    use futures_util::SinkExt;
    let socket = crate::client::ws(addr, token, None).await?;
    let Conn {
        mut sink,
        mut frames,
    } = reading(socket);
    let window = std::sync::Arc::new(tokio::sync::Semaphore::new(window));
    let freed = window.clone();
    let acks = tokio::spawn(async move {
        let mut acked = 0;
        while acked < count {
            match frames.recv().await {
                Some(f) if crate::client::is_ack(&f) => {
                    acked += 1;
                    freed.add_permits(1);
                }
                Some(f) if f.contains(r#""type":"error""#) => return Err(f),
                Some(_) => {}
                None => return Err("the sending socket closed".to_owned()),
            }
        }
        Ok(())
    });
    for n in 1..=count {
        window.acquire().await.map_err(|e| e.to_string())?.forget();
        sink.send(Message::Text(frame(n).into()))
            .await
            .map_err(|e| e.to_string())?;
    }
    acks.await.map_err(|e| e.to_string())?
}

/// How long readers keep reading after the senders stop, for stragglers.
pub const DRAIN: Duration = Duration::from_secs(3);
