use sea_orm::entity::prelude::*;

/// The charging run (*interndebitering*) of one month: open while it may
/// be run again, closed (frozen) once handed to the finance system.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "charge_run")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `2026-11`
    #[sea_orm(unique)]
    pub period: String,
    /// `open` or `closed`
    pub status: String,
    pub subscriptions: i32,
    pub total_ore: i64,
    pub run_at: DateTimeUtc,
    pub run_by: String,
    pub closed_at: Option<DateTimeUtc>,
    pub closed_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
