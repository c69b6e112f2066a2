//! Server functions of subscriptions and the monthly charging. Thin
//! adapters over `service` and `charging`: numbers, days and months
//! arrive as the forms send them and a malformed one is a field error or
//! not found, never a failure.

use super::dto::{ChargeMonth, RunStatus, SubscriptionDetail, SubscriptionFilter, SubscriptionPage, SubscriptionRow};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::state::{serve, Gate};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn subscription_id(text: &str) -> Result<i32, AppError> {
    text.trim()
        .parse::<i32>()
        .map_err(|_| AppError::not_found("Prenumerationen finns inte."))
}

/// The subscriptions under `filter`: all for the register's keepers, one's
/// own for everyone else.
#[server(endpoint = "subscriptions/list")]
pub async fn list_subscriptions(filter: SubscriptionFilter) -> Result<SubscriptionPage, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::page(&ctx, &db, filter).await
    })
    .await
}

#[server(endpoint = "subscriptions/detail")]
pub async fn get_subscription(id: String) -> Result<SubscriptionDetail, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::detail(&ctx, &db, subscription_id(&id)?).await
    })
    .await
}

/// The subscriptions of asset `asset_id` (whoever may see the asset).
#[server(endpoint = "subscriptions/of-asset")]
pub async fn asset_subscriptions(asset_id: String) -> Result<Vec<SubscriptionRow>, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let id = asset_id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::not_found("Tillgången finns inte."))?;
        // Seeing the asset is what allows seeing its subscriptions.
        crate::assets::service::detail(&ctx, &db, id).await?;
        super::service::of_asset(&db, id).await
    })
    .await
}

/// Terminates subscription `id` (its user or a keeper of the register) to
/// end on `end_on` (`ÅÅÅÅ-MM-DD`; empty: the earliest day allowed), on the
/// `version` the form was showing.
#[server(endpoint = "subscriptions/terminate")]
pub async fn terminate_subscription(
    id: String,
    version: String,
    end_on: String,
    reason: String,
) -> Result<SubscriptionDetail, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        let id = subscription_id(&id)?;
        let version = version
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::conflict("Sidan är för gammal: ladda om den och försök igen."))?;
        let wanted = match end_on.trim() {
            "" => None,
            s => Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                AppError::validation("end_on", "Skriv slutdatumet som ÅÅÅÅ-MM-DD, till exempel 2027-02-28.")
            })?),
        };
        super::service::terminate(&ctx, &db, id, version, wanted, &reason).await
    })
    .await
}

/// Month `period` (`ÅÅÅÅ-MM`) of the charging and the months run so far.
#[server(endpoint = "charging/month")]
pub async fn get_charge_month(period: String) -> Result<(ChargeMonth, Vec<(String, RunStatus)>), AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        let month = super::charging::month(&ctx, &db, &period).await?;
        let months = super::charging::months(&ctx, &db).await?;
        Ok((month, months))
    })
    .await
}

/// Runs (again) the charging of month `period`.
#[server(endpoint = "charging/run")]
pub async fn run_charging(period: String) -> Result<ChargeMonth, AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        super::charging::run(&ctx, &db, &period).await
    })
    .await
}

/// Closes month `period`: its charging is frozen.
#[server(endpoint = "charging/close")]
pub async fn close_charging(period: String) -> Result<ChargeMonth, AppError> {
    serve(crate::domain::authz::Permission::ManageAssets, |ctx, db| async move {
        super::charging::close(&ctx, &db, &period).await
    })
    .await
}
