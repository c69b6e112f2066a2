//! The plan's written sections: free text, the numbered needs and the fora.

use crate::any_view::IntoAnySync;
use crate::components::{textarea_text, Rows, FIELD};
use crate::plans::views::editor::{Editor, ForumRow};
use leptos::prelude::*;

/// A section of free text.
#[component]
pub fn TextSection(
    /// The section's id (heading anchor).
    id: &'static str,
    /// The section's heading.
    title: &'static str,
    /// The text.
    value: RwSignal<String>,
    /// Whether the caller may edit.
    editable: bool,
    /// Height of the text box.
    rows: u32,
) -> impl IntoView {
    let field = format!("{id}-text");
    view! {
        <section class="card mb-6" aria-labelledby=id>
            <h2 id=id class="mb-3 text-lg font-semibold">{title}</h2>
            {if editable {
                view! {
                    <label for=field.clone() class="sr-only">{title}</label>
                    <textarea id=field rows=rows class=format!("{FIELD} w-full") prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))>{textarea_text(value.get_untracked())}</textarea>
                }.into_any_sync()
            } else {
                view! { <p class="whitespace-pre-line">{move || value.get()}</p> }.into_any_sync()
            }}
        </section>
    }
}

/// "Inledning": the plan's period, and its background, purpose and target
/// group.
#[component]
pub fn IntroSection(
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
) -> impl IntoView {
    // The period's own check: a change elsewhere in the plan asks nothing.
    let period = Memo::new(move |_| editor.period().err());
    let period_error = move |f: &'static str| period.get().and_then(|(field, m)| (field == f).then_some(m));
    let date = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="flex flex-col gap-1">
                <label for=id class="text-sm font-medium">{label}</label>
                <input id=id type="date" class=FIELD value=value.get_untracked() prop:value=move || value.get() disabled=!editable
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || period_error(id_field(id)).is_some().to_string() aria-describedby=format!("{id}-fel")/>
                <p id=format!("{id}-fel") class="text-sm font-medium text-red-800">{move || period_error(id_field(id))}</p>
            </div>
        }
    };
    let text = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="flex flex-col gap-1 sm:col-span-2">
                <label for=id class="font-medium">{label}</label>
                {if editable {
                    view! {
                        <textarea id=id rows="3" class=format!("{FIELD} w-full") prop:value=move || value.get()
                            on:input=move |ev| value.set(event_target_value(&ev))>{textarea_text(value.get_untracked())}</textarea>
                    }.into_any_sync()
                } else {
                    view! { <p id=id class="whitespace-pre-line">{move || { let v = value.get(); if v.trim().is_empty() { "–".to_owned() } else { v } }}</p> }.into_any_sync()
                }}
            </div>
        }
    };
    view! {
        <section class="card mb-6" aria-labelledby="inledning">
            <h2 id="inledning" class="mb-3 text-lg font-semibold">"Inledning"</h2>
            <div class="grid gap-4 sm:grid-cols-2">
                {if editable {
                    view! {
                        {date("period-start", "Planperioden börjar", editor.period_start)}
                        {date("period-end", "Planperioden slutar", editor.period_end)}
                        {move || (editor.period_start.get().trim().is_empty() && editor.period_end.get().trim().is_empty()).then(|| view! {
                            <p class="text-sm text-slate-700 sm:col-span-2">"Utan angiven period gäller planen kalenderåret."</p>
                        })}
                    }.into_any_sync()
                } else {
                    view! {
                        <p class="sm:col-span-2" id="period">
                            <span class="font-medium">"Planperiod: "</span>
                            {move || match (editor.period_start.get(), editor.period_end.get()) {
                                (s, e) if s.trim().is_empty() && e.trim().is_empty() => "kalenderåret".to_owned(),
                                (s, e) => format!("{} – {}", s.trim(), e.trim()),
                            }}
                        </p>
                    }.into_any_sync()
                }}
                {text("background-text", "Bakgrund", editor.background)}
                {text("purpose-text", "Syfte", editor.purpose)}
                {text("target-group-text", "Målgrupp", editor.target_group)}
            </div>
        </section>
    }
}

/// The content field an intro date input edits.
fn id_field(id: &str) -> &'static str {
    if id == "period-start" {
        "period_start"
    } else {
        "period_end"
    }
}

#[component]
fn ForumEditor(
    /// The forum.
    f: ForumRow,
    /// Whether the caller may edit.
    editable: bool,
    /// The plan being edited.
    editor: Editor,
) -> impl IntoView {
    if !editable {
        return view! {
            <li>
                <span class="font-medium">{move || f.name.get()}</span>
                {move || format!(" ({}) – {} Deltagare: {}. {}. Sammankallande: {}.",
                    if f.kind.get() == "beslut" { "beslutsforum" } else { "arbetsforum" },
                    f.purpose.get(), f.participants.get(), f.frequency.get(), f.convener.get())}
            </li>
        }
        .into_any_sync();
    }
    let id = move |field: &str| format!("forum-{field}-{}", f.id.get_value());
    let input = move |field: &'static str, label: &'static str, s: RwSignal<String>| {
        view! {
            <div class="flex flex-col gap-1">
                <label for=id(field) class="text-sm font-medium">{label}</label>
                <input id=id(field) class=format!("{FIELD} w-full") value=s.get_untracked() prop:value=move || s.get()
                    on:input=move |ev| s.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <li class="grid gap-3 border-t border-slate-200 pt-3 md:grid-cols-3" data-forum=f.id.get_value()>
            <div class="flex flex-col gap-1">
                <label for=id("kind") class="text-sm font-medium">"Slags forum"</label>
                <select id=id("kind") class=FIELD on:change=move |ev| f.kind.set(event_target_value(&ev))>
                    <option value="beslut" selected=move || f.kind.get() == "beslut">"Beslutsforum"</option>
                    <option value="arbete" selected=move || f.kind.get() != "beslut">"Arbetsforum"</option>
                </select>
            </div>
            {input("name", "Namn", f.name)}
            {input("purpose", "Syfte", f.purpose)}
            {input("participants", "Deltagare", f.participants)}
            {input("frequency", "Hur ofta", f.frequency)}
            {input("convener", "Sammankallande", f.convener)}
            <div class="md:col-span-3">
                <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort forum {}", f.name.get())
                    on:click=move |_| editor.remove_forum(f)>"Ta bort forum"</button>
            </div>
        </li>
    }
    .into_any_sync()
}

/// "Problem och behov": the numbered needs, which goals refer to by number.
#[component]
pub fn NeedsSection(
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
) -> impl IntoView {
    view! {
        <section class="card mb-6" aria-labelledby="behov">
            <h2 id="behov" class="mb-1 text-lg font-semibold">"Problem och behov"</h2>
            <p class="mb-3 text-sm text-slate-700" id="needs-summary">{move || {
                let needs = editor.needs.get();
                let flagged = needs.iter().filter(|n| n.flagged()).count();
                if flagged == 0 {
                    format!("{} behov. Målen hänvisar till behoven med deras nummer.", needs.len())
                } else {
                    format!(
                        "{} behov, varav {flagged} markerade: de står kvar i listan men inget mål i planen får bygga på dem.",
                        needs.len()
                    )
                }
            }}</p>
            <ol class="space-y-3" id="needs-list">
                <Rows each=move || editor.needs.get() key=|n| n.id.get_value() let:n>
                    {
                        let number = move || editor.need_number(n);
                        let nid = n.id.get_value();
                        view! {
                            <li class="flex items-start gap-2" data-need=nid.clone()>
                                <span class="mt-2 w-8 shrink-0 text-right font-semibold">{move || format!("{}.", number())}</span>
                                {if editable {
                                    view! {
                                        <div class="flex min-w-0 flex-1 flex-col gap-2">
                                            <div class="flex flex-col gap-1">
                                                <label class="text-sm font-medium" for=format!("need-title-{nid}")>{move || format!("Rubrik, behov {}", number())}</label>
                                                <input id=format!("need-title-{nid}") class=format!("{FIELD} w-full") value=n.title.get_untracked() prop:value=move || n.title.get()
                                                    on:input=move |ev| n.title.set(event_target_value(&ev))/>
                                            </div>
                                            <div class="flex flex-col gap-1">
                                                <label class="text-sm font-medium" for=format!("need-{nid}")>{move || format!("Behov {}", number())}</label>
                                                <textarea id=format!("need-{nid}") rows=2 class=format!("{FIELD} w-full") prop:value=move || n.text.get()
                                                    on:input=move |ev| n.text.set(event_target_value(&ev))>{textarea_text(n.text.get_untracked())}</textarea>
                                            </div>
                                            <div class="flex flex-wrap gap-x-6 gap-y-1">
                                                <label class="flex items-center gap-2">
                                                    <input type="checkbox" class="h-5 w-5" prop:checked=move || n.excluded.get()
                                                        on:change=move |ev| n.excluded.set(event_target_checked(&ev))/>
                                                    "Ingår ej i planen"
                                                </label>
                                                <label class="flex items-center gap-2">
                                                    <input type="checkbox" class="h-5 w-5" prop:checked=move || n.financed_elsewhere.get()
                                                        on:change=move |ev| n.financed_elsewhere.set(event_target_checked(&ev))/>
                                                    "Finansieras utanför förvaltningen"
                                                </label>
                                            </div>
                                            <div class="flex flex-wrap gap-2">
                                                <button type="button" class="btn-secondary" aria-label=move || format!("Flytta upp behov {}", number())
                                                    on:click=move |_| editor.move_need(number(), -1)>"↑"</button>
                                                <button type="button" class="btn-secondary" aria-label=move || format!("Flytta ned behov {}", number())
                                                    on:click=move |_| editor.move_need(number(), 1)>"↓"</button>
                                                <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort behov {}", number())
                                                    on:click=move |_| editor.remove_need(number())>"Ta bort"</button>
                                            </div>
                                        </div>
                                    }.into_any_sync()
                                } else {
                                    view! {
                                        <div class="mt-2">
                                            {move || (!n.title.get().is_empty()).then(|| view! { <p class="font-semibold">{n.title.get()}</p> })}
                                            <p class="whitespace-pre-line">{move || n.text.get()}</p>
                                            {move || n.excluded.get().then(|| view! { <p class="text-sm font-medium text-amber-900">"Ingår ej i planen"</p> })}
                                            {move || n.financed_elsewhere.get().then(|| view! { <p class="text-sm font-medium text-amber-900">"Finansieras utanför förvaltningen"</p> })}
                                        </div>
                                    }.into_any_sync()
                                }}
                            </li>
                        }
                    }
                </Rows>
            </ol>
            {editable.then(|| view! {
                <button type="button" class="btn-secondary mt-3" on:click=move |_| editor.add_need()>"Lägg till behov"</button>
            })}
        </section>
    }
}

/// "Beslutsfora och arbetsfora".
#[component]
pub fn ForumsSection(
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
) -> impl IntoView {
    view! {
        <section class="card mb-6" aria-labelledby="fora">
            <h2 id="fora" class="mb-3 text-lg font-semibold">"Beslutsfora och arbetsfora"</h2>
            {move || editor.forums.get().is_empty().then(|| view! { <p>"Inga fora beskrivna."</p> })}
            <ul class="space-y-4" id="forum-list">
                <Rows each=move || editor.forums.get() key=|f| f.id.get_value() let:f>
                    <ForumEditor f editable editor/>
                </Rows>
            </ul>
            {editable.then(|| view! {
                <button type="button" class="btn-secondary mt-3" on:click=move |_| editor.add_forum()>"Lägg till forum"</button>
            })}
        </section>
    }
}
