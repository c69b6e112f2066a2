use sea_orm::entity::prelude::*;

/// An order submission's claim on its idempotency key (see migration 011).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub requester_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub idempotency_key: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
