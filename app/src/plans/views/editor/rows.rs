//! One row of the plan as it is being edited (a goal, a forum, a need, a
//! financing party, a row of one of its tables):
//! every field its own signal, the numbers as typed.

use super::typed;
use crate::domain::cost_split;
use crate::domain::money::Sek;
use crate::domain::plan::{Activity, Days, GoalClass, GoalCost};
use crate::plans::dto::{FinancingParty, Forum, Goal, Need, PlanTable};
use leptos::prelude::*;

/// One goal as it is being edited: every field its own signal, the
/// numbers as typed.
#[derive(Clone, Copy)]
pub struct GoalRow {
    pub id: StoredValue<String>,
    pub activity: Activity,
    pub class: RwSignal<GoalClass>,
    pub text: RwSignal<String>,
    pub needs: RwSignal<String>,
    pub days_business: RwSignal<String>,
    pub days_it: RwSignal<String>,
    pub fixed_business: RwSignal<String>,
    pub fixed_it: RwSignal<String>,
    /// Whether its fields are open for editing. A plan may have hundreds
    /// of goals: each is shown as one summary line until it is opened.
    /// A goal added in the browser starts open.
    pub open: RwSignal<bool>,
}

impl GoalRow {
    pub(super) fn from(g: &Goal) -> GoalRow {
        GoalRow {
            id: StoredValue::new(g.id.clone()),
            activity: g.activity,
            class: RwSignal::new(g.class),
            text: RwSignal::new(g.text.clone()),
            needs: RwSignal::new(g.needs.clone()),
            days_business: RwSignal::new(typed::days_text(g.days_business)),
            days_it: RwSignal::new(typed::days_text(g.days_it)),
            fixed_business: RwSignal::new(typed::money_text(g.fixed_business)),
            fixed_it: RwSignal::new(typed::money_text(g.fixed_it)),
            open: RwSignal::new(false),
        }
    }

    pub(super) fn set_from(&self, g: &Goal) {
        self.class.set(g.class);
        self.text.set(g.text.clone());
        self.needs.set(g.needs.clone());
        self.days_business.set(typed::days_text(g.days_business));
        self.days_it.set(typed::days_text(g.days_it));
        self.fixed_business.set(typed::money_text(g.fixed_business));
        self.fixed_it.set(typed::money_text(g.fixed_it));
    }

    /// A new, empty VM goal.
    pub(super) fn new(activity: Activity, id: String) -> GoalRow {
        let row = GoalRow::from(&Goal {
            id,
            activity,
            class: GoalClass::Vm,
            text: String::new(),
            needs: String::new(),
            days_business: Days::ZERO,
            days_it: Days::ZERO,
            fixed_business: Sek::ZERO,
            fixed_it: Sek::ZERO,
        });
        row.open.set(true);
        row
    }

    /// The goal, or the first field that does not parse.
    pub fn parse(&self) -> Result<Goal, (&'static str, &'static str)> {
        if let Some(problem) = self.problem() {
            return Err(problem);
        }
        let c = self.cost();
        Ok(Goal {
            id: self.id.get_value(),
            activity: self.activity,
            class: c.class,
            text: self.text.get(),
            needs: self.needs.get(),
            days_business: c.days_business,
            days_it: c.days_it,
            fixed_business: c.fixed_business,
            fixed_it: c.fixed_it,
        })
    }

    /// The first number field that does not parse, and why, in the order of
    /// the form. Text, class and need references cannot be wrong, so the
    /// check reads only the numbers, without copying them.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let days = |s: RwSignal<String>, f: &'static str| s.with(|v| typed::days_problem(v).map(|m| (f, m)));
        let money = |s: RwSignal<String>, f: &'static str| s.with(|v| typed::money_problem(v).map(|m| (f, m)));
        days(self.days_business, "days_business")
            .or_else(|| days(self.days_it, "days_it"))
            .or_else(|| money(self.fixed_business, "fixed_business"))
            .or_else(|| money(self.fixed_it, "fixed_it"))
    }

    /// Its cost for the live roll-up; a field that does not parse counts as zero.
    pub fn cost(&self) -> GoalCost {
        let days = |s: RwSignal<String>| s.with(|v| typed::days_or_zero(v));
        let money = |s: RwSignal<String>| s.with(|v| typed::money_or_zero(v));
        GoalCost {
            activity: self.activity,
            class: self.class.get(),
            days_business: days(self.days_business),
            days_it: days(self.days_it),
            fixed_business: money(self.fixed_business),
            fixed_it: money(self.fixed_it),
        }
    }
}

/// A forum as it is being edited.
#[derive(Clone, Copy)]
pub struct ForumRow {
    pub id: StoredValue<String>,
    pub kind: RwSignal<String>,
    pub name: RwSignal<String>,
    pub purpose: RwSignal<String>,
    pub participants: RwSignal<String>,
    pub frequency: RwSignal<String>,
    pub convener: RwSignal<String>,
}

impl ForumRow {
    pub(super) fn from(f: &Forum) -> ForumRow {
        ForumRow {
            id: StoredValue::new(f.id.clone()),
            kind: RwSignal::new(f.kind.clone()),
            name: RwSignal::new(f.name.clone()),
            purpose: RwSignal::new(f.purpose.clone()),
            participants: RwSignal::new(f.participants.clone()),
            frequency: RwSignal::new(f.frequency.clone()),
            convener: RwSignal::new(f.convener.clone()),
        }
    }

    pub(super) fn set_from(&self, f: &Forum) {
        self.kind.set(f.kind.clone());
        self.name.set(f.name.clone());
        self.purpose.set(f.purpose.clone());
        self.participants.set(f.participants.clone());
        self.frequency.set(f.frequency.clone());
        self.convener.set(f.convener.clone());
    }

    pub fn forum(&self) -> Forum {
        Forum {
            id: self.id.get_value(),
            kind: self.kind.get(),
            name: self.name.get(),
            purpose: self.purpose.get(),
            participants: self.participants.get(),
            frequency: self.frequency.get(),
            convener: self.convener.get(),
        }
    }
}

/// A financing party as it is being edited: its share as typed.
#[derive(Clone, Copy)]
pub struct PartyRow {
    pub id: StoredValue<String>,
    pub name: RwSignal<String>,
    pub share: RwSignal<String>,
}

impl PartyRow {
    pub(super) fn from(p: &FinancingParty) -> PartyRow {
        PartyRow {
            id: StoredValue::new(p.id.clone()),
            name: RwSignal::new(p.name.clone()),
            share: RwSignal::new(cost_split::share_text(p.share)),
        }
    }

    pub(super) fn set_from(&self, p: &FinancingParty) {
        self.name.set(p.name.clone());
        self.share.set(cost_split::share_text(p.share));
    }

    /// The party to save, or why its share cannot be read.
    pub fn parse(&self) -> Result<FinancingParty, &'static str> {
        Ok(FinancingParty {
            id: self.id.get_value(),
            name: self.name.get(),
            share: cost_split::parse_share(&self.share.get())?,
        })
    }

    /// The share for the live split: what does not parse counts as zero.
    pub fn share_or_zero(&self) -> u32 {
        cost_split::parse_share(&self.share.get()).unwrap_or(0)
    }
}

/// A need as it is being edited; its number is its place in the list.
#[derive(Clone, Copy)]
pub struct NeedRow {
    pub id: StoredValue<String>,
    pub title: RwSignal<String>,
    pub text: RwSignal<String>,
    /// "Ingår ej i planen".
    pub excluded: RwSignal<bool>,
    /// "Finansieras utanför förvaltningen".
    pub financed_elsewhere: RwSignal<bool>,
}

impl NeedRow {
    pub(super) fn empty(id: String) -> NeedRow {
        NeedRow::from(&Need {
            id,
            ..Default::default()
        })
    }

    pub(super) fn set_from(&self, n: &Need) {
        self.title.set(n.title.clone());
        self.text.set(n.text.clone());
        self.excluded.set(n.excluded);
        self.financed_elsewhere.set(n.financed_elsewhere);
    }

    pub(super) fn need(&self) -> Need {
        Need {
            id: self.id.get_value(),
            title: self.title.get(),
            text: self.text.get(),
            excluded: self.excluded.get(),
            financed_elsewhere: self.financed_elsewhere.get(),
        }
    }

    /// Listed, but not answered by the plan's goals.
    pub fn flagged(&self) -> bool {
        self.excluded.get() || self.financed_elsewhere.get()
    }
}

impl From<&Need> for NeedRow {
    fn from(n: &Need) -> NeedRow {
        NeedRow {
            id: StoredValue::new(n.id.clone()),
            title: RwSignal::new(n.title.clone()),
            text: RwSignal::new(n.text.clone()),
            excluded: RwSignal::new(n.excluded),
            financed_elsewhere: RwSignal::new(n.financed_elsewhere),
        }
    }
}

/// A row of one of the plan's tables (projects, organisation, IT services,
/// integrations) as it is being edited: its cells as typed, in the order of
/// its type's [`PlanTable::COLUMNS`].
#[derive(Clone, Copy)]
pub struct CellRow {
    pub id: StoredValue<String>,
    pub cells: StoredValue<Vec<RwSignal<String>>>,
}

impl CellRow {
    pub(super) fn from<T: PlanTable>(row: &T) -> CellRow {
        CellRow::of(row.id().to_owned(), row.cells())
    }

    pub(super) fn of(id: String, cells: Vec<String>) -> CellRow {
        CellRow {
            id: StoredValue::new(id),
            cells: StoredValue::new(cells.into_iter().map(RwSignal::new).collect()),
        }
    }

    /// Cell `i`'s signal.
    pub fn cell(&self, i: usize) -> RwSignal<String> {
        self.cells.with_value(|c| c[i])
    }

    /// The cells as typed (tracked).
    pub fn texts(&self) -> Vec<String> {
        self.cells.with_value(|c| c.iter().map(|s| s.get()).collect())
    }

    pub(super) fn set_from<T: PlanTable>(&self, row: &T) {
        for (signal, text) in self.cells.get_value().into_iter().zip(row.cells()) {
            if signal.get_untracked() != text {
                signal.set(text);
            }
        }
    }

    /// The row, or the column that is wrong and why.
    pub fn parse<T: PlanTable>(&self) -> Result<T, (usize, &'static str)> {
        T::from_cells(self.id.get_value(), &self.texts())
    }
}

/// `rows` as the editor holds them, keeping the rows of `old` with the same
/// id (and their place on screen).
pub(super) fn reload<T: PlanTable>(old: &[CellRow], rows: &[T]) -> Vec<CellRow> {
    rows.iter()
        .map(|r| match old.iter().find(|o| o.id.get_value() == r.id()) {
            Some(row) => {
                row.set_from(r);
                *row
            }
            None => CellRow::from(r),
        })
        .collect()
}
