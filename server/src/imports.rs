//! File uploads of pages: an older asset register's CSV file
//! (`/tillgangar/import`). The file is the request's body, so that a large
//! one is neither encoded as form text nor held twice in the browser.

use app::ctx::Ctx;
use app::error::AppError;
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use std::collections::HashMap;

/// `POST /tillgangar/import?fil=namn.csv&kontroll=1`: stores the body as an
/// import of the IT Asset Manager (a check only unless `kontroll=0`),
/// starts it on this instance and answers it (201) for its page to follow.
pub async fn asset_import(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
    body: Body,
) -> Result<Response, AppError> {
    app::ctx::require(&ctx, app::domain::authz::Permission::ManageAssets)?;
    let too_large = || {
        AppError::validation(
            "fil",
            "Filen kom inte fram hel, eller är större än 64 MB (dela då upp den i flera filer).",
        )
    };
    // One byte over the limit is enough to know.
    let bytes = axum::body::to_bytes(body, app::assets::import::MAX_BYTES + 1)
        .await
        .map_err(|_| too_large())?;
    let dry_run = q.get("kontroll").is_none_or(|v| v.trim() != "0");
    let name = q.get("fil").cloned().unwrap_or_default();
    let id = app::assets::import::start(&ctx, &state.db, &name, &bytes, dry_run).await?;
    app::assets::import::spawn(state.db.clone(), id);
    let import = app::assets::import::get(&ctx, &state.db, id).await?;
    Ok((StatusCode::CREATED, Json(import)).into_response())
}
