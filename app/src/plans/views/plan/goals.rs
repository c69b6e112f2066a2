//! The goals per activity, each with its estimate.

use crate::any_view::IntoAnySync;
use crate::components::{textarea_text, Rows, FIELD};
use crate::domain::plan::{Activity, GoalClass, GoalCost, PlanSettings, RollUp};
use crate::plans::dto::Goal;
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
    /// The goals as loaded: the server draws the page from these.
    loaded: Vec<Goal>,
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
                    }.into_any_sync()
                } else {
                    view! { <p class="whitespace-pre-line" id="overall-goals-text">{move || editor.overall_goals.get()}</p> }.into_any_sync()
                }}
            </div>
            {Activity::ALL.into_iter().zip(editor.activity_goals).map(|(activity, overall)| {
                let section_id = format!("aktivitet-{}", activity.as_str());
                let overall_id = format!("overall-{}", activity.as_str());
                let heading_id = section_id.clone();
                let list_id = format!("goal-list-{}", activity.as_str());
                let loaded_here = loaded.iter().filter(|g| g.activity == activity).count();
                // A long activity starts folded (see `FOLD_ABOVE`).
                let folds = loaded_here > FOLD_ABOVE;
                let shown = RwSignal::new(!folds);
                // How many goals it has: as loaded on the server, as edited
                // in the browser (the same when it hydrates).
                let count = move || {
                    if cfg!(feature = "ssr") {
                        loaded_here
                    } else {
                        editor.goals.with(|v| v.iter().filter(|g| g.activity == activity).count())
                    }
                };
                let loaded = loaded.clone();
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
                            }.into_any_sync()
                        } else {
                            view! {
                                <p class="mb-3 whitespace-pre-line" id=overall_id>
                                    {move || (!overall.get().trim().is_empty()).then(|| view! { <span class="font-medium">"Övergripande mål: "</span> })}
                                    {move || overall.get()}
                                </p>
                            }.into_any_sync()
                        }}
                        {folds.then(|| view! {
                            <button type="button" class="btn-secondary mb-3" id=format!("fold-{}", activity.as_str())
                                aria-expanded=move || shown.get().to_string() aria-controls=list_id.clone()
                                on:click=move |_| shown.update(|s| *s = !*s)>
                                {move || if shown.get() {
                                    format!("Dölj målen i {}", activity.in_sentence())
                                } else {
                                    format!("Visa {} mål i {}", count(), activity.in_sentence())
                                }}
                            </button>
                        })}
                        <ul class="space-y-4" id=list_id>
                            {move || shown.get().then(|| goal_list(activity, editor, editable, &loaded))}
                        </ul>
                        {editable.then(|| view! {
                            <button type="button" class="btn-secondary mt-3" on:click=move |_| {
                                editor.add_goal(activity);
                                shown.set(true);
                            }>
                                {format!("Lägg till mål i {}", activity.in_sentence())}
                            </button>
                        })}
                    </section>
                }
            }).collect_view()}
        </section>
    }
}

/// An activity with more goals than this starts folded: its heading,
/// total and overall goal, and a button that shows its goals. A plan of 200
/// goals otherwise draws and hydrates 200 goal lines (1 400 elements) that
/// a phone lays out and wires up before the page answers; folded, the
/// förvaltningsledare opens the activity they work on.
pub const FOLD_ABOVE: usize = 12;

/// An activity's goals. In the browser, a keyed list of editors; on the
/// server, the same markup drawn from the goals as loaded, closed (a goal
/// as loaded is closed and valid), without the ten signals per goal the
/// editor needs to edit one: the server's editor has no goals
/// ([`Editor::for_server_render`]).
fn goal_list(activity: Activity, editor: Editor, editable: bool, loaded: &[Goal]) -> impl IntoView {
    goals_drawn(activity, editor, editable, loaded, cfg!(feature = "ssr"))
}

/// [`goal_list`], drawn from `loaded` when `on_server`, else from `editor`.
fn goals_drawn(activity: Activity, editor: Editor, editable: bool, loaded: &[Goal], on_server: bool) -> impl IntoView {
    if on_server {
        let goals: Vec<(usize, Goal)> = loaded
            .iter()
            .filter(|g| g.activity == activity)
            .cloned()
            .enumerate()
            .map(|(i, g)| (i + 1, g))
            .collect();
        view! {
            <Rows each=move || goals.clone() key=|(_, g): &(usize, Goal)| g.id.clone() let((number, g))>
                {goal_as_loaded(number, &g, editable)}
            </Rows>
        }
        .into_any_sync()
    } else {
        view! {
            <Rows each=move || editor.goals_in(activity) key=|g| g.id.get_value() let:g>
                <GoalEditor g editable editor/>
            </Rows>
        }
        .into_any_sync()
    }
}

/// A goal as loaded, as [`GoalEditor`] draws it closed: goal `number` of
/// its activity.
fn goal_as_loaded(number: usize, g: &Goal, editable: bool) -> impl IntoView {
    let class = g.class.label_sv();
    let summary = summary(g.needs.clone(), g.cost());
    if !editable {
        return read_only_item(class, g.text.clone(), summary).into_any_sync();
    }
    let line = goal_line(
        format!("Mål {number} · {class}"),
        g.text.clone(),
        summary,
        format!("edit-{}", g.id),
        format!("Ändra mål {number}"),
        |_| {},
    );
    view! { <li class="border-t border-slate-200 pt-3" data-goal=g.id.clone()>{line.into_any_sync()}</li> }
        .into_any_sync()
}

/// A goal for a reader: its class, text and estimate.
fn read_only_item(
    class: impl IntoView + 'static,
    text: impl IntoView + 'static,
    summary: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <li class="border-t border-slate-200 pt-3">
            <p><span class="font-medium">{class}</span>" "{text}</p>
            <p class="text-sm text-slate-700">{summary}</p>
        </li>
    }
}

/// A closed goal as one line, with the button that opens it: the same
/// markup whether its parts follow signals (the browser) or are the goal as
/// loaded (the server).
fn goal_line(
    head: impl IntoView + 'static,
    text: impl IntoView + 'static,
    summary: impl IntoView + 'static,
    edit_id: String,
    edit_label: impl leptos::attr::AttributeValue + 'static,
    open: impl FnMut(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <div class="flex flex-wrap items-start justify-between gap-2">
            <div class="min-w-0 flex-1">
                <p><span class="font-medium">{head}</span>" "{text}</p>
                <p class="text-sm text-slate-700">{summary}</p>
            </div>
            <button type="button" id=edit_id class="btn-secondary" aria-label=edit_label on:click=open>"Ändra"</button>
        </div>
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
        return read_only_item(
            move || g.class.get().label_sv(),
            move || g.text.get(),
            summary(g.needs.get_untracked(), c),
        )
        .into_any_sync();
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
        goal_line(
            move || format!("Mål {} · {}", position.get(), g.class.get().label_sv()),
            move || g.text.get(),
            move || summary(g.needs.get(), g.cost()),
            field_id("edit"),
            move || format!("Ändra mål {}", position.get()),
            open,
        )
    };
    view! {
        <li class="border-t border-slate-200 pt-3" data-goal=gid>
            {move || if g.open.get() { fields().into_any_sync() } else { line().into_any_sync() }}
        </li>
    }
    .into_any_sync()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Sek;
    use crate::domain::plan::Days;
    use crate::plans::dto::PlanContent;

    fn goal(id: &str, activity: Activity, class: GoalClass, text: &str, needs: &str) -> Goal {
        Goal {
            id: id.into(),
            activity,
            class,
            text: text.into(),
            needs: needs.into(),
            days_business: Days::from_tenths(15),
            days_it: Days::from_tenths(480),
            fixed_business: Sek::ZERO,
            fixed_it: Sek::from_ore(123_450),
        }
    }

    /// An activity with more than `FOLD_ABOVE` goals is drawn folded (its
    /// button says how many), the others open; the server and the browser
    /// draw the same.
    #[test]
    fn a_long_activity_starts_folded() {
        let owner = Owner::new();
        owner.set();
        let long = Activity::Forvaltningsstyrning;
        let mut goals: Vec<Goal> = (0..=FOLD_ABOVE)
            .map(|i| goal(&format!("g{i}"), long, GoalClass::Vm, &format!("Långt mål {i}"), ""))
            .collect();
        goals.push(goal("kort", Activity::Anvandarstod, GoalClass::Vu, "Kort mål", ""));
        let content = PlanContent {
            goals: goals.clone(),
            ..Default::default()
        };
        let editor = Editor::new(&content, PlanSettings::default());
        let html = GoalsSection(GoalsSectionProps {
            editor,
            editable: true,
            roll_up: Signal::stored(RollUp::default()),
            settings: Signal::stored(PlanSettings::default()),
            loaded: goals,
        })
        .to_html();
        let count = FOLD_ABOVE + 1;
        assert!(html.contains(&format!("Visa {count} mål i")), "{html}");
        assert!(html.contains(r#"aria-expanded="false""#), "{html}");
        assert!(!html.contains("Långt mål"), "{html}");
        assert!(html.contains("Kort mål"), "{html}");
        assert_eq!(html.matches("aria-expanded").count(), 1, "{html}");
    }

    /// The server draws the goals from the plan as loaded, the browser
    /// hydrates them as editors: the markup must be the same, byte for
    /// byte, or hydration breaks.
    #[test]
    fn the_server_draws_the_goals_as_the_browser_hydrates_them() {
        let owner = Owner::new();
        owner.set();
        let a = Activity::Forvaltningsstyrning;
        let content = PlanContent {
            goals: vec![
                goal("g1", a, GoalClass::Vu, "Snabbare svar <&> \"citat\"", "1, 2"),
                goal("g2", Activity::Anvandarstod, GoalClass::Vm, "Annan aktivitet", ""),
                goal("g3", a, GoalClass::Vm, "", ""),
            ],
            ..Default::default()
        };
        let editor = Editor::new(&content, PlanSettings::default());
        for editable in [true, false] {
            let server = goals_drawn(a, editor, editable, &content.goals, true).to_html();
            let browser = goals_drawn(a, editor, editable, &[], false).to_html();
            assert_eq!(server, browser, "editable: {editable}");
            assert!(server.contains("Snabbare svar &lt;&amp;&gt;"), "{server}");
            assert!(!server.contains("Annan aktivitet"), "{server}");
        }
        let server = goals_drawn(a, editor, true, &content.goals, true).to_html();
        assert!(server.contains("Mål 2 · VM"), "{server}");
        assert!(server.contains(r#"aria-label="Ändra mål 2""#), "{server}");
        assert!(
            server.contains("Behov: – · Verksamhet 1,5 dagar, IT 48 dagar"),
            "{server}"
        );
    }
}
