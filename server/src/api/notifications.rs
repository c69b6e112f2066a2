//! `GET /api/v1/notifications` and `POST /api/v1/notifications/{id}/read`:
//! the caller's own notifications (each person sees only theirs).

use app::ctx::{require_signed_in, Ctx};
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Serialize;
use utoipa::ToSchema;

/// One notification.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationItem {
    pub id: i32,
    /// `to_attest`, `decision`, `reminder` or `escalation`.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// A path in Avrop (`/bestallningar/12`): put the public URL before it.
    pub link: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Absent while unread.
    pub read_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The caller's newest notifications (at most 100), newest first, and how
/// many of all theirs are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationItem>,
    pub unread: u64,
}

/// The caller's notifications. A bearer token needs `notifications:read`
/// and reads its owner's.
#[utoipa::path(
    get,
    path = "/api/v1/notifications",
    tag = "notifications",
    security(("bearer" = ["notifications:read"]), ("session" = [])),
    responses(
        (status = 200, description = "Newest first, with the unread count", body = NotificationList),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `notifications:read`", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> Result<Json<NotificationList>, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::NotificationsRead)?;
    let list = app::notify::service::list(&ctx, &state.db, app::notify::service::LIST_LIMIT).await?;
    Ok(Json(NotificationList {
        unread: list.unread,
        items: list
            .items
            .into_iter()
            .map(|n| NotificationItem {
                id: n.id,
                kind: n.kind.as_str().to_owned(),
                title: n.title,
                body: n.body,
                link: n.link,
                created_at: n.created_at,
                read_at: n.read_at,
            })
            .collect(),
    }))
}

/// Marks one of the caller's notifications as read (again is fine).
/// Someone else's is not found.
#[utoipa::path(
    post,
    path = "/api/v1/notifications/{id}/read",
    tag = "notifications",
    params(("id" = i32, Path, description = "The notification")),
    security(("bearer" = ["notifications:read"]), ("session" = [])),
    responses(
        (status = 204, description = "Read"),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `notifications:read`", body = ErrorBody),
        (status = 404, description = "No such notification of the caller's", body = ErrorBody),
    )
)]
pub async fn mark_read(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<StatusCode, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::NotificationsRead)?;
    app::notify::service::mark_read(&ctx, &state.db, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
