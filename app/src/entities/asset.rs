use sea_orm::entity::prelude::*;

/// An asset (inventarie): one delivered or imported unit of hardware, with
/// its lifecycle status (`domain::assets::AssetStatus` code) and whose it
/// is. `version` grows with every change (optimistic locking).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "asset")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub tag: String,
    pub serial_number: Option<String>,
    pub item_id: Option<i32>,
    pub model: String,
    pub supplier_id: Option<i32>,
    pub user_id: Option<i32>,
    pub cost_center_id: i32,
    pub location: String,
    pub delivered_on: Option<Date>,
    pub order_id: Option<i32>,
    pub order_line_id: Option<i32>,
    pub warranty_end: Option<Date>,
    pub status: String,
    pub status_since: DateTimeUtc,
    pub inventoried_on: Option<Date>,
    pub inventoried_by: Option<i32>,
    pub inventory_found: Option<bool>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
