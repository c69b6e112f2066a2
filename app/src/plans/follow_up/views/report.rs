//! `/forvaltning/uppfoljning?period=…`: the region-wide follow-up report
//! per family and object, printable and as CSV.

use super::{period_from_query, status_badge, PeriodPicker};
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll};
use crate::domain::follow_up::{GoalStatus, Measure, Period};
use crate::domain::format;
use crate::plans::follow_up::dto::*;
use crate::plans::follow_up::server_fns::get_follow_up_report;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FollowUpReportPage() -> impl IntoView {
    let period = period_from_query();
    let report = Resource::new(period, get_follow_up_report);
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
                    }.into_any(),
                    Ok(r) => view! { <ReportView r/> }.into_any(),
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
    view! {
        <Title text=format!("Uppföljningsrapport {label}")/>
        <PageHeader
            title=format!("Uppföljningsrapport – {label}")
            lead="Status och kommentar per mål för regionens förvaltningsobjekt, grupperat per objektfamilj, objekt och aktivitetstyp, med objektens indikatorer och utvecklingsprojekt."
        />
        <p class="hidden print:block mb-2 text-sm">{format!("Utskriven {today} ur Avrop.")}</p>
        <PeriodPicker current=code.clone()/>
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
                        <dd class="text-xl font-bold">{n}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
        <Staffing r=r.clone()/>
        {r.families.into_iter().map(|f| view! {
            <section class="mb-8" aria-label=f.name.clone()>
                <h2 class="mb-3 text-xl font-semibold">{f.name.clone()}</h2>
                {f.objects.into_iter().map(|o| view! { <ReportObjectView o period=r.period/> }).collect_view()}
            </section>
        }).collect_view()}
    }
}

#[component]
fn ReportObjectView(o: ReportObject, period: Period) -> impl IntoView {
    let link = format!("/forvaltning/uppfoljning/{}?period={}", o.object_id, period.code());
    view! {
        <article class="card mb-4 report-object" aria-label=o.name.clone()>
            <div class="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">{o.name.clone()}</h3>
                {match (o.plan_id, o.reported) {
                    (None, _) => view! { <span class="text-sm">"Ingen fastställd plan för året."</span> }.into_any(),
                    (Some(_), false) => view! { <a href=link class="text-sm font-medium">"Inte rapporterad för perioden"</a> }.into_any(),
                    (Some(_), true) => view! {
                        <a href=link class="text-sm">{format!("Rapporterad {} av {}", o.updated_at.map(format::date_time).unwrap_or_default(), o.updated_by)}</a>
                    }.into_any(),
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
                    <h4 class="font-semibold">"Utvecklingsprojekt och kända förändringar"</h4>
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
    const SHOWN: usize = 20;
    let code = r.period.code();
    let total = r.staffing.len();
    let rows: Vec<StaffingRow> = r.staffing.into_iter().take(SHOWN).collect();
    let days = |tenths: i64| crate::domain::plan::Days::from_tenths(tenths).to_string();
    view! {
        <section class="card mb-6 print-avoid-break" aria-labelledby="bemanning">
            <h2 id="bemanning" class="mb-1 text-lg font-semibold">"Bemanning mot plan"</h2>
            <p class="mb-3 text-sm text-slate-700">
                "Personaldagar som planerna betalar för från årets början till periodens slut, mot de dagar förvaltningarna har rapporterat. Längst efter först."
            </p>
            {if rows.is_empty() {
                view! { <p>"Inga fastställda planer för året."</p> }.into_any()
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
                }.into_any()
            }}
            <p class="no-print mt-2 text-sm">
                {(total > SHOWN).then(|| format!("Visar de {SHOWN} som ligger längst efter av {total}. "))}
                <a href=format!("/forvaltning/bemanning.csv?period={}", r.period.code()) download="">"Ladda ned bemanningen som CSV"</a>
            </p>
        </section>
    }
}
