//! The "Resurser och kostnader" section: the roll-up table and the plan's
//! settings (day rates, days per FTE).

use crate::components::{TableScroll, FIELD};
use crate::domain::plan::{self, Activity, Column, RollUp};
use crate::plans::views::editor::Editor;
use leptos::prelude::*;

#[component]
pub fn SettingsEditor(
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
) -> impl IntoView {
    let error = move |f: &'static str| match editor.settings() {
        Err((field, m)) if field == f => Some(m),
        _ => None,
    };
    let field = move |id: &'static str, f: &'static str, label: &'static str, s: RwSignal<String>| {
        view! {
            <div class="flex flex-col gap-1">
                <label for=id class="text-sm font-medium">{label}</label>
                <input id=id class=FIELD inputmode="decimal" value=s.get_untracked() prop:value=move || s.get() disabled=!editable
                    on:input=move |ev| s.set(event_target_value(&ev))
                    aria-invalid=move || error(f).is_some().to_string() aria-describedby=format!("{id}-fel")/>
                <p id=format!("{id}-fel") class="text-sm font-medium text-red-800">{move || error(f)}</p>
            </div>
        }
    };
    view! {
        <fieldset class="mt-4 grid gap-3 sm:grid-cols-3">
            <legend class="mb-1 font-semibold">"Inställningar för planen"</legend>
            {field("rate-business", "day_rate_business", "Dagpris verksamhet (kr)", editor.rate_business)}
            {field("rate-it", "day_rate_it", "Dagpris IT (kr)", editor.rate_it)}
            {field("days-per-fte", "days_per_fte", "Arbetsdagar per heltid", editor.days_per_fte)}
        </fieldset>
    }
}

#[component]
pub fn RollUpTable(
    /// The totals to show.
    roll_up: Signal<RollUp>,
) -> impl IntoView {
    let cell = move |c: plan::Cell| {
        view! {
            <span class="block whitespace-nowrap">{c.kronor.to_string()}</span>
            <span class="block whitespace-nowrap text-xs text-slate-700">{format!("{} heltider", c.fte)}</span>
        }
    };
    view! {
        // On a phone the sums first: the table's columns scroll sideways.
        <dl class="mb-3 grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 sm:hidden" id="rollup-phone">
            {move || {
                let r = roll_up.get();
                view! {
                    {Activity::ALL.into_iter().map(|a| {
                        let c = r.activity_total(a);
                        view! {
                            <dt>{a.label_sv()}</dt>
                            <dd class="num">{c.kronor.to_string()}<span class="block text-xs text-slate-700">{format!("{} heltider", c.fte)}</span></dd>
                        }
                    }).collect_view()}
                    <dt class="border-t border-slate-300 pt-1 font-semibold">"Summa"</dt>
                    <dd class="border-t border-slate-300 pt-1 text-right font-bold whitespace-nowrap">{r.total.kronor.to_string()}<span class="block text-xs font-normal text-slate-700">{format!("{} heltider", r.total.fte)}</span></dd>
                }
            }}
        </dl>
        <TableScroll label="Kostnader och heltider per förvaltningsaktivitet">
            <table class="data-table" id="rollup">
                <caption class="sr-only">"Kostnader och heltider per förvaltningsaktivitet"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Aktivitet"</th>
                        {Column::ALL.into_iter().map(|c| view! { <th scope="col" class="text-right">{c.label_sv()}</th> }).collect_view()}
                        <th scope="col" class="text-right">"Summa"</th>
                    </tr>
                </thead>
                // One read of the roll-up for the whole body: every read of
                // a memo with a source per goal field copies that list.
                {move || {
                    let r = roll_up.get();
                    view! {
                        <tbody>
                            {Activity::ALL.into_iter().map(|a| view! {
                                <tr>
                                    <th scope="row" class="text-left font-medium">{a.label_sv()}</th>
                                    {Column::ALL.into_iter().map(|c| view! { <td class="text-right">{cell(r.cell(a, c))}</td> }).collect_view()}
                                    <td class="text-right font-semibold">{cell(r.activity_total(a))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row" class="text-left">"Summa"</th>
                                {Column::ALL.into_iter().map(|c| view! { <td class="text-right font-semibold">{cell(r.column_total(c))}</td> }).collect_view()}
                                <td class="text-right font-bold" id="rollup-total">{cell(r.total)}</td>
                            </tr>
                        </tfoot>
                    }
                }}
            </table>
        </TableScroll>
    }
}
