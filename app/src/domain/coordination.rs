//! The coordinators' rules: the queues of the workspace, when an order is
//! overdue in its status (target times in working days), and deviations
//! (*avvikelser*) — their kinds and how they move from open to resolved.

use super::calendar::{add_working_days, working_days_between};
use super::orders::OrderStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The statuses an order is still being worked in, in the order of its
/// life: the queues of the workspace.
pub const OPEN: [OrderStatus; 6] = [
    OrderStatus::AwaitingAttestation,
    OrderStatus::Attested,
    OrderStatus::SentToSupplier,
    OrderStatus::Confirmed,
    OrderStatus::Shipped,
    OrderStatus::Delivered,
];

/// Whether an order in status `s` is in the workspace's queues (worked
/// from awaiting attestation until delivered; not a draft or an order not
/// yet routed, nor one that has ended).
pub fn in_queues(s: OrderStatus) -> bool {
    OPEN.contains(&s)
}

/// A queue of the workspace, as the address names it (`?ko=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Queue {
    /// Every open order but the delivered ones.
    Open,
    /// Orders in one status.
    Status(OrderStatus),
    /// Orders waiting for attestation that nobody may attest.
    Unassigned,
    /// Open and escalated deviations.
    Deviations,
}

impl Queue {
    /// The queues in the order the workspace shows them.
    pub fn all() -> Vec<Queue> {
        let mut out = vec![Queue::Open, Queue::Unassigned];
        out.extend(OPEN.iter().map(|s| Queue::Status(*s)));
        out.push(Queue::Deviations);
        out
    }

    pub fn code(self) -> &'static str {
        match self {
            Queue::Open => "oppna",
            Queue::Status(s) => s.as_str(),
            Queue::Unassigned => "saknar_attestant",
            Queue::Deviations => "avvikelser",
        }
    }

    /// The queue `code` names; the open orders for an empty code, `None`
    /// for an unknown one.
    pub fn parse(code: &str) -> Option<Queue> {
        match code.trim() {
            "" | "oppna" => Some(Queue::Open),
            "saknar_attestant" => Some(Queue::Unassigned),
            "avvikelser" => Some(Queue::Deviations),
            other => OPEN.iter().find(|s| s.as_str() == other).map(|s| Queue::Status(*s)),
        }
    }

    pub fn label_sv(self) -> &'static str {
        match self {
            Queue::Open => "Alla pågående",
            Queue::Status(s) => s.label_sv(),
            Queue::Unassigned => "Saknar attestant",
            Queue::Deviations => "Avvikelser",
        }
    }

    /// The statuses of the orders in this queue.
    pub fn statuses(self) -> Vec<OrderStatus> {
        match self {
            Queue::Open => OPEN[..OPEN.len() - 1].to_vec(),
            Queue::Status(s) => vec![s],
            Queue::Unassigned => vec![OrderStatus::AwaitingAttestation],
            Queue::Deviations => Vec::new(),
        }
    }
}

/// Whole working days an order has been in its status since `since`, on
/// `today`.
pub fn age(since: NaiveDate, today: NaiveDate) -> u32 {
    working_days_between(since, today)
}

/// Whether an order in its status since `since` has passed a target of
/// `target` working days on `today`: it has been there `target` full
/// working days or more. A target of 0 means no target.
pub fn overdue(since: NaiveDate, today: NaiveDate, target: u32) -> bool {
    target > 0 && age(since, today) >= target
}

/// The first day an order could have entered its status and not be
/// overdue on `today` with a target of `target` (≥ 1) working days: it is
/// overdue exactly when it entered before this day. One date to compare
/// with in a query, instead of a computation per row.
pub fn overdue_before(today: NaiveDate, target: u32) -> NaiveDate {
    // `working_days_between(d, today) >= n` exactly when
    // `today > add_working_days(d, n)`, and that holds for every day
    // before the first day where it fails.
    let mut day = today;
    while let Some(prev) = day.pred_opt() {
        if today > add_working_days(prev, target) {
            return day;
        }
        day = prev;
    }
    day
}

/// What kind of deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationKind {
    WrongItem,
    Delayed,
    Damaged,
    WrongAddress,
    Invoice,
    Other,
}

impl DeviationKind {
    pub const ALL: [DeviationKind; 6] = [
        DeviationKind::WrongItem,
        DeviationKind::Delayed,
        DeviationKind::Damaged,
        DeviationKind::WrongAddress,
        DeviationKind::Invoice,
        DeviationKind::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            DeviationKind::WrongItem => "wrong_item",
            DeviationKind::Delayed => "delayed",
            DeviationKind::Damaged => "damaged",
            DeviationKind::WrongAddress => "wrong_address",
            DeviationKind::Invoice => "invoice",
            DeviationKind::Other => "other",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            DeviationKind::WrongItem => "Fel artikel",
            DeviationKind::Delayed => "Försenad",
            DeviationKind::Damaged => "Skadad",
            DeviationKind::WrongAddress => "Fel adress",
            DeviationKind::Invoice => "Fakturaavvikelse",
            DeviationKind::Other => "Övrigt",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// Where a deviation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationState {
    Open,
    Escalated,
    Resolved,
}

impl DeviationState {
    pub const ALL: [DeviationState; 3] = [
        DeviationState::Open,
        DeviationState::Escalated,
        DeviationState::Resolved,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            DeviationState::Open => "open",
            DeviationState::Escalated => "escalated",
            DeviationState::Resolved => "resolved",
        }
    }

    pub const fn label_sv(self) -> &'static str {
        match self {
            DeviationState::Open => "Öppen",
            DeviationState::Escalated => "Eskalerad",
            DeviationState::Resolved => "Åtgärdad",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub const fn is_open(self) -> bool {
        !matches!(self, DeviationState::Resolved)
    }
}

/// What someone does to a deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationStep {
    Comment,
    Escalate,
    Resolve,
}

impl DeviationStep {
    pub const ALL: [DeviationStep; 3] = [DeviationStep::Comment, DeviationStep::Escalate, DeviationStep::Resolve];

    pub const fn as_str(self) -> &'static str {
        match self {
            DeviationStep::Comment => "comment",
            DeviationStep::Escalate => "escalate",
            DeviationStep::Resolve => "resolve",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// The state a deviation in `state` goes to by `step`, or why it cannot:
/// a resolved deviation is final; an escalated one is not escalated again.
pub fn deviation_step(state: DeviationState, step: DeviationStep) -> Result<DeviationState, &'static str> {
    use DeviationState::*;
    use DeviationStep::*;
    match (state, step) {
        (Resolved, _) => Err("Avvikelsen är redan åtgärdad."),
        (Escalated, Escalate) => Err("Avvikelsen är redan eskalerad."),
        (s, Comment) => Ok(s),
        (Open, Escalate) => Ok(Escalated),
        (_, Resolve) => Ok(Resolved),
    }
}

#[cfg(test)]
mod tests;
