//! `chat-server`: the reference server. The HTTP + WebSocket edge is wired here once the
//! warp adapter lands; until then the binary only reports its version.

fn main() {
    println!("chat-server {}", env!("CARGO_PKG_VERSION"));
}
