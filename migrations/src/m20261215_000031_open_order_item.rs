//! The items of each open order (`open_order_item`: an order in one of the
//! coordinators' open statuses, awaiting attestation to delivered, and each
//! item on its lines). The coordinators' category filter asks which open
//! orders have an item of a category; through the lines that read every
//! line from the oldest open order on: at ten times the region, with
//! 100 000 orders waiting for attestation, half a million lines per page
//! (0.3–9 s). From this table it is one index range per item of the
//! category (about 20 ms for 14 000 orders). The orders area keeps it with
//! the order's status (`orders::service::lifecycle`); this migration fills
//! it for the orders open now.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OpenOrderItem {
    Table,
    OrderId,
    ItemId,
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

const INDEX: &str = "idx_open_order_item_item";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A run that stopped part of the way (SQLite has no transactional
        // migrations here) is taken up again.
        manager
            .create_table(
                Table::create()
                    .table(OpenOrderItem::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(OpenOrderItem::OrderId).integer().not_null())
                    .col(ColumnDef::new(OpenOrderItem::ItemId).integer().not_null())
                    .primary_key(Index::create().col(OpenOrderItem::OrderId).col(OpenOrderItem::ItemId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_open_order_item_order")
                            .from(OpenOrderItem::Table, OpenOrderItem::OrderId)
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
                    .table(OpenOrderItem::Table)
                    .col(OpenOrderItem::ItemId)
                    .col(OpenOrderItem::OrderId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM open_order_item").await?;
        let statuses: Vec<String> = OPEN.iter().map(|s| format!("'{s}'")).collect();
        db.execute_unprepared(&format!(
            "INSERT INTO open_order_item (order_id, item_id) \
             SELECT DISTINCT l.order_id, l.item_id FROM order_line l JOIN orders o ON o.id = l.order_id \
             WHERE o.status IN ({})",
            statuses.join(", ")
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OpenOrderItem::Table).to_owned())
            .await
    }
}
