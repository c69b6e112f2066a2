//! What fulfilment sends to the browser and the supplier API, and what
//! suppliers send.

use crate::domain::orders::OrderStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a coordinator may record by hand on a supplier part, as codes
/// with Swedish labels, in the order the form offers them.
pub const MANUAL_ACTIONS: &[(&str, &str)] = &[
    ("ack", "Mottagen av leverantören"),
    ("resend", "Skicka om till leverantören"),
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

/// The queue's filter as the address carries it (`/koordinering?ko=…`):
/// raw text, checked by the server, so that a hand-edited address gets a
/// Swedish error instead of a failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// A `domain::coordination::Queue` code; empty for the open orders.
    pub queue: String,
    /// A förvaltning's id.
    pub administration: String,
    /// A cost centre's code.
    pub cost_center: String,
    /// A supplier's id.
    pub supplier: String,
    /// A category's id.
    pub category: String,
    /// Only orders with an open deviation.
    pub deviation: bool,
    /// Only orders the caller has taken.
    pub mine: bool,
    /// Only orders past their status's target.
    pub overdue: bool,
    /// Newest in its status first.
    pub newest: bool,
    /// Where the previous page ended.
    pub cursor: String,
}

impl QueueFilter {
    /// The address parameters, by their names.
    pub const PARAMS: [&'static str; 10] = [
        "ko",
        "forvaltning",
        "kostnadsstalle",
        "leverantor",
        "kategori",
        "avvikelse",
        "mina",
        "forsenade",
        "sortering",
        "efter",
    ];

    /// The filter from the address's parameters.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |k: &str| get(k).unwrap_or_default().trim().to_owned();
        let on = |k: &str| matches!(text(k).as_str(), "1" | "ja" | "on" | "true");
        QueueFilter {
            queue: text("ko"),
            administration: text("forvaltning"),
            cost_center: text("kostnadsstalle"),
            supplier: text("leverantor"),
            category: text("kategori"),
            deviation: on("avvikelse"),
            mine: on("mina"),
            overdue: on("forsenade"),
            newest: text("sortering") == "nyast",
            cursor: text("efter"),
        }
    }

    /// The query string of this filter without the cursor (for links,
    /// saved filters and the CSV export), parameters in a fixed order.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<(&str, String)> = Vec::new();
        for (k, v) in [
            ("ko", &self.queue),
            ("forvaltning", &self.administration),
            ("kostnadsstalle", &self.cost_center),
            ("leverantor", &self.supplier),
            ("kategori", &self.category),
        ] {
            if !v.is_empty() {
                parts.push((k, v.clone()));
            }
        }
        for (k, on) in [
            ("avvikelse", self.deviation),
            ("mina", self.mine),
            ("forsenade", self.overdue),
        ] {
            if on {
                parts.push((k, "1".into()));
            }
        }
        if self.newest {
            parts.push(("sortering", "nyast".into()));
        }
        parts
            .into_iter()
            .map(|(k, v)| format!("{k}={}", urlencoding::encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The same filter in another queue, from its first page.
    pub fn in_queue(&self, code: &str) -> Self {
        QueueFilter {
            queue: code.to_owned(),
            cursor: String::new(),
            ..self.clone()
        }
    }
}

/// A queue of the workspace with how many it holds under the filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCount {
    pub code: String,
    pub label: String,
    pub count: u64,
    /// The queue holds more than `count`: counting stopped there.
    pub more: bool,
}

impl QueueCount {
    /// As the queue's tab shows it: `1 234`, or `10 000+` when it holds
    /// more.
    pub fn text(&self) -> String {
        let n = crate::domain::format::count(self.count);
        if self.more {
            format!("{n}+")
        } else {
            n
        }
    }
}

/// An order in the coordinators' queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: i32,
    pub number: String,
    pub status: OrderStatus,
    /// In its status since.
    pub since: DateTime<Utc>,
    /// Whole working days in its status.
    pub age: u32,
    /// The status's target in working days, if it has one.
    pub target: Option<u32>,
    pub overdue: bool,
    pub requester: String,
    pub recipient: String,
    pub cost_center: String,
    /// The suppliers of its parts, by name.
    pub suppliers: String,
    pub open_deviations: u32,
    pub coordinator: Option<String>,
    /// Taken by the caller.
    pub mine: bool,
    pub wanted_date: Option<NaiveDate>,
}

/// A deviation in the deviations queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviationRow {
    pub id: i32,
    pub order_id: i32,
    pub number: String,
    pub kind: String,
    pub note: String,
    pub state: String,
    pub escalated: bool,
    pub owner: String,
    pub raised_at: DateTime<Utc>,
    /// Whole working days since it was raised.
    pub age: u32,
}

/// A status's target time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetDto {
    pub status: OrderStatus,
    pub label: String,
    /// Working days; 0 for none.
    pub working_days: u32,
}

/// A coordinator's saved filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedFilterDto {
    pub id: i32,
    pub name: String,
    /// The query string, without the leading `?`.
    pub query: String,
}

/// What the filter form offers, as `(id, name)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueOptions {
    pub administrations: Vec<(i32, String)>,
    pub suppliers: Vec<(i32, String)>,
    pub categories: Vec<(i32, String)>,
}

/// The coordinators' workspace under a filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub filter: QueueFilter,
    pub queues: Vec<QueueCount>,
    /// The orders of an order queue (empty in the deviations queue).
    pub rows: Vec<QueueRow>,
    /// The deviations queue's deviations (empty in an order queue).
    pub deviations: Vec<DeviationRow>,
    /// The cursor of the next page, when there is one.
    pub next_cursor: Option<String>,
    pub options: QueueOptions,
    pub targets: Vec<TargetDto>,
    /// Whether the caller may change the targets (administrators).
    pub may_set_targets: bool,
    pub saved: Vec<SavedFilterDto>,
}

/// One entry of a deviation's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviationNoteDto {
    pub author: String,
    pub at: DateTime<Utc>,
    /// `Anmäld`, `Kommentar`, `Eskalerad`, `Åtgärdad`.
    pub what: String,
    pub body: String,
}

/// A deviation on an order. The requester gets the public part: kind,
/// note, state and dates (`owner` and `history` empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviationDto {
    pub id: i32,
    pub kind: String,
    pub note: String,
    pub state: String,
    pub open: bool,
    pub escalated: bool,
    pub raised_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution: Option<String>,
    pub owner: String,
    pub history: Vec<DeviationNoteDto>,
}

/// The deviations of an order as the caller may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDeviations {
    /// Whether the caller coordinates (sees everything and may act).
    pub coordinator: bool,
    /// Whether the caller may raise and handle deviations on this order
    /// (a coordinator not its requester or recipient).
    pub may_handle: bool,
    /// Whether the caller has taken the order.
    pub taken_by_me: bool,
    /// Who has taken the order, if anyone (coordinators only).
    pub taken_by: Option<String>,
    pub deviations: Vec<DeviationDto>,
    /// `(id, name)` of the coordinators, to choose an owner from.
    pub coordinators: Vec<(i32, String)>,
}

/// A category's figure in a month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryFigure {
    pub count: u64,
    /// Of the month's total, as a decimal fraction (0.0–1.0; 0 for an
    /// empty month).
    pub share: f64,
}

/// One month of the automation statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonthFigures {
    /// `2026-11`.
    pub month: String,
    /// Orders delivered in the month.
    pub total: u64,
    /// By category: `automatiserad_leverans`, `automatiserad_sjalvservice`,
    /// `automatiserad_order`, `ej_automatiserad` (each always present).
    pub categories: std::collections::BTreeMap<String, CategoryFigure>,
}

/// `GET /api/v1/statistics/automation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AutomationReport {
    pub months: Vec<MonthFigures>,
}

/// Lead times of one group of delivered orders (or supplier parts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadRow {
    pub label: String,
    pub lead: crate::domain::automation::LeadTimes,
}

/// `/statistik` for one month, with the twelve months up to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatisticsPage {
    /// `2026-11`.
    pub month: String,
    /// `november 2026`.
    pub month_label: String,
    /// The twelve months up to and including `month`, oldest first.
    pub trend: Vec<MonthFigures>,
    /// Lead times of the month's orders per category, then all of them.
    pub by_category: Vec<LeadRow>,
    /// Lead times of the month's supplier parts per supplier.
    pub by_supplier: Vec<LeadRow>,
    /// The months that have deliveries, newest first (for the month picker).
    pub months: Vec<(String, String)>,
}
