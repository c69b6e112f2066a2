//! Server functions of the catalogue administration: thin adapters over
//! `service` and `import`. Each checks the catalogue manager role first.

// Forms post their fields one by one, so that a plain HTML form works.
#![allow(clippy::too_many_arguments)]

use super::dto::{AdminBundle, AdminItem, AdminItemList, ImportReport};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{domain::authz::Permission, state::serve};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// After a successful change, this instance's catalogue copy is stale.
#[cfg(feature = "ssr")]
fn touched<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if result.is_ok() {
        if let Ok(cache) = crate::state::kept::<crate::catalog::snapshot::CatalogCache>() {
            cache.invalidate();
        }
    }
    result
}

/// An id posted by a form: empty means "new".
#[cfg(feature = "ssr")]
fn optional_id(id: &str) -> Result<Option<i32>, AppError> {
    match id.trim() {
        "" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| AppError::not_found("Det finns inget sådant id.")),
    }
}

#[server(endpoint = "catalog_admin/items")]
pub async fn get_admin_items(q: String, page: u64) -> Result<AdminItemList, AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        super::service::list(&ctx, &db, &q, page, today()).await
    })
    .await
}

#[server(endpoint = "catalog_admin/item")]
pub async fn get_admin_item(id: Option<i32>) -> Result<AdminItem, AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        super::service::get_item(&ctx, &db, id, today()).await
    })
    .await
}

/// Creates or updates an item; returns its id.
#[server(endpoint = "catalog_admin/save_item")]
pub async fn save_item(
    id: String,
    article_number: String,
    name: String,
    description: String,
    kind: String,
    category_id: String,
    supplier_id: String,
    agreement_id: String,
    service_level: String,
    binding_months: String,
    notice_months: String,
) -> Result<i32, AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        let form = super::dto::ItemForm {
            article_number,
            name,
            description,
            kind,
            category_id,
            supplier_id,
            agreement_id,
            service_level,
            binding_months,
            notice_months,
        };
        touched(super::service::save_item(&ctx, &db, optional_id(&id)?, form).await)
    })
    .await
}

#[server(endpoint = "catalog_admin/set_active")]
pub async fn set_item_active(id: i32, active: bool) -> Result<(), AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(super::service::set_active(&ctx, &db, id, active).await)
    })
    .await
}

#[server(endpoint = "catalog_admin/add_price")]
pub async fn add_price(item_id: i32, valid_from: String, one_off: String, monthly: String) -> Result<(), AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(super::service::add_price(&ctx, &db, item_id, &valid_from, &one_off, &monthly, today()).await)
    })
    .await
}

#[server(endpoint = "catalog_admin/add_rule")]
pub async fn add_rule(item_id: i32, rule_kind: String, target_article: String) -> Result<(), AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(super::service::add_rule(&ctx, &db, item_id, &rule_kind, &target_article).await)
    })
    .await
}

#[server(endpoint = "catalog_admin/remove_rule")]
pub async fn remove_rule(rule_id: i32) -> Result<(), AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(super::service::remove_rule(&ctx, &db, rule_id).await)
    })
    .await
}

#[server(endpoint = "catalog_admin/bundles")]
pub async fn get_admin_bundles() -> Result<Vec<AdminBundle>, AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        super::service::bundles(&ctx, &db).await
    })
    .await
}

/// Creates or updates a bundle; returns its id.
#[server(endpoint = "catalog_admin/save_bundle")]
pub async fn save_bundle(
    id: String,
    code: String,
    name: String,
    description: String,
    main_article: String,
    active: Option<String>,
) -> Result<i32, AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        let form = super::service::BundleForm {
            code,
            name,
            description,
            main_article,
            active: active.is_some(),
        };
        touched(super::service::save_bundle(&ctx, &db, optional_id(&id)?, form).await)
    })
    .await
}

#[server(endpoint = "catalog_admin/add_part")]
pub async fn add_bundle_part(
    bundle_id: i32,
    part_article: String,
    required: Option<String>,
    quantity: String,
) -> Result<(), AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(
            super::service::add_bundle_part(&ctx, &db, bundle_id, &part_article, required.is_some(), &quantity).await,
        )
    })
    .await
}

#[server(endpoint = "catalog_admin/remove_part")]
pub async fn remove_bundle_part(part_id: i32) -> Result<(), AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(super::service::remove_bundle_part(&ctx, &db, part_id).await)
    })
    .await
}

/// Checks (`dry_run`) or imports a catalogue CSV file.
#[server(endpoint = "catalog_admin/import")]
pub async fn import_catalog(csv: String, dry_run: bool) -> Result<ImportReport, AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(super::import::import_csv(&ctx, &db, &csv, dry_run, today()).await)
    })
    .await
}

/// Stores the item's picture (base64 of a PNG, JPEG or WebP file).
#[server(endpoint = "catalog_admin/set_image")]
pub async fn set_item_image(item_id: i32, image_base64: String) -> Result<(), AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(super::service::set_image(&ctx, &db, item_id, &image_base64).await)
    })
    .await
}

#[server(endpoint = "catalog_admin/remove_image")]
pub async fn remove_item_image(item_id: i32) -> Result<(), AppError> {
    serve(Permission::ManageCatalog, |ctx, db| async move {
        touched(super::service::remove_image(&ctx, &db, item_id).await)
    })
    .await
}
