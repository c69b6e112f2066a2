//! One counter that every change the portfolio shows (an object or family
//! written, a plan created or moved between statuses) increments in its
//! transaction, so that each app instance knows when its in-memory copy of
//! a year's portfolio is out of date.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PortfolioVersion {
    Table,
    Id,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PortfolioVersion::Table)
                    .col(ColumnDef::new(PortfolioVersion::Id).integer().not_null().primary_key())
                    .col(ColumnDef::new(PortfolioVersion::Version).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        let first = Query::insert()
            .into_table(PortfolioVersion::Table)
            .columns([PortfolioVersion::Id, PortfolioVersion::Version])
            .values_panic([1.into(), 1i64.into()])
            .to_owned();
        manager.exec_stmt(first).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PortfolioVersion::Table).to_owned())
            .await
    }
}
