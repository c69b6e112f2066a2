//! One counter that every catalogue change increments in its transaction,
//! so that each app instance knows when its in-memory copy of the
//! catalogue is out of date.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CatalogVersion {
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
                    .table(CatalogVersion::Table)
                    .col(ColumnDef::new(CatalogVersion::Id).integer().not_null().primary_key())
                    .col(ColumnDef::new(CatalogVersion::Version).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        let first = Query::insert()
            .into_table(CatalogVersion::Table)
            .columns([CatalogVersion::Id, CatalogVersion::Version])
            .values_panic([1.into(), 1i64.into()])
            .to_owned();
        manager.exec_stmt(first).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CatalogVersion::Table).to_owned())
            .await
    }
}
