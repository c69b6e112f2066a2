//! Sign-in through an identity provider, over HTTP end to end: a real
//! OpenID Connect provider (`end2end/tools/oidc-provider.mjs`, the npm
//! package `oidc-provider`) on loopback, its own login pages driven with a
//! cookie-keeping HTTP client, and Avrop's routes in-process.
//!
//! `./x test` installs the provider (npm ci) and sets `TEST_OIDC_REQUIRED`;
//! without Node and the package, and without that variable, these tests
//! say so and pass without running.

use super::*;
use crate::oidc::{Oidc, OidcSettings, CALLBACK_PATH};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The provider process, stopped when dropped.
struct Provider {
    child: Child,
    issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts the tests' provider, or `None` (with the reason) where it is not
/// installed and `./x test` did not ask for it.
fn provider() -> Option<Provider> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let installed = root.join("node_modules/oidc-provider/package.json").is_file();
    if !installed {
        assert!(
            std::env::var_os("TEST_OIDC_REQUIRED").is_none(),
            "the tests' identity provider is not installed (npm ci installs it)"
        );
        eprintln!("skipped: the npm package oidc-provider is not installed (./x test installs and runs it)");
        return None;
    }
    let port = free_port();
    let mut child = Command::new("node")
        .arg(root.join("end2end/tools/oidc-provider.mjs"))
        .env("OIDC_PORT", port.to_string())
        .env("OIDC_REDIRECTS", ORIGIN)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node starts the tests' identity provider");
    let stdout = child.stdout.take().expect("its output");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("it says when it is ready");
    assert!(line.starts_with("ready "), "the provider did not start: {line}");
    Some(Provider {
        child,
        issuer: format!("http://127.0.0.1:{port}"),
    })
}

fn settings(issuer: &str) -> OidcSettings {
    OidcSettings {
        issuer: issuer.to_owned(),
        client_id: "avrop".into(),
        client_secret: Some("avrop-test-secret".into()),
        claim: "sub".into(),
        scopes: vec!["openid".into(), "email".into(), "hsa".into()],
        public_origin: ORIGIN.into(),
    }
}

/// An instance with the provider discovered, as `serve` makes it.
async fn sso_instance(db: &sea_orm::DatabaseConnection, settings: OidcSettings) -> Router {
    let oidc = Oidc::discover(settings).await.expect("the provider is discovered");
    let mut state = test_state(db);
    state.auth.login = app::auth::dto::LoginOptions {
        sso: true,
        local: app::auth::dto::LocalLogin::On,
    };
    state.kept.insert(oidc);
    router::build(state, RouterOptions::default())
}

async fn sso_app(provider: &Provider) -> TestApp {
    let app = spawn_app().await;
    TestApp {
        router: sso_instance(&app.t.db, settings(&provider.issuer)).await,
        t: app.t,
    }
}

fn location(r: &Reply) -> String {
    r.headers
        .get(header::LOCATION)
        .unwrap_or_else(|| panic!("a redirect ({}): {}", r.status, r.body))
        .to_str()
        .unwrap()
        .to_owned()
}

/// `GET /logga-in/oidc?next=…`: the provider's authorization URL.
async fn begin(app: &TestApp, next: &str) -> String {
    let r = get(app, &format!("/logga-in/oidc?next={}", urlencoding::encode(next))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    location(&r)
}

/// A browser at the provider: keeps its cookies, follows nothing itself.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Signs in at the provider's own login page as `login` and returns where
/// the provider sends the browser back to Avrop (the callback, with its
/// query).
async fn sign_in_at_provider(browser: &reqwest::Client, provider: &Provider, authorize: &str, login: &str) -> String {
    let mut url = authorize.to_owned();
    for _ in 0..10 {
        if url.starts_with(ORIGIN) {
            return url.trim_start_matches(ORIGIN).to_owned();
        }
        let absolute = if url.starts_with('/') {
            format!("{}{url}", provider.issuer)
        } else {
            url.clone()
        };
        let res = browser.get(&absolute).send().await.expect("the provider answers");
        if res.status().is_redirection() {
            url = res.headers()["location"].to_str().unwrap().to_owned();
            continue;
        }
        let page = res.text().await.unwrap();
        assert!(page.contains("name=\"login\""), "the provider's login page: {page}");
        let action = page
            .split("action=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the login form's address")
            .to_owned();
        let action = if action.starts_with('/') {
            format!("{}{action}", provider.issuer)
        } else {
            action
        };
        let res = browser
            .post(action)
            .form(&[("prompt", "login"), ("login", login), ("password", "vad-som-helst")])
            .send()
            .await
            .unwrap();
        assert!(
            res.status().is_redirection(),
            "the login form was accepted: {}",
            res.status()
        );
        url = res.headers()["location"].to_str().unwrap().to_owned();
    }
    panic!("the provider never sent the browser back to Avrop (last: {url})");
}

fn session_cookie(r: &Reply) -> Option<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("avrop_session=") && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

async fn audit_reasons(app: &TestApp) -> Vec<String> {
    use sea_orm::{EntityTrait, QueryOrder};
    app::entities::audit_log::Entity::find()
        .order_by_asc(app::entities::audit_log::Column::Id)
        .all(&app.t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("login") || e.action == "logout")
        .map(|e| format!("{} {}", e.action, e.detail))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_signs_in_through_the_provider_and_lands_where_they_were_going() {
    let Some(provider) = provider() else { return };
    let app = sso_app(&provider).await;
    let authorize = begin(&app, "/katalog").await;
    assert!(
        authorize.starts_with(&format!("{}/auth?", provider.issuer)),
        "{authorize}"
    );
    for part in [
        "code_challenge_method=S256",
        "code_challenge=",
        "nonce=",
        "state=",
        "client_id=avrop",
        "scope=openid",
    ] {
        assert!(authorize.contains(part), "{part} in {authorize}");
    }
    let callback = sign_in_at_provider(&browser(), &provider, &authorize, "anna.lindqvist").await;
    assert!(callback.starts_with(CALLBACK_PATH), "{callback}");
    let r = get(&app, &callback).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(location(&r), "/katalog");
    let cookie = session_cookie(&r).expect("a session cookie");
    let me = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["username"], "anna.lindqvist");
    let audit = audit_reasons(&app).await;
    assert!(
        audit.iter().any(|a| a.starts_with("login.success")
            && a.contains("\"subject\":\"anna.lindqvist\"")
            && a.contains("oidc")),
        "{audit:?}"
    );

    // The same callback again (a replayed code with its state): refused,
    // no session.
    let again = get(&app, &callback).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(session_cookie(&again).is_none());
    assert!(again.body.contains("Börja om"), "a Swedish page: {}", again.body);

    // Logging out ends Avrop's session and sends the browser to the
    // provider's logout, with the ID token and the way back.
    let out = log_out(&app, &cookie).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let to = location(&out);
    assert!(to.starts_with(&format!("{}/session/end?", provider.issuer)), "{to}");
    assert!(to.contains("id_token_hint="), "{to}");
    assert!(
        to.contains(&format!(
            "post_logout_redirect_uri={}",
            urlencoding::encode(&format!("{ORIGIN}/logga-in?utloggad=1"))
        )),
        "{to}"
    );
    let after = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let audit = audit_reasons(&app).await;
    assert!(
        audit
            .iter()
            .any(|a| a.starts_with("logout") && a.contains("anna.lindqvist")),
        "{audit:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_that_lands_on_another_instance_signs_in() {
    let Some(provider) = provider() else { return };
    let first = sso_app(&provider).await;
    let second = TestApp {
        router: sso_instance(&first.t.db, settings(&provider.issuer)).await,
        t: test_db().await,
    };
    let authorize = begin(&first, "/").await;
    let callback = sign_in_at_provider(&browser(), &provider, &authorize, "maria.nilsson").await;
    let r = get(&second, &callback).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cookie = session_cookie(&r).expect("a session cookie from the second instance");
    let me = get_with(&first, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(me.json()["username"], "maria.nilsson");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_state_a_code_replayed_under_another_state_and_an_unknown_person_are_refused() {
    let Some(provider) = provider() else { return };
    let app = sso_app(&provider).await;
    let browser = browser();

    // A state Avrop never gave out.
    let authorize = begin(&app, "/").await;
    let callback = sign_in_at_provider(&browser, &provider, &authorize, "anna.lindqvist").await;
    let forged = callback.replace("state=", "state=x");
    let r = get(&app, &forged).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(session_cookie(&r).is_none());

    // Its code under the state of a new sign-in (a code replayed into
    // another flow): the provider refuses it (the verifier does not match,
    // or it was spent).
    let used = get(&app, &callback).await;
    assert_eq!(
        used.status,
        StatusCode::SEE_OTHER,
        "the real callback still works: {}",
        used.body
    );
    let other = begin(&app, "/").await;
    let other_state = other
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("state="))
        .unwrap()
        .to_owned();
    let code = callback
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("code="))
        .unwrap()
        .to_owned();
    let replay = get(&app, &format!("{CALLBACK_PATH}?code={code}&state={other_state}")).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST, "{}", replay.body);
    assert!(session_cookie(&replay).is_none());

    // Somebody the provider knows and Avrop does not: a Swedish page that
    // says whom to contact, and nobody is created.
    let authorize = begin(&app, "/").await;
    let callback = sign_in_at_provider(&self::browser(), &provider, &authorize, "okand.person").await;
    let r = get(&app, &callback).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(session_cookie(&r).is_none());
    assert!(
        r.body.contains("okand.person") && r.body.contains("IT-servicedesk"),
        "{}",
        r.body
    );
    assert!(r.body.contains("<html"), "a page for the browser: {}", r.body);
    assert!(app::org::directory::person_by_username(&app.t.db, "okand.person")
        .await
        .unwrap()
        .is_none());

    // The provider's refusal (the person cancelled at the provider).
    let authorize = begin(&app, "/").await;
    let state = authorize
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("state="))
        .unwrap()
        .to_owned();
    let cancelled = get(&app, &format!("{CALLBACK_PATH}?error=access_denied&state={state}")).await;
    assert_eq!(cancelled.status, StatusCode::FORBIDDEN);

    let audit = audit_reasons(&app).await;
    for reason in ["state_unknown", "code_refused", "unknown_person", "provider_error"] {
        assert!(
            audit
                .iter()
                .any(|a| a.starts_with("login.refused") && a.contains(reason)),
            "{reason} audited: {audit:?}"
        );
    }
    assert!(
        audit
            .iter()
            .any(|a| a.contains("unknown_person") && a.contains("\"subject\":\"okand.person\"")),
        "{audit:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_person_may_be_named_by_another_claim_such_as_the_email_address() {
    let Some(provider) = provider() else { return };
    let app = spawn_app().await;
    let app = TestApp {
        router: sso_instance(
            &app.t.db,
            OidcSettings {
                claim: "email".into(),
                ..settings(&provider.issuer)
            },
        )
        .await,
        t: app.t,
    };
    let authorize = begin(&app, "/").await;
    let callback = sign_in_at_provider(&browser(), &provider, &authorize, "karin.holm").await;
    let r = get(&app, &callback).await;
    let cookie = session_cookie(&r).unwrap_or_else(|| panic!("signed in by e-mail: {}", r.body));
    let me = get_with(&app, "/api/v1/me", ("cookie", &cookie)).await;
    assert_eq!(me.json()["username"], "karin.holm");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_down_after_start_gives_a_swedish_page_not_a_500() {
    let Some(provider) = provider() else { return };
    let app = sso_app(&provider).await;
    let authorize = begin(&app, "/").await;
    let callback = sign_in_at_provider(&browser(), &provider, &authorize, "anna.lindqvist").await;
    drop(provider);
    let r = get(&app, &callback).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("inloggningstjänst svarar inte"), "{}", r.body);
    assert!(session_cookie(&r).is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_provider_stops_the_start_naming_the_setting() {
    let port = free_port();
    let Err(message) = Oidc::discover(settings(&format!("http://127.0.0.1:{port}"))).await else {
        panic!("discovery of nothing succeeded");
    };
    assert!(message.starts_with("AVROP_OIDC_ISSUER"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_provider_the_sign_in_routes_say_so() {
    let app = spawn_app().await;
    let r = get(&app, "/logga-in/oidc").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("e-tjänstekort"), "{}", r.body);
    let r = get(&app, &format!("{CALLBACK_PATH}?code=a&state=b")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_page_offers_the_card_first_and_the_password_where_allowed() {
    let Some(provider) = provider() else { return };
    let app = sso_app(&provider).await;
    let page = get(&app, "/logga-in?next=%2Fkatalog").await;
    assert_eq!(page.status, StatusCode::OK);
    let card = page.body.find("Logga in med e-tjänstekort").expect("the card button");
    let form = page.body.find("id=\"login-form\"").expect("the password form");
    assert!(card < form, "the card first");
    assert!(
        page.body.contains("href=\"/logga-in/oidc?next=%2Fkatalog\""),
        "{}",
        page.body
    );
    // Logging out is a form post the provider's logout answers.
    let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains(&format!("form-action 'self' {};", provider.issuer)),
        "{csp}"
    );

    for (mode, form_shown) in [
        (app::auth::dto::LocalLogin::Off, false),
        (app::auth::dto::LocalLogin::AdminsOnly, true),
    ] {
        let oidc = Oidc::discover(settings(&provider.issuer)).await.unwrap();
        let mut state = test_state(&app.t.db);
        state.auth.login = app::auth::dto::LoginOptions { sso: true, local: mode };
        state.kept.insert(oidc);
        let other = TestApp {
            router: router::build(state, RouterOptions::default()),
            t: test_db().await,
        };
        let page = get(&other, "/logga-in").await;
        assert!(page.body.contains("Logga in med e-tjänstekort"));
        assert_eq!(page.body.contains("id=\"login-form\""), form_shown, "{mode:?}");
        if mode == app::auth::dto::LocalLogin::AdminsOnly {
            assert!(page.body.contains("Administratör? Logga in med lösenord"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_local_login_off_the_password_login_is_refused_over_http() {
    let app = spawn_app().await;
    let mut state = test_state(&app.t.db);
    state.auth.login = app::auth::dto::LoginOptions {
        sso: true,
        local: app::auth::dto::LocalLogin::Off,
    };
    let off = TestApp {
        router: router::build(state, RouterOptions::default()),
        t: app.t,
    };
    let r = login(&off, "per.svensson", app::demo::DEMO_PASSWORD).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.body.contains("e-tjänstekort"), "{}", r.body);
    assert!(!r.headers.contains_key(header::SET_COOKIE));
}
