//! The coordinators' cost-centre, förvaltning and "mina" filters ask for
//! the open orders charged to some cost centres or taken by one
//! coordinator. Without an index on either column, SQLite reads them
//! through the index on the status, and once the database is analyzed it
//! knows only the average order count per status (the build has no STAT4,
//! see `.cargo/config.toml`): six open statuses of a million orders, most
//! of them closed, looked like more than the table, so it read all of it
//! (2–4 s a page at ten times the region). By (cost centre, status) and
//! (coordinator, status) it reads only those orders.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Orders {
    Table,
    CostCenterId,
    CoordinatorId,
    Status,
}

const BY_COST_CENTER: &str = "idx_orders_cost_center_status";
const BY_COORDINATOR: &str = "idx_orders_coordinator_status";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, col) in [
            (BY_COST_CENTER, Orders::CostCenterId),
            (BY_COORDINATOR, Orders::CoordinatorId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Orders::Table)
                        .col(col)
                        .col(Orders::Status)
                        .if_not_exists()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [BY_COORDINATOR, BY_COST_CENTER] {
            manager
                .drop_index(Index::drop().name(name).table(Orders::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}
