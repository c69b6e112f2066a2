//! `GET /api/v1/assets`, `GET /api/v1/assets/{id}` and
//! `PATCH /api/v1/assets/{id}` (with `If-Match`): the asset register.

use super::body::ApiJson;
use app::assets::dto::{AssetDetail, AssetFilter, AssetRow};
use app::assets::service;
use app::ctx::{require_signed_in, Ctx};
use app::domain::assets::AssetStatus;
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// A page of assets; `next_cursor` is set when there are more.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssetList {
    pub items: Vec<AssetRow>,
    pub next_cursor: Option<String>,
}

/// The assets under the filter, newest registered first (`sortering=aldst`:
/// oldest first), 50 a page. Keepers of the register (IT Asset Manager)
/// see every asset; anyone else their own.
/// A bearer token needs the permission `assets:read`.
#[utoipa::path(
    get,
    path = "/api/v1/assets",
    tag = "assets",
    params(
        ("q" = Option<String>, Query, max_length = 200, description = "A tag or serial number (exact), or a part of the model's or (for keepers) the user's name (at most 200 characters)"),
        ("status" = Option<String>, Query, description = "in_stock, in_use, in_repair, stolen, lost, collected, wiped or retired"),
        ("modell" = Option<i32>, Query, description = "A hardware model's catalogue item id"),
        ("modellnamn" = Option<String>, Query, max_length = 200, description = "A part of a hardware model's name or article number, in any case (at most 200 characters; 2 000 models at most may match)"),
        ("forvaltning" = Option<i32>, Query, description = "A förvaltning's id"),
        ("kostnadsstalle" = Option<String>, Query, description = "A cost centre's code"),
        ("garanti" = Option<String>, Query, description = "giltig, snart (ends within 90 days) or utgangen"),
        ("aldre_an" = Option<i32>, Query, description = "Delivered at least this many years ago (1–20)"),
        ("sortering" = Option<String>, Query, description = "nyast (default) or aldst"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page"),
    ),
    security(("bearer" = ["assets:read"]), ("session" = [])),
    responses(
        (status = 200, description = "A page of assets", body = AssetList),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `assets:read`", body = ErrorBody),
        (status = 422, description = "A filter value is wrong; `field` names it", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<AssetList>, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::AssetsRead)?;
    let filter = AssetFilter::from_params(|k| {
        let name = if k == "efter" { "cursor" } else { k };
        q.get(name).cloned()
    });
    let page = service::page(&ctx, &state.db, filter).await.map_err(|e| match e {
        AppError::Validation { field, message } if field.as_deref() == Some("efter") => AppError::Validation {
            field: Some("cursor".into()),
            message,
        },
        other => other,
    })?;
    Ok(Json(AssetList {
        items: page.rows,
        next_cursor: page.next_cursor,
    }))
}

fn with_etag(a: AssetDetail) -> Response {
    ([(header::ETAG, super::body::etag(a.version))], Json(a)).into_response()
}

/// One asset with its history (newest first). The `ETag` is its version,
/// for `If-Match` on `PATCH`. Another person's asset is not found unless
/// the caller keeps the register.
/// A bearer token needs the permission `assets:read`.
#[utoipa::path(
    get,
    path = "/api/v1/assets/{id}",
    tag = "assets",
    params(("id" = i32, Path, description = "Asset id")),
    security(("bearer" = ["assets:read"]), ("session" = [])),
    responses(
        (status = 200, description = "The asset", body = AssetDetail),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `assets:read`", body = ErrorBody),
        (status = 404, description = "No such asset, or another person's", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::AssetsRead)?;
    Ok(with_etag(service::detail(&ctx, &state.db, id).await?))
}

/// A change of an asset: either a new `status` (with `certificate` to wipe
/// it), or a transfer (any of `user_id`, `cost_center`, `location`; the
/// ones left out stay). `reason` always.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetPatch {
    /// in_stock, in_use, in_repair, stolen, lost, collected, wiped or retired.
    pub status: Option<String>,
    /// The disk destruction certificate's reference (to wipe).
    pub certificate: Option<String>,
    /// The new user: a person's id.
    pub user_id: Option<i32>,
    /// The new cost centre's code.
    pub cost_center: Option<String>,
    pub location: Option<String>,
    pub reason: String,
}

/// Changes an asset's status or moves it to another user, cost centre or
/// location, each change on its history with the reason. `If-Match` must
/// carry the version the change started from; if the asset changed since,
/// nothing is written (409).
/// A bearer token needs the permission `assets:write`.
#[utoipa::path(
    patch,
    path = "/api/v1/assets/{id}",
    tag = "assets",
    params(
        ("id" = i32, Path, description = "Asset id"),
        ("If-Match" = String, Header, description = "The ETag (version) the change started from, e.g. \"3\""),
    ),
    request_body = AssetPatch,
    security(("bearer" = ["assets:write"]), ("session" = [])),
    responses(
        (status = 200, description = "Changed; the asset as it is now, its `ETag` the new version", body = AssetDetail),
        (status = 403, description = "Not the IT Asset Manager, or the token lacks `assets:write`", body = ErrorBody),
        (status = 404, description = "No such asset", body = ErrorBody),
        (status = 409, description = "The asset changed since the version in If-Match, or the lifecycle does not allow the move (`state` is the asset's status)", body = ErrorBody),
        (status = 422, description = "A field is wrong or missing; `field` names it", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn patch(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<AssetPatch>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::AssetsWrite)?;
    app::ctx::require(&ctx, app::domain::authz::Permission::ManageAssets)?;
    let version = match super::body::if_match_version(
        &headers,
        "Skicka If-Match med tillgångens version (ETag) från GET.",
        "If-Match ska vara tillgångens version, till exempel \"3\".",
    ) {
        Ok(v) => v,
        Err(answer) => return Ok(*answer),
    };
    let moves = body.user_id.is_some() || body.cost_center.is_some() || body.location.is_some();
    match (body.status, moves) {
        (Some(_), true) => Err(AppError::validation(
            "status",
            "Ändra status och flytta tillgången i två anrop.",
        )),
        (None, false) => Err(AppError::validation(
            "status",
            "Ange status, eller user_id, cost_center eller location att flytta till.",
        )),
        (Some(status), false) => {
            let to = AssetStatus::parse(status.trim()).ok_or_else(|| {
                AppError::validation(
                    "status",
                    "status ska vara in_stock, in_use, in_repair, stolen, lost, collected, wiped eller retired.",
                )
            })?;
            let change = service::StatusChange {
                version,
                to,
                reason: body.reason,
                certificate: body.certificate,
            };
            Ok(with_etag(service::set_status(&ctx, &state.db, id, change).await?))
        }
        (None, true) => {
            let now = service::detail(&ctx, &state.db, id).await?;
            let user_id = match body.user_id.or(now.user_id) {
                Some(u) => u,
                None => {
                    return Err(AppError::validation(
                        "user_id",
                        "Ange user_id: tillgången har ingen användare.",
                    ))
                }
            };
            let t = service::Transfer {
                version,
                user_id,
                cost_center: body.cost_center.unwrap_or(now.cost_center_code),
                location: body.location.unwrap_or(now.location),
                reason: body.reason,
            };
            Ok(with_etag(service::transfer(&ctx, &state.db, id, t).await?))
        }
    }
}
