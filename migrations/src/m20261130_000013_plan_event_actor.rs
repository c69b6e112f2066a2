//! Who took a plan's workflow step, as a person id beside the name shown:
//! segregation of duties needs to know who submitted a plan (they may not
//! adopt it). Older steps keep `NULL`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PlanEvent {
    Table,
    ActorId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PlanEvent::Table)
                    .add_column(ColumnDef::new(PlanEvent::ActorId).integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PlanEvent::Table)
                    .drop_column(PlanEvent::ActorId)
                    .to_owned(),
            )
            .await
    }
}
