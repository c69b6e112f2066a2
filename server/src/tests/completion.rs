//! A request runs to its end when its client leaves (`router::run_to_completion`).

use crate::router::run_to_completion;
use axum::body::Body;
use axum::http::Request;
use axum::middleware;
use axum::routing::get;
use axum::Router;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{oneshot, Notify};
use tower::ServiceExt;

/// A handler that says when it has started, then waits to be released and
/// marks itself done; with or without the layer under test.
struct Probe {
    started: oneshot::Receiver<()>,
    release: Arc<Notify>,
    done: Arc<AtomicBool>,
    router: Router,
}

fn probe(to_completion: bool) -> Probe {
    let (started_tx, started) = oneshot::channel();
    let started_tx = Arc::new(Mutex::new(Some(started_tx)));
    let release = Arc::new(Notify::new());
    let done = Arc::new(AtomicBool::new(false));
    let handler = {
        let (release, done) = (release.clone(), done.clone());
        move || async move {
            if let Some(tx) = started_tx.lock().expect("not poisoned").take() {
                let _ = tx.send(());
            }
            release.notified().await;
            done.store(true, Ordering::SeqCst);
            "klar"
        }
    };
    let mut router = Router::new().route("/", get(handler));
    if to_completion {
        router = router.layer(middleware::from_fn(run_to_completion));
    }
    Probe {
        started,
        release,
        done,
        router,
    }
}

/// Sends a request, drops it once the handler has started (the client
/// leaves), releases the handler; answers whether the handler got to its
/// end within a second.
async fn client_leaves(p: Probe) -> bool {
    let req = Request::get("/").body(Body::empty()).expect("request");
    let client = tokio::spawn(p.router.oneshot(req));
    p.started.await.expect("the handler started");
    client.abort();
    let _ = client.await;
    p.release.notify_one();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    while tokio::time::Instant::now() < deadline {
        if p.done.load(Ordering::SeqCst) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    false
}

#[tokio::test]
async fn a_request_whose_client_leaves_still_runs_to_its_end() {
    assert!(
        client_leaves(probe(true)).await,
        "the handler was cut off with its client"
    );
}

#[tokio::test]
async fn without_it_the_handler_is_cut_off_with_its_client() {
    // What the layer is for: the same request, dropped, stops where it was.
    assert!(
        !client_leaves(probe(false)).await,
        "the handler ran on without the layer"
    );
}

async fn panics() -> &'static str {
    panic!("avsiktligt")
}

#[tokio::test]
async fn a_panicking_handler_still_panics_through_it() {
    let router = Router::new()
        .route("/", get(panics))
        .layer(middleware::from_fn(run_to_completion));
    let req = Request::get("/").body(Body::empty()).expect("request");
    let outcome = tokio::spawn(router.oneshot(req)).await;
    let err = outcome.expect_err("the panic reaches the caller's task");
    assert!(err.is_panic());
}
