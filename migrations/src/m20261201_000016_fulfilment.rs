//! Fulfilment after attestation: an attested order is split into one part
//! per supplier (`order_part`, with the order's lines in `order_part_line`
//! and the serial numbers the supplier delivered); suppliers integrate with
//! integration keys scoped to one supplier (`supplier_token`, stored
//! hashed) and send events that are applied exactly once
//! (`supplier_event`, unique per supplier and event id, with the stored
//! answer). Every step on an order's timeline records what kind of actor
//! took it and whether a person touched the order (`order_event.actor_kind`,
//! `order_event.human_touch`): the automation statistics classify orders by
//! that trail.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrderPart {
    Table,
    Id,
    OrderId,
    SupplierId,
    State,
    StateSince,
    ExpectedDelivery,
    TrackingNumber,
    LastOccurredAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrderPartLine {
    Table,
    LineId,
    PartId,
    SerialNumbers,
}

#[derive(DeriveIden)]
enum SupplierToken {
    Table,
    Id,
    SupplierId,
    Name,
    TokenHash,
    Prefix,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum SupplierEvent {
    Table,
    Id,
    SupplierId,
    EventId,
    OrderId,
    ReceivedAt,
    Status,
    Answer,
}

#[derive(DeriveIden)]
enum OrderEvent {
    Table,
    ActorKind,
    HumanTouch,
    ActorPersonId,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Scope,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OrderLine {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Supplier {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Person {
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

fn fk(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrderPart::Table)
                    .col(id(OrderPart::Id))
                    .col(ColumnDef::new(OrderPart::OrderId).integer().not_null())
                    .col(ColumnDef::new(OrderPart::SupplierId).integer().not_null())
                    .col(ColumnDef::new(OrderPart::State).string_len(32).not_null())
                    .col(
                        ColumnDef::new(OrderPart::StateSince)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(OrderPart::ExpectedDelivery).date().null())
                    .col(ColumnDef::new(OrderPart::TrackingNumber).string_len(100).null())
                    // When the latest applied supplier event happened: an
                    // older one arriving late goes on the timeline only.
                    .col(
                        ColumnDef::new(OrderPart::LastOccurredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(OrderPart::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        "fk_order_part_order",
                        (OrderPart::Table, OrderPart::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_part_supplier",
                        (OrderPart::Table, OrderPart::SupplierId),
                        (Supplier::Table, Supplier::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_order_part_order_supplier")
                    .table(OrderPart::Table)
                    .col(OrderPart::OrderId)
                    .col(OrderPart::SupplierId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The supplier's question: my parts in this state, after this id.
        manager
            .create_index(
                Index::create()
                    .name("idx_order_part_supplier_state")
                    .table(OrderPart::Table)
                    .col(OrderPart::SupplierId)
                    .col(OrderPart::State)
                    .col(OrderPart::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrderPartLine::Table)
                    .col(ColumnDef::new(OrderPartLine::LineId).integer().not_null().primary_key())
                    .col(ColumnDef::new(OrderPartLine::PartId).integer().not_null())
                    // The serial numbers delivered, one per line of text.
                    .col(
                        ColumnDef::new(OrderPartLine::SerialNumbers)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .foreign_key(&mut fk(
                        "fk_order_part_line_line",
                        (OrderPartLine::Table, OrderPartLine::LineId),
                        (OrderLine::Table, OrderLine::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_part_line_part",
                        (OrderPartLine::Table, OrderPartLine::PartId),
                        (OrderPart::Table, OrderPart::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_order_part_line_part")
                    .table(OrderPartLine::Table)
                    .col(OrderPartLine::PartId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SupplierToken::Table)
                    .col(id(SupplierToken::Id))
                    .col(ColumnDef::new(SupplierToken::SupplierId).integer().not_null())
                    .col(ColumnDef::new(SupplierToken::Name).string_len(100).not_null())
                    .col(
                        ColumnDef::new(SupplierToken::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(SupplierToken::Prefix).string_len(20).not_null())
                    .col(ColumnDef::new(SupplierToken::CreatedBy).integer().not_null())
                    .col(
                        ColumnDef::new(SupplierToken::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupplierToken::LastUsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SupplierToken::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut fk(
                        "fk_supplier_token_supplier",
                        (SupplierToken::Table, SupplierToken::SupplierId),
                        (Supplier::Table, Supplier::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_supplier_token_person",
                        (SupplierToken::Table, SupplierToken::CreatedBy),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SupplierEvent::Table)
                    .col(id(SupplierEvent::Id))
                    .col(ColumnDef::new(SupplierEvent::SupplierId).integer().not_null())
                    .col(ColumnDef::new(SupplierEvent::EventId).string_len(100).not_null())
                    .col(ColumnDef::new(SupplierEvent::OrderId).integer().not_null())
                    .col(
                        ColumnDef::new(SupplierEvent::ReceivedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    // The HTTP status and JSON body of the first answer: a
                    // repeat gets exactly these.
                    .col(ColumnDef::new(SupplierEvent::Status).small_integer().not_null())
                    .col(ColumnDef::new(SupplierEvent::Answer).text().not_null())
                    .foreign_key(&mut fk(
                        "fk_supplier_event_supplier",
                        (SupplierEvent::Table, SupplierEvent::SupplierId),
                        (Supplier::Table, Supplier::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_supplier_event")
                    .table(SupplierEvent::Table)
                    .col(SupplierEvent::SupplierId)
                    .col(SupplierEvent::EventId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        // person | supplier | system; existing steps were people's (with a
        // person id) or the system's.
        manager
            .alter_table(
                Table::alter()
                    .table(OrderEvent::Table)
                    .add_column(
                        ColumnDef::new(OrderEvent::ActorKind)
                            .string_len(16)
                            .not_null()
                            .default("system"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OrderEvent::Table)
                    .add_column(
                        ColumnDef::new(OrderEvent::HumanTouch)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(OrderEvent::Table)
                    .value(OrderEvent::ActorKind, "person")
                    .value(OrderEvent::HumanTouch, true)
                    .and_where(Expr::col(OrderEvent::ActorPersonId).is_not_null())
                    .to_owned(),
            )
            .await?;
        // Person keys no longer carry the placeholder `supplier:orders`
        // (it opened nothing): suppliers have keys of their own.
        manager
            .exec_stmt(
                Query::update()
                    .table(ApiToken::Table)
                    .value(
                        ApiToken::Scope,
                        Func::cust(Alias::new("REPLACE")).args([
                            Expr::col(ApiToken::Scope).into(),
                            Expr::val("supplier:orders").into(),
                            Expr::val("").into(),
                        ]),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [OrderEvent::HumanTouch, OrderEvent::ActorKind] {
            manager
                .alter_table(Table::alter().table(OrderEvent::Table).drop_column(col).to_owned())
                .await?;
        }
        for t in [
            SupplierEvent::Table.into_iden(),
            SupplierToken::Table.into_iden(),
            OrderPartLine::Table.into_iden(),
            OrderPart::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
