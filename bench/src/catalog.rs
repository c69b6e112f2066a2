//! The catalogue copy after a change (issue 23: "incremental update on a
//! catalogue change instead of a full rebuild where that is cheaper").
//! `catalog-change` measures in process, on the data of `avrop-bench data`,
//! how long an instance takes to have the day's catalogue current again
//! after each kind of change made through the administration: built anew
//! (a change of the whole catalogue, as at start-up) and patched (a new
//! price, a new name, an item retired and back, a new item, 100 items'
//! prices at once). Only the instance's read is timed, not the change.
//! Each measurement is one Markdown table row on stdout:
//! `| db | measurement | n | p50 ms | p95 ms | p99 ms | target | outcome |`;
//! a patch's target is to take less than the build's median.

use crate::attest::{backend, percentiles, row, verdict, Draw};
use anyhow::Context as _;
use app::catalog::admin::dto::ItemForm;
use app::catalog::admin::service::{add_price, get_item, save_item, set_active};
use app::catalog::snapshot::{changed, CatalogCache, Change, Snapshot};
use app::ctx::{Actor, Ctx};
use app::domain::roles::Role;
use app::entities::person;
use avrop_server::settings::Settings;
use chrono::Utc;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The instance's read after a change: the time, and whether it patched.
async fn timed_read(db: &DatabaseConnection, cache: &CatalogCache) -> anyhow::Result<(Duration, bool)> {
    let patches = cache.patches();
    let started = Instant::now();
    cache.get(db, Utc::now().date_naive()).await?;
    Ok((started.elapsed(), cache.patches() > patches))
}

/// Random items of the copy, by id.
fn pick(snapshot: &Snapshot, draw: &mut Draw, within: usize) -> i32 {
    snapshot.entries[draw.below(within.min(snapshot.entries.len()))]
        .summary
        .id
}

pub async fn run(settings: &Settings, rounds: usize) -> anyhow::Result<()> {
    let db = app::db::connect(&settings.database_url, settings.db_max_connections).await?;
    let label = backend(&db);
    let today = Utc::now().date_naive();
    let from = today.format("%Y-%m-%d").to_string();
    // A catalogue manager: the first person of the data, with that role.
    let p = person::Entity::find()
        .order_by_asc(person::Column::Id)
        .one(&db)
        .await?
        .context("no people: run `avrop-bench data` first")?;
    let ctx = Ctx {
        actor: Actor::Person {
            id: p.id,
            username: p.username,
        },
        roles: vec![Role::CatalogManager],
        ip: None,
    };
    let cache = CatalogCache::default();

    let mut built = Vec::new();
    for _ in 0..rounds {
        changed(&db, Change::Whole).await?;
        built.push(timed_read(&db, &cache).await?.0);
    }
    let items = cache.get(&db, today).await?.entries.len();
    let size = format!("{items} items");
    let build_p50 = percentiles(built.clone()).0;
    row(
        label,
        "built anew (a change of the whole catalogue)",
        &size,
        built,
        "–",
        "–",
    );

    let mut draw = Draw::new(23);
    let patched = |what: &str, times: Vec<(Duration, bool)>| {
        let all_patched = times.iter().all(|(_, p)| *p);
        let times: Vec<Duration> = times.into_iter().map(|(t, _)| t).collect();
        let p95 = percentiles(times.clone()).1;
        let outcome = if all_patched {
            verdict(p95, build_p50)
        } else {
            "built anew"
        };
        row(
            label,
            what,
            &size,
            times,
            &format!("< {build_p50:.0} (the build's p50)"),
            outcome,
        );
    };

    let mut times = Vec::new();
    for _ in 0..rounds {
        let snapshot: Arc<Snapshot> = cache.get(&db, today).await?;
        let id = pick(&snapshot, &mut draw, usize::MAX);
        add_price(&ctx, &db, id, &from, "1 234,50", "0", today).await?;
        times.push(timed_read(&db, &cache).await?);
    }
    patched("patched: a new price of one item", times);

    let mut times = Vec::new();
    for round in 0..rounds {
        let snapshot = cache.get(&db, today).await?;
        let id = pick(&snapshot, &mut draw, usize::MAX);
        let mut form: ItemForm = get_item(&ctx, &db, Some(id), today).await?.form;
        form.name = format!("Ändrad {round} {}", form.name);
        form.description = format!("{} Ny text {round}.", form.description);
        save_item(&ctx, &db, Some(id), form).await?;
        times.push(timed_read(&db, &cache).await?);
    }
    patched("patched: a new name and description of one item", times);

    let (mut retired, mut back) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        // Among the first hundred: every later entry moves.
        let snapshot = cache.get(&db, today).await?;
        let id = pick(&snapshot, &mut draw, 100);
        set_active(&ctx, &db, id, false).await?;
        retired.push(timed_read(&db, &cache).await?);
        set_active(&ctx, &db, id, true).await?;
        back.push(timed_read(&db, &cache).await?);
    }
    patched("patched: one item retired (among the first 100)", retired);
    patched("patched: the same item back", back);

    let options = get_item(&ctx, &db, None, today).await?.options;
    let category = options.categories.first().context("no categories")?.id.to_string();
    let supplier = options.suppliers.first().context("no suppliers")?.id.to_string();
    let stamp = Utc::now().timestamp();
    let mut times = Vec::new();
    for round in 0..rounds {
        let form = ItemForm {
            article_number: format!("BENCH-NY-{stamp}-{round}"),
            name: format!("Ny artikel {round}"),
            description: "En ny artikel i katalogen.".into(),
            kind: "hardware".into(),
            category_id: category.clone(),
            supplier_id: supplier.clone(),
            ..Default::default()
        };
        let id = save_item(&ctx, &db, None, form).await?;
        add_price(&ctx, &db, id, &from, "990", "0", today).await?;
        times.push(timed_read(&db, &cache).await?);
    }
    patched("patched: a new item with its price", times);

    let mut times = Vec::new();
    for _ in 0..rounds {
        let snapshot = cache.get(&db, today).await?;
        for _ in 0..100 {
            let id = pick(&snapshot, &mut draw, usize::MAX);
            add_price(&ctx, &db, id, &from, "2 345", "0", today).await?;
        }
        times.push(timed_read(&db, &cache).await?);
    }
    patched("patched: new prices of 100 items, then one read", times);
    Ok(())
}
