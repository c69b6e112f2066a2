//! Follow-up of adopted plans: per governance object and reporting period
//! (`2026-T1`, `2026-03`) one document with each goal's status and comment
//! and the object's indicators, under an optimistic-lock version. Keyed by
//! object and period, not plan revision, so a follow-up survives a new
//! revision of the year's plan (goals keep their ids across revisions).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FollowUp {
    Table,
    Id,
    ObjectId,
    Year,
    Period,
    Version,
    Content,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum GovernanceObject {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FollowUp::Table)
                    .col(
                        ColumnDef::new(FollowUp::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(FollowUp::ObjectId).integer().not_null())
                    .col(ColumnDef::new(FollowUp::Year).integer().not_null())
                    .col(ColumnDef::new(FollowUp::Period).string_len(8).not_null())
                    .col(ColumnDef::new(FollowUp::Version).integer().not_null())
                    .col(ColumnDef::new(FollowUp::Content).text().not_null())
                    .col(
                        ColumnDef::new(FollowUp::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(FollowUp::UpdatedBy).string_len(200).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_follow_up_object")
                            .from(FollowUp::Table, FollowUp::ObjectId)
                            .to(GovernanceObject::Table, GovernanceObject::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_follow_up_object_period")
                    .table(FollowUp::Table)
                    .col(FollowUp::ObjectId)
                    .col(FollowUp::Period)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_follow_up_period")
                    .table(FollowUp::Table)
                    .col(FollowUp::Period)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FollowUp::Table).to_owned())
            .await
    }
}
