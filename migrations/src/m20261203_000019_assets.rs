//! The asset register (*inventarier*): each delivered hardware unit (or an
//! imported one) as `asset`, with its lifecycle status, user, cost centre,
//! location, warranty and last inventory, and a `version` for optimistic
//! locking; every change of a field as a row of `asset_change` (who, when,
//! old → new, why). Order lines now also keep the item's kind and notice
//! period as they were when ordered (`order_line.kind`,
//! `order_line.notice_months`; existing lines get their item's).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrderLine {
    Table,
    ItemId,
    Kind,
    NoticeMonths,
}

#[derive(DeriveIden)]
enum Item {
    Table,
    Id,
    Kind,
    NoticeMonths,
}

#[derive(DeriveIden)]
enum Asset {
    Table,
    Id,
    Tag,
    SerialNumber,
    ItemId,
    Model,
    SupplierId,
    UserId,
    CostCenterId,
    Location,
    DeliveredOn,
    OrderId,
    OrderLineId,
    WarrantyEnd,
    Status,
    StatusSince,
    InventoriedOn,
    InventoriedBy,
    InventoryFound,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AssetChange {
    Table,
    Id,
    AssetId,
    At,
    ActorPersonId,
    Actor,
    Field,
    OldValue,
    NewValue,
    Reason,
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

fn index(name: &str, cols: Vec<Asset>) -> IndexCreateStatement {
    let mut i = Index::create().name(name).table(Asset::Table).to_owned();
    for c in cols {
        i.col(c);
    }
    i
}

/// `order_line.<col>` from the line's item (existing lines).
fn from_item(col: OrderLine, item_col: Item) -> UpdateStatement {
    let of_item = Query::select()
        .column((Item::Table, item_col))
        .from(Item::Table)
        .and_where(Expr::col((Item::Table, Item::Id)).equals((OrderLine::Table, OrderLine::ItemId)))
        .to_owned();
    Query::update()
        .table(OrderLine::Table)
        .value(
            col,
            SimpleExpr::SubQuery(None, Box::new(of_item.into_sub_query_statement())),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OrderLine::Table)
                    .add_column(
                        ColumnDef::new(OrderLine::Kind)
                            .string_len(20)
                            .not_null()
                            .default("hardware"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OrderLine::Table)
                    .add_column(ColumnDef::new(OrderLine::NoticeMonths).integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        manager.exec_stmt(from_item(OrderLine::Kind, Item::Kind)).await?;
        manager
            .exec_stmt(from_item(OrderLine::NoticeMonths, Item::NoticeMonths))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Asset::Table)
                    .col(id(Asset::Id))
                    .col(ColumnDef::new(Asset::Tag).string_len(40).not_null())
                    .col(ColumnDef::new(Asset::SerialNumber).string_len(100).null())
                    // The catalogue item of the model, when it is one.
                    .col(ColumnDef::new(Asset::ItemId).integer().null())
                    .col(ColumnDef::new(Asset::Model).string_len(200).not_null())
                    .col(ColumnDef::new(Asset::SupplierId).integer().null())
                    // Nobody's while in stock.
                    .col(ColumnDef::new(Asset::UserId).integer().null())
                    .col(ColumnDef::new(Asset::CostCenterId).integer().not_null())
                    .col(ColumnDef::new(Asset::Location).string_len(300).not_null())
                    .col(ColumnDef::new(Asset::DeliveredOn).date().null())
                    .col(ColumnDef::new(Asset::OrderId).integer().null())
                    .col(ColumnDef::new(Asset::OrderLineId).integer().null())
                    .col(ColumnDef::new(Asset::WarrantyEnd).date().null())
                    .col(ColumnDef::new(Asset::Status).string_len(20).not_null())
                    .col(timestamp(Asset::StatusSince))
                    .col(ColumnDef::new(Asset::InventoriedOn).date().null())
                    .col(ColumnDef::new(Asset::InventoriedBy).integer().null())
                    .col(ColumnDef::new(Asset::InventoryFound).boolean().null())
                    .col(ColumnDef::new(Asset::Version).integer().not_null().default(1))
                    .col(timestamp(Asset::CreatedAt))
                    .col(timestamp(Asset::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_asset_user")
                            .from(Asset::Table, Asset::UserId)
                            .to(Person::Table, Person::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_asset_cost_center")
                            .from(Asset::Table, Asset::CostCenterId)
                            .to(CostCenter::Table, CostCenter::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A delivered unit's tag comes from its order line and unit number:
        // the unique tag is what makes a delivery register once.
        manager
            .create_index(index("idx_asset_tag", vec![Asset::Tag]).unique().to_owned())
            .await?;
        for (name, cols) in [
            ("idx_asset_serial", vec![Asset::SerialNumber]),
            ("idx_asset_user", vec![Asset::UserId, Asset::Id]),
            ("idx_asset_status", vec![Asset::Status, Asset::Id]),
            ("idx_asset_cost_center", vec![Asset::CostCenterId, Asset::Id]),
            ("idx_asset_item", vec![Asset::ItemId, Asset::Id]),
            ("idx_asset_order", vec![Asset::OrderId]),
        ] {
            manager.create_index(index(name, cols)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(AssetChange::Table)
                    .col(id(AssetChange::Id))
                    .col(ColumnDef::new(AssetChange::AssetId).integer().not_null())
                    .col(timestamp(AssetChange::At))
                    .col(ColumnDef::new(AssetChange::ActorPersonId).integer().null())
                    .col(ColumnDef::new(AssetChange::Actor).string_len(200).not_null())
                    // `status`, `user`, `cost_center`, `location`, … or
                    // `registered` for the asset's first row.
                    .col(ColumnDef::new(AssetChange::Field).string_len(40).not_null())
                    .col(ColumnDef::new(AssetChange::OldValue).string_len(500).null())
                    .col(ColumnDef::new(AssetChange::NewValue).string_len(500).null())
                    .col(ColumnDef::new(AssetChange::Reason).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_asset_change_asset")
                            .from(AssetChange::Table, AssetChange::AssetId)
                            .to(Asset::Table, Asset::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_asset_change_asset")
                    .table(AssetChange::Table)
                    .col(AssetChange::AssetId)
                    .col(AssetChange::Id)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AssetChange::Table).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(Asset::Table).to_owned()).await?;
        for col in [OrderLine::Kind, OrderLine::NoticeMonths] {
            manager
                .alter_table(Table::alter().table(OrderLine::Table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
