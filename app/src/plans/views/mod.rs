//! The plan pages, one file each: `/forvaltning` (the objects and their
//! plans, [`overview`]), `/forvaltning/plan/:id` (the plan editor with live
//! roll-ups, autosave and conflict handling, [`plan`], which draws the state
//! model in [`editor`]), `/forvaltning/jamfor` ([`compare`]) and
//! `/forvaltning/portfolj` ([`portfolio`]), `/forvaltning/mall/:family` (a
//! family's plan template, [`template`]); [`start`] is the form that starts an
//! object's first plan.

mod compare;
pub(crate) mod editor;
mod overview;
mod plan;
mod portfolio;
mod print;
mod start;
mod template;

pub use compare::ComparePage;
pub use overview::PlansPage;
pub use plan::PlanPage;
pub use portfolio::PortfolioPage;
pub use print::PlanPrintPage;
pub use start::StartPlan;
pub use template::TemplatePage;

use crate::domain::plan::PlanStatus;
use leptos::prelude::*;

fn status_badge(status: PlanStatus) -> impl IntoView {
    let class = match status {
        PlanStatus::Utkast => "bg-amber-100 text-amber-950 border-amber-400",
        PlanStatus::UnderAvstamning => "bg-sky-100 text-sky-950 border-sky-400",
        PlanStatus::Faststalld => "bg-emerald-100 text-emerald-950 border-emerald-500",
    };
    view! { <span class=format!("inline-block rounded border px-2 py-0.5 text-sm font-medium {class}")>{status.label_sv()}</span> }
}

/// An object's follow-up for a plan year: this tertial in the current
/// year, otherwise the year's last tertial.
fn follow_up_href(object_id: i32, year: i32) -> String {
    let now = crate::domain::follow_up::Period::tertial_of(chrono::Local::now().date_naive());
    let period = if now.year() == year {
        now.code()
    } else {
        format!("{year}-T3")
    };
    format!("/forvaltning/uppfoljning/{object_id}?period={period}")
}
