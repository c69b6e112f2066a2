use sea_orm::entity::prelude::*;

/// An order's attestation: where it waits (`level`, `None` when nobody is
/// eligible), since when, and its one decision. `state` is a
/// `domain::attest::AttestState` code; the decision is written by one
/// conditional update, so two attesters cannot both decide.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attestation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub order_id: i32,
    pub state: String,
    pub level: Option<i32>,
    pub amount_ore: i64,
    pub waiting_since: DateTimeUtc,
    pub reminded_at: Option<DateTimeUtc>,
    pub decided_by: Option<i32>,
    pub on_behalf_of: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub comment: String,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
