//! The built-in web client (`/`) and admin page (`/admin`) of protocol v1: plain HTML,
//! CSS and JavaScript, embedded in the binary so the server needs no build step and no
//! CDN. The pages talk to the server only through the public protocol (HTTP + `/ws`), so
//! they are also a worked example of a client.
//!
//! ```no_run
//! # use warp::Filter;
//! # fn mount(api: warp::filters::BoxedFilter<(warp::reply::Response,)>) {
//! // Pages first: the API's routes answer every other path with a JSON 404.
//! let all = chat_adapter_web::pages().or(api).unify().boxed();
//! # }
//! ```

use http::header::{self, HeaderValue};
use warp::filters::BoxedFilter;
use warp::reply::{Reply, Response};
use warp::Filter;

/// What the pages may load: only their own scripts, workers and styles, images from the
/// server or from blobs (downloaded files are fetched with the token, then shown from
/// memory), and connections back to the server. No inline script, so injected markup
/// cannot run.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     worker-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The policy with a captcha widget's origins allowed too: its script, its frame, and
/// the calls and styles it makes (hCaptcha, Turnstile and reCAPTCHA all need these).
/// Origins that are not plain `https://host[:port]` are left out.
pub fn policy_allowing(widget_origins: &[String]) -> String {
    let origins: Vec<&str> = widget_origins
        .iter()
        .map(String::as_str)
        .filter(|o| {
            o.strip_prefix("https://").is_some_and(|h| {
                !h.is_empty()
                    && h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
            })
        })
        .collect();
    if origins.is_empty() {
        return CONTENT_SECURITY_POLICY.to_owned();
    }
    let o = origins.join(" ");
    format!(
        "default-src 'none'; script-src 'self' {o}; worker-src 'self'; frame-src {o}; \
         style-src 'self' {o}; img-src 'self' blob: data:; connect-src 'self' {o}; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

/// One embedded file.
struct Asset {
    path: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const JS: &str = "text/javascript; charset=utf-8";

/// A script asset.
const fn js(path: &'static str, body: &'static str) -> Asset {
    Asset {
        path,
        content_type: JS,
        body,
    }
}

const ASSETS: &[Asset] = &[
    Asset {
        path: "style.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("../assets/style.css"),
    },
    js("common.js", include_str!("../assets/common.js")),
    js("chat.js", include_str!("../assets/chat.js")),
    js("live.js", include_str!("../assets/live.js")),
    js("sessions.js", include_str!("../assets/sessions.js")),
    js("webhooks.js", include_str!("../assets/webhooks.js")),
    js("blocking.js", include_str!("../assets/blocking.js")),
    js("pow.js", include_str!("../assets/pow.js")),
    js("pow-worker.js", include_str!("../assets/pow-worker.js")),
    js("challenge.js", include_str!("../assets/challenge.js")),
    js("admin.js", include_str!("../assets/admin.js")),
    js("bots.js", include_str!("../assets/bots.js")),
    js("reports.js", include_str!("../assets/reports.js")),
];

/// The TypeScript client library (`clients/typescript/src`), which the chat page runs
/// on, served as it is under `/assets/chat-client/`.
const CLIENT_LIBRARY: &[Asset] = &[
    js(
        "index.js",
        include_str!("../../../clients/typescript/src/index.js"),
    ),
    js(
        "api.js",
        include_str!("../../../clients/typescript/src/api.js"),
    ),
    js(
        "backoff.js",
        include_str!("../../../clients/typescript/src/backoff.js"),
    ),
    js(
        "catch-up.js",
        include_str!("../../../clients/typescript/src/catch-up.js"),
    ),
    js(
        "engine.js",
        include_str!("../../../clients/typescript/src/engine.js"),
    ),
    js(
        "store.js",
        include_str!("../../../clients/typescript/src/store.js"),
    ),
    js(
        "timeline.js",
        include_str!("../../../clients/typescript/src/timeline.js"),
    ),
    js(
        "wire.js",
        include_str!("../../../clients/typescript/src/wire.js"),
    ),
];

const INDEX: &str = include_str!("../assets/index.html");
const ADMIN: &str = include_str!("../assets/admin.html");
const HTML: &str = "text/html; charset=utf-8";

/// `GET /` (the chat), `GET /admin` (the admin page) and `GET /assets/{file}`. Anything
/// else is rejected, so the filter can sit in front of the API routes.
pub fn pages() -> BoxedFilter<(Response,)> {
    pages_allowing(&[])
}

/// [`pages`] under [`policy_allowing`] these captcha widget origins.
pub fn pages_allowing(widget_origins: &[String]) -> BoxedFilter<(Response,)> {
    let policy = HeaderValue::from_str(&policy_allowing(widget_origins))
        .unwrap_or_else(|_| HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    let (p1, p2, p3, p4) = (policy.clone(), policy.clone(), policy.clone(), policy);
    let index = warp::path::end().map(move || page(HTML, INDEX, &p1));
    let admin = warp::path!("admin").map(move || page(HTML, ADMIN, &p2));
    let assets = warp::path!("assets" / String)
        .and_then(move |name: String| serve(ASSETS, name, p3.clone()));
    let library = warp::path!("assets" / "chat-client" / String)
        .and_then(move |name: String| serve(CLIENT_LIBRARY, name, p4.clone()));
    warp::get()
        .and(
            index
                .or(admin)
                .unify()
                .or(assets)
                .unify()
                .or(library)
                .unify(),
        )
        .boxed()
}

/// The asset of `set` named `name`, or a rejection for the next filter.
async fn serve(
    set: &'static [Asset],
    name: String,
    policy: HeaderValue,
) -> Result<Response, warp::Rejection> {
    set.iter()
        .find(|a| a.path == name)
        .map(|a| page(a.content_type, a.body, &policy))
        .ok_or_else(warp::reject::not_found)
}

fn page(content_type: &'static str, body: &'static str, policy: &HeaderValue) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_SECURITY_POLICY, policy.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Small files, embedded per build: revalidate each time rather than serve stale code
    // after an upgrade.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn pages_and_assets_are_served_with_their_type_and_the_policy() {
        for (path, ty) in [
            ("/", HTML),
            ("/admin", HTML),
            ("/assets/chat.js", "text/javascript; charset=utf-8"),
            (
                "/assets/chat-client/engine.js",
                "text/javascript; charset=utf-8",
            ),
            ("/assets/style.css", "text/css; charset=utf-8"),
        ] {
            let resp = warp::test::request().path(path).reply(&pages()).await;
            assert_eq!(resp.status(), 200, "{path}");
            assert_eq!(resp.headers()[header::CONTENT_TYPE], ty, "{path}");
            assert_eq!(
                resp.headers()[header::CONTENT_SECURITY_POLICY],
                CONTENT_SECURITY_POLICY
            );
            assert_eq!(resp.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(!resp.body().is_empty());
        }
    }

    #[tokio::test]
    async fn other_paths_and_methods_are_left_to_the_next_filter() {
        let filter = pages();
        for path in [
            "/assets/nope.js",
            "/assets/../Cargo.toml",
            "/assets/chat-client/nope.js",
            "/assets/chat-client/../../Cargo.toml",
            "/assets/chat-client/chat.js",
            "/api/v1/me",
            "/x",
        ] {
            assert!(
                !warp::test::request().path(path).matches(&filter).await,
                "{path}"
            );
        }
        let post = warp::test::request().method("POST").path("/");
        assert!(!post.matches(&filter).await);
    }

    #[tokio::test]
    async fn a_widget_origin_is_allowed_only_when_given_and_only_if_plain() {
        let widget = vec![
            "https://js.hcaptcha.com".to_owned(),
            "https://x; script-src *".to_owned(),
        ];
        let resp = warp::test::request()
            .path("/")
            .reply(&pages_allowing(&widget))
            .await;
        let csp = resp.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self' https://js.hcaptcha.com;"),
            "{csp}"
        );
        assert!(csp.contains("frame-src https://js.hcaptcha.com;"), "{csp}");
        assert!(!csp.contains("*"), "{csp}");
        assert_eq!(policy_allowing(&[]), CONTENT_SECURITY_POLICY);
    }

    #[test]
    fn pages_load_no_inline_script_and_nothing_from_elsewhere() {
        for html in [INDEX, ADMIN] {
            assert!(
                !html.contains("<script>"),
                "inline scripts are blocked by the CSP"
            );
            assert!(!html.contains("http://") && !html.contains("https://"));
        }
    }
}
