use sea_orm::entity::prelude::*;

/// One supplier's part of an attested order. `state` is an
/// `OrderStatus` code from `attested` on, moved only through
/// `domain::orders::transition`; the order's own status is derived from
/// its parts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_part")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_id: i32,
    pub supplier_id: i32,
    pub state: String,
    pub state_since: DateTimeUtc,
    pub expected_delivery: Option<Date>,
    pub tracking_number: Option<String>,
    /// When the latest applied supplier event happened.
    pub last_occurred_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// When the part reached `delivered`.
    pub delivered_at: Option<DateTimeUtc>,
    /// Whole days from the order's submit to `delivered_at`
    /// (`domain::automation::lead_days`), recorded with the delivery.
    pub lead_days: Option<i32>,
    /// Whether its supplier reported a step over the supplier API.
    pub via_api: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::order_part_line::Entity")]
    Lines,
}

impl Related<super::order_part_line::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Lines.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
