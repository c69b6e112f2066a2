//! The operator's endpoints: `/livez` (a render that does not finish),
//! `/metrics` (token, figures).

use super::*;
use crate::liveness::{self, Renders};
use axum::routing::get as route_get;
use std::time::Duration;

/// An instance whose renders count as stuck after `deadline`, and the
/// handle on its renders.
fn instance_with_deadline(t: &TestDb, deadline: Duration) -> (Router, Renders) {
    let state = test_state(&t.db);
    let renders = state.kept.get::<Renders>().expect("the renders are kept").clone();
    let options = RouterOptions {
        render_deadline: deadline,
        ..Default::default()
    };
    (router::build(state, options), renders)
}

/// A page that blocks its worker thread for `hold` (as a render caught
/// in leptos-rs/leptos#4673 does, for good), tracked like the app's pages.
fn blocking_page(renders: &Renders, hold: Duration) -> Router {
    Router::new()
        .route(
            "/haller-fast",
            route_get(move || async move {
                std::thread::sleep(hold);
                "klar"
            }),
        )
        .layer(axum::middleware::from_fn_with_state(
            renders.clone(),
            liveness::track_renders,
        ))
}

async fn probe(router: &Router, path: &str) -> (StatusCode, Value) {
    let res = tokio::time::timeout(
        Duration::from_secs(20),
        router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()),
    )
    .await
    .expect("the probe answers")
    .unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn livez_renders_a_page_and_fails_while_a_render_is_stuck_though_readyz_passes() {
    let t = test_db().await;
    let (router, renders) = instance_with_deadline(&t, Duration::from_millis(1500));
    let (status, body) = probe(&router, "/livez").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "live");

    // One worker of two is held inside a tracked render for 4 s.
    let stuck = blocking_page(&renders, Duration::from_secs(4));
    let held = tokio::spawn(stuck.oneshot(Request::get("/haller-fast").body(Body::empty()).unwrap()));
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let (status, body) = probe(&router, "/livez").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["status"], "render_stuck");
    assert_eq!(body["renders_running"], 1);
    assert!(body["oldest_render_seconds"].as_f64().unwrap() > 1.5, "{body}");
    let (status, body) = probe(&router, "/readyz").await;
    assert_eq!(status, StatusCode::OK, "readiness asks the database only: {body}");

    // Once the render ends, the instance is live again.
    let res = held.await.unwrap().unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let _ = axum::body::to_bytes(res.into_body(), 1024).await;
    let (status, body) = probe(&router, "/livez").await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn livez_fails_when_no_worker_takes_the_probe_render_in_time() {
    let t = test_db().await;
    let (router, renders) = instance_with_deadline(&t, Duration::from_millis(1000));
    // Both workers blocked, not yet past the deadline: the probe page
    // cannot render.
    let stuck = blocking_page(&renders, Duration::from_millis(2500));
    let held: Vec<_> = (0..2)
        .map(|_| {
            tokio::spawn(
                stuck
                    .clone()
                    .oneshot(Request::get("/haller-fast").body(Body::empty()).unwrap()),
            )
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The probe runs on this (test) thread; its render needs a worker.
    let (status, body) = probe(&router, "/livez").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(
        matches!(body["status"].as_str(), Some("render_timeout" | "render_stuck")),
        "{body}"
    );
    for h in held {
        h.await.unwrap().unwrap();
    }
}

/// The sum of a metric's samples whose labels include all of `labels`.
fn figure(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once(' '))
        .filter(|(series, _)| {
            let (metric, rest) = series.split_once('{').unwrap_or((series, ""));
            metric == name && labels.iter().all(|(k, v)| rest.contains(&format!("{k}=\"{v}\"")))
        })
        .filter_map(|(_, value)| value.parse::<f64>().ok())
        .sum()
}

async fn scrape(router: &Router, token: &str) -> String {
    let res = router
        .clone()
        .oneshot(
            Request::get("/metrics")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let bytes = axum::body::to_bytes(res.into_body(), 4 << 20).await.unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_answer_only_the_token_and_count_requests_logins_and_orders() {
    let app = spawn_app().await;
    let token = "4f0c1e5b9a7d2c8e6b3a1f0d9c8b7a6e";
    let router = router::build(
        test_state(&app.t.db),
        RouterOptions {
            metrics_token: Some(token.into()),
            ..Default::default()
        },
    );
    let app = TestApp { router, t: app.t };

    // Without the token, or with another, nothing is told.
    let r = get(&app, "/metrics").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(!r.body.contains("avrop_"));
    let r = get_with(&app, "/metrics", ("authorization", "Bearer fel")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // A session is not a token: the figures are the operator's.
    let anna = login_as(&app, "anna.lindqvist").await;
    let r = get_with(&app, "/metrics", ("cookie", &anna)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let before = scrape(&app.router, token).await;
    let r = login(&app, "anna.lindqvist", "fel-lösenord").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let body = annas_order(&app, &anna, "DL-WD22TB4", 1).await;
    let created = send(&app, post_order(&anna, "metrics-1", &body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let again = send(&app, post_order(&anna, "metrics-1", &body)).await;
    assert_eq!(again.status, StatusCode::CREATED);
    let page = get_with(&app, "/katalog", ("cookie", &anna)).await;
    assert_eq!(page.status, StatusCode::OK);
    let after = scrape(&app.router, token).await;

    // Counters are the process' (other tests run beside this one): each
    // grew by at least what this test did.
    let grew = |name: &str, labels: &[(&str, &str)]| figure(&after, name, labels) - figure(&before, name, labels);
    assert!(grew("avrop_login_failures_total", &[("reason", "wrong_credentials")]) >= 1.0);
    assert!(grew("avrop_orders_submitted_total", &[]) >= 1.0);
    assert!(
        grew(
            "avrop_http_requests_total",
            &[("method", "POST"), ("route", "/api/v1/orders"), ("status", "201")]
        ) >= 2.0
    );
    assert!(grew("avrop_http_requests_total", &[("route", "/katalog"), ("status", "200")]) >= 1.0);
    assert!(
        figure(
            &after,
            "avrop_http_request_duration_seconds_count",
            &[("route", "/katalog")]
        ) >= 1.0
    );
    // A path no route has is one label, whatever the path.
    let _ = get(&app, "/finns/inte/123").await;
    let _ = get(&app, "/finns/inte/456").await;
    let text = scrape(&app.router, token).await;
    assert!(!text.contains("/finns/inte"), "unmatched paths are not labels");
    // The gauges read when scraped.
    assert!(figure(&text, "avrop_db_pool_max_connections", &[]) >= 1.0);
    assert!(text.contains("avrop_db_pool_connections{state=\"in_use\"}"));
    assert!(text.contains("avrop_jobs_due"));
    assert!(text.contains("avrop_renders_running"));
    assert!(text.contains("# HELP avrop_orders_submitted_total"));
}

#[tokio::test]
async fn without_a_token_metrics_are_not_served_on_the_apps_address_but_on_their_own() {
    let t = test_db().await;
    let state = test_state(&t.db);
    let router = router::build(state.clone(), RouterOptions::default());
    let (status, _) = probe(&router, "/metrics").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let own = crate::metrics::listener(state);
    let res = own
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(res.into_body(), 4 << 20).await.unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("avrop_db_pool_max_connections"));
}
