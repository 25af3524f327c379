//! `GET /api/v1/me/export`: the caller's data as one JSON document, streamed as it is
//! read (a page of history at a time), never built whole in memory.

use http::header::{HeaderValue, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use warp::filters::BoxedFilter;
use warp::reply::{Reply, Response};
use warp::{Filter, Rejection};

use chat_app::{Actor, AppError, Export};
use chat_protocol::server::export::ExportWriter;
use sync_wrapper::SyncStream;

use super::errors::reject;
use super::extract::{authenticated, with_edge};
use crate::edge::Slot;
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    warp::get()
        .and(warp::path!("me" / "export"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|edge: Edge, actor: Actor| async move {
            // An export reads a lot: it counts as one of the caller's transfers.
            let slot = edge.claim_transfer(actor.id()).ok_or_else(|| {
                reject(AppError::RateLimited {
                    retry_after: std::time::Duration::from_secs(1),
                })
            })?;
            let export = edge.app.export(&actor).await.map_err(reject)?;
            Ok::<_, Rejection>(response(export, slot))
        })
        .boxed()
}

/// The document, piece by piece. A storage failure part-way ends the body early: the
/// client gets a document that does not parse, never one that looks whole.
fn response(export: Export, slot: Slot) -> Response {
    let state = Some((export, ExportWriter::default(), slot));
    let chunks = futures_util::stream::unfold(state, |state| async move {
        let (mut export, mut writer, slot) = state?;
        match export.next().await {
            Ok(Some(part)) => {
                let text = writer.part(&part);
                Some((Ok(bytes::Bytes::from(text)), Some((export, writer, slot))))
            }
            Ok(None) => Some((
                Ok(bytes::Bytes::from_static(writer.finish().as_bytes())),
                None,
            )),
            Err(e) => {
                tracing::warn!(error = %e, "export cut short");
                Some((Err(e), None))
            }
        }
    });
    let mut resp = warp::reply::stream(SyncStream::new(chunks)).into_response();
    let h = resp.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"chat-export.json\""),
    );
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}
