//! The import of an older asset register from a CSV file: each upload is an
//! `asset_import` row holding the file until it has been checked or
//! imported, with its progress (rows checked and written) and its per-row
//! problems, so that any instance can show it and another instance can take
//! over an import whose worker stopped (`heartbeat_at`). A delivery
//! address can be the region's stock (`delivery_address.is_stock`, copied
//! to `orders.to_stock` with the address): what is delivered there is
//! registered På lager, without a user. The replacement forecast gets an
//! index that covers it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AssetImport {
    Table,
    Id,
    CreatedBy,
    FileName,
    DryRun,
    Status,
    RowsTotal,
    RowsChecked,
    RowsWritten,
    ProblemCount,
    Problems,
    Message,
    Content,
    Worker,
    HeartbeatAt,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum DeliveryAddress {
    Table,
    IsStock,
}

#[derive(DeriveIden, Clone, Copy)]
enum Asset {
    Table,
    Status,
    DeliveredOn,
    ItemId,
    CostCenterId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Orders {
    Table,
    ToStock,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let count = |c: AssetImport| ColumnDef::new(c).integer().not_null().default(0).to_owned();
        manager
            .create_table(
                Table::create()
                    .table(AssetImport::Table)
                    .col(
                        ColumnDef::new(AssetImport::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AssetImport::CreatedBy).integer().not_null())
                    .col(ColumnDef::new(AssetImport::FileName).string_len(200).not_null())
                    .col(ColumnDef::new(AssetImport::DryRun).boolean().not_null())
                    // queued, checking, checked, writing, done, failed
                    .col(ColumnDef::new(AssetImport::Status).string_len(20).not_null())
                    .col(count(AssetImport::RowsTotal))
                    .col(count(AssetImport::RowsChecked))
                    .col(count(AssetImport::RowsWritten))
                    .col(count(AssetImport::ProblemCount))
                    // The first problems as JSON (line, column, message).
                    .col(ColumnDef::new(AssetImport::Problems).text().not_null().default("[]"))
                    .col(ColumnDef::new(AssetImport::Message).text().null())
                    // The file, until it is imported or fails.
                    .col(ColumnDef::new(AssetImport::Content).text().null())
                    .col(ColumnDef::new(AssetImport::Worker).string_len(100).null())
                    .col(
                        ColumnDef::new(AssetImport::HeartbeatAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(AssetImport::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AssetImport::FinishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_asset_import_status")
                    .table(AssetImport::Table)
                    .col(AssetImport::Status)
                    .col(AssetImport::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(DeliveryAddress::Table)
                    .add_column(
                        ColumnDef::new(DeliveryAddress::IsStock)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        // The replacement forecast reads this index alone (status, the
        // delivery window, and what it groups by), never the table.
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_asset_forecast")
                    .table(Asset::Table)
                    .col(Asset::Status)
                    .col(Asset::DeliveredOn)
                    .col(Asset::ItemId)
                    .col(Asset::CostCenterId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Orders::Table)
                    .add_column(ColumnDef::new(Orders::ToStock).boolean().not_null().default(false))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_asset_forecast").table(Asset::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Orders::Table)
                    .drop_column(Orders::ToStock)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(DeliveryAddress::Table)
                    .drop_column(DeliveryAddress::IsStock)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(AssetImport::Table).to_owned())
            .await?;
        Ok(())
    }
}
