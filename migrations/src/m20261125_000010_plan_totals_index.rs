//! A covering index for the portfolio and the object list: they read each
//! plan's year, object, revision, status and stored totals, never its
//! document, and with this index neither database touches the table rows
//! (where SQLite would otherwise read past the JSON document to reach the
//! totals).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
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
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_totals")
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
                    .col(Plan::FteHundredths)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_plan_totals").table(Plan::Table).to_owned())
            .await
    }
}
