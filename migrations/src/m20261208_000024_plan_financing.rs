//! A plan keeps its cost split beside its totals (`plan.financing`: the
//! financing parties and their shares as JSON, `[]` for none), so that the
//! portfolio sums each party's part without reading the plans' documents.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Plan {
    Table,
    Financing,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Plan::Table)
                    .add_column(ColumnDef::new(Plan::Financing).text().not_null().default("[]"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Plan::Table)
                    .drop_column(Plan::Financing)
                    .to_owned(),
            )
            .await
    }
}
