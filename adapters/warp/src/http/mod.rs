//! The HTTP API of protocol v1 as warp filters.

mod admin;
mod blocks;
mod bots;
mod challenge;
mod conversations;
pub mod errors;
mod export;
pub(crate) mod extract;
mod files;
mod follows;
mod health;
mod message_changes;
mod messages;
mod openapi;
mod pins;
mod presence;
mod reports;
mod search;
mod sessions;
mod sync;
mod threads;
mod upload_body;
mod users;
mod webhooks;

use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::Filter;

use crate::Edge;

/// Every HTTP route of protocol v1 (`/api/v1/...`, `/healthz`, `/metrics`), with errors
/// already turned into their JSON form. Mount it inside another warp app as is, or under
/// a prefix with `warp::path("chat").and(routes(edge))`.
pub fn routes(edge: Edge) -> BoxedFilter<(Response,)> {
    let api = warp::path("api").and(warp::path("v1")).and(
        users::routes(&edge)
            .or(export::routes(&edge))
            .unify()
            .or(sessions::routes(&edge))
            .unify()
            .or(challenge::routes(&edge))
            .unify()
            .or(conversations::routes(&edge))
            .unify()
            .or(messages::routes(&edge))
            .unify()
            .or(message_changes::routes(&edge))
            .unify()
            .or(threads::routes(&edge))
            .unify()
            .or(follows::routes(&edge))
            .unify()
            .or(pins::routes(&edge))
            .unify()
            .or(search::routes(&edge))
            .unify()
            .or(sync::routes(&edge))
            .unify()
            .or(presence::routes(&edge))
            .unify()
            .or(files::routes(&edge))
            .unify()
            .or(admin::routes(&edge))
            .unify()
            .or(bots::routes(&edge))
            .unify()
            .or(blocks::routes(&edge))
            .unify()
            .or(reports::routes(&edge))
            .unify()
            .or(webhooks::routes(&edge))
            .unify()
            .or(openapi::routes())
            .unify(),
    );
    let counted = edge.clone();
    let metrics = edge.metrics.clone();
    api.or(webhooks::post(&edge))
        .unify()
        .or(health::routes(&edge))
        .unify()
        .recover(move |r| errors::recover(r, metrics.clone()))
        .unify()
        .map(move |resp: Response| {
            counted
                .metrics
                .http_requests_total
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            resp
        })
        .boxed()
}
