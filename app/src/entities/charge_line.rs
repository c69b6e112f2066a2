use sea_orm::entity::prelude::*;

/// One line of a month's charging: what one customer cost centre pays for
/// one service, summed over its subscriptions (prorated per day).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "charge_line")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub period: String,
    pub customer_cost_center_id: i32,
    pub item_id: i32,
    pub service: String,
    pub service_cost_center_id: Option<i32>,
    pub revenue_account: String,
    pub expense_account: String,
    pub subscriptions: i32,
    /// Active days summed over the subscriptions.
    pub days: i64,
    pub amount_ore: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
