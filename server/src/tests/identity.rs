//! Router tests: login, sessions, client addresses, redirects, demo-data safety.

#[allow(unused_imports)]
use super::*;
use app::entities::{audit_log, login_attempt};
use axum::extract::ConnectInfo;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::net::SocketAddr;

/// A login request with a chosen return address (`next`, form-encoded).
fn login_request(username: &str, password: &str, next: &str) -> Request<Body> {
    let body = format!(
        "username={}&password={}&next={next}",
        form_encode(username),
        form_encode(password)
    );
    Request::post("/api/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from(body))
        .unwrap()
}

/// `text` percent-encoded for a form body.
fn form_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The same database behind a router whose identity settings differ from
/// the default.
fn with_auth(app: TestApp, auth: app::state::AuthConfig) -> TestApp {
    TestApp {
        router: instance_with(&app.t.db, auth),
        t: app.t,
    }
}

async fn rows(app: &TestApp) -> (u64, u64) {
    let attempts = login_attempt::Entity::find().count(&app.t.db).await.unwrap();
    let audit = audit_log::Entity::find().count(&app.t.db).await.unwrap();
    (attempts, audit)
}

// ------------------------------------------------------ hole 2: redirect --

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_return_address_that_a_browser_would_read_as_another_site_goes_home_after_login() {
    let app = spawn_app().await;
    // Form-encoded as the login page sends them: TAB, LF, CR, backslashes,
    // other schemes and protocol-relative addresses.
    for next in [
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%0D/evil.example",
        "%09//evil.example",
        "/%5Cevil.example",
        "%5C%5Cevil.example",
        "/x%5C..%5C%5Cevil.example",
        "//evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/logga-in?next=/katalog",
    ] {
        let r = send(&app, login_request("anna.lindqvist", app::demo::DEMO_PASSWORD, next)).await;
        assert_eq!(r.status, StatusCode::OK, "{next}: {}", r.body);
        assert_eq!(r.json(), "/", "next={next}");
    }
    let r = send(
        &app,
        login_request(
            "anna.lindqvist",
            app::demo::DEMO_PASSWORD,
            "%2Fkatalog%3Fq%3Dlatitude%23resultat",
        ),
    )
    .await;
    assert_eq!(r.json(), "/katalog?q=latitude#resultat");
}

// -------------------------------------------------- hole 3: login races --

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_parallel_wrong_passwords_get_at_most_ten_checks_and_then_the_right_one_is_refused_too() {
    let app = spawn_app().await;
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..40 {
        let router = app.router.clone();
        burst.spawn(async move {
            let res = router
                .oneshot(login_request("erik.johansson", &format!("gissning-{i}"), "%2F"))
                .await
                .expect("the router answers");
            let status = res.status();
            let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        });
    }
    let (mut wrong, mut refused) = (0, 0);
    while let Some(done) = burst.join_next().await {
        let (status, body) = done.unwrap();
        match status {
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            _ if body.contains("Fel användarnamn eller lösenord.") => wrong += 1,
            other => panic!("unexpected answer {other}: {body}"),
        }
    }
    assert!(wrong <= 10, "{wrong} passwords were checked, at most 10 may be");
    assert_eq!(wrong + refused, 40);
    let r = login(&app, "erik.johansson", app::demo::DEMO_PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
}

// --------------------------------------------- hole 4: client addresses --

/// A login through the load balancer at 10.0.0.1: the client wrote the
/// leftmost `X-Forwarded-For` entry, the balancer appended the real one.
fn login_via_proxy(username: &str, forwarded_for: &str) -> Request<Body> {
    let mut req = login_request(username, "gissning", "%2F");
    req.headers_mut()
        .insert("x-forwarded-for", forwarded_for.parse().unwrap());
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 40_000))));
    req
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_written_forwarded_for_neither_resets_the_address_limit_nor_reaches_the_audit_log() {
    let app = with_auth(
        spawn_app().await,
        app::state::AuthConfig {
            development: false,
            ip_window: app::domain::rate_limit::Window {
                max_failures: 3,
                ..Default::default()
            },
            trusted_proxies: app::domain::client_address::TrustedProxies::Count(1),
            ..Default::default()
        },
    );
    let people = ["anna.lindqvist", "erik.johansson", "maria.nilsson", "sara.berg"];
    for (i, who) in people.iter().enumerate().take(3) {
        let spoof = format!("198.51.100.{i}, 203.0.113.7");
        let r = send(&app, login_via_proxy(who, &spoof)).await;
        assert_eq!(r.json()["message"], "Fel användarnamn eller lösenord.", "{}", r.body);
    }
    let r = send(&app, login_via_proxy(people[3], "=cmd|' /C calc'!A0, 203.0.113.7")).await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "a new leftmost entry is a new address: {}",
        r.body
    );
    let addresses: Vec<Option<String>> = audit_log::Entity::find()
        .filter(audit_log::Column::Action.starts_with("login."))
        .all(&app.t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.ip)
        .collect();
    assert_eq!(addresses.len(), 4);
    assert!(
        addresses.iter().all(|a| a.as_deref() == Some("203.0.113.7")),
        "{addresses:?}"
    );
}

// ----------------------------------------------------- hole 5: lengths --

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overlong_username_or_password_is_refused_before_any_database_work() {
    let app = spawn_app().await;
    let before = rows(&app).await;
    for (username, password, field) in [
        ("a".repeat(65), "gissning".to_owned(), "username"),
        ("å".repeat(100_000), "gissning".to_owned(), "username"),
        ("anna.lindqvist".to_owned(), "x".repeat(1025), "password"),
    ] {
        let r = send(&app, login_request(&username, &password, "%2F")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {}", r.body);
        assert_eq!(r.json()["field"], field);
        assert!(r.json()["message"].as_str().unwrap().contains("högst"), "{}", r.body);
    }
    assert_eq!(rows(&app).await, before, "no login attempt or audit entry was written");
    // The limits themselves are allowed.
    let r = send(&app, login_request(&"a".repeat(64), &"x".repeat(1024), "%2F")).await;
    assert_eq!(r.json()["message"], "Fel användarnamn eller lösenord.", "{}", r.body);
}

// ---------------------------------------------- hole 7: demo-data safety --

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_server_refuses_to_start_while_a_demo_account_has_the_demo_password() {
    let t = app::testing::demo_db().await;
    let public = crate::settings::Settings {
        public_url: "http://avrop.regionnorrvik.se".into(),
        ..Default::default()
    };
    let err = crate::startup::refuse_demo_passwords(&t.db, &public)
        .await
        .expect_err("a public server with demo passwords must not start")
        .to_string();
    assert!(err.contains("anna.lindqvist"), "{err}");
    assert!(err.contains("server set-password"), "{err}");

    for loopback in ["http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000"] {
        let local = crate::settings::Settings {
            public_url: loopback.into(),
            ..Default::default()
        };
        crate::startup::refuse_demo_passwords(&t.db, &local)
            .await
            .unwrap_or_else(|e| panic!("{loopback} is this machine: {e}"));
    }

    // With every demo password changed, the public server starts.
    for (username, ..) in app::demo::org::PEOPLE {
        app::auth::service::set_password(
            &t.db,
            &app::state::AuthConfig::default().hashing,
            username,
            "ett långt och hemligt lösenord",
            app::demo::DEMO_PASSWORD,
        )
        .await
        .unwrap();
    }
    crate::startup::refuse_demo_passwords(&t.db, &public).await.unwrap();
}

// ---------------------------------------------------- hole 10: sessions --

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_ends_with_the_browser_session() {
    let app = spawn_app().await;
    let r = login(&app, "anna.lindqvist", app::demo::DEMO_PASSWORD).await;
    let set = r.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(set.starts_with("avrop_session="), "{set}");
    assert!(!set.to_lowercase().contains("max-age"), "{set}");
    assert!(!set.to_lowercase().contains("expires"), "{set}");
    assert!(set.contains("HttpOnly") && set.contains("Path=/"), "{set}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_https_the_session_cookie_is_host_prefixed_and_read_only_under_that_name() {
    let app = with_auth(
        spawn_app().await,
        app::state::AuthConfig {
            development: false,
            secure_cookie: true,
            ..Default::default()
        },
    );
    let r = send(&app, login_request("anna.lindqvist", app::demo::DEMO_PASSWORD, "%2F")).await;
    let set = r.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(set.starts_with("__Host-avrop_session="), "{set}");
    assert!(set.contains("Secure") && set.contains("Path=/"), "{set}");
    assert!(!set.to_lowercase().contains("domain"), "{set}");
    let cookie = set.split(';').next().unwrap().to_owned();
    let me = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    let secret = cookie.split_once('=').unwrap().1;
    let unprefixed = format!("avrop_session={secret}");
    let me = get_with(&app, "/api/v1/me", ("cookie", &unprefixed)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);

    let logout = log_out(&app, &cookie).await;
    let cleared = logout.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.starts_with("__Host-avrop_session=;"), "{cleared}");
    assert!(cleared.contains("Secure") && cleared.contains("Max-Age=0"), "{cleared}");
    let me = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "logout ended the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setting_a_password_ends_the_persons_sessions() {
    let app = spawn_app().await;
    let anna = login_as(&app, "anna.lindqvist").await;
    let erik = login_as(&app, "erik.johansson").await;
    app::auth::service::set_password(
        &app.t.db,
        &app::state::AuthConfig::default().hashing,
        "anna.lindqvist",
        "ett långt och hemligt lösenord",
        app::demo::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    let me = get_with(&app, "/api/v1/me", ("cookie", &anna)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let other = get_with(&app, "/api/v1/me", ("cookie", &erik)).await;
    assert_eq!(other.status, StatusCode::OK, "someone else's session lives on");
}
