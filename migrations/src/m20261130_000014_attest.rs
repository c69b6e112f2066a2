//! Attestation: attest rights (person × cost centre × amount limit, with
//! validity dates), substitutes for a date range, auto-approval rules, and
//! per order its attestation (where it waits, since when, and the one
//! decision) and the attesters it currently waits for.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AttestRight {
    Table,
    Id,
    PersonId,
    CostCenterId,
    LimitOre,
    ValidFrom,
    ValidTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AttestSubstitute {
    Table,
    Id,
    AttesterId,
    SubstituteId,
    ValidFrom,
    ValidTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AutoApprovalRule {
    Table,
    Id,
    Name,
    MaxCommitmentOre,
    OwnCostCenterOnly,
    ItemKinds,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Attestation {
    Table,
    OrderId,
    State,
    Level,
    AmountOre,
    WaitingSince,
    RemindedAt,
    DecidedBy,
    OnBehalfOf,
    DecidedAt,
    Comment,
    Reason,
}

#[derive(DeriveIden)]
enum AttestAssignment {
    Table,
    Id,
    OrderId,
    PersonId,
    Level,
    AssignedAt,
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

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
}

fn id<T: IntoIden>(col: T) -> ColumnDef {
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
                    .table(AttestRight::Table)
                    .col(id(AttestRight::Id))
                    .col(ColumnDef::new(AttestRight::PersonId).integer().not_null())
                    .col(ColumnDef::new(AttestRight::CostCenterId).integer().not_null())
                    .col(ColumnDef::new(AttestRight::LimitOre).big_integer().not_null())
                    .col(ColumnDef::new(AttestRight::ValidFrom).date().not_null())
                    .col(ColumnDef::new(AttestRight::ValidTo).date().null())
                    .col(
                        ColumnDef::new(AttestRight::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        "fk_attest_right_person",
                        (AttestRight::Table, AttestRight::PersonId),
                        (Person::Table, Person::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_attest_right_cost_center",
                        (AttestRight::Table, AttestRight::CostCenterId),
                        (CostCenter::Table, CostCenter::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_attest_right_cost_center", AttestRight::CostCenterId),
            ("idx_attest_right_person", AttestRight::PersonId),
        ] {
            manager
                .create_index(Index::create().name(name).table(AttestRight::Table).col(col).to_owned())
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(AttestSubstitute::Table)
                    .col(id(AttestSubstitute::Id))
                    .col(ColumnDef::new(AttestSubstitute::AttesterId).integer().not_null())
                    .col(ColumnDef::new(AttestSubstitute::SubstituteId).integer().not_null())
                    .col(ColumnDef::new(AttestSubstitute::ValidFrom).date().not_null())
                    .col(ColumnDef::new(AttestSubstitute::ValidTo).date().not_null())
                    .col(
                        ColumnDef::new(AttestSubstitute::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        "fk_attest_substitute_attester",
                        (AttestSubstitute::Table, AttestSubstitute::AttesterId),
                        (Person::Table, Person::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_attest_substitute_substitute",
                        (AttestSubstitute::Table, AttestSubstitute::SubstituteId),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_attest_substitute_attester", AttestSubstitute::AttesterId),
            ("idx_attest_substitute_substitute", AttestSubstitute::SubstituteId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AttestSubstitute::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(AutoApprovalRule::Table)
                    .col(id(AutoApprovalRule::Id))
                    .col(ColumnDef::new(AutoApprovalRule::Name).string_len(200).not_null())
                    .col(
                        ColumnDef::new(AutoApprovalRule::MaxCommitmentOre)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AutoApprovalRule::OwnCostCenterOnly).boolean().not_null())
                    .col(ColumnDef::new(AutoApprovalRule::ItemKinds).string_len(200).not_null())
                    .col(ColumnDef::new(AutoApprovalRule::Active).boolean().not_null())
                    .col(
                        ColumnDef::new(AutoApprovalRule::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Attestation::Table)
                    .col(ColumnDef::new(Attestation::OrderId).integer().not_null().primary_key())
                    .col(ColumnDef::new(Attestation::State).string_len(32).not_null())
                    .col(ColumnDef::new(Attestation::Level).integer().null())
                    .col(ColumnDef::new(Attestation::AmountOre).big_integer().not_null())
                    .col(
                        ColumnDef::new(Attestation::WaitingSince)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attestation::RemindedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Attestation::DecidedBy).integer().null())
                    .col(ColumnDef::new(Attestation::OnBehalfOf).integer().null())
                    .col(ColumnDef::new(Attestation::DecidedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Attestation::Comment).text().not_null())
                    .col(ColumnDef::new(Attestation::Reason).text().not_null())
                    .foreign_key(&mut fk(
                        "fk_attestation_order",
                        (Attestation::Table, Attestation::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attestation_state")
                    .table(Attestation::Table)
                    .col(Attestation::State)
                    .col(Attestation::WaitingSince)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AttestAssignment::Table)
                    .col(id(AttestAssignment::Id))
                    .col(ColumnDef::new(AttestAssignment::OrderId).integer().not_null())
                    .col(ColumnDef::new(AttestAssignment::PersonId).integer().not_null())
                    .col(ColumnDef::new(AttestAssignment::Level).integer().not_null())
                    .col(
                        ColumnDef::new(AttestAssignment::AssignedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        "fk_attest_assignment_order",
                        (AttestAssignment::Table, AttestAssignment::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_attest_assignment_person",
                        (AttestAssignment::Table, AttestAssignment::PersonId),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attest_assignment_person")
                    .table(AttestAssignment::Table)
                    .col(AttestAssignment::PersonId)
                    .col(AttestAssignment::OrderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attest_assignment_order")
                    .table(AttestAssignment::Table)
                    .col(AttestAssignment::OrderId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AttestAssignment::Table.into_iden(),
            Attestation::Table.into_iden(),
            AutoApprovalRule::Table.into_iden(),
            AttestSubstitute::Table.into_iden(),
            AttestRight::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
