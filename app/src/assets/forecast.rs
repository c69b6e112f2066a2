//! The replacement forecast: per förvaltning and cost centre, the
//! computers (models with a standard replacement in the catalogue) in use,
//! in repair or in stock that reach end of life (an age
//! from delivery, 48 months unless asked otherwise) already, within 3, 6
//! and 12 months, with the cost of their standard replacements
//! (`catalog::service::replacement_bundle`) at today's catalogue prices.
//! Budget input for the management plans. One statement over the
//! register grouped by cost centre, the models' replacement prices joined
//! as a table of their own; the windows are date thresholds on the
//! delivery day, so the counts and sums are done by the database.

use super::dto::{Forecast, ForecastCell, ForecastRow};
use crate::ctx::{require, Ctx};
use crate::domain::assets::AssetStatus;
use crate::domain::authz::Permission;
use crate::domain::money::Sek;
use crate::entities::asset;
use crate::error::AppError;
use chrono::{Months, NaiveDate};
use sea_orm::sea_query::{
    Alias, Asterisk, Expr, IntoIden, IntoValueTuple, JoinType, Query, SelectStatement, SimpleExpr, TableRef,
};
use sea_orm::{ConnectionTrait, DbBackend};
use std::collections::BTreeMap;

/// End of life when nothing else is asked: 48 months from delivery.
pub const DEFAULT_AGE_MONTHS: i32 = 48;

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
    // The register's counts and the organisation's names at once, on two
    // of the pool's connections: the names of 23 000 cost centres took
    // 100 ms after the counts at ten times the region.
    let (rows, centers) = futures::try_join!(
        counted(db, today, [t0, t3, t6, t12]),
        crate::org::structure::center_names(db)
    )?;
    let mut by_admin: BTreeMap<String, ForecastRow> = BTreeMap::new();
    let mut by_center: BTreeMap<String, ForecastRow> = BTreeMap::new();
    let mut total = row("Hela regionen");
    for (center, counts, one_offs, monthlies) in rows {
        let add = |r: &mut ForecastRow| {
            for (i, cell) in [&mut r.overdue, &mut r.within_3, &mut r.within_6, &mut r.within_12]
                .into_iter()
                .enumerate()
            {
                cell.count += counts[i];
                cell.one_off = cell
                    .one_off
                    .checked_add(Sek::from_ore(one_offs[i]))
                    .unwrap_or(cell.one_off);
                cell.monthly = cell
                    .monthly
                    .checked_add(Sek::from_ore(monthlies[i]))
                    .unwrap_or(cell.monthly);
            }
        };
        let (label, admin) = centers
            .get(&center)
            .map(|c| (c.label(), c.administration.as_str()))
            .unwrap_or((String::new(), "Utan förvaltning"));
        add(by_admin.entry(admin.to_owned()).or_insert_with(|| row(admin)));
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

/// Per cost centre: the four windows' counts, one-off sums and monthly
/// sums (see [`by_cost_center`]) of the models with a standard replacement
/// at today's prices.
type Counted = Vec<(i32, [i64; 4], [i64; 4], [i64; 4])>;

async fn counted<C: ConnectionTrait>(db: &C, today: NaiveDate, days: [NaiveDate; 4]) -> Result<Counted, AppError> {
    let prices = crate::catalog::service::replacement_prices(db, &models_in_register(db).await?, today).await?;
    let mut priced: Vec<(i32, Sek, Sek)> = prices.into_iter().map(|(item, (o, m))| (item, o, m)).collect();
    if priced.is_empty() {
        return Ok(Vec::new());
    }
    priced.sort_unstable_by_key(|(item, _, _)| *item);
    let statement = by_cost_center(db.get_database_backend(), &priced, days);
    Ok(db
        .query_all(db.get_database_backend().build(&statement))
        .await?
        .iter()
        .map(|r| {
            let n = |i: usize| r.try_get_by_index::<i64>(i);
            Ok::<_, sea_orm::DbErr>((
                r.try_get_by_index::<i32>(0)?,
                [n(1)?, n(2)?, n(3)?, n(4)?],
                [n(5)?, n(6)?, n(7)?, n(8)?],
                [n(9)?, n(10)?, n(11)?, n(12)?],
            ))
        })
        .collect::<Result<_, _>>()?)
}

/// The models in the register, each once, from the index on (item, id):
/// one step per model (a recursive skip scan, on both databases), not a
/// read of the register. Retired assets' models too: a model without a
/// standard replacement or without assets in the windows adds nothing.
async fn models_in_register<C: ConnectionTrait>(db: &C) -> Result<Vec<i32>, AppError> {
    const MODELS: &str = "WITH RECURSIVE m(id) AS (\
         SELECT MIN(item_id) FROM asset \
         UNION ALL \
         SELECT (SELECT MIN(a.item_id) FROM asset a WHERE a.item_id > m.id) FROM m WHERE m.id IS NOT NULL\
         ) SELECT id FROM m WHERE id IS NOT NULL";
    let rows = db
        .query_all(sea_orm::Statement::from_string(db.get_database_backend(), MODELS))
        .await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<Result<_, _>>()?)
}

/// The statement counting, per cost centre, the computers in use, in
/// repair or in stock delivered on or before each of `days` (the end-of-life
/// windows, earliest first), with the sums of their replacements' one-off
/// and monthly prices (öre): columns cost centre, four counts, four one-off
/// sums, four monthly sums. The models' prices `priced` (model, one-off,
/// monthly) are a table of their own, joined as each database does best
/// (see [`on_postgres`] and [`on_sqlite`]). Both read the index on
/// (status, delivered_on, item_id, cost_center_id) alone.
pub(super) fn by_cost_center(backend: DbBackend, priced: &[(i32, Sek, Sek)], days: [NaiveDate; 4]) -> SelectStatement {
    // A list of values. (A union of one-row selects looked like one row to
    // PostgreSQL, which then walked the index once per model: 400 ms.) Its
    // columns are `column1`… on both databases.
    //
    // Prices as 32-bit integers when they all fit (up to 21 474 836,47 kr
    // each): PostgreSQL sums those in 64 bits, 64-bit ones in 128 and
    // answers a numeric (290 against 180 ms). The two kinds are two
    // statements (the list's name differs): a statement is prepared for
    // its parameters' types and kept by its text.
    let narrow = |s: Sek| i32::try_from(s.ore()).ok();
    let (p, tuples) = if priced
        .iter()
        .all(|(_, o, m)| narrow(*o).is_some() && narrow(*m).is_some())
    {
        let tuples = priced
            .iter()
            .map(|&(model, o, m)| (model, narrow(o).unwrap_or(0), narrow(m).unwrap_or(0)).into_value_tuple());
        (Alias::new("p"), tuples.collect())
    } else {
        let tuples = priced
            .iter()
            .map(|&(model, o, m)| (model, o.ore(), m.ore()).into_value_tuple());
        (Alias::new("p64"), tuples.collect())
    };
    let prices = TableRef::ValuesList(tuples, p.clone().into_iden());
    match backend {
        DbBackend::Sqlite => on_sqlite(prices, p, days),
        _ => on_postgres(prices, p, days),
    }
}

fn bigint(e: SimpleExpr) -> SimpleExpr {
    e.cast_as(Alias::new("BIGINT"))
}

/// The computers in use, in repair or in stock delivered by `last`.
fn held_by(q: &mut SelectStatement, last: NaiveDate) {
    q.from(asset::Entity)
        .and_where(crate::db::one_of(
            asset::Column::Status,
            [AssetStatus::InUse, AssetStatus::InRepair, AssetStatus::InStock].map(|s| s.as_str()),
        ))
        .and_where(Expr::col((asset::Entity, asset::Column::DeliveredOn)).lte(last));
}

/// PostgreSQL: one grouping by cost centre, each asset joined to its
/// model's prices (a hash of the list). Grouped by model and cost centre
/// first (62 000 groups at the region's 1.5 million assets) it took 340 ms,
/// so 180 ms.
fn on_postgres(prices: TableRef, p: Alias, days: [NaiveDate; 4]) -> SelectStatement {
    let (item, one_off, monthly) = (Alias::new("column1"), Alias::new("column2"), Alias::new("column3"));
    let day_of = || Expr::col((asset::Entity, asset::Column::DeliveredOn));
    let by = |day: NaiveDate, then: SimpleExpr| -> SimpleExpr {
        bigint(Expr::expr(Expr::case(day_of().lte(day), then).finally(0)).sum())
    };
    let mut q = Query::select();
    q.expr(Expr::col((asset::Entity, asset::Column::CostCenterId)));
    for day in &days[..3] {
        q.expr(by(*day, Expr::val(1).into()));
    }
    q.expr(bigint(Expr::col(Asterisk).count()));
    for column in [&one_off, &monthly] {
        for (i, day) in days.iter().enumerate() {
            let price: SimpleExpr = Expr::col((p.clone(), column.clone())).into();
            q.expr(if i == 3 {
                bigint(Expr::expr(price).sum())
            } else {
                by(*day, price)
            });
        }
    }
    held_by(&mut q, days[3]);
    q.join(
        JoinType::InnerJoin,
        prices,
        Expr::col((asset::Entity, asset::Column::ItemId)).equals((p, item)),
    )
    .group_by_col((asset::Entity, asset::Column::CostCenterId));
    q
}

/// SQLite: the register counted per cost centre and model first (its four
/// windows; integers only), then each group's counts multiplied by its
/// model's prices and summed per cost centre. Joining the prices to every
/// asset scanned the list once per asset: 1.0-1.6 s at the region's 1.5
/// million assets against about a third of that.
fn on_sqlite(prices: TableRef, p: Alias, days: [NaiveDate; 4]) -> SelectStatement {
    let (item, one_off, monthly) = (Alias::new("column1"), Alias::new("column2"), Alias::new("column3"));
    let (g, center, model) = (Alias::new("g"), Alias::new("center"), Alias::new("model"));
    let counts = [Alias::new("n0"), Alias::new("n3"), Alias::new("n6"), Alias::new("n12")];
    let mut inner = Query::select();
    inner
        .expr_as(Expr::col((asset::Entity, asset::Column::CostCenterId)), center.clone())
        .expr_as(Expr::col((asset::Entity, asset::Column::ItemId)), model.clone());
    for (day, name) in days[..3].iter().zip(&counts) {
        let within = Expr::case(Expr::col((asset::Entity, asset::Column::DeliveredOn)).lte(*day), 1).finally(0);
        inner.expr_as(Expr::expr(within).sum(), name.clone());
    }
    inner.expr_as(Expr::col(Asterisk).count(), counts[3].clone());
    held_by(&mut inner, days[3]);
    inner
        .group_by_col((asset::Entity, asset::Column::CostCenterId))
        .group_by_col((asset::Entity, asset::Column::ItemId));

    let mut q = Query::select();
    q.expr(Expr::col((g.clone(), center.clone())));
    for n in &counts {
        q.expr(bigint(Expr::col((g.clone(), n.clone())).sum()));
    }
    for column in [&one_off, &monthly] {
        for n in &counts {
            let times = Expr::col((g.clone(), n.clone())).mul(Expr::col((p.clone(), column.clone())));
            q.expr(bigint(Expr::expr(times).sum()));
        }
    }
    q.from_subquery(inner, g.clone())
        .join(
            JoinType::InnerJoin,
            prices,
            Expr::col((g.clone(), model)).equals((p, item)),
        )
        .group_by_col((g, center));
    q
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

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(backend: DbBackend) -> SelectStatement {
        let day = |m: u32| NaiveDate::from_ymd_opt(2023, m, 1).unwrap_or_default();
        let priced = [
            (1, Sek::from_ore(642_900), Sek::from_ore(38_900)),
            (2, Sek::ZERO, Sek::from_ore(28_800)),
        ];
        by_cost_center(backend, &priced, [day(1), day(3), day(6), day(12)])
    }

    /// The prices are a list of values: on PostgreSQL joined to the
    /// register, on SQLite to its counts per cost centre and model.
    #[test]
    fn the_prices_are_a_list_joined_to_the_register_or_its_counts() {
        let sql = DbBackend::Postgres.build(&statement(DbBackend::Postgres)).sql;
        assert!(sql.contains(r#"FROM "asset" INNER JOIN (VALUES ("#), "{sql}");
        assert!(sql.contains(r#"AS "p" ON "asset"."item_id" = "p"."column1""#), "{sql}");
        let sql = DbBackend::Sqlite.build(&statement(DbBackend::Sqlite)).sql;
        assert!(
            sql.contains(r#"GROUP BY "asset"."cost_center_id", "asset"."item_id") AS "g" INNER JOIN (VALUES ("#),
            "{sql}"
        );
        assert!(
            sql.contains(r#"AS "p" ON "g"."model" = "p"."column1" GROUP BY "g"."center""#),
            "{sql}"
        );
    }

    /// On SQLite the register is read from the forecast's covering index
    /// alone, and the prices are looked up per group, not per asset.
    #[tokio::test]
    async fn sqlite_reads_the_register_from_the_forecast_index_alone() {
        let t = crate::testing::test_db().await;
        let Some(steps) = crate::testing::sqlite_plan(&t, &statement(DbBackend::Sqlite)).await else {
            return;
        };
        let register = steps
            .iter()
            .position(|s| s.contains("COVERING INDEX idx_asset_forecast"));
        let grouped = steps.iter().position(|s| s == "MATERIALIZE g" || s == "CO-ROUTINE g");
        assert!(matches!((grouped, register), (Some(g), Some(r)) if g < r), "{steps:?}");
        assert!(!steps.iter().any(|s| s.starts_with("SCAN asset")), "{steps:?}");
    }
}
