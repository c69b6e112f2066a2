//! The asset register's benchmarks (issue 18, "Performance"):
//! `assets-data` writes `assets` assets (1 500 000) over the people and
//! cost centres of `avrop-bench data`, delivered over the last six years,
//! of the demo catalogue's computers, screens, docks and phones, and
//! `subscriptions` active subscriptions (500 000) on the first of them;
//! `assets` measures in process, on that database, what the issue names:
//! a lookup by tag and by serial number (p95 < 10 ms), a filtered list
//! page at 20 concurrent users (p95 < 50 ms), the charging run of last
//! month (< 10 s) and the replacement forecast (< 500 ms). Each
//! measurement is one Markdown table row on stdout:
//! `| db | measurement | n | p50 ms | p95 ms | p99 ms | target | outcome |`.

use crate::attest::{backend, ctx_of, percentiles, row, verdict, Draw};
use anyhow::Context as _;
use app::assets::dto::AssetFilter;
use app::ctx::Ctx;
use app::domain::roles::Role;
use app::entities::{administration, asset, cost_center, item, person, subscription};
use avrop_server::settings::Settings;
use chrono::{Days, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The tag and serial number of generated asset `n`.
fn tag(n: u32) -> String {
    format!("BENCH-{n:07}")
}

fn serial(n: u32) -> String {
    format!("SN{:09}", n.wrapping_mul(7919) % 1_000_000_000)
}

/// The demo catalogue's models the generated register holds.
const MODELS: &[&str] = &[
    "DL-5450",
    "DL-5450",
    "DL-5450",
    "HP-840",
    "DL-7450",
    "LN-X1C",
    "DL-OP7020",
    "HP-800",
    "DL-P2425H",
    "DL-P2425H",
    "DL-WD22TB4",
    "AP-IP16E",
    "SA-A56",
];

/// What `assets-data` writes.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub assets: u32,
    pub subscriptions: u32,
}

const BATCH: u32 = 10_000;
const CHUNK: usize = 1_000;

pub async fn data(settings: &Settings, sizes: Sizes) -> anyhow::Result<()> {
    let db = app::db::connect(&settings.database_url, settings.db_max_connections).await?;
    let have = asset::Entity::find()
        .filter(asset::Column::Tag.starts_with("BENCH-"))
        .count(&db)
        .await?;
    if have >= u64::from(sizes.assets) {
        eprintln!("assets-data: {have} generated assets are there already");
        return Ok(());
    }
    let people: Vec<i32> = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .order_by_asc(person::Column::Id)
        .into_tuple()
        .all(&db)
        .await?;
    let centers: Vec<i32> = cost_center::Entity::find()
        .select_only()
        .column(cost_center::Column::Id)
        .order_by_asc(cost_center::Column::Id)
        .into_tuple()
        .all(&db)
        .await?;
    let mut models = Vec::new();
    for article in MODELS {
        let it = item::Entity::find()
            .filter(item::Column::ArticleNumber.eq(*article))
            .one(&db)
            .await?
            .with_context(|| format!("the demo item {article} (run `avrop-bench data` first)"))?;
        models.push(it);
    }
    let today = chrono::Local::now().date_naive();
    let now = Utc::now();
    let start = have as u32;
    let started = Instant::now();
    let mut n = start;
    while n < sizes.assets {
        let end = (n + BATCH).min(sizes.assets);
        let rows: Vec<asset::ActiveModel> = (n..end)
            .map(|i| {
                let m = &models[i as usize % models.len()];
                let delivered = today - Days::new(u64::from(i.wrapping_mul(37) % 2_190));
                let status = match i % 100 {
                    0..=2 => "in_stock",
                    3 => "in_repair",
                    4 => "lost",
                    5..=9 => "retired",
                    _ => "in_use",
                };
                asset::ActiveModel {
                    tag: Set(tag(i)),
                    serial_number: Set(Some(serial(i))),
                    item_id: Set(Some(m.id)),
                    model: Set(m.name.clone()),
                    supplier_id: Set(Some(m.supplier_id)),
                    user_id: Set((status != "in_stock").then(|| people[i as usize % people.len()])),
                    cost_center_id: Set(centers[(i as usize / 7) % centers.len()]),
                    location: Set("Regionhuset, Storgatan 1, 721 15 Norrvik".into()),
                    delivered_on: Set(Some(delivered)),
                    order_id: Set(None),
                    order_line_id: Set(None),
                    warranty_end: Set(Some(app::domain::assets::warranty_end(delivered))),
                    status: Set(status.into()),
                    status_since: Set(now),
                    inventoried_on: Set((i % 3 == 0).then(|| delivered + Days::new(30))),
                    inventoried_by: Set(None),
                    inventory_found: Set((i % 3 == 0).then_some(true)),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
            })
            .collect();
        let txn = app::db::begin_write(&db).await?;
        for chunk in rows.chunks(CHUNK) {
            asset::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        n = end;
        if (n - start).is_multiple_of(100_000) {
            eprintln!("assets-data: {n} assets ({:.0} s)", started.elapsed().as_secs_f64());
        }
    }
    // Subscriptions on the first assets in use with a monthly price, from
    // delivery, charged to the asset's cost centre (one statement each:
    // the rows, then their cost centre from before any month).
    let monthly: Vec<(i32, i64)> = models
        .iter()
        .map(|m| {
            (
                m.id,
                if m.article_number.starts_with("DL-P") || m.article_number.starts_with("DL-WD") {
                    0
                } else {
                    38_900
                },
            )
        })
        .collect();
    let backend = db.get_database_backend();
    let mut made = 0u32;
    let mut after = 0i32;
    while made < sizes.subscriptions {
        let page: Vec<asset::Model> = asset::Entity::find()
            .filter(asset::Column::Tag.starts_with("BENCH-"))
            .filter(asset::Column::Status.eq("in_use"))
            .filter(asset::Column::Id.gt(after))
            .order_by_asc(asset::Column::Id)
            .limit(u64::from(BATCH))
            .all(&db)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let rows: Vec<subscription::ActiveModel> = page
            .iter()
            .filter_map(|a| {
                let price = monthly.iter().find(|(id, _)| Some(*id) == a.item_id)?.1;
                (price > 0).then_some(a)
            })
            .take((sizes.subscriptions - made) as usize)
            .map(|a| subscription::ActiveModel {
                item_id: Set(a.item_id.unwrap_or_default()),
                service: Set(a.model.clone()),
                monthly_ore: Set(38_900),
                order_id: Set(None),
                order_line_id: Set(None),
                unit: Set(1),
                asset_id: Set(Some(a.id)),
                user_id: Set(a.user_id),
                cost_center_id: Set(a.cost_center_id),
                service_cost_center_id: Set(None),
                revenue_account: Set("3521".into()),
                expense_account: Set("6421".into()),
                start_on: Set(a.delivered_on.unwrap_or(today)),
                binding_end: Set(None),
                notice_months: Set(3),
                end_on: Set(None),
                terminated_at: Set(None),
                terminated_by: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .collect();
        made += rows.len() as u32;
        let txn = app::db::begin_write(&db).await?;
        for chunk in rows.chunks(CHUNK) {
            subscription::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
    }
    db.execute(Statement::from_string(
        backend,
        "INSERT INTO subscription_cost_center (subscription_id, from_month, cost_center_id) \
         SELECT s.id, '2000-01-01', s.cost_center_id FROM subscription s \
         WHERE NOT EXISTS (SELECT 1 FROM subscription_cost_center c WHERE c.subscription_id = s.id)",
    ))
    .await?;
    // Fresh statistics for the planner, as after a real migration; on
    // PostgreSQL also the visibility map, without which the forecast's
    // index-only scan reads the table too (676–731 ms p95 in full runs,
    // 439 ms the once autovacuum had passed).
    if backend == sea_orm::DatabaseBackend::Postgres {
        crate::data::settle(&db).await?;
    } else {
        db.execute_unprepared("ANALYZE").await?;
    }
    eprintln!(
        "assets-data: {} assets and {made} subscriptions in {:.0} s",
        sizes.assets,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// How `assets` measures.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Timed lookups by tag and by serial number.
    pub lookups: u32,
    /// Users asking for list pages at the same time.
    pub users: u32,
    /// Pages each of them asks for.
    pub pages: u32,
    /// Each user asks at most this often (a person paging through the
    /// register).
    pub pace: Duration,
    /// Every user asks at the same instant (otherwise user `u` of `n`
    /// starts `u/n` of a pace in, as people do not click in step).
    pub in_step: bool,
    /// Charging runs of last month (the first writes, the rest replace).
    pub charging_runs: u32,
    /// Timed forecasts.
    pub forecasts: u32,
}

const LOOKUP_TARGET_MS: f64 = 10.0;
const LIST_TARGET_MS: f64 = 50.0;
const CHARGING_TARGET_MS: f64 = 10_000.0;
const FORECAST_TARGET_MS: f64 = 500.0;

/// The register's keeper the measurements run as: the demo's IT Asset
/// Manager.
async fn keeper(db: &DatabaseConnection) -> anyhow::Result<Ctx> {
    let sara = person::Entity::find()
        .filter(person::Column::Username.eq("sara.berg"))
        .one(db)
        .await?
        .context("the demo IT Asset Manager")?;
    let mut ctx = ctx_of(db, sara.id).await?;
    if !ctx.roles.contains(&Role::AssetManager) {
        ctx.roles.push(Role::AssetManager);
    }
    Ok(ctx)
}

pub async fn run(settings: &Settings, o: Options) -> anyhow::Result<()> {
    let db = app::db::connect(&settings.database_url, settings.db_max_connections).await?;
    let label = backend(&db);
    let ctx = keeper(&db).await?;
    let total = asset::Entity::find().count(&db).await?;
    let size = format!("{total} assets");
    let mut draw = Draw::new(42);
    let generated = asset::Entity::find()
        .filter(asset::Column::Tag.starts_with("BENCH-"))
        .count(&db)
        .await? as usize;
    anyhow::ensure!(
        generated > 0,
        "no generated assets: run `avrop-bench assets-data` first"
    );

    for (what, key) in [("lookup by tag", true), ("lookup by serial number", false)] {
        let mut times = Vec::new();
        for _ in 0..o.lookups {
            let n = draw.below(generated) as u32;
            let q = if key { tag(n) } else { serial(n) };
            let t = Instant::now();
            let page = app::assets::service::page(
                &ctx,
                &db,
                AssetFilter {
                    q,
                    ..Default::default()
                },
            )
            .await?;
            times.push(t.elapsed());
            anyhow::ensure!(!page.rows.is_empty(), "{what}: asset {n} not found");
        }
        let (_, p95, _) = percentiles(times.clone());
        row(label, what, &size, times, "p95 < 10 ms", verdict(p95, LOOKUP_TARGET_MS));
    }

    // The list as the register's keepers use it: a status and a förvaltning,
    // a status and a cost centre, the due list, and the next page of each.
    let admin: i32 = administration::Entity::find()
        .select_only()
        .column(administration::Column::Id)
        .order_by_asc(administration::Column::Id)
        .into_tuple()
        .one(&db)
        .await?
        .context("a förvaltning")?;
    let center = cost_center::Entity::find()
        .order_by_asc(cost_center::Column::Id)
        .one(&db)
        .await?
        .context("a cost centre")?;
    let filters = vec![
        AssetFilter {
            status: "in_use".into(),
            administration: admin.to_string(),
            ..Default::default()
        },
        AssetFilter {
            status: "in_use".into(),
            cost_center: center.code.clone(),
            ..Default::default()
        },
        AssetFilter {
            not_inventoried: "12".into(),
            warranty: "utgangen".into(),
            ..Default::default()
        },
        AssetFilter {
            older_than: "4".into(),
            sort: "aldst".into(),
            ..Default::default()
        },
    ];
    let db = Arc::new(db);
    let ctx = Arc::new(ctx);
    let filters = Arc::new(filters);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for u in 0..o.users {
        let (db, ctx, filters) = (db.clone(), ctx.clone(), filters.clone());
        let offset = if o.in_step {
            Duration::ZERO
        } else {
            o.pace * u / o.users.max(1)
        };
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(offset).await;
            let mut times = Vec::new();
            for p in 0..o.pages {
                let mut f = filters[((u + p) as usize) % filters.len()].clone();
                let due = Instant::now() + o.pace;
                let t = Instant::now();
                let first = app::assets::service::page(&ctx, &*db, f.clone()).await?;
                times.push(t.elapsed());
                if let Some(c) = first.next_cursor {
                    f.cursor = c;
                    let t = Instant::now();
                    app::assets::service::page(&ctx, &*db, f).await?;
                    times.push(t.elapsed());
                }
                tokio::time::sleep_until(due.into()).await;
            }
            anyhow::Ok(times)
        }));
    }
    let mut times: Vec<Duration> = Vec::new();
    for t in tasks {
        times.extend(t.await??);
    }
    let calls = times.len();
    let (_, p95, _) = percentiles(times.clone());
    row(
        label,
        &format!(
            "filtered list page and its next page, {} users each once a {} ms{} ({calls} pages in {:.1} s)",
            o.users,
            o.pace.as_millis(),
            if o.in_step { ", all in step" } else { ", staggered" },
            started.elapsed().as_secs_f64()
        ),
        &size,
        times,
        "p95 < 50 ms",
        verdict(p95, LIST_TARGET_MS),
    );

    let today = chrono::Local::now().date_naive();
    let month = app::domain::subscriptions::Period::of(today).prev().to_string();
    let active = subscription::Entity::find()
        .filter(subscription::Column::EndOn.is_null())
        .count(&*db)
        .await?;
    let mut times = Vec::new();
    let mut lines = 0;
    for _ in 0..o.charging_runs {
        let t = Instant::now();
        let m = app::subscriptions::charging::run(&ctx, &*db, &month).await?;
        times.push(t.elapsed());
        lines = m.line_count;
    }
    let (_, p95, _) = percentiles(times.clone());
    row(
        label,
        &format!("charging run of {month} ({lines} lines)"),
        &format!("{active} active subscriptions"),
        times,
        "< 10 s",
        verdict(p95, CHARGING_TARGET_MS),
    );

    let mut times = Vec::new();
    let mut counted = 0;
    for _ in 0..o.forecasts {
        let t = Instant::now();
        let f = app::assets::forecast::forecast(&ctx, &*db, 48, today).await?;
        times.push(t.elapsed());
        counted = f.total.within_12.count;
    }
    let (_, p95, _) = percentiles(times.clone());
    row(
        label,
        &format!("replacement forecast ({counted} computers within 12 months)"),
        &size,
        times,
        "p95 < 500 ms",
        verdict(p95, FORECAST_TARGET_MS),
    );
    Ok(())
}
