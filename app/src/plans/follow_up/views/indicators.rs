//! The follow-up's indicators: budget, outcome and target per indicator,
//! with fulfilment and deviation computed as the user types.

use super::form::{Form, IndicatorRow};
use crate::any_view::IntoAnySync;
use crate::components::FIELD;
use crate::domain::follow_up::{deviation, fulfilment, Comparison, Measure};
use leptos::prelude::*;

/// "Indikatorer": each indicator's fields and what they give.
#[component]
pub fn Indicators(
    /// The follow-up being edited.
    form: Form,
    /// Whether the caller may edit.
    editable: bool,
) -> impl IntoView {
    let result = move |r: IndicatorRow| {
        move || {
            let read = |s: RwSignal<String>| Measure::parse(&s.get()).ok().flatten();
            let (b, o, t) = (read(r.budget), read(r.outcome), read(r.target));
            let f = fulfilment(o, t, r.comparison.get())
                .map(|p| p.to_string())
                .unwrap_or_else(|| "–".into());
            let d = deviation(b, o).map(Measure::signed).unwrap_or_else(|| "–".into());
            (f, d)
        }
    };
    view! {
        <section class="card mb-6" aria-labelledby="indikatorer">
            <h2 id="indikatorer" class="mb-1 text-lg font-semibold">"Indikatorer"</h2>
            <p class="mb-3 text-sm text-slate-700">"Ackumulerad budget och utfall till och med perioden; värdena får vara negativa. Måluppfyllnad = utfall ÷ målvärde, eller om målet är en jämförelse (till exempel högst 5) om det är uppfyllt. Avvikelse = utfall − budget."</p>
            {move || form.indicators.get().is_empty().then(|| view! { <p>"Inga indikatorer."</p> })}
            <ul class="space-y-4" id="indicator-list">
                <For each=move || form.indicators.get() key=|r| r.id.get_value() let:r>
                    {
                        let number = move || form.indicators.get().iter().position(|x| x.id.get_value() == r.id.get_value()).map(|i| i + 1).unwrap_or(0);
                        let rid = r.id.get_value();
                        let comparison_id = format!("comparison-{rid}");
                        let error = move || r.parse().err().map(|(_, m)| m);
                        let computed = result(r);
                        if editable {
                            let input = move |f: &'static str, label: &'static str, s: RwSignal<String>| {
                                let id = format!("{f}-{rid}");
                                view! {
                                    <div class="flex min-w-0 flex-col justify-end gap-1">
                                        <label for=id.clone() class="text-sm font-medium">{label}</label>
                                        <input id=id class=format!("{FIELD} w-full") value=s.get_untracked() prop:value=move || s.get()
                                            on:input=move |ev| s.set(event_target_value(&ev))
                                            aria-invalid=move || matches!(r.parse(), Err((x, _)) if x == f).to_string()/>
                                    </div>
                                }
                            };
                            view! {
                                <li class="border-t border-slate-200 pt-3" data-indicator=r.id.get_value()>
                                    <div class="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
                                        <div class="col-span-2 flex flex-col gap-1 sm:col-span-4 lg:col-span-2">
                                            <label for=format!("name-{}", r.id.get_value()) class="text-sm font-medium">{move || format!("Indikator {}", number())}</label>
                                            <input id=format!("name-{}", r.id.get_value()) class=format!("{FIELD} w-full") maxlength="200" value=r.name.get_untracked() prop:value=move || r.name.get()
                                                on:input=move |ev| r.name.set(event_target_value(&ev))/>
                                        </div>
                                        {input("budget", "Ackumulerad budget", r.budget)}
                                        {input("outcome", "Utfall", r.outcome)}
                                        <div class="flex min-w-0 flex-col justify-end gap-1">
                                            <label for=comparison_id.clone() class="text-sm font-medium">"Målet är"</label>
                                            <select id=comparison_id.clone() class=FIELD
                                                on:change=move |ev| r.comparison.set(Comparison::parse(&event_target_value(&ev)).unwrap_or_default())>
                                                {Comparison::ALL.into_iter().map(|c| view! {
                                                    <option value=c.as_str() selected=move || r.comparison.get() == c>{c.label_sv()}</option>
                                                }).collect_view()}
                                            </select>
                                        </div>
                                        {input("target", "Målvärde", r.target)}
                                        <div class="col-span-2 flex items-end sm:col-span-4 lg:col-span-1">
                                            <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort indikator {}", number())
                                                on:click=move |_| form.indicators.update(|v| v.retain(|x| x.id.get_value() != r.id.get_value()))>"Ta bort"</button>
                                        </div>
                                    </div>
                                    <p class="mt-2 text-sm" aria-live="polite">
                                        "Måluppfyllnad: "<strong class="fulfilment">{move || computed().0}</strong>
                                        " · Avvikelse mot budget: "<strong>{move || computed().1}</strong>
                                    </p>
                                    {move || error().map(|m| view! { <p class="mt-1 text-sm font-medium text-red-800" role="alert">{m}</p> })}
                                </li>
                            }.into_any_sync()
                        } else {
                            view! {
                                <li class="border-t border-slate-200 pt-3">
                                    <p class="font-medium">{move || r.name.get()}</p>
                                    <p class="text-sm">
                                        {move || format!("Ackumulerad budget {} · utfall {} · målvärde {} · måluppfyllnad {} · avvikelse {}",
                                            or_dash(r.budget.get()), or_dash(r.outcome.get()), target_text(r), computed().0, computed().1)}
                                    </p>
                                </li>
                            }.into_any_sync()
                        }
                    }
                </For>
            </ul>
            {editable.then(|| view! {
                <button type="button" class="btn-secondary mt-3" on:click=move |_| form.add_indicator()>"Lägg till indikator"</button>
            })}
        </section>
    }
}

/// The target as typed, with its comparison's sign: `≤ 5`.
fn target_text(r: IndicatorRow) -> String {
    match (r.comparison.get().symbol(), or_dash(r.target.get())) {
        (_, dash) if dash == "–" => dash,
        ("", t) => t,
        (sign, t) => format!("{sign} {t}"),
    }
}

fn or_dash(s: String) -> String {
    if s.trim().is_empty() {
        "–".into()
    } else {
        s
    }
}
