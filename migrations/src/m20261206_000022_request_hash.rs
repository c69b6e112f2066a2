//! An order submission's claim on its idempotency key keeps a hash of the
//! request (`order_request.request_hash`): the same key sent again with
//! another body is refused (422), as the IETF `Idempotency-Key` draft asks,
//! rather than answered with the first order. Claims from before have none
//! and replay as they did.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum OrderRequest {
    Table,
    RequestHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OrderRequest::Table)
                    .add_column(ColumnDef::new(OrderRequest::RequestHash).string_len(64).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OrderRequest::Table)
                    .drop_column(OrderRequest::RequestHash)
                    .to_owned(),
            )
            .await
    }
}
