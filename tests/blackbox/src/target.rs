//! The server under test, by its base URL, with an HTTP client whose every answer is
//! checked against the OpenAPI document.

use bytes::Bytes;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::openapi;

/// A server speaking protocol v1 at `base`.
#[derive(Clone)]
pub struct Target {
    base: String,
    http: Client<HttpConnector, Full<Bytes>>,
}

/// An HTTP answer.
pub struct Answer {
    /// Its status.
    pub status: StatusCode,
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body.
    pub bytes: Bytes,
}

impl Answer {
    /// The body as JSON (`null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    /// The body as a protocol type, panicking (with the body) if it is not one.
    pub fn parse<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.bytes)))
    }

    /// The error code of an error answer.
    pub fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    /// Asserts the status, showing the body when it differs.
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "{}",
            String::from_utf8_lossy(&self.bytes)
        );
        self
    }
}

impl Target {
    /// The server whose protocol v1 paths start at `base` (`http://127.0.0.1:8080`, or
    /// `http://127.0.0.1:8091/chat` for a chat mounted under `/chat`).
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            http: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// The URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The WebSocket URL.
    pub fn ws_url(&self) -> String {
        self.url("/ws").replacen("http://", "ws://", 1)
    }

    /// `method path` with a bearer token and a JSON body when given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&impl Serialize>,
    ) -> Answer {
        let body = body.map(|b| serde_json::to_vec(b).expect("a body serialises"));
        self.send(
            method,
            path,
            token,
            body.map(Bytes::from),
            Some("application/json"),
        )
        .await
    }

    /// `method path` with raw bytes (of any content type, or none) as the body.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Bytes>,
        content_type: Option<&str>,
    ) -> Answer {
        let mut req = Request::builder()
            .method(method.clone())
            .uri(self.url(path));
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        if let (Some(ct), Some(_)) = (content_type, &body) {
            req = req.header("content-type", ct);
        }
        let req = req
            .body(Full::new(body.unwrap_or_default()))
            .expect("a valid request");
        let resp = self.http.request(req).await.expect("the server answers");
        let (status, headers) = (resp.status(), resp.headers().clone());
        let bytes = resp
            .into_body()
            .collect()
            .await
            .expect("a whole body")
            .to_bytes();
        openapi::check(method.as_str(), path, status.as_u16(), &bytes);
        Answer {
            status,
            headers,
            bytes,
        }
    }

    /// `GET path` as `token` with one more header.
    pub async fn get_with(&self, path: &str, token: &str, header: (&str, &str)) -> Answer {
        let req = Request::builder()
            .uri(self.url(path))
            .header("authorization", format!("Bearer {token}"))
            .header(header.0, header.1)
            .body(Full::new(Bytes::new()))
            .expect("a valid request");
        let resp = self.http.request(req).await.expect("the server answers");
        let (status, headers) = (resp.status(), resp.headers().clone());
        let bytes = resp
            .into_body()
            .collect()
            .await
            .expect("a whole body")
            .to_bytes();
        openapi::check("GET", path, status.as_u16(), &bytes);
        Answer {
            status,
            headers,
            bytes,
        }
    }

    /// `GET path` as `token`.
    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None::<&()>).await
    }

    /// `POST path` with a JSON body.
    pub async fn post(&self, path: &str, token: Option<&str>, body: &impl Serialize) -> Answer {
        self.call(Method::POST, path, token, Some(body)).await
    }
}
