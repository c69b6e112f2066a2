//! On an object's page: start its förvaltningsplan for a year that has
//! none, empty or from the family's template.

use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, FieldError, FIELD};
use crate::error::AppError;
use crate::plans::dto::{NewPlan, PlanRef};
use crate::plans::server_fns::create_plan;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The years a new plan may be for: this year and the next two, without
/// those that have a plan.
pub fn open_years(this_year: i32, plans: &[PlanRef]) -> Vec<i32> {
    (this_year..=this_year + 2)
        .filter(|y| !plans.iter().any(|p| p.year == *y))
        .collect()
}

#[cfg(test)]
mod tests;

/// The form: year, where the plan starts from, and the button.
#[component]
pub fn StartPlan(
    /// The object.
    object_id: i32,
    /// Its family (for the template's link).
    family_id: i32,
    /// Its plans (their years are taken).
    plans: Vec<PlanRef>,
    /// The family has a saved template.
    has_template: bool,
) -> impl IntoView {
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let years = open_years(this_year, &plans);
    let Some(&first) = years.iter().find(|y| **y > this_year).or(years.first()) else {
        return view! {
            <p class="mt-3 text-sm" id="start-plan-none">{format!("Planer finns för {}–{}. Nästa års plan startas från den senaste planen.", this_year, this_year + 2)}</p>
        }
        .into_any_sync();
    };
    let year = RwSignal::new(first);
    let from_template = RwSignal::new(has_template);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let start = move || {
        let new = NewPlan {
            year: year.get_untracked(),
            from_template: from_template.get_untracked(),
        };
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match create_plan(object_id, new).await {
                Ok(p) => navigate(&format!("/forvaltning/plan/{}", p.id), Default::default()),
                Err(e) => {
                    error.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <form class="mt-4 border-t border-slate-200 pt-4" id="start-plan" aria-labelledby="start-plan-rubrik"
            on:submit=move |ev| { ev.prevent_default(); start(); }>
            <h3 id="start-plan-rubrik" class="mb-2 font-semibold">"Starta en förvaltningsplan"</h3>
            <div class="flex flex-col gap-4 sm:flex-row sm:flex-wrap sm:items-start">
                <div class="flex flex-col gap-1">
                    <label for="plan-year" class="font-medium">"År"</label>
                    <select id="plan-year" class=FIELD on:change=move |ev| year.set(event_target_value(&ev).parse().unwrap_or(first))
                        aria-invalid=move || error.get().is_some_and(|e| e.has_field("year")).to_string()
                        aria-describedby="year-fel">
                        {years.iter().map(|y| {
                            let y = *y;
                            view! { <option value=y.to_string() selected=move || year.get() == y>{y.to_string()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error=error field="year"/>
                </div>
                <fieldset class="flex flex-col gap-1">
                    <legend class="font-medium">"Utgå från"</legend>
                    <label class="flex items-start gap-2">
                        <input type="radio" name="from" value="template" class="mt-1" disabled=!has_template
                            prop:checked=move || from_template.get() on:change=move |_| from_template.set(true)/>
                        <span>
                            "Objektfamiljens planmall: forum, vägledande texter och dagpriser"
                            {(!has_template).then(|| view! { <span class="block text-sm text-slate-700">"Familjen har ingen planmall ännu."</span> })}
                        </span>
                    </label>
                    <label class="flex items-start gap-2">
                        <input type="radio" name="from" value="empty" class="mt-1"
                            prop:checked=move || !from_template.get() on:change=move |_| from_template.set(false)/>
                        <span>"En tom plan med regionens dagpriser"</span>
                    </label>
                    <a href=format!("/forvaltning/mall/{family_id}") class="text-sm">"Se familjens planmall"</a>
                    <FieldError error=error field="from_template"/>
                </fieldset>
            </div>
            <p class="mt-2 text-sm text-slate-700">"Objektbeskrivningen och förvaltningsprodukterna hämtas från objektet."</p>
            <button type="submit" class="btn-primary mt-3" disabled=move || busy.get()>"Skapa förvaltningsplan"</button>
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mt-3"><ErrorNotice err/></div> })}
        </form>
    }
    .into_any_sync()
}
