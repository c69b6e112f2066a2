use sea_orm::entity::prelude::*;

/// One approval of a plan in review: the review round (the `plan_event`
/// that sent it into review), the object role it was given as, by whom,
/// the day of the decision and its note.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_approval")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub round: i32,
    pub role: String,
    pub person_id: i32,
    pub name: String,
    pub decided_on: Date,
    #[sea_orm(column_type = "Text")]
    pub comment: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
