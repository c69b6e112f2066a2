//! `GET /katalog/bild/{id}`: the catalogue's item pictures.

use app::ctx::Ctx;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// `GET /katalog/bild/{id}`: an item's picture. Its address carries a
/// version (`?v=`), so the browser may keep it.
pub async fn item_image(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Response, AppError> {
    app::ctx::require_signed_in(&ctx)?;
    let (content_type, bytes) = app::catalog::admin::service::image(&ctx, &state.db, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, max-age=31536000, immutable".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
