//! Every HTTP answer checked against the OpenAPI document: the operation exists, the
//! status is one it documents, and a JSON body validates against the documented schema.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde_json::{json, Value};

struct Document {
    doc: Value,
    /// Compiled validators by JSON pointer of their schema.
    validators: Mutex<HashMap<String, std::sync::Arc<jsonschema::Validator>>>,
}

fn document() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| Document {
        doc: serde_json::from_str(&chat_protocol::openapi::json()).expect("the document is JSON"),
        validators: Mutex::new(HashMap::new()),
    })
}

/// The operation for `method path` (a query string is ignored, and a trailing slash, as
/// the server does): its JSON pointer in the document, or `None` when no documented path
/// and method match.
pub fn operation(method: &str, path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or(path);
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    let paths = document().doc["paths"].as_object()?;
    let template = paths.keys().find(|t| {
        let ts: Vec<&str> = t.split('/').collect();
        ts.len() == segments.len()
            && ts
                .iter()
                .zip(&segments)
                .all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
    })?;
    let method = method.to_ascii_lowercase();
    paths[template].get(&method)?;
    Some(format!(
        "/paths/{}/{method}",
        template.replace('~', "~0").replace('/', "~1")
    ))
}

/// Checks one answer. Panics, naming what is wrong, when the document does not describe
/// it: an undocumented route (answered other than with a 404 error), an undocumented
/// status, or a JSON body that does not match its schema.
pub fn check(method: &str, path: &str, status: u16, body: &[u8]) {
    let at = format!("{method} {path} answered {status}");
    let Some(op) = operation(method, path) else {
        // No such route: the server's own 404 error.
        assert_eq!(status, 404, "{at}: not in the OpenAPI document");
        return validate(&at, "/components/schemas/ErrorBody", body);
    };
    let doc = &document().doc;
    let responses = &doc.pointer(&op).expect("the operation")["responses"];
    let key = if responses.get(status.to_string()).is_some() {
        status.to_string()
    } else if responses.get("default").is_some() && status >= 400 {
        "default".to_owned()
    } else {
        panic!("{at}: status not documented for {op}");
    };
    let content = &responses[&key]["content"];
    match content.as_object() {
        None => assert!(
            body.is_empty(),
            "{at}: documented without a body, answered one"
        ),
        Some(types) if types.contains_key("application/json") => {
            let pointer = format!("{op}/responses/{key}/content/application~1json/schema");
            validate(&at, &pointer, body)
        }
        Some(_) => {} // bytes or text: no schema to check
    }
}

fn validate(at: &str, pointer: &str, body: &[u8]) {
    let value: Value = serde_json::from_slice(body).unwrap_or_else(|e| {
        panic!(
            "{at}: the body is not JSON ({e}): {}",
            String::from_utf8_lossy(body)
        )
    });
    let validator = validator(pointer);
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{at}: the body does not match {pointer}:\n{}\n{value}",
        errors.join("\n")
    );
}

fn validator(pointer: &str) -> std::sync::Arc<jsonschema::Validator> {
    let d = document();
    let mut cache = d.validators.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(v) = cache.get(pointer) {
        return v.clone();
    }
    // The schema, with the document's components beside it so its $refs resolve.
    let schema = d.doc.pointer(pointer).expect("a schema").clone();
    let mut root = json!({"components": d.doc["components"]});
    match schema {
        Value::Object(fields) => root.as_object_mut().expect("an object").extend(fields),
        other => root = other,
    }
    let compiled = std::sync::Arc::new(
        jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("{pointer}: {e}")),
    );
    cache.insert(pointer.to_owned(), compiled.clone());
    compiled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_found_by_template_and_method() {
        assert!(operation(
            "GET",
            "/api/v1/conversations/5f1c2e9a-8d3b-4c7e-9a61-2b7d4e0f9c11/messages?limit=3"
        )
        .is_some());
        assert!(operation("POST", "/api/v1/conversations/x/messages/7/reactions").is_some());
        assert!(operation("PUT", "/api/v1/conversations").is_none());
        assert!(operation("GET", "/api/v1/nowhere").is_none());
    }

    #[test]
    fn a_body_that_breaks_its_schema_is_caught() {
        let ok = br#"{"id":"5f1c2e9a-8d3b-4c7e-9a61-2b7d4e0f9c11","username":"a","display_name":"a","created_at":"2026-01-01T00:00:00Z"}"#;
        check("POST", "/api/v1/users", 201, ok);
        let missing = br#"{"id":"5f1c2e9a-8d3b-4c7e-9a61-2b7d4e0f9c11","username":"a"}"#;
        let caught = std::panic::catch_unwind(|| check("POST", "/api/v1/users", 201, missing));
        assert!(caught.is_err(), "a USER without display_name passes");
        let caught = std::panic::catch_unwind(|| check("POST", "/api/v1/users", 202, ok));
        assert!(caught.is_err(), "an undocumented status passes");
        check(
            "POST",
            "/api/v1/users",
            409,
            br#"{"error":{"code":"conflict","message":"taken"}}"#,
        );
    }
}
