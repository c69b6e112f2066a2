//! The goals per activity, each with its estimate.

use crate::components::{textarea_text, Rows, FIELD};
use crate::domain::plan::{Activity, GoalClass, GoalCost, PlanSettings, RollUp};
use crate::plans::views::editor::{Editor, GoalRow};
use leptos::prelude::*;

/// "Mål per förvaltningsaktivitet": one section per activity with its
/// goals and their total.
#[component]
pub fn GoalsSection(
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
    /// The totals to show.
    roll_up: Signal<RollUp>,
    /// The settings the totals use (the typed ones while they are valid).
    settings: Signal<PlanSettings>,
) -> impl IntoView {
    view! {
        <section class="mb-6" aria-labelledby="mal">
            <h2 id="mal" class="mb-1 text-lg font-semibold">"Mål per förvaltningsaktivitet"</h2>
            <p class="mb-3 text-sm text-slate-700">
                {move || {
                    let s = settings.get();
                    format!("Dagar anges med högst en decimal. Kronor = dagar × {} (verksamhet) eller {} (IT) + fasta kostnader. En heltid = {} dagar.",
                        s.day_rate_business, s.day_rate_it, s.days_per_fte)
                }}
            </p>
            <div class="card mb-4">
                <label for="overall-goals-text" class="mb-1 block font-semibold">"Övergripande mål för planen"</label>
                {if editable {
                    view! {
                        <textarea id="overall-goals-text" rows=3 class=format!("{FIELD} w-full") prop:value=move || editor.overall_goals.get()
                            on:input=move |ev| editor.overall_goals.set(event_target_value(&ev))>{textarea_text(editor.overall_goals.get_untracked())}</textarea>
                    }.into_any()
                } else {
                    view! { <p class="whitespace-pre-line" id="overall-goals-text">{move || editor.overall_goals.get()}</p> }.into_any()
                }}
            </div>
            {Activity::ALL.into_iter().zip(editor.activity_goals).map(|(activity, overall)| {
                let section_id = format!("aktivitet-{}", activity.as_str());
                let overall_id = format!("overall-{}", activity.as_str());
                let heading_id = section_id.clone();
                view! {
                    <section class="card mb-4" aria-labelledby=section_id.clone() id=format!("goals-{}", activity.as_str())>
                        <div class="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                            <h3 id=heading_id class="font-semibold">{activity.label_sv()}</h3>
                            <span class="text-sm" id=format!("activity-total-{}", activity.as_str())>
                                {move || {
                                    let c = roll_up.get().activity_total(activity);
                                    format!("{} · {} heltider", c.kronor, c.fte)
                                }}
                            </span>
                        </div>
                        {if editable {
                            view! {
                                <div class="mb-3 flex flex-col gap-1">
                                    <label for=overall_id.clone() class="text-sm font-medium">{format!("Övergripande mål för {}", activity.in_sentence())}</label>
                                    <textarea id=overall_id rows=2 class=format!("{FIELD} w-full") prop:value=move || overall.get()
                                        on:input=move |ev| overall.set(event_target_value(&ev))>{textarea_text(overall.get_untracked())}</textarea>
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <p class="mb-3 whitespace-pre-line" id=overall_id>
                                    {move || (!overall.get().trim().is_empty()).then(|| view! { <span class="font-medium">"Övergripande mål: "</span> })}
                                    {move || overall.get()}
                                </p>
                            }.into_any()
                        }}
                        <ul class="space-y-4">
                            <Rows each=move || editor.goals_in(activity) key=|g| g.id.get_value() let:g>
                                <GoalEditor g editable editor/>
                            </Rows>
                        </ul>
                        {editable.then(|| view! {
                            <button type="button" class="btn-secondary mt-3" on:click=move |_| editor.add_goal(activity)>
                                {format!("Lägg till mål i {}", activity.in_sentence())}
                            </button>
                        })}
                    </section>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn GoalEditor(
    /// The goal.
    g: GoalRow,
    /// Whether the caller may edit.
    editable: bool,
    /// The plan being edited.
    editor: Editor,
) -> impl IntoView {
    let gid = g.id.get_value();
    let field_id = move |f: &str| format!("{f}-{}", g.id.get_value());
    // The label and the three buttons ask for it: found once per change.
    let position = Memo::new(move |_| editor.goal_number(g));
    // The goal's first unreadable field and why, parsed once per change.
    // A goal as loaded is valid (it was stored typed), so the server renders
    // it without checking; the browser checks every change.
    #[cfg(feature = "ssr")]
    let problem = || None::<(&'static str, &'static str)>;
    #[cfg(not(feature = "ssr"))]
    let problem = {
        let memo = Memo::new(move |_| g.problem());
        move || memo.get()
    };
    let error = move || problem().map(|(_, m)| m);
    // Need references are free text: their field never asks.
    // `aria-invalid` only on the field that is wrong (absent means valid).
    let invalid =
        move |f: &'static str| move || (f != "needs" && matches!(problem(), Some((x, _)) if x == f)).then_some("true");
    if !editable {
        let c = g.cost();
        return view! {
            <li class="border-t border-slate-200 pt-3">
                <p><span class="font-medium">{move || g.class.get().label_sv()}</span>" "{move || g.text.get()}</p>
                <p class="text-sm text-slate-700">{summary(g.needs.get_untracked(), c)}</p>
            </li>
        }
        .into_any();
    }
    // Opening moves focus to the goal's text, closing back to its button.
    let open = move |_| {
        g.open.set(true);
        crate::components::focus_soon(field_id("text"));
    };
    let close = move |_| {
        // A goal with a field that does not parse stays open, with the
        // focus on that field.
        if let Some((f, _)) = problem() {
            crate::components::focus_by_id(&field_id(f));
            return;
        }
        g.open.set(false);
        crate::components::focus_soon(field_id("edit"));
    };
    let move_by = move |delta: isize| editor.move_goal(g, delta);
    let input = move |f: &'static str, label: &'static str, s: RwSignal<String>, mode: &'static str| {
        let id = field_id(f);
        view! {
            <div class="goal-field">
                <label for=id.clone() class="field-label">{label}</label>
                <input id=id class="field w-full" inputmode=mode value=s.get_untracked() prop:value=move || s.get()
                    on:input=move |ev| s.set(event_target_value(&ev)) aria-invalid=invalid(f)/>
            </div>
        }
    };
    let fields = move || {
        view! {
            <div class="grid gap-3 md:grid-cols-6">
                <div class="flex flex-col gap-1 md:col-span-3">
                    <label for=field_id("text") class="text-sm font-medium">{move || format!("Mål {}", position.get())}</label>
                    <textarea id=field_id("text") rows="2" class=format!("{FIELD} w-full") prop:value=move || g.text.get()
                        on:input=move |ev| g.text.set(event_target_value(&ev))>{textarea_text(g.text.get_untracked())}</textarea>
                </div>
                <div class="flex flex-col gap-1 md:col-span-2">
                    <label for=field_id("class") class="text-sm font-medium">"VM eller VU"</label>
                    <select id=field_id("class") class=FIELD
                        on:change=move |ev| g.class.set(GoalClass::parse(&event_target_value(&ev)).unwrap_or(GoalClass::Vm))>
                        <option value="vm" selected=move || g.class.get() == GoalClass::Vm>"VM (vidmakthållande)"</option>
                        <option value="vu" selected=move || g.class.get() == GoalClass::Vu>"VU (vidareutveckling)"</option>
                    </select>
                </div>
                {input("needs", "Behov nr", g.needs, "text")}
                {input("days_business", "Dagar verksamhet", g.days_business, "decimal")}
                {input("days_it", "Dagar IT", g.days_it, "decimal")}
                {input("fixed_business", "Fast kostnad verksamhet, kr", g.fixed_business, "decimal")}
                {input("fixed_it", "Fast kostnad IT, kr", g.fixed_it, "decimal")}
                <div class="flex flex-wrap items-end gap-2 md:col-span-2">
                    <button type="button" class="btn-secondary" aria-label=move || format!("Flytta upp mål {}", position.get()) on:click=move |_| move_by(-1)>"↑"</button>
                    <button type="button" class="btn-secondary" aria-label=move || format!("Flytta ned mål {}", position.get()) on:click=move |_| move_by(1)>"↓"</button>
                    <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort mål {}", position.get())
                        on:click=move |_| editor.remove_goal(g)>"Ta bort"</button>
                    <button type="button" class="btn-secondary" aria-label=move || format!("Klar med mål {}", position.get()) on:click=close>"Klar"</button>
                </div>
            </div>
            {move || error().map(|m| view! { <p class="mt-1 text-sm font-medium text-red-800" role="alert">{m}</p> })}
        }
    };
    // The goal as one line, with the button that opens it.
    let line = move || {
        view! {
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div class="min-w-0 flex-1">
                    <p>
                        <span class="font-medium">{move || format!("Mål {} · {}", position.get(), g.class.get().label_sv())}</span>
                        " "{move || g.text.get()}
                    </p>
                    <p class="text-sm text-slate-700">{move || summary(g.needs.get(), g.cost())}</p>
                </div>
                <button type="button" id=field_id("edit") class="btn-secondary"
                    aria-label=move || format!("Ändra mål {}", position.get()) on:click=open>"Ändra"</button>
            </div>
        }
    };
    view! {
        <li class="border-t border-slate-200 pt-3" data-goal=gid>
            {move || if g.open.get() { fields().into_any() } else { line().into_any() }}
        </li>
    }
    .into_any()
}

/// A goal's needs and estimate in one line.
fn summary(needs: String, c: GoalCost) -> String {
    format!(
        "Behov: {} · Verksamhet {} dagar, IT {} dagar · fasta kostnader verksamhet {}, IT {}",
        if needs.trim().is_empty() { "–" } else { needs.as_str() },
        c.days_business,
        c.days_it,
        c.fixed_business,
        c.fixed_it
    )
}
