//! Attestation rules: who an order waits for (routing and escalation), who
//! may never attest it (segregation of duties), and the states of an
//! order's attestation. Pure; the attest service feeds it what the database
//! holds and writes what it answers.

use super::money::Sek;
use serde::{Deserialize, Serialize};

/// How far up the organisation an attester sits, seen from the order's cost
/// centre: its own cost centre, another cost centre of the same unit, or
/// another unit of the same förvaltning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    CostCenter,
    Unit,
    Administration,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::CostCenter, Level::Unit, Level::Administration];

    pub const fn code(self) -> i32 {
        match self {
            Level::CostCenter => 0,
            Level::Unit => 1,
            Level::Administration => 2,
        }
    }

    pub fn from_code(code: i32) -> Option<Level> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            Level::CostCenter => "kostnadsställets attestant",
            Level::Unit => "enhetens attestant",
            Level::Administration => "förvaltningens attestant",
        }
    }
}

/// The state of an order's attestation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttestState {
    /// Waiting for its attesters.
    Waiting,
    /// Nobody is eligible: in the coordinators' queue, "saknar attestant".
    Unassigned,
    /// Attested at submit by an auto-approval rule.
    AutoApproved,
    Approved,
    Rejected,
    /// Withdrawn by the requester before a decision.
    Withdrawn,
}

impl AttestState {
    pub const ALL: [AttestState; 6] = [
        AttestState::Waiting,
        AttestState::Unassigned,
        AttestState::AutoApproved,
        AttestState::Approved,
        AttestState::Rejected,
        AttestState::Withdrawn,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            AttestState::Waiting => "waiting",
            AttestState::Unassigned => "unassigned",
            AttestState::AutoApproved => "auto_approved",
            AttestState::Approved => "approved",
            AttestState::Rejected => "rejected",
            AttestState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still open for a decision (or a withdrawal).
    pub const fn is_open(self) -> bool {
        matches!(self, AttestState::Waiting | AttestState::Unassigned)
    }
}

/// What routing needs to know about an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFacts {
    pub requester_id: i32,
    pub recipient_id: i32,
    /// Total commitment: one-off + monthly × binding months.
    pub amount: Sek,
    /// Charged to a cost centre of the requester's own unit.
    pub own_cost_center: bool,
    /// The item kinds on the order's lines (`domain::catalog` kind codes).
    pub item_kinds: Vec<String>,
}

/// Someone holding valid attest rights near the order's cost centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub person_id: i32,
    pub level: Level,
    pub limit: Sek,
}

/// An admin's auto-approval rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoRule {
    pub id: i32,
    pub name: String,
    pub max_commitment: Sek,
    pub own_cost_center_only: bool,
    /// Kind codes an order may contain; empty: any kind.
    pub item_kinds: Vec<String>,
}

impl AutoRule {
    pub fn matches(&self, order: &OrderFacts) -> bool {
        order.amount <= self.max_commitment
            && (!self.own_cost_center_only || order.own_cost_center)
            && (self.item_kinds.is_empty() || order.item_kinds.iter().all(|k| self.item_kinds.contains(k)))
    }

    /// The reason recorded on an order this rule attested.
    pub fn reason(&self) -> String {
        format!("Automatiskt attesterad enligt regeln ”{}”.", self.name)
    }
}

/// Where a submitted order goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Attested at once by this rule.
    Auto { rule_id: i32, reason: String },
    /// Waits for these attesters (sorted, at least one) at this level.
    Attesters { level: Level, people: Vec<i32> },
    /// Nobody is eligible: to the coordinators' queue.
    NoAttester,
}

/// Why `person` may never attest `order`, if so (segregation of duties:
/// not the requester, not the recipient, in no capacity).
pub fn conflict_of_interest(order: &OrderFacts, person_id: i32) -> Option<&'static str> {
    if person_id == order.requester_id {
        Some("Du har själv beställt den här beställningen och kan inte attestera den.")
    } else if person_id == order.recipient_id {
        Some("Beställningen är till dig och du kan inte attestera den.")
    } else {
        None
    }
}

/// Whether `c` may attest `order`: limit covers the amount and no conflict
/// of interest.
pub fn eligible(order: &OrderFacts, c: &Candidate) -> bool {
    c.limit >= order.amount && conflict_of_interest(order, c.person_id).is_none()
}

/// The eligible attesters at the lowest level at or above `from` that has
/// any; `NoAttester` when no level has one.
fn first_level_from(order: &OrderFacts, candidates: &[Candidate], from: Level) -> Route {
    for level in Level::ALL.into_iter().filter(|l| *l >= from) {
        let mut people: Vec<i32> = candidates
            .iter()
            .filter(|c| c.level == level && eligible(order, c))
            .map(|c| c.person_id)
            .collect();
        people.sort_unstable();
        people.dedup();
        if !people.is_empty() {
            return Route::Attesters { level, people };
        }
    }
    Route::NoAttester
}

/// Routing at submit: (1) the first active auto-approval rule that matches;
/// (2) otherwise the cost centre's attesters whose limit covers the amount;
/// (3) otherwise up the organisation (unit, then förvaltning) to the first
/// level with such an attester; (4) otherwise nobody: `NoAttester`.
pub fn route(order: &OrderFacts, rules: &[AutoRule], candidates: &[Candidate]) -> Route {
    if let Some(rule) = rules.iter().find(|r| r.matches(order)) {
        return Route::Auto {
            rule_id: rule.id,
            reason: rule.reason(),
        };
    }
    first_level_from(order, candidates, Level::CostCenter)
}

/// Escalation of an order waiting at `current` for `waiting_for`: the
/// eligible attesters of the next level up that has any, other than those
/// it already waits for (an attester of the cost centre who also attests
/// the unit is not "up"). `None` when there is no such level (the order
/// keeps waiting where it is).
pub fn escalate(order: &OrderFacts, candidates: &[Candidate], current: Level, waiting_for: &[i32]) -> Option<Route> {
    let next = Level::ALL.into_iter().find(|l| *l > current)?;
    let others: Vec<Candidate> = candidates
        .iter()
        .filter(|c| !waiting_for.contains(&c.person_id))
        .copied()
        .collect();
    match first_level_from(order, &others, next) {
        Route::NoAttester => None,
        r => Some(r),
    }
}

/// A decision on an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

impl Decision {
    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "approve" => Some(Decision::Approve),
            "reject" => Some(Decision::Reject),
            _ => None,
        }
    }

    pub const fn state(self) -> AttestState {
        match self {
            Decision::Approve => AttestState::Approved,
            Decision::Reject => AttestState::Rejected,
        }
    }
}

/// The longest comment a decision takes, in characters.
pub const MAX_COMMENT: usize = 2_000;

/// The decision's comment, checked: required on reject, at most
/// [`MAX_COMMENT`] characters.
pub fn check_comment(decision: Decision, comment: &str) -> Result<String, &'static str> {
    let c = comment.trim();
    if decision == Decision::Reject && c.is_empty() {
        return Err("Skriv varför beställningen avslås.");
    }
    if c.chars().count() > MAX_COMMENT {
        return Err("Kommentaren får vara högst 2 000 tecken.");
    }
    Ok(c.to_owned())
}

#[cfg(test)]
mod tests;
