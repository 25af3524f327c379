//! `POST /api/v1/files` (raw body, `?name=`) and `GET /api/v1/files/{id}` (with ranges).

use http::header::{
    HeaderValue, ACCEPT_RANGES, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_RANGE,
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::{Reply, Response};
use warp::{Filter, Rejection};

use chat_app::{Actor, AppError, ByteRange, Download};
use chat_domain::ids::FileId;
use chat_protocol::http::UploadQuery;
use chat_protocol::objects::FileInfo;
use chat_protocol::ErrorCode;
use sync_wrapper::SyncStream;

use super::errors::{closing, error_response, json, reject};
use super::extract::{authenticated, parse_id, with_edge};
use super::upload_body::BodySource;
use crate::edge::Slot;
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let upload = warp::post()
        .and(warp::path!("files"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<UploadQuery>())
        .and(warp::body::content_length_limit(
            edge.config.max_upload_bytes,
        ))
        .and(warp::body::stream())
        .then(
            |edge: Edge, actor: Actor, q: UploadQuery, body| async move {
                let Some(_slot) = edge.claim_transfer(actor.id()) else {
                    let e = too_many_transfers();
                    edge.metrics.error(ErrorCode::of(&e));
                    return error_response(&e);
                };
                let mut source = BodySource::new(body);
                match edge.app.upload_file_from(&actor, q.name, &mut source).await {
                    Ok(meta) => json(StatusCode::CREATED, &FileInfo::from(&meta)),
                    Err(e) => {
                        edge.metrics.error(ErrorCode::of(&e));
                        let resp = error_response(&e);
                        if source.timed_out {
                            closing(resp)
                        } else {
                            resp
                        }
                    }
                }
            },
        );
    let download = warp::get()
        .and(warp::path!("files" / String))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::header::optional::<String>("range"))
        .and_then(
            |id: String, edge: Edge, actor: Actor, range: Option<String>| async move {
                let id: FileId = parse_id(&id, "file_id")?;
                let range = range.as_deref().map_or(ByteRange::All, parse_range);
                let slot = edge
                    .claim_transfer(actor.id())
                    .ok_or_else(|| reject(too_many_transfers()))?;
                let d = edge
                    .app
                    .download_file(&actor, id, range)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(file_response(d, slot))
            },
        );
    upload.or(download).unify().boxed()
}

/// A user already running `max_transfers_per_user` uploads and downloads.
fn too_many_transfers() -> AppError {
    AppError::RateLimited {
        retry_after: std::time::Duration::from_secs(1),
    }
}

/// `bytes=N-M`, `bytes=N-` or `bytes=-N`; anything else (several ranges, other units)
/// is served whole, as HTTP allows.
fn parse_range(raw: &str) -> ByteRange {
    let Some(spec) = raw.trim().strip_prefix("bytes=") else {
        return ByteRange::All;
    };
    if spec.contains(',') {
        return ByteRange::All;
    }
    let Some((first, last)) = spec.split_once('-') else {
        return ByteRange::All;
    };
    match (first.trim().parse::<u64>(), last.trim().parse::<u64>()) {
        (Ok(f), Ok(l)) => ByteRange::Between(f, l),
        (Ok(f), Err(_)) if last.trim().is_empty() => ByteRange::From(f),
        (Err(_), Ok(n)) if first.trim().is_empty() => ByteRange::Last(n),
        _ => ByteRange::All,
    }
}

/// The bytes of a download as a body read chunk by chunk: a download holds one chunk in
/// memory however large the file. A read that fails ends the body early (the client
/// sees fewer bytes than `Content-Length` and can resume with a range).
fn body(download: Download, slot: Slot) -> impl Reply {
    // The transfer slot is held until the last chunk has been read.
    let chunks = futures_util::stream::unfold(Some((download, slot)), |state| async move {
        let (mut d, slot) = state?;
        match d.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok(bytes::Bytes::from(chunk)), Some((d, slot)))),
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(file = %d.meta.id, error = %e, "download cut short");
                Some((Err(e), None))
            }
        }
    });
    warp::reply::stream(SyncStream::new(chunks))
}

fn file_response(download: Download, slot: Slot) -> Response {
    let (meta, range, len) = (download.meta.clone(), download.range, download.len());
    let meta = &meta;
    let mut resp = body(download, slot).into_response();
    let h = resp.headers_mut();
    let set = |h: &mut http::HeaderMap, name, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    };
    set(h, CONTENT_TYPE, meta.content_type.clone());
    set(h, CONTENT_LENGTH, len.to_string());
    h.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    // Stored as sniffed; a browser must not guess otherwise, nor run what it shows.
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=86400"),
    );
    let disposition = if meta.is_image() {
        "inline"
    } else {
        "attachment"
    };
    let name = meta.name.as_deref().unwrap_or("file");
    set(
        h,
        CONTENT_DISPOSITION,
        format!("{disposition}; filename*=UTF-8''{}", percent_encode(name)),
    );
    if let Some((first, last)) = range {
        set(
            h,
            CONTENT_RANGE,
            format!("bytes {first}-{last}/{}", meta.size),
        );
        *resp.status_mut() = StatusCode::PARTIAL_CONTENT;
    }
    resp
}

/// RFC 5987 encoding: unreserved ASCII as is, every other byte as `%XX`.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_range_forms_and_serves_anything_else_whole() {
        assert_eq!(parse_range("bytes=0-99"), ByteRange::Between(0, 99));
        assert_eq!(parse_range("bytes=100-"), ByteRange::From(100));
        assert_eq!(parse_range("bytes=-500"), ByteRange::Last(500));
        assert_eq!(parse_range("bytes=0-1,5-6"), ByteRange::All);
        assert_eq!(parse_range("items=0-1"), ByteRange::All);
        assert_eq!(parse_range("bytes=x-y"), ByteRange::All);
    }

    #[test]
    fn encodes_names_for_the_header() {
        assert_eq!(percent_encode("照片 1.png"), "%E7%85%A7%E7%89%87%201.png");
    }
}
