//! The form an event takes between nodes: one JSON document per publish, holding the
//! event, its audience and the connection it skips.

use serde::{Deserialize, Serialize};

use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, UserId};

#[derive(Serialize, Deserialize)]
struct Wire<E> {
    event: E,
    audience: Vec<UserId>,
    skip: Option<ConnectionId>,
}

/// The payload published for `envelope`.
///
/// # Errors
/// The encoder's message, should an event ever fail to encode.
pub fn encode(envelope: &Envelope) -> Result<String, String> {
    let wire = Wire {
        event: &envelope.event,
        audience: envelope.audience.clone(),
        skip: envelope.skip_connection,
    };
    serde_json::to_string(&wire).map_err(|e| e.to_string())
}

/// The envelope a payload from another node carries.
///
/// # Errors
/// Why the payload is not an event.
pub fn decode(payload: &[u8]) -> Result<Envelope, String> {
    let w: Wire<DomainEvent> = serde_json::from_slice(payload).map_err(|e| e.to_string())?;
    Ok(Envelope::new(w.event, w.audience).skipping(w.skip))
}
