use sea_orm::entity::prelude::*;

/// A price of an item over a validity period, in öre.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "item_price")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub item_id: i32,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub one_off_ore: i64,
    pub monthly_ore: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
