use sea_orm::entity::prelude::*;

/// An attester's substitute (ersättare) for a date range, inclusive. The
/// substitute decides the attester's orders "på uppdrag av"; delegation
/// does not cascade.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attest_substitute")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub attester_id: i32,
    pub substitute_id: i32,
    pub valid_from: Date,
    pub valid_to: Date,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
