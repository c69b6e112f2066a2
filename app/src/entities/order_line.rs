use sea_orm::entity::prelude::*;

/// An order line with the unit prices frozen at order time.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_line")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_id: i32,
    pub item_id: i32,
    pub article_number: String,
    pub name: String,
    pub quantity: i32,
    pub unit_one_off_ore: i64,
    pub unit_monthly_ore: i64,
    pub binding_months: i32,
    /// The item's kind when ordered (`hardware`, `software`, `service`).
    pub kind: String,
    /// The item's notice period when ordered.
    pub notice_months: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
