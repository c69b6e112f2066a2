//! The catalogue (eKatalog): categories, suppliers and agreements, items with
//! prices over time, bundles (type configurations) and matching rules.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Category {
    Table,
    Id,
    ParentId,
    Code,
    Name,
    SortOrder,
}

#[derive(DeriveIden)]
enum Supplier {
    Table,
    Id,
    Name,
    OrgNumber,
}

#[derive(DeriveIden)]
enum Agreement {
    Table,
    Id,
    SupplierId,
    Code,
    Name,
    ValidFrom,
    ValidTo,
}

#[derive(DeriveIden)]
enum Item {
    Table,
    Id,
    ArticleNumber,
    Name,
    Description,
    Kind,
    CategoryId,
    SupplierId,
    AgreementId,
    ImagePath,
    Active,
    ServiceLevel,
    BindingMonths,
    NoticeMonths,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ItemPrice {
    Table,
    Id,
    ItemId,
    ValidFrom,
    ValidTo,
    OneOffOre,
    MonthlyOre,
}

#[derive(DeriveIden)]
enum Bundle {
    Table,
    Id,
    Code,
    Name,
    Description,
    MainItemId,
    Active,
}

#[derive(DeriveIden)]
enum BundleItem {
    Table,
    Id,
    BundleId,
    ItemId,
    Required,
    Quantity,
}

#[derive(DeriveIden)]
enum ItemRule {
    Table,
    Id,
    Kind,
    ItemId,
    TargetItemId,
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
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Category::Table)
                    .col(id(Category::Id))
                    .col(ColumnDef::new(Category::ParentId).integer().null())
                    .col(ColumnDef::new(Category::Code).string_len(32).not_null().unique_key())
                    .col(ColumnDef::new(Category::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Category::SortOrder).integer().not_null().default(0))
                    .foreign_key(&mut fk(
                        "fk_category_parent",
                        (Category::Table, Category::ParentId),
                        (Category::Table, Category::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Supplier::Table)
                    .col(id(Supplier::Id))
                    .col(ColumnDef::new(Supplier::Name).string_len(200).not_null().unique_key())
                    .col(ColumnDef::new(Supplier::OrgNumber).string_len(16).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Agreement::Table)
                    .col(id(Agreement::Id))
                    .col(ColumnDef::new(Agreement::SupplierId).integer().not_null())
                    .col(ColumnDef::new(Agreement::Code).string_len(32).not_null().unique_key())
                    .col(ColumnDef::new(Agreement::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Agreement::ValidFrom).date().not_null())
                    .col(ColumnDef::new(Agreement::ValidTo).date().null())
                    .foreign_key(&mut fk(
                        "fk_agreement_supplier",
                        (Agreement::Table, Agreement::SupplierId),
                        (Supplier::Table, Supplier::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Item::Table)
                    .col(id(Item::Id))
                    .col(
                        ColumnDef::new(Item::ArticleNumber)
                            .string_len(32)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Item::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Item::Description).text().not_null())
                    .col(ColumnDef::new(Item::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Item::CategoryId).integer().not_null())
                    .col(ColumnDef::new(Item::SupplierId).integer().not_null())
                    .col(ColumnDef::new(Item::AgreementId).integer().null())
                    .col(ColumnDef::new(Item::ImagePath).string_len(255).null())
                    .col(ColumnDef::new(Item::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(Item::ServiceLevel).string_len(16).null())
                    .col(ColumnDef::new(Item::BindingMonths).integer().not_null().default(0))
                    .col(ColumnDef::new(Item::NoticeMonths).integer().not_null().default(0))
                    .col(ColumnDef::new(Item::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(&mut fk(
                        "fk_item_category",
                        (Item::Table, Item::CategoryId),
                        (Category::Table, Category::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_item_supplier",
                        (Item::Table, Item::SupplierId),
                        (Supplier::Table, Supplier::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_item_agreement",
                        (Item::Table, Item::AgreementId),
                        (Agreement::Table, Agreement::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_item_category", Item::CategoryId),
            ("idx_item_supplier", Item::SupplierId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Item::Table)
                        .col(col)
                        .col(Item::Id)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_item_name")
                    .table(Item::Table)
                    .col(Item::Name)
                    .col(Item::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ItemPrice::Table)
                    .col(id(ItemPrice::Id))
                    .col(ColumnDef::new(ItemPrice::ItemId).integer().not_null())
                    .col(ColumnDef::new(ItemPrice::ValidFrom).date().not_null())
                    .col(ColumnDef::new(ItemPrice::ValidTo).date().null())
                    .col(ColumnDef::new(ItemPrice::OneOffOre).big_integer().not_null())
                    .col(ColumnDef::new(ItemPrice::MonthlyOre).big_integer().not_null())
                    .foreign_key(
                        &mut fk(
                            "fk_item_price_item",
                            (ItemPrice::Table, ItemPrice::ItemId),
                            (Item::Table, Item::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_item_price_item")
                    .table(ItemPrice::Table)
                    .col(ItemPrice::ItemId)
                    .col(ItemPrice::ValidFrom)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Bundle::Table)
                    .col(id(Bundle::Id))
                    .col(ColumnDef::new(Bundle::Code).string_len(32).not_null().unique_key())
                    .col(ColumnDef::new(Bundle::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Bundle::Description).text().not_null())
                    .col(ColumnDef::new(Bundle::MainItemId).integer().not_null())
                    .col(ColumnDef::new(Bundle::Active).boolean().not_null().default(true))
                    .foreign_key(&mut fk(
                        "fk_bundle_main_item",
                        (Bundle::Table, Bundle::MainItemId),
                        (Item::Table, Item::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BundleItem::Table)
                    .col(id(BundleItem::Id))
                    .col(ColumnDef::new(BundleItem::BundleId).integer().not_null())
                    .col(ColumnDef::new(BundleItem::ItemId).integer().not_null())
                    .col(ColumnDef::new(BundleItem::Required).boolean().not_null())
                    .col(ColumnDef::new(BundleItem::Quantity).integer().not_null().default(1))
                    .foreign_key(
                        &mut fk(
                            "fk_bundle_item_bundle",
                            (BundleItem::Table, BundleItem::BundleId),
                            (Bundle::Table, Bundle::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(&mut fk(
                        "fk_bundle_item_item",
                        (BundleItem::Table, BundleItem::ItemId),
                        (Item::Table, Item::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ItemRule::Table)
                    .col(id(ItemRule::Id))
                    .col(ColumnDef::new(ItemRule::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(ItemRule::ItemId).integer().not_null())
                    .col(ColumnDef::new(ItemRule::TargetItemId).integer().not_null())
                    .foreign_key(
                        &mut fk(
                            "fk_item_rule_item",
                            (ItemRule::Table, ItemRule::ItemId),
                            (Item::Table, Item::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .foreign_key(
                        &mut fk(
                            "fk_item_rule_target",
                            (ItemRule::Table, ItemRule::TargetItemId),
                            (Item::Table, Item::Id),
                        )
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_item_rule_item")
                    .table(ItemRule::Table)
                    .col(ItemRule::ItemId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ItemRule::Table.into_iden(),
            BundleItem::Table.into_iden(),
            Bundle::Table.into_iden(),
            ItemPrice::Table.into_iden(),
            Item::Table.into_iden(),
            Agreement::Table.into_iden(),
            Supplier::Table.into_iden(),
            Category::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
