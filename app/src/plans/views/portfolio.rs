//! `/forvaltning/portfolj?ar=…`: the year's adopted plans per family and
//! object, the region's IT maintenance budget.

use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll};
use crate::domain::money::Sek;
use crate::domain::plan;
use crate::plans::diff::Delta;
use crate::plans::dto::Portfolio;
use crate::plans::server_fns::get_portfolio;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let query = use_query_map();
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    // The year as asked; the server refuses one outside the plan years.
    let year = move || {
        query
            .read()
            .get("ar")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(this_year)
    };
    // The year before or after, if that is a plan year (no overflow).
    let step = move |by: i32| plan::PlanYear::new(year()).ok().and_then(|y| y.step(by));
    let portfolio = Resource::new(year, get_portfolio);
    view! {
        <Title text="Portfölj"/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/forvaltning">"Förvaltning"</a>" › Portfölj"</nav>
        <nav aria-label="År" class="mb-4 flex gap-4">
            {move || step(-1).map(|y| view! { <a href=format!("/forvaltning/portfolj?ar={y}")>{format!("← {y}")}</a> })}
            {move || step(1).map(|y| view! { <a href=format!("/forvaltning/portfolj?ar={y}")>{format!("{y} →")}</a> })}
        </nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match portfolio.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                    Ok(p) => view! { <PortfolioView p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn change(before: Sek, after: Sek) -> String {
    let cell = |k: Sek| plan::Cell {
        kronor: k,
        ..Default::default()
    };
    let d = Delta {
        before: cell(before),
        after: cell(after),
    };
    format!("{} ({})", d.kronor_change(), d.percent())
}

#[component]
fn PortfolioView(
    /// The year's portfolio.
    p: Portfolio,
) -> impl IntoView {
    let max = p
        .families
        .iter()
        .flat_map(|f| [f.sum.total.ore(), f.last_year_sum.total.ore()])
        .max()
        .unwrap_or(0)
        .max(1);
    // SVG attributes, not inline styles: the CSP allows no `style`.
    let width = move |v: Sek| format!("{:.1}%", v.ore() as f64 * 100.0 / max as f64);
    let year = p.year;
    view! {
        <PageHeader
            title=format!("Förvaltningsportfölj {year}")
            lead="De fastställda förvaltningsplanernas kostnader och heltider per objektfamilj och objekt. Summan är regionens förvaltningsbudget för IT."
        />
        <section class="card mb-6" aria-labelledby="region">
            <h2 id="region" class="mb-2 text-lg font-semibold">"Regionen"</h2>
            <dl class="grid gap-2 sm:grid-cols-4" id="portfolio-sum">
                <div><dt class="text-sm text-slate-700">"Totalt"</dt><dd class="text-xl font-bold">{p.sum.total.to_string()}</dd></div>
                <div><dt class="text-sm text-slate-700">"Heltider"</dt><dd class="text-xl font-bold">{p.sum.fte.to_string()}</dd></div>
                <div><dt class="text-sm text-slate-700">{format!("Jämfört med {}", year - 1)}</dt><dd class="text-xl font-bold">{change(p.last_year_sum.total, p.sum.total)}</dd></div>
                <div><dt class="text-sm text-slate-700">"Utan fastställd plan"</dt><dd class="text-xl font-bold">{format!("{} objekt", p.not_adopted)}</dd></div>
            </dl>
            <h3 class="mt-4 mb-2 font-semibold">"Per objektfamilj"</h3>
            <ul class="space-y-3" aria-label="Diagram: kostnad per objektfamilj i år och förra året">
                {p.families.iter().map(|f| view! {
                    <li>
                        <p class="text-sm font-medium">{format!("{}: {} ({} år {})", f.name, f.sum.total, f.last_year_sum.total, year - 1)}</p>
                        <svg class="mt-1 block h-5 w-full" aria-hidden="true" focusable="false">
                            <rect x="0" y="0" height="12" rx="3" width=width(f.sum.total) class="fill-sky-800"></rect>
                            <rect x="0" y="14" height="6" rx="3" width=width(f.last_year_sum.total) class="fill-slate-400"></rect>
                        </svg>
                    </li>
                }).collect_view()}
            </ul>
            <p class="mt-2 text-xs text-slate-700">"Mörk stapel: i år. Ljus stapel: förra året."</p>
        </section>
        <section class="card mb-6" aria-labelledby="finansiering">
            <h2 id="finansiering" class="mb-2 text-lg font-semibold">"Finansiering per part"</h2>
            <p class="mb-3 text-sm text-slate-700">"De fastställda planernas totaler fördelade enligt varje plans fördelningsnyckel, summerade per finansierande part."</p>
            <TableScroll label="Finansiering per part">
                <table class="data-table text-sm" id="portfolio-financing">
                    <caption class="sr-only">{format!("Finansiering per part {year}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Part"</th>
                            <th scope="col" class="text-right">"Planer"</th>
                            <th scope="col" class="text-right">"Belopp"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {p.financing.iter().map(|t| view! {
                            <tr>
                                <th scope="row" class="text-left font-medium">{t.name.clone()}</th>
                                <td class="text-right">{t.plans}</td>
                                <td class="num">{t.amount.to_string()}</td>
                            </tr>
                        }).collect_view()}
                        <tr>
                            <th scope="row" class="text-left font-medium">"Utan fördelningsnyckel (objektägarens organisation)"</th>
                            <td class="text-right">"–"</td>
                            <td class="num">{p.unsplit.to_string()}</td>
                        </tr>
                    </tbody>
                </table>
            </TableScroll>
        </section>
        {p.families.into_iter().map(|f| {
            let name = f.name.clone();
            let caption = format!("{} – fastställda planer {}", f.name, year);
            view! {
            <section class="card mb-6" aria-label=name.clone()>
                <h2 class="mb-3 text-lg font-semibold">{name.clone()}</h2>
                <TableScroll label=caption.clone()>
                    <table class="data-table text-sm">
                        <caption class="sr-only">{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Objekt"</th>
                                <th scope="col">"Plan"</th>
                                <th scope="col" class="text-right">"VM"</th>
                                <th scope="col" class="text-right">"VU"</th>
                                <th scope="col" class="text-right">"Verksamhet"</th>
                                <th scope="col" class="text-right">"IT"</th>
                                <th scope="col" class="text-right">"Totalt"</th>
                                <th scope="col" class="text-right">"Heltider"</th>
                                <th scope="col" class="text-right">{format!("Förändring mot {}", year - 1)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {f.rows.into_iter().map(|r| {
                                let status = match (r.plan_id, r.status, r.adopted.is_some()) {
                                    (Some(id), _, true) => view! { <a href=format!("/forvaltning/plan/{id}")>"Fastställd"</a> }.into_any(),
                                    (Some(id), Some(s), false) => view! { <a href=format!("/forvaltning/plan/{id}")>{format!("Ej fastställd ({})", s.label_sv().to_lowercase())}</a> }.into_any(),
                                    _ => view! { <span>"Ingen plan"</span> }.into_any(),
                                };
                                let t = r.adopted.unwrap_or_default();
                                let money = move |v: Sek| if r.adopted.is_some() { v.to_string() } else { "–".into() };
                                view! {
                                    <tr>
                                        <th scope="row" class="text-left font-medium">{r.object_name.clone()}</th>
                                        <td>{status}</td>
                                        <td class="num">{money(t.vm)}</td>
                                        <td class="num">{money(t.vu)}</td>
                                        <td class="num">{money(t.business)}</td>
                                        <td class="num">{money(t.it)}</td>
                                        <td class="num font-semibold">{money(t.total)}</td>
                                        <td class="num">{if r.adopted.is_some() { t.fte.to_string() } else { "–".into() }}</td>
                                        <td class="num">{match (r.adopted, r.last_year) {
                                            (Some(a), Some(b)) => change(b.total, a.total),
                                            (Some(_), None) => "ny".into(),
                                            _ => "–".into(),
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row" class="text-left" colspan="2">"Summa"</th>
                                <td class="num">{f.sum.vm.to_string()}</td>
                                <td class="num">{f.sum.vu.to_string()}</td>
                                <td class="num">{f.sum.business.to_string()}</td>
                                <td class="num">{f.sum.it.to_string()}</td>
                                <td class="num font-bold">{f.sum.total.to_string()}</td>
                                <td class="num">{f.sum.fte.to_string()}</td>
                                <td class="num">{change(f.last_year_sum.total, f.sum.total)}</td>
                            </tr>
                        </tfoot>
                    </table>
                </TableScroll>
            </section>
            }
        }).collect_view()}
    }
}
