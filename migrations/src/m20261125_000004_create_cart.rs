//! The server-side cart: one row per person and item.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CartLine {
    Table,
    Id,
    PersonId,
    ItemId,
    Quantity,
    AddedAt,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
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
                    .table(CartLine::Table)
                    .col(
                        ColumnDef::new(CartLine::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CartLine::PersonId).integer().not_null())
                    .col(ColumnDef::new(CartLine::ItemId).integer().not_null())
                    .col(ColumnDef::new(CartLine::Quantity).integer().not_null())
                    .col(ColumnDef::new(CartLine::AddedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_line_person")
                            .from(CartLine::Table, CartLine::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_line_item")
                            .from(CartLine::Table, CartLine::ItemId)
                            .to(Item::Table, Item::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_cart_line_person_item")
                    .table(CartLine::Table)
                    .col(CartLine::PersonId)
                    .col(CartLine::ItemId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CartLine::Table).to_owned())
            .await
    }
}
