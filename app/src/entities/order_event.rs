use sea_orm::entity::prelude::*;

/// One state change of an order: who, when, from what to what, and why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_id: i32,
    pub at: DateTimeUtc,
    pub actor_person_id: Option<i32>,
    pub actor: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub comment: String,
    /// `person`, `supplier` or `system`.
    pub actor_kind: String,
    /// Whether a person changed the order in this step.
    pub human_touch: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
