//! Who may call what under `/api/v1`: every operation declared with its
//! access rule and, for API keys, the permission it needs. The guard applies
//! the declaration before the handler runs (the handlers check again in
//! their first statements); an operation that is not declared answers 404
//! for everyone (fail closed), and the role-matrix test fails.

use app::ctx::Ctx;
use app::domain::access::{decide, matches, Access, Decision};
use app::domain::roles::Role;
use app::domain::tokens::TokenPermission;
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// One operation of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    pub method: &'static str,
    /// The path as the OpenAPI document has it (`/api/v1/plans/{id}`).
    pub path: &'static str,
    pub access: Access,
    /// What an API key needs besides its owner's roles (`None`: nothing more).
    pub permission: Option<TokenPermission>,
    /// A permission that serves instead of `permission` (one order is read
    /// by its requester with `orders:read` and by its attester with
    /// `attest:read`).
    pub or: Option<TokenPermission>,
}

const fn op(
    method: &'static str,
    path: &'static str,
    access: Access,
    permission: Option<TokenPermission>,
) -> Operation {
    Operation {
        method,
        path,
        access,
        permission,
        or: None,
    }
}

/// An operation an API key may call with either of two permissions.
const fn op_either(
    method: &'static str,
    path: &'static str,
    access: Access,
    permission: TokenPermission,
    or: TokenPermission,
) -> Operation {
    Operation {
        or: Some(or),
        ..op(method, path, access, Some(permission))
    }
}

use Access::{Public, Role as R, SignedIn, Supplier};
use TokenPermission as P;

/// Every operation of the API. Object-level rules (whose order, which
/// object's plan) are the services' business: they answer 404 or 403.
pub const OPERATIONS: &[Operation] = &[
    op("GET", "/api/v1/openapi.json", Public, None),
    op("GET", "/api/v1/me", SignedIn, None),
    op("GET", "/api/v1/catalog/items", SignedIn, Some(P::CatalogRead)),
    op("GET", "/api/v1/catalog/items/{id}", SignedIn, Some(P::CatalogRead)),
    op(
        "POST",
        "/api/v1/catalog/import",
        R(Role::CatalogManager),
        Some(P::CatalogWrite),
    ),
    op("POST", "/api/v1/orders", R(Role::Requester), Some(P::OrdersWrite)),
    op("GET", "/api/v1/orders", R(Role::Requester), Some(P::OrdersRead)),
    op_either("GET", "/api/v1/orders/{id}", SignedIn, P::OrdersRead, P::AttestRead),
    op(
        "POST",
        "/api/v1/orders/{id}/cancel",
        R(Role::Requester),
        Some(P::OrdersWrite),
    ),
    // Attest rights and substitutions, not a role, decide each order.
    op("GET", "/api/v1/attest/pending", SignedIn, Some(P::AttestRead)),
    op("POST", "/api/v1/orders/{id}/decision", SignedIn, Some(P::AttestWrite)),
    op("GET", "/api/v1/attest/rights", R(Role::Admin), Some(P::AttestRights)),
    op("PUT", "/api/v1/attest/rights", R(Role::Admin), Some(P::AttestRights)),
    op(
        "POST",
        "/api/v1/attest/rights/import",
        R(Role::Admin),
        Some(P::AttestRights),
    ),
    op("GET", "/api/v1/org/units", SignedIn, Some(P::OrgRead)),
    op("GET", "/api/v1/objects", SignedIn, Some(P::PlansRead)),
    op("GET", "/api/v1/objects/{id}", SignedIn, Some(P::PlansRead)),
    op("POST", "/api/v1/objects/{id}/plans", SignedIn, Some(P::PlansWrite)),
    op("GET", "/api/v1/plans", SignedIn, Some(P::PlansRead)),
    op("GET", "/api/v1/plans/{id}", SignedIn, Some(P::PlansRead)),
    op("PUT", "/api/v1/plans/{id}", SignedIn, Some(P::PlansWrite)),
    op("POST", "/api/v1/plans/{id}/{action}", SignedIn, Some(P::PlansWrite)),
    op("GET", "/api/v1/portfolio/{year}", SignedIn, Some(P::PlansRead)),
    op("GET", "/api/v1/audit", R(Role::Admin), Some(P::AuditRead)),
    // Everyone's own notifications; the service answers 404 for another's.
    op("GET", "/api/v1/notifications", SignedIn, Some(P::NotificationsRead)),
    op(
        "POST",
        "/api/v1/notifications/{id}/read",
        SignedIn,
        Some(P::NotificationsRead),
    ),
    op("GET", "/api/v1/supplier/orders", Supplier, None),
    op("POST", "/api/v1/supplier/orders/{id}/ack", Supplier, None),
    op("POST", "/api/v1/supplier/events", Supplier, None),
    op(
        "GET",
        "/api/v1/statistics/automation",
        app::domain::access::STATISTICS,
        Some(P::StatisticsRead),
    ),
    // The register for its keepers, one's own assets for anyone else.
    op("GET", "/api/v1/assets", SignedIn, Some(P::AssetsRead)),
    op("GET", "/api/v1/assets/{id}", SignedIn, Some(P::AssetsRead)),
    op(
        "PATCH",
        "/api/v1/assets/{id}",
        R(Role::AssetManager),
        Some(P::AssetsWrite),
    ),
    // `2026-11` (JSON) or `2026-11.csv`.
    op(
        "GET",
        "/api/v1/charging/{period}",
        R(Role::AssetManager),
        Some(P::ChargingRead),
    ),
];

/// The declared operation a request belongs to. Literal paths win over
/// ones with parameters. `HEAD` is the `GET` without its body.
pub fn operation_of(method: &Method, path: &str) -> Option<Operation> {
    let method = if method == Method::HEAD { "GET" } else { method.as_str() };
    let candidates = || {
        OPERATIONS
            .iter()
            .filter(|o| o.method == method && matches(o.path, path))
    };
    candidates()
        .find(|o| !o.path.contains('{'))
        .or_else(|| candidates().next())
        .copied()
}

/// The methods the API takes at `path` (none: no such address), in the
/// order they are declared.
pub fn methods_at(path: &str) -> Vec<&'static str> {
    let mut methods: Vec<&'static str> = Vec::new();
    for o in OPERATIONS.iter().filter(|o| matches(o.path, path)) {
        if !methods.contains(&o.method) {
            methods.push(o.method);
        }
    }
    methods
}

/// Applies the declaration of the operation before its handler.
pub async fn guard(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    if !path.starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let Some(op) = operation_of(req.method(), path) else {
        let methods = methods_at(path);
        if methods.is_empty() {
            return AppError::not_found("Det finns ingen sådan adress i API:t.").into_response();
        }
        // An address the API has, with another method: 405 naming those
        // it takes (the error layer gives it the JSON error body).
        let allow = methods.join(", ");
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, allow.clone())], allow).into_response();
    };
    let anonymous = Ctx::anonymous();
    let ctx = req.extensions().get::<Ctx>().unwrap_or(&anonymous);
    let roles = ctx.is_signed_in().then_some(ctx.roles.as_slice());
    // A supplier's key reaches the supplier operations and nothing else.
    let refusal = match (ctx.supplier_id(), op.access) {
        (Some(_), Access::Supplier | Access::Public) => None,
        (Some(_), _) => Some(AppError::ForbiddenWithMessage {
            message: "En leverantörsnyckel gäller bara leverantörens beställningar under /api/v1/supplier/.".into(),
        }),
        (None, _) => person_refusal(op, ctx, roles),
    };
    match refusal {
        Some(e) => e.into_response(),
        None => next.run(req).await,
    }
}

/// Why a person's (or an anonymous) call of `op` is refused, if it is.
fn person_refusal(op: Operation, ctx: &Ctx, roles: Option<&[app::domain::roles::Role]>) -> Option<AppError> {
    match decide(op.access, roles) {
        Decision::SignIn => Some(AppError::Unauthorized),
        Decision::Forbidden => Some(AppError::Forbidden),
        Decision::Allowed => op.permission.and_then(|p| {
            let refused = ctx.require_permission(p).err()?;
            match op.or {
                Some(or) if ctx.require_permission(or).is_ok() => None,
                _ => Some(refused),
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_finds_its_declared_operation_by_method_and_path() {
        let of = |m: Method, p: &str| operation_of(&m, p).map(|o| o.path);
        assert_eq!(of(Method::GET, "/api/v1/plans/7"), Some("/api/v1/plans/{id}"));
        assert_eq!(
            of(Method::POST, "/api/v1/plans/7/adopt"),
            Some("/api/v1/plans/{id}/{action}")
        );
        assert_eq!(of(Method::DELETE, "/api/v1/plans/7"), None);
        assert_eq!(of(Method::GET, "/api/v1/orders"), Some("/api/v1/orders"));
        assert_eq!(
            of(Method::POST, "/api/v1/orders/7/decision"),
            Some("/api/v1/orders/{id}/decision")
        );
        assert_eq!(of(Method::GET, "/api/v1/finns-inte"), None);
        assert_eq!(of(Method::HEAD, "/api/v1/orders"), Some("/api/v1/orders"));
    }

    #[test]
    fn an_address_names_the_methods_it_takes() {
        assert_eq!(methods_at("/api/v1/plans/7"), ["GET", "PUT"]);
        assert_eq!(methods_at("/api/v1/orders"), ["POST", "GET"]);
        assert!(methods_at("/api/v1/finns-inte").is_empty());
    }
}
