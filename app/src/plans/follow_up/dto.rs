//! Follow-up types shared by the browser, the server and the CSV.

use crate::domain::follow_up::{fulfilment, Comparison, Fulfilment, GoalStatus, Measure, Period};
use crate::plans::dto::{Goal, PlanRef};
use serde::{Deserialize, Serialize};

/// A goal's status and comment in one period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GoalReport {
    /// The plan goal's id (stable across revisions).
    pub goal_id: String,
    pub status: GoalStatus,
    pub comment: String,
}

/// An indicator of the object: what is measured, the accumulated budget and
/// outcome up to the period, and the target value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    /// Hundredths, −10¹⁴ to 10¹⁴ (the form's bounds, checked as the
    /// indicator deserializes); `null` when not reported.
    #[serde(default, deserialize_with = "crate::domain::follow_up::deserialize_entered")]
    pub budget: Option<Measure>,
    #[serde(default, deserialize_with = "crate::domain::follow_up::deserialize_entered")]
    pub outcome: Option<Measure>,
    #[serde(default, deserialize_with = "crate::domain::follow_up::deserialize_entered")]
    pub target: Option<Measure>,
    /// How the outcome is held against the target: a share of it (absent in
    /// indicators saved before comparisons existed), or `≥ > ≤ <`.
    #[serde(default)]
    pub comparison: Comparison,
}

impl Indicator {
    pub fn fulfilment(&self) -> Option<Fulfilment> {
        fulfilment(self.outcome, self.target, self.comparison)
    }

    /// The target as shown: `≤ 5`; "–" when none is set.
    pub fn target_text(&self) -> String {
        self.target
            .map(|t| self.comparison.target_text(t))
            .unwrap_or_else(|| "–".into())
    }
}

/// The follow-up document of an object for one period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FollowUpContent {
    pub goals: Vec<GoalReport>,
    pub indicators: Vec<Indicator>,
}

impl FollowUpContent {
    /// The report on a goal; a goal nobody has reported on is "ej påbörjad".
    pub fn report_of(&self, goal_id: &str) -> GoalReport {
        self.goals
            .iter()
            .find(|g| g.goal_id == goal_id)
            .cloned()
            .unwrap_or_else(|| GoalReport {
                goal_id: goal_id.to_owned(),
                ..Default::default()
            })
    }
}

/// An object's follow-up page: the adopted plan's goals and what has been
/// reported on them for the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpDto {
    pub object_id: i32,
    pub object_name: String,
    pub family: String,
    pub period: Period,
    /// The adopted plan revision followed up.
    pub plan: PlanRef,
    pub goals: Vec<Goal>,
    pub content: FollowUpContent,
    /// 0 until the period's follow-up is first saved.
    pub version: i32,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_by: String,
    /// Statuses and indicators prefilled from an earlier period, not yet saved.
    pub carried_from: Option<Period>,
    pub can_edit: bool,
    /// The periods of the year with a saved follow-up.
    pub reported: Vec<Period>,
}

/// The answer to a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpSaved {
    Saved {
        version: i32,
        updated_at: chrono::DateTime<chrono::Utc>,
    },
    /// Someone else saved first; nothing was written.
    Conflict(Box<FollowUpDto>),
}

/// A goal in the region-wide report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportGoal {
    pub text: String,
    /// `VM` or `VU`.
    pub class: String,
    pub status: GoalStatus,
    pub comment: String,
}

/// One activity kind of an object in the report (objektstyrning, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportKind {
    pub kind: String,
    pub goals: Vec<ReportGoal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportObject {
    pub object_id: i32,
    pub name: String,
    /// The adopted plan followed up, if the year has one.
    pub plan_id: Option<i32>,
    /// Whether the period's follow-up has been saved.
    pub reported: bool,
    pub updated_by: String,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
    pub kinds: Vec<ReportKind>,
    pub indicators: Vec<Indicator>,
    /// The plan's projects and known changes (development projects with
    /// owner and funding).
    pub projects: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFamily {
    pub name: String,
    pub objects: Vec<ReportObject>,
}

/// The region-wide follow-up report for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpReport {
    pub period: Period,
    pub families: Vec<ReportFamily>,
    /// Goals per status, in `GoalStatus::ALL` order.
    pub status_counts: [u32; 4],
    pub objects_reported: u32,
    pub objects_with_plan: u32,
}
