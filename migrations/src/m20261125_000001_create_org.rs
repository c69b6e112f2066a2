//! The organisation tree (förvaltning → enhet → kostnadsställe), delivery
//! addresses per unit, people and their roles.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Administration {
    Table,
    Id,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum Unit {
    Table,
    Id,
    AdministrationId,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum CostCenter {
    Table,
    Id,
    UnitId,
    Code,
    Name,
    Active,
}

#[derive(DeriveIden)]
enum DeliveryAddress {
    Table,
    Id,
    UnitId,
    Label,
    Street,
    PostalCode,
    City,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    Username,
    GivenName,
    FamilyName,
    Email,
    Phone,
    UnitId,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PersonRole {
    Table,
    Id,
    PersonId,
    Role,
    CostCenterId,
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Administration::Table)
                    .col(id(Administration::Id))
                    .col(
                        ColumnDef::new(Administration::Code)
                            .string_len(16)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Administration::Name).string_len(200).not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Unit::Table)
                    .col(id(Unit::Id))
                    .col(ColumnDef::new(Unit::AdministrationId).integer().not_null())
                    .col(ColumnDef::new(Unit::Code).string_len(16).not_null().unique_key())
                    .col(ColumnDef::new(Unit::Name).string_len(200).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unit_administration")
                            .from(Unit::Table, Unit::AdministrationId)
                            .to(Administration::Table, Administration::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_unit_administration")
                    .table(Unit::Table)
                    .col(Unit::AdministrationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CostCenter::Table)
                    .col(id(CostCenter::Id))
                    .col(ColumnDef::new(CostCenter::UnitId).integer().not_null())
                    .col(ColumnDef::new(CostCenter::Code).string_len(16).not_null().unique_key())
                    .col(ColumnDef::new(CostCenter::Name).string_len(200).not_null())
                    .col(ColumnDef::new(CostCenter::Active).boolean().not_null().default(true))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cost_center_unit")
                            .from(CostCenter::Table, CostCenter::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cost_center_unit")
                    .table(CostCenter::Table)
                    .col(CostCenter::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeliveryAddress::Table)
                    .col(id(DeliveryAddress::Id))
                    .col(ColumnDef::new(DeliveryAddress::UnitId).integer().not_null())
                    .col(ColumnDef::new(DeliveryAddress::Label).string_len(200).not_null())
                    .col(ColumnDef::new(DeliveryAddress::Street).string_len(200).not_null())
                    .col(ColumnDef::new(DeliveryAddress::PostalCode).string_len(6).not_null())
                    .col(ColumnDef::new(DeliveryAddress::City).string_len(100).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_delivery_address_unit")
                            .from(DeliveryAddress::Table, DeliveryAddress::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_delivery_address_unit")
                    .table(DeliveryAddress::Table)
                    .col(DeliveryAddress::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .col(id(Person::Id))
                    .col(ColumnDef::new(Person::Username).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(Person::GivenName).string_len(100).not_null())
                    .col(ColumnDef::new(Person::FamilyName).string_len(100).not_null())
                    .col(ColumnDef::new(Person::Email).string_len(254).not_null().unique_key())
                    .col(ColumnDef::new(Person::Phone).string_len(32).not_null())
                    .col(ColumnDef::new(Person::UnitId).integer().not_null())
                    .col(ColumnDef::new(Person::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(Person::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_unit")
                            .from(Person::Table, Person::UnitId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_unit")
                    .table(Person::Table)
                    .col(Person::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PersonRole::Table)
                    .col(id(PersonRole::Id))
                    .col(ColumnDef::new(PersonRole::PersonId).integer().not_null())
                    .col(ColumnDef::new(PersonRole::Role).string_len(32).not_null())
                    .col(ColumnDef::new(PersonRole::CostCenterId).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_role_person")
                            .from(PersonRole::Table, PersonRole::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_person_role_cost_center")
                            .from(PersonRole::Table, PersonRole::CostCenterId)
                            .to(CostCenter::Table, CostCenter::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_person_role_person")
                    .table(PersonRole::Table)
                    .col(PersonRole::PersonId)
                    .col(PersonRole::Role)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PersonRole::Table.into_iden(),
            Person::Table.into_iden(),
            DeliveryAddress::Table.into_iden(),
            CostCenter::Table.into_iden(),
            Unit::Table.into_iden(),
            Administration::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
