//! What attestation sends to the browser and the API.

use crate::domain::attest::AttestState;
use crate::orders::dto::{OrderDetail, OrderSummary};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An order waiting for the caller's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PendingOrder {
    pub order: OrderSummary,
    /// When it started waiting for attestation.
    pub waiting_since: DateTime<Utc>,
    /// Full working days it has waited (weekends and Swedish public
    /// holidays excluded).
    pub working_days: i64,
    /// Set when the caller decides it as substitute for this attester.
    pub on_behalf_of: Option<String>,
}

/// Whom an order waits for while its attestation is open, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Waiting {
    /// The attesters it waits for (names); empty when nobody may attest it
    /// and it waits in the coordinators' queue.
    pub attesters: Vec<String>,
    pub since: DateTime<Utc>,
}

impl Waiting {
    /// "Erik Johansson sedan 2026-11-30", or the coordinators' queue.
    pub fn label_sv(&self) -> String {
        let since = crate::domain::format::date(self.since.date_naive());
        if self.attesters.is_empty() {
            format!("Koordinatorerna (saknar attestant) sedan {since}")
        } else {
            format!("{} sedan {since}", self.attesters.join(", "))
        }
    }
}

/// Where an order's attestation stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttestationDto {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub state: AttestState,
    /// In Swedish, for people: "Väntar på attest hos Erik Johansson".
    pub summary: String,
    /// The attesters it waits for (names), while it waits.
    pub waiting_for: Vec<String>,
    pub waiting_since: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub on_behalf_of: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub comment: String,
    /// Why it went where it went (the routing step or the auto-approval rule).
    pub reason: String,
}

/// An order as its attester sees it, with what they may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttestView {
    pub order: OrderDetail,
    pub attestation: AttestationDto,
    /// `Ok(on_behalf_of)` when the caller may decide now; otherwise why not.
    pub may_decide: Result<Option<String>, String>,
}

/// The outcome of a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionOutcome {
    pub order_id: i32,
    pub attestation: AttestationDto,
}

/// A substitute an attester has named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubstituteDto {
    pub id: i32,
    pub substitute: String,
    pub substitute_username: String,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
}

/// The caller's substitutes page: whom they named, and for whom they stand in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Substitutes {
    pub mine: Vec<SubstituteDto>,
    /// Attesters the caller stands in for (names and ranges).
    pub for_others: Vec<(String, NaiveDate, NaiveDate)>,
}
