//! The plan's tables (projects, the organisation, IT services,
//! integrations): one component draws any of them from its row type's
//! columns, as a form per row while the plan is edited and as a table for
//! readers.

use crate::any_view::IntoAnySync;
use crate::components::{textarea_text, Rows, TableScroll, FIELD};
use crate::domain::catalog::ServiceLevel;
use crate::plans::dto::{shown, CellKind, Column, Integration, ItService, PlanTable, Project, Staffing, PM3_ROLES};
use crate::plans::views::editor::{CellRow, Editor};
use leptos::prelude::*;

/// Why a row's cells cannot be read: the column and the message.
pub type RowCheck = fn(&CellRow) -> Option<(usize, &'static str)>;

/// One of the plan's tables, with the free text below it, if it has one.
#[component]
pub fn TableSection(
    /// The section's id (heading anchor); also the prefix of its fields' ids.
    id: &'static str,
    /// The section's heading.
    title: &'static str,
    /// What the table is for, under the heading.
    lead: &'static str,
    /// The row type's columns.
    columns: &'static [Column],
    /// The columns' widths on a wide screen (a Tailwind class written out,
    /// so that Tailwind finds it): one per shown column, then the button's.
    grid: &'static str,
    /// The rows.
    rows: RwSignal<Vec<CellRow>>,
    /// A row's first wrong cell.
    check: RowCheck,
    /// Adds an empty row.
    add: fn(Editor),
    /// The add button's text.
    add_label: &'static str,
    /// A row's name before its number, in its legend ("Projekt" 2).
    noun: &'static str,
    /// Shown when there are no rows.
    empty: &'static str,
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
    /// The free text below the table and its label.
    #[prop(optional)]
    note: Option<(RwSignal<String>, &'static str)>,
    /// A line under the table (the organisation's staffing).
    #[prop(optional_no_strip)]
    summary: Option<Signal<String>>,
) -> impl IntoView {
    let number = move |r: CellRow| rows.with(|v| v.iter().position(|x| x.id == r.id).map(|i| i + 1).unwrap_or(0));
    let body = if editable {
        view! {
            // On a wide screen the rows line up under one row of headings;
            // on a phone each row is a small form with its own labels.
            <div aria-hidden="true" class=format!("mb-1 hidden gap-3 text-sm font-medium lg:grid {grid}")>
                {columns.iter().filter(|c| c.kind != CellKind::PersonId).map(|c| view! { <span>{c.label}</span> }).collect_view()}
                <span></span>
            </div>
            <ol class="space-y-4 lg:space-y-2" id=format!("{id}-rader")>
                <Rows each=move || rows.get() key=|r| r.id.get_value() let:r>
                    <RowForm r id columns check noun grid number=Signal::derive(move || number(r)) editor rows/>
                </Rows>
            </ol>
            <button type="button" class="btn-secondary mt-3" on:click=move |_| add(editor)>{add_label}</button>
        }
        .into_any_sync()
    } else {
        let visible: Vec<(usize, Column)> = columns
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, c)| c.kind != CellKind::PersonId)
            .collect();
        let heads = visible.clone();
        view! {
            <TableScroll label=title>
                <table class="data-table bg-white" id=format!("{id}-tabell")>
                    <caption class="sr-only">{title}</caption>
                    <thead>
                        <tr>{heads.into_iter().map(|(_, c)| view! { <th scope="col">{c.label}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        <Rows each=move || rows.get() key=|r| r.id.get_value() let:r>
                            <tr>
                                {visible.iter().map(|(i, c)| {
                                    let (i, kind) = (*i, c.kind);
                                    view! { <td class="whitespace-pre-line">{move || shown(kind, &r.cell(i).get())}</td> }
                                }).collect_view()}
                            </tr>
                        </Rows>
                    </tbody>
                </table>
            </TableScroll>
        }
        .into_any_sync()
    };
    view! {
        <section class="card mb-6" aria-labelledby=id>
            <h2 id=id class="mb-1 text-lg font-semibold">{title}</h2>
            <p class="mb-3 text-sm text-slate-700">{lead}</p>
            {move || rows.with(Vec::is_empty).then(|| view! { <p class="mb-2" id=format!("{id}-tom")>{empty}</p> })}
            {body}
            {summary.map(|s| view! {
                <p class="mt-3 text-sm font-medium" id=format!("{id}-summering")>{move || s.get()}</p>
            })}
            {note.map(|(text, label)| {
                let field = format!("{id}-text");
                view! {
                    <div class="mt-4 flex flex-col gap-1">
                        {if editable {
                            view! {
                                <label for=field.clone() class="text-sm font-medium">{label}</label>
                                <textarea id=field rows=3 class=format!("{FIELD} w-full") prop:value=move || text.get()
                                    on:input=move |ev| text.set(event_target_value(&ev))>{textarea_text(text.get_untracked())}</textarea>
                            }.into_any_sync()
                        } else {
                            view! {
                                {move || (!text.get().trim().is_empty()).then(|| view! {
                                    <h3 class="text-sm font-semibold">{label}</h3>
                                    <p class="whitespace-pre-line">{move || text.get()}</p>
                                })}
                            }.into_any_sync()
                        }}
                    </div>
                }
            })}
            {columns.iter().any(|c| c.field == "role").then(|| view! {
                <datalist id="pm3-roller">{PM3_ROLES.iter().map(|r| view! { <option value=*r></option> }).collect_view()}</datalist>
            })}
        </section>
    }
}

/// One row as a small form: a fieldset with a labelled field per column.
#[component]
fn RowForm(
    r: CellRow,
    id: &'static str,
    columns: &'static [Column],
    check: RowCheck,
    noun: &'static str,
    grid: &'static str,
    number: Signal<usize>,
    editor: Editor,
    rows: RwSignal<Vec<CellRow>>,
) -> impl IntoView {
    let rid = r.id.get_value();
    let legend = move || format!("{noun} {}", number.get());
    // The row is read once per change, not once per field that asks.
    let problem = Memo::new(move |_| check(&r));
    let fields = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind != CellKind::PersonId)
        .map(|(i, c)| {
            let field_id = format!("{id}-{}-{rid}", c.field);
            let error = move || problem.get().filter(|(at, _)| *at == i).map(|(_, m)| m);
            let error_id = format!("{field_id}-fel");
            let value = r.cell(i);
            let wide = if c.kind == CellKind::Text { "sm:col-span-2 lg:col-span-1" } else { "" };
            let input = match c.kind {
                CellKind::Text => view! {
                    <textarea id=field_id.clone() rows=2 class=format!("{FIELD} w-full") prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                        aria-invalid=move || error().is_some().to_string() aria-describedby=error_id.clone()>{textarea_text(value.get_untracked())}</textarea>
                }
                .into_any_sync(),
                CellKind::Level => view! {
                    <select id=field_id.clone() class=FIELD on:change=move |ev| value.set(event_target_value(&ev))
                        aria-invalid=move || error().is_some().to_string() aria-describedby=format!("{error_id} {field_id}-villkor")>
                        <option value="" selected=move || value.get().is_empty()>"Ej vald"</option>
                        {ServiceLevel::ALL.into_iter().map(|l| view! {
                            <option value=l.as_str() selected=move || value.get() == l.as_str()>{l.label_sv()}</option>
                        }).collect_view()}
                    </select>
                    <p id=format!("{field_id}-villkor") class="text-sm text-slate-700">{move || {
                        ServiceLevel::parse(&value.get()).map(|l| {
                            let (hours, restore, reliability) = l.terms_sv();
                            format!("{hours}. Återställning: {restore}. Driftsäkerhet: {reliability}.")
                        })
                    }}</p>
                }
                .into_any_sync(),
                CellKind::Person => view! { <PersonField r i value field_id=field_id.clone()/> }.into_any_sync(),
                kind => {
                    let (mode, list, placeholder) = match (kind, c.field) {
                        (CellKind::Fte, _) => ("decimal", None, "t.ex. 50"),
                        (_, "role") => ("text", Some("pm3-roller"), "Till exempel Objektspecialist"),
                        _ => ("text", None, ""),
                    };
                    view! {
                        <input id=field_id.clone() class=format!("{FIELD} w-full") inputmode=mode list=list placeholder=placeholder
                            maxlength="200" value=value.get_untracked() prop:value=move || value.get()
                            on:input=move |ev| value.set(event_target_value(&ev))
                            aria-invalid=move || error().is_some().to_string() aria-describedby=error_id.clone()/>
                    }
                    .into_any_sync()
                }
            };
            view! {
                <div class=format!("flex flex-col gap-1 {wide}")>
                    <label for=field_id.clone() class="text-sm font-medium lg:sr-only">{c.label}</label>
                    {input}
                    <p id=format!("{field_id}-fel") class="text-sm font-medium text-red-800">{error}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <li data-rad=rid.clone()>
            <fieldset class="rounded-md border border-slate-300 p-3 lg:border-0 lg:p-0">
                <legend class="px-1 font-semibold lg:sr-only">{legend}</legend>
                <div class=format!("grid gap-3 sm:grid-cols-2 {grid}")>
                    {fields}
                    <div class="lg:pt-1">
                        <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort {}", legend().to_lowercase())
                            on:click=move |_| editor.remove_row(rows, r)>"Ta bort"</button>
                    </div>
                </div>
            </fieldset>
        </li>
    }
}

/// A person: a name typed, or someone chosen from the directory (the
/// next cell keeps the directory's id); empty is "Ej tillsatt".
#[component]
fn PersonField(r: CellRow, i: usize, value: RwSignal<String>, field_id: String) -> impl IntoView {
    let person_id = r.cell(i + 1);
    let query = RwSignal::new(String::new());
    let hits = crate::org::views::people_hits(query);
    let hint_id = format!("{field_id}-hjalp");
    view! {
        <input id=field_id type="text" class=format!("{FIELD} w-full") autocomplete="off" maxlength="200" placeholder="Ej tillsatt"
            value=value.get_untracked() prop:value=move || value.get() aria-describedby=hint_id.clone()
            on:input=move |ev| {
                let typed = event_target_value(&ev);
                value.set(typed.clone());
                person_id.set(String::new());
                query.set(typed);
            }/>
        <p id=hint_id class="text-sm text-slate-700">{move || (!person_id.get().is_empty()).then_some("Ur katalogen")}</p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = hits.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <ul class="space-y-1" aria-label="Träffar i katalogen">
                        {list.into_iter().map(|h| {
                            let label = format!("Välj {} ({}, {})", h.name, h.username, h.unit);
                            view! {
                                <li>
                                    <button type="button" class="btn-secondary w-full text-left" on:click=move |_| {
                                        value.set(h.name.clone());
                                        person_id.set(h.id.to_string());
                                        let organisation = r.cell(i + 2);
                                        if organisation.get_untracked().trim().is_empty() {
                                            organisation.set(h.unit.clone());
                                        }
                                        query.set(String::new());
                                    }>{label}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            })}
        </Transition>
    }
}

/// "Organisation": each PM3 role, who holds it, their share of a full-time
/// post and who pays; on the plan page, the staffing beside what the goals
/// need.
#[component]
pub fn OrganisationSection(
    editor: Editor,
    editable: bool,
    /// The full-time equivalents the goals need (hundredths), on the plan page.
    #[prop(optional, into)]
    needed: Option<Signal<i64>>,
) -> impl IntoView {
    let summary = needed.map(|needed| {
        Signal::derive(move || {
            let staffed = i64::try_from(editor.staffed()).unwrap_or(i64::MAX);
            // Hundredths of a per cent of a post are ten-thousandths of an FTE.
            format!(
                "Bemanning i tabellen: {} heltider. Målen i planen kräver {} heltider.",
                crate::domain::format::decimal(staffed / 100, 2),
                crate::domain::format::decimal(needed.get(), 2)
            )
        })
    });
    view! {
        <TableSection id="organisation" title="Organisation"
            lead="Förvaltningsorganisationens roller enligt PM3, vem som har dem (ur katalogen, ett namn eller Ej tillsatt), hur stor del av en heltid och vem som betalar."
            columns=Staffing::COLUMNS grid="lg:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_minmax(0,2fr)_minmax(0,1fr)_minmax(0,2fr)_6.5rem]" rows=editor.staffing check={|r: &CellRow| r.parse::<Staffing>().err()}
            add={|e: Editor| e.add_row::<Staffing>(e.staffing)} add_label="Lägg till roll" noun="Roll"
            empty="Ingen roll är angiven." editor editable note=(editor.organisation, "Mer om organisationen")
            summary/>
    }
}

/// "Projekt och kända förändringar".
#[component]
pub fn ProjectsSection(editor: Editor, editable: bool) -> impl IntoView {
    view! {
        <TableSection id="projekt" title="Projekt och kända förändringar"
            lead="Projekt och förändringar som påverkar objektet under perioden: vad, hur objektet påverkas, när och vem som betalar."
            columns=Project::COLUMNS grid="lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_minmax(0,1fr)_minmax(0,2fr)_6.5rem]" rows=editor.project_list check={|r: &CellRow| r.parse::<Project>().err()}
            add={|e: Editor| e.add_row::<Project>(e.project_list)} add_label="Lägg till projekt" noun="Projekt"
            empty="Inga projekt är angivna." editor editable note=(editor.projects, "Mer om projekt och förändringar")/>
    }
}

/// "IT-tjänster och servicenivåer".
#[component]
pub fn ItServicesSection(editor: Editor, editable: bool) -> impl IntoView {
    view! {
        <TableSection id="it-tjanster" title="IT-tjänster och servicenivåer"
            lead="IT-tjänsterna som objektet använder och deras servicenivå (Järn, Brons, Silver, Guld eller Platina). Varje tjänst behöver en servicenivå innan planen skickas på avstämning."
            columns=ItService::COLUMNS grid="lg:grid-cols-[minmax(0,2fr)_minmax(0,1.3fr)_minmax(0,3fr)_6.5rem]" rows=editor.it_services check={|r: &CellRow| r.parse::<ItService>().err()}
            add={|e: Editor| e.add_row::<ItService>(e.it_services)} add_label="Lägg till IT-tjänst" noun="IT-tjänst"
            empty="Inga IT-tjänster är angivna." editor editable/>
    }
}

/// "Integrationer".
#[component]
pub fn IntegrationsSection(editor: Editor, editable: bool) -> impl IntoView {
    view! {
        <TableSection id="integrationer" title="Integrationer"
            lead="Integrationerna mellan objektets system och andra system: vad de för över och vem som ansvarar."
            columns=Integration::COLUMNS grid="lg:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_minmax(0,3fr)_6.5rem]" rows=editor.integrations check={|r: &CellRow| r.parse::<Integration>().err()}
            add={|e: Editor| e.add_row::<Integration>(e.integrations)} add_label="Lägg till integration" noun="Integration"
            empty="Inga integrationer är angivna." editor editable/>
    }
}
