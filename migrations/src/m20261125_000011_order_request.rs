//! One row per accepted order submission, keyed by requester and
//! idempotency key. A submission claims its key first, in the transaction
//! that writes the order: a second request with the same key waits on that
//! row and then answers with the order the first one created, without
//! validating or reading anything again.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrderRequest {
    Table,
    RequesterId,
    IdempotencyKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrderRequest::Table)
                    .col(ColumnDef::new(OrderRequest::RequesterId).integer().not_null())
                    .col(ColumnDef::new(OrderRequest::IdempotencyKey).string_len(64).not_null())
                    .col(
                        ColumnDef::new(OrderRequest::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(OrderRequest::RequesterId)
                            .col(OrderRequest::IdempotencyKey),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_request_requester")
                            .from(OrderRequest::Table, OrderRequest::RequesterId)
                            .to(Person::Table, Person::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrderRequest::Table).to_owned())
            .await
    }
}
