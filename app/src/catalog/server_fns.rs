//! Server functions of the catalogue: thin adapters over `service`.

use super::dto::{CatalogFilter, CatalogPage, ItemDetail};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "catalog/page")]
pub async fn get_catalog_page(filter: CatalogFilter) -> Result<CatalogPage, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        let cache = crate::state::app_state()?.catalog;
        super::service::catalog_page(&ctx, &db, &cache, filter, chrono::Local::now().date_naive()).await
    })
    .await
}

#[server(endpoint = "catalog/item")]
pub async fn get_item(id: i32) -> Result<ItemDetail, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::item_detail(&ctx, &db, id, chrono::Local::now().date_naive()).await
    })
    .await
}
