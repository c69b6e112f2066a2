//! `/forvaltning/plan/:id/utskrift`: the plan as one document for A4, in
//! the customer's chapter order with numbered headings, the decision
//! (date, minutes, approvers) on the first page, a page break before each
//! chapter and the tables kept whole. "Skriv ut eller spara som PDF" is
//! the browser's own print dialog: the print view is the document.

use super::plan::costs::RollUpTable;
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll};
use crate::domain::plan::{Activity, PlanStatus};
use crate::domain::{adoption, format};
use crate::plans::dto::{shown, CellKind, Goal, PlanDto, PlanTable};
use crate::plans::server_fns::get_plan;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PlanPrintPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let plan = Resource::new(id, get_plan);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Err(err) => view! {
                        <Title text="Förvaltningsplan"/>
                        <PageHeader title="Förvaltningsplan"/>
                        <ErrorNotice err/>
                    }.into_any_sync(),
                    Ok(p) => view! { <PlanDocument p/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

/// A text as paragraphs (blank lines part them), or a note that it is empty.
fn paragraphs(text: &str) -> AnyView {
    let parts: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    if parts.is_empty() {
        view! { <p class="text-slate-700">"Inte ifyllt."</p> }.into_any_sync()
    } else {
        parts
            .into_iter()
            .map(|p| view! { <p class="mb-2 whitespace-pre-line">{p}</p> })
            .collect_view()
            .into_any_sync()
    }
}

/// A numbered chapter: a new page in print.
#[component]
fn Chapter<C: IntoView + 'static>(
    n: usize,
    id: &'static str,
    title: &'static str,
    children: TypedChildren<C>,
) -> impl IntoView {
    let children = children.into_inner();
    view! {
        <section class="print-chapter mb-8" aria-labelledby=id>
            <h2 id=id class="mb-3 border-b border-slate-300 pb-1 text-xl font-semibold">{format!("{n} {title}")}</h2>
            {children()}
        </section>
    }
}

#[component]
fn Sub<C: IntoView + 'static>(n: String, title: &'static str, children: TypedChildren<C>) -> impl IntoView {
    let children = children.into_inner();
    view! {
        <h3 class="mt-4 mb-2 font-semibold">{format!("{n} {title}")}</h3>
        {children()}
    }
}

fn period_line(p: &PlanDto) -> String {
    let start = p
        .content
        .period_start
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(p.year, 1, 1).unwrap_or_default());
    let end = p
        .content
        .period_end
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(p.year, 12, 31).unwrap_or_default());
    format!("{} – {}", format::date(start), format::date(end))
}

/// The first page's decision: who adopted the plan and when, or where it
/// stands.
#[component]
fn Decision(p: PlanDto) -> impl IntoView {
    let state = match (p.status, p.decided_on) {
        (PlanStatus::Faststalld, Some(day)) => format!("Fastställd {}", format::date(day)),
        (status, _) => format!("{} – inte fastställd", status.label_sv()),
    };
    let waiting = p.adoption.waiting();
    view! {
        <section class="print-avoid-break mb-6 rounded border border-slate-400 p-4" aria-labelledby="beslutet" id="print-decision">
            <h2 id="beslutet" class="mb-2 text-lg font-semibold">"Beslut"</h2>
            <p class="mb-2 font-medium">{state}</p>
            {(!p.decision_minutes.is_empty()).then(|| view! {
                <p class="mb-2">{format!("Protokoll: {}", p.decision_minutes)}</p>
            })}
            <p class="mb-2">{format!("Fastställs av {}.", adoption::phrase_list(&p.adoption.required))}</p>
            {(!p.adoption.approvals.is_empty()).then(|| view! {
                <TableScroll label="Godkännanden">
                <table class="data-table" id="print-approvers">
                    <caption class="sr-only">"Godkännanden"</caption>
                    <thead><tr><th scope="col">"Roll"</th><th scope="col">"Namn"</th><th scope="col">"Beslutsdatum"</th><th scope="col">"Anteckning"</th></tr></thead>
                    <tbody>
                        {p.adoption.approvals.iter().map(|a| view! {
                            <tr>
                                <td>{a.role.label_sv()}</td>
                                <td>{a.name.clone()}</td>
                                <td>{format::date(a.decided_on)}</td>
                                <td>{a.comment.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </TableScroll>
            })}
            {(p.status == PlanStatus::UnderAvstamning && !waiting.is_empty()).then(|| view! {
                <p class="mt-2">{format!("Väntar på godkännande av {}.", adoption::phrase_list(&waiting))}</p>
            })}
        </section>
    }
}

/// One of the plan's tables as the document shows it, or `empty`.
fn plan_table<T: PlanTable>(id: &'static str, label: &'static str, rows: &[T], empty: &'static str) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="mb-2 text-slate-700">{empty}</p> }.into_any_sync();
    }
    let columns: Vec<(usize, CellKind, &'static str)> = T::COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind != CellKind::PersonId)
        .map(|(i, c)| (i, c.kind, c.label))
        .collect();
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let cells = r.cells();
            columns.iter().map(|(i, kind, _)| shown(*kind, &cells[*i])).collect()
        })
        .collect();
    view! {
        <TableScroll label=label>
            <table class="data-table mb-2" id=id>
                <caption class="sr-only">{label}</caption>
                <thead><tr>{columns.iter().map(|(_, _, l)| view! { <th scope="col">{*l}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {lines.into_iter().map(|line| view! {
                        <tr>{line.into_iter().map(|cell| view! { <td class="whitespace-pre-line">{cell}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any_sync()
}

fn goal_table(activity: Activity, goals: Vec<Goal>) -> impl IntoView {
    view! {
        <TableScroll label=activity.label_sv()>
            <table class="data-table" id=format!("print-goals-{}", activity.as_str())>
                <caption class="sr-only">{format!("Mål inom {}", activity.label_sv())}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Nr"</th>
                        <th scope="col">"Mål"</th>
                        <th scope="col">"VM/VU"</th>
                        <th scope="col">"Behov"</th>
                        <th scope="col" class="text-right">"Dagar verksamhet"</th>
                        <th scope="col" class="text-right">"Dagar IT"</th>
                        <th scope="col" class="text-right">"Fast kostnad verksamhet"</th>
                        <th scope="col" class="text-right">"Fast kostnad IT"</th>
                    </tr>
                </thead>
                <tbody>
                    {goals.into_iter().enumerate().map(|(i, g)| view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td class="whitespace-pre-line">{g.text}</td>
                            <td>{g.class.label_sv()}</td>
                            <td>{g.needs}</td>
                            <td class="num">{g.days_business.to_string()}</td>
                            <td class="num">{g.days_it.to_string()}</td>
                            <td class="num">{g.fixed_business.to_string()}</td>
                            <td class="num">{g.fixed_it.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn PlanDocument(p: PlanDto) -> impl IntoView {
    let title = format!("Förvaltningsplan {} – {}", p.year, p.object_name);
    let today = format::date(chrono::Local::now().date_naive());
    let c = p.content.clone();
    let roll_up = Signal::stored(p.roll_up.clone());
    let split = c.split(p.roll_up.total.kronor);
    let back = format!("/forvaltning/plan/{}", p.id);
    let object_name = p.object_name.clone();
    let crumb = object_name.clone();
    let family = p.family.clone();
    let period = period_line(&p);
    let revision = p.revision;
    let status = p.status.label_sv();
    let changed = format!("{} av {}", format::date_time(p.updated_at), p.updated_by);
    let rates = format!(
        "Dagpris verksamhet {}, dagpris IT {}, {} arbetsdagar per heltid.",
        p.settings.day_rate_business, p.settings.day_rate_it, p.settings.days_per_fte
    );
    let total = p.roll_up.total.kronor;
    let activities: Vec<(Activity, String, Vec<Goal>)> = Activity::ALL
        .into_iter()
        .map(|a| {
            let goals = c.goals.iter().filter(|g| g.activity == a).cloned().collect();
            (a, c.activity_goal(a).to_owned(), goals)
        })
        .collect();
    view! {
        <Title text=title.clone()/>
        <nav aria-label="Du är här" class="no-print mb-3 text-sm">
            <a href="/forvaltning">"Förvaltning"</a>" › "<a href=back.clone()>{crumb}</a>" › Utskrift"
        </nav>
        <div class="no-print mb-6 flex flex-wrap gap-3">
            <button type="button" class="btn-primary" id="print-plan" on:click=move |_| {
                #[cfg(feature = "hydrate")]
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }>"Skriv ut eller spara som PDF"</button>
            <a href=back class="btn-secondary">"Tillbaka till planen"</a>
        </div>
        <article id="plan-document" class="plan-document">
            <div class="mb-6" id="print-title">
                <p class="text-sm text-slate-700">{format!("{family} · {object_name}")}</p>
                <h1 class="mb-2 text-3xl font-bold">{title}</h1>
                <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                    <dt class="font-medium">"Förvaltningsobjekt"</dt><dd>{object_name.clone()}</dd>
                    <dt class="font-medium">"Objektfamilj"</dt><dd>{family.clone()}</dd>
                    <dt class="font-medium">"Planperiod"</dt><dd>{period.clone()}</dd>
                    <dt class="font-medium">"Revision"</dt><dd>{revision}</dd>
                    <dt class="font-medium">"Status"</dt><dd>{status}</dd>
                    <dt class="font-medium">"Senast ändrad"</dt><dd>{changed}</dd>
                </dl>
                <p class="mt-2 text-sm text-slate-700">{format!("Utskriven {today} ur Avrop.")}</p>
            </div>
            <Decision p/>
            <nav aria-labelledby="innehall" class="print-avoid-break mb-8">
                <h2 id="innehall" class="mb-2 text-lg font-semibold">"Innehåll"</h2>
                <ol class="list-decimal pl-6">
                    {CHAPTERS.iter().map(|(_, t)| view! { <li>{*t}</li> }).collect_view()}
                </ol>
            </nav>

            <Chapter n=1 id="p-inledning" title=CHAPTERS[0].1>
                <Sub n="1.1".into() title="Planperiod"><p class="mb-2">{period}</p></Sub>
                <Sub n="1.2".into() title="Bakgrund">{paragraphs(&c.background)}</Sub>
                <Sub n="1.3".into() title="Syfte">{paragraphs(&c.purpose)}</Sub>
                <Sub n="1.4".into() title="Målgrupp">{paragraphs(&c.target_group)}</Sub>
            </Chapter>
            <Chapter n=2 id="p-objekt" title=CHAPTERS[1].1>
                <Sub n="2.1".into() title="Objektbeskrivning">{paragraphs(&c.object_description)}</Sub>
                <Sub n="2.2".into() title="Förvaltningsprodukter">{paragraphs(&c.products)}</Sub>
                <Sub n="2.3".into() title="IT-tjänster och servicenivåer">
                    {plan_table("print-it-services", "IT-tjänster och servicenivåer", &c.it_services, "Inga IT-tjänster är angivna.")}
                </Sub>
                <Sub n="2.4".into() title="Integrationer">
                    {plan_table("print-integrations", "Integrationer", &c.integrations, "Inga integrationer är angivna.")}
                </Sub>
            </Chapter>
            <Chapter n=3 id="p-nulage" title=CHAPTERS[2].1>
                <Sub n="3.1".into() title="Nuläge">{paragraphs(&c.current_state)}</Sub>
                <Sub n="3.2".into() title="Problem och behov">
                    {if c.needs.is_empty() {
                        view! { <p class="text-slate-700">"Inga behov är angivna."</p> }.into_any_sync()
                    } else {
                        view! {
                            <ol class="list-decimal pl-6" id="print-needs">
                                {c.needs.iter().map(|n| view! {
                                    <li class="mb-2">
                                        {(!n.title.is_empty()).then(|| view! { <span class="block font-semibold">{n.title.clone()}</span> })}
                                        <span class="block whitespace-pre-line">{n.text.clone()}</span>
                                        {n.excluded.then(|| view! { <span class="block text-sm font-medium">"Ingår ej i planen."</span> })}
                                        {n.financed_elsewhere.then(|| view! { <span class="block text-sm font-medium">"Finansieras utanför förvaltningen."</span> })}
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any_sync()
                    }}
                </Sub>
            </Chapter>
            <Chapter n=4 id="p-mal" title=CHAPTERS[3].1>
                <Sub n="4.1".into() title="Övergripande mål">{paragraphs(&c.overall_goals)}</Sub>
                {activities.into_iter().enumerate().map(|(i, (a, overall, goals))| {
                    let n = format!("4.{}", i + 2);
                    view! {
                        <div class="print-avoid-break">
                            <h3 class="mt-4 mb-2 font-semibold">{format!("{n} {}", a.label_sv())}</h3>
                            {(!overall.trim().is_empty()).then(|| view! {
                                <p class="mb-2 whitespace-pre-line"><span class="font-medium">"Övergripande mål: "</span>{overall}</p>
                            })}
                            {if goals.is_empty() {
                                view! { <p class="text-slate-700">"Inga mål."</p> }.into_any_sync()
                            } else {
                                goal_table(a, goals).into_any_sync()
                            }}
                        </div>
                    }
                }).collect_view()}
            </Chapter>
            <Chapter n=5 id="p-resurser" title=CHAPTERS[4].1>
                <p class="mb-2">{rates}</p>
                <div class="print-avoid-break"><RollUpTable roll_up/></div>
            </Chapter>
            <Chapter n=6 id="p-finansiering" title=CHAPTERS[5].1>
                {match split {
                    Ok(parts) if !parts.is_empty() => view! {
                        <TableScroll label="Fördelningsnyckel">
                        <table class="data-table print-avoid-break" id="print-financing">
                            <caption class="sr-only">"Fördelningsnyckel"</caption>
                            <thead><tr><th scope="col">"Part"</th><th scope="col" class="text-right">"Andel"</th><th scope="col" class="text-right">"Belopp"</th></tr></thead>
                            <tbody>
                                {c.financing.iter().zip(parts).map(|(party, (_, amount))| view! {
                                    <tr>
                                        <td>{party.name.clone()}</td>
                                        <td class="text-right">{format!("{} %", crate::domain::cost_split::share_text(party.share))}</td>
                                        <td class="num">{amount.to_string()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr class="font-semibold"><th scope="row">"Totalt"</th><td class="text-right">"100 %"</td><td class="num">{total.to_string()}</td></tr></tfoot>
                        </table>
                        </TableScroll>
                    }.into_any_sync(),
                    Ok(_) => view! { <p>"Ingen fördelningsnyckel: förvaltningen finansieras av objektägarens organisation."</p> }.into_any_sync(),
                    Err(problem) => view! { <p>{problem}</p> }.into_any_sync(),
                }}
            </Chapter>
            <Chapter n=7 id="p-organisation" title=CHAPTERS[6].1>
                {plan_table("print-staffing", "Organisation", &c.staffing, "Ingen roll är angiven.")}
                {(!c.organisation.trim().is_empty()).then(|| paragraphs(&c.organisation))}
            </Chapter>
            <Chapter n=8 id="p-fora" title=CHAPTERS[7].1>
                {if c.forums.is_empty() {
                    view! { <p class="text-slate-700">"Inga forum är angivna."</p> }.into_any_sync()
                } else {
                    view! {
                        <TableScroll label="Beslutsfora och arbetsfora">
                        <table class="data-table" id="print-forums">
                            <caption class="sr-only">"Beslutsfora och arbetsfora"</caption>
                            <thead><tr><th scope="col">"Forum"</th><th scope="col">"Slag"</th><th scope="col">"Syfte"</th><th scope="col">"Deltagare"</th><th scope="col">"Frekvens"</th><th scope="col">"Sammankallande"</th></tr></thead>
                            <tbody>
                                {c.forums.iter().map(|f| view! {
                                    <tr>
                                        <td>{f.name.clone()}</td>
                                        <td>{if f.kind == "beslut" { "Beslutsforum" } else { "Arbetsforum" }}</td>
                                        <td>{f.purpose.clone()}</td>
                                        <td>{f.participants.clone()}</td>
                                        <td>{f.frequency.clone()}</td>
                                        <td>{f.convener.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </TableScroll>
                    }.into_any_sync()
                }}
            </Chapter>
            <Chapter n=9 id="p-projekt" title=CHAPTERS[8].1>
                {plan_table("print-projects", "Projekt och kända förändringar", &c.project_list, "Inga projekt är angivna.")}
                {(!c.projects.trim().is_empty()).then(|| paragraphs(&c.projects))}
            </Chapter>
        </article>
    }
}

/// The document's chapters, in the customer's order.
const CHAPTERS: &[(&str, &str)] = &[
    ("p-inledning", "Inledning"),
    ("p-objekt", "Objektbeskrivning och förvaltningsprodukter"),
    ("p-nulage", "Nulägesbeskrivning, problem och behov"),
    ("p-mal", "Mål per förvaltningsaktivitet"),
    ("p-resurser", "Resurser och kostnader"),
    ("p-finansiering", "Finansiering och fördelningsnyckel"),
    ("p-organisation", "Organisation"),
    ("p-fora", "Beslutsfora och arbetsfora"),
    ("p-projekt", "Projekt och kända förändringar"),
];
