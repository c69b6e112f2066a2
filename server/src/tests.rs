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

const ORIGIN: &str = "http://127.0.0.1:3000";

fn instance(db: &sea_orm::DatabaseConnection) -> Router {
    let auth = app::state::AuthConfig {
        development: false,
        ..Default::default()
    };
    instance_with(db, auth)
}

/// An instance with other identity settings (trusted proxies, https).
fn instance_with(db: &sea_orm::DatabaseConnection, auth: app::state::AuthConfig) -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name("avrop")
        .site_root("target/site")
        .build();
    instance_of(db, auth, leptos_options)
}

/// An instance serving another site directory (the app's files).
fn instance_of(
    db: &sea_orm::DatabaseConnection,
    auth: app::state::AuthConfig,
    leptos_options: LeptosOptions,
) -> Router {
    let state = AppState {
        leptos_options,
        db: db.clone(),
        auth,
        kept: test_kept(),
    };
    router::build(state, RouterOptions::default())
}

/// An instance's state as `instance` builds it, for a router with other
/// options.
fn test_state(db: &sea_orm::DatabaseConnection) -> AppState {
    AppState {
        leptos_options: LeptosOptions::builder()
            .output_name("avrop")
            .site_root("target/site")
            .build(),
        db: db.clone(),
        auth: app::state::AuthConfig {
            development: false,
            ..Default::default()
        },
        kept: test_kept(),
    }
}

/// What the areas keep, as at startup, except that the catalogue copy is
/// checked against the database on every use.
fn test_kept() -> app::state::Kept {
    let mut kept = crate::startup::kept();
    kept.insert(app::catalog::snapshot::CatalogCache::default());
    kept
}

async fn spawn_app() -> TestApp {
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("warn")
        .try_init();
    let t = test_db().await;
    app::demo::seed_demo(&t.db).await.expect("demo data seeds");
    TestApp {
        router: instance(&t.db),
        t,
    }
}

/// Logs in through the real login server function.
async fn login(app: &TestApp, username: &str, password: &str) -> Reply {
    let body = format!("username={username}&password={password}&next=%2F");
    send(
        app,
        Request::post("/api/auth/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// Logs in as a demo person; returns the `Cookie` header value.
async fn login_as(app: &TestApp, username: &str) -> String {
    let r = login(app, username, app::demo::DEMO_PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "login as {username}: {}", r.body);
    let set = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
    set.split(';').next().unwrap().to_owned()
}

async fn get_with(app: &TestApp, uri: &str, auth: (&str, &str)) -> Reply {
    send(
        app,
        Request::get(uri).header(auth.0, auth.1).body(Body::empty()).unwrap(),
    )
    .await
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

/// The header's "Logga ut" with the session `cookie`.
async fn log_out(app: &TestApp, cookie: &str) -> Reply {
    send(
        app,
        Request::post("/logga-ut")
            .header("cookie", cookie)
            .header(header::ORIGIN, ORIGIN)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// A GET as a browser sends it (accepting HTML, so redirects are real 302s).
async fn get(app: &TestApp, uri: &str) -> Reply {
    send(
        app,
        Request::get(uri)
            .header(header::ACCEPT, "text/html,*/*")
            .body(Body::empty())
            .unwrap(),
    )
    .await
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

/// A browser's request: accepting HTML, with a session cookie.
fn browser_get(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_the_database_is_down_a_page_is_a_swedish_page_and_the_api_stays_json() {
    let app = spawn_app().await;
    let cookie = login_as(&app, "anna.lindqvist").await;
    app.t.db.clone().close().await.unwrap();

    let page = send(&app, browser_get("/katalog?sok=dator&sida=2", &cookie)).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "{:?}",
        page.headers
    );
    assert!(page.body.starts_with("<!DOCTYPE html>"), "{}", page.body);
    assert!(page.body.contains(r#"<html lang="sv">"#));
    assert!(page.body.contains("<h1") && page.body.contains("Avrop kan inte svara just nu"));
    assert!(page.body.contains("Tjänsten kunde inte nås just nu."));
    // Asking again is the same address; the stylesheet is the app's own.
    assert!(
        page.body.contains(r#"href="/katalog?sok=dator&amp;sida=2""#),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"rel="stylesheet""#) && page.body.contains(".css"));
    assert!(page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("style-src 'self'"));

    let api = get_with(&app, "/api/v1/me", (header::COOKIE.as_str(), &cookie)).await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.json()["error"], "unavailable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_csv_link_is_a_page_for_a_browser_and_json_for_a_program() {
    let app = spawn_app().await;
    let cookie = login_as(&app, "anna.lindqvist").await;
    let page = send(&app, browser_get("/koordinering/export.csv", &cookie)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("Du saknar behörighet"), "{}", page.body);
    assert!(!page.body.contains("Försök igen"), "a refusal is not asked again");
    assert!(page.body.contains(r#"href="/""#));

    let program = get_with(&app, "/koordinering/export.csv", (header::COOKIE.as_str(), &cookie)).await;
    assert_eq!(program.status, StatusCode::FORBIDDEN);
    assert_eq!(program.json()["error"], "forbidden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_openapi_3_and_every_listed_route_answers() {
    let app = spawn_app().await;
    let cookie = login_as(&app, "per.svensson").await;
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
            // What any operation can answer is documented on each, with
            // the error body.
            let mut common = vec!["400", "401", "429", "500"];
            if op.get("requestBody").is_some() {
                common.extend(["413", "415"]);
            }
            for status in common {
                assert_eq!(
                    op["responses"][status]["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ErrorBody",
                    "{method} {path} does not document {status}"
                );
            }
            if method == "get" && !path.contains('{') && path.starts_with("/api/v1/supplier/") {
                // The supplier API is for suppliers' keys, never a person.
                let r = get_with(&app, path, ("cookie", &cookie)).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "GET {path}");
            } else if method == "get" && !path.contains('{') {
                let r = get_with(&app, path, ("cookie", &cookie)).await;
                // Routed and answered: 200, or a 4xx naming a missing parameter.
                assert!(
                    r.status == StatusCode::OK || r.status == StatusCode::UNPROCESSABLE_ENTITY,
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
async fn the_openapi_document_describes_every_field_of_a_plan_by_type() {
    let app = spawn_app().await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    // Every field the demo plan stores, and every field of each of its rows,
    // is a property of its type's schema: none is an untyped JSON value.
    let plan = serde_json::to_value(app::demo::plans::demo_content()).unwrap();
    let check = |schema: &str, sample: &serde_json::Value| {
        let properties = schemas[schema]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{schema} has no properties"));
        for (field, _) in sample.as_object().unwrap() {
            let p = properties
                .get(field)
                .unwrap_or_else(|| panic!("{schema}.{field} is not documented"));
            let typed = ["type", "$ref", "oneOf", "allOf", "anyOf", "enum"]
                .iter()
                .any(|k| p.get(*k).is_some());
            assert!(typed, "{schema}.{field} has no type: {p}");
        }
    };
    check("PlanContent", &plan);
    for (field, schema) in [
        ("needs", "Need"),
        ("activity_goals", "ActivityGoal"),
        ("goals", "Goal"),
        ("forums", "Forum"),
        ("financing", "FinancingParty"),
        ("staffing", "Staffing"),
        ("project_list", "Project"),
        ("it_services", "ItService"),
        ("integrations", "Integration"),
    ] {
        let rows = plan[field].as_array().unwrap();
        assert!(!rows.is_empty(), "the demo plan has {field}");
        for row in rows {
            check(schema, row);
        }
    }
    // The service levels are the catalogue's, by name.
    let levels = serde_json::to_string(&schemas["ServiceLevel"]).unwrap();
    for level in ["jarn", "brons", "silver", "guld", "platina"] {
        assert!(levels.contains(level), "{levels}");
    }
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
    let c = login_as(&app, "anna.lindqvist").await;
    let first = get_with(&app, "/api/v1/org/units?limit=5", ("cookie", &c)).await;
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
    let c = login_as(&app, "anna.lindqvist").await;
    let r = get_with(&app, "/api/v1/org/units?cursor=abc", ("cookie", &c)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["field"], "cursor");
    let r = get_with(&app, "/api/v1/org/units?limit=0", ("cookie", &c)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["field"], "limit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_start_page_is_swedish_with_the_main_navigation_and_the_org_figures() {
    let app = spawn_app().await;
    let c = login_as(&app, "per.svensson").await;
    let r = get_with(&app, "/", ("cookie", &c)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("<html lang=\"sv\""),
        "{}",
        &r.body[..200.min(r.body.len())]
    );
    for label in [
        "Katalog",
        "Mina beställningar",
        "Förvaltning",
        "Administration",
        "Per Svensson",
        "Logga ut",
    ] {
        assert!(r.body.contains(label), "header lacks {label}");
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
    for uri in ["/logga-in", "/healthz", "/api/v1/org/units", "/finns-inte"] {
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
    let r = get(&app, "/logga-in").await;
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
    let again = get(&app, "/logga-in").await;
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

/// Pages are gzipped when the client accepts it, also when it accepts
/// brotli as a browser does: brotli's fastest level cost several times
/// gzip's for the same size; brotli is for the app's files, compressed once
/// at build.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_are_gzipped_when_the_client_accepts_it_even_beside_brotli() {
    let app = spawn_app().await;
    for accepted in ["gzip", "gzip, deflate, br, zstd"] {
        let r = send(
            &app,
            Request::get("/logga-in")
                .header(header::ACCEPT_ENCODING, accepted)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{accepted}");
        assert_eq!(r.headers[header::CONTENT_ENCODING], "gzip", "{accepted}");
    }
}

#[test]
fn the_demo_banner_names_one_person_per_role() {
    let banner = crate::startup::demo_people_banner();
    for role in app::domain::roles::Role::ALL {
        assert!(banner.contains(role.label_sv()), "{role} missing from the banner");
    }
}

// ------------------------------------------------------------ identity --

/// The demo person of each role.
const DEMO: &[(&str, app::domain::roles::Role)] = {
    use app::domain::roles::Role::*;
    &[
        ("anna.lindqvist", Requester),
        ("erik.johansson", Attester),
        ("maria.nilsson", Coordinator),
        ("lars.andersson", CatalogManager),
        ("sara.berg", AssetManager),
        ("johan.ek", PlanManager),
        ("karin.holm", ObjectOwner),
        ("per.svensson", Admin),
    ]
};

// Every page × every demo role: `tests/access.rs` (the role matrix).

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_navigation_shows_only_what_the_role_may_use() {
    let app = spawn_app().await;
    let c = login_as(&app, "anna.lindqvist").await;
    let r = get_with(&app, "/", ("cookie", &c)).await;
    assert!(r.body.contains(">Katalog<"));
    assert!(!r.body.contains(">Administration<"));
    assert!(!r.body.contains(">Attestera<"));
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_gets_one_message_that_does_not_reveal_the_account() {
    let app = spawn_app().await;
    let known = login(&app, "anna.lindqvist", "fel").await;
    let unknown = login(&app, "finns.inte", "fel").await;
    assert_ne!(known.status, StatusCode::OK);
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.json()["message"], "Fel användarnamn eller lösenord.");
    assert_eq!(known.json(), unknown.json());
    assert!(!known.headers.contains_key(header::SET_COOKIE));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_eleventh_failed_login_is_refused_even_with_the_right_password() {
    let app = spawn_app().await;
    for _ in 0..10 {
        let r = login(&app, "erik.johansson", "gissning").await;
        assert_eq!(r.json()["message"], "Fel användarnamn eller lösenord.");
    }
    let r = login(&app, "erik.johansson", app::demo::DEMO_PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let msg = r.json()["message"].as_str().unwrap().to_owned();
    assert!(msg.contains("Försök igen om 15 minuter"), "{msg}");
    assert!(!r.headers.contains_key(header::SET_COOKIE));
    // Another account from the same address is not locked out by this one.
    let other = login(&app, "anna.lindqvist", app::demo::DEMO_PASSWORD).await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_origin_post_is_refused() {
    let app = spawn_app().await;
    let r = send(
        &app,
        Request::post("/api/auth/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::from(format!(
                "username=anna.lindqvist&password={}",
                app::demo::DEMO_PASSWORD
            )))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["error"], "forbidden");
    let no_origin = send(&app, Request::post("/logga-ut").body(Body::empty()).unwrap()).await;
    assert_eq!(no_origin.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_from_one_instance_is_accepted_by_another_on_the_same_database() {
    let app = spawn_app().await;
    let cookie = login_as(&app, "maria.nilsson").await;
    let second = TestApp {
        router: instance(&app.t.db),
        t: test_db().await,
    };
    let r = get_with(&second, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["username"], "maria.nilsson");
    assert_eq!(r.json()["via"], "session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let cookie = login_as(&app, "anna.lindqvist").await;
    let r = log_out(&app, &cookie).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    let after = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "the old cookie no longer works");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn me_answers_for_a_cookie_and_a_token_and_401_for_bad_tokens() {
    use app::auth::tokens::{create_token, NewToken};
    use app::ctx::{Actor, Ctx};
    let app = spawn_app().await;
    let cookie = login_as(&app, "per.svensson").await;
    let me = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.json()["roles"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("admin")));

    let admin_id = me.json()["id"].as_i64().unwrap() as i32;
    let admin = Ctx {
        actor: Actor::Person {
            id: admin_id,
            username: "per.svensson".into(),
        },
        roles: vec![app::domain::roles::Role::Admin],
        ip: None,
    };
    let new = |name: &str| NewToken {
        name: name.into(),
        permissions: vec![app::domain::tokens::TokenPermission::OrgRead],
        expires_on: None,
    };
    let valid = create_token(&admin, &app.t.db, new("lev")).await.unwrap();
    let bearer = |t: &str| format!("Bearer {t}");

    let r = get_with(&app, "/api/v1/me", ("authorization", &bearer(&valid.secret))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["via"], "token");
    assert_eq!(r.json()["token"]["name"], "lev");

    let revoked = create_token(&admin, &app.t.db, new("gammal")).await.unwrap();
    app::auth::tokens::revoke_token(&admin, &app.t.db, revoked.token.id)
        .await
        .unwrap();
    let expired = create_token(&admin, &app.t.db, new("utgången")).await.unwrap();
    {
        use app::entities::api_token;
        use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::ExpiresAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::days(1)),
            )
            .filter(api_token::Column::Id.eq(expired.token.id))
            .exec(&app.t.db)
            .await
            .unwrap();
    }
    for (what, auth) in [
        ("missing", None),
        ("invalid", Some(bearer("avrop_inte-en-riktig-nyckel"))),
        ("revoked", Some(bearer(&revoked.secret))),
        ("expired", Some(bearer(&expired.secret))),
    ] {
        let r = match &auth {
            Some(a) => get_with(&app, "/api/v1/me", ("authorization", a)).await,
            None => get(&app, "/api/v1/me").await,
        };
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{what}");
        assert_eq!(r.json()["error"], "unauthorized", "{what}");
    }

    // A token is refused outside the JSON API (here: a server function).
    let w = send(
        &app,
        Request::post("/api/auth/tokens/revoke")
            .header("authorization", bearer(&valid.secret))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("id=1"))
            .unwrap(),
    )
    .await;
    assert_eq!(w.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_and_token_changes_are_in_the_audit_log_and_its_csv() {
    let app = spawn_app().await;
    let _ = login(&app, "anna.lindqvist", "fel").await;
    let cookie = login_as(&app, "per.svensson").await;
    let r = send(
        &app,
        Request::post("/api/auth/tokens/create")
            .header("cookie", &cookie)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(
                "name=Leverant%C3%B6r&permissions%5B%5D=orders%3Aread&permissions%5B%5D=org%3Aread&expires_on=",
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.json()["secret"].as_str().unwrap().starts_with("avrop_"));

    let csv = get_with(&app, "/admin/logg.csv", ("cookie", &cookie)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    for action in [";login.failure;", ";login.success;", ";token.create;"] {
        assert!(csv.body.contains(action), "{action} missing from\n{}", csv.body);
    }
    let anna = login_as(&app, "anna.lindqvist").await;
    assert_eq!(
        get_with(&app, "/admin/logg.csv", ("cookie", &anna)).await.status,
        StatusCode::FORBIDDEN
    );
}

// ------------------------------------------------------------- catalog --

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalog_api_lists_items_with_a_cursor_and_404s_an_unknown_one() {
    let app = spawn_app().await;
    let c = login_as(&app, "anna.lindqvist").await;
    let first = get_with(&app, "/api/v1/catalog/items?limit=20", ("cookie", &c)).await;
    assert_eq!(first.status, StatusCode::OK);
    let first = first.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 20);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = get_with(
        &app,
        &format!("/api/v1/catalog/items?limit=20&cursor={cursor}"),
        ("cookie", &c),
    )
    .await
    .json();
    assert!(second["items"][0]["id"].as_i64() > first["items"][19]["id"].as_i64());

    let search = get_with(&app, "/api/v1/catalog/items?q=latitude&category=BARBAR", ("cookie", &c))
        .await
        .json();
    let names: Vec<&str> = search["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Dell Latitude 5450", "Dell Latitude 7450"]);

    let id = search["items"][0]["id"].as_i64().unwrap();
    let item = get_with(&app, &format!("/api/v1/catalog/items/{id}"), ("cookie", &c)).await;
    assert_eq!(item.status, StatusCode::OK);
    assert_eq!(item.json()["bundles"][0]["name"], "Standardarbetsplats bärbar");

    let missing = get_with(&app, "/api/v1/catalog/items/999999", ("cookie", &c)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["error"], "not_found");
    assert_eq!(
        get(&app, "/api/v1/catalog/items").await.status,
        StatusCode::UNAUTHORIZED
    );
    let bad = get_with(&app, "/api/v1/catalog/items?kind=moped", ("cookie", &c)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["field"], "kind");
}

// -------------------------------------------------------------- orders --

/// Anna's order of `quantity` of the item with `article_number`, to her own
/// unit's cost centre and address, as the API takes it.
async fn annas_order(app: &TestApp, cookie: &str, article_number: &str, quantity: i32) -> serde_json::Value {
    let me = get_with(app, "/api/v1/me", ("cookie", cookie)).await.json();
    let items = get_with(
        app,
        &format!("/api/v1/catalog/items?q={article_number}"),
        ("cookie", cookie),
    )
    .await
    .json();
    let units = get_with(app, "/api/v1/org/units?q=HSF-KARD", ("cookie", cookie))
        .await
        .json();
    let unit = &units["items"][0];
    serde_json::json!({
        "recipient_id": me["id"],
        "cost_center_id": unit["cost_centers"][0]["id"],
        "address_id": unit["delivery_addresses"][0]["id"],
        "contact_name": "Anna Lindqvist",
        "contact_phone": "021-17 52 10",
        "lines": [{"item_id": items["items"][0]["id"], "quantity": quantity}]
    })
}

fn post_order(cookie: &str, key: &str, body: &serde_json::Value) -> Request<Body> {
    Request::post("/api/v1/orders")
        .header("cookie", cookie)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_posted_twice_with_one_key_is_created_once_and_hidden_from_others() {
    let app = spawn_app().await;
    let c = login_as(&app, "anna.lindqvist").await;
    let body = annas_order(&app, &c, "DL-WD22TB4", 2).await;
    let post = |key: &str, body: serde_json::Value| post_order(&c, key, &body);
    let first = send(&app, post("api-1", body.clone())).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let second = send(&app, post("api-1", body.clone())).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(first.json()["id"], second.json()["id"]);
    assert_eq!(first.json()["one_off"], 2 * 289_000);
    let mine = get_with(&app, "/api/v1/orders?mine=true", ("cookie", &c)).await.json();
    assert_eq!(mine.as_array().unwrap().len(), 1);

    let mut bad = body.clone();
    bad["contact_phone"] = "ring".into();
    let r = send(&app, post("api-2", bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["field"], "contact_phone");

    let id = first.json()["id"].as_i64().unwrap();
    let oskar = login_as(&app, "oskar.lund").await;
    let hidden = get_with(&app, &format!("/api/v1/orders/{id}"), ("cookie", &oskar)).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let own = get_with(&app, &format!("/api/v1/orders/{id}"), ("cookie", &c)).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.json()["events"][0]["to"], "submitted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_on_one_instance_or_across_two_creates_one_order_with_one_answer() {
    let app = spawn_app().await;
    let second = TestApp {
        router: instance(&app.t.db),
        t: test_db().await,
    };
    let c = login_as(&app, "anna.lindqvist").await;
    let body = annas_order(&app, &c, "JB-E40", 1).await;
    let post = |key: String| post_order(&c, &key, &body);
    for round in 0..5 {
        for (name, other) in [("same instance", &app), ("two instances", &second)] {
            let key = format!("{name}-{round}");
            let (a, b) = tokio::join!(send(&app, post(key.clone())), send(other, post(key)));
            assert_eq!(
                (a.status, b.status),
                (StatusCode::CREATED, StatusCode::CREATED),
                "{}",
                a.body
            );
            assert_eq!(a.json(), b.json(), "{name}: both get the same answer");
        }
    }
    let mine = get_with(&app, "/api/v1/orders?mine=true", ("cookie", &c)).await.json();
    assert_eq!(mine.as_array().unwrap().len(), 10, "one order per key");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogue_manager_exports_and_checks_an_import_through_the_api() {
    let app = spawn_app().await;
    let lars = login_as(&app, "lars.andersson").await;
    let anna = login_as(&app, "anna.lindqvist").await;

    let csv = get_with(&app, "/admin/katalog.csv", ("cookie", &lars)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(csv.body.contains("DL-5450;Dell Latitude 5450;"));
    assert_eq!(
        get_with(&app, "/admin/katalog.csv", ("cookie", &anna)).await.status,
        StatusCode::FORBIDDEN
    );

    let post = |cookie: &str, dry_run: bool, body: String| {
        Request::post(format!("/api/v1/catalog/import?dry_run={dry_run}"))
            .header("cookie", cookie)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "text/csv")
            .body(Body::from(body))
            .unwrap()
    };
    let unchanged = send(&app, post(&lars, true, csv.body.clone())).await;
    assert_eq!(unchanged.status, StatusCode::OK, "{}", unchanged.body);
    assert_eq!(unchanged.json()["problems"], serde_json::json!([]));

    let bad = format!(
        "{}\nNY-1;;;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;100;;;ja\n",
        csv.body.lines().next().unwrap()
    );
    let refused = send(&app, post(&lars, false, bad)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["problems"][0]["line"], 2);
    assert_eq!(refused.json()["problems"][0]["column"], "namn");
    assert_eq!(refused.json()["written"], false);

    let forbidden = send(&app, post(&anna, true, csv.body)).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(forbidden.json()["error"], "forbidden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_save_needs_the_current_version_and_an_editor() {
    let app = spawn_app().await;
    let johan = login_as(&app, "johan.ek").await;
    let karin = login_as(&app, "karin.holm").await;
    let families = get_with(&app, "/forvaltning", ("cookie", &johan)).await;
    assert_eq!(families.status, StatusCode::OK);
    let id = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::entities::plan::Entity::find()
            .filter(app::entities::plan::Column::Year.eq(2027))
            .one(&app.t.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let plan = get_with(&app, &format!("/api/v1/plans/{id}"), ("cookie", &johan)).await;
    assert_eq!(plan.status, StatusCode::OK);
    assert_eq!(plan.headers[header::ETAG], "\"1\"");
    let body = plan.json();
    assert_eq!(body["roll_up"]["total"]["kronor"], 540_120_000);
    let content = serde_json::json!({ "content": body["content"] }).to_string();
    let put = |cookie: &str, if_match: Option<&str>| {
        let mut r = Request::put(format!("/api/v1/plans/{id}"))
            .header("cookie", cookie)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(m) = if_match {
            r = r.header(header::IF_MATCH, m);
        }
        r.body(Body::from(content.clone())).unwrap()
    };
    assert_eq!(
        send(&app, put(&johan, None)).await.status,
        StatusCode::PRECONDITION_REQUIRED
    );
    let forbidden = send(&app, put(&karin, Some("\"1\""))).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let saved = send(&app, put(&johan, Some("\"1\""))).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.json()["version"], 2);
    let stale = send(&app, put(&johan, Some("\"1\""))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["current"]["version"], 2);
    assert_eq!(stale.json()["current"]["updated_by"], "Johan Ek");

    let submit = Request::post(format!("/api/v1/plans/{id}/adopt"))
        .header("cookie", &johan)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let refused = send(&app, submit).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["error"], "forbidden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_follow_up_report_downloads_as_csv_for_anyone_signed_in() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let csv = get_with(&app, "/forvaltning/uppfoljning.csv?period=2026-T2", ("cookie", &anna)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(csv.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("avrop-uppfoljning-2026-T2.csv"));
    assert!(csv
        .body
        .contains("2026-T2;Vårdsystem;Samverkan vid vårdövergångar;Mål;Stabil och säker drift (daglig IT-drift och underhåll);Licenser och support enligt avtal.;VM;Klar;"));

    let bad = get_with(&app, "/forvaltning/uppfoljning.csv?period=2026-T7", ("cookie", &anna)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["field"], "period");
    let anonymous = get(&app, "/forvaltning/uppfoljning.csv?period=2026-T2").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    // The staffing against the plans, furthest behind first.
    let staffing = get_with(&app, "/forvaltning/bemanning.csv?period=2026-T2", ("cookie", &anna)).await;
    assert_eq!(staffing.status, StatusCode::OK);
    assert!(staffing.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("avrop-bemanning-2026-T2.csv"));
    assert!(staffing
        .body
        .contains("2026-T2;Vårdsystem;Samverkan vid vårdövergångar;184,7;77;41,7 %;"));
    let bad = get_with(&app, "/forvaltning/bemanning.csv?period=x", ("cookie", &anna)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let anonymous = get(&app, "/forvaltning/bemanning.csv?period=2026-T2").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

// Security review (issue 13): one file per part, sharing the helpers above.
mod access;
mod assets;
mod attest;
mod attest_rights;
mod backup;
mod completion;
mod fuzz;
mod identity;
mod notifications;
mod oidc;
mod operations;
mod plans;
mod supplier;
mod wire;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_asset_api_lists_reads_and_patches_with_if_match_and_the_keepers_right() {
    let app = spawn_app().await;
    let sara = login_as(&app, "sara.berg").await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let all = get_with(&app, "/api/v1/assets?status=in_use&sortering=aldst", ("cookie", &sara)).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let items = all.json()["items"].as_array().unwrap().clone();
    assert!(items.len() > 5);
    assert!(items.iter().all(|i| i["status"] == "in_use"));
    let hers = get_with(&app, "/api/v1/assets", ("cookie", &anna)).await.json();
    let hers = hers["items"].as_array().unwrap().clone();
    assert_eq!(hers.len(), 3);
    let id = hers[0]["id"].as_i64().unwrap();
    let bad = get_with(&app, "/api/v1/assets?cursor=x", ("cookie", &sara)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["field"], "cursor");
    // Someone else's asset is not found for Anna.
    let johans = items.iter().find(|i| i["user"] == "Johan Ek").unwrap()["id"]
        .as_i64()
        .unwrap();
    let other = get_with(&app, &format!("/api/v1/assets/{johans}"), ("cookie", &anna)).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);

    let one = get_with(&app, &format!("/api/v1/assets/{id}"), ("cookie", &sara)).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.headers[header::ETAG], "\"1\"");
    let patch = |cookie: &str, if_match: Option<&str>, body: serde_json::Value| {
        let mut r = Request::patch(format!("/api/v1/assets/{id}"))
            .header("cookie", cookie)
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(m) = if_match {
            r = r.header(header::IF_MATCH, m);
        }
        r.body(Body::from(body.to_string())).unwrap()
    };
    let repair = serde_json::json!({ "status": "in_repair", "reason": "Trasigt tangentbord" });
    assert_eq!(
        send(&app, patch(&sara, None, repair.clone())).await.status,
        StatusCode::PRECONDITION_REQUIRED
    );
    let forbidden = send(&app, patch(&anna, Some("\"1\""), repair.clone())).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let done = send(&app, patch(&sara, Some("\"1\""), repair.clone())).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.headers[header::ETAG], "\"2\"");
    assert_eq!(done.json()["status"], "in_repair");
    let stale = send(&app, patch(&sara, Some("\"1\""), repair)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let not_allowed = send(
        &app,
        patch(
            &sara,
            Some("\"2\""),
            serde_json::json!({ "status": "retired", "reason": "Skrotas" }),
        ),
    )
    .await;
    assert_eq!(not_allowed.status, StatusCode::CONFLICT);
    assert_eq!(not_allowed.json()["state"], "in_repair");
    for (body, field) in [
        (serde_json::json!({ "status": "trasig", "reason": "x" }), "status"),
        (serde_json::json!({ "reason": "x" }), "status"),
        (
            serde_json::json!({ "status": "in_use", "location": "Hus 2", "reason": "x" }),
            "status",
        ),
        (serde_json::json!({ "location": "Hus 2", "reason": " " }), "reason"),
    ] {
        let r = send(&app, patch(&sara, Some("\"2\""), body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["field"], field);
    }
    let moved = send(
        &app,
        patch(
            &sara,
            Some("\"2\""),
            serde_json::json!({ "location": "Hus 2, plan 3", "reason": "Flyttat kontor" }),
        ),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.json()["location"], "Hus 2, plan 3");
    assert_eq!(moved.json()["user"], "Anna Lindqvist", "the user stays");
    assert_eq!(moved.json()["history"][0]["field"], "Placering");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_register_is_uploaded_as_the_body_checked_in_the_background_and_refused_to_others() {
    let app = spawn_app().await;
    let upload = |cookie: &str, origin: &str, query: &str, body: &'static str| {
        Request::post(format!("/tillgangar/import?{query}"))
            .header("cookie", cookie)
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "text/csv")
            .body(Body::from(body))
            .unwrap()
    };
    const FILE: &str = "tagg;modell;kostnadsstalle;status\nUP-1;Dell Latitude 5440;41210;I drift\n";
    let sara = login_as(&app, "sara.berg").await;
    let r = send(
        &app,
        upload(&sara, ORIGIN, "fil=gamla%20registret.csv&kontroll=1", FILE),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["file_name"], "gamla registret.csv");
    assert_eq!(r.json()["dry_run"], true);
    // The worker runs on the instance; the page asks until it is done.
    let mut phase = String::new();
    for _ in 0..100 {
        let ctx = app::testing::person_ctx(&app.t.db, "sara.berg").await;
        let now = app::assets::import::get(&ctx, &app.t.db, id as i32).await.unwrap();
        phase = now.phase.as_str().to_owned();
        if !now.phase.is_running() {
            assert_eq!((now.rows_total, now.problem_count), (1, 0));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(phase, "checked");

    let anna = login_as(&app, "anna.lindqvist").await;
    let r = send(&app, upload(&anna, ORIGIN, "fil=x.csv", FILE)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["error"], "forbidden");
    let r = send(&app, upload(&sara, "https://elsewhere.example", "fil=x.csv", FILE)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a cross-origin upload is refused");
    let r = send(&app, upload(&sara, ORIGIN, "fil=tom.csv", "")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["field"], "fil");
}
