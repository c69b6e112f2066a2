//! The import of an older register (issue 18: "CSV import of 100 000 assets
//! < 60 s with progress visible"): `assets-import` writes a file of `rows`
//! assets over the people and cost centres of `avrop-bench data` and the
//! demo catalogue's models, then measures, in process as the demo's IT
//! Asset Manager, the check alone (a dry run) and the import, each from
//! the upload to the end, while a poller reads the import's row every
//! 250 ms as the page does and counts the progress it saw. The imported
//! assets are removed afterwards, so the register's own benchmarks are not
//! changed. Prints Markdown table rows like the other benchmarks.

use crate::attest::{backend, ctx_of, row, verdict};
use anyhow::Context as _;
use app::assets::dto::ImportPhase;
use app::domain::roles::Role;
use app::entities::{asset, asset_change, cost_center, person};
use avrop_server::settings::Settings;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const TARGET_MS: f64 = 60_000.0;

/// The demo catalogue's models by article number.
const MODELS: &[&str] = &["DL-5450", "HP-840", "DL-7450", "LN-X1C", "DL-P2425H", "DL-WD22TB4"];
const STATUSES: &[&str] = &[
    "I drift",
    "I drift",
    "I drift",
    "På lager",
    "På reparation",
    "Avvecklad",
];

/// The file: `rows` assets tagged `IMP-{run}-{n}`.
async fn file(db: &DatabaseConnection, run: &str, rows: u32) -> anyhow::Result<String> {
    let people: Vec<String> = person::Entity::find()
        .select_only()
        .column(person::Column::Username)
        .order_by_asc(person::Column::Id)
        .limit(20_000)
        .into_tuple()
        .all(db)
        .await?;
    let codes: Vec<String> = cost_center::Entity::find()
        .select_only()
        .column(cost_center::Column::Code)
        .filter(cost_center::Column::Active.eq(true))
        .order_by_asc(cost_center::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    anyhow::ensure!(!people.is_empty() && !codes.is_empty(), "run `avrop-bench data` first");
    let mut out = String::from(
        "tagg;serienummer;modell;artikelnummer;anvandare;kostnadsstalle;plats;leveransdatum;garanti_till;status;inventerad\n",
    );
    for n in 0..rows {
        let i = n as usize;
        let year = 2019 + (n % 7);
        let month = 1 + n % 12;
        writeln!(
            out,
            "IMP-{run}-{n:06};IS{run}{n:07};;{};{};{};Förråd {} plan {};{year}-{month:02}-15;{}-{month:02}-14;{};",
            MODELS[i % MODELS.len()],
            if n % 10 == 3 {
                ""
            } else {
                &people[(i * 7919) % people.len()]
            },
            codes[(i * 31) % codes.len()],
            n % 40 + 1,
            n % 5 + 1,
            year + 3,
            STATUSES[i % STATUSES.len()],
        )?;
    }
    Ok(out)
}

/// One upload from start to end: its time and the progress the poller saw
/// (how many reads showed it checking, and how many distinct written
/// counts it saw while writing).
async fn measure(
    db: &DatabaseConnection,
    ctx: &app::ctx::Ctx,
    text: &str,
    dry_run: bool,
) -> anyhow::Result<(Duration, u32, usize, app::assets::dto::AssetImport)> {
    let t = Instant::now();
    let id = app::assets::import::start(ctx, db, "bench.csv", text.as_bytes(), dry_run).await?;
    let worker = {
        let db = db.clone();
        tokio::spawn(async move { app::assets::import::run(&db, id, "bench", chrono::Utc::now()).await })
    };
    let mut checking = 0;
    let mut written = std::collections::BTreeSet::new();
    let last = loop {
        let now = app::assets::import::get(ctx, db, id).await?;
        match now.phase {
            ImportPhase::Checking | ImportPhase::Queued => checking += 1,
            ImportPhase::Writing => {
                written.insert(now.rows_written);
            }
            _ => break now,
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let elapsed = t.elapsed();
    worker.await??;
    Ok((elapsed, checking, written.len(), last))
}

pub async fn run(settings: &Settings, rows: u32) -> anyhow::Result<()> {
    let db = app::db::connect(&settings.database_url, settings.db_max_connections).await?;
    let label = backend(&db);
    let sara: i32 = person::Entity::find()
        .select_only()
        .column(person::Column::Id)
        .filter(person::Column::Username.eq("sara.berg"))
        .into_tuple()
        .one(&db)
        .await?
        .context("the demo IT Asset Manager")?;
    let mut ctx = ctx_of(&db, sara).await?;
    if !ctx.roles.contains(&Role::AssetManager) {
        ctx.roles.push(Role::AssetManager);
    }
    let run = format!("{:x}", chrono::Utc::now().timestamp() % 0xfffff);
    let text = file(&db, &run, rows).await?;
    let size = format!("{rows} rows, {:.1} MB", text.len() as f64 / 1e6);

    let (took, checking, _, checked) = measure(&db, &ctx, &text, true).await?;
    anyhow::ensure!(
        checked.phase == ImportPhase::Checked && checked.problem_count == 0,
        "the check found problems: {:?}",
        checked.problems.first()
    );
    row(
        label,
        &format!("import check only (dry run; {checking} progress reads while checking)"),
        &size,
        vec![took],
        "< 60 s",
        verdict(took.as_secs_f64() * 1000.0, TARGET_MS),
    );
    let (took, checking, moves, done) = measure(&db, &ctx, &text, false).await?;
    anyhow::ensure!(
        done.phase == ImportPhase::Done,
        "the import ended {:?}: {:?}",
        done.phase,
        done.message
    );
    row(
        label,
        &format!(
            "import from upload to done ({} assets; progress reads: {checking} checking, {moves} distinct written counts)",
            done.rows_written
        ),
        &size,
        vec![took],
        "< 60 s",
        verdict(took.as_secs_f64() * 1000.0, TARGET_MS),
    );

    // Leave the register as it was.
    let prefix = format!("IMP-{run}-");
    let ids: Vec<i32> = asset::Entity::find()
        .select_only()
        .column(asset::Column::Id)
        .filter(asset::Column::Tag.starts_with(&prefix))
        .into_tuple()
        .all(&db)
        .await?;
    for chunk in ids.chunks(1000) {
        asset_change::Entity::delete_many()
            .filter(asset_change::Column::AssetId.is_in(chunk.iter().copied()))
            .exec(&db)
            .await?;
        asset::Entity::delete_many()
            .filter(asset::Column::Id.is_in(chunk.iter().copied()))
            .exec(&db)
            .await?;
    }
    Ok(())
}
