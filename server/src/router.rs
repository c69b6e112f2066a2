//! The whole HTTP surface: pages, server functions, the JSON API, probes and
//! the middleware around them.

use crate::{api, exports, guard, health, identity, images, imports, liveness, logout, metrics, oidc};
use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use std::time::Duration;
use tower::Layer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Options that vary between deployments.
#[derive(Debug, Clone)]
pub struct RouterOptions {
    pub request_timeout: Duration,
    /// Send HSTS (only when served over https).
    pub hsts: bool,
    /// A page render running longer is stuck (`/livez` fails).
    pub render_deadline: Duration,
    /// The bearer token `/metrics` answers on this address; `None`: 404.
    pub metrics_token: Option<std::sync::Arc<str>>,
}

impl Default for RouterOptions {
    fn default() -> Self {
        RouterOptions {
            request_timeout: Duration::from_secs(30),
            hsts: false,
            render_deadline: Duration::from_secs(10),
            metrics_token: None,
        }
    }
}

/// The app's route list, generated once per process. Generating it renders
/// the app with resource loading suppressed process-wide, so it must never
/// overlap a page render (leptos-rs/leptos#4773): several routers in one
/// process (tests, benches) share this one list.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build(state: AppState, options: RouterOptions) -> Router {
    let routes = route_list();
    let undeclared = std::sync::Arc::new(guard::undeclared(routes.iter().map(|r| r.path())));
    if !undeclared.is_empty() {
        tracing::error!(
            ?undeclared,
            "pages without a declared access rule are refused for everyone"
        );
    }
    let (api_routes, _doc) = api::router();
    // Counting starts before the first request.
    metrics::handle();
    let renders = state.kept.get::<liveness::Renders>().cloned().unwrap_or_default();
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || {
                    provide_context(state.clone());
                    app::provide_request_nonce();
                }
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            app::provide_request_nonce,
            shell,
        ))
        .layer(middleware::from_fn_with_state(renders.clone(), liveness::track_renders));
    // `/livez` renders through the page routes as a visitor reaches them.
    let probe = liveness::Probe {
        renders: renders.clone(),
        pages: pages
            .clone()
            .layer(middleware::from_fn_with_state(state.clone(), identity::identify))
            .with_state(state.clone()),
        deadline: options.render_deadline,
    };
    // Outside the identity layer: the metrics token is not an API key.
    let operator = Router::new()
        .route("/livez", get(liveness::livez))
        .with_state(probe)
        .merge(
            Router::new()
                .route("/metrics", get(metrics::metrics_with_token))
                .with_state(metrics::Scrape {
                    state: state.clone(),
                    renders,
                    token: options.metrics_token.clone(),
                }),
        );

    let hsts = options.hsts;
    // A logout of a session begun at the identity provider is a form post
    // that the provider's logout page answers: the page CSP lets forms go
    // there.
    let form_action: std::sync::Arc<str> = match state.kept_if::<oidc::Oidc>().and_then(oidc::Oidc::logout_origin) {
        Some(origin) => format!("'self' {origin}").into(),
        None => "'self'".into(),
    };
    // The app's own files (wasm, JS, CSS) straight from their directory.
    // Through the page fallback, a file was answered inside an owner that
    // could see the response options of a page rendered at the same time
    // on the same thread: the wasm once came back with that page's 404.
    // Their names carry a hash of their content (cargo-leptos `hash-files`):
    // a browser keeps them for a year, signed in or not, and a new build
    // is new names. `server precompress` wrote their brotli and gzip copies.
    let pkg_dir = state.leptos_options.site_pkg_dir.to_string();
    let site_root = state.leptos_options.site_root.to_string();
    let cached = |policy: &'static str| {
        SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(policy))
    };
    let pkg = cached(if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    })
    .layer(
        tower_http::services::ServeDir::new(format!("{site_root}/{pkg_dir}"))
            .precompressed_br()
            .precompressed_gzip(),
    );
    // The icon has a fixed name: a day, then asked again.
    let favicon = cached("public, max-age=86400")
        .layer(tower_http::services::ServeFile::new(format!("{site_root}/favicon.svg")).precompressed_gzip());
    pages
        .nest_service(&format!("/{pkg_dir}"), pkg)
        .route_service("/favicon.svg", favicon)
        .merge(api_routes)
        .route("/logga-ut", post(logout::logout))
        .route(oidc::START_PATH, get(oidc::start))
        .route(oidc::CALLBACK_PATH, get(oidc::callback))
        .route("/admin/logg.csv", get(exports::audit_csv))
        .route("/admin/katalog.csv", get(exports::catalog_csv))
        .route("/forvaltning/uppfoljning.csv", get(exports::follow_up_csv))
        .route("/forvaltning/bemanning.csv", get(exports::follow_up_staffing_csv))
        .route("/koordinering/export.csv", get(exports::coordination_csv))
        .route("/tillgangar/export.csv", get(exports::assets_csv))
        .route("/tillgangar/import", post(imports::asset_import))
        .route("/interndebitering/export.csv", get(exports::charging_csv))
        .route("/statistik/automatisering.csv", get(exports::automation_csv))
        .route("/katalog/bild/{id}", get(images::item_image))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .layer(middleware::from_fn(error_bodies))
        .layer(middleware::from_fn(move |req, next| {
            guard::guard(undeclared.clone(), req, next)
        }))
        .layer(middleware::from_fn_with_state(state.clone(), identity::identify))
        .layer(middleware::from_fn_with_state(
            state.leptos_options.clone(),
            error_pages,
        ))
        .with_state(state)
        .merge(operator)
        .layer(middleware::from_fn(move |req, next| {
            security_headers(req, next, hsts, form_action.clone())
        }))
        // Inside the timeout: a request whose time runs out is answered 408
        // and still finishes its work (see `run_to_completion`).
        .layer(middleware::from_fn(run_to_completion))
        // The fastest level: per-request compression of large pages (a plan
        // of 200 goals is 450 KB of HTML) cost a third of the CPU at the
        // default level, and the region's network is not the bottleneck.
        // Gzip, not brotli, for what is compressed per request: at their
        // fastest levels brotli took 3-4 times gzip's time for the same size
        // (the 35 KB catalogue page: about 200 against 60 µs, 6.9 against
        // 7.6 KB). The app's files keep their brotli copies made at build.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest).no_br())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            options.request_timeout,
        ))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
            let id = req
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        // Outermost, so that a timeout's 408 and the final headers count;
        // each route's template is known here too (a layer wraps each route).
        .layer(middleware::from_fn(metrics::track_requests))
}

/// Runs the request on a task of its own, to its end, also when its client
/// goes away or its time runs out; the answer to a client that left is
/// dropped.
///
/// Without it, hyper drops a request's future when the client disconnects
/// (the timeout layer does when the time is up), and whatever the handler
/// was awaiting is cancelled there. sqlx 0.8 on PostgreSQL is not safe at
/// one such point: a transaction's `BEGIN` sent and its answer not yet read.
/// The connection then goes back to the pool inside a transaction that
/// nobody ends (sqlx issue 4393; SeaORM 1.1 is on sqlx 0.8.6, which has
/// it): the next borrower's statements run in it, keep its locks and are
/// lost if it is rolled back. The bench met it when its 50 clients stopped
/// mid-request (PostgreSQL's warning "there is already a transaction in
/// progress"). A handler that runs to its end is never stopped there, nor
/// halfway through any other sequence of writes.
pub(crate) async fn run_to_completion(req: Request<Body>, next: Next) -> Response {
    use tracing::Instrument;
    // The request's span (its id in every log line) goes along.
    match tokio::spawn(next.run(req).in_current_span()).await {
        Ok(res) => res,
        // A handler that panicked panics here, as it did on this task.
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        // Aborted: only the runtime shutting down does that.
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// A server function's error answered before its body ran (arguments
/// that cannot be read, a body over the limit) comes from leptos as 500;
/// its JSON says what it is, and that decides the status, as
/// `state::with_status` does for errors of the body.
///
/// On the JSON API, a refusal of axum's own extractors (an id that is not
/// a number, a query value of the wrong type, a body that is not JSON, too
/// large or of another content type) comes as text; it gets the API's
/// error body with the same status.
async fn error_bodies(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    let api = path.starts_with(identity::TOKEN_PATHS);
    let server_fn = path.starts_with("/api/") && !api;
    let mut res = next.run(req).await;
    if api && res.status() == StatusCode::UNAUTHORIZED && !res.headers().contains_key(header::WWW_AUTHENTICATE) {
        // A 401 names the scheme the API takes (RFC 9110).
        res.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    if api && res.status().is_client_error() {
        return api_error_body(res).await;
    }
    if !server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR || too_large(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The largest error body read to give it its status or turn it into a
/// page: the app's error bodies are small, and a body known to be larger is
/// not one of them and passes as it is (read, it would be cut off).
const ERROR_BODY_LIMIT: usize = 1 << 16;

pub(crate) fn too_large(res: &Response) -> bool {
    axum::body::HttpBody::size_hint(res.body()).lower() > ERROR_BODY_LIMIT as u64
}

/// A browser that navigates (outside `/api/`, accepting HTML, sending no
/// `Authorization`: a caller with a key is a program) gets an
/// error as a Swedish page, never the JSON body the API and the server
/// functions answer: the database unreachable while the session is read
/// (503, with "Försök igen"), a CSV link the person may not follow (403).
/// The status stays; a body that is not the app's error is left alone.
async fn error_pages(State(options): State<leptos::config::LeptosOptions>, req: Request<Body>, next: Next) -> Response {
    let page = !req.uri().path().starts_with("/api/")
        && !req.headers().contains_key(header::AUTHORIZATION)
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    if !page {
        return next.run(req).await;
    }
    let again = (req.method() == Method::GET)
        .then(|| req.uri().path_and_query().map(|p| p.to_string()))
        .flatten();
    let res = next.run(req).await;
    let status = res.status();
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json || too_large(&res) || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(error) = serde_json::from_slice::<app::error::ErrorBody>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    // Asking again helps when the cause passes (503, 429, 500), not when
    // the answer is a refusal.
    let retry = again.filter(|_| status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS);
    let html = app::pages::error_document(options, &error, retry);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(html))
}

/// A 4xx of the API that is not JSON, as the API's error body.
async fn api_error_body(res: Response) -> Response {
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, 1 << 16)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let detail = if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    };
    let (error, message) = match parts.status {
        StatusCode::NOT_FOUND => ("not_found", "Det finns ingenting på den adressen.".to_owned()),
        StatusCode::METHOD_NOT_ALLOWED if !text.is_empty() => (
            "method_not_allowed",
            format!("Adressen tar inte emot den metoden, bara {text}."),
        ),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "Adressen tar inte emot den metoden.".to_owned()),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "Innehållet är för stort.".to_owned()),
        StatusCode::URI_TOO_LONG => ("too_large", "Adressen är för lång.".to_owned()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            format!("Innehållet ska vara JSON (Content-Type: application/json){detail}."),
        ),
        StatusCode::UNPROCESSABLE_ENTITY => ("validation", format!("Innehållet har fel form{detail}.")),
        _ => ("bad_request", format!("Begäran kunde inte läsas{detail}.")),
    };
    let body = app::error::ErrorBody {
        error: error.to_owned(),
        message,
        field: None,
        state: None,
        problems: Vec::new(),
    };
    let mut res = (parts.status, axum::Json(body)).into_response();
    // Keep what the refusal said besides its body (`Allow`, `WWW-Authenticate`).
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            res.headers_mut().insert(name.clone(), value.clone());
        }
    }
    res
}

/// The CSP of HTML pages: only our own files and the inline scripts Leptos
/// writes with this response's nonce may run; forms go to Avrop (and, with
/// an identity provider, to its logout: `form_action`).
pub fn page_csp(nonce: &str, form_action: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action {form_action}; frame-ancestors 'none'"
    )
}

fn new_nonce() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Headers every response carries. A fresh nonce per request is handed to
/// Leptos (request extension) and named in the page's CSP; other responses
/// get a CSP that allows nothing.
async fn security_headers(
    mut req: Request<Body>,
    next: Next,
    hsts: bool,
    form_action: std::sync::Arc<str>,
) -> Response {
    let nonce = new_nonce();
    req.extensions_mut().insert(app::CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    let csp = if is_html {
        HeaderValue::from_str(&page_csp(&nonce, &form_action)).unwrap_or(HeaderValue::from_static("default-src 'none'"))
    } else {
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
    };
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    if hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}
