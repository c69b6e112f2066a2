//! Follow-up types shared by the browser, the server and the CSV.

use crate::domain::follow_up::{fulfilment, pro_rata, Comparison, Fulfilment, GoalStatus, Measure, Percent, Period};
use crate::domain::money::Sek;
use crate::domain::plan::{Activity, Column, Days, RollUp};
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

/// What one management activity actually used in the period: person-days
/// on the business and the IT side, and kronor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actual {
    pub activity: Activity,
    /// Tenths of person-days, 0 to 1 000 000 (checked as it deserializes).
    #[serde(deserialize_with = "crate::domain::plan::deserialize_estimate")]
    pub days_business: Days,
    #[serde(deserialize_with = "crate::domain::plan::deserialize_estimate")]
    pub days_it: Days,
    /// Öre, 0 to 1 000 000 000 kr.
    #[serde(deserialize_with = "crate::domain::money::deserialize_entered")]
    pub kronor: Sek,
}

impl Actual {
    pub fn none(activity: Activity) -> Actual {
        Actual {
            activity,
            days_business: Days::ZERO,
            days_it: Days::ZERO,
            kronor: Sek::ZERO,
        }
    }

    pub fn days(&self) -> i64 {
        self.days_business.tenths().saturating_add(self.days_it.tenths())
    }
}

/// The plan's figures of one activity for a period: its part of the year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planned {
    pub activity: Activity,
    pub days_business: Days,
    pub days_it: Days,
    pub kronor: Sek,
}

impl Planned {
    /// The part of the plan's roll-up for `activity` that falls on `months`.
    pub fn of(roll_up: &RollUp, activity: Activity, months: u8) -> Planned {
        let days = |cols: [Column; 2]| {
            let annual: i64 = cols.iter().map(|c| roll_up.cell(activity, *c).days.tenths()).sum();
            Days::from_tenths(pro_rata(annual, months))
        };
        Planned {
            activity,
            days_business: days([Column::BusinessVm, Column::BusinessVu]),
            days_it: days([Column::ItVm, Column::ItVu]),
            kronor: Sek::from_ore(pro_rata(roll_up.activity_total(activity).kronor.ore(), months)),
        }
    }

    pub fn days(&self) -> i64 {
        self.days_business.tenths().saturating_add(self.days_it.tenths())
    }
}

/// The follow-up document of an object for one period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FollowUpContent {
    pub goals: Vec<GoalReport>,
    pub indicators: Vec<Indicator>,
    /// What each activity used in the period (at most one each; absent in
    /// follow-ups saved before actuals were reported).
    #[serde(default)]
    pub actuals: Vec<Actual>,
}

impl FollowUpContent {
    /// What `activity` used in the period (nothing if not reported).
    pub fn actual(&self, activity: Activity) -> Actual {
        self.actuals
            .iter()
            .find(|a| a.activity == activity)
            .copied()
            .unwrap_or_else(|| Actual::none(activity))
    }

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
    /// The plan's figures for the period, per activity in `Activity::ALL` order.
    pub planned: Vec<Planned>,
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

/// An object's staffing to date in the report: the person-days its plan
/// pays for up to the period's end against those reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingRow {
    pub object_id: i32,
    pub name: String,
    pub family: String,
    /// Tenths of person-days.
    pub planned_days: i64,
    pub actual_days: i64,
    pub planned_kronor: Sek,
    pub actual_kronor: Sek,
    /// Actual days in percent of planned; unknown without planned days.
    pub staffed: Option<Percent>,
}

/// A family's line in the report's overview: its objects, how many have an
/// adopted plan and have reported the period, and their goals per status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilySummary {
    pub id: i32,
    pub name: String,
    pub objects: u32,
    pub with_plan: u32,
    pub reported: u32,
    /// Goals per status, in `GoalStatus::ALL` order.
    pub status_counts: [u32; 4],
}

/// Which objects' goals the report's page shows: a page of the objects of
/// one family, or of all, in the report's order (family, then name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPaging {
    /// The family chosen, if one.
    pub family: Option<i32>,
    /// The page shown, from 1.
    pub page: u32,
    pub pages: u32,
    /// The place of the page's first object among the chosen ones, from 1
    /// (0 when there are none).
    pub first: u32,
    /// Objects on the page.
    pub shown: u32,
    /// Objects chosen, on every page.
    pub total: u32,
}

/// The region-wide follow-up report for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpReport {
    pub period: Period,
    /// Every family with its counts, in the report's order.
    pub overview: Vec<FamilySummary>,
    /// The objects with their goals: every object for the CSV, the chosen
    /// page of them on the report's page (see `paging`).
    pub families: Vec<ReportFamily>,
    /// Which objects `families` holds; `None` when it holds every object.
    pub paging: Option<ReportPaging>,
    /// Goals per status, in `GoalStatus::ALL` order.
    pub status_counts: [u32; 4],
    pub objects_reported: u32,
    pub objects_with_plan: u32,
    /// The objects with an adopted plan, furthest behind their planned
    /// staffing first (on the report's page only the first
    /// `service::STAFFING_SHOWN` of them).
    pub staffing: Vec<StaffingRow>,
    /// How many objects `staffing` has before the page cuts it.
    pub staffing_total: u32,
}
