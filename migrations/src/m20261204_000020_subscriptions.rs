//! Subscriptions (*prenumerationer*) and the monthly internal charging
//! (*interndebitering*). A delivered line with a monthly price becomes one
//! `subscription` per unit, with the price, binding and notice frozen from
//! the order and the service's cost centre and accounts frozen from the
//! catalogue item; `subscription_cost_center` says which customer cost
//! centre is charged from which month (a transfer applies from the next
//! month); `subscription_change` keeps every change. A charging run for a
//! month is a `charge_run` with its `charge_line`s, one per customer cost
//! centre × service. Catalogue items gain the service's cost centre and its
//! revenue and expense accounts; an order may name the asset it replaces
//! (`orders.replaces_asset_id`: "Byt ut").

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Item {
    Table,
    ServiceCostCenterId,
    RevenueAccount,
    ExpenseAccount,
}

#[derive(DeriveIden, Clone, Copy)]
enum Orders {
    Table,
    ReplacesAssetId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Subscription {
    Table,
    Id,
    ItemId,
    Service,
    MonthlyOre,
    OrderId,
    OrderLineId,
    Unit,
    AssetId,
    UserId,
    CostCenterId,
    ServiceCostCenterId,
    RevenueAccount,
    ExpenseAccount,
    StartOn,
    BindingEnd,
    NoticeMonths,
    EndOn,
    TerminatedAt,
    TerminatedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SubscriptionCostCenter {
    Table,
    Id,
    SubscriptionId,
    FromMonth,
    CostCenterId,
}

#[derive(DeriveIden, Clone, Copy)]
enum SubscriptionChange {
    Table,
    Id,
    SubscriptionId,
    At,
    ActorPersonId,
    Actor,
    Field,
    OldValue,
    NewValue,
    Reason,
}

#[derive(DeriveIden, Clone, Copy)]
enum ChargeRun {
    Table,
    Id,
    Period,
    Status,
    Subscriptions,
    TotalOre,
    RunAt,
    RunBy,
    ClosedAt,
    ClosedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ChargeLine {
    Table,
    Id,
    Period,
    CustomerCostCenterId,
    ItemId,
    Service,
    ServiceCostCenterId,
    RevenueAccount,
    ExpenseAccount,
    Subscriptions,
    Days,
    AmountOre,
}

#[derive(DeriveIden, Clone, Copy)]
enum CostCenter {
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

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().not_null().to_owned()
}

fn account(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).string_len(20).not_null().default("").to_owned()
}

fn index<T: IntoIden + Copy + 'static>(name: &str, table: T, cols: &[T]) -> IndexCreateStatement {
    let mut i = Index::create().name(name).table(table).to_owned();
    for c in cols {
        i.col(*c);
    }
    i
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            ColumnDef::new(Item::ServiceCostCenterId).integer().null().to_owned(),
            account(Item::RevenueAccount),
            account(Item::ExpenseAccount),
        ] {
            manager
                .alter_table(Table::alter().table(Item::Table).add_column(col).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Orders::Table)
                    .add_column(ColumnDef::new(Orders::ReplacesAssetId).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_orders_replaces_asset",
                Orders::Table,
                &[Orders::ReplacesAssetId],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Subscription::Table)
                    .col(id(Subscription::Id))
                    .col(ColumnDef::new(Subscription::ItemId).integer().not_null())
                    .col(ColumnDef::new(Subscription::Service).string_len(200).not_null())
                    .col(ColumnDef::new(Subscription::MonthlyOre).big_integer().not_null())
                    .col(ColumnDef::new(Subscription::OrderId).integer().null())
                    .col(ColumnDef::new(Subscription::OrderLineId).integer().null())
                    .col(ColumnDef::new(Subscription::Unit).integer().not_null().default(1))
                    .col(ColumnDef::new(Subscription::AssetId).integer().null())
                    .col(ColumnDef::new(Subscription::UserId).integer().null())
                    // The customer's cost centre now; which one is charged
                    // for a month is in `subscription_cost_center`.
                    .col(ColumnDef::new(Subscription::CostCenterId).integer().not_null())
                    .col(ColumnDef::new(Subscription::ServiceCostCenterId).integer().null())
                    .col(account(Subscription::RevenueAccount))
                    .col(account(Subscription::ExpenseAccount))
                    .col(ColumnDef::new(Subscription::StartOn).date().not_null())
                    .col(ColumnDef::new(Subscription::BindingEnd).date().null())
                    .col(
                        ColumnDef::new(Subscription::NoticeMonths)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(Subscription::EndOn).date().null())
                    .col(
                        ColumnDef::new(Subscription::TerminatedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Subscription::TerminatedBy).integer().null())
                    .col(ColumnDef::new(Subscription::Version).integer().not_null().default(1))
                    .col(timestamp(Subscription::CreatedAt))
                    .col(timestamp(Subscription::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_subscription_cost_center")
                            .from(Subscription::Table, Subscription::CostCenterId)
                            .to(CostCenter::Table, CostCenter::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One subscription per unit of an order line: what makes a
        // repeated delivery create it once.
        manager
            .create_index(
                index(
                    "idx_subscription_line_unit",
                    Subscription::Table,
                    &[Subscription::OrderLineId, Subscription::Unit],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_subscription_user", vec![Subscription::UserId, Subscription::Id]),
            (
                "idx_subscription_cost_center",
                vec![Subscription::CostCenterId, Subscription::Id],
            ),
            ("idx_subscription_asset", vec![Subscription::AssetId]),
            (
                "idx_subscription_active",
                vec![Subscription::StartOn, Subscription::EndOn],
            ),
        ] {
            manager.create_index(index(name, Subscription::Table, &cols)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(SubscriptionCostCenter::Table)
                    .col(id(SubscriptionCostCenter::Id))
                    .col(
                        ColumnDef::new(SubscriptionCostCenter::SubscriptionId)
                            .integer()
                            .not_null(),
                    )
                    // The first day of the first month charged to it.
                    .col(ColumnDef::new(SubscriptionCostCenter::FromMonth).date().not_null())
                    .col(
                        ColumnDef::new(SubscriptionCostCenter::CostCenterId)
                            .integer()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_subscription_cost_center_subscription")
                            .from(SubscriptionCostCenter::Table, SubscriptionCostCenter::SubscriptionId)
                            .to(Subscription::Table, Subscription::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "idx_subscription_cost_center_from",
                    SubscriptionCostCenter::Table,
                    &[
                        SubscriptionCostCenter::SubscriptionId,
                        SubscriptionCostCenter::FromMonth,
                    ],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SubscriptionChange::Table)
                    .col(id(SubscriptionChange::Id))
                    .col(ColumnDef::new(SubscriptionChange::SubscriptionId).integer().not_null())
                    .col(timestamp(SubscriptionChange::At))
                    .col(ColumnDef::new(SubscriptionChange::ActorPersonId).integer().null())
                    .col(ColumnDef::new(SubscriptionChange::Actor).string_len(200).not_null())
                    // `created`, `cost_center`, `user`, `end_on`.
                    .col(ColumnDef::new(SubscriptionChange::Field).string_len(40).not_null())
                    .col(ColumnDef::new(SubscriptionChange::OldValue).string_len(500).null())
                    .col(ColumnDef::new(SubscriptionChange::NewValue).string_len(500).null())
                    .col(ColumnDef::new(SubscriptionChange::Reason).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_subscription_change_subscription")
                            .from(SubscriptionChange::Table, SubscriptionChange::SubscriptionId)
                            .to(Subscription::Table, Subscription::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_subscription_change_subscription",
                SubscriptionChange::Table,
                &[SubscriptionChange::SubscriptionId, SubscriptionChange::Id],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ChargeRun::Table)
                    .col(id(ChargeRun::Id))
                    // `2026-11`
                    .col(ColumnDef::new(ChargeRun::Period).string_len(7).not_null().unique_key())
                    // `open` or `closed`
                    .col(ColumnDef::new(ChargeRun::Status).string_len(10).not_null())
                    .col(ColumnDef::new(ChargeRun::Subscriptions).integer().not_null())
                    .col(ColumnDef::new(ChargeRun::TotalOre).big_integer().not_null())
                    .col(timestamp(ChargeRun::RunAt))
                    .col(ColumnDef::new(ChargeRun::RunBy).string_len(200).not_null())
                    .col(ColumnDef::new(ChargeRun::ClosedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ChargeRun::ClosedBy).string_len(200).null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ChargeLine::Table)
                    .col(id(ChargeLine::Id))
                    .col(ColumnDef::new(ChargeLine::Period).string_len(7).not_null())
                    .col(ColumnDef::new(ChargeLine::CustomerCostCenterId).integer().not_null())
                    .col(ColumnDef::new(ChargeLine::ItemId).integer().not_null())
                    .col(ColumnDef::new(ChargeLine::Service).string_len(200).not_null())
                    .col(ColumnDef::new(ChargeLine::ServiceCostCenterId).integer().null())
                    .col(account(ChargeLine::RevenueAccount))
                    .col(account(ChargeLine::ExpenseAccount))
                    .col(ColumnDef::new(ChargeLine::Subscriptions).integer().not_null())
                    .col(ColumnDef::new(ChargeLine::Days).big_integer().not_null())
                    .col(ColumnDef::new(ChargeLine::AmountOre).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_charge_line_period",
                ChargeLine::Table,
                &[ChargeLine::Period, ChargeLine::CustomerCostCenterId],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ChargeLine::Table.into_iden(),
            ChargeRun::Table.into_iden(),
            SubscriptionChange::Table.into_iden(),
            SubscriptionCostCenter::Table.into_iden(),
            Subscription::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_orders_replaces_asset")
                    .table(Orders::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Orders::Table)
                    .drop_column(Orders::ReplacesAssetId)
                    .to_owned(),
            )
            .await?;
        for col in [Item::ServiceCostCenterId, Item::RevenueAccount, Item::ExpenseAccount] {
            manager
                .alter_table(Table::alter().table(Item::Table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
