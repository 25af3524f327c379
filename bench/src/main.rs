//! `chat-bench`: drives a running `chat-server` over protocol v1 and prints one JSON line.
//!
//! ```text
//! chat-bench --addr 127.0.0.1:8080 --server-pid $(pgrep chat-server) idle --conns 10000
//! chat-bench fanout --members 500 --senders 5 --rate 50 --secs 10
//! chat-bench burst --members 200 --messages 2000
//! chat-bench direct --pairs 64 --secs 10
//! chat-bench history --messages 1000000 --pages 2000
//! chat-bench hook --listen 127.0.0.1:19100 --sends 100
//! chat-bench export --messages 100000 --runs 3
//! ```
//!
//! Start the server with limits that let a load through, e.g.
//! `CHAT_RATE_LIMIT_MAX=100000000 CHAT_AUTH_RATE_LIMIT_MAX=100000000
//! CHAT_MAX_CONNECTIONS_PER_USER=1000` (see docs/PERFORMANCE.md).

mod client;
mod modes;
mod proc;
mod report;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "chat-bench",
    about = "Load tool for chat-server (protocol v1)."
)]
struct Cli {
    /// The server.
    #[arg(long, default_value = "127.0.0.1:8080", global = true)]
    addr: String,
    /// The server's pid, to read its memory and CPU time from /proc.
    #[arg(long, global = true)]
    server_pid: Option<u32>,
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Subcommand)]
enum Mode {
    /// D downloads of an M MiB file and U uploads of M MiB at once: the server's RSS.
    Transfers {
        #[arg(long, default_value_t = 20)]
        downloads: usize,
        #[arg(long, default_value_t = 10)]
        uploads: usize,
        #[arg(long, default_value_t = 10)]
        mib: usize,
    },
    /// Opens N authenticated sockets and reports the server's RSS growth per socket.
    Idle {
        #[arg(long)]
        conns: usize,
        /// Sockets per user (the server's per-user limit must allow it).
        #[arg(long, default_value_t = 50)]
        per_user: usize,
    },
    /// One group of M members; S senders at R messages/s each (open loop).
    Fanout {
        #[arg(long)]
        members: usize,
        #[arg(long)]
        senders: usize,
        #[arg(long)]
        rate: u64,
        #[arg(long, default_value_t = 10)]
        secs: u64,
    },
    /// One sender, N messages with 64 in flight, until every member has them all.
    Burst {
        #[arg(long)]
        members: usize,
        #[arg(long)]
        messages: usize,
    },
    /// A conversation of N messages, then P random pages of 50 read back one at a time.
    History {
        #[arg(long, default_value_t = 1_000_000)]
        messages: u64,
        #[arg(long, default_value_t = 2000)]
        pages: u64,
    },
    /// One user's data export: N messages sent, then the export read R times.
    Export {
        #[arg(long, default_value_t = 100_000)]
        messages: u64,
        #[arg(long, default_value_t = 3)]
        runs: u64,
    },
    /// Steady traffic with connection churn; the server's RSS and descriptors over time.
    Soak {
        #[arg(long, default_value_t = 50)]
        users: usize,
        /// Messages per second each connected user sends.
        #[arg(long, default_value_t = 2)]
        rate: u64,
        #[arg(long, default_value_t = 600)]
        secs: u64,
    },
    /// In a group of M, N plain sends then N thread replies, one at a time: ack latencies.
    Thread {
        #[arg(long, default_value_t = 10)]
        members: usize,
        #[arg(long, default_value_t = 100)]
        sends: u64,
    },
    /// The before-send hook's cost: listens on A as an accept-all hook, then N sends one
    /// at a time: ack latencies and the hook's calls (run with and without the hook).
    Hook {
        #[arg(long, default_value = "127.0.0.1:19100")]
        listen: String,
        #[arg(long, default_value_t = 2)]
        members: usize,
        #[arg(long, default_value_t = 100)]
        sends: u64,
    },
    /// One member following N threads with an unread reply each: C lists of them.
    Followed {
        #[arg(long, default_value_t = 1000)]
        threads: u64,
        #[arg(long, default_value_t = 100)]
        calls: u64,
    },
    /// P pairs in direct conversations sending as fast as acks allow (window 64).
    Direct {
        #[arg(long)]
        pairs: usize,
        #[arg(long, default_value_t = 10)]
        secs: u64,
    },
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let run = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let out = match cli.mode {
        Mode::Transfers {
            downloads,
            uploads,
            mib,
        } => modes::transfers::run(&cli.addr, cli.server_pid, &run, downloads, uploads, mib).await,
        Mode::Idle { conns, per_user } => {
            modes::idle::run(&cli.addr, cli.server_pid, &run, conns, per_user).await
        }
        Mode::Fanout {
            members,
            senders,
            rate,
            secs,
        } => modes::fanout::run(&cli.addr, &run, members, senders, rate, secs).await,
        Mode::Burst { members, messages } => {
            modes::burst::run(&cli.addr, cli.server_pid, &run, members, messages).await
        }
        Mode::Direct { pairs, secs } => modes::direct::run(&cli.addr, &run, pairs, secs).await,
        Mode::Followed { threads, calls } => {
            modes::followed::run(&cli.addr, &run, threads, calls).await
        }
        Mode::Hook {
            listen,
            members,
            sends,
        } => modes::hook::run(&cli.addr, &run, &listen, members, sends).await,
        Mode::Thread { members, sends } => {
            modes::thread::run(&cli.addr, &run, members, sends).await
        }
        Mode::Soak { users, rate, secs } => {
            modes::soak::run(&cli.addr, cli.server_pid, &run, users, rate, secs).await
        }
        Mode::History { messages, pages } => {
            modes::history::run(&cli.addr, &run, messages, pages).await
        }
        Mode::Export { messages, runs } => {
            modes::export::run(&cli.addr, &run, messages, runs).await
        }
    };
    match out {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("chat-bench: {e}");
            std::process::exit(1);
        }
    }
}
