//! An item's picture: stored in the database, served to anyone signed in.

use super::items::find_item;
use crate::audit::service::record;
use crate::catalog::snapshot::{self, Change};
use crate::ctx::{require, Ctx};
use crate::domain::catalog;
use crate::entities::item_image;
use crate::error::AppError;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait};
use serde_json::json;

/// Stores the item's picture, given as base64 (PNG, JPEG or WebP, at most
/// 1 MiB), replacing any earlier one.
pub async fn set_image<C>(ctx: &Ctx, db: &C, item_id: i32, image_base64: &str) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    use base64::Engine as _;
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(image_base64.trim())
        .map_err(|_| AppError::validation("image", "Bilden kunde inte läsas. Välj filen igen."))?;
    if bytes.len() > catalog::MAX_IMAGE_BYTES {
        return Err(AppError::validation(
            "image",
            "Bilden är större än 1 MB. Spara den i en mindre storlek och försök igen.",
        ));
    }
    let content_type = catalog::image_type(&bytes)
        .ok_or_else(|| AppError::validation("image", "Välj en bild i formatet PNG, JPEG eller WebP."))?;
    let it = find_item(db, item_id).await?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(db).await?;
    item_image::Entity::delete_by_id(item_id).exec(&txn).await?;
    item_image::ActiveModel {
        item_id: Set(item_id),
        content_type: Set(content_type.to_owned()),
        bytes: Set(bytes),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let mut model = it.into_active_model();
    model.image_path = Set(Some(format!("/katalog/bild/{item_id}?v={}", now.timestamp())));
    model.update(&txn).await?;
    snapshot::changed(&txn, Change::Items(&[item_id])).await?;
    record(
        &txn,
        ctx,
        "catalog.image_set",
        Some("item"),
        Some(&item_id.to_string()),
        json!({ "content_type": content_type }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_image<C>(ctx: &Ctx, db: &C, item_id: i32) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let it = find_item(db, item_id).await?;
    let txn = crate::db::begin_write(db).await?;
    item_image::Entity::delete_by_id(item_id).exec(&txn).await?;
    let mut model = it.into_active_model();
    model.image_path = Set(None);
    model.update(&txn).await?;
    snapshot::changed(&txn, Change::Items(&[item_id])).await?;
    record(
        &txn,
        ctx,
        "catalog.image_removed",
        Some("item"),
        Some(&item_id.to_string()),
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The picture of an item for anyone signed in: content type and bytes.
pub async fn image<C: ConnectionTrait>(ctx: &Ctx, db: &C, item_id: i32) -> Result<(String, Vec<u8>), AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let img = item_image::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Artikeln har ingen bild."))?;
    Ok((img.content_type, img.bytes))
}
