//! The monthly internal charging (*interndebitering*): every subscription
//! active in a month becomes part of a charge line per customer cost
//! centre × service, prorated per day (`domain::subscriptions::prorate`).
//! Running an open month again replaces its lines with the same result;
//! a closed month is frozen. The run and the closing go to the audit log.

use super::dto::{ChargeLineDto, ChargeMonth, ChargeTotal, RunStatus, CSV_COLUMNS, LINES_SHOWN};
use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::domain::money::Sek;
use crate::domain::subscriptions::{self as rules, Period};
use crate::entities::{charge_line, charge_run, subscription, subscription_cost_center};
use crate::error::AppError;
use crate::org::structure::CenterNames;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Asterisk, Expr, Func, OnConflict, Order, Query, SimpleExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};

const OPEN: &str = "open";
const CLOSED: &str = "closed";

/// The month `text` names, one that has begun (a later one has nothing to
/// charge yet).
pub fn period(text: &str, today: NaiveDate) -> Result<Period, AppError> {
    let p = Period::parse(text)
        .ok_or_else(|| AppError::validation("period", "Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-11."))?;
    if p.first() > today {
        return Err(AppError::validation(
            "period",
            format!("Månaden {p} har inte börjat än. Välj en månad som har börjat."),
        ));
    }
    Ok(p)
}

/// Who runs or closes a month, as the page names them: the person's name.
async fn actor_name<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<String, AppError> {
    Ok(match ctx.person_id() {
        Some(id) => crate::org::directory::person(db, id)
            .await?
            .map(|p| p.name)
            .unwrap_or_else(|| ctx.label()),
        None => ctx.label(),
    })
}

fn today() -> NaiveDate {
    crate::assets::service::day(Utc::now())
}

/// What one line sums over, in the order the lines are written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    customer: i32,
    item_id: i32,
    service: String,
    service_center: Option<i32>,
    revenue: String,
    expense: String,
}

#[derive(Debug, Default, Clone, Copy)]
struct Sum {
    subscriptions: i32,
    days: i64,
    amount: i64,
}

type Active = (
    i32,
    i32,
    String,
    i64,
    NaiveDate,
    Option<NaiveDate>,
    Option<i32>,
    String,
    String,
    i32,
    Option<i32>,
);

/// What a whole month's subscriptions sum to per line, as the database
/// groups them: the key's columns, the count and the monthly prices' sum.
type Whole = (i32, i32, String, Option<i32>, String, String, i64, i64);

/// The lines of month `p`: each subscription active in it, charged to the
/// customer cost centre it had from the month's first day, summed per
/// cost centre × service. The database sums the subscriptions active the
/// whole month (their full price); the few that start or end within it are
/// read one by one and prorated here (`rules::prorate`).
async fn compute<C: ConnectionTrait>(db: &C, p: Period) -> Result<(BTreeMap<Key, Sum>, i32), AppError> {
    let (first, last) = (p.first(), p.last());
    let month_days = p.days();
    let charged = Query::select()
        .column(subscription_cost_center::Column::CostCenterId)
        .from(subscription_cost_center::Entity)
        .and_where(
            Expr::col((
                subscription_cost_center::Entity,
                subscription_cost_center::Column::SubscriptionId,
            ))
            .equals((subscription::Entity, subscription::Column::Id)),
        )
        .and_where(Expr::col(subscription_cost_center::Column::FromMonth).lte(first))
        .order_by(subscription_cost_center::Column::FromMonth, Order::Desc)
        .limit(1)
        .to_owned();
    let charged = || SimpleExpr::SubQuery(None, Box::new(charged.clone().into_sub_query_statement()));
    // Active the whole month: begun by its first day, not ended before its last.
    let whole = || {
        Condition::all().add(subscription::Column::StartOn.lte(first)).add(
            Condition::any()
                .add(subscription::Column::EndOn.is_null())
                .add(subscription::Column::EndOn.gte(last)),
        )
    };
    let customer = "customer";
    let grouped: Vec<Whole> = subscription::Entity::find()
        .select_only()
        .expr_as(
            Func::coalesce([charged(), Expr::col(subscription::Column::CostCenterId).into()]),
            customer,
        )
        .columns([
            subscription::Column::ItemId,
            subscription::Column::Service,
            subscription::Column::ServiceCostCenterId,
            subscription::Column::RevenueAccount,
            subscription::Column::ExpenseAccount,
        ])
        .expr(Expr::col(Asterisk).count().cast_as(Alias::new("BIGINT")))
        .expr(
            Expr::col(subscription::Column::MonthlyOre)
                .sum()
                .cast_as(Alias::new("BIGINT")),
        )
        .filter(whole())
        .group_by(Expr::col(Alias::new(customer)))
        .group_by(subscription::Column::ItemId)
        .group_by(subscription::Column::Service)
        .group_by(subscription::Column::ServiceCostCenterId)
        .group_by(subscription::Column::RevenueAccount)
        .group_by(subscription::Column::ExpenseAccount)
        .into_tuple()
        .all(db)
        .await?;
    let mut lines: BTreeMap<Key, Sum> = BTreeMap::new();
    let mut count: i32 = 0;
    for (customer, item_id, service, service_center, revenue, expense, n, amount) in grouped {
        let n = i32::try_from(n).unwrap_or(i32::MAX);
        count = count.saturating_add(n);
        let sum = lines
            .entry(Key {
                customer,
                item_id,
                service,
                service_center,
                revenue,
                expense,
            })
            .or_default();
        sum.subscriptions = sum.subscriptions.saturating_add(n);
        sum.days = sum.days.saturating_add(i64::from(n) * month_days);
        sum.amount = sum.amount.saturating_add(amount);
    }
    let rows: Vec<Active> = subscription::Entity::find()
        .select_only()
        .columns([
            subscription::Column::Id,
            subscription::Column::ItemId,
            subscription::Column::Service,
            subscription::Column::MonthlyOre,
            subscription::Column::StartOn,
            subscription::Column::EndOn,
            subscription::Column::ServiceCostCenterId,
            subscription::Column::RevenueAccount,
            subscription::Column::ExpenseAccount,
            subscription::Column::CostCenterId,
        ])
        .expr_as(charged(), "charged")
        .filter(subscription::Column::StartOn.lte(last))
        .filter(
            Condition::any()
                .add(subscription::Column::EndOn.is_null())
                .add(subscription::Column::EndOn.gte(first)),
        )
        .filter(whole().not())
        .into_tuple()
        .all(db)
        .await?;
    for (_, item_id, service, monthly, start, end, service_center, revenue, expense, now_center, charged) in rows {
        let days = rules::active_days(start, end, p);
        if days == 0 {
            continue;
        }
        count = count.saturating_add(1);
        let sum = lines
            .entry(Key {
                customer: charged.unwrap_or(now_center),
                item_id,
                service,
                service_center,
                revenue,
                expense,
            })
            .or_default();
        sum.subscriptions = sum.subscriptions.saturating_add(1);
        sum.days += days;
        sum.amount = sum.amount.saturating_add(rules::prorate(monthly, days, month_days));
    }
    Ok((lines, count))
}

/// Runs the charging of month `text` (a keeper of the register): replaces
/// an open month's lines, or writes them the first time; a closed month is
/// refused (409) and keeps its lines. Returns the month as the page shows
/// it.
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    text: &str,
) -> Result<ChargeMonth, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let p = period(text, today())?;
    let key = p.to_string();
    let now = Utc::now();
    let by = actor_name(ctx, db).await?;
    let txn = crate::db::begin_write(db).await?;
    // The month's row first, locked: two runs of one month follow each other.
    charge_run::Entity::insert(charge_run::ActiveModel {
        period: Set(key.clone()),
        status: Set(OPEN.into()),
        subscriptions: Set(0),
        total_ore: Set(0),
        run_at: Set(now),
        run_by: Set(by.clone()),
        closed_at: Set(None),
        closed_by: Set(None),
        ..Default::default()
    })
    .on_conflict(OnConflict::column(charge_run::Column::Period).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    let row = charge_run::Entity::find()
        .filter(charge_run::Column::Period.eq(&key))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::internal(format!("charge run {key} vanished")))?;
    if row.status == CLOSED {
        return Err(AppError::StateConflict {
            message: format!("Månaden {key} är stängd och skickad till ekonomisystemet. Den kan inte debiteras om."),
            state: CLOSED.into(),
        });
    }
    let (lines, count) = compute(&txn, p).await?;
    charge_line::Entity::delete_many()
        .filter(charge_line::Column::Period.eq(&key))
        .exec(&txn)
        .await?;
    let total: i64 = lines.values().fold(0i64, |t, s| t.saturating_add(s.amount));
    let n_lines = lines.len();
    let models: Vec<charge_line::ActiveModel> = lines
        .into_iter()
        .map(|(k, s)| charge_line::ActiveModel {
            period: Set(key.clone()),
            customer_cost_center_id: Set(k.customer),
            item_id: Set(k.item_id),
            service: Set(k.service),
            service_cost_center_id: Set(k.service_center),
            revenue_account: Set(k.revenue),
            expense_account: Set(k.expense),
            subscriptions: Set(s.subscriptions),
            days: Set(s.days),
            amount_ore: Set(s.amount),
            ..Default::default()
        })
        .collect();
    // Within both databases' limits on bound parameters (11 a row).
    for chunk in models.chunks(1000) {
        charge_line::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    charge_run::Entity::update_many()
        .col_expr(charge_run::Column::Subscriptions, Expr::value(count))
        .col_expr(charge_run::Column::TotalOre, Expr::value(total))
        .col_expr(charge_run::Column::RunAt, Expr::value(now))
        .col_expr(charge_run::Column::RunBy, Expr::value(by))
        .filter(charge_run::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "charging.run",
        Some("charge_run"),
        Some(&key),
        serde_json::json!({
            "period": key,
            "subscriptions": count,
            "lines": n_lines,
            "total_ore": total,
        }),
    )
    .await?;
    txn.commit().await?;
    month(ctx, db, &key).await
}

/// Closes month `text` (a keeper of the register) once it has ended and
/// been run: its lines are frozen from now on.
pub async fn close<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    text: &str,
) -> Result<ChargeMonth, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let p = period(text, today())?;
    let key = p.to_string();
    if p.last() >= today() {
        return Err(AppError::StateConflict {
            message: format!("Månaden {key} är inte slut än. Stäng den när den är slut och debiterad."),
            state: OPEN.into(),
        });
    }
    let by = actor_name(ctx, db).await?;
    let txn = crate::db::begin_write(db).await?;
    let row = charge_run::Entity::find()
        .filter(charge_run::Column::Period.eq(&key))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::StateConflict {
            message: format!("Månaden {key} är inte debiterad än. Kör debiteringen först."),
            state: "not_run".into(),
        })?;
    if row.status == CLOSED {
        return Err(AppError::StateConflict {
            message: format!("Månaden {key} är redan stängd."),
            state: CLOSED.into(),
        });
    }
    let now = Utc::now();
    charge_run::Entity::update_many()
        .col_expr(charge_run::Column::Status, Expr::value(CLOSED))
        .col_expr(charge_run::Column::ClosedAt, Expr::value(now))
        .col_expr(charge_run::Column::ClosedBy, Expr::value(by))
        .filter(charge_run::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "charging.close",
        Some("charge_run"),
        Some(&key),
        serde_json::json!({
            "period": key,
            "subscriptions": row.subscriptions,
            "total_ore": row.total_ore,
        }),
    )
    .await?;
    txn.commit().await?;
    month(ctx, db, &key).await
}

/// Month `key`'s lines per customer cost centre: how many, their
/// subscriptions and their amount (one statement along the index on
/// period and customer cost centre).
async fn per_customer<C: ConnectionTrait>(db: &C, key: &str) -> Result<Vec<(i32, i64, i64, i64)>, AppError> {
    let bigint = |e: SimpleExpr| e.cast_as(Alias::new("BIGINT"));
    Ok(charge_line::Entity::find()
        .select_only()
        .column(charge_line::Column::CustomerCostCenterId)
        .expr(bigint(Expr::col(Asterisk).count()))
        .expr(bigint(Expr::col(charge_line::Column::Subscriptions).sum()))
        .expr(bigint(Expr::col(charge_line::Column::AmountOre).sum()))
        .filter(charge_line::Column::Period.eq(key))
        .group_by(charge_line::Column::CustomerCostCenterId)
        .into_tuple()
        .all(db)
        .await?)
}

/// The lines of month `key` charged to `customers` (every line when
/// `None`) with their names, by cost centre, article and service.
async fn lines_of<C: ConnectionTrait>(
    db: &C,
    key: &str,
    customers: Option<Vec<i32>>,
    centers: &HashMap<i32, CenterNames>,
) -> Result<Vec<ChargeLineDto>, AppError> {
    let of_month = || {
        charge_line::Entity::find()
            .filter(charge_line::Column::Period.eq(key))
            .order_by_asc(charge_line::Column::Id)
    };
    let rows = match customers {
        None => of_month().all(db).await?,
        Some(ids) => {
            let mut rows = Vec::new();
            for chunk in ids.chunks(500) {
                rows.extend(
                    of_month()
                        .filter(charge_line::Column::CustomerCostCenterId.is_in(chunk.iter().copied()))
                        .all(db)
                        .await?,
                );
            }
            rows.sort_by_key(|r| r.id);
            rows
        }
    };
    let articles = crate::catalog::service::article_numbers(
        db,
        rows.iter()
            .map(|r| r.item_id)
            .collect::<std::collections::BTreeSet<_>>(),
    )
    .await?;
    let mut out: Vec<ChargeLineDto> = rows
        .into_iter()
        .map(|r| {
            let c = centers.get(&r.customer_cost_center_id);
            ChargeLineDto {
                cost_center_code: c.map(|c| c.code.clone()).unwrap_or_default(),
                cost_center_name: c.map(|c| c.name.clone()).unwrap_or_default(),
                administration: c.map(|c| c.administration.clone()),
                article_number: articles.get(&r.item_id).cloned().unwrap_or_default(),
                service: r.service,
                service_cost_center_code: r
                    .service_cost_center_id
                    .and_then(|s| centers.get(&s))
                    .map(|c| c.code.clone()),
                revenue_account: r.revenue_account,
                expense_account: r.expense_account,
                subscriptions: r.subscriptions,
                days: r.days,
                amount: Sek::from_ore(r.amount_ore),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.cost_center_code, &a.article_number, &a.service).cmp(&(&b.cost_center_code, &b.article_number, &b.service))
    });
    Ok(out)
}

/// The customer cost centres whose lines come first by cost centre code,
/// enough of them for `shown` lines (every cost centre sharing the last
/// one's code too): the lines the page shows are among theirs.
pub(crate) fn first_customers(
    per: &[(i32, i64, i64, i64)],
    centers: &HashMap<i32, CenterNames>,
    shown: usize,
) -> Vec<i32> {
    let code = |id: i32| centers.get(&id).map_or("", |c| c.code.as_str());
    let mut by_code: Vec<(&str, i32, i64)> = per.iter().map(|&(id, n, _, _)| (code(id), id, n)).collect();
    by_code.sort_unstable();
    let mut taken = Vec::new();
    let mut lines = 0i64;
    let mut last: Option<&str> = None;
    for (code, id, n) in by_code {
        if lines >= shown as i64 && last != Some(code) {
            break;
        }
        taken.push(id);
        lines = lines.saturating_add(n);
        last = Some(code);
    }
    taken
}

/// Totals per label, in label order.
fn totals(by: BTreeMap<String, (i64, i64)>) -> Vec<ChargeTotal> {
    by.into_iter()
        .map(|(label, (subscriptions, amount))| ChargeTotal {
            label,
            subscriptions: i32::try_from(subscriptions).unwrap_or(i32::MAX),
            amount: Sek::from_ore(amount),
        })
        .collect()
}

async fn month_with<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    text: &str,
    all_lines: bool,
) -> Result<ChargeMonth, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let today = today();
    let p = period(text, today)?;
    let key = p.to_string();
    let run = charge_run::Entity::find()
        .filter(charge_run::Column::Period.eq(&key))
        .one(db)
        .await?;
    // The totals from the lines summed per customer cost centre; the page
    // reads only the lines it shows (a month at ten times the region has
    // 100 000), the API and the CSV all of them.
    let per = per_customer(db, &key).await?;
    let centers = if per.is_empty() {
        HashMap::new()
    } else {
        crate::org::structure::center_names(db).await?
    };
    let (mut by_administration, mut by_center) = (BTreeMap::new(), BTreeMap::new());
    let mut line_count = 0usize;
    for &(id, n, subscriptions, amount) in &per {
        line_count = line_count.saturating_add(usize::try_from(n).unwrap_or(0));
        let c = centers.get(&id);
        let administration = c.map_or_else(|| "Utan förvaltning".to_owned(), |c| c.administration.clone());
        let center = c.map_or_else(|| " ".to_owned(), CenterNames::label);
        for t in [
            by_administration.entry(administration).or_insert((0i64, 0i64)),
            by_center.entry(center).or_insert((0i64, 0i64)),
        ] {
            t.0 = t.0.saturating_add(subscriptions);
            t.1 = t.1.saturating_add(amount);
        }
    }
    let shown = (!all_lines).then(|| first_customers(&per, &centers, LINES_SHOWN));
    let mut lines = lines_of(db, &key, shown, &centers).await?;
    if !all_lines {
        lines.truncate(LINES_SHOWN);
    }
    let (per_administration, per_cost_center) = (totals(by_administration), totals(by_center));
    let status = match run.as_ref().map(|r| r.status.as_str()) {
        None => RunStatus::NotRun,
        Some(CLOSED) => RunStatus::Closed,
        Some(_) => RunStatus::Open,
    };
    Ok(ChargeMonth {
        period: key,
        status,
        run_at: run.as_ref().map(|r| r.run_at),
        run_by: run.as_ref().map(|r| r.run_by.clone()),
        closed_at: run.as_ref().and_then(|r| r.closed_at),
        closed_by: run.as_ref().and_then(|r| r.closed_by.clone()),
        subscriptions: run.as_ref().map_or(0, |r| r.subscriptions),
        total: Sek::from_ore(run.as_ref().map_or(0, |r| r.total_ore)),
        per_administration,
        per_cost_center,
        lines,
        line_count,
        proration: rules::PRORATION_SV.into(),
        may_run: status != RunStatus::Closed,
        may_close: status == RunStatus::Open && p.last() < today,
    })
}

/// Month `text` as the page shows it (the first `LINES_SHOWN` lines).
pub async fn month<C: ConnectionTrait>(ctx: &Ctx, db: &C, text: &str) -> Result<ChargeMonth, AppError> {
    month_with(ctx, db, text, false).await
}

/// Month `text` with every line, for the API.
pub async fn month_all<C: ConnectionTrait>(ctx: &Ctx, db: &C, text: &str) -> Result<ChargeMonth, AppError> {
    month_with(ctx, db, text, true).await
}

/// Month `text` as CSV for the finance system, in the layout of
/// `dto::CSV_COLUMNS`: semicolon-separated, UTF-8, a header line, one
/// charge line a row. A month not run yet is refused (409): there is
/// nothing to hand over.
pub async fn csv<C: ConnectionTrait>(ctx: &Ctx, db: &C, text: &str) -> Result<String, AppError> {
    let m = month_all(ctx, db, text).await?;
    if m.status == RunStatus::NotRun {
        return Err(AppError::StateConflict {
            message: format!("Månaden {} är inte debiterad än. Kör debiteringen först.", m.period),
            state: "not_run".into(),
        });
    }
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![]);
    let csv_err = |e: csv::Error| AppError::internal(e.to_string());
    w.write_record(CSV_COLUMNS.iter().map(|(name, _)| *name))
        .map_err(csv_err)?;
    let text = |s: &str| crate::domain::format::spreadsheet_text(s).into_owned();
    for l in &m.lines {
        let ore = l.amount.ore();
        w.write_record([
            m.period.clone(),
            text(&l.cost_center_code),
            text(&l.cost_center_name),
            text(l.administration.as_deref().unwrap_or_default()),
            text(&l.article_number),
            text(&l.service),
            text(l.service_cost_center_code.as_deref().unwrap_or_default()),
            text(&l.revenue_account),
            text(&l.expense_account),
            l.subscriptions.to_string(),
            l.days.to_string(),
            format!("{},{:02}", ore / 100, (ore % 100).abs()),
            "SEK".into(),
        ])
        .map_err(csv_err)?;
    }
    String::from_utf8(w.into_inner().map_err(|e| AppError::internal(e.to_string()))?).map_err(AppError::internal)
}

/// The months that have a run, newest first, with their status: for the
/// page's list of months.
pub async fn months<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<(String, RunStatus)>, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let rows: Vec<(String, String)> = charge_run::Entity::find()
        .select_only()
        .column(charge_run::Column::Period)
        .column(charge_run::Column::Status)
        .order_by_desc(charge_run::Column::Period)
        .limit(24)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(p, s)| {
            (
                p,
                if s == CLOSED {
                    RunStatus::Closed
                } else {
                    RunStatus::Open
                },
            )
        })
        .collect())
}
