//! `chat-server`: the reference chat server. Everything it does lives in the library;
//! this parses the command line, sets up logging and signals, and calls it.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use chat_app::RegisterUser;
use chat_domain::entities::UserRole;
use chat_server::{Config, Store};

#[derive(Parser)]
#[command(
    name = "chat-server",
    version,
    about = "The reference chat server (protocol v1 over HTTP and WebSocket)."
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    /// Log filter, in tracing's EnvFilter syntax (e.g. `info`, `chat_adapter_warp=debug`).
    #[arg(long, env = "CHAT_LOG", default_value = "info", global = true)]
    log: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve (the default).
    Serve,
    /// Create an admin account; the password is read from standard input.
    CreateAdmin {
        /// The admin's username.
        username: String,
    },
    /// Copy every user, conversation and message into an empty store (sessions are not
    /// copied: users sign in again), e.g. `--from txt:./storage --to mysql://root@db/chat`.
    Migrate {
        /// The store to read: `txt:<dir>`, `mysql://…` or `postgres://…`.
        #[arg(long)]
        from: chat_server::migrate::Endpoint,
        /// The empty store to fill: `txt:<dir>`, `mysql://…` or `postgres://…`.
        #[arg(long)]
        to: chat_server::migrate::Endpoint,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = match EnvFilter::try_new(&cli.log) {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "chat-server: invalid --log / CHAT_LOG value {:?}: {e}",
                cli.log
            );
            return ExitCode::FAILURE;
        }
    };
    tracing_subscriber::fmt()
        .with_ansi(std::io::stdout().is_terminal())
        .with_env_filter(filter)
        .init();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::CreateAdmin { username } => create_admin(cli.config, &username).await,
        Command::Migrate { from, to } => migrate(&from, &to).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chat-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    chat_server::serve(config, listener, shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

async fn create_admin(config: Config, username: &str) -> Result<(), String> {
    if config.store == Store::Memory {
        return Err("the memory store keeps nothing after this command exits; choose a persistent store with --store".into());
    }
    let node = chat_server::build(&config)
        .await
        .map_err(|e| e.to_string())?;
    let password = read_password()?;
    let cmd = RegisterUser {
        role: UserRole::Admin,
        by_host: true,
        ..RegisterUser::new(username, &password)
    };
    let created = node.app.register_user(cmd).await.map_err(|e| e.to_string());
    node.close().await;
    let user = created?;
    println!("created admin {} ({})", user.username, user.id);
    Ok(())
}

async fn migrate(
    from: &chat_server::migrate::Endpoint,
    to: &chat_server::migrate::Endpoint,
) -> Result<(), String> {
    let started = std::time::Instant::now();
    let moved = chat_server::migrate::migrate(from, to).await?;
    println!(
        "copied {} users, {} conversations, {} messages in {:.1}s",
        moved.users,
        moved.conversations,
        moved.messages,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn read_password() -> Result<String, String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("password for the new admin: ");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
