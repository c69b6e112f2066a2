//! Item pictures, kept in the database so that every app instance serves
//! the same ones (no shared disk needed behind a load balancer).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ItemImage {
    Table,
    ItemId,
    ContentType,
    Bytes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Item {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ItemImage::Table)
                    .col(ColumnDef::new(ItemImage::ItemId).integer().not_null().primary_key())
                    .col(ColumnDef::new(ItemImage::ContentType).string_len(32).not_null())
                    .col(ColumnDef::new(ItemImage::Bytes).blob().not_null())
                    .col(
                        ColumnDef::new(ItemImage::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_item_image_item")
                            .from(ItemImage::Table, ItemImage::ItemId)
                            .to(Item::Table, Item::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ItemImage::Table).to_owned())
            .await
    }
}
