//! Cross-site WebSocket hijacking defence: a browser always sends `Origin`, and only the
//! configured origins, or with none configured the server's own origin, may connect.

use http::header;
use http::Request;

use chat_app::AppError;

use crate::http::extract::PeerAddr;
use crate::Edge;

/// Refuses (403) an upgrade whose `Origin` is not allowed. Requests without one
/// (non-browser clients) pass.
pub(super) fn check<B>(edge: &Edge, req: &Request<B>) -> Result<(), AppError> {
    let h = req.headers();
    let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let allowed = &edge.config.allowed_origins;
    let ok = if allowed.is_empty() {
        let host = h.get(header::HOST).and_then(|v| v.to_str().ok());
        let peer = req.extensions().get::<PeerAddr>().map(|p| p.0.ip());
        let proto = h.get("x-forwarded-proto").and_then(|v| v.to_str().ok());
        let proto =
            proto.filter(|_| peer.is_some_and(|p| edge.config.trusted_proxies.contains(&p)));
        host.is_some_and(|host| is_own_origin(origin, host, proto))
    } else {
        allowed.iter().any(|a| a == "*" || same(a, origin))
    };
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "origin {origin} is not allowed"
        )))
    }
}

/// Whether two origins are the same scheme, host and port (as URLs compare them:
/// scheme and host without regard to case, a default port written or not).
fn same(a: &str, b: &str) -> bool {
    match (parse(a.trim_end_matches('/')), parse(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Whether `origin` is this server's own: `http` or `https` (the one a trusted proxy
/// names in `X-Forwarded-Proto`, when it does), with the host and port the request was
/// sent to (`Host`).
fn is_own_origin(origin: &str, host: &str, forwarded_proto: Option<&str>) -> bool {
    let Some(o) = parse(origin) else {
        return false;
    };
    let schemes: &[&str] = match forwarded_proto.map(|p| p.trim().to_ascii_lowercase()) {
        Some(p) if p == "https" => &["https"],
        Some(p) if p == "http" => &["http"],
        _ => &["http", "https"],
    };
    schemes.iter().any(|scheme| {
        *scheme == o.scheme && parse(&format!("{scheme}://{host}")).is_some_and(|h| h == o)
    })
}

/// `scheme://host[:port]` with the scheme and host lowercased and the port made
/// explicit; `None` for anything else (paths, user info, schemes other than http(s)).
fn parse(origin: &str) -> Option<Origin> {
    let (scheme, rest) = origin.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let scheme = scheme.to_ascii_lowercase();
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return None;
    }
    // An IPv6 literal keeps its brackets; the port is what follows the last `:` after them.
    let split = rest.rfind(':').filter(|&i| !rest[i..].contains(']'));
    let (host, port) = match split {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<u16>().ok()?),
        None => (rest, if scheme == "https" { 443 } else { 80 }),
    };
    if host.is_empty() {
        return None;
    }
    Some(Origin {
        host: host.to_ascii_lowercase(),
        scheme,
        port,
    })
}

#[derive(Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_scheme_host_and_port_is_the_servers_own() {
        let host = "chat.example:8080";
        assert!(is_own_origin("http://chat.example:8080", host, None));
        assert!(is_own_origin("https://chat.example:8080", host, None));
        for other in [
            "x://chat.example:8080",
            "ws://chat.example:8080",
            "http://chat.example",
            "http://chat.example:8081",
            "http://chat.example:8080.evil",
            "http://evil@chat.example:8080",
            "http://chat.example:8080/path",
            "null",
        ] {
            assert!(!is_own_origin(other, host, None), "{other}");
        }
        assert!(is_own_origin(
            "https://chat.example",
            "chat.example",
            Some("https")
        ));
        assert!(is_own_origin(
            "https://chat.example",
            "chat.example:443",
            Some("https")
        ));
        assert!(!is_own_origin(
            "http://chat.example",
            "chat.example",
            Some("https")
        ));
        assert!(is_own_origin("http://[::1]:9", "[::1]:9", None));
        assert!(!is_own_origin("http://[::1]", "[::1]:9", None));
    }

    #[test]
    fn configured_origins_compare_as_urls_do() {
        assert!(same("https://chat.example/", "https://chat.example"));
        assert!(same("https://chat.example", "https://chat.example:443"));
        assert!(same("https://Chat.Example", "https://chat.example"));
        assert!(!same("https://chat.example", "http://chat.example"));
        assert!(!same("https://chat.example", "https://chat.example:8443"));
        assert!(!same("https://chat.example", "https://chat.example.evil"));
    }
}
