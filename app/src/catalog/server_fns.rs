//! Server functions of the catalogue: thin adapters over `service`.

use super::dto::{CatalogFilter, CatalogPage, ItemDetail};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::state::{serve, Gate};
use leptos::prelude::*;

#[server(endpoint = "catalog/page")]
pub async fn get_catalog_page(filter: CatalogFilter) -> Result<CatalogPage, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let cache = crate::state::kept::<super::snapshot::CatalogCache>()?;
        super::service::catalog_page(&ctx, &db, &cache, filter, chrono::Local::now().date_naive()).await
    })
    .await
}

#[server(endpoint = "catalog/item")]
pub async fn get_item(id: i32) -> Result<ItemDetail, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::item_detail(&ctx, &db, id, chrono::Local::now().date_naive()).await
    })
    .await
}
