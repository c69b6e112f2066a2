use sea_orm::entity::prelude::*;

/// A workflow step of a plan revision: who, when, from, to, comment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub at: DateTimeUtc,
    pub actor: String,
    /// The person who took the step (`None` for steps before this was kept).
    pub actor_id: Option<i32>,
    pub from_status: Option<String>,
    pub to_status: String,
    #[sea_orm(column_type = "Text")]
    pub comment: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
