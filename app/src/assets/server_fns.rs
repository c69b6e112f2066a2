//! Server functions of the asset register. Thin adapters over `service`:
//! numbers and codes arrive as the forms send them and a malformed one is
//! a field error or not found, never a failure.

use super::dto::{AssetDetail, AssetFilter, AssetPage, AssetRow};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::state::{serve, Gate};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn asset_id(text: &str) -> Result<i32, AppError> {
    text.trim()
        .parse::<i32>()
        .map_err(|_| AppError::not_found("Tillgången finns inte."))
}

/// The version a form was showing; anything else is a page too old to
/// trust.
#[cfg(feature = "ssr")]
fn form_version(text: &str) -> Result<i32, AppError> {
    text.trim()
        .parse::<i32>()
        .map_err(|_| AppError::conflict("Sidan är för gammal: ladda om den och försök igen."))
}

/// The list under `filter` (the address's parameters): every asset for the
/// register's keepers, one's own for everyone else.
#[server(endpoint = "assets/list")]
pub async fn list_assets(filter: AssetFilter) -> Result<AssetPage, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::page_with_options(&ctx, &db, filter).await
    })
    .await
}

#[server(endpoint = "assets/detail")]
pub async fn get_asset(id: String) -> Result<AssetDetail, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::detail(&ctx, &db, asset_id(&id)?).await
    })
    .await
}

/// A keeper of the register moves asset `id` to `status`, with a reason
/// (and the disk destruction certificate's reference to wipe it), on the
/// `version` the form was showing.
#[server(endpoint = "assets/status")]
pub async fn set_asset_status(
    id: String,
    version: String,
    status: String,
    reason: String,
    certificate: Option<String>,
) -> Result<AssetDetail, AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        let id = asset_id(&id)?;
        let version = form_version(&version)?;
        let to = crate::domain::assets::AssetStatus::parse(status.trim())
            .ok_or_else(|| AppError::validation("status", "Välj en ny status i listan."))?;
        let change = super::service::StatusChange {
            version,
            to,
            reason,
            certificate,
        };
        super::service::set_status(&ctx, &db, id, change).await
    })
    .await
}

/// The assets registered from order `order_id` that the caller may see.
#[server(endpoint = "assets/of-order")]
pub async fn order_assets(order_id: String) -> Result<Vec<AssetRow>, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let id = order_id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::not_found("Beställningen finns inte."))?;
        super::service::of_order(&ctx, &db, id).await
    })
    .await
}

/// A keeper of the register moves asset `id` to `user_id`, the cost centre
/// with code `cost_center` and `location`, with a reason, on the
/// `version` the form was showing.
#[server(endpoint = "assets/transfer")]
pub async fn transfer_asset(
    id: String,
    version: String,
    user_id: String,
    cost_center: String,
    location: String,
    reason: String,
) -> Result<AssetDetail, AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        let id = asset_id(&id)?;
        let version = form_version(&version)?;
        let user_id = user_id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::validation("user_id", "Välj en medarbetare som användare."))?;
        let t = super::service::Transfer {
            version,
            user_id,
            cost_center,
            location,
            reason,
        };
        super::service::transfer(&ctx, &db, id, t).await
    })
    .await
}

/// A keeper of the register records today's inventory of asset `id`:
/// `found` = `1` found, anything else not found (then `note` says where
/// it was looked for).
#[server(endpoint = "assets/inventory")]
pub async fn inventory_asset(
    id: String,
    version: String,
    found: String,
    note: String,
) -> Result<AssetDetail, AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        let id = asset_id(&id)?;
        let version = form_version(&version)?;
        let found = match found.trim() {
            "1" => true,
            "0" => false,
            _ => return Err(AppError::validation("found", "Välj om tillgången hittades.")),
        };
        super::service::inventory(&ctx, &db, id, version, found, &note).await
    })
    .await
}

/// "Byt ut" on asset `id` (its user or a keeper of the register): puts the
/// model's standard replacement in the caller's cart and answers the
/// checkout's address, linked to the asset.
#[server(endpoint = "assets/replace")]
pub async fn replace_asset(id: String) -> Result<String, AppError> {
    serve(crate::domain::authz::Permission::Order, |ctx, db| async move {
        super::service::start_replacement(&ctx, &db, asset_id(&id)?).await
    })
    .await
}

/// The replacement forecast for end of life at `age` months from delivery
/// (empty: 48).
#[server(endpoint = "assets/forecast")]
pub async fn get_forecast(age: String) -> Result<super::dto::Forecast, AppError> {
    serve(
        crate::domain::authz::Permission::ReadReplacementForecast,
        |ctx, db| async move {
            let age = super::forecast::age_of(&age)?;
            super::forecast::forecast(&ctx, &db, age, chrono::Local::now().date_naive()).await
        },
    )
    .await
}

/// The latest imports of older registers (keepers of the register).
#[server(endpoint = "assets/imports")]
pub async fn list_asset_imports() -> Result<super::dto::AssetImports, AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        super::import::recent(&ctx, &db).await
    })
    .await
}

/// Import `id` with its progress and problems.
#[server(endpoint = "assets/import")]
pub async fn get_asset_import(id: String) -> Result<super::dto::AssetImport, AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        let id = id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::not_found("Importen finns inte."))?;
        super::import::get(&ctx, &db, id).await
    })
    .await
}

/// Imports the file of the caller's clean check `id`, in the background.
#[server(endpoint = "assets/import/confirm")]
pub async fn confirm_asset_import(id: String) -> Result<super::dto::AssetImport, AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        let id = id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::not_found("Importen finns inte."))?;
        super::import::confirm(&ctx, &db, id).await?;
        super::import::spawn(db.clone(), id);
        super::import::get(&ctx, &db, id).await
    })
    .await
}
