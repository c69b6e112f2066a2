//! The portfolio reads each plan's cost split (`plan.financing`, added by
//! migration 24) beside its stored totals. On SQLite, `idx_plan_totals`
//! covered every column the portfolio read until then; without
//! `financing` in it, SQLite reads each table row again, and a row's
//! columns added after the plan's JSON document sit past that document's
//! overflow pages. The index is made again with `financing` last.
//!
//! PostgreSQL keeps large documents out of line (TOAST), so reading the
//! row is cheap there, and a B-tree entry is limited to about 2.7 KB: a
//! long list of parties would make a plan impossible to save. It keeps
//! the index as it was.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Plan {
    Table,
    Id,
    ObjectId,
    Year,
    Revision,
    Status,
    TotalOre,
    VmOre,
    VuOre,
    BusinessOre,
    ItOre,
    FteHundredths,
    Financing,
}

const INDEX: &str = "idx_plan_totals";

fn totals_index(financing: bool) -> IndexCreateStatement {
    let mut index = Index::create();
    index
        .name(INDEX)
        .table(Plan::Table)
        .col(Plan::Year)
        .col(Plan::ObjectId)
        .col(Plan::Revision)
        .col(Plan::Status)
        .col(Plan::Id)
        .col(Plan::TotalOre)
        .col(Plan::VmOre)
        .col(Plan::VuOre)
        .col(Plan::BusinessOre)
        .col(Plan::ItOre)
        .col(Plan::FteHundredths);
    if financing {
        index.col(Plan::Financing);
    }
    index.to_owned()
}

/// Drops the index and makes it again, both on one connection: SQLite
/// checks an index's name against the schema the connection has read, and
/// another connection of the pool that has not seen the drop yet refuses
/// the name as taken.
async fn remake(manager: &SchemaManager<'_>, financing: bool) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    if backend != DatabaseBackend::Sqlite {
        return Ok(());
    }
    // `IF EXISTS`: a run that stopped between the two is taken up again.
    let drop = Index::drop().name(INDEX).table(Plan::Table).if_exists().to_owned();
    let sql = format!("{}; {}", backend.build(&drop), backend.build(&totals_index(financing)));
    manager.get_connection().execute_unprepared(&sql).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        remake(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        remake(manager, false).await
    }
}
