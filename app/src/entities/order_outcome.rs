use sea_orm::entity::prelude::*;

/// A delivered order's place in the automation statistics: its month of
/// delivery, its category by its recorded trail, and its lead time.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_outcome")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub order_id: i32,
    /// `2026-11`.
    pub month: String,
    pub submitted_at: DateTimeUtc,
    pub delivered_at: DateTimeUtc,
    /// `domain::automation::Category` code.
    pub category: String,
    /// Whole days from submit to delivered.
    pub lead_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
