//! "Resurser: plan och utfall": per management activity, the plan's
//! person-days and kronor for the period beside what was actually used, and
//! the variance in kronor and per cent, computed as the user types.

use super::form::{ActualRow, Form};
use crate::any_view::IntoAnySync;
use crate::components::{TableScroll, FIELD};
use crate::domain::follow_up::{variance, Percent};
use crate::domain::money::Sek;
use crate::domain::plan::{Activity, Days};
use crate::plans::follow_up::dto::{Actual, Planned};
use leptos::prelude::*;

/// The variance of `actual` against `planned` (öre): signed kronor and per cent.
fn variance_text(planned: Sek, actual: Sek) -> (String, String) {
    let (diff, percent) = variance(planned.ore(), actual.ore());
    let kronor = match diff.signum() {
        1 => format!("+{}", Sek::from_ore(diff)),
        0 => "±0 kr".to_owned(),
        _ => Sek::from_ore(diff).to_string(),
    };
    let percent = percent.map(|p: Percent| match p.tenths().signum() {
        1 => format!("+{p}"),
        _ => p.to_string(),
    });
    (kronor, percent.unwrap_or_else(|| "–".into()))
}

#[component]
pub fn Resources(
    /// The follow-up being edited.
    form: Form,
    /// The plan's figures for the period, per activity.
    planned: Vec<Planned>,
    /// Whether the caller may edit.
    editable: bool,
    /// The period's name in a sentence: "tertial 2 2026 (maj–augusti)".
    period: String,
) -> impl IntoView {
    let planned = StoredValue::new(planned);
    let plan_of = move |a: Activity| {
        planned
            .with_value(|p| p.iter().find(|x| x.activity == a).copied())
            .unwrap_or(Planned {
                activity: a,
                days_business: Days::ZERO,
                days_it: Days::ZERO,
                kronor: Sek::ZERO,
            })
    };
    let totals = move || {
        let actual: Vec<Actual> = form.actuals.iter().map(ActualRow::actual).collect();
        let sum_days = |f: fn(&Actual) -> Days| Days::from_tenths(actual.iter().map(|a| f(a).tenths()).sum());
        let planned_kronor = Sek::from_ore(Activity::ALL.iter().map(|a| plan_of(*a).kronor.ore()).sum());
        let actual_kronor = Sek::from_ore(actual.iter().map(|a| a.kronor.ore()).sum());
        (
            sum_days(|a| a.days_business),
            sum_days(|a| a.days_it),
            planned_kronor,
            actual_kronor,
        )
    };
    let planned_days =
        |f: fn(&Planned) -> Days| Days::from_tenths(Activity::ALL.iter().map(|a| f(&plan_of(*a)).tenths()).sum());
    let (plan_business, plan_it) = (planned_days(|p| p.days_business), planned_days(|p| p.days_it));
    view! {
        <section class="card mb-4" aria-labelledby="resurser">
            <h2 id="resurser" class="mb-1 text-lg font-semibold">"Resurser: plan och utfall"</h2>
            <p class="mb-3 text-sm text-slate-700">
                {format!("Planens dagar och kronor för {period} (årets värden fördelade per månad) och vad som faktiskt gick åt. Avvikelse = utfall − plan; ett minus betyder att mindre än planerat användes.")}
            </p>
            <TableScroll label="Resurser per förvaltningsaktivitet">
                <table class="data-table bg-white" id="resources-table">
                    <caption class="sr-only">"Resurser per förvaltningsaktivitet: plan och utfall"</caption>
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="colgroup" colspan="2" class="text-center">"Dagar verksamhet"</th>
                            <th scope="colgroup" colspan="2" class="text-center">"Dagar IT"</th>
                            <th scope="colgroup" colspan="2" class="text-center">"Kronor"</th>
                            <th scope="colgroup" colspan="2" class="text-center">"Avvikelse"</th>
                        </tr>
                        <tr>
                            <th scope="col">"Aktivitet"</th>
                            <th scope="col" class="text-right">"Plan"</th>
                            <th scope="col" class="text-right">"Utfall"</th>
                            <th scope="col" class="text-right">"Plan"</th>
                            <th scope="col" class="text-right">"Utfall"</th>
                            <th scope="col" class="text-right">"Plan"</th>
                            <th scope="col" class="text-right">"Utfall"</th>
                            <th scope="col" class="text-right">"Kronor"</th>
                            <th scope="col" class="text-right">"Procent"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {form.actuals.into_iter().map(|row| {
                            let p = plan_of(row.activity);
                            let a = row.activity.as_str();
                            let name = row.activity.label_sv();
                            let cell = move |field: &'static str, label: &'static str, value: RwSignal<String>| {
                                let id = format!("actual-{field}-{a}");
                                let wrong = move || matches!(row.problem(), Some((f, _)) if f == field);
                                if editable {
                                    view! {
                                        <td class="text-right">
                                            <label for=id.clone() class="sr-only">{format!("{label}, {}", name.to_lowercase())}</label>
                                            <input id=id class=format!("{FIELD} w-28 text-right") inputmode="decimal" value=value.get_untracked()
                                                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                                                aria-invalid=move || wrong().to_string()/>
                                        </td>
                                    }.into_any_sync()
                                } else {
                                    view! { <td class="num">{move || { let v = value.get(); if v.is_empty() { "0".to_owned() } else { v } }}</td> }.into_any_sync()
                                }
                            };
                            let diff = move || variance_text(p.kronor, row.actual().kronor);
                            view! {
                                <tr data-activity=a class="[&>td]:align-middle [&>th]:align-middle">
                                    <th scope="row" class="text-left font-medium">{name}</th>
                                    <td class="num">{p.days_business.to_string()}</td>
                                    {cell("days_business", "Dagar verksamhet, utfall", row.days_business)}
                                    <td class="num">{p.days_it.to_string()}</td>
                                    {cell("days_it", "Dagar IT, utfall", row.days_it)}
                                    <td class="num">{p.kronor.to_string()}</td>
                                    {cell("kronor", "Kronor, utfall", row.kronor)}
                                    <td class="num variance-kr">{move || diff().0}</td>
                                    <td class="num variance-pct">{move || diff().1}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr class="font-semibold [&>td]:align-middle" id="resources-total">
                            <th scope="row" class="text-left">"Totalt"</th>
                            <td class="num">{plan_business.to_string()}</td>
                            <td class="num">{move || totals().0.to_string()}</td>
                            <td class="num">{plan_it.to_string()}</td>
                            <td class="num">{move || totals().1.to_string()}</td>
                            <td class="num">{move || totals().2.to_string()}</td>
                            <td class="num">{move || totals().3.to_string()}</td>
                            <td class="num">{move || { let (_, _, p, a) = totals(); variance_text(p, a).0 }}</td>
                            <td class="num">{move || { let (_, _, p, a) = totals(); variance_text(p, a).1 }}</td>
                        </tr>
                    </tfoot>
                </table>
            </TableScroll>
            <p class="mt-2 text-sm font-medium text-red-800" role="status" id="resources-problem">
                {move || form.actuals.iter().find_map(|r| r.problem().map(|(_, m)| format!("{}: {m}", r.activity.label_sv())))}
            </p>
        </section>
    }
}
