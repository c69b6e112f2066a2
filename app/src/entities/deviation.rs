use sea_orm::entity::prelude::*;

/// A deviation (avvikelse) on an order: what went wrong, who owns it, and
/// how it was resolved. `note` is what the requester may read.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deviation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_id: i32,
    /// `domain::deviations::DeviationKind` code.
    pub kind: String,
    pub note: String,
    /// `open`, `escalated` or `resolved`.
    pub state: String,
    pub owner_id: i32,
    pub raised_by: i32,
    pub raised_at: DateTimeUtc,
    pub escalated_at: Option<DateTimeUtc>,
    pub resolution: Option<String>,
    pub resolved_by: Option<i32>,
    pub resolved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
