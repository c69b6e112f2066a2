//! The follow-up pages: `/forvaltning/uppfoljning/:id` (an object's
//! follow-up for a period, [`object`], with its form state in [`form`] and
//! its indicators in [`indicators`]) and `/forvaltning/uppfoljning` (the
//! region-wide report, printable and CSV, [`report`]).

mod form;
mod indicators;
mod object;
mod report;
mod resources;

pub use object::FollowUpPage;
pub use report::FollowUpReportPage;

use crate::components::FIELD;
use crate::domain::follow_up::{GoalStatus, Period};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The period asked for in `?period=`, else the tertial of today.
fn period_from_query() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("period")
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| Period::tertial_of(chrono::Local::now().date_naive()).code())
    }
}

/// A GET form choosing the period: works before the page is interactive.
#[component]
fn PeriodPicker(
    /// The period shown.
    current: String,
    /// The report's chosen family, kept when the period changes.
    #[prop(optional_no_strip)]
    family: Option<i32>,
) -> impl IntoView {
    let year = Period::parse(&current)
        .map(Period::year)
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    view! {
        <form method="get" class="no-print mb-4 flex flex-wrap items-end gap-2">
            <div class="flex min-w-0 max-w-full flex-col gap-1">
                <label for="period" class="text-sm font-medium">"Rapportperiod"</label>
                <select id="period" name="period" class=format!("{FIELD} max-w-full")>
                    {[year - 1, year, year + 1].into_iter().map(|y| view! {
                        <optgroup label=y.to_string()>
                            {Period::all_of(y).into_iter().map(|p| {
                                let code = p.code();
                                let selected = code == current;
                                view! { <option value=code selected=selected>{p.label_sv()}</option> }
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            {family.map(|id| view! { <input type="hidden" name="familj" value=id.to_string()/> })}
            <button type="submit" class="btn-secondary">"Visa"</button>
        </form>
    }
}

fn status_class(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::EjPaborjad => "bg-slate-100 text-slate-900 border-slate-400",
        GoalStatus::Pagaende => "bg-sky-100 text-sky-950 border-sky-400",
        GoalStatus::Klar => "bg-emerald-100 text-emerald-950 border-emerald-500",
        GoalStatus::Pausad => "bg-amber-100 text-amber-950 border-amber-400",
    }
}

fn status_badge(s: GoalStatus) -> impl IntoView {
    view! {
        <span class=format!("status-badge inline-block whitespace-nowrap rounded border px-2 py-0.5 text-sm font-medium {}", status_class(s))>
            {s.label_sv()}
        </span>
    }
}
