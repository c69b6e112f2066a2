//! `GET /api/v1/me`.

use app::auth::dto::{Me, TokenRef};
use app::ctx::{require_signed_in, Actor, Ctx};
use app::error::{AppError, ErrorBody};
use app::state::AppState;
use axum::extract::State;
use axum::{Extension, Json};

/// The caller: the signed-in person (session cookie) or a token's owner,
/// with the token's permissions. Any valid token may call this; it needs no
/// permission.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "auth",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The caller with roles", body = Me),
        (status = 401, description = "No valid session or token", body = ErrorBody),
    )
)]
pub async fn me(State(state): State<AppState>, Extension(ctx): Extension<Ctx>) -> Result<Json<Me>, AppError> {
    require_signed_in(&ctx)?;
    let id = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let person = app::auth::service::current_user(&state.db, id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let (via, token) = match &ctx.actor {
        Actor::Token { name, permissions, .. } => (
            "token",
            Some(TokenRef {
                name: name.clone(),
                permissions: permissions.clone(),
            }),
        ),
        _ => ("session", None),
    };
    Ok(Json(Me {
        person,
        via: via.into(),
        token,
    }))
}
