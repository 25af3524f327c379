//! Filters that turn request parts into typed values, rejecting with clear errors.

use std::net::{IpAddr, SocketAddr};

use serde::de::DeserializeOwned;
use warp::{Filter, Rejection};

use chat_app::{Actor, AppError};

use super::errors::reject;
use crate::Edge;

/// The TCP peer of a request, set by the accept loop.
#[derive(Clone, Copy, Debug)]
pub struct PeerAddr(pub SocketAddr);

/// Hands the edge to a handler.
pub fn with_edge(
    edge: &Edge,
) -> impl Filter<Extract = (Edge,), Error = std::convert::Infallible> + Clone {
    let edge = edge.clone();
    warp::any().map(move || edge.clone())
}

/// The bearer token of `Authorization: Bearer <token>`, if any.
pub fn bearer(header: Option<&str>) -> Option<&str> {
    let h = header?.trim();
    let (scheme, token) = h.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The authenticated caller, or a 401.
pub fn authenticated(edge: &Edge) -> impl Filter<Extract = (Actor,), Error = Rejection> + Clone {
    with_edge(edge)
        .and(warp::header::optional::<String>("authorization"))
        .and_then(|edge: Edge, auth: Option<String>| async move {
            let token = bearer(auth.as_deref())
                .ok_or_else(|| reject(AppError::Unauthorized("missing bearer token".into())))?;
            edge.app.authenticate(token).await.map_err(reject)
        })
}

/// The client's address, as sign-up and login limits count it: the TCP peer, or the
/// last address a trusted proxy added to `X-Forwarded-For`. A host that mounts the edge
/// without handing over peer addresses (see [`crate::ChatService`]) gets `"unknown"`
/// for every request: they then share one allowance rather than go unlimited.
pub fn client_addr(edge: &Edge) -> impl Filter<Extract = (String,), Error = Rejection> + Clone {
    with_edge(edge)
        .and(warp::ext::optional::<PeerAddr>())
        .and(warp::header::optional::<String>("x-forwarded-for"))
        .map(|edge: Edge, peer: Option<PeerAddr>, xff: Option<String>| {
            let Some(peer) = peer else {
                static WARNED: std::sync::Once = std::sync::Once::new();
                WARNED.call_once(|| {
                    tracing::warn!("requests carry no client address (PeerAddr): sign-ups and logins share one rate limit")
                });
                return "unknown".to_owned();
            };
            address_key(resolve_client_ip(
                peer.0.ip(),
                xff.as_deref(),
                &edge.config.trusted_proxies,
            ))
        })
}

/// The key sign-up and login limits count an address under: an IPv4 address whole, an
/// IPv6 one by its /64, the least one subscriber is given (and can rotate through).
pub fn address_key(ip: IpAddr) -> String {
    let v6 = match ip {
        IpAddr::V6(v6) => v6,
        IpAddr::V4(v4) => return v4.to_string(),
    };
    if let Some(v4) = v6.to_ipv4_mapped() {
        return v4.to_string();
    }
    let s = v6.segments();
    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
}

/// The client address for a request from `peer`: when `peer` is a trusted proxy, the
/// right-most `X-Forwarded-For` entry that is not itself a trusted proxy.
pub fn resolve_client_ip(peer: IpAddr, xff: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    xff.into_iter()
        .flat_map(|h| h.rsplit(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

/// A JSON body of type `T`, at most `limit` bytes. A body sent without
/// `Content-Type: application/json`, malformed JSON, or JSON of the wrong shape is a 400
/// naming the problem.
pub fn json_body<T: DeserializeOwned + Send>(
    limit: u64,
) -> impl Filter<Extract = (T,), Error = Rejection> + Clone {
    warp::header::optional::<String>("content-type")
        .and(warp::body::content_length_limit(limit))
        .and(warp::body::bytes())
        .and_then(|ct: Option<String>, body: bytes::Bytes| async move {
            // Required, not just checked when present: a page on another site can send a
            // body without Content-Type (or as text/plain) with no CORS preflight, and so
            // make a visitor's browser sign up or log in.
            let mime = ct
                .as_deref()
                .and_then(|ct| ct.split(';').next())
                .unwrap_or("");
            if !mime.trim().eq_ignore_ascii_case("application/json") {
                return Err(reject(AppError::BadRequest(
                    "Content-Type must be application/json".into(),
                )));
            }
            serde_json::from_slice::<T>(&body)
                .map_err(|e| reject(AppError::BadRequest(format!("invalid JSON body: {e}"))))
        })
}

/// Parses an id from a path segment, or a 400.
pub fn parse_id<T: std::str::FromStr>(raw: &str, what: &str) -> Result<T, Rejection> {
    raw.parse()
        .map_err(|_| reject(AppError::BadRequest(format!("{what} is not a valid UUID"))))
}

/// Parses a seq from a path segment, or a 400.
pub fn parse_seq(raw: &str) -> Result<u64, Rejection> {
    raw.parse()
        .map_err(|_| reject(AppError::BadRequest(format!("seq {raw:?} is not a number"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.9".parse().unwrap();
        let xff = Some("198.51.100.1, 203.0.113.9");
        assert_eq!(
            resolve_client_ip(client, xff, &[proxy]),
            client,
            "untrusted peer"
        );
        assert_eq!(resolve_client_ip(proxy, xff, &[proxy]), client);
        assert_eq!(resolve_client_ip(proxy, None, &[proxy]), proxy);
        assert_eq!(resolve_client_ip(proxy, Some("junk"), &[proxy]), proxy);
    }

    #[test]
    fn an_ipv6_address_counts_by_its_64_prefix() {
        let key = |s: &str| address_key(s.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff:1:2:3"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
        assert_eq!(key("203.0.113.9"), "203.0.113.9");
        assert_eq!(key("::ffff:203.0.113.9"), "203.0.113.9");
    }

    #[test]
    fn bearer_parsing() {
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(None), None);
    }
}
