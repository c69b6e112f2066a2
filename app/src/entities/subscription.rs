use sea_orm::entity::prelude::*;

/// A charged service (*prenumeration*): one unit of a delivered order line
/// with a monthly price, or one imported. Price, binding and notice are
/// frozen from the order; the service's cost centre and accounts from the
/// catalogue item. `end_on` is set when it is terminated.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subscription")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub item_id: i32,
    pub service: String,
    pub monthly_ore: i64,
    pub order_id: Option<i32>,
    pub order_line_id: Option<i32>,
    pub unit: i32,
    pub asset_id: Option<i32>,
    pub user_id: Option<i32>,
    /// The customer's cost centre now (see `subscription_cost_center`).
    pub cost_center_id: i32,
    pub service_cost_center_id: Option<i32>,
    pub revenue_account: String,
    pub expense_account: String,
    pub start_on: Date,
    pub binding_end: Option<Date>,
    pub notice_months: i32,
    pub end_on: Option<Date>,
    pub terminated_at: Option<DateTimeUtc>,
    pub terminated_by: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
