use sea_orm::entity::prelude::*;

/// One entry in a deviation's history: raised, a comment, escalated, resolved.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deviation_note")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub deviation_id: i32,
    pub author_id: i32,
    pub at: DateTimeUtc,
    /// `raise`, `comment`, `escalate` or `resolve`.
    pub kind: String,
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
