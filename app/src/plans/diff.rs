//! What changed between two plans (two revisions, or this year and last):
//! goals added, removed and changed, and money and FTE per activity. Pure,
//! so it runs wherever the plans are.

use super::dto::{Goal, PlanContent};
use crate::domain::money::Sek;
use crate::domain::plan::{self, Activity, Cell, PlanSettings};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn label_sv(self) -> &'static str {
        match self {
            ChangeKind::Added => "Nytt",
            ChangeKind::Removed => "Borttaget",
            ChangeKind::Changed => "Ändrat",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalChange {
    pub kind: ChangeKind,
    pub activity: Activity,
    pub text: String,
    /// For a changed goal: what changed, e.g. `dagar IT 10 → 15`.
    pub details: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delta {
    pub before: Cell,
    pub after: Cell,
}

impl Delta {
    pub fn kronor(&self) -> Sek {
        Sek::from_ore(self.after.kronor.ore() - self.before.kronor.ore())
    }

    /// The change in kronor with its sign, as the percentage has it:
    /// `+56 000 kr`, `−5 401 200 kr` (the minus sign), `±0 kr`.
    pub fn kronor_change(&self) -> String {
        let ore = self.kronor().ore();
        let sign = match ore.signum() {
            1 => "+",
            -1 => "−",
            _ => "±",
        };
        format!("{sign}{}", Sek::from_ore(ore.abs()))
    }

    /// The change in kronor as a Swedish percentage with one decimal
    /// (`+12,5 %`), or `ny` when there was nothing before.
    pub fn percent(&self) -> String {
        let (b, a) = (self.before.kronor.ore(), self.after.kronor.ore());
        if b == 0 {
            return if a == 0 { "±0,0 %".into() } else { "ny".into() };
        }
        // Tenths of a percent, rounded half away from zero.
        let tenths = ((a - b) as i128 * 1000 * 2 + (b as i128).signum() * (a - b).signum() as i128 * b as i128)
            / (2 * b as i128);
        let sign = if tenths > 0 {
            "+"
        } else if tenths < 0 {
            "−"
        } else {
            "±"
        };
        let t = tenths.abs();
        format!("{sign}{},{} %", t / 10, t % 10)
    }

    pub fn fte_change(&self) -> String {
        let d = self.after.fte.hundredths() - self.before.fte.hundredths();
        let sign = if d > 0 {
            "+"
        } else if d < 0 {
            "−"
        } else {
            "±"
        };
        format!("{sign}{},{:02}", d.abs() / 100, d.abs() % 100)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDiff {
    pub goals: Vec<GoalChange>,
    pub activities: Vec<(Activity, Delta)>,
    pub total: Delta,
    /// Text sections that differ, by Swedish name.
    pub sections: Vec<String>,
}

fn details(a: &Goal, b: &Goal) -> Vec<String> {
    let mut out = Vec::new();
    if a.text != b.text {
        out.push("texten".into());
    }
    if a.class != b.class {
        out.push(format!("{} → {}", a.class.label_sv(), b.class.label_sv()));
    }
    if a.needs != b.needs {
        out.push(format!("behov {} → {}", dash(&a.needs), dash(&b.needs)));
    }
    for (label, x, y) in [
        ("dagar verksamhet", a.days_business, b.days_business),
        ("dagar IT", a.days_it, b.days_it),
    ] {
        if x != y {
            out.push(format!("{label} {x} → {y}"));
        }
    }
    for (label, x, y) in [
        ("fast kostnad verksamhet", a.fixed_business, b.fixed_business),
        ("fast kostnad IT", a.fixed_it, b.fixed_it),
    ] {
        if x != y {
            out.push(format!("{label} {x} → {y}"));
        }
    }
    out
}

fn dash(s: &str) -> &str {
    if s.trim().is_empty() {
        "–"
    } else {
        s
    }
}

/// `before` → `after`. Goals are matched by their id, which a new revision
/// and next year's copy keep.
pub fn diff(
    before: &PlanContent,
    before_settings: PlanSettings,
    after: &PlanContent,
    after_settings: PlanSettings,
) -> PlanDiff {
    let mut goals = Vec::new();
    for g in &after.goals {
        match before.goals.iter().find(|b| b.id == g.id) {
            None => goals.push(GoalChange {
                kind: ChangeKind::Added,
                activity: g.activity,
                text: g.text.clone(),
                details: vec![],
            }),
            Some(b) => {
                let d = details(b, g);
                if !d.is_empty() {
                    goals.push(GoalChange {
                        kind: ChangeKind::Changed,
                        activity: g.activity,
                        text: g.text.clone(),
                        details: d,
                    });
                }
            }
        }
    }
    for b in &before.goals {
        if !after.goals.iter().any(|g| g.id == b.id) {
            goals.push(GoalChange {
                kind: ChangeKind::Removed,
                activity: b.activity,
                text: b.text.clone(),
                details: vec![],
            });
        }
    }
    goals.sort_by_key(|g| g.activity);
    let r0 = plan::roll_up(&before.costs(), before_settings).unwrap_or_default();
    let r1 = plan::roll_up(&after.costs(), after_settings).unwrap_or_default();
    let activities = Activity::ALL
        .into_iter()
        .map(|a| {
            (
                a,
                Delta {
                    before: r0.activity_total(a),
                    after: r1.activity_total(a),
                },
            )
        })
        .collect();
    let sections = changed_sections(before, after).into_iter().map(str::to_owned).collect();
    PlanDiff {
        goals,
        activities,
        total: Delta {
            before: r0.total,
            after: r1.total,
        },
        sections,
    }
}

/// The chapters other than the goals whose content differs between two
/// versions of a plan, in the plan's order.
pub fn changed_sections(before: &PlanContent, after: &PlanContent) -> Vec<&'static str> {
    let intro = |c: &PlanContent| {
        (
            c.period_start,
            c.period_end,
            [&c.background, &c.purpose, &c.target_group].map(String::clone),
        )
    };
    let overall = |c: &PlanContent| (c.overall_goals.clone(), c.activity_goals.clone());
    [
        (
            "Finansiering och fördelningsnyckel",
            before.financing != after.financing,
        ),
        ("Inledning", intro(before) != intro(after)),
        (
            "Objektbeskrivning",
            before.object_description != after.object_description,
        ),
        ("Förvaltningsprodukter", before.products != after.products),
        ("IT-tjänster och servicenivåer", before.it_services != after.it_services),
        ("Integrationer", before.integrations != after.integrations),
        ("Nulägesbeskrivning", before.current_state != after.current_state),
        ("Problem och behov", before.needs != after.needs),
        ("Övergripande mål", overall(before) != overall(after)),
        (
            "Organisation",
            (&before.staffing, &before.organisation) != (&after.staffing, &after.organisation),
        ),
        ("Beslutsfora och arbetsfora", before.forums != after.forums),
        (
            "Projekt och kända förändringar",
            (&before.project_list, &before.projects) != (&after.project_list, &after.projects),
        ),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .map(|(label, _)| label)
    .collect()
}

#[cfg(test)]
mod tests;
