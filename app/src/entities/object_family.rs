use sea_orm::entity::prelude::*;

/// A group of governance objects (objektfamilj).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "object_family")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub sort_order: i32,
    /// The object roles that must each approve a plan for it to be
    /// adopted: role codes separated by commas (`objektagare,objektagare_it`).
    pub adopters: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
