//! The plan being edited, as a state model without components: every field
//! its own signal (typing in one goal re-renders that goal alone), the
//! numbers as typed, and everything the page does with them — add, remove
//! and reorder needs, goals and forums (goals' need references follow their
//! needs), the live roll-up, the document to save or the first field that
//! is wrong, and the snapshot autosave compares. The page's components in
//! `super::plan` only draw it and call it.
//!
//! Its rows are in [`rows`]. The plain parts have no signals: [`typed`]
//! reads and writes the number fields, [`save`] is the autosave's state and
//! the conflict's summary.

mod rows;
mod save;
pub(crate) mod typed;

#[cfg(test)]
mod tests;

pub use rows::{CellRow, ForumRow, GoalRow, NeedRow, PartyRow};
pub use save::{describe_changes, SaveState};

use crate::domain::plan::{self, Activity, GoalCost, PlanSettings, RollUp};
use crate::plans::dto::{renumber_needs, ActivityGoal, FinancingParty, Forum, PlanContent, PlanTable, Staffing};
use chrono::NaiveDate;
use leptos::prelude::*;

/// What autosave compares to notice a change: the document as it would be
/// saved (or the first field that is wrong) and the settings as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    document: Result<PlanContent, (String, &'static str, &'static str)>,
    settings: [String; 3],
}

/// A plan period: its first and last day, each optional.
pub type Period = (Option<NaiveDate>, Option<NaiveDate>);

/// The whole editable plan.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The period's first and last day as typed (`2027-01-01`).
    pub period_start: RwSignal<String>,
    pub period_end: RwSignal<String>,
    pub background: RwSignal<String>,
    pub purpose: RwSignal<String>,
    pub target_group: RwSignal<String>,
    pub object_description: RwSignal<String>,
    pub products: RwSignal<String>,
    pub current_state: RwSignal<String>,
    pub organisation: RwSignal<String>,
    pub projects: RwSignal<String>,
    pub needs: RwSignal<Vec<NeedRow>>,
    /// The plan's overall goals, and one per activity in `Activity::ALL` order.
    pub overall_goals: RwSignal<String>,
    pub activity_goals: [RwSignal<String>; 4],
    pub goals: RwSignal<Vec<GoalRow>>,
    pub forums: RwSignal<Vec<ForumRow>>,
    pub financing: RwSignal<Vec<PartyRow>>,
    /// The tables: projects, the organisation, IT services, integrations.
    pub project_list: RwSignal<Vec<CellRow>>,
    pub staffing: RwSignal<Vec<CellRow>>,
    pub it_services: RwSignal<Vec<CellRow>>,
    pub integrations: RwSignal<Vec<CellRow>>,
    created: StoredValue<usize>,
    pub rate_business: RwSignal<String>,
    pub rate_it: RwSignal<String>,
    pub days_per_fte: RwSignal<String>,
}

impl Editor {
    pub fn new(c: &PlanContent, settings: PlanSettings) -> Editor {
        Editor::with_goals(c, settings, c.goals.iter().map(GoalRow::from).collect())
    }

    /// The editor for the server's render of the page, without its goals:
    /// the server draws them from the plan as loaded
    /// ([`super::plan`]'s goals section), since a plan may have hundreds
    /// and each row is ten signals, and it never edits or saves. The
    /// browser builds the whole editor with [`Editor::new`] as it hydrates.
    pub fn for_server_render(c: &PlanContent, settings: PlanSettings) -> Editor {
        Editor::with_goals(c, settings, Vec::new())
    }

    fn with_goals(c: &PlanContent, settings: PlanSettings, goals: Vec<GoalRow>) -> Editor {
        Editor {
            rate_business: RwSignal::new(typed::amount_text(settings.day_rate_business)),
            rate_it: RwSignal::new(typed::amount_text(settings.day_rate_it)),
            days_per_fte: RwSignal::new(settings.days_per_fte.to_string()),
            period_start: RwSignal::new(date_text(c.period_start)),
            period_end: RwSignal::new(date_text(c.period_end)),
            background: RwSignal::new(c.background.clone()),
            purpose: RwSignal::new(c.purpose.clone()),
            target_group: RwSignal::new(c.target_group.clone()),
            object_description: RwSignal::new(c.object_description.clone()),
            products: RwSignal::new(c.products.clone()),
            current_state: RwSignal::new(c.current_state.clone()),
            organisation: RwSignal::new(c.organisation.clone()),
            projects: RwSignal::new(c.projects.clone()),
            needs: RwSignal::new(c.needs.iter().map(NeedRow::from).collect()),
            overall_goals: RwSignal::new(c.overall_goals.clone()),
            activity_goals: Activity::ALL.map(|a| RwSignal::new(c.activity_goal(a).to_owned())),
            goals: RwSignal::new(goals),
            forums: RwSignal::new(c.forums.iter().map(ForumRow::from).collect()),
            financing: RwSignal::new(c.financing.iter().map(PartyRow::from).collect()),
            project_list: RwSignal::new(c.project_list.iter().map(CellRow::from).collect()),
            staffing: RwSignal::new(c.staffing.iter().map(CellRow::from).collect()),
            it_services: RwSignal::new(c.it_services.iter().map(CellRow::from).collect()),
            integrations: RwSignal::new(c.integrations.iter().map(CellRow::from).collect()),
            created: StoredValue::new(0),
        }
    }

    /// Replaces everything with another version of the plan. Rows that
    /// exist in both keep their place on screen and take the new values.
    pub fn load(&self, c: &PlanContent, settings: PlanSettings) {
        self.rate_business.set(typed::amount_text(settings.day_rate_business));
        self.rate_it.set(typed::amount_text(settings.day_rate_it));
        self.days_per_fte.set(settings.days_per_fte.to_string());
        self.period_start.set(date_text(c.period_start));
        self.period_end.set(date_text(c.period_end));
        self.background.set(c.background.clone());
        self.purpose.set(c.purpose.clone());
        self.target_group.set(c.target_group.clone());
        self.object_description.set(c.object_description.clone());
        self.products.set(c.products.clone());
        self.current_state.set(c.current_state.clone());
        self.organisation.set(c.organisation.clone());
        self.projects.set(c.projects.clone());
        self.overall_goals.set(c.overall_goals.clone());
        for (a, text) in Activity::ALL.into_iter().zip(self.activity_goals) {
            text.set(c.activity_goal(a).to_owned());
        }
        let old_goals = self.goals.get_untracked();
        let goals = c
            .goals
            .iter()
            .map(|g| {
                match old_goals
                    .iter()
                    .find(|o| o.id.get_value() == g.id && o.activity == g.activity)
                {
                    Some(row) => {
                        row.set_from(g);
                        *row
                    }
                    None => GoalRow::from(g),
                }
            })
            .collect();
        self.goals.set(goals);
        let old_needs = self.needs.get_untracked();
        let needs = c
            .needs
            .iter()
            .map(|n| match old_needs.iter().find(|o| o.id.get_value() == n.id) {
                Some(row) => {
                    row.set_from(n);
                    *row
                }
                None => NeedRow::from(n),
            })
            .collect();
        self.needs.set(needs);
        let old_forums = self.forums.get_untracked();
        let forums = c
            .forums
            .iter()
            .map(|f| match old_forums.iter().find(|o| o.id.get_value() == f.id) {
                Some(row) => {
                    row.set_from(f);
                    *row
                }
                None => ForumRow::from(f),
            })
            .collect();
        self.forums.set(forums);
        let old_parties = self.financing.get_untracked();
        let parties = c
            .financing
            .iter()
            .map(|p| match old_parties.iter().find(|o| o.id.get_value() == p.id) {
                Some(row) => {
                    row.set_from(p);
                    *row
                }
                None => PartyRow::from(p),
            })
            .collect();
        self.financing.set(parties);
        self.project_list
            .set(rows::reload(&self.project_list.get_untracked(), &c.project_list));
        self.staffing
            .set(rows::reload(&self.staffing.get_untracked(), &c.staffing));
        self.it_services
            .set(rows::reload(&self.it_services.get_untracked(), &c.it_services));
        self.integrations
            .set(rows::reload(&self.integrations.get_untracked(), &c.integrations));
    }

    /// Adds an empty need last.
    pub fn add_need(&self) {
        let id = self.new_id();
        self.needs.update(|v| v.push(NeedRow::empty(id)));
    }

    /// The need's number on screen (1-based); 0 once it is removed.
    pub fn need_number(&self, n: NeedRow) -> usize {
        self.needs
            .get()
            .iter()
            .position(|x| x.id.get_value() == n.id.get_value())
            .map(|i| i + 1)
            .unwrap_or(0)
    }

    /// Moves need number `k` (1-based) up or down one place; the goals'
    /// references follow their needs.
    pub fn move_need(&self, k: usize, delta: isize) {
        let len = self.needs.with_untracked(Vec::len);
        let target = k as isize + delta;
        if k == 0 || target < 1 || target as usize > len {
            return;
        }
        let t = target as usize;
        self.needs.update(|v| v.swap(k - 1, t - 1));
        self.renumber(|n| {
            Some(if n == k {
                t
            } else if n == t {
                k
            } else {
                n
            })
        });
    }

    /// Removes need number `k` (1-based); references to it are dropped and
    /// later numbers move up one.
    pub fn remove_need(&self, k: usize) {
        if k == 0 {
            return;
        }
        self.needs.update(|v| {
            if k <= v.len() {
                v.remove(k - 1);
            }
        });
        self.renumber(|n| match n {
            n if n == k => None,
            n if n > k => Some(n - 1),
            n => Some(n),
        });
    }

    /// Rewrites every goal's need references that `map` changes.
    fn renumber(&self, map: impl Fn(usize) -> Option<usize> + Copy) {
        for g in self.goals.get_untracked() {
            let before = g.needs.get_untracked();
            let after = renumber_needs(&before, map);
            if after != before {
                g.needs.set(after);
            }
        }
    }

    /// Adds an empty VM goal last in `activity`.
    pub fn add_goal(&self, activity: Activity) {
        let id = self.new_id();
        self.goals.update(|v| v.push(GoalRow::new(activity, id)));
    }

    /// The goals of one activity, in their order.
    pub fn goals_in(&self, activity: Activity) -> Vec<GoalRow> {
        self.goals
            .get()
            .into_iter()
            .filter(|g| g.activity == activity)
            .collect()
    }

    /// The goal's number within its activity (1-based); 0 once it is
    /// removed. No allocation: a plan may have hundreds of goals and every
    /// label asks.
    pub fn goal_number(&self, g: GoalRow) -> usize {
        self.goals.with(|all| {
            all.iter()
                .filter(|x| x.activity == g.activity)
                // Same row: the same stored value (compared by identity).
                .position(|x| x.id == g.id)
                .map(|i| i + 1)
                .unwrap_or(0)
        })
    }

    /// Moves a goal up or down one place among its activity's goals.
    pub fn move_goal(&self, g: GoalRow, delta: isize) {
        self.goals.update(|v| {
            let same: Vec<usize> = v
                .iter()
                .enumerate()
                .filter(|(_, x)| x.activity == g.activity)
                .map(|(i, _)| i)
                .collect();
            let Some(k) = same.iter().position(|i| v[*i].id.get_value() == g.id.get_value()) else {
                return;
            };
            let target = k as isize + delta;
            if target >= 0 && (target as usize) < same.len() {
                v.swap(same[k], same[target as usize]);
            }
        })
    }

    pub fn remove_goal(&self, g: GoalRow) {
        self.goals
            .update(|v| v.retain(|x| x.id.get_value() != g.id.get_value()));
    }

    /// Adds an empty working forum last.
    pub fn add_forum(&self) {
        let id = self.new_id();
        self.forums.update(|v| {
            v.push(ForumRow::from(&Forum {
                id,
                kind: "arbete".into(),
                ..Default::default()
            }))
        });
    }

    pub fn remove_forum(&self, f: ForumRow) {
        self.forums
            .update(|v| v.retain(|x| x.id.get_value() != f.id.get_value()));
    }

    /// Adds a financing party last, with no name and no share.
    pub fn add_party(&self) {
        let id = self.new_id();
        self.financing.update(|v| {
            v.push(PartyRow {
                id: StoredValue::new(id),
                name: RwSignal::new(String::new()),
                share: RwSignal::new(String::new()),
            })
        });
    }

    pub fn remove_party(&self, p: PartyRow) {
        self.financing
            .update(|v| v.retain(|x| x.id.get_value() != p.id.get_value()));
    }

    /// Adds an empty row last to `table`, a table of `T`s.
    pub fn add_row<T: PlanTable>(&self, table: RwSignal<Vec<CellRow>>) {
        let id = self.new_id();
        table.update(|v| v.push(CellRow::of(id, vec![String::new(); T::COLUMNS.len()])));
    }

    pub fn remove_row(&self, table: RwSignal<Vec<CellRow>>, row: CellRow) {
        table.update(|v| v.retain(|x| x.id.get_value() != row.id.get_value()));
    }

    /// The shares of full-time posts in the organisation's table as typed,
    /// summed, in hundredths of a per cent (what does not parse counts as
    /// zero).
    pub fn staffed(&self) -> u64 {
        let fte = Staffing::COLUMNS
            .iter()
            .position(|c| c.kind == crate::plans::dto::CellKind::Fte)
            .unwrap_or(0);
        self.staffing.with(|rows| {
            rows.iter()
                .map(|r| {
                    r.cell(fte)
                        .with(|t| crate::plans::dto::parse_fte(t).ok().flatten().unwrap_or(0))
                })
                .map(u64::from)
                .sum()
        })
    }

    /// The live cost split of `total` at the shares as typed: each party's
    /// amount, or why the shares cannot split it.
    pub fn split(&self, total: crate::domain::money::Sek) -> Result<Vec<crate::domain::money::Sek>, String> {
        let shares: Vec<u32> = self.financing.get().iter().map(PartyRow::share_or_zero).collect();
        crate::domain::cost_split::split_or_problem(total, &shares)
    }

    /// An id for a new row, unique on this page.
    fn new_id(&self) -> String {
        self.created.update_value(|n| *n += 1);
        new_id(self.created.get_value())
    }

    /// The settings as typed, or the first field that is wrong.
    pub fn settings(&self) -> Result<PlanSettings, (&'static str, String)> {
        typed::settings(&self.rate_business.get(), &self.rate_it.get(), &self.days_per_fte.get())
    }

    pub fn costs(&self) -> Vec<GoalCost> {
        self.goals.get().iter().map(GoalRow::cost).collect()
    }

    /// The totals of the goals as typed at `settings` (zero if a sum
    /// overflows; the save refuses such a plan).
    pub fn roll_up(&self, settings: PlanSettings) -> RollUp {
        plan::roll_up(&self.costs(), settings).unwrap_or_default()
    }

    /// The plan period as typed, or the field and why it cannot be read.
    /// It reads the two date fields alone: the period's error messages ask
    /// on every change, and must not read the whole plan to answer.
    pub fn period(&self) -> Result<Period, (&'static str, &'static str)> {
        let date = |typed: RwSignal<String>, field: &'static str| {
            typed.with(|t| match t.trim() {
                "" => Ok(None),
                d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| (field, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-01.")),
            })
        };
        let start = date(self.period_start, "period_start")?;
        let end = date(self.period_end, "period_end")?;
        match (start, end) {
            (Some(s), Some(e)) if e < s => Err(("period_end", "Planperioden kan inte sluta innan den börjar.")),
            _ => Ok((start, end)),
        }
    }

    /// The document to save, or the goal and field that is wrong.
    pub fn content(&self) -> Result<PlanContent, (String, &'static str, &'static str)> {
        let goals = self
            .goals
            .get()
            .iter()
            .map(|g| g.parse().map_err(|(f, m)| (g.id.get_value(), f, m)))
            .collect::<Result<Vec<_>, _>>()?;
        let (period_start, period_end) = self
            .period()
            .map_err(|(field, message)| ("period".to_owned(), field, message))?;
        Ok(PlanContent {
            period_start,
            period_end,
            background: self.background.get(),
            purpose: self.purpose.get(),
            target_group: self.target_group.get(),
            object_description: self.object_description.get(),
            products: self.products.get(),
            current_state: self.current_state.get(),
            needs: self.needs.get().iter().map(NeedRow::need).collect(),
            overall_goals: self.overall_goals.get(),
            activity_goals: Activity::ALL
                .into_iter()
                .zip(self.activity_goals)
                .map(|(activity, text)| ActivityGoal {
                    activity,
                    text: text.get(),
                })
                .filter(|g| !g.text.trim().is_empty())
                .collect(),
            goals,
            organisation: self.organisation.get(),
            forums: self.forums.get().iter().map(ForumRow::forum).collect(),
            projects: self.projects.get(),
            project_list: table(self.project_list)?,
            staffing: table(self.staffing)?,
            it_services: table(self.it_services)?,
            integrations: table(self.integrations)?,
            financing: self
                .financing
                .get()
                .iter()
                .map(|p| p.parse().map_err(|m| (p.id.get_value(), "share", m)))
                .collect::<Result<Vec<FinancingParty>, _>>()?,
        })
    }

    /// What a save sends, or why it cannot: the message of the first wrong
    /// goal field, else of the first wrong setting.
    pub fn draft(&self) -> Result<(PlanContent, PlanSettings), String> {
        match (self.content(), self.settings()) {
            (Err((_, _, message)), _) => Err(message.to_owned()),
            (_, Err((_, message))) => Err(message),
            (Ok(content), Ok(settings)) => Ok((content, settings)),
        }
    }

    /// What the plan looks like now, for noticing changes.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            document: self.content(),
            settings: [self.rate_business.get(), self.rate_it.get(), self.days_per_fte.get()],
        }
    }
}

/// The rows of `table`, or the row, column and why the first wrong cell
/// cannot be read.
fn table<T: PlanTable>(table: RwSignal<Vec<CellRow>>) -> Result<Vec<T>, (String, &'static str, &'static str)> {
    table.with(|rows| {
        rows.iter()
            .map(|r| {
                r.parse::<T>()
                    .map_err(|(i, m)| (r.id.get_value(), T::COLUMNS[i].field, m))
            })
            .collect()
    })
}

/// A date as its field shows it: `2027-01-01`, empty for none.
fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A new row's id: the page's counter, salted in the browser with the time,
/// so rows added after a reload do not take the ids of rows saved before.
fn new_id(n: usize) -> String {
    #[cfg(feature = "hydrate")]
    let salt = js_sys::Date::now() as u64;
    #[cfg(not(feature = "hydrate"))]
    let salt = 0u64;
    format!("m{salt:x}-{n}")
}
