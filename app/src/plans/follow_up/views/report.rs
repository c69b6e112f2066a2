//! `/forvaltning/uppfoljning?period=…`: the region-wide follow-up report
//! per family and object, printable and as CSV.

use super::{period_from_query, status_badge, PeriodPicker};
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll};
use crate::domain::follow_up::{GoalStatus, Measure, Period};
use crate::domain::format;
use crate::plans::follow_up::dto::*;
use crate::plans::follow_up::server_fns::get_follow_up_report;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The report's address for `period`, family `family` and page `page`.
fn report_href(period: &str, family: Option<i32>, page: u32) -> String {
    let mut href = format!("/forvaltning/uppfoljning?period={period}");
    if let Some(id) = family {
        href.push_str(&format!("&familj={id}"));
    }
    if page > 1 {
        href.push_str(&format!("&sida={page}"));
    }
    href
}

#[component]
pub fn FollowUpReportPage() -> impl IntoView {
    let period = period_from_query();
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (period(), get("familj"), get("sida"))
    };
    let report = Resource::new(asked, |(period, family, page)| {
        get_follow_up_report(period, family, page)
    });
    view! {
        <nav aria-label="Du är här" class="no-print mb-3 text-sm"><a href="/forvaltning">"Förvaltning"</a>" › Uppföljning"</nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match report.await {
                    Err(err) => view! {
                        <Title text="Uppföljningsrapport"/>
                        <PageHeader title="Uppföljningsrapport"/>
                        <PeriodPicker current=period()/>
                        <ErrorNotice err/>
                        <p><a href=report_href(&period(), None, 1)>"Visa rapportens första sida"</a></p>
                    }.into_any_sync(),
                    Ok(r) => view! { <ReportView r/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(
    /// The period's report.
    r: FollowUpReport,
) -> impl IntoView {
    let label = r.period.label_sv();
    let code = r.period.code();
    let today = format::date(chrono::Local::now().date_naive());
    let paging = r.paging.unwrap_or(ReportPaging {
        family: None,
        page: 1,
        pages: 1,
        first: 0,
        shown: 0,
        total: 0,
    });
    view! {
        <Title text=format!("Uppföljningsrapport {label}")/>
        <PageHeader
            title=format!("Uppföljningsrapport – {label}")
            lead="Status och kommentar per mål för regionens förvaltningsobjekt, grupperat per objektfamilj, objekt och aktivitetstyp, med objektens indikatorer och utvecklingsprojekt."
        />
        <p class="hidden print:block mb-2 text-sm">{format!("Utskriven {today} ur Avrop.")}</p>
        <PeriodPicker current=code.clone() family=paging.family/>
        <div class="no-print mb-6 flex flex-wrap gap-3">
            <button type="button" class="btn-secondary" id="print-report" on:click=move |_| {
                #[cfg(feature = "hydrate")]
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }>"Skriv ut eller spara som PDF"</button>
            <a class="btn-secondary" href=format!("/forvaltning/uppfoljning.csv?period={code}") download="">"Ladda ned som CSV"</a>
        </div>
        <section class="card mb-6 print-avoid-break" aria-labelledby="sammanfattning">
            <h2 id="sammanfattning" class="mb-2 text-lg font-semibold">"Sammanfattning"</h2>
            <dl class="grid grid-cols-2 gap-2 sm:grid-cols-5" id="report-summary">
                <div>
                    <dt class="text-sm text-slate-700">"Rapporterade objekt"</dt>
                    <dd class="text-xl font-bold">{format!("{} av {}", r.objects_reported, r.objects_with_plan)}</dd>
                </div>
                {GoalStatus::ALL.into_iter().zip(r.status_counts).map(|(s, n)| view! {
                    <div>
                        <dt class="text-sm text-slate-700">{format!("Mål {}", s.label_sv().to_lowercase())}</dt>
                        <dd class="text-xl font-bold">{format::count(u64::from(n))}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
        <Staffing r=r.clone()/>
        <Families overview=r.overview.clone() paging period=code.clone()/>
        <section aria-labelledby="mal-per-objekt">
            <h2 id="mal-per-objekt" class="mb-1 text-xl font-semibold">
                {match paging.family.and_then(|id| r.overview.iter().find(|f| f.id == id)) {
                    Some(f) => format!("Mål per objekt – {}", f.name),
                    None => "Mål per objekt".to_owned(),
                }}
            </h2>
            <p class="mb-4 text-sm text-slate-700" id="report-place">
                {if paging.total == 0 {
                    "Inga förvaltningsobjekt.".to_owned()
                } else {
                    format!(
                        "Objekt {}–{} av {}, sida {} av {}.",
                        format::count(u64::from(paging.first)),
                        format::count(u64::from(paging.first + paging.shown - 1)),
                        format::count(u64::from(paging.total)),
                        paging.page,
                        paging.pages,
                    )
                }}
            </p>
            {r.families.into_iter().map(|f| view! {
                <section class="mb-8" aria-label=f.name.clone()>
                    <h3 class="mb-3 text-lg font-semibold">{f.name.clone()}</h3>
                    {f.objects.into_iter().map(|o| view! { <ReportObjectView o period=r.period/> }).collect_view()}
                </section>
            }).collect_view()}
            <Pages paging period=code/>
        </section>
    }
}

/// Each family's objects and goals per status, each a link to its objects'
/// goals; and a link back to every family's when one is chosen.
#[component]
fn Families(overview: Vec<FamilySummary>, paging: ReportPaging, period: String) -> impl IntoView {
    let all = paging.family.map(|_| report_href(&period, None, 1));
    view! {
        <section class="card mb-6 no-print" aria-labelledby="objektfamiljer">
            <h2 id="objektfamiljer" class="mb-1 text-lg font-semibold">"Objektfamiljer"</h2>
            <p class="mb-3 text-sm text-slate-700">"Välj en familj för att läsa målen för dess objekt."</p>
            <TableScroll label="Objektfamiljer">
                <table class="data-table bg-white" id="family-table">
                    <caption class="sr-only">"Objektfamiljer med rapporterade objekt och mål per status"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Objektfamilj"</th>
                            <th scope="col" class="text-right">"Objekt"</th>
                            <th scope="col" class="text-right">"Rapporterade"</th>
                            {GoalStatus::ALL.into_iter().map(|s| view! {
                                <th scope="col" class="text-right">{s.label_sv()}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {overview.into_iter().map(|f| {
                            let current = paging.family == Some(f.id);
                            view! {
                                <tr class=if current { "bg-sky-50" } else { "" }>
                                    <th scope="row" class="text-left font-medium">
                                        <a
                                            href=report_href(&period, Some(f.id), 1)
                                            aria-current=current.then_some("page")
                                        >{f.name.clone()}</a>
                                    </th>
                                    <td class="num">{format::count(u64::from(f.objects))}</td>
                                    <td class="num">{format!("{} av {}", format::count(u64::from(f.reported)), format::count(u64::from(f.with_plan)))}</td>
                                    {f.status_counts.into_iter().map(|n| view! {
                                        <td class="num">{format::count(u64::from(n))}</td>
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
            {all.map(|href| view! { <p class="mt-2 text-sm"><a href=href>"Visa alla familjers objekt"</a></p> })}
        </section>
    }
}

/// The links to the report's other pages of objects.
#[component]
fn Pages(paging: ReportPaging, period: String) -> impl IntoView {
    let link = move |page: u32| report_href(&period, paging.family, page);
    let previous = (paging.page > 1).then(|| link(paging.page - 1));
    let next = (paging.page < paging.pages).then(|| link(paging.page + 1));
    (paging.pages > 1).then(|| {
        view! {
            <nav aria-label="Rapportens sidor" class="no-print mt-4 flex flex-wrap items-center gap-4">
                {previous.map(|href| view! { <a href=href rel="prev">"Föregående sida"</a> })}
                <span class="text-sm">{format!("Sida {} av {}", paging.page, paging.pages)}</span>
                {next.map(|href| view! { <a href=href rel="next" id="next-page">"Nästa sida"</a> })}
            </nav>
        }
    })
}

#[component]
fn ReportObjectView(o: ReportObject, period: Period) -> impl IntoView {
    let link = format!("/forvaltning/uppfoljning/{}?period={}", o.object_id, period.code());
    view! {
        <article class="card mb-4 report-object" aria-label=o.name.clone()>
            <div class="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <h4 class="text-lg font-semibold">{o.name.clone()}</h4>
                {match (o.plan_id, o.reported) {
                    (None, _) => view! { <span class="text-sm">"Ingen fastställd plan för året."</span> }.into_any_sync(),
                    (Some(_), false) => view! { <a href=link class="text-sm font-medium">"Inte rapporterad för perioden"</a> }.into_any_sync(),
                    (Some(_), true) => view! {
                        <a href=link class="text-sm">{format!("Rapporterad {} av {}", o.updated_at.map(format::date_time).unwrap_or_default(), o.updated_by)}</a>
                    }.into_any_sync(),
                }}
            </div>
            {o.kinds.into_iter().map(|k| view! {
                <TableScroll label=k.kind.clone() class="mb-3">
                    <table class="data-table min-w-[36rem] table-fixed text-sm">
                        <caption class="mb-1 text-left font-semibold">{k.kind.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="w-[42%]">"Mål"</th>
                                <th scope="col" class="w-[9%]">"VM/VU"</th>
                                <th scope="col" class="w-[14%]">"Status"</th>
                                <th scope="col" class="w-[35%]">"Kommentar"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {k.goals.into_iter().map(|g| view! {
                                <tr>
                                    <td>{g.text}</td>
                                    <td>{g.class}</td>
                                    <td>{status_badge(g.status)}</td>
                                    <td>{g.comment}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            }).collect_view()}
            {(!o.indicators.is_empty()).then(|| view! {
                <TableScroll label="Indikatorer" class="mb-3">
                    <table class="data-table text-sm">
                        <caption class="mb-1 text-left font-semibold">"Indikatorer"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Indikator"</th>
                                <th scope="col" class="text-right">"Ackumulerad budget"</th>
                                <th scope="col" class="text-right">"Utfall"</th>
                                <th scope="col" class="text-right">"Målvärde"</th>
                                <th scope="col" class="text-right">"Måluppfyllnad"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {o.indicators.into_iter().map(|i| {
                                let show = |m: Option<Measure>| m.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
                                view! {
                                    <tr>
                                        <td>{i.name.clone()}</td>
                                        <td class="num">{show(i.budget)}</td>
                                        <td class="num">{show(i.outcome)}</td>
                                        <td class="num">{i.target_text()}</td>
                                        <td class="num">{i.fulfilment().map(|p| p.to_string()).unwrap_or_else(|| "–".into())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            })}
            {(!o.projects.trim().is_empty()).then(|| view! {
                <div>
                    <h5 class="font-semibold">"Utvecklingsprojekt och kända förändringar"</h5>
                    <p class="whitespace-pre-line text-sm">{o.projects.clone()}</p>
                </div>
            })}
        </article>
    }
}

/// The objects furthest behind the staffing their plans pay for: the
/// person-days planned from the year's start to the period's end against
/// those reported.
#[component]
fn Staffing(r: FollowUpReport) -> impl IntoView {
    let code = r.period.code();
    let total = r.staffing_total as usize;
    let rows = r.staffing;
    let shown = rows.len();
    let days = |tenths: i64| crate::domain::plan::Days::from_tenths(tenths).to_string();
    view! {
        <section class="card mb-6 print-avoid-break" aria-labelledby="bemanning">
            <h2 id="bemanning" class="mb-1 text-lg font-semibold">"Bemanning mot plan"</h2>
            <p class="mb-3 text-sm text-slate-700">
                "Personaldagar som planerna betalar för från årets början till periodens slut, mot de dagar förvaltningarna har rapporterat. Längst efter först."
            </p>
            {if rows.is_empty() {
                view! { <p>"Inga fastställda planer för året."</p> }.into_any_sync()
            } else {
                view! {
                    <TableScroll label="Bemanning mot plan">
                        <table class="data-table bg-white" id="staffing-table">
                            <caption class="sr-only">"Bemanning mot plan per objekt, längst efter först"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Objekt"</th>
                                    <th scope="col">"Objektfamilj"</th>
                                    <th scope="col" class="text-right">"Planerade dagar"</th>
                                    <th scope="col" class="text-right">"Rapporterade dagar"</th>
                                    <th scope="col" class="text-right">"Bemanning"</th>
                                    <th scope="col" class="text-right">"Planerade kronor"</th>
                                    <th scope="col" class="text-right">"Rapporterade kronor"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|s| view! {
                                    <tr>
                                        <th scope="row" class="text-left font-medium">
                                            <a href=format!("/forvaltning/uppfoljning/{}?period={code}", s.object_id)>{s.name.clone()}</a>
                                        </th>
                                        <td>{s.family.clone()}</td>
                                        <td class="num">{days(s.planned_days)}</td>
                                        <td class="num">{days(s.actual_days)}</td>
                                        <td class="num font-semibold">{s.staffed.map(|p| p.to_string()).unwrap_or_else(|| "–".into())}</td>
                                        <td class="num">{s.planned_kronor.to_string()}</td>
                                        <td class="num">{s.actual_kronor.to_string()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                }.into_any_sync()
            }}
            <p class="no-print mt-2 text-sm">
                {(total > shown).then(|| format!("Visar de {shown} som ligger längst efter av {}. ", format::count(total as u64)))}
                <a href=format!("/forvaltning/bemanning.csv?period={}", r.period.code()) download="">"Ladda ned bemanningen som CSV"</a>
            </p>
        </section>
    }
}
