//! What fulfilment sends to the browser and the supplier API, and what
//! suppliers send.

use crate::domain::orders::OrderStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a coordinator may record by hand on a supplier part, as codes
/// with Swedish labels, in the order the form offers them.
pub const MANUAL_ACTIONS: &[(&str, &str)] = &[
    ("ack", "Mottagen av leverantören"),
    ("confirm", "Bekräftad, med leveransdatum"),
    ("backorder", "Restnoterad, med nytt leveransdatum"),
    ("ship", "Skickad"),
    ("deliver", "Levererad"),
    ("cancel", "Makulera"),
    ("close", "Avsluta"),
];

/// One supplier's part of an order, as the order page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartDto {
    pub supplier_id: i32,
    pub supplier: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub state: OrderStatus,
    pub state_since: DateTime<Utc>,
    pub expected_delivery: Option<NaiveDate>,
    pub tracking_number: Option<String>,
    /// Article numbers of its lines.
    pub articles: Vec<String>,
}

/// A line of a supplier's part, for the supplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SupplierLine {
    pub line_id: i32,
    pub article_number: String,
    pub name: String,
    pub quantity: i32,
    /// Unit price at order time, in öre.
    pub unit_one_off_ore: i64,
    pub serial_numbers: Vec<String>,
}

/// A supplier's part of an order, with what the supplier needs to deliver it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SupplierOrder {
    /// The order's id (the path of ack and the `order_id` of events).
    pub order_id: i32,
    /// The order number people use: `B000123`.
    pub number: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub state: OrderStatus,
    pub state_since: DateTime<Utc>,
    pub delivery_address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub wanted_date: Option<NaiveDate>,
    pub reference: String,
    pub expected_delivery: Option<NaiveDate>,
    pub tracking_number: Option<String>,
    pub lines: Vec<SupplierLine>,
}

/// A page of a supplier's parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SupplierOrderPage {
    pub orders: Vec<SupplierOrder>,
    /// Pass as `cursor` for the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// What a supplier reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SupplierEventType {
    Confirmed,
    Backordered,
    Shipped,
    Delivered,
    Rejected,
}

/// A line's serial numbers in a supplier event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EventLine {
    pub line_id: i32,
    #[serde(default)]
    pub serial_numbers: Vec<String>,
}

/// `POST /api/v1/supplier/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SupplierEventInput {
    /// The supplier's own id of the event, 1–100 characters: a repeat with
    /// the same id answers what the first did and changes nothing.
    pub event_id: String,
    pub order_id: i32,
    #[serde(rename = "type")]
    pub kind: SupplierEventType,
    pub occurred_at: DateTime<Utc>,
    /// Required for `confirmed` and `backordered`.
    #[serde(default)]
    pub expected_delivery: Option<NaiveDate>,
    #[serde(default)]
    pub tracking_number: Option<String>,
    /// Required for `rejected`: why.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub lines: Vec<EventLine>,
}

/// The answer to a supplier event (also to its repeats).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventOutcome {
    pub event_id: String,
    pub order_id: i32,
    /// The part's state after the event.
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub state: OrderStatus,
    /// `false` when the event happened before the latest one applied: it is
    /// on the order's timeline, and the state did not go back.
    pub applied: bool,
}

/// A supplier's integration key, as the admin list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierKeyDto {
    pub id: i32,
    pub supplier: String,
    pub name: String,
    pub prefix: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new key: the secret is shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedSupplierKey {
    pub key: SupplierKeyDto,
    pub secret: String,
}

/// The admin page: the suppliers to choose from and the keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierKeysPage {
    /// `(id, name)`.
    pub suppliers: Vec<(i32, String)>,
    pub keys: Vec<SupplierKeyDto>,
}
