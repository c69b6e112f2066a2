//! Each delivered supplier part's lead time in whole days, from the order's
//! submit to the part's delivery (`order_part.lead_days`), recorded with the
//! delivery. The statistics page groups a month's parts by supplier and
//! lead time; computing the days from two stored times on every read cost
//! SQLite about 25 ms a month at the customer's volume (two RFC 3339 texts
//! parsed per part), where grouping a stored integer is a read of an index.
//! Parts delivered before this migration get their days from the times.
//! The index of migration 28 gives way to one on `(order_id, supplier_id,
//! lead_days)`, from which both databases answer the grouping alone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrderPart {
    Table,
    OrderId,
    SupplierId,
    LeadDays,
}

const OLD_INDEX: &str = "idx_order_part_lead";
const INDEX: &str = "idx_order_part_lead_days";

/// Whole days from the order's `created_at` to the part's `delivered_at`,
/// truncated as `chrono`'s `num_days` counts a positive span, never below
/// zero (as the application records them).
fn days_sql(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => {
            "UPDATE order_part SET lead_days = (SELECT GREATEST(0, CAST(TRUNC(EXTRACT(EPOCH FROM \
             (order_part.delivered_at - orders.created_at)) / 86400) AS INTEGER)) FROM orders \
             WHERE orders.id = order_part.order_id) WHERE delivered_at IS NOT NULL"
        }
        // Times are stored as RFC 3339 text; `%s` reads it with its offset.
        _ => {
            "UPDATE order_part SET lead_days = (SELECT MAX(0, (CAST(strftime('%s', \
             order_part.delivered_at) AS INTEGER) - CAST(strftime('%s', orders.created_at) AS \
             INTEGER)) / 86400) FROM orders WHERE orders.id = order_part.order_id) WHERE \
             delivered_at IS NOT NULL"
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A run that stopped part of the way (SQLite has no transactional
        // migrations here) is taken up again.
        if !manager.has_column("order_part", "lead_days").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(OrderPart::Table)
                        .add_column(ColumnDef::new(OrderPart::LeadDays).integer().null())
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(days_sql(manager.get_database_backend())).await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_INDEX)
                    .table(OrderPart::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(OrderPart::Table)
                    .col(OrderPart::OrderId)
                    .col(OrderPart::SupplierId)
                    .col(OrderPart::LeadDays)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(OrderPart::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OrderPart::Table)
                    .drop_column(OrderPart::LeadDays)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_INDEX)
                    .table(OrderPart::Table)
                    .col(OrderPart::OrderId)
                    .col(OrderPart::SupplierId)
                    .col(Alias::new("delivered_at"))
                    .to_owned(),
            )
            .await
    }
}
