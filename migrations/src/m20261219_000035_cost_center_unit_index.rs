//! The cost centres of a unit as an index of (unit, id) instead of (unit):
//! on PostgreSQL a lookup of a förvaltning's cost centres through its
//! units then reads the index alone. With the index on the unit only,
//! PostgreSQL hashed the förvaltning's units and read all 6 800 cost
//! centres of the region instead (attestation routing above a cost
//! centre: 1.7 ms of the statement's 2 ms, on every order that goes to
//! the förvaltning). On SQLite both indexes hold the id (the row id), so
//! nothing changes there but the name.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CostCenter {
    Table,
    UnitId,
    Id,
}

const OLD: &str = "idx_cost_center_unit";
const NEW: &str = "idx_cost_center_unit_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name(NEW)
                    .table(CostCenter::Table)
                    .col(CostCenter::UnitId)
                    .col(CostCenter::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().if_exists().name(OLD).table(CostCenter::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name(OLD)
                    .table(CostCenter::Table)
                    .col(CostCenter::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().if_exists().name(NEW).table(CostCenter::Table).to_owned())
            .await
    }
}
