//! Orders with frozen line prices and a timeline of every state change.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    RequesterId,
    RecipientId,
    CostCenterId,
    DeliveryLabel,
    DeliveryStreet,
    DeliveryPostalCode,
    DeliveryCity,
    ContactName,
    ContactPhone,
    Reference,
    WantedDate,
    Note,
    Status,
    OneOffOre,
    MonthlyOre,
    CommitmentOre,
    IdempotencyKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrderLine {
    Table,
    Id,
    OrderId,
    ItemId,
    ArticleNumber,
    Name,
    Quantity,
    UnitOneOffOre,
    UnitMonthlyOre,
    BindingMonths,
}

#[derive(DeriveIden)]
enum OrderEvent {
    Table,
    Id,
    OrderId,
    At,
    ActorPersonId,
    Actor,
    FromStatus,
    ToStatus,
    Comment,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CostCenter {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Item {
    Table,
    Id,
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Orders::Table)
                    .col(id(Orders::Id))
                    .col(ColumnDef::new(Orders::RequesterId).integer().not_null())
                    .col(ColumnDef::new(Orders::RecipientId).integer().not_null())
                    .col(ColumnDef::new(Orders::CostCenterId).integer().not_null())
                    .col(ColumnDef::new(Orders::DeliveryLabel).string_len(200).not_null())
                    .col(ColumnDef::new(Orders::DeliveryStreet).string_len(200).not_null())
                    .col(ColumnDef::new(Orders::DeliveryPostalCode).string_len(6).not_null())
                    .col(ColumnDef::new(Orders::DeliveryCity).string_len(100).not_null())
                    .col(ColumnDef::new(Orders::ContactName).string_len(200).not_null())
                    .col(ColumnDef::new(Orders::ContactPhone).string_len(32).not_null())
                    .col(ColumnDef::new(Orders::Reference).string_len(200).not_null())
                    .col(ColumnDef::new(Orders::WantedDate).date().null())
                    .col(ColumnDef::new(Orders::Note).text().not_null())
                    .col(ColumnDef::new(Orders::Status).string_len(32).not_null())
                    .col(ColumnDef::new(Orders::OneOffOre).big_integer().not_null())
                    .col(ColumnDef::new(Orders::MonthlyOre).big_integer().not_null())
                    .col(ColumnDef::new(Orders::CommitmentOre).big_integer().not_null())
                    .col(ColumnDef::new(Orders::IdempotencyKey).string_len(64).not_null())
                    .col(ColumnDef::new(Orders::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_orders_requester")
                            .from(Orders::Table, Orders::RequesterId)
                            .to(Person::Table, Person::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_orders_recipient")
                            .from(Orders::Table, Orders::RecipientId)
                            .to(Person::Table, Person::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_orders_cost_center")
                            .from(Orders::Table, Orders::CostCenterId)
                            .to(CostCenter::Table, CostCenter::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_orders_idempotency")
                    .table(Orders::Table)
                    .col(Orders::RequesterId)
                    .col(Orders::IdempotencyKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_orders_recipient")
                    .table(Orders::Table)
                    .col(Orders::RecipientId)
                    .col(Orders::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrderLine::Table)
                    .col(id(OrderLine::Id))
                    .col(ColumnDef::new(OrderLine::OrderId).integer().not_null())
                    .col(ColumnDef::new(OrderLine::ItemId).integer().not_null())
                    .col(ColumnDef::new(OrderLine::ArticleNumber).string_len(32).not_null())
                    .col(ColumnDef::new(OrderLine::Name).string_len(200).not_null())
                    .col(ColumnDef::new(OrderLine::Quantity).integer().not_null())
                    .col(ColumnDef::new(OrderLine::UnitOneOffOre).big_integer().not_null())
                    .col(ColumnDef::new(OrderLine::UnitMonthlyOre).big_integer().not_null())
                    .col(ColumnDef::new(OrderLine::BindingMonths).integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_line_order")
                            .from(OrderLine::Table, OrderLine::OrderId)
                            .to(Orders::Table, Orders::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_line_item")
                            .from(OrderLine::Table, OrderLine::ItemId)
                            .to(Item::Table, Item::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_order_line_order")
                    .table(OrderLine::Table)
                    .col(OrderLine::OrderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrderEvent::Table)
                    .col(id(OrderEvent::Id))
                    .col(ColumnDef::new(OrderEvent::OrderId).integer().not_null())
                    .col(ColumnDef::new(OrderEvent::At).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(OrderEvent::ActorPersonId).integer().null())
                    .col(ColumnDef::new(OrderEvent::Actor).string_len(200).not_null())
                    .col(ColumnDef::new(OrderEvent::FromStatus).string_len(32).null())
                    .col(ColumnDef::new(OrderEvent::ToStatus).string_len(32).not_null())
                    .col(ColumnDef::new(OrderEvent::Comment).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_event_order")
                            .from(OrderEvent::Table, OrderEvent::OrderId)
                            .to(Orders::Table, Orders::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_order_event_order")
                    .table(OrderEvent::Table)
                    .col(OrderEvent::OrderId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            OrderEvent::Table.into_iden(),
            OrderLine::Table.into_iden(),
            Orders::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
