use sea_orm::entity::prelude::*;

/// An order (beställning). Delivery address and contact are copied in, so
/// later changes to the register do not rewrite history.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub requester_id: i32,
    pub recipient_id: i32,
    pub cost_center_id: i32,
    pub delivery_label: String,
    pub delivery_street: String,
    pub delivery_postal_code: String,
    pub delivery_city: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub reference: String,
    pub wanted_date: Option<Date>,
    pub note: String,
    /// `domain::orders::OrderStatus` code.
    pub status: String,
    pub one_off_ore: i64,
    pub monthly_ore: i64,
    pub commitment_ore: i64,
    pub idempotency_key: String,
    pub created_at: DateTimeUtc,
    /// Since when the order has had `status` (set by every status change).
    pub status_since: Option<DateTimeUtc>,
    /// The coordinator who has taken the order, if any.
    pub coordinator_id: Option<i32>,
    /// The asset this order replaces ("Byt ut"): it enters the return
    /// flow when the new hardware is delivered.
    pub replaces_asset_id: Option<i32>,
    /// Delivered to the region's stock (the address is a stock address):
    /// its hardware is registered På lager, without a user.
    pub to_stock: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
