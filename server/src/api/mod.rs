//! The JSON API under `/api/v1`, documented by an OpenAPI 3 document that is
//! generated from the handlers (every route is registered together with its
//! documentation, so the two cannot drift apart).

pub mod access;
pub mod assets;
pub mod attest;
pub mod attest_rights;
pub mod audit;
pub mod body;
pub mod catalog;
pub mod charging;
pub mod me;
pub mod notifications;
pub mod objects;
pub mod orders;
pub mod org;
pub mod plans;
pub mod statistics;
pub mod supplier;

use app::error::{AppError, ErrorBody};
use app::state::AppState;
use axum::routing::{any, get};
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Avrop API",
        description = "Beställning, attest, leverans, tillgångar och förvaltningsplaner för regionens IT. \
                       Fel returneras som `{\"error\": kind, \"message\": text, \"field\"?: name}`. \
                       En API-nyckel (`Authorization: Bearer avrop_…`) gäller bara under `/api/v1/` och bara för \
                       de behörigheter den fick när den skapades (t.ex. `orders:read`); varje operation anger \
                       sin behörighet under `security`. `GET /api/v1/me` kräver ingen.",
        version = "1"
    ),
    components(schemas(ErrorBody)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "auth", description = "Inloggad användare och API-nycklar"),
        (name = "audit", description = "Loggen: vem gjorde vad, när och varifrån"),
        (name = "catalog", description = "Katalogen: artiklar med dagens pris, paket och regler"),
        (name = "plans", description = "Förvaltningsplaner: dokument, summeringar och beslut"),
        (name = "orders", description = "Beställningar: skicka, lista, visa och dra tillbaka"),
        (name = "attest", description = "Attest: beställningar som väntar på mitt beslut, godkänn eller avslå"),
        (name = "org", description = "Organisation: enheter, kostnadsställen och leveransadresser"),
        (name = "notifications", description = "Aviseringar: det som hänt och det som väntar på den inloggade"),
        (name = "statistics", description = "Statistik: automatiseringsgrad per leveransmånad"),
        (name = "assets", description = "Tillgångar: registret (IT-tillgångsförvaltare) eller mina egna, status och flytt"),
        (name = "charging", description = "Interndebitering: månadens debiteringsrader per kostnadsställe och tjänst, som JSON eller CSV"),
        (name = "supplier", description = "Leverantörs-API: leverantörens nya beställningar, kvittens och händelser (bekräftad, restnoterad, skickad, levererad, avvisad) med en leverantörsnyckel")
    )
)]
struct ApiDoc;

/// Bearer tokens (integrations) and the session cookie (the browser).
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "En API-nyckel från /admin/api-nycklar. Den gäller bara under /api/v1/ och bara för de \
                         behörigheter som operationen anger.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "supplier",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "En leverantörsnyckel (avrop-lev_…) från /admin/leverantorsnycklar. Den gäller bara \
                         leverantörs-API:t och bara den leverantörens beställningar.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(app::auth::service::SESSION_COOKIE))),
        );
    }
}

/// The API routes and their OpenAPI document.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me::me))
        .routes(routes!(catalog::list_items))
        .routes(routes!(catalog::get_item))
        .routes(routes!(catalog::import))
        .routes(routes!(orders::create, orders::list))
        .routes(routes!(orders::get))
        .routes(routes!(attest::pending))
        .routes(routes!(attest::decide))
        .routes(routes!(attest::cancel))
        .routes(routes!(attest_rights::list, attest_rights::replace))
        .routes(routes!(attest_rights::import))
        .routes(routes!(org::list_units))
        .routes(routes!(objects::list))
        .routes(routes!(objects::get))
        .routes(routes!(objects::create_plan))
        .routes(routes!(plans::list))
        .routes(routes!(plans::get, plans::put))
        .routes(routes!(plans::decide))
        .routes(routes!(plans::portfolio))
        .routes(routes!(audit::list))
        .routes(routes!(notifications::list))
        .routes(routes!(notifications::mark_read))
        .routes(routes!(supplier::orders))
        .routes(routes!(supplier::ack))
        .routes(routes!(supplier::event))
        .routes(routes!(statistics::automation))
        .routes(routes!(assets::list))
        .routes(routes!(assets::get, assets::patch))
        .routes(routes!(charging::month))
        .split_for_parts();
    let mut doc = doc;
    common_responses(&mut doc);
    let spec = doc.clone();
    let routes = routes
        .route("/api/v1/openapi.json", get(move || async move { Json(spec) }))
        .route("/api/v1", any(not_found))
        .route("/api/v1/", any(not_found))
        .route("/api/v1/{*rest}", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .layer(axum::middleware::from_fn(access::guard));
    (routes, doc)
}

/// The answers every operation can give besides its own, with the error
/// body: 400 (a path, query or body that cannot be read), 401 (no valid
/// session or key; a malformed `Authorization`), 429 (the rate limit) and
/// 500; an operation with a body also 413 (too large) and 415 (not JSON,
/// where it takes JSON). An operation's own description of one of these
/// is kept.
fn common_responses(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::Operation;
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let answer = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build()
    };
    let add = |op: &mut Operation, status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| answer(description).into());
    };
    for item in doc.paths.paths.values_mut() {
        let ops = [
            item.get.as_mut(),
            item.put.as_mut(),
            item.post.as_mut(),
            item.delete.as_mut(),
            item.patch.as_mut(),
        ];
        for op in ops.into_iter().flatten() {
            add(
                op,
                "400",
                "A path, query or body that cannot be read (`error`: `bad_request`)",
            );
            add(
                op,
                "401",
                "No valid session or key, or an `Authorization` that is not a bearer key",
            );
            add(op, "429", "Too many requests; try again later");
            add(
                op,
                "500",
                "A fault of ours, logged with the request id (`error`: `internal`)",
            );
            if op.request_body.is_some() {
                add(op, "413", "The body is too large");
                add(op, "415", "The body is not of the content type the operation takes");
            }
        }
    }
}

async fn not_found() -> AppError {
    AppError::not_found("Det finns ingen sådan adress i API:t.")
}
