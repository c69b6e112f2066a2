//! Joint adoption. Each object family says which object roles must each
//! approve a plan (`object_family.adopters`, role codes separated by
//! commas; the objektägare alone until an administrator says otherwise),
//! and each approval of a plan is kept (`plan_approval`): the review round
//! it belongs to (the step into review it answers), the role it was given
//! as, by whom, when and with what note. One approval per role and one per
//! person in a round: the unique indexes make two people approving as the
//! same role at once a conflict, not two approvals.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ObjectFamily {
    Table,
    Adopters,
}

#[derive(DeriveIden, Clone, Copy)]
enum PlanApproval {
    Table,
    Id,
    PlanId,
    Round,
    Role,
    PersonId,
    Name,
    DecidedOn,
    Comment,
    At,
}

#[derive(DeriveIden, Clone, Copy)]
enum Plan {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ObjectFamily::Table)
                    .add_column(
                        ColumnDef::new(ObjectFamily::Adopters)
                            .string_len(200)
                            .not_null()
                            .default("objektagare"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanApproval::Table)
                    .col(
                        ColumnDef::new(PlanApproval::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PlanApproval::PlanId).integer().not_null())
                    // The id of the `plan_event` that sent the plan into review.
                    .col(ColumnDef::new(PlanApproval::Round).integer().not_null())
                    .col(ColumnDef::new(PlanApproval::Role).string_len(40).not_null())
                    .col(ColumnDef::new(PlanApproval::PersonId).integer().not_null())
                    .col(ColumnDef::new(PlanApproval::Name).string_len(200).not_null())
                    .col(ColumnDef::new(PlanApproval::DecidedOn).date().not_null())
                    .col(ColumnDef::new(PlanApproval::Comment).text().not_null())
                    .col(ColumnDef::new(PlanApproval::At).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_approval_plan")
                            .from(PlanApproval::Table, PlanApproval::PlanId)
                            .to(Plan::Table, Plan::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ux_plan_approval_role", PlanApproval::Role),
            ("ux_plan_approval_person", PlanApproval::PersonId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(PlanApproval::Table)
                        .col(PlanApproval::PlanId)
                        .col(PlanApproval::Round)
                        .col(col)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PlanApproval::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ObjectFamily::Table)
                    .drop_column(ObjectFamily::Adopters)
                    .to_owned(),
            )
            .await
    }
}
