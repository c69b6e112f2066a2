use sea_orm::entity::prelude::*;

/// The catalogue's change counter (one row, id 1).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalog_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub version: i64,
    /// The version of the last change that was not of named items only:
    /// an instance with an older copy builds it anew instead of patching it.
    pub whole_in: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
