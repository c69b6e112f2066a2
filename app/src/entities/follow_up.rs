use sea_orm::entity::prelude::*;

/// The follow-up of a governance object for one reporting period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub object_id: i32,
    pub year: i32,
    /// `2026-T1` or `2026-03`.
    pub period: String,
    /// Incremented by every save; a save must name the version it started from.
    pub version: i32,
    /// The follow-up document (`FollowUpContent`) as JSON.
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub updated_at: DateTimeUtc,
    pub updated_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
