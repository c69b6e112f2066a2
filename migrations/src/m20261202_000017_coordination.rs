//! The coordinators' workspace: how long an order has been in its status
//! (`orders.status_since`, filled from the timeline for existing orders)
//! and which coordinator has taken it (`orders.coordinator_id`); the target
//! time in working days per status (`state_target`, with the region's
//! starting values); deviations on orders (`deviation`, with their history
//! in `deviation_note`); each coordinator's saved filters
//! (`saved_filter`); and the automation statistics: when a supplier part
//! was delivered and whether its supplier reported over the API
//! (`order_part.delivered_at`, `order_part.via_api`), and each delivered
//! order's category and lead time (`order_outcome`, by month).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    Status,
    StatusSince,
    CoordinatorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrderEvent {
    Table,
    OrderId,
    At,
}

#[derive(DeriveIden)]
enum StateTarget {
    Table,
    Status,
    WorkingDays,
}

#[derive(DeriveIden)]
enum Deviation {
    Table,
    Id,
    OrderId,
    Kind,
    Note,
    State,
    OwnerId,
    RaisedBy,
    RaisedAt,
    EscalatedAt,
    Resolution,
    ResolvedBy,
    ResolvedAt,
}

#[derive(DeriveIden)]
enum DeviationNote {
    Table,
    Id,
    DeviationId,
    AuthorId,
    At,
    Kind,
    Body,
}

#[derive(DeriveIden)]
enum SavedFilter {
    Table,
    Id,
    PersonId,
    Name,
    Query,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrderPart {
    Table,
    DeliveredAt,
    ViaApi,
}

#[derive(DeriveIden)]
enum OrderOutcome {
    Table,
    OrderId,
    Month,
    SubmittedAt,
    DeliveredAt,
    Category,
    LeadDays,
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

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().not_null().to_owned()
}

fn timestamp_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().null().to_owned()
}

/// The region's starting targets: working days an order may stay in a
/// status before it is overdue (administrators change them).
const TARGETS: &[(&str, i32)] = &[
    ("awaiting_attestation", 5),
    ("attested", 1),
    ("sent_to_supplier", 2),
    ("confirmed", 10),
    ("shipped", 5),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Nullable so that SQLite can add it; every write sets it and
        // existing orders get the time of their latest step.
        manager
            .alter_table(
                Table::alter()
                    .table(Orders::Table)
                    .add_column(timestamp_null(Orders::StatusSince))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Orders::Table)
                    .add_column(ColumnDef::new(Orders::CoordinatorId).integer().null())
                    .to_owned(),
            )
            .await?;
        let latest = Query::select()
            .expr(Func::max(Expr::col((OrderEvent::Table, OrderEvent::At))))
            .from(OrderEvent::Table)
            .and_where(Expr::col((OrderEvent::Table, OrderEvent::OrderId)).equals((Orders::Table, Orders::Id)))
            .to_owned();
        manager
            .exec_stmt(
                Query::update()
                    .table(Orders::Table)
                    .value(
                        Orders::StatusSince,
                        Func::coalesce([
                            SimpleExpr::SubQuery(None, Box::new(latest.into_sub_query_statement())),
                            Expr::col((Orders::Table, Orders::CreatedAt)).into(),
                        ]),
                    )
                    .to_owned(),
            )
            .await?;
        // The queue's question: orders in this status, oldest first.
        manager
            .create_index(
                Index::create()
                    .name("idx_orders_status_since")
                    .table(Orders::Table)
                    .col(Orders::Status)
                    .col(Orders::StatusSince)
                    .col(Orders::Id)
                    .to_owned(),
            )
            .await?;
        // The oldest order in a status, one lookup: the queue's filters on
        // lines and parts read only orders from that one on, not years of
        // history.
        manager
            .create_index(
                Index::create()
                    .name("idx_orders_status_id")
                    .table(Orders::Table)
                    .col(Orders::Status)
                    .col(Orders::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StateTarget::Table)
                    .col(
                        ColumnDef::new(StateTarget::Status)
                            .string_len(32)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(StateTarget::WorkingDays).integer().not_null())
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert
            .into_table(StateTarget::Table)
            .columns([StateTarget::Status, StateTarget::WorkingDays]);
        for (status, days) in TARGETS {
            insert.values_panic([(*status).into(), (*days).into()]);
        }
        manager.exec_stmt(insert.to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(Deviation::Table)
                    .col(id(Deviation::Id))
                    .col(ColumnDef::new(Deviation::OrderId).integer().not_null())
                    .col(ColumnDef::new(Deviation::Kind).string_len(32).not_null())
                    // What the requester may read: the public note.
                    .col(ColumnDef::new(Deviation::Note).text().not_null())
                    // open | escalated | resolved
                    .col(ColumnDef::new(Deviation::State).string_len(16).not_null())
                    .col(ColumnDef::new(Deviation::OwnerId).integer().not_null())
                    .col(ColumnDef::new(Deviation::RaisedBy).integer().not_null())
                    .col(timestamp(Deviation::RaisedAt))
                    .col(timestamp_null(Deviation::EscalatedAt))
                    .col(ColumnDef::new(Deviation::Resolution).text().null())
                    .col(ColumnDef::new(Deviation::ResolvedBy).integer().null())
                    .col(timestamp_null(Deviation::ResolvedAt))
                    .foreign_key(&mut fk(
                        "fk_deviation_order",
                        (Deviation::Table, Deviation::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_deviation_owner",
                        (Deviation::Table, Deviation::OwnerId),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_deviation_order")
                    .table(Deviation::Table)
                    .col(Deviation::OrderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_deviation_state")
                    .table(Deviation::Table)
                    .col(Deviation::State)
                    .col(Deviation::RaisedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DeviationNote::Table)
                    .col(id(DeviationNote::Id))
                    .col(ColumnDef::new(DeviationNote::DeviationId).integer().not_null())
                    .col(ColumnDef::new(DeviationNote::AuthorId).integer().not_null())
                    .col(timestamp(DeviationNote::At))
                    // raise | comment | escalate | resolve
                    .col(ColumnDef::new(DeviationNote::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(DeviationNote::Body).text().not_null())
                    .foreign_key(&mut fk(
                        "fk_deviation_note_deviation",
                        (DeviationNote::Table, DeviationNote::DeviationId),
                        (Deviation::Table, Deviation::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_deviation_note_deviation")
                    .table(DeviationNote::Table)
                    .col(DeviationNote::DeviationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SavedFilter::Table)
                    .col(id(SavedFilter::Id))
                    .col(ColumnDef::new(SavedFilter::PersonId).integer().not_null())
                    .col(ColumnDef::new(SavedFilter::Name).string_len(100).not_null())
                    .col(ColumnDef::new(SavedFilter::Query).string_len(1000).not_null())
                    .col(timestamp(SavedFilter::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_saved_filter_person",
                        (SavedFilter::Table, SavedFilter::PersonId),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_saved_filter_person_name")
                    .table(SavedFilter::Table)
                    .col(SavedFilter::PersonId)
                    .col(SavedFilter::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(OrderPart::Table)
                    .add_column(timestamp_null(OrderPart::DeliveredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OrderPart::Table)
                    .add_column(ColumnDef::new(OrderPart::ViaApi).boolean().not_null().default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrderOutcome::Table)
                    .col(ColumnDef::new(OrderOutcome::OrderId).integer().not_null().primary_key())
                    // `2026-11`: the month of delivery.
                    .col(ColumnDef::new(OrderOutcome::Month).string_len(7).not_null())
                    .col(timestamp(OrderOutcome::SubmittedAt))
                    .col(timestamp(OrderOutcome::DeliveredAt))
                    .col(ColumnDef::new(OrderOutcome::Category).string_len(32).not_null())
                    .col(ColumnDef::new(OrderOutcome::LeadDays).integer().not_null())
                    .foreign_key(&mut fk(
                        "fk_order_outcome_order",
                        (OrderOutcome::Table, OrderOutcome::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // The statistics read a month's counts per category and its lead
        // times from this index alone.
        manager
            .create_index(
                Index::create()
                    .name("idx_order_outcome_month")
                    .table(OrderOutcome::Table)
                    .col(OrderOutcome::Month)
                    .col(OrderOutcome::Category)
                    .col(OrderOutcome::LeadDays)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrderOutcome::Table).to_owned())
            .await?;
        for col in [OrderPart::ViaApi.into_iden(), OrderPart::DeliveredAt.into_iden()] {
            manager
                .alter_table(Table::alter().table(OrderPart::Table).drop_column(col).to_owned())
                .await?;
        }
        for t in [
            SavedFilter::Table.into_iden(),
            DeviationNote::Table.into_iden(),
            Deviation::Table.into_iden(),
            StateTarget::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_orders_status_since")
                    .table(Orders::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_orders_status_id")
                    .table(Orders::Table)
                    .to_owned(),
            )
            .await?;
        for col in [Orders::CoordinatorId.into_iden(), Orders::StatusSince.into_iden()] {
            manager
                .alter_table(Table::alter().table(Orders::Table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
