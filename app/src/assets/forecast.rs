//! The replacement forecast: per förvaltning and cost centre, the
//! computers (models with a standard replacement in the catalogue) in use,
//! in repair or in stock that reach end of life (an age
//! from delivery, 48 months unless asked otherwise) already, within 3, 6
//! and 12 months, with the cost of their standard replacements
//! (`catalog::service::replacement_bundle`) at today's catalogue prices.
//! Budget input for the management plans. One grouped statement over the
//! register; the windows are date thresholds on the delivery day, so the
//! sums are done by the database.

use super::dto::{Forecast, ForecastCell, ForecastRow};
use crate::ctx::{require, Ctx};
use crate::domain::assets::AssetStatus;
use crate::domain::authz::Permission;
use crate::domain::money::Sek;
use crate::entities::asset;
use crate::error::AppError;
use chrono::{Months, NaiveDate};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeMap;

/// End of life when nothing else is asked: 48 months from delivery.
pub const DEFAULT_AGE_MONTHS: i32 = 48;

/// `1` for an asset delivered on or before `day`, else `0`.
fn counted(day: NaiveDate) -> SimpleExpr {
    Expr::case(asset::Column::DeliveredOn.lte(day), 1).finally(0).into()
}

/// The forecast for end of life at `age_months` (12–120) from delivery.
pub async fn forecast<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    age_months: i32,
    today: NaiveDate,
) -> Result<Forecast, AppError> {
    require(ctx, Permission::ReadReplacementForecast)?;
    if !(12..=120).contains(&age_months) {
        return Err(AppError::validation(
            "alder",
            "Livslängden ska vara mellan 12 och 120 månader.",
        ));
    }
    // Reaching end of life by `d` ⇔ delivered on or before `d − age`.
    let before = |months: u32| {
        today
            .checked_add_months(Months::new(months))
            .and_then(|d| d.checked_sub_months(Months::new(age_months as u32)))
            .unwrap_or(today)
    };
    let (t0, t3, t6, t12) = (before(0), before(3), before(6), before(12));
    let rows: Vec<(Option<i32>, i32, i64, i64, i64, i64)> = asset::Entity::find()
        .select_only()
        .column(asset::Column::ItemId)
        .column(asset::Column::CostCenterId)
        .expr_as(Expr::expr(counted(t0)).sum(), "overdue")
        .expr_as(Expr::expr(counted(t3)).sum(), "within_3")
        .expr_as(Expr::expr(counted(t6)).sum(), "within_6")
        .expr_as(Expr::col(sea_orm::sea_query::Asterisk).count(), "within_12")
        .filter(
            asset::Column::Status
                .is_in([AssetStatus::InUse, AssetStatus::InRepair, AssetStatus::InStock].map(|s| s.as_str())),
        )
        .filter(asset::Column::DeliveredOn.lte(t12))
        .group_by(asset::Column::ItemId)
        .group_by(asset::Column::CostCenterId)
        .into_tuple()
        .all(db)
        .await?;
    let models: Vec<i32> = {
        let mut m: Vec<i32> = rows.iter().filter_map(|r| r.0).collect();
        m.sort_unstable();
        m.dedup();
        m
    };
    let prices = crate::catalog::service::replacement_prices(db, &models, today).await?;
    let places = crate::org::structure::administrations_of_centers(db).await?;
    let labels = crate::org::directory::cost_center_labels(db, rows.iter().map(|r| r.1).collect::<Vec<_>>()).await?;
    let mut by_admin: BTreeMap<String, ForecastRow> = BTreeMap::new();
    let mut by_center: BTreeMap<String, ForecastRow> = BTreeMap::new();
    let mut total = row("Hela regionen");
    for (item, center, overdue, w3, w6, w12) in rows {
        // Computers only: models with a standard replacement in the catalogue.
        let Some(&(one_off, monthly)) = item.and_then(|i| prices.get(&i)) else {
            continue;
        };
        let add = |r: &mut ForecastRow| {
            for (cell, n) in [
                (&mut r.overdue, overdue),
                (&mut r.within_3, w3),
                (&mut r.within_6, w6),
                (&mut r.within_12, w12),
            ] {
                cell.count += n;
                cell.one_off = cell
                    .one_off
                    .checked_add(one_off.checked_mul(n).unwrap_or(Sek::ZERO))
                    .unwrap_or(cell.one_off);
                cell.monthly = cell
                    .monthly
                    .checked_add(monthly.checked_mul(n).unwrap_or(Sek::ZERO))
                    .unwrap_or(cell.monthly);
            }
        };
        let admin = places
            .get(&center)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| "Utan förvaltning".into());
        add(by_admin.entry(admin.clone()).or_insert_with(|| row(&admin)));
        let label = labels.get(&center).cloned().unwrap_or_default();
        add(by_center.entry(label.clone()).or_insert_with(|| row(&label)));
        add(&mut total);
    }
    Ok(Forecast {
        age_months,
        today,
        per_administration: by_admin.into_values().collect(),
        per_cost_center: by_center.into_values().collect(),
        total,
    })
}

fn row(label: &str) -> ForecastRow {
    ForecastRow {
        label: label.to_owned(),
        overdue: ForecastCell::default(),
        within_3: ForecastCell::default(),
        within_6: ForecastCell::default(),
        within_12: ForecastCell::default(),
    }
}

/// The forecast as the page's address asks for it (`?alder=48`).
pub fn age_of(text: &str) -> Result<i32, AppError> {
    match text.trim() {
        "" => Ok(DEFAULT_AGE_MONTHS),
        t => t
            .parse::<i32>()
            .map_err(|_| AppError::validation("alder", "Skriv livslängden i hela månader, till exempel 48.")),
    }
}
