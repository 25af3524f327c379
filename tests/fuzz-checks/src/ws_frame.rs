//! The WebSocket frame decoder.

use chat_adapter_warp::ws::frames::{decode, Reply};
use chat_app::AppError;

/// Decodes `data` as a text frame (tungstenite refuses non-UTF-8 text before the decoder
/// sees it) and checks the error frame it would answer with.
pub fn ws_frame(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let decoded = decode(text);
    let Err(e) = &decoded.request else {
        return;
    };
    assert!(
        matches!(e, AppError::BadRequest(_) | AppError::TooLarge(_)),
        "decoding can only find a frame malformed or too large, not {e:?}"
    );
    let frame = Reply::error(decoded.req.as_deref(), e).encode();
    let v: serde_json::Value = serde_json::from_str(&frame).expect("an error frame is JSON");
    assert_eq!(v["type"], "error", "{frame}");
    assert!(
        matches!(v["code"].as_str(), Some("bad_request" | "too_large")),
        "{frame}"
    );
    assert!(
        v["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{frame}"
    );
    match &decoded.req {
        Some(req) => assert_eq!(v["req"].as_str(), Some(req.as_str()), "{frame}"),
        None => assert!(
            v.get("req").is_none_or(serde_json::Value::is_null),
            "{frame}"
        ),
    }
}
