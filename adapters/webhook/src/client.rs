//! The one HTTP client every outgoing call goes through: `https://` with rustls, trusting
//! the system's roots and any CA the operator adds; `http://` as it is.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rustls::RootCertStore;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

/// The most of an answer that is read: verdicts for a run of 64 sends, each replacing its
/// body with 5,000 characters escaped at their longest, fit.
const MAX_ANSWER: usize = 4 * 1024 * 1024;

/// What a receiver answered.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The status.
    pub status: http::StatusCode,
    /// The body (at most 4 MiB: a longer answer is a failure).
    pub body: Bytes,
}

/// An HTTP(S) client with its pool of connections; cheap to clone, shared by every
/// outgoing kind of call.
#[derive(Clone)]
pub struct Outgoing {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl Outgoing {
    /// A client trusting the system's roots, and the certificates in `extra_ca_pem` (a
    /// PEM file's bytes, one or more CA certificates) when given.
    ///
    /// # Errors
    /// When `extra_ca_pem` holds no certificate or one rustls refuses.
    pub fn new(extra_ca_pem: Option<&[u8]>) -> Result<Self, String> {
        let mut roots = RootCertStore::empty();
        let system = rustls_native_certs::load_native_certs();
        for e in &system.errors {
            tracing::debug!(error = %e, "a system certificate could not be read");
        }
        let (_, refused) = roots.add_parsable_certificates(system.certs);
        if refused > 0 {
            tracing::debug!(refused, "system certificates rustls refused");
        }
        if let Some(pem) = extra_ca_pem {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem)
                .collect::<Result<_, _>>()
                .map_err(|e| format!("the extra CA file: {e}"))?;
            if certs.is_empty() {
                return Err("the extra CA file holds no PEM certificate".into());
            }
            for cert in certs {
                roots
                    .add(cert)
                    .map_err(|e| format!("the extra CA file: {e}"))?;
            }
        }
        if roots.is_empty() {
            // http:// receivers still work; say why https:// ones will not.
            tracing::warn!("no trusted roots (no system CA certificates, no extra CA file): https:// calls will fail");
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).build(https);
        Ok(Self { client })
    }

    /// POSTs `body` as JSON with `headers`; the answer (any status) or why none came
    /// within `timeout`.
    ///
    /// # Errors
    /// The connection, TLS or timeout failure, in words.
    pub async fn post_json(
        &self,
        url: &http::Uri,
        headers: &[(&'static str, String)],
        body: Bytes,
        timeout: Duration,
    ) -> Result<Answer, String> {
        let mut request =
            http::Request::post(url.clone()).header(http::header::CONTENT_TYPE, "application/json");
        for (name, value) in headers {
            request = request.header(*name, value.as_str());
        }
        let request = request.body(Full::new(body)).map_err(|e| e.to_string())?;
        let exchange = async {
            let response = self.client.request(request).await.map_err(describe)?;
            let status = response.status();
            let body = Limited::new(response.into_body(), MAX_ANSWER)
                .collect()
                .await
                .map(|b| b.to_bytes())
                .map_err(|e| format!("reading the answer (at most {MAX_ANSWER} bytes): {e}"))?;
            Ok(Answer { status, body })
        };
        tokio::time::timeout(timeout, exchange)
            .await
            .unwrap_or_else(|_| Err(format!("no answer within {timeout:?}")))
    }
}

/// A client error with its causes (hyper's own text hides the TLS reason).
fn describe(e: hyper_util::client::legacy::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A receiver's URL, checked: `http://` or `https://` with a host.
///
/// # Errors
/// What is wrong with it, naming `setting`.
pub fn receiver_url(setting: &str, url: &str) -> Result<http::Uri, String> {
    let uri: http::Uri = url.parse().map_err(|e| format!("{setting} {url:?}: {e}"))?;
    match (uri.scheme_str(), uri.host()) {
        (Some("http" | "https"), Some(_)) => Ok(uri),
        _ => Err(format!(
            "{setting} {url:?}: give an http:// or https:// URL with a host"
        )),
    }
}
