//! Plan types shared by the browser, the server and the API.

use crate::domain::money::Sek;
use crate::domain::plan::{Activity, Days, GoalClass, GoalCost, PlanSettings, PlanStatus, RollUp};
use crate::domain::roles::ObjectRole;
use serde::{Deserialize, Serialize};

mod tables;
pub use tables::*;

/// A numbered problem or need of the nulägesbeskrivning.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Need {
    /// Stable across edits (the number is the position).
    pub id: String,
    /// At most 200 characters; empty in plans saved before needs had titles.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub title: String,
    /// At most 2 000 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub text: String,
    /// "Ingår ej i planen": listed, but no goal of the plan answers it.
    #[serde(default)]
    pub excluded: bool,
    /// "Finansieras utanför förvaltningen": listed, but paid for elsewhere,
    /// so no goal of the plan answers it either.
    #[serde(default)]
    pub financed_elsewhere: bool,
}

impl Need {
    /// Flagged: listed, but not a source of the plan's goals and totals.
    pub fn flagged(&self) -> bool {
        self.excluded || self.financed_elsewhere
    }
}

/// The overall goal of one management activity, shown above its goals.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityGoal {
    pub activity: Activity,
    /// At most 2 000 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub text: String,
}

/// A goal with its resource estimate.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    pub activity: Activity,
    pub class: GoalClass,
    /// At most 2 000 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub text: String,
    /// The needs it answers, by number: `1, 3`.
    pub needs: String,
    /// Tenths of person-days, 0 to 1 000 000 (the editor's bounds, checked
    /// as the goal deserializes).
    #[serde(deserialize_with = "crate::domain::plan::deserialize_estimate")]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, minimum = 0, maximum = 1_000_000))]
    pub days_business: Days,
    #[serde(deserialize_with = "crate::domain::plan::deserialize_estimate")]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, minimum = 0, maximum = 1_000_000))]
    pub days_it: Days,
    /// Öre, 0 to 1 000 000 000 kr.
    #[serde(deserialize_with = "crate::domain::money::deserialize_entered")]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, minimum = 0, maximum = 100_000_000_000i64))]
    pub fixed_business: Sek,
    #[serde(deserialize_with = "crate::domain::money::deserialize_entered")]
    #[cfg_attr(feature = "ssr", schema(value_type = i64, minimum = 0, maximum = 100_000_000_000i64))]
    pub fixed_it: Sek,
}

impl Goal {
    pub fn cost(&self) -> GoalCost {
        GoalCost {
            activity: self.activity,
            class: self.class,
            days_business: self.days_business,
            days_it: self.days_it,
            fixed_business: self.fixed_business,
            fixed_it: self.fixed_it,
        }
    }
}

/// A decision forum (beslutsforum) or working forum (arbetsforum).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Forum {
    pub id: String,
    /// `beslut` or `arbete`.
    pub kind: String,
    /// This and the fields below: at most 2 000 characters each.
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub name: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub purpose: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub participants: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub frequency: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub convener: String,
}

/// A party that finances the plan (a member municipality, a förvaltning)
/// and its share of the plan's total.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FinancingParty {
    pub id: String,
    /// At most 200 characters.
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub name: String,
    /// Hundredths of a per cent, 1–10 000 (`3 334` = 33,34 %). The plan's
    /// parties add up to 10 000 before it is sent for review.
    #[serde(deserialize_with = "deserialize_share")]
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 10_000))]
    pub share: u32,
}

fn deserialize_share<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let share = u32::deserialize(d)?;
    if (1..=crate::domain::cost_split::WHOLE).contains(&share) {
        Ok(share)
    } else {
        Err(serde::de::Error::custom("Andelen ska vara mer än 0 och högst 100 %."))
    }
}

/// The plan's document: every section the förvaltningsledare writes.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanContent {
    /// The plan's period; a plan need not start on 1 January. Absent in
    /// plans saved before it existed: the calendar year.
    #[serde(default)]
    pub period_start: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub period_end: Option<chrono::NaiveDate>,
    /// Bakgrund, syfte and målgrupp: at most 20 000 characters each; empty
    /// in plans saved before they existed.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub background: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub purpose: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub target_group: String,
    /// The texts: at most 20 000 characters each.
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub object_description: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub products: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub current_state: String,
    /// At most 500.
    #[cfg_attr(feature = "ssr", schema(max_items = 500))]
    pub needs: Vec<Need>,
    /// The plan's overall goals (övergripande mål): at most 20 000
    /// characters; empty in plans saved before it existed.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub overall_goals: String,
    /// One overall goal per management activity (at most one each).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_items = 4))]
    pub activity_goals: Vec<ActivityGoal>,
    /// At most 1 000.
    #[cfg_attr(feature = "ssr", schema(max_items = 1000))]
    pub goals: Vec<Goal>,
    /// The organisation as a table: each PM3 role and who holds it. Absent
    /// in plans saved before it existed.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_items = 200))]
    pub staffing: Vec<Staffing>,
    /// More about the organisation, below its table.
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub organisation: String,
    /// At most 100.
    #[cfg_attr(feature = "ssr", schema(max_items = 100))]
    pub forums: Vec<Forum>,
    /// Projects and known changes affecting the period, as a table. Absent
    /// in plans saved before it existed.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_items = 200))]
    pub project_list: Vec<Project>,
    /// More about projects and changes, below the table.
    #[cfg_attr(feature = "ssr", schema(max_length = 20000))]
    pub projects: String,
    /// The IT services the object consumes, with their service levels.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_items = 200))]
    pub it_services: Vec<ItService>,
    /// The integrations of the object's systems.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_items = 200))]
    pub integrations: Vec<Integration>,
    /// The cost split (fördelningsnyckel): at most 50 parties. Absent in
    /// plans saved before it existed, which have none.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_items = 50))]
    pub financing: Vec<FinancingParty>,
}

/// Rewrites a goal's need references (`1, 3`) after the needs were
/// reordered or one was removed: `map` gives each old number its new one,
/// or `None` for a removed need. Anything that is not a number is kept.
pub fn renumber_needs(refs: &str, map: impl Fn(usize) -> Option<usize>) -> String {
    refs.split([',', ' '])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .filter_map(|n| match n.parse::<usize>() {
            Ok(k) => map(k).map(|m| m.to_string()),
            Err(_) => Some(n.to_owned()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl PlanContent {
    pub fn costs(&self) -> Vec<GoalCost> {
        self.goals.iter().map(Goal::cost).collect()
    }

    /// The overall goal of an activity ("" if none is written).
    pub fn activity_goal(&self, activity: Activity) -> &str {
        self.activity_goals
            .iter()
            .find(|g| g.activity == activity)
            .map_or("", |g| g.text.as_str())
    }

    /// Each financing party's part of `total` (the cost split), or why the
    /// parties cannot split it. No parties: an empty split.
    pub fn split(&self, total: Sek) -> Result<Vec<(String, Sek)>, String> {
        if self.financing.is_empty() {
            return Ok(vec![]);
        }
        let shares: Vec<u32> = self.financing.iter().map(|p| p.share).collect();
        let parts = crate::domain::cost_split::split_or_problem(total, &shares)?;
        Ok(self
            .financing
            .iter()
            .zip(parts)
            .map(|(p, amount)| (p.name.clone(), amount))
            .collect())
    }
}

/// One workflow step.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEventDto {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    pub from: Option<PlanStatus>,
    pub to: PlanStatus,
    pub comment: String,
    /// An approval in review: the role it was given as (on the step to
    /// `faststalld`, the last approval, which adopted the plan).
    #[serde(default)]
    pub approved_as: Option<ObjectRole>,
}

/// One approval of the plan in its review round.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalDto {
    pub role: ObjectRole,
    pub name: String,
    /// The day of the decision, as the approver gave it.
    pub decided_on: chrono::NaiveDate,
    pub comment: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Who adopts the plan (the object family's rule) and who has approved it
/// in its current review round (once adopted: the round that adopted it).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AdoptionDto {
    /// The object roles that must each approve, in order.
    pub required: Vec<ObjectRole>,
    pub approvals: Vec<ApprovalDto>,
}

impl AdoptionDto {
    /// The required roles nobody has approved as yet.
    pub fn waiting(&self) -> Vec<ObjectRole> {
        self.required
            .iter()
            .copied()
            .filter(|r| !self.approvals.iter().any(|a| a.role == *r))
            .collect()
    }
}

/// What the caller may do with this plan.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanRights {
    pub edit: bool,
    pub submit: bool,
    pub decide: bool,
    /// Start a new revision or next year's plan (the object's förvaltningsledare).
    pub revise: bool,
    /// With `decide`: the role the caller's approval is given as, and
    /// whether it is the last one required (it adopts the plan).
    #[serde(default)]
    pub approve_as: Option<ObjectRole>,
    #[serde(default)]
    pub approval_adopts: bool,
    /// Send the plan in review back to its förvaltningsledare (a holder of
    /// a role the family's rule requires).
    #[serde(default)]
    pub send_back: bool,
}

/// A plan revision with everything its page shows.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDto {
    pub id: i32,
    pub object_id: i32,
    pub object_name: String,
    pub family: String,
    pub year: i32,
    pub revision: i32,
    pub status: PlanStatus,
    pub version: i32,
    pub settings: PlanSettings,
    pub content: PlanContent,
    pub roll_up: RollUp,
    pub decided_on: Option<chrono::NaiveDate>,
    pub decision_minutes: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub updated_by: String,
    pub events: Vec<PlanEventDto>,
    pub adoption: AdoptionDto,
    pub rights: PlanRights,
    /// Other revisions of the same object and year, and other years.
    pub revisions: Vec<PlanRef>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRef {
    pub id: i32,
    pub year: i32,
    pub revision: i32,
    pub status: PlanStatus,
}

/// A plan in a list (`GET /api/v1/plans`): which object, year, revision
/// and status, without its document.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanListRow {
    pub id: i32,
    pub object_id: i32,
    pub object_name: String,
    pub year: i32,
    pub revision: i32,
    pub status: PlanStatus,
    /// The plan's total in öre (all activities, business and IT).
    pub total_ore: i64,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A governance object in the list.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectSummary {
    pub id: i32,
    pub name: String,
    /// `Kärnobjekt`, `Stödobjekt` or `IT-objekt`.
    pub class: String,
    pub leaders: Vec<String>,
    pub owners: Vec<String>,
    /// The newest revision of each year, newest year first.
    pub plans: Vec<PlanRef>,
}

/// An object family (objektfamilj) with its objects.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyDto {
    pub id: i32,
    pub name: String,
    pub objects: Vec<ObjectSummary>,
}

/// `/forvaltning`: the families, the caller's own objects, and one page of
/// all objects, filtered by name and family, in family and name order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectsOverview {
    pub families: Vec<FamilyCount>,
    /// The objects the caller has a role on (objektägare, förvaltningsledare…).
    pub mine: Vec<ListedObject>,
    pub rows: Vec<ListedObject>,
    /// Objects that match the filter, on all pages.
    pub total: u64,
    /// This page (from 1) of `pages`.
    pub page: u64,
    pub pages: u64,
}

/// An object family and how many objects it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyCount {
    pub id: i32,
    pub name: String,
    pub objects: u64,
}

/// An object in the overview, with its family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedObject {
    pub family_id: i32,
    pub family: String,
    pub object: ObjectSummary,
}

/// Objects per page of the overview.
pub const OBJECTS_PAGE_SIZE: u64 = 25;

/// An object family's template for new plans: the chapters' starting texts,
/// the forums, and the day rates and days per FTE.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTemplateDto {
    pub family_id: i32,
    pub family: String,
    /// The document a plan made from the template starts with. Its
    /// description and products are the object's own.
    pub content: PlanContent,
    pub settings: PlanSettings,
    /// The object roles that must each approve the family's plans.
    pub adopters: Vec<ObjectRole>,
    /// When an administrator last saved it; none: never saved, the region's
    /// defaults (empty chapters, 5 600 kr a day, 190 days an FTE).
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_by: String,
    /// Administrators keep templates.
    pub can_edit: bool,
}

/// A first plan for an object: its year and whether it starts from the
/// family's template (otherwise empty chapters and the region's defaults).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlan {
    /// 2000–2100.
    #[cfg_attr(feature = "ssr", schema(minimum = 2000, maximum = 2100))]
    pub year: i32,
    #[serde(default)]
    pub from_template: bool,
}

/// A refused save: the plan as the other person left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveConflict {
    pub current: PlanDto,
}

/// The answer to a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaveOutcome {
    Saved {
        version: i32,
        updated_at: chrono::DateTime<chrono::Utc>,
    },
    /// Someone else saved first; nothing was written.
    Conflict(Box<PlanDto>),
}

pub fn class_label(class: &str) -> &'static str {
    super::objects::dto::CLASSES
        .iter()
        .find(|(code, _)| *code == class)
        .map(|(_, label)| *label)
        .unwrap_or("IT-objekt")
}

pub fn role_label(role: &str) -> &'static str {
    role.parse::<crate::domain::roles::ObjectRole>()
        .map(|r| r.label_sv())
        .unwrap_or("Övrig roll")
}

/// Two plans of one object side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub object_name: String,
    pub from: PlanRef,
    pub to: PlanRef,
    pub diff: super::diff::PlanDiff,
}

/// An adopted plan's totals, as the portfolio sums them.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub total: Sek,
    pub vm: Sek,
    pub vu: Sek,
    pub business: Sek,
    pub it: Sek,
    pub fte: crate::domain::plan::Fte,
}

impl Totals {
    /// What a plan stores of its roll-up for the portfolio; `None` if a sum
    /// overflows.
    pub fn checked_of(r: &RollUp) -> Option<Totals> {
        use crate::domain::plan::Column;
        let col = |c: Column| r.column_total(c).kronor;
        Some(Totals {
            total: r.total.kronor,
            vm: col(Column::BusinessVm).checked_add(col(Column::ItVm))?,
            vu: col(Column::BusinessVu).checked_add(col(Column::ItVu))?,
            business: col(Column::BusinessVm).checked_add(col(Column::BusinessVu))?,
            it: col(Column::ItVm).checked_add(col(Column::ItVu))?,
            fte: r.total.fte,
        })
    }

    /// The sum of two plans' totals; `None` if a sum overflows.
    pub fn checked_plus(self, o: Totals) -> Option<Totals> {
        Some(Totals {
            total: self.total.checked_add(o.total)?,
            vm: self.vm.checked_add(o.vm)?,
            vu: self.vu.checked_add(o.vu)?,
            business: self.business.checked_add(o.business)?,
            it: self.it.checked_add(o.it)?,
            fte: self.fte.checked_add(o.fte)?,
        })
    }
}

/// Objects on one page of the portfolio.
pub const PORTFOLIO_PAGE: usize = 100;
/// The highest page number the portfolio takes (a page past the last is
/// the last; beyond this, a number is refused, not read).
pub const PORTFOLIO_MAX_PAGE: u64 = 100_000;

/// One object of the portfolio with its plan of the year.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioRow {
    pub object_id: i32,
    pub object_name: String,
    pub family_id: i32,
    pub family_name: String,
    /// The adopted plan counted (newest adopted revision of the year).
    pub plan_id: Option<i32>,
    /// The newest plan of the year, adopted or not.
    pub status: Option<PlanStatus>,
    pub adopted: Option<Totals>,
    pub last_year: Option<Totals>,
}

/// An object family's sums: every object of it, whatever page is shown.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioFamily {
    pub id: i32,
    pub name: String,
    /// Objects in the family.
    pub objects: usize,
    /// Of those, without an adopted plan for the year.
    pub not_adopted: usize,
    pub sum: Totals,
    pub last_year_sum: Totals,
}

/// Which objects of the portfolio to list: a family's (an unknown one has
/// none), those whose name contains `q` (any case), one page of them (from
/// 1).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioQuery {
    pub family: Option<i32>,
    pub q: String,
    pub page: u64,
}

impl Default for PortfolioQuery {
    fn default() -> Self {
        PortfolioQuery {
            family: None,
            q: String::new(),
            page: 1,
        }
    }
}

/// The region's IT maintenance budget for a year: every object's adopted
/// plan summed per family and for the region, and one page of the objects.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portfolio {
    pub year: i32,
    pub families: Vec<PortfolioFamily>,
    pub sum: Totals,
    pub last_year_sum: Totals,
    /// Objects without an adopted plan for the year.
    pub not_adopted: usize,
    /// The adopted plans' totals split among their financing parties
    /// (summed by the party's name), largest part first.
    pub financing: Vec<PartyTotal>,
    /// What adopted plans without a cost split cost: financed by their
    /// objektägare's organisation.
    pub unsplit: Sek,
    /// The objects listed, as answered: a page past the last is the last.
    pub query: PortfolioQuery,
    /// How many objects the query matches.
    pub matching: usize,
    /// Pages of `PORTFOLIO_PAGE` objects they make (at least 1).
    pub pages: u64,
    /// The query's page of objects, by family and name.
    pub rows: Vec<PortfolioRow>,
}

/// One financing party's part of the year's adopted plans.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyTotal {
    pub name: String,
    pub amount: Sek,
    /// How many plans it finances a part of.
    pub plans: u32,
}

#[cfg(test)]
mod tests;
