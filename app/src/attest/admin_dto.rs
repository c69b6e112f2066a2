//! What the administration of attest rights and auto-approval rules sends
//! to the browser and the API (never entities).

use crate::domain::money::Sek;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// The columns of the finance system's attest-rights file, in order.
pub const CSV_COLUMNS: [&str; 5] = ["kostnadsstalle", "person", "belopp", "giltig_fran", "giltig_till"];

/// Where an attest right stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RightState {
    /// Valid today.
    Current,
    /// Starts later.
    Coming,
    /// Its last day has passed.
    Ended,
}

impl RightState {
    pub fn of(valid_from: NaiveDate, valid_to: Option<NaiveDate>, today: NaiveDate) -> RightState {
        if valid_to.is_some_and(|t| t < today) {
            RightState::Ended
        } else if valid_from > today {
            RightState::Coming
        } else {
            RightState::Current
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            RightState::Current => "Gäller",
            RightState::Coming => "Kommande",
            RightState::Ended => "Avslutad",
        }
    }
}

/// One attest right: this person may attest orders on this cost centre up
/// to `limit` of total commitment, from `valid_from` to `valid_to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct AttestRightDto {
    pub id: i32,
    pub person_id: i32,
    /// Given and family name.
    pub person: String,
    pub username: String,
    pub cost_center_id: i32,
    /// The finance system's code, e.g. `41210`.
    pub cost_center_code: String,
    pub cost_center_name: String,
    /// The amount limit per order, in öre (total commitment: one-off +
    /// monthly × binding months).
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub limit: Sek,
    pub valid_from: NaiveDate,
    /// The last day it holds; `null`: until further notice.
    pub valid_to: Option<NaiveDate>,
    pub state: RightState,
    /// The caller's own right: another administrator changes it.
    pub mine: bool,
}

/// A filtered list of attest rights, by cost centre code and person name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct RightList {
    pub rights: Vec<AttestRightDto>,
    /// More rights match than were returned: narrow the filter.
    pub truncated: bool,
}

/// What the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightFilter {
    /// A cost centre code, exactly (`41210`).
    pub cost_center: Option<String>,
    /// A username or email address (exactly, any case), or part of a name.
    pub person: Option<String>,
    /// Ended rights too (by default only current and coming ones).
    pub include_ended: bool,
}

/// The add form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightForm {
    /// Username or email address.
    pub person: String,
    /// Cost centre code.
    pub cost_center: String,
    /// The limit in kronor, typed the Swedish way (`50 000`).
    pub limit: String,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
    /// `YYYY-MM-DD` or empty (until further notice).
    pub valid_to: String,
}

/// The change form of one right, as typed (person and cost centre stay).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightChange {
    pub id: i32,
    pub limit: String,
    pub valid_from: String,
    pub valid_to: String,
}

/// One problem of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct RightsProblem {
    /// Line in the file, the header being line 1.
    pub line: u64,
    /// The column's name as in the header (empty for the whole row).
    pub column: String,
    /// What is wrong, in Swedish.
    pub message: String,
}

/// The outcome of an import of attest rights or its dry run. Nothing is
/// written when `problems` is non-empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct RightsImportReport {
    pub dry_run: bool,
    /// Whether the rights were written.
    pub written: bool,
    /// Rows under the header.
    pub rows: u64,
    /// New rights.
    pub created: u64,
    /// Open rights of the same person and cost centre given a new limit or
    /// new dates.
    pub updated: u64,
    pub unchanged: u64,
    pub problems: Vec<RightsProblem>,
}

/// What a replacement (`PUT /api/v1/attest/rights`) did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ReplaceOutcome {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Open rights of the scope not in the list, now ended.
    pub ended: u64,
    /// The scope's current and coming rights afterwards.
    pub rights: Vec<AttestRightDto>,
}

/// An auto-approval rule as the administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoRuleDto {
    pub id: i32,
    pub name: String,
    pub max_commitment: Sek,
    /// Only orders charged to a cost centre of the requester's own unit.
    pub own_cost_center_only: bool,
    /// Item kind codes (`domain::catalog::ItemKind`); empty: any kind.
    pub item_kinds: Vec<String>,
    pub active: bool,
}

/// The form of a new auto-approval rule, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoRuleForm {
    pub name: String,
    /// Kronor, typed the Swedish way.
    pub max_commitment: String,
    pub own_cost_center_only: bool,
    /// Item kind codes; none: any kind.
    pub item_kinds: Vec<String>,
}

/// The body of `PUT /api/v1/attest/rights`: the complete list of open
/// (current and coming) attest rights of one cost centre **or** one person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct RightsReplace {
    /// The cost centre whose rights the list replaces (its code, `41210`).
    #[serde(default)]
    pub cost_center: Option<String>,
    /// The person whose rights the list replaces (username or email).
    #[serde(default)]
    pub person: Option<String>,
    /// Every open right the scope is to have; an empty list ends them all.
    pub rights: Vec<RightItem>,
}

/// One right of a replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct RightItem {
    /// Username or email; may be left out when the scope is a person.
    #[serde(default)]
    pub person: Option<String>,
    /// Cost centre code; may be left out when the scope is a cost centre.
    #[serde(default)]
    pub cost_center: Option<String>,
    /// The amount limit per order in öre: more than 0, at most
    /// 10 000 000 000 (100 000 000 kr).
    pub limit_ore: i64,
    pub valid_from: NaiveDate,
    /// The last day it holds (not in the past); `null` or left out: until
    /// further notice.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
}
