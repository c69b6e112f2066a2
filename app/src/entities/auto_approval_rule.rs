use sea_orm::entity::prelude::*;

/// An auto-approval rule: an order within `max_commitment_ore`, on the
/// requester's own unit's cost centre when `own_cost_center_only`, and of
/// only the item kinds listed in `item_kinds` (comma-separated codes; empty:
/// any kind) is attested at submit, with the rule as the reason.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auto_approval_rule")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub max_commitment_ore: i64,
    pub own_cost_center_only: bool,
    pub item_kinds: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
