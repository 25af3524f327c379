//! The WebSocket endpoint's frames: what a client sends ([`client`]) and what the server
//! sends back and pushes ([`server`]).

pub mod client;
pub mod server;

pub use client::{decode, ClientFrame, ClientRequest, Decoded};
pub use server::ServerFrame;
