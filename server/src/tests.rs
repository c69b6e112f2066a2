//! Router tests: the whole app in-process (`tower::ServiceExt::oneshot`) on a
//! fresh database, SQLite or PostgreSQL (`TEST_DATABASE_URL`).

use crate::router::{self, RouterOptions};
use app::state::AppState;
use app::testing::{test_db, TestDb};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use serde_json::Value;
use tower::ServiceExt;

struct TestApp {
    router: Router,
    t: TestDb,
}

async fn spawn_app() -> TestApp {
    let t = test_db().await;
    app::org::seed::seed_demo(&t.db).await.expect("demo data seeds");
    let leptos_options = LeptosOptions::builder()
        .output_name("avrop")
        .site_root("target/site")
        .build();
    let state = AppState {
        leptos_options,
        db: t.db.clone(),
    };
    TestApp {
        router: router::build(state, RouterOptions::default()),
        t,
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn get(app: &TestApp, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn send(app: &TestApp, req: Request<Body>) -> Reply {
    let uri = req.uri().clone();
    let res = tokio::time::timeout(std::time::Duration::from_secs(20), app.router.clone().oneshot(req))
        .await
        .unwrap_or_else(|_| panic!("{uri} did not answer within 20 s"))
        .expect("the router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 16 * 1024 * 1024).await.unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_says_ok_as_json() {
    let app = spawn_app().await;
    let r = get(&app, "/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_ready_while_the_database_answers_and_503_when_it_does_not() {
    let app = spawn_app().await;
    let r = get(&app, "/readyz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["database"], "ok");

    app.t.db.clone().close().await.unwrap();
    let r = get(&app, "/readyz").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.json()["status"], "unavailable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_openapi_3_and_every_listed_route_answers() {
    let app = spawn_app().await;
    let r = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{}", doc["openapi"]);
    assert_eq!(doc["info"]["title"], "Avrop API");
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.contains_key("/api/v1/org/units"));
    for (path, item) in paths {
        assert!(path.starts_with("/api/v1/"), "{path} is outside /api/v1");
        for (method, op) in item.as_object().unwrap() {
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path} documents no response"
            );
            if method == "get" && !path.contains('{') {
                let r = get(&app, path).await;
                assert_eq!(
                    r.status,
                    StatusCode::OK,
                    "GET {path} is documented but answers {}",
                    r.status
                );
            }
        }
    }
    // And the other way round: the API's routes are exactly the documented ones.
    let (_, generated) = crate::api::router();
    let generated: Vec<String> = generated.paths.paths.keys().cloned().collect();
    let documented: Vec<String> = paths.keys().cloned().collect();
    assert_eq!(generated, documented);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_api_path_gets_a_json_404() {
    let app = spawn_app().await;
    for uri in ["/api/v1/nothing-here", "/api/v1", "/api/v2/org/units"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"));
        let body = r.json();
        assert_eq!(body["error"], "not_found");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn units_come_in_pages_with_a_cursor() {
    let app = spawn_app().await;
    let first = get(&app, "/api/v1/org/units?limit=5").await;
    assert_eq!(first.status, StatusCode::OK);
    let first = first.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 5);
    let cursor = first["next_cursor"].as_str().expect("more pages");
    let second = get(&app, &format!("/api/v1/org/units?limit=5&cursor={cursor}"))
        .await
        .json();
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
    let unit = &first["items"][0];
    assert!(unit["administration"]["code"].is_string());
    assert!(unit["cost_centers"].is_array());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_cursor_or_limit_is_a_422_naming_the_field() {
    let app = spawn_app().await;
    let r = get(&app, "/api/v1/org/units?cursor=abc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["field"], "cursor");
    let r = get(&app, "/api/v1/org/units?limit=0").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["field"], "limit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_start_page_is_swedish_with_the_main_navigation_and_the_org_figures() {
    let app = spawn_app().await;
    let r = get(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("<html lang=\"sv\""),
        "{}",
        &r.body[..200.min(r.body.len())]
    );
    for label in [
        "Katalog",
        "Mina beställningar",
        "Attestera",
        "Koordinering",
        "Tillgångar",
        "Förvaltning",
        "Administration",
    ] {
        assert!(r.body.contains(label), "navigation lacks {label}");
    }
    assert!(r.body.contains("Hoppa till huvudinnehållet"));
    assert!(
        r.body.contains("id=\"org-summary\""),
        "the figures are rendered on the server"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for uri in ["/", "/healthz", "/api/v1/org/units", "/finns-inte"] {
        let r = get(&app, uri).await;
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(
            r.headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin",
            "{uri}"
        );
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(r.headers.contains_key("x-request-id"), "{uri}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_csp_allows_exactly_the_inline_scripts_that_carry_its_nonce() {
    let app = spawn_app().await;
    let r = get(&app, "/").await;
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce in the CSP");
    assert!(csp.contains("'wasm-unsafe-eval'"));
    let scripts = r.body.matches("<script").count();
    let with_nonce = r.body.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(scripts > 0);
    assert_eq!(scripts, with_nonce, "every inline script carries the nonce");
    let again = get(&app, "/").await;
    assert_ne!(
        again.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap(),
        csp,
        "a fresh nonce per response"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_page_is_a_swedish_404() {
    let app = spawn_app().await;
    let r = get(&app, "/finns-inte").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Sidan finns inte"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_navigation_target_exists() {
    let app = spawn_app().await;
    for item in app::layout::NAV {
        let r = get(&app, item.href).await;
        assert_eq!(r.status, StatusCode::OK, "{}", item.href);
        assert!(
            r.body.contains(&format!(
                "<title>{} – Avrop</title>",
                if item.href == "/admin" {
                    "Organisation"
                } else {
                    item.label
                }
            )),
            "{}",
            item.href
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let app = spawn_app().await;
    let r = send(
        &app,
        Request::get("/")
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.headers[header::CONTENT_ENCODING], "gzip");
}

#[test]
fn the_demo_banner_names_one_person_per_role() {
    let banner = crate::startup::demo_people_banner();
    for role in app::domain::roles::Role::ALL {
        assert!(banner.contains(role.label_sv()), "{role} missing from the banner");
    }
}
