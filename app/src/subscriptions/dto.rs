//! What the subscription and charging pages and the API exchange with the
//! server.

use crate::domain::money::Sek;
use crate::domain::subscriptions::SubscriptionStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One subscription in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubscriptionRow {
    pub id: i32,
    pub service: String,
    /// The monthly price in öre, frozen from the order.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub monthly: Sek,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub status: SubscriptionStatus,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub binding_end: Option<NaiveDate>,
    /// The user's name.
    pub user: Option<String>,
    /// The customer's cost centre now: code and name.
    pub cost_center: String,
    /// The asset it belongs to, if any: id and tag.
    pub asset: Option<(i32, String)>,
}

/// The list's filter as the address carries it (`/prenumerationer?status=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionFilter {
    /// A part of the service's name, or (for keepers) the user's.
    pub q: String,
    /// A `SubscriptionStatus` code.
    pub status: String,
    /// A cost centre's code.
    pub cost_center: String,
    /// Where the previous page ended.
    pub cursor: String,
}

/// A page of subscriptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionPage {
    pub filter: SubscriptionFilter,
    pub rows: Vec<SubscriptionRow>,
    pub next_cursor: Option<String>,
    /// The caller keeps the register (sees every subscription).
    pub manager: bool,
    /// The monthly sum of the active and terminated ones on this page.
    pub monthly_total: Sek,
}

/// One change in a subscription's history: the same shape as an asset's.
pub type SubscriptionChangeDto = crate::assets::dto::AssetChangeDto;

/// A subscription with its history and what terminating it would mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionDetail {
    pub row: SubscriptionRow,
    pub article_number: String,
    /// The cost centre credited, code and name, and the accounts.
    pub service_cost_center: Option<String>,
    pub revenue_account: String,
    pub expense_account: String,
    pub notice_months: i32,
    pub order_id: Option<i32>,
    pub order_number: Option<String>,
    /// The customer cost centre charged from a later month, if a transfer
    /// is waiting: (month, code and name).
    pub next_cost_center: Option<(String, String)>,
    /// The earliest day it may end if terminated today (none once
    /// terminated).
    pub earliest_end: Option<NaiveDate>,
    /// The caller may terminate it (its user or a keeper, not yet
    /// terminated).
    pub may_terminate: bool,
    pub version: i32,
    pub history: Vec<SubscriptionChangeDto>,
}

/// A month's charging status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Not run yet.
    NotRun,
    /// Run; may be run again.
    Open,
    /// Frozen: handed to the finance system.
    Closed,
}

impl RunStatus {
    pub const fn label_sv(self) -> &'static str {
        match self {
            RunStatus::NotRun => "Inte körd",
            RunStatus::Open => "Öppen",
            RunStatus::Closed => "Stängd",
        }
    }
}

/// One charge line: what a customer cost centre pays for a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChargeLineDto {
    /// The customer's cost centre code and name.
    pub cost_center_code: String,
    pub cost_center_name: String,
    pub administration: Option<String>,
    pub article_number: String,
    pub service: String,
    /// The cost centre credited (the service's), by code.
    pub service_cost_center_code: Option<String>,
    pub revenue_account: String,
    pub expense_account: String,
    pub subscriptions: i32,
    /// Active days summed over the subscriptions.
    pub days: i64,
    /// In öre.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub amount: Sek,
}

/// A total of a month: per cost centre or per förvaltning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChargeTotal {
    /// `51120 IT-support och arbetsplats`, or the förvaltning's name.
    pub label: String,
    pub subscriptions: i32,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub amount: Sek,
}

/// A month's charging as the page and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChargeMonth {
    /// `2026-11`
    pub period: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub status: RunStatus,
    pub run_at: Option<DateTime<Utc>>,
    pub run_by: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<String>,
    pub subscriptions: i32,
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub total: Sek,
    pub per_administration: Vec<ChargeTotal>,
    pub per_cost_center: Vec<ChargeTotal>,
    /// The lines, by cost centre and service (the page shows the first
    /// `LINES_SHOWN`; the CSV has them all).
    pub lines: Vec<ChargeLineDto>,
    pub line_count: usize,
    /// How partial months are charged, in words.
    pub proration: String,
    /// The month may be run (again) now, and closed.
    pub may_run: bool,
    pub may_close: bool,
}

/// Lines the page shows of a month; the CSV and the API have them all.
pub const LINES_SHOWN: usize = 500;

/// The CSV layout for the finance system, column by column (the page and
/// the API documentation show it).
pub const CSV_COLUMNS: [(&str, &str); 13] = [
    ("period", "Månaden, ÅÅÅÅ-MM"),
    ("kundens_kostnadsstalle", "Kostnadsstället som debiteras (kod)"),
    ("kundens_kostnadsstalle_namn", "Dess namn"),
    ("forvaltning", "Förvaltningen kostnadsstället hör till"),
    ("artikelnummer", "Tjänstens artikelnummer i katalogen"),
    ("tjanst", "Tjänstens namn"),
    ("tjanstens_kostnadsstalle", "Kostnadsstället som krediteras (kod)"),
    ("intaktskonto", "Intäktskonto hos tjänstens kostnadsställe"),
    ("kostnadskonto", "Kostnadskonto hos kunden"),
    ("antal", "Antal prenumerationer"),
    ("dagar", "Aktiva dagar sammanlagt"),
    ("belopp", "Belopp i kronor med decimalkomma, utan tusentalsavgränsare"),
    ("valuta", "Alltid SEK"),
];
