use sea_orm::entity::prelude::*;

/// A category of an open order's items (as the catalogue had it when the
/// order opened), while the order is open (awaiting attestation to
/// delivered), with the order's status and time in it: what the
/// coordinators' category filter reads instead of every line and every
/// order. Kept by `orders::service::lifecycle`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "open_order_category")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub order_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub category_id: i32,
    pub status: String,
    pub status_since: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::orders::Entity",
        from = "Column::OrderId",
        to = "super::orders::Column::Id"
    )]
    Order,
}

impl Related<super::orders::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Order.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
