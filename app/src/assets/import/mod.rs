//! The import of an older asset register (`/tillgangar/import`): the IT
//! Asset Manager uploads a CSV file (`POST /tillgangar/import`, up to 64 MB
//! and 200 000 rows), which becomes an `asset_import` row, and a worker on
//! the receiving instance checks every row ([`read::check`]) and, unless it
//! is a check only (a dry run) or any row is wrong, writes every asset with
//! a line of history in one transaction: all or nothing. The row carries
//! the progress and the problems, so any instance answers the page; the job
//! `assets.imports` takes over an import whose worker stopped (its
//! heartbeat is older than [`STALE_AFTER`]), which is safe because nothing
//! of an unfinished import was committed.
//!
//! On PostgreSQL the written count moves while the transaction runs (the
//! progress is written on another connection); SQLite has one writer at a
//! time, so there the count jumps from 0 to all at the commit.

mod read;
#[cfg(test)]
mod tests;

pub use read::{check, normalize, parse_status, Checked, NewAsset, MAX_ROWS};

use super::dto::{AssetImport, AssetImports, ImportPhase, ImportProblem};
use crate::ctx::{require, Actor, Ctx};
use crate::domain::authz::Permission;
use crate::entities::{asset, asset_change, asset_import};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

/// The largest file taken.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// How many problems are kept to show (all are counted).
pub const KEEP_PROBLEMS: usize = 500;
/// A worker that has not reported for this long has stopped.
pub const STALE_AFTER: chrono::Duration = chrono::Duration::minutes(5);
/// Assets per statement (21 values each, within both databases' limits).
const CHUNK: usize = 1000;
/// Progress is written after this many chunks.
const PROGRESS_EVERY: usize = 5;

fn phase_of(m: &asset_import::Model) -> ImportPhase {
    ImportPhase::parse(&m.status).unwrap_or(ImportPhase::Failed)
}

/// The imports without their files (which may be megabytes).
fn light() -> sea_orm::Select<asset_import::Entity> {
    use asset_import::Column as C;
    asset_import::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::CreatedBy,
            C::FileName,
            C::DryRun,
            C::Status,
            C::RowsTotal,
            C::RowsChecked,
            C::RowsWritten,
            C::ProblemCount,
            C::Problems,
            C::Message,
            C::Worker,
            C::HeartbeatAt,
            C::CreatedAt,
            C::FinishedAt,
        ])
        .column_as(Expr::cust("CAST(NULL AS TEXT)"), "content")
}

fn count(n: i32) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn to_dto(m: asset_import::Model, created_by: String, me: Option<i32>) -> AssetImport {
    AssetImport {
        mine: Some(m.created_by) == me,
        id: m.id,
        phase: phase_of(&m),
        file_name: m.file_name,
        dry_run: m.dry_run,
        rows_total: count(m.rows_total),
        rows_checked: count(m.rows_checked),
        rows_written: count(m.rows_written),
        problem_count: count(m.problem_count),
        problems: serde_json::from_str::<Vec<ImportProblem>>(&m.problems).unwrap_or_default(),
        message: m.message,
        created_by,
        created_at: m.created_at,
        finished_at: m.finished_at,
    }
}

async fn with_names<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    rows: Vec<asset_import::Model>,
) -> Result<Vec<AssetImport>, AppError> {
    let people = crate::org::directory::people(db, rows.iter().map(|r| r.created_by)).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = people.get(&r.created_by).map(|p| p.name.clone()).unwrap_or_default();
            to_dto(r, name, ctx.person_id())
        })
        .collect())
}

/// Stores the file `bytes` named `file_name` as a new import (a check
/// only when `dry_run`) for a keeper of the register; answers its id. The
/// work is done by [`run`] (see [`spawn`]).
pub async fn start<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
) -> Result<i32, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    if bytes.len() > MAX_BYTES {
        return Err(AppError::validation(
            "fil",
            "Filen är större än 64 MB. Dela upp den i flera filer.",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        AppError::validation(
            "fil",
            "Filen är inte i teckenkodningen UTF-8. Spara den som ”CSV UTF-8” och försök igen.",
        )
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(AppError::validation(
            "fil",
            "Filen är tom. Välj en CSV-fil med tillgångar.",
        ));
    }
    let name: String = file_name.trim().chars().filter(|c| !c.is_control()).take(200).collect();
    let m = asset_import::ActiveModel {
        created_by: Set(me),
        file_name: Set(if name.is_empty() { "tillgangar.csv".into() } else { name }),
        dry_run: Set(dry_run),
        status: Set(ImportPhase::Queued.as_str().to_owned()),
        content: Set(Some(text.to_owned())),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// Runs import `id` on this instance, in the background.
pub fn spawn(db: DatabaseConnection, id: i32) {
    tokio::spawn(async move {
        let worker = crate::jobs::instance_name();
        if let Err(e) = run(&db, id, &worker, Utc::now()).await {
            tracing::error!(import = id, error = %e, "the asset import stopped");
        }
    });
}

/// The job `assets.imports`: runs the imports nobody is working on (one
/// whose worker has not reported for [`STALE_AFTER`], or still waiting a
/// minute after its upload).
pub async fn resume(db: DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    use asset_import::Column as C;
    let ids: Vec<i32> = asset_import::Entity::find()
        .select_only()
        .column(C::Id)
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(C::Status.eq(ImportPhase::Queued.as_str()))
                        .add(C::CreatedAt.lt(now - chrono::Duration::minutes(1))),
                )
                .add(
                    Condition::all()
                        .add(C::Status.is_in([ImportPhase::Checking.as_str(), ImportPhase::Writing.as_str()]))
                        .add(C::HeartbeatAt.lt(now - STALE_AFTER)),
                ),
        )
        .order_by_asc(C::Id)
        .into_tuple()
        .all(&db)
        .await?;
    let worker = crate::jobs::instance_name();
    for id in ids {
        run(&db, id, &worker, now).await?;
    }
    Ok(())
}

/// Takes import `id` for `worker` when it waits or its worker stopped;
/// `true` when this call took it.
async fn claim<C: ConnectionTrait>(db: &C, id: i32, worker: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    use asset_import::Column as C;
    let taken = asset_import::Entity::update_many()
        .col_expr(C::Status, Expr::value(ImportPhase::Checking.as_str()))
        .col_expr(C::Worker, Expr::value(worker))
        .col_expr(C::HeartbeatAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(
            Condition::any().add(C::Status.eq(ImportPhase::Queued.as_str())).add(
                Condition::all()
                    .add(C::Status.is_in([ImportPhase::Checking.as_str(), ImportPhase::Writing.as_str()]))
                    .add(C::HeartbeatAt.lt(now - STALE_AFTER)),
            ),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Checks, and unless it is a dry run or a row is wrong writes, import
/// `id` for `worker`; `false` when another worker has it. A failure is
/// recorded on the import (nothing of it written) before it is returned.
pub async fn run(db: &DatabaseConnection, id: i32, worker: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    if !claim(db, id, worker, now).await? {
        return Ok(false);
    }
    if let Err(e) = work(db, id, worker).await {
        let message = match &e {
            AppError::Conflict { message } => message.clone(),
            _ => "Importen avbröts av ett fel i Avrop, och ingenting sparades. Försök igen; \
                  hjälper det inte, kontakta IT-supporten."
                .to_owned(),
        };
        fail(db, id, &message).await?;
        return Err(e);
    }
    Ok(true)
}

/// Ends import `id` without writing anything, saying why.
async fn fail<C: ConnectionTrait>(db: &C, id: i32, message: &str) -> Result<(), AppError> {
    use asset_import::Column as C;
    asset_import::Entity::update_many()
        .col_expr(C::Status, Expr::value(ImportPhase::Failed.as_str()))
        .col_expr(C::Message, Expr::value(Some(message.to_owned())))
        .col_expr(C::Content, Expr::value(Option::<String>::None))
        .col_expr(C::Worker, Expr::value(Option::<String>::None))
        .col_expr(C::FinishedAt, Expr::value(Some(Utc::now())))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The importer as the worker acts for them: `None` when they are gone or
/// no longer keep the register.
async fn importer<C: ConnectionTrait>(db: &C, person_id: i32) -> Result<Option<Ctx>, AppError> {
    let Some(p) = crate::org::directory::person(db, person_id).await? else {
        return Ok(None);
    };
    let roles = crate::org::directory::global_roles(db, person_id).await?;
    let ctx = Ctx {
        actor: Actor::Person {
            id: p.id,
            username: p.username,
        },
        roles,
        ip: None,
    };
    Ok((p.active && require(&ctx, Permission::ManageAssets).is_ok()).then_some(ctx))
}

/// Writes how far `worker` has come on import `id` (and that it lives).
async fn progress<C: ConnectionTrait>(
    db: &C,
    id: i32,
    worker: &str,
    phase: ImportPhase,
    set: &[(asset_import::Column, i32)],
) -> Result<(), AppError> {
    use asset_import::Column as C;
    let mut update = asset_import::Entity::update_many()
        .col_expr(C::Status, Expr::value(phase.as_str()))
        .col_expr(C::HeartbeatAt, Expr::value(Some(Utc::now())))
        .filter(C::Id.eq(id))
        .filter(C::Worker.eq(worker));
    for (column, value) in set {
        update = update.col_expr(*column, Expr::value(*value));
    }
    update.exec(db).await?;
    Ok(())
}

fn clamp(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

async fn work(db: &DatabaseConnection, id: i32, worker: &str) -> Result<(), AppError> {
    use asset_import::Column as C;
    let row = asset_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::internal(format!("asset_import {id} vanished")))?;
    let Some(text) = row.content.clone() else {
        return fail(db, id, "Filen finns inte kvar. Ladda upp den igen.").await;
    };
    let Some(ctx) = importer(db, row.created_by).await? else {
        return fail(
            db,
            id,
            "Den som laddade upp filen är inte längre IT Asset Manager, så ingenting sparades.",
        )
        .await;
    };
    let today = super::service::day(Utc::now());
    let checked = read::check(db, &text, today).await?;
    let rows = clamp(checked.rows);
    let problems = checked.problems.len();
    if problems > 0 || row.dry_run {
        // A check, or a file with wrong rows: nothing is written. A clean
        // check keeps the file for the import.
        let keep = problems == 0 && row.dry_run;
        let shown: Vec<&ImportProblem> = checked.problems.iter().take(KEEP_PROBLEMS).collect();
        let phase = if row.dry_run {
            ImportPhase::Checked
        } else {
            ImportPhase::Failed
        };
        asset_import::Entity::update_many()
            .col_expr(C::Status, Expr::value(phase.as_str()))
            .col_expr(C::RowsTotal, Expr::value(rows))
            .col_expr(C::RowsChecked, Expr::value(rows))
            .col_expr(C::ProblemCount, Expr::value(clamp(problems)))
            .col_expr(
                C::Problems,
                Expr::value(serde_json::to_string(&shown).map_err(AppError::internal)?),
            )
            .col_expr(C::Worker, Expr::value(Option::<String>::None))
            .col_expr(C::FinishedAt, Expr::value(Some(Utc::now())))
            .col_expr(C::Content, Expr::value(if keep { Some(text) } else { None::<String> }))
            .filter(C::Id.eq(id))
            .filter(C::Worker.eq(worker))
            .exec(db)
            .await?;
        return Ok(());
    }
    progress(
        db,
        id,
        worker,
        ImportPhase::Writing,
        &[(C::RowsTotal, rows), (C::RowsChecked, rows), (C::RowsWritten, 0)],
    )
    .await?;
    write(db, &ctx, &row, &checked.assets, worker).await
}

/// Writes every asset of import `row` with its line of history, the audit
/// entry and the import's end, in one transaction.
async fn write(
    db: &DatabaseConnection,
    ctx: &Ctx,
    row: &asset_import::Model,
    assets: &[NewAsset],
    worker: &str,
) -> Result<(), AppError> {
    use asset_import::Column as C;
    let moving = db.get_database_backend() == DatabaseBackend::Postgres;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let mut written = 0usize;
    for (n, chunk) in assets.chunks(CHUNK).enumerate() {
        let rows = chunk.iter().map(|a| asset::ActiveModel {
            tag: Set(a.tag.clone()),
            serial_number: Set(a.serial.clone()),
            item_id: Set(a.item_id),
            model: Set(a.model.clone()),
            supplier_id: Set(a.supplier_id),
            user_id: Set(a.user_id),
            cost_center_id: Set(a.cost_center_id),
            location: Set(a.location.clone()),
            delivered_on: Set(a.delivered_on),
            order_id: Set(None),
            order_line_id: Set(None),
            warranty_end: Set(a.warranty_end),
            status: Set(a.status.as_str().to_owned()),
            status_since: Set(now),
            inventoried_on: Set(a.inventoried_on),
            inventoried_by: Set(None),
            inventory_found: Set(a.inventoried_on.map(|_| true)),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        if let Err(e) = asset::Entity::insert_many(rows).exec_without_returning(&txn).await {
            if crate::db::is_unique_violation(&e) {
                return Err(AppError::conflict(
                    "En tagg i filen registrerades i registret medan filen lästes in, så ingenting sparades. \
                     Ladda upp filen igen för en ny kontroll.",
                ));
            }
            return Err(e.into());
        }
        let ids: Vec<(i32, String)> = asset::Entity::find()
            .select_only()
            .column(asset::Column::Id)
            .column(asset::Column::Tag)
            .filter(asset::Column::Tag.is_in(chunk.iter().map(|a| a.tag.clone())))
            .into_tuple()
            .all(&txn)
            .await?;
        let lines: std::collections::HashMap<&str, u64> = chunk.iter().map(|a| (a.tag.as_str(), a.line)).collect();
        let history = ids.iter().map(|(asset_id, tag)| asset_change::ActiveModel {
            asset_id: Set(*asset_id),
            at: Set(now),
            actor_person_id: Set(ctx.person_id()),
            actor: Set(ctx.label()),
            field: Set("imported".to_owned()),
            old_value: Set(None),
            new_value: Set(Some(format!(
                "{}, rad {}",
                row.file_name,
                lines.get(tag.as_str()).copied().unwrap_or(0)
            ))),
            reason: Set("Importerad från ett äldre register".to_owned()),
            ..Default::default()
        });
        asset_change::Entity::insert_many(history)
            .exec_without_returning(&txn)
            .await?;
        written += chunk.len();
        if moving && (n + 1) % PROGRESS_EVERY == 0 {
            progress(
                db,
                row.id,
                worker,
                ImportPhase::Writing,
                &[(C::RowsWritten, clamp(written))],
            )
            .await?;
        }
    }
    crate::audit::service::record(
        &txn,
        ctx,
        "assets.imported",
        Some("asset_import"),
        Some(&row.id.to_string()),
        serde_json::json!({ "file": row.file_name, "assets": written }),
    )
    .await?;
    let ended = asset_import::Entity::update_many()
        .col_expr(C::Status, Expr::value(ImportPhase::Done.as_str()))
        .col_expr(C::RowsWritten, Expr::value(clamp(written)))
        .col_expr(C::Content, Expr::value(Option::<String>::None))
        .col_expr(C::Worker, Expr::value(Option::<String>::None))
        .col_expr(C::FinishedAt, Expr::value(Some(Utc::now())))
        .filter(C::Id.eq(row.id))
        .filter(C::Worker.eq(worker))
        .exec(&txn)
        .await?;
    if ended.rows_affected != 1 {
        // Another worker took the import over: this one's work is undone.
        txn.rollback().await?;
        return Ok(());
    }
    txn.commit().await?;
    Ok(())
}

/// Import `id` as its page shows it (keepers of the register).
pub async fn get<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<AssetImport, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let row = light()
        .filter(asset_import::Column::Id.eq(id))
        .into_model::<asset_import::Model>()
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Importen finns inte."))?;
    Ok(with_names(ctx, db, vec![row]).await?.remove(0))
}

/// The latest imports, newest first (keepers of the register).
pub async fn recent<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<AssetImports, AppError> {
    require(ctx, Permission::ManageAssets)?;
    let rows = light()
        .order_by_desc(asset_import::Column::Id)
        .limit(10)
        .into_model::<asset_import::Model>()
        .all(db)
        .await?;
    Ok(AssetImports {
        imports: with_names(ctx, db, rows).await?,
    })
}

/// Turns the caller's clean check `id` into an import of the same file
/// (run it with [`run`]); a check with problems, another's, or one already
/// imported is refused.
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<(), AppError> {
    use asset_import::Column as C;
    require(ctx, Permission::ManageAssets)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let turned = asset_import::Entity::update_many()
        .col_expr(C::DryRun, Expr::value(false))
        .col_expr(C::Status, Expr::value(ImportPhase::Queued.as_str()))
        .col_expr(C::RowsChecked, Expr::value(0))
        .col_expr(C::FinishedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(C::Id.eq(id))
        .filter(C::CreatedBy.eq(me))
        .filter(C::Status.eq(ImportPhase::Checked.as_str()))
        .filter(C::DryRun.eq(true))
        .filter(C::ProblemCount.eq(0))
        .filter(C::Content.is_not_null())
        .exec(db)
        .await?;
    if turned.rows_affected != 1 {
        return Err(AppError::conflict(
            "Den här kontrollen kan inte importeras: den har fel, har redan importerats eller är någon annans. \
             Ladda upp filen igen.",
        ));
    }
    Ok(())
}
