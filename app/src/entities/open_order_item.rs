use sea_orm::entity::prelude::*;

/// An item on an open order's lines, while the order is open (awaiting
/// attestation to delivered): what the coordinators' category filter
/// reads instead of every line. Kept by `orders::service::lifecycle`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "open_order_item")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub order_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: i32,
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
