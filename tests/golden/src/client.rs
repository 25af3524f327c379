//! A plain HTTP client for the golden exchanges: JSON in, status, headers and bytes out.

use bytes::Bytes;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as Inner;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

/// An answer.
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
}

/// Calls one server at `base` (`http://127.0.0.1:PORT`).
#[derive(Clone)]
pub struct Client {
    base: String,
    http: Inner<HttpConnector, Full<Bytes>>,
}

impl Client {
    /// A client of the server at `base`.
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into(),
            http: Inner::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// `method path` with a bearer token and a JSON body when given; raw bytes with `raw`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Answer {
        let bytes = body.map(|b| Bytes::from(b.to_string()));
        self.send(method, path, token, bytes, body.is_some()).await
    }

    /// `POST path` with raw bytes as the body.
    pub async fn upload(&self, path: &str, token: &str, bytes: &[u8]) -> Answer {
        let body = Some(Bytes::copy_from_slice(bytes));
        self.send(Method::POST, path, Some(token), body, false)
            .await
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Bytes>,
        json: bool,
    ) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        if json {
            req = req.header("content-type", "application/json");
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
        Answer {
            status,
            headers,
            bytes,
        }
    }
}
