//! Server functions of fulfilment: the administrator's supplier keys.
//! Thin adapters over `service`.

use super::dto::{CreatedSupplierKey, OrderDeviations, QueueFilter, QueuePage, SupplierKeysPage};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{domain::authz::Permission, state::serve};
use leptos::prelude::*;

#[server(endpoint = "fulfilment/keys")]
pub async fn supplier_keys() -> Result<SupplierKeysPage, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::service::keys::page(&ctx, &db).await
    })
    .await
}

/// `supplier_id` as the form sends it (a number; anything else is a field
/// error, not a failure).
#[server(endpoint = "fulfilment/keys/create")]
pub async fn create_supplier_key(supplier_id: String, name: String) -> Result<CreatedSupplierKey, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        let supplier_id = supplier_id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::validation("supplier_id", "Välj en leverantör i listan."))?;
        super::service::keys::create(&ctx, &db, supplier_id, &name).await
    })
    .await
}

#[server(endpoint = "fulfilment/keys/revoke")]
pub async fn revoke_supplier_key(id: String) -> Result<(), AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        let id = id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::not_found("Nyckeln finns inte."))?;
        super::service::keys::revoke(&ctx, &db, id).await
    })
    .await
}

/// A coordinator records by hand what happened to order `order_id`'s part
/// from `supplier_id`; the numbers and the date as the form sends them
/// (anything else is a field error, not a failure).
#[server(endpoint = "fulfilment/manual")]
pub async fn handle_part(
    order_id: String,
    supplier_id: String,
    action: String,
    reason: String,
    expected_delivery: Option<String>,
    tracking_number: Option<String>,
) -> Result<(), AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        let not_found = || AppError::not_found("Beställningen eller leverantörens del av den finns inte.");
        let order_id = order_id.trim().parse::<i32>().map_err(|_| not_found())?;
        let supplier_id = supplier_id.trim().parse::<i32>().map_err(|_| not_found())?;
        let expected_delivery = match expected_delivery.as_deref().map(str::trim).unwrap_or_default() {
            "" => None,
            s => Some(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| AppError::validation("expected_delivery", "Skriv datumet som ÅÅÅÅ-MM-DD."))?,
            ),
        };
        let input = super::service::manual::ManualInput {
            supplier_id,
            action,
            reason,
            expected_delivery,
            tracking_number,
        };
        super::service::manual::handle(&ctx, &db, order_id, input).await
    })
    .await
}

/// The coordinators' workspace under `filter` (the address's parameters).
#[server(endpoint = "fulfilment/queue")]
pub async fn coordination_queue(filter: QueueFilter) -> Result<QueuePage, AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        super::service::queue::page(&ctx, &db, filter).await
    })
    .await
}

#[cfg(feature = "ssr")]
fn order_id(text: &str) -> Result<i32, AppError> {
    text.trim()
        .parse::<i32>()
        .map_err(|_| AppError::not_found("Beställningen finns inte."))
}

/// The caller takes order `order_id` (`take` = `1`) or lets go of it.
#[server(endpoint = "fulfilment/take")]
pub async fn take_order(order_id: String, take: String) -> Result<(), AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        let id = self::order_id(&order_id)?;
        super::service::queue::take(&ctx, &db, id, take.trim() == "1").await
    })
    .await
}

/// The caller takes the orders `ids` (comma-separated ids): how many.
#[server(endpoint = "fulfilment/take-many")]
pub async fn take_orders(ids: String) -> Result<u32, AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        let ids = ids
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().parse::<i32>())
            .collect::<Result<Vec<i32>, _>>()
            .map_err(|_| AppError::validation("ids", "Markeringen är ogiltig: ladda om sidan."))?;
        super::service::queue::take_many(&ctx, &db, &ids).await
    })
    .await
}

/// Sets the target times: `target[status]=working days`.
#[server(endpoint = "fulfilment/targets")]
pub async fn set_targets(target: std::collections::BTreeMap<String, String>) -> Result<(), AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        let input: Vec<(String, String)> = target.into_iter().collect();
        super::service::queue::set_targets(&ctx, &db, &input).await
    })
    .await
}

/// Saves the filter `query` (the address's query string) under `name`.
#[server(endpoint = "fulfilment/filters/save")]
pub async fn save_filter(name: String, query: String) -> Result<(), AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        let pairs: std::collections::HashMap<String, String> =
            url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .into_owned()
                .collect();
        let filter = QueueFilter::from_params(|k| pairs.get(k).cloned());
        super::service::queue::save_filter(&ctx, &db, &name, &filter).await
    })
    .await
}

#[server(endpoint = "fulfilment/filters/delete")]
pub async fn delete_filter(id: String) -> Result<(), AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        let id = id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::not_found("Filtret finns inte."))?;
        super::service::queue::delete_filter(&ctx, &db, id).await
    })
    .await
}

/// The deviations of order `order_id` as the caller may see them.
#[server(endpoint = "fulfilment/deviations")]
pub async fn get_order_deviations(order_id: String) -> Result<OrderDeviations, AppError> {
    serve(crate::state::Gate::SignedIn, |ctx, db| async move {
        let id = self::order_id(&order_id)?;
        super::service::deviations::of_order(&ctx, &db, id).await
    })
    .await
}

#[server(endpoint = "fulfilment/deviations/raise")]
pub async fn raise_deviation(order_id: String, kind: String, note: String, owner: String) -> Result<i32, AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        let id = self::order_id(&order_id)?;
        super::service::deviations::raise(&ctx, &db, id, &kind, &note, &owner).await
    })
    .await
}

/// Comments on, escalates or resolves deviation `id` (`step`).
#[server(endpoint = "fulfilment/deviations/step")]
pub async fn step_deviation(id: String, step: String, body: String) -> Result<(), AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        let id = id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::not_found("Avvikelsen finns inte."))?;
        super::service::deviations::step(&ctx, &db, id, &step, &body).await
    })
    .await
}

/// The automation statistics for `month` (`YYYY-MM`; empty: this month).
#[server(endpoint = "fulfilment/statistics")]
pub async fn statistics_page(month: String) -> Result<super::dto::StatisticsPage, AppError> {
    serve(Permission::ReadStatistics, |ctx, db| async move {
        let past = crate::state::kept::<super::service::statistics::PastMonths>()?;
        super::service::statistics::page(&ctx, &db, &past, &month).await
    })
    .await
}
