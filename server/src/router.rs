//! The whole HTTP surface: pages, server functions, the JSON API, probes and
//! the middleware around them.

use crate::{api, exports, guard, health, identity, images, imports, logout};
use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Options that vary between deployments.
#[derive(Debug, Clone, Copy)]
pub struct RouterOptions {
    pub request_timeout: Duration,
    /// Send HSTS (only when served over https).
    pub hsts: bool,
}

impl Default for RouterOptions {
    fn default() -> Self {
        RouterOptions {
            request_timeout: Duration::from_secs(30),
            hsts: false,
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
        ));

    let hsts = options.hsts;
    // The app's own files (wasm, JS, CSS) straight from their directory.
    // Through the page fallback, a file was answered inside an owner that
    // could see the response options of a page rendered at the same time
    // on the same thread: the wasm once came back with that page's 404.
    let pkg_dir = state.leptos_options.site_pkg_dir.to_string();
    let pkg = tower_http::services::ServeDir::new(format!("{}/{pkg_dir}", state.leptos_options.site_root))
        .precompressed_br()
        .precompressed_gzip();
    pages
        .nest_service(&format!("/{pkg_dir}"), pkg)
        .merge(api_routes)
        .route("/logga-ut", post(logout::logout))
        .route("/admin/logg.csv", get(exports::audit_csv))
        .route("/admin/katalog.csv", get(exports::catalog_csv))
        .route("/forvaltning/uppfoljning.csv", get(exports::follow_up_csv))
        .route("/koordinering/export.csv", get(exports::coordination_csv))
        .route("/tillgangar/export.csv", get(exports::assets_csv))
        .route("/tillgangar/import", post(imports::asset_import))
        .route("/interndebitering/export.csv", get(exports::charging_csv))
        .route("/statistik/automatisering.csv", get(exports::automation_csv))
        .route("/katalog/bild/{id}", get(images::item_image))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn(move |req, next| {
            guard::guard(undeclared.clone(), req, next)
        }))
        .layer(middleware::from_fn_with_state(state.clone(), identity::identify))
        .with_state(state)
        .layer(middleware::from_fn(move |req, next| security_headers(req, next, hsts)))
        // The fastest level: per-request compression of large pages (a plan
        // of 200 goals is 450 KB of HTML) cost a third of the CPU at the
        // default level, and the region's network is not the bottleneck.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
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
}

/// A server function's error answered before its body ran (arguments
/// that cannot be read, a body over the limit) comes from leptos as 500;
/// its JSON says what it is, and that decides the status, as
/// `state::with_status` does for errors of the body.
async fn server_fn_status(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    let server_fn = path.starts_with("/api/") && !path.starts_with("/api/v1/");
    let res = next.run(req).await;
    if !server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 16).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The CSP of HTML pages: only our own files and the inline scripts Leptos
/// writes with this response's nonce may run.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

fn new_nonce() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Headers every response carries. A fresh nonce per request is handed to
/// Leptos (request extension) and named in the page's CSP; other responses
/// get a CSP that allows nothing.
async fn security_headers(mut req: Request<Body>, next: Next, hsts: bool) -> Response {
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
        HeaderValue::from_str(&page_csp(&nonce)).unwrap_or(HeaderValue::from_static("default-src 'none'"))
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
