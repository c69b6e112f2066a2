use crate::domain::money::Sek;
use crate::domain::orders::OrderStatus;
use crate::org::dto::DeliveryAddressDto;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// A person from the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: i32,
    pub name: String,
    pub username: String,
    pub unit: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostCenterOption {
    pub id: i32,
    pub code: String,
    pub name: String,
}

/// What the checkout form offers for a given recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutOptions {
    pub requester: PersonRef,
    pub recipient: PersonRef,
    pub cost_centers: Vec<CostCenterOption>,
    pub default_cost_center: Option<i32>,
    pub addresses: Vec<DeliveryAddressDto>,
    /// A fresh key: a double click or a retry submits the same order once.
    pub idempotency_key: String,
}

/// The order to create. Lines come from the cart in the UI, from the body in the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderInput {
    pub recipient_id: i32,
    pub cost_center_id: i32,
    /// A unit's address from the register, or `None` with the new_* fields.
    pub address_id: Option<i32>,
    #[serde(default)]
    pub new_label: String,
    #[serde(default)]
    pub new_street: String,
    #[serde(default)]
    pub new_postal_code: String,
    #[serde(default)]
    pub new_city: String,
    pub contact_name: String,
    pub contact_phone: String,
    #[serde(default)]
    pub reference: String,
    /// `YYYY-MM-DD`, a weekday, not in the past; optional.
    #[serde(default)]
    pub wanted_date: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub lines: Vec<LineInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct LineInput {
    pub item_id: i32,
    pub quantity: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderLineDto {
    pub item_id: i32,
    pub article_number: String,
    pub name: String,
    pub quantity: i32,
    /// Frozen at order time, öre.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub unit_one_off: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub unit_monthly: Sek,
    pub binding_months: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderEventDto {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub from: Option<OrderStatus>,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub to: OrderStatus,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderSummary {
    pub id: i32,
    /// Shown to people: `B000123`.
    pub number: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub status: OrderStatus,
    pub requester: String,
    pub recipient: String,
    pub cost_center: String,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub one_off: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub monthly: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub commitment: Sek,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct OrderDetail {
    #[serde(flatten)]
    pub summary: OrderSummary,
    pub delivery: String,
    pub contact: String,
    pub reference: String,
    pub wanted_date: Option<chrono::NaiveDate>,
    pub note: String,
    pub lines: Vec<OrderLineDto>,
    pub events: Vec<OrderEventDto>,
}

pub fn order_number(id: i32) -> String {
    format!("B{id:06}")
}
