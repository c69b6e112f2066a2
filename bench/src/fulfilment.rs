//! The fulfilment benchmarks (issue 17, "Performance"): `fulfilment-data`
//! writes 1 000 000 orders, about ten years at the customer's volume
//! ([`data`]);
//! `fulfilment` measures in process, on that database, the coordinators'
//! queue under each single filter at 20 concurrent coordinators and the
//! statistics page of a month; `supplier-events` sends supplier events over
//! HTTP to a running server, each twice at once, and counts afterwards that
//! none was lost and none applied twice ([`events`]). Each measurement is
//! one Markdown table row on stdout:
//! `| db | measurement | n | p50 ms | p95 ms | p99 ms | target | outcome |`.

pub mod data;
pub mod events;

use crate::attest::{ctx_of, row, verdict};
use anyhow::Context as _;
use app::ctx::Ctx;
use app::entities::{administration, cost_center, item, order_outcome, orders, person};
use app::fulfilment::dto::QueueFilter;
use avrop_server::settings::Settings;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const ORDER_KEY_PREFIX: &str = "fulfil-bench-";
pub const EVENT_KEY_PREFIX: &str = "fulfil-events-";
/// The demo coordinator the queue is measured as.
pub const COORDINATOR: &str = "maria.nilsson";

/// The targets, in milliseconds at p95.
const QUEUE_TARGET_MS: f64 = 50.0;
const STATISTICS_TARGET_MS: f64 = 200.0;

/// How `fulfilment` measures.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Coordinators asking at the same time.
    pub coordinators: u32,
    /// Calls each of them makes per filter.
    pub calls: u32,
    /// Each coordinator asks at most this often (a busy person clicking
    /// through the queues); the same filters are then asked back to back,
    /// 3 calls each, as a stress figure.
    pub pace: Duration,
    /// Timed calls of the statistics page.
    pub statistics_calls: u32,
}

pub async fn run(settings: &Settings, options: Options) -> anyhow::Result<()> {
    let db = app::db::connect(&settings.database_url, settings.db_max_connections).await?;
    let label = crate::attest::backend(&db);
    let me = person::Entity::find()
        .filter(person::Column::Username.eq(COORDINATOR))
        .one(&db)
        .await?
        .context("the demo coordinator")?;
    let ctx = ctx_of(&db, me.id).await?;
    let total: u64 = sea_orm::PaginatorTrait::count(orders::Entity::find(), &db).await?;
    let filters = filters(&db).await?;
    for (name, filter) in &filters {
        queue(&db, &ctx, label, total, name, filter, options.calls, options).await?;
    }
    let saturated = Options {
        pace: Duration::ZERO,
        ..options
    };
    for (name, filter) in &filters {
        queue(&db, &ctx, label, total, name, filter, 3, saturated).await?;
    }
    statistics(&db, &ctx, label, options.statistics_calls).await
}

/// Each single filter the workspace offers, with a value that matches many
/// orders; and the second page of the open orders.
async fn filters(db: &DatabaseConnection) -> anyhow::Result<Vec<(String, QueueFilter)>> {
    let admin = administration::Entity::find()
        .filter(administration::Column::Code.starts_with("GEN"))
        .order_by_asc(administration::Column::Id)
        .one(db)
        .await?
        .context("the generated förvaltningar (run `avrop-bench data`)")?;
    let busiest: i32 = orders::Entity::find()
        .select_only()
        .column(orders::Column::CostCenterId)
        .filter(orders::Column::IdempotencyKey.starts_with(ORDER_KEY_PREFIX))
        .order_by_desc(orders::Column::Id)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?
        .context("the fulfilment data (run `avrop-bench fulfilment-data`)")?;
    let center = cost_center::Entity::find_by_id(busiest)
        .one(db)
        .await?
        .context("a cost centre")?;
    // A supplier and a category of ordinary orders: not the event
    // supplier's (its waiting parts are the event benchmark's).
    let first_item = item::Entity::find()
        .filter(item::Column::ArticleNumber.starts_with(data::EVENT_SUPPLIER_ITEMS))
        .filter(item::Column::Active.eq(true))
        .order_by_asc(item::Column::Id)
        .limit(2)
        .all(db)
        .await?
        .pop()
        .context("a generated item")?;
    let open = QueueFilter::default();
    let with = |f: &dyn Fn(&mut QueueFilter)| {
        let mut q = QueueFilter::default();
        f(&mut q);
        q
    };
    let mut out = vec![
        ("alla pågående".to_owned(), open.clone()),
        ("kö: bekräftad".to_owned(), with(&|q| q.queue = "confirmed".into())),
        (
            "kö: saknar attestant".to_owned(),
            with(&|q| q.queue = "saknar_attestant".into()),
        ),
        ("kö: avvikelser".to_owned(), with(&|q| q.queue = "avvikelser".into())),
        (
            "förvaltning".to_owned(),
            with(&|q| q.administration = admin.id.to_string()),
        ),
        (
            "kostnadsställe".to_owned(),
            with(&|q| q.cost_center = center.code.clone()),
        ),
        (
            "leverantör".to_owned(),
            with(&|q| q.supplier = first_item.supplier_id.to_string()),
        ),
        (
            "kategori".to_owned(),
            with(&|q| q.category = first_item.category_id.to_string()),
        ),
        ("öppen avvikelse".to_owned(), with(&|q| q.deviation = true)),
        ("mina".to_owned(), with(&|q| q.mine = true)),
        ("försenade".to_owned(), with(&|q| q.overdue = true)),
        ("nyast först".to_owned(), with(&|q| q.newest = true)),
    ];
    // The second page: the cursor the first one gives.
    let me = person::Entity::find()
        .filter(person::Column::Username.eq(COORDINATOR))
        .one(db)
        .await?
        .context("the demo coordinator")?;
    let ctx = ctx_of(db, me.id).await?;
    let first = app::fulfilment::service::queue::page(&ctx, db, open.clone())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(cursor) = first.next_cursor {
        out.push(("sida 2".to_owned(), QueueFilter { cursor, ..open }));
    }
    Ok(out)
}

/// `coordinators` tasks each asking `calls` times for the queue under
/// `filter`, at most once per `options.pace` each (staggered).
#[allow(clippy::too_many_arguments)]
async fn queue(
    db: &DatabaseConnection,
    ctx: &Ctx,
    label: &str,
    total: u64,
    name: &str,
    filter: &QueueFilter,
    calls: u32,
    options: Options,
) -> anyhow::Result<()> {
    let ctx = Arc::new(ctx.clone());
    let mut rows_seen = 0;
    let mut tasks = Vec::new();
    // A warm-up round of one call each, then the timed one.
    for (round, pace) in [(1, Duration::ZERO), (calls, options.pace)] {
        tasks.clear();
        for c in 0..options.coordinators {
            let (db, ctx, filter) = (db.clone(), ctx.clone(), filter.clone());
            let offset = pace * c / options.coordinators.max(1);
            tasks.push(tokio::spawn(async move {
                tokio::time::sleep(offset).await;
                let mut times = Vec::with_capacity(round as usize);
                let mut rows = 0;
                for _ in 0..round {
                    let t = Instant::now();
                    let page = app::fulfilment::service::queue::page(&ctx, &db, filter.clone())
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                    let took = t.elapsed();
                    times.push(took);
                    rows = page.rows.len() + page.deviations.len();
                    tokio::time::sleep(pace.saturating_sub(took)).await;
                }
                anyhow::Ok((times, rows))
            }));
        }
        let mut times: Vec<Duration> = Vec::new();
        for t in tasks.drain(..) {
            let (mut ts, rows) = t.await??;
            times.append(&mut ts);
            rows_seen = rows;
        }
        if round == calls {
            let p95 = crate::attest::percentiles(times.clone()).1;
            let (how, target, outcome) = if pace.is_zero() {
                (
                    "back to back".to_owned(),
                    "stress figure".to_owned(),
                    format!("{rows_seen} rows on the page"),
                )
            } else {
                (
                    format!("one a {} ms each", pace.as_millis()),
                    format!("p95 < {QUEUE_TARGET_MS} ms"),
                    format!("{}; {rows_seen} rows on the page", verdict(p95, QUEUE_TARGET_MS)),
                )
            };
            row(
                label,
                &format!("queue::page, {name} ({total} orders in all)"),
                &format!("{} coordinators × {calls} calls, {how}", options.coordinators),
                times,
                &target,
                &outcome,
            );
        }
    }
    Ok(())
}

/// The statistics page of the month with the most deliveries, `calls` times
/// one after another.
async fn statistics(db: &DatabaseConnection, ctx: &Ctx, label: &str, calls: u32) -> anyhow::Result<()> {
    let (month, count): (String, i64) = order_outcome::Entity::find()
        .select_only()
        .column(order_outcome::Column::Month)
        .column_as(Expr::col(order_outcome::Column::OrderId).count(), "n")
        .group_by(order_outcome::Column::Month)
        .order_by_desc(Expr::col(order_outcome::Column::OrderId).count())
        .limit(1)
        .into_tuple()
        .one(db)
        .await?
        .context("delivered orders (run `avrop-bench fulfilment-data`)")?;
    let mut times = Vec::with_capacity(calls as usize);
    let mut suppliers = 0;
    for i in 0..calls + 3 {
        let t = Instant::now();
        // Nothing kept between calls: what the page costs when it counts
        // every month of its trend.
        let fresh = app::fulfilment::service::statistics::PastMonths::default();
        let page = app::fulfilment::service::statistics::page(ctx, db, &fresh, &month)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if i >= 3 {
            times.push(t.elapsed());
        }
        suppliers = page.by_supplier.len();
    }
    let p95 = crate::attest::percentiles(times.clone()).1;
    row(
        label,
        &format!("statistics::page, month {month} ({count} delivered orders, {suppliers} suppliers)"),
        &format!("{calls} calls"),
        times,
        &format!("p95 < {STATISTICS_TARGET_MS} ms"),
        verdict(p95, STATISTICS_TARGET_MS),
    );
    Ok(())
}
