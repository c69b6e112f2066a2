use sea_orm::entity::prelude::*;

/// An order submission's claim on its idempotency key, and its answer (see
/// migration 011).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_request")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub requester_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub idempotency_key: String,
    pub created_at: DateTimeUtc,
    /// Set when the order is written, with the answer (`OrderDetail` as
    /// JSON) that a repeated request replays.
    pub order_id: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub response: Option<String>,
    /// SHA-256 (hex) of the request as submitted (migration 022): the same
    /// key with another request is refused. `None` on claims from before.
    pub request_hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
