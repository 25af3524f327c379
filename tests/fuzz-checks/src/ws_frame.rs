//! The WebSocket frame decoder.

use chat_app::AppError;
use chat_protocol::server::WireError;
use chat_protocol::ws::{decode, ClientFrame};

/// Decodes `data` as a text frame (tungstenite refuses non-UTF-8 text before the decoder
/// sees it). A frame that decodes reads back the same once a client encodes it again; one
/// that does not gets the error frame the edge answers with: `bad_request`, with its
/// `req` echoed.
pub fn ws_frame(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let decoded = decode(text);
    let why = match decoded.request {
        Ok(request) => {
            let again = ClientFrame::new(decoded.req.as_deref(), request.clone()).encode();
            let back = decode(&again);
            assert_eq!(back.req, decoded.req, "{again}");
            assert_eq!(back.request, Ok(request), "{again}");
            return;
        }
        Err(why) => why,
    };
    let frame = WireError::of(&AppError::BadRequest(why))
        .frame(decoded.req.as_deref())
        .encode();
    let v: serde_json::Value = serde_json::from_str(&frame).expect("an error frame is JSON");
    assert_eq!(v["type"], "error", "{frame}");
    assert_eq!(v["code"], "bad_request", "{frame}");
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
