//! `/metrics`: the instance's figures in Prometheus' text format.
//!
//! The app counts through the `metrics` facade (`app::metrics`: orders
//! submitted, login failures, background job runs); this module installs
//! the Prometheus recorder once per process, times every request by its
//! route template, and reads the gauges (database pool, jobs waiting,
//! page renders running) when scraped.
//!
//! Not public: on the app's own address `/metrics` answers only a caller
//! with `Authorization: Bearer <AVROP_METRICS_TOKEN>` (404 when no token
//! is set), and `AVROP_METRICS_LISTEN` serves it without a token on an
//! address of its own (an internal interface).

use crate::liveness::Renders;
use app::state::AppState;
use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

const REQUESTS: &str = "avrop_http_requests_total";
const REQUEST_SECONDS: &str = "avrop_http_request_duration_seconds";

/// The process' recorder, installed on first use. Several routers in one
/// process (tests) share it, as counters of one process should.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full(REQUEST_SECONDS.into()),
                &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0],
            )
            .map(|b| b.build_recorder())
            .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed: /metrics shows only its own figures");
        }
        describe();
        handle
    })
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(REQUESTS, "HTTP requests answered, by method, route template and status");
    describe_histogram!(
        REQUEST_SECONDS,
        Unit::Seconds,
        "Time to the response's headers, by method and route template"
    );
    describe_gauge!(
        "avrop_db_pool_connections",
        "Database connections of this instance's pool, by state"
    );
    describe_gauge!(
        "avrop_db_pool_max_connections",
        "The pool's largest size (AVROP_DB_MAX_CONNECTIONS)"
    );
    describe_gauge!(
        "avrop_jobs_due",
        "Background jobs due and not yet taken by any instance"
    );
    describe_gauge!("avrop_jobs_running", "Background jobs held by an instance now");
    describe_gauge!("avrop_renders_running", "Page renders running on this instance");
    describe_gauge!(
        "avrop_render_oldest_seconds",
        Unit::Seconds,
        "How long the oldest running page render has run (0 when none)"
    );
    app::metrics::describe();
}

/// Middleware: counts and times every request by its route template (the
/// app's files are `/pkg/{file}`; a request that matched no route is
/// `unmatched`, an unknown method `other`, so a client cannot grow the
/// label sets).
pub async fn track_requests(req: Request<Body>, next: Next) -> Response {
    let route = match req.extensions().get::<MatchedPath>() {
        Some(path) => path.as_str().to_owned(),
        None if req.uri().path().starts_with("/pkg/") => "/pkg/{file}".to_owned(),
        None => "unmatched".to_owned(),
    };
    let method = method_label(req.method());
    let started = Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!(REQUESTS, "method" => method, "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!(REQUEST_SECONDS, "method" => method, "route" => route).record(started.elapsed().as_secs_f64());
    res
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// What a scrape needs.
#[derive(Clone)]
pub struct Scrape {
    pub state: AppState,
    pub renders: Renders,
    /// `None`: only the separate listener serves the figures.
    pub token: Option<Arc<str>>,
}

/// `GET /metrics` on the app's address: the token's holder only.
pub async fn metrics_with_token(State(scrape): State<Scrape>, headers: HeaderMap) -> Response {
    let Some(token) = scrape.token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !bearer_matches(&headers, token) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "a metrics token is required\n",
        )
            .into_response();
    }
    render(&scrape).await
}

/// `GET /metrics` on the metrics listener (an internal address).
pub async fn metrics_open(State(scrape): State<Scrape>) -> Response {
    render(&scrape).await
}

/// Whether `Authorization: Bearer …` carries `token` (compared in constant
/// time, so the answer's timing does not tell how much of it matched).
fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    use subtle::ConstantTimeEq;
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
    else {
        return false;
    };
    given.len() == token.len() && bool::from(given.as_bytes().ct_eq(token.as_bytes()))
}

async fn render(scrape: &Scrape) -> Response {
    let handle = handle();
    gauges(scrape).await;
    handle.run_upkeep();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        handle.render(),
    )
        .into_response()
}

/// The figures read when scraped.
async fn gauges(scrape: &Scrape) {
    let pool = app::db::pool_status(&scrape.state.db);
    metrics::gauge!("avrop_db_pool_connections", "state" => "in_use").set(f64::from(pool.in_use));
    metrics::gauge!("avrop_db_pool_connections", "state" => "idle").set(f64::from(pool.idle));
    metrics::gauge!("avrop_db_pool_max_connections").set(f64::from(pool.max));
    match app::jobs::counts(&scrape.state.db, chrono::Utc::now()).await {
        Ok(counts) => {
            metrics::gauge!("avrop_jobs_due").set(counts.due as f64);
            metrics::gauge!("avrop_jobs_running").set(counts.running as f64);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the jobs could not be counted"),
    }
    let (running, oldest) = scrape.renders.running();
    metrics::gauge!("avrop_renders_running").set(running as f64);
    metrics::gauge!("avrop_render_oldest_seconds").set(oldest.map(|d| d.as_secs_f64()).unwrap_or(0.0));
}

/// The router of the metrics listener (`AVROP_METRICS_LISTEN`, an internal
/// address): `/metrics` without a token.
pub fn listener(state: AppState) -> axum::Router {
    handle();
    let renders = state.kept.get::<Renders>().cloned().unwrap_or_default();
    axum::Router::new()
        .route("/metrics", axum::routing::get(metrics_open))
        .with_state(Scrape {
            state,
            renders,
            token: None,
        })
}
