//! Which catalogue change last touched each item (`item.changed_in`, a
//! `catalog_version.version`), and the last change that touched more than
//! items (`catalog_version.whole_in`). An app instance whose copy of the
//! catalogue is at version `v` re-reads only the items changed after `v`
//! and patches its copy, unless a change after `v` was of the whole
//! catalogue: at 100 000 items a change of one price re-read every priced
//! item (about a second) on every instance.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Item {
    Table,
    ChangedIn,
}

#[derive(DeriveIden)]
enum CatalogVersion {
    Table,
    WholeIn,
}

const INDEX: &str = "idx_item_changed_in";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A run that stopped part of the way (SQLite has no transactional
        // migrations here) is taken up again.
        if !manager.has_column("item", "changed_in").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(Item::Table)
                        .add_column(ColumnDef::new(Item::ChangedIn).big_integer().not_null().default(0))
                        .to_owned(),
                )
                .await?;
        }
        if !manager.has_column("catalog_version", "whole_in").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(CatalogVersion::Table)
                        .add_column(
                            ColumnDef::new(CatalogVersion::WholeIn)
                                .big_integer()
                                .not_null()
                                .default(0),
                        )
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Item::Table)
                    .col(Item::ChangedIn)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Item::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CatalogVersion::Table)
                    .drop_column(CatalogVersion::WholeIn)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Item::Table)
                    .drop_column(Item::ChangedIn)
                    .to_owned(),
            )
            .await
    }
}
