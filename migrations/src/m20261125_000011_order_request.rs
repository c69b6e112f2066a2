//! One row per accepted order submission, keyed by requester and
//! idempotency key, with the order it created and the answer it gave. A
//! submission claims its key first, in the transaction that writes the
//! order: a second request with the same key waits on that row and then
//! replays the stored answer, without validating or reading anything else.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrderRequest {
    Table,
    RequesterId,
    IdempotencyKey,
    CreatedAt,
    OrderId,
    Response,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Orders {
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
                    .col(ColumnDef::new(OrderRequest::OrderId).integer().null())
                    .col(ColumnDef::new(OrderRequest::Response).text().null())
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
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_request_order")
                            .from(OrderRequest::Table, OrderRequest::OrderId)
                            .to(Orders::Table, Orders::Id),
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
