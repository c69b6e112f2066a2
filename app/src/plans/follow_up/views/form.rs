//! The follow-up form's state: each goal's status and comment and the
//! indicators as typed, what a save sends, and what the save is doing.

use crate::domain::follow_up::{Comparison, GoalStatus, Measure};
use crate::domain::plan::Activity;
use crate::plans::follow_up::dto::*;
use crate::plans::views::editor::typed;
use leptos::prelude::*;

#[cfg(test)]
mod tests;

/// An indicator as typed.
#[derive(Clone, Copy)]
pub struct IndicatorRow {
    pub id: StoredValue<String>,
    pub name: RwSignal<String>,
    pub budget: RwSignal<String>,
    pub outcome: RwSignal<String>,
    pub target: RwSignal<String>,
    pub comparison: RwSignal<Comparison>,
}

impl IndicatorRow {
    fn from(i: &Indicator) -> IndicatorRow {
        let text = |m: Option<Measure>| m.map(Measure::to_input).unwrap_or_default();
        IndicatorRow {
            id: StoredValue::new(i.id.clone()),
            name: RwSignal::new(i.name.clone()),
            budget: RwSignal::new(text(i.budget)),
            outcome: RwSignal::new(text(i.outcome)),
            target: RwSignal::new(text(i.target)),
            comparison: RwSignal::new(i.comparison),
        }
    }

    /// The indicator, or the first field that cannot be read with why.
    pub fn parse(&self) -> Result<Indicator, (&'static str, &'static str)> {
        let read = |f: &'static str, s: RwSignal<String>| Measure::parse(&s.get()).map_err(|m| (f, m));
        Ok(Indicator {
            id: self.id.get_value(),
            name: self.name.get(),
            budget: read("budget", self.budget)?,
            outcome: read("outcome", self.outcome)?,
            target: read("target", self.target)?,
            comparison: self.comparison.get(),
        })
    }
}

/// What an activity used in the period, as typed.
#[derive(Clone, Copy)]
pub struct ActualRow {
    pub activity: Activity,
    pub days_business: RwSignal<String>,
    pub days_it: RwSignal<String>,
    pub kronor: RwSignal<String>,
}

impl ActualRow {
    fn set_from(&self, a: &Actual) {
        self.days_business.set(typed::days_text(a.days_business));
        self.days_it.set(typed::days_text(a.days_it));
        self.kronor.set(typed::money_text(a.kronor));
    }

    /// The first field that cannot be read and why, in the form's order.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let days = |s: RwSignal<String>, f: &'static str| s.with(|v| typed::days_problem(v).map(|m| (f, m)));
        days(self.days_business, "days_business")
            .or_else(|| days(self.days_it, "days_it"))
            .or_else(|| self.kronor.with(|v| typed::money_problem(v).map(|m| ("kronor", m))))
    }

    /// The row as typed; what does not parse counts as nothing (the save
    /// refuses it first).
    pub fn actual(&self) -> Actual {
        Actual {
            activity: self.activity,
            days_business: self.days_business.with(|v| typed::days_or_zero(v)),
            days_it: self.days_it.with(|v| typed::days_or_zero(v)),
            kronor: self.kronor.with(|v| typed::money_or_zero(v)),
        }
    }
}

/// A goal's report as typed.
#[derive(Clone, Copy)]
pub struct GoalRow {
    pub id: StoredValue<String>,
    pub status: RwSignal<GoalStatus>,
    pub comment: RwSignal<String>,
}

/// The whole form: the goals' reports and the indicators.
#[derive(Clone, Copy)]
pub struct Form {
    pub goals: RwSignal<Vec<GoalRow>>,
    pub indicators: RwSignal<Vec<IndicatorRow>>,
    /// One per activity, in `Activity::ALL` order.
    pub actuals: [ActualRow; 4],
    created: StoredValue<usize>,
}

impl Form {
    pub fn new(c: &FollowUpContent) -> Form {
        let f = Form {
            goals: RwSignal::new(vec![]),
            indicators: RwSignal::new(vec![]),
            actuals: Activity::ALL.map(|activity| ActualRow {
                activity,
                days_business: RwSignal::new(String::new()),
                days_it: RwSignal::new(String::new()),
                kronor: RwSignal::new(String::new()),
            }),
            created: StoredValue::new(0),
        };
        f.load(c);
        f
    }

    /// Replaces everything with another version (the other person's).
    pub fn load(&self, c: &FollowUpContent) {
        self.goals.set(
            c.goals
                .iter()
                .map(|g| GoalRow {
                    id: StoredValue::new(g.goal_id.clone()),
                    status: RwSignal::new(g.status),
                    comment: RwSignal::new(g.comment.clone()),
                })
                .collect(),
        );
        self.indicators
            .set(c.indicators.iter().map(IndicatorRow::from).collect());
        for row in self.actuals {
            row.set_from(&c.actual(row.activity));
        }
    }

    /// The document to save, or which indicator is wrong and why.
    pub fn content(&self) -> Result<FollowUpContent, String> {
        let mut indicators = vec![];
        for (i, row) in self.indicators.get().iter().enumerate() {
            match row.parse() {
                Ok(ind) if ind.name.trim().is_empty() => return Err(format!("Indikator {} saknar namn.", i + 1)),
                Ok(ind) => indicators.push(ind),
                Err((_, m)) => return Err(format!("Indikator {}: {m}", i + 1)),
            }
        }
        for row in self.actuals {
            if let Some((_, m)) = row.problem() {
                return Err(format!("Utfall för {}: {m}", row.activity.in_sentence()));
            }
        }
        Ok(FollowUpContent {
            actuals: self
                .actuals
                .iter()
                .map(ActualRow::actual)
                .filter(|a| *a != Actual::none(a.activity))
                .collect(),
            goals: self
                .goals
                .get()
                .iter()
                .map(|g| GoalReport {
                    goal_id: g.id.get_value(),
                    status: g.status.get(),
                    comment: g.comment.get(),
                })
                .collect(),
            indicators,
        })
    }

    /// Adds an empty indicator last.
    pub fn add_indicator(&self) {
        let n = self.created.get_value() + 1;
        self.created.set_value(n);
        let id = format!("ny-{}-{n}", chrono::Utc::now().timestamp_millis());
        self.indicators.update(|v| {
            v.push(IndicatorRow::from(&Indicator {
                id,
                ..Default::default()
            }))
        });
    }
}

/// What the save button's status line shows.
#[derive(Clone, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved(chrono::DateTime<chrono::Utc>),
    Failed(String),
    Conflict(Box<FollowUpDto>),
}
