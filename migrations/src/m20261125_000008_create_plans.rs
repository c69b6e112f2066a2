//! PM3 governance: object families, governance objects with their people,
//! and the annual förvaltningsplan. A plan revision keeps its document (the
//! needs, goals and forums) as JSON, with an optimistic-lock version, and its
//! roll-up totals in columns for the portfolio.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ObjectFamily {
    Table,
    Id,
    Name,
    SortOrder,
}

#[derive(DeriveIden)]
enum GovernanceObject {
    Table,
    Id,
    FamilyId,
    Name,
    Class,
    Description,
    ItComponents,
    Products,
}

#[derive(DeriveIden)]
enum ObjectPerson {
    Table,
    Id,
    ObjectId,
    PersonId,
    Role,
}

#[derive(DeriveIden)]
enum Plan {
    Table,
    Id,
    ObjectId,
    Year,
    Revision,
    Status,
    Version,
    Content,
    DayRateBusinessOre,
    DayRateItOre,
    DaysPerFte,
    TotalOre,
    VmOre,
    VuOre,
    BusinessOre,
    ItOre,
    FteHundredths,
    DecidedOn,
    DecisionMinutes,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum PlanEvent {
    Table,
    Id,
    PlanId,
    At,
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
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ObjectFamily::Table)
                    .col(id(ObjectFamily::Id))
                    .col(
                        ColumnDef::new(ObjectFamily::Name)
                            .string_len(200)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(ObjectFamily::SortOrder).integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GovernanceObject::Table)
                    .col(id(GovernanceObject::Id))
                    .col(ColumnDef::new(GovernanceObject::FamilyId).integer().not_null())
                    .col(
                        ColumnDef::new(GovernanceObject::Name)
                            .string_len(200)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(GovernanceObject::Class).string_len(16).not_null())
                    .col(ColumnDef::new(GovernanceObject::Description).text().not_null())
                    .col(ColumnDef::new(GovernanceObject::ItComponents).text().not_null())
                    .col(ColumnDef::new(GovernanceObject::Products).text().not_null())
                    .foreign_key(&mut fk(
                        "fk_object_family",
                        (GovernanceObject::Table, GovernanceObject::FamilyId),
                        (ObjectFamily::Table, ObjectFamily::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ObjectPerson::Table)
                    .col(id(ObjectPerson::Id))
                    .col(ColumnDef::new(ObjectPerson::ObjectId).integer().not_null())
                    .col(ColumnDef::new(ObjectPerson::PersonId).integer().not_null())
                    .col(ColumnDef::new(ObjectPerson::Role).string_len(32).not_null())
                    .foreign_key(&mut fk(
                        "fk_object_person_object",
                        (ObjectPerson::Table, ObjectPerson::ObjectId),
                        (GovernanceObject::Table, GovernanceObject::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_object_person_person",
                        (ObjectPerson::Table, ObjectPerson::PersonId),
                        (Person::Table, Person::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_object_person_person")
                    .table(ObjectPerson::Table)
                    .col(ObjectPerson::PersonId)
                    .col(ObjectPerson::ObjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Plan::Table)
                    .col(id(Plan::Id))
                    .col(ColumnDef::new(Plan::ObjectId).integer().not_null())
                    .col(ColumnDef::new(Plan::Year).integer().not_null())
                    .col(ColumnDef::new(Plan::Revision).integer().not_null())
                    .col(ColumnDef::new(Plan::Status).string_len(24).not_null())
                    .col(ColumnDef::new(Plan::Version).integer().not_null())
                    .col(ColumnDef::new(Plan::Content).text().not_null())
                    .col(ColumnDef::new(Plan::DayRateBusinessOre).big_integer().not_null())
                    .col(ColumnDef::new(Plan::DayRateItOre).big_integer().not_null())
                    .col(ColumnDef::new(Plan::DaysPerFte).integer().not_null())
                    .col(ColumnDef::new(Plan::TotalOre).big_integer().not_null())
                    .col(ColumnDef::new(Plan::VmOre).big_integer().not_null())
                    .col(ColumnDef::new(Plan::VuOre).big_integer().not_null())
                    .col(ColumnDef::new(Plan::BusinessOre).big_integer().not_null())
                    .col(ColumnDef::new(Plan::ItOre).big_integer().not_null())
                    .col(ColumnDef::new(Plan::FteHundredths).big_integer().not_null())
                    .col(ColumnDef::new(Plan::DecidedOn).date().null())
                    .col(ColumnDef::new(Plan::DecisionMinutes).text().not_null())
                    .col(ColumnDef::new(Plan::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Plan::UpdatedBy).string_len(200).not_null())
                    .foreign_key(&mut fk(
                        "fk_plan_object",
                        (Plan::Table, Plan::ObjectId),
                        (GovernanceObject::Table, GovernanceObject::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_object_year_revision")
                    .table(Plan::Table)
                    .col(Plan::ObjectId)
                    .col(Plan::Year)
                    .col(Plan::Revision)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_year_status")
                    .table(Plan::Table)
                    .col(Plan::Year)
                    .col(Plan::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PlanEvent::Table)
                    .col(id(PlanEvent::Id))
                    .col(ColumnDef::new(PlanEvent::PlanId).integer().not_null())
                    .col(ColumnDef::new(PlanEvent::At).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(PlanEvent::Actor).string_len(200).not_null())
                    .col(ColumnDef::new(PlanEvent::FromStatus).string_len(24).null())
                    .col(ColumnDef::new(PlanEvent::ToStatus).string_len(24).not_null())
                    .col(ColumnDef::new(PlanEvent::Comment).text().not_null())
                    .foreign_key(&mut fk(
                        "fk_plan_event_plan",
                        (PlanEvent::Table, PlanEvent::PlanId),
                        (Plan::Table, Plan::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_plan_event_plan")
                    .table(PlanEvent::Table)
                    .col(PlanEvent::PlanId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            PlanEvent::Table.into_iden(),
            Plan::Table.into_iden(),
            ObjectPerson::Table.into_iden(),
            GovernanceObject::Table.into_iden(),
            ObjectFamily::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
