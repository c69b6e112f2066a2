//! Prices over time: a new price is entered from a day on; the one in force
//! until then stays what customers see and order at.

use super::super::dto::PriceState;
use super::items::find_item;
use crate::audit::service::record;
use crate::catalog::snapshot::{self, Change};
use crate::ctx::{require, Ctx};
use crate::domain::catalog;
use crate::domain::money::Sek;
use crate::entities::item_price;
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

pub(super) async fn price_rows<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<Vec<item_price::Model>, AppError> {
    Ok(item_price::Entity::find()
        .filter(item_price::Column::ItemId.is_in(ids))
        .order_by_asc(item_price::Column::ValidFrom)
        .all(db)
        .await?)
}

pub(super) fn price_state(p: &item_price::Model, today: NaiveDate) -> PriceState {
    if p.valid_from > today {
        PriceState::Upcoming
    } else if p.valid_to.is_some_and(|to| to < today) {
        PriceState::Past
    } else {
        PriceState::Current
    }
}

/// Parses a day typed as `2026-11-24`.
pub fn parse_day(value: &str, field: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation(field, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-01."))
}

/// Writes a new open-ended price from `from` (see [`catalog::plan_price_change`]).
pub async fn write_price<C: ConnectionTrait>(
    db: &C,
    item_id: i32,
    from: NaiveDate,
    one_off: Sek,
    monthly: Sek,
    today: NaiveDate,
) -> Result<(), AppError> {
    let existing: Vec<(i32, NaiveDate, Option<NaiveDate>)> = price_rows(db, vec![item_id])
        .await?
        .into_iter()
        .map(|p| (p.id, p.valid_from, p.valid_to))
        .collect();
    let change =
        catalog::plan_price_change(&existing, from, today).map_err(|m| AppError::validation("valid_from", m))?;
    if !change.delete.is_empty() {
        item_price::Entity::delete_many()
            .filter(item_price::Column::Id.is_in(change.delete))
            .exec(db)
            .await?;
    }
    for (id, to) in change.close {
        item_price::Entity::update_many()
            .col_expr(item_price::Column::ValidTo, Expr::value(to))
            .filter(item_price::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    item_price::ActiveModel {
        item_id: Set(item_id),
        valid_from: Set(from),
        valid_to: Set(None),
        one_off_ore: Set(one_off.ore()),
        monthly_ore: Set(monthly.ore()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Enters a price valid from a day (today or later); the price in force
/// until then stays what customers see and order at.
pub async fn add_price<C>(
    ctx: &Ctx,
    db: &C,
    item_id: i32,
    valid_from: &str,
    one_off: &str,
    monthly: &str,
    today: NaiveDate,
) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let from = parse_day(valid_from, "valid_from")?;
    let amount = |v: &str, field: &str| -> Result<Sek, AppError> {
        if v.trim().is_empty() {
            return Ok(Sek::ZERO);
        }
        Sek::parse_kronor(v).map_err(|m| AppError::validation(field, m))
    };
    let one_off = amount(one_off, "one_off")?;
    let monthly = amount(monthly, "monthly")?;
    let it = find_item(db, item_id).await?;
    let txn = crate::db::begin_write(db).await?;
    write_price(&txn, item_id, from, one_off, monthly, today).await?;
    snapshot::changed(&txn, Change::Items(&[item_id])).await?;
    record(
        &txn,
        ctx,
        "catalog.price_added",
        Some("item"),
        Some(&item_id.to_string()),
        json!({ "article_number": it.article_number, "valid_from": from, "one_off_ore": one_off.ore(), "monthly_ore": monthly.ore() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
