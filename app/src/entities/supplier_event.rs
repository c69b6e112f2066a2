use sea_orm::entity::prelude::*;

/// A supplier event as first answered: unique per supplier and event id,
/// so a repeat gets the stored answer and is never applied twice.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supplier_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub supplier_id: i32,
    pub event_id: String,
    pub order_id: i32,
    pub received_at: DateTimeUtc,
    pub status: i16,
    pub answer: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
