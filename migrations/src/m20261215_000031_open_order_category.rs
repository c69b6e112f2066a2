//! The categories of each open order (`open_order_category`: an order in
//! one of the coordinators' open statuses, awaiting attestation to
//! delivered; each category of the items on its lines, as the catalogue
//! had them when the order opened; and the order's status and time in it).
//! The coordinators' category filter asks which open orders have an item
//! of a category; through the lines that read every line from the oldest
//! open order on: at ten times the region, with 100 000 orders waiting for
//! attestation, half a million lines per page (0.3–9 s). From this table
//! the queues' counts and a page of one status come from one index,
//! (category, status, time in status, order), without reading the orders.
//! The orders area keeps it with the order's status
//! (`orders::service::lifecycle`); this migration fills it for the orders
//! open now.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OpenOrderCategory {
    Table,
    OrderId,
    CategoryId,
    Status,
    StatusSince,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
}

/// The statuses of `domain::coordination::OPEN`, as stored.
const OPEN: [&str; 6] = [
    "awaiting_attestation",
    "attested",
    "sent_to_supplier",
    "confirmed",
    "shipped",
    "delivered",
];

const INDEX: &str = "idx_open_order_category_queue";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A run that stopped part of the way (SQLite has no transactional
        // migrations here) is taken up again.
        manager
            .create_table(
                Table::create()
                    .table(OpenOrderCategory::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(OpenOrderCategory::OrderId).integer().not_null())
                    .col(ColumnDef::new(OpenOrderCategory::CategoryId).integer().not_null())
                    .col(ColumnDef::new(OpenOrderCategory::Status).string_len(32).not_null())
                    .col(
                        ColumnDef::new(OpenOrderCategory::StatusSince)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(OpenOrderCategory::OrderId)
                            .col(OpenOrderCategory::CategoryId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_open_order_category_order")
                            .from(OpenOrderCategory::Table, OpenOrderCategory::OrderId)
                            .to(Orders::Table, Orders::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(OpenOrderCategory::Table)
                    .col(OpenOrderCategory::CategoryId)
                    .col(OpenOrderCategory::Status)
                    .col(OpenOrderCategory::StatusSince)
                    .col(OpenOrderCategory::OrderId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM open_order_category").await?;
        let statuses: Vec<String> = OPEN.iter().map(|s| format!("'{s}'")).collect();
        db.execute_unprepared(&format!(
            "INSERT INTO open_order_category (order_id, category_id, status, status_since) \
             SELECT DISTINCT l.order_id, i.category_id, o.status, COALESCE(o.status_since, o.created_at) \
             FROM order_line l JOIN orders o ON o.id = l.order_id JOIN item i ON i.id = l.item_id \
             WHERE o.status IN ({})",
            statuses.join(", ")
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OpenOrderCategory::Table).to_owned())
            .await
    }
}
