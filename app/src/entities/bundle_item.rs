use sea_orm::entity::prelude::*;

/// An item of a bundle besides its main item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bundle_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub bundle_id: i32,
    pub item_id: i32,
    pub required: bool,
    pub quantity: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
