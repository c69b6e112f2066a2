//! A plan template per object family, kept by administrators: the default
//! texts and forums of a new förvaltningsplan and its day rates and days
//! per full-time equivalent. A first plan for an object may start from it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PlanTemplate {
    Table,
    FamilyId,
    Content,
    DayRateBusinessOre,
    DayRateItOre,
    DaysPerFte,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ObjectFamily {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlanTemplate::Table)
                    .col(
                        ColumnDef::new(PlanTemplate::FamilyId)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    // The template's document (`PlanContent`) as JSON.
                    .col(ColumnDef::new(PlanTemplate::Content).text().not_null())
                    .col(
                        ColumnDef::new(PlanTemplate::DayRateBusinessOre)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(PlanTemplate::DayRateItOre).big_integer().not_null())
                    .col(ColumnDef::new(PlanTemplate::DaysPerFte).integer().not_null())
                    .col(
                        ColumnDef::new(PlanTemplate::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(PlanTemplate::UpdatedBy).string_len(200).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_template_family")
                            .from(PlanTemplate::Table, PlanTemplate::FamilyId)
                            .to(ObjectFamily::Table, ObjectFamily::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PlanTemplate::Table).to_owned())
            .await
    }
}
