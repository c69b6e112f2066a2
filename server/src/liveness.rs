//! Liveness that renders (`/livez`).
//!
//! A Tokio worker can block for good inside Leptos' reactive graph while it
//! renders a page (the shape of leptos-rs/leptos#4673: about once in four
//! million pages). The instance then goes on answering on its other workers
//! until it stops answering at all, and `/readyz`, which asks the database,
//! sees nothing. So every page render is tracked from its request until its
//! body has been sent ([`track_renders`]), and `/livez` fails when one has
//! run longer than the render deadline. It also renders a small real page
//! (the login page, through the same Leptos routes) and fails when that does
//! not finish within the deadline: a pool whose workers are all stuck takes
//! no new work.

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::{Json, Router};
use futures::StreamExt;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The page `/livez` renders: public, small, and the same for everyone.
pub const PROBE_PAGE: &str = "/logga-in";

/// Longest wait for the probe page, whatever the render deadline: a load
/// balancer's health check times out after a few seconds.
const PROBE_DEADLINE: Duration = Duration::from_secs(3);

/// The page renders running on this instance, with when each started.
/// A cheap handle: clones share the same set.
#[derive(Clone, Default)]
pub struct Renders(Arc<Inner>);

#[derive(Default)]
struct Inner {
    next: AtomicU64,
    running: Mutex<HashMap<u64, Instant>>,
}

impl Renders {
    /// Counts a render as running until the guard is dropped.
    pub fn start(&self) -> RenderGuard {
        let id = self.0.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(id, Instant::now());
        RenderGuard {
            renders: self.clone(),
            id,
        }
    }

    /// How many renders are running, and how long the oldest has.
    pub fn running(&self) -> (usize, Option<Duration>) {
        let running = self.lock();
        let oldest = running.values().min().map(|started| started.elapsed());
        (running.len(), oldest)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Instant>> {
        // A panic while the map was held leaves it whole (inserts and
        // removes of single entries): go on with it.
        self.0.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running render; dropping it ends it.
pub struct RenderGuard {
    renders: Renders,
    id: u64,
}

impl Drop for RenderGuard {
    fn drop(&mut self) {
        self.renders.lock().remove(&self.id);
    }
}

/// Middleware for the page routes: a render runs from the request until
/// its (streamed) body has been sent or dropped.
pub async fn track_renders(State(renders): State<Renders>, req: Request<Body>, next: Next) -> Response {
    let guard = renders.start();
    let res = next.run(req).await;
    let (parts, body) = res.into_parts();
    let body = body.into_data_stream().map(move |chunk| {
        let _running = &guard;
        chunk
    });
    Response::from_parts(parts, Body::from_stream(body))
}

/// What `/livez` needs: the renders and a router that renders pages.
#[derive(Clone)]
pub struct Probe {
    pub renders: Renders,
    /// The page routes with the identity layer, as a visitor reaches them.
    pub pages: Router,
    /// A render running longer than this is stuck.
    pub deadline: Duration,
}

/// `GET /livez`: 200 while renders finish; 503 when one is stuck or the
/// probe page does not render in time.
pub async fn livez(State(probe): State<Probe>) -> (StatusCode, Json<Value>) {
    let (running, oldest) = probe.renders.running();
    if let Some(oldest) = oldest.filter(|age| *age > probe.deadline) {
        tracing::error!(
            seconds = oldest.as_secs_f64(),
            running,
            "liveness: a page render is stuck; restart this instance"
        );
        return unavailable("render_stuck", running, Some(oldest));
    }
    let deadline = probe.deadline.min(PROBE_DEADLINE);
    let pages = probe.pages.clone();
    // On a task of its own, so that a render that blocks its worker cannot
    // block this answer too.
    let mut render = tokio::spawn(async move {
        let req = Request::get(PROBE_PAGE).body(Body::empty()).ok()?;
        let res = pages.oneshot(req).await.ok()?;
        let ok = res.status() == StatusCode::OK;
        let body = axum::body::to_bytes(res.into_body(), 4 << 20).await.ok()?;
        Some(ok && !body.is_empty())
    });
    let rendered = tokio::time::timeout(deadline, &mut render).await;
    if rendered.is_err() {
        // A probe waiting for a worker does not pile up behind the next.
        render.abort();
    }
    match rendered {
        Ok(Ok(Some(true))) => (
            StatusCode::OK,
            Json(json!({ "status": "live", "renders_running": running })),
        ),
        Ok(_) => {
            tracing::error!(page = PROBE_PAGE, "liveness: the probe page did not render");
            unavailable("render_failed", running, oldest)
        }
        Err(_) => {
            tracing::error!(
                page = PROBE_PAGE,
                ?deadline,
                "liveness: the probe page did not render in time"
            );
            unavailable("render_timeout", running, oldest)
        }
    }
}

fn unavailable(status: &str, running: usize, oldest: Option<Duration>) -> (StatusCode, Json<Value>) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({
            "status": status,
            "renders_running": running,
            "oldest_render_seconds": oldest.map(|d| d.as_secs_f64()),
        })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_counts_until_its_guard_is_dropped_and_the_oldest_is_reported() {
        let renders = Renders::default();
        assert_eq!(renders.running(), (0, None));
        let first = renders.start();
        std::thread::sleep(Duration::from_millis(20));
        let second = renders.start();
        let (n, oldest) = renders.running();
        assert_eq!(n, 2);
        assert!(oldest.is_some_and(|d| d >= Duration::from_millis(20)));
        drop(first);
        let (n, oldest) = renders.running();
        assert_eq!(n, 1);
        assert!(oldest.is_some_and(|d| d < Duration::from_millis(20)));
        drop(second);
        assert_eq!(renders.running(), (0, None));
    }
}
