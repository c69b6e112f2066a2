//! `/forvaltning/portfolj?ar=…&q=…&familj=…&sida=…`: the year's adopted
//! plans summed per family and for the region, the region's IT
//! maintenance budget; and the objects, a page at a time (search by name,
//! filter by family).

use super::overview::OverviewFilter;
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::money::Sek;
use crate::domain::plan;
use crate::plans::diff::Delta;
use crate::plans::dto::{Portfolio, PortfolioQuery, PortfolioRow, Totals, PORTFOLIO_PAGE};
use crate::plans::server_fns::get_portfolio;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The address of the portfolio of `year` under `f`, page `page`.
fn href(year: i32, f: &OverviewFilter, page: u64) -> String {
    f.href_on("/forvaltning/portfolj", &[("ar", &year.to_string())], page)
}

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
    let filter = Memo::new(move |_| OverviewFilter::from_params(|k| query.read().get(k)));
    // The year before or after, if that is a plan year (no overflow).
    let step = move |by: i32| plan::PlanYear::new(year()).ok().and_then(|y| y.step(by));
    let portfolio = Resource::new(
        move || (year(), filter.get()),
        |(year, f)| {
            get_portfolio(
                year,
                PortfolioQuery {
                    family: f.family,
                    q: f.q,
                    page: f.page,
                },
            )
        },
    );
    let other_year = move |y: i32| {
        let f = filter.get();
        href(y, &f, 1)
    };
    view! {
        <Title text="Portfölj"/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/forvaltning">"Förvaltning"</a>" › Portfölj"</nav>
        <nav aria-label="År" class="mb-4 flex gap-4">
            {move || step(-1).map(|y| view! { <a href=other_year(y.get())>{format!("← {y}")}</a> })}
            {move || step(1).map(|y| view! { <a href=other_year(y.get())>{format!("{y} →")}</a> })}
        </nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let f = filter.get_untracked();
                match portfolio.await {
                    Err(err) => view! {
                        <ErrorNotice err/>
                        <p class="mt-4"><a href="/forvaltning/portfolj">"Visa årets portfölj"</a></p>
                    }.into_any_sync(),
                    Ok(p) => view! { <PortfolioView p f/> }.into_any_sync(),
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

/// A plan's money in a cell, or a dash without an adopted plan.
fn money(t: Option<Totals>, v: impl Fn(&Totals) -> Sek) -> String {
    t.map(|t| v(&t).to_string()).unwrap_or_else(|| "–".into())
}

#[component]
fn PortfolioView(
    /// The year's portfolio.
    p: Portfolio,
    /// The objects asked for, as in the address.
    f: OverviewFilter,
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
    let financing = p.financing.clone();
    let unsplit = p.unsplit;
    let families = p.families.clone();
    let (sum, last_year_sum, not_adopted) = (p.sum, p.last_year_sum, p.not_adopted);
    let objects: usize = p.families.iter().map(|f| f.objects).sum();
    let family_href = move |id: i32| {
        href(
            year,
            &OverviewFilter {
                family: Some(id),
                ..Default::default()
            },
            1,
        )
    };
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
        <section class="card mb-6" aria-labelledby="familjer">
            <h2 id="familjer" class="mb-3 text-lg font-semibold">"Objektfamiljer"</h2>
            <TableScroll label="Objektfamiljernas summor">
                <table class="data-table text-sm" id="portfolio-families">
                    <caption class="sr-only">{format!("Objektfamiljernas fastställda planer {year}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Objektfamilj"</th>
                            <th scope="col" class="text-right">"Objekt"</th>
                            <th scope="col" class="text-right">"Utan fastställd plan"</th>
                            <MoneyHeads year/>
                        </tr>
                    </thead>
                    <tbody>
                        {families.into_iter().map(|fam| view! {
                            <tr>
                                <th scope="row" class="text-left font-medium">
                                    <a href=family_href(fam.id) aria-label=format!("Visa objekten i {}", fam.name)>{fam.name.clone()}</a>
                                </th>
                                <td class="num">{fam.objects}</td>
                                <td class="num">{fam.not_adopted}</td>
                                <td class="num">{fam.sum.vm.to_string()}</td>
                                <td class="num">{fam.sum.vu.to_string()}</td>
                                <td class="num">{fam.sum.business.to_string()}</td>
                                <td class="num">{fam.sum.it.to_string()}</td>
                                <td class="num font-semibold">{fam.sum.total.to_string()}</td>
                                <td class="num">{fam.sum.fte.to_string()}</td>
                                <td class="num">{change(fam.last_year_sum.total, fam.sum.total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" class="text-left">"Regionen"</th>
                            <td class="num">{objects}</td>
                            <td class="num">{not_adopted}</td>
                            <td class="num">{sum.vm.to_string()}</td>
                            <td class="num">{sum.vu.to_string()}</td>
                            <td class="num">{sum.business.to_string()}</td>
                            <td class="num">{sum.it.to_string()}</td>
                            <td class="num font-bold">{sum.total.to_string()}</td>
                            <td class="num">{sum.fte.to_string()}</td>
                            <td class="num">{change(last_year_sum.total, sum.total)}</td>
                        </tr>
                    </tfoot>
                </table>
            </TableScroll>
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
                        {financing.into_iter().map(|t| view! {
                            <tr>
                                <th scope="row" class="text-left font-medium">{t.name.clone()}</th>
                                <td class="text-right">{t.plans}</td>
                                <td class="num">{t.amount.to_string()}</td>
                            </tr>
                        }).collect_view()}
                        <tr>
                            <th scope="row" class="text-left font-medium">"Utan fördelningsnyckel (objektägarens organisation)"</th>
                            <td class="text-right">"–"</td>
                            <td class="num">{unsplit.to_string()}</td>
                        </tr>
                    </tbody>
                </table>
            </TableScroll>
        </section>
        <PortfolioObjects p f/>
    }
}

/// The objects asked for, a page at a time, with the search form.
#[component]
fn PortfolioObjects(p: Portfolio, f: OverviewFilter) -> impl IntoView {
    let Portfolio {
        year,
        families,
        query,
        matching,
        pages,
        rows,
        ..
    } = p;
    let page = query.page;
    let filtered = !query.q.is_empty() || query.family.is_some();
    let first = (page - 1) as usize * PORTFOLIO_PAGE + 1;
    let count = match matching {
        0 => String::new(),
        1 => "1 objekt".to_owned(),
        n if pages == 1 => format!("{n} objekt"),
        n => format!("{first}–{} av {n} objekt", first + rows.len() - 1),
    };
    let previous = (page > 1).then(|| href(year, &f, page - 1));
    let next = (page < pages).then(|| href(year, &f, page + 1));
    let q = f.q.clone();
    let chosen = query.family;
    let caption = format!("Förvaltningsobjektens fastställda planer {year}");
    view! {
        <section class="card mb-6" aria-labelledby="objekt">
            <h2 id="objekt" class="mb-3 text-lg font-semibold">"Objekt"</h2>
            <crate::components::SearchForm action="/forvaltning/portfolj"
                attr:class="mb-4" attr:role="search" attr:id="portfolio-filter" attr:aria-label="Sök objekt i portföljen">
                <input type="hidden" name="ar" value=year.to_string()/>
                <div class="flex flex-wrap items-end gap-3">
                    <div class="flex min-w-0 flex-1 basis-48 flex-col gap-1">
                        <label for="portfolio-q" class="font-medium">"Sök på namn"</label>
                        <input id="portfolio-q" name="q" type="search" class=FIELD value=q.clone() prop:value=q
                            maxlength=crate::domain::search::MAX_TERM.to_string() placeholder="Till exempel Vårdinformationsstöd"/>
                    </div>
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="portfolio-family" class="font-medium">"Objektfamilj"</label>
                        <select id="portfolio-family" name="familj" class=FIELD>
                            <option value="" selected=chosen.is_none()>"Alla familjer"</option>
                            {families.iter().map(|fam| view! {
                                <option value=fam.id.to_string() selected=chosen == Some(fam.id)>{format!("{} ({})", fam.name, fam.objects)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="btn-primary">"Visa"</button>
                    {filtered.then(|| view! { <a href=href(year, &OverviewFilter::default(), 1)>"Rensa"</a> })}
                </div>
            </crate::components::SearchForm>
            <p id="portfolio-count" class="mb-2 text-sm text-slate-700" aria-live="polite">{count}</p>
            {if rows.is_empty() {
                view! {
                    <p id="portfolio-empty">{if filtered { "Inga objekt matchar sökningen." } else { "Inga förvaltningsobjekt ännu." }}</p>
                }.into_any_sync()
            } else {
                view! {
                    <TableScroll label=caption.clone()>
                        <table class="data-table text-sm" id="portfolio-objects">
                            <caption class="sr-only">{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Objekt"</th>
                                    <th scope="col">"Objektfamilj"</th>
                                    <th scope="col">"Plan"</th>
                                    <MoneyHeads year/>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! { <ObjectRow r/> }).collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                }.into_any_sync()
            }}
            {(pages > 1).then(|| view! {
                <nav class="mt-4 flex flex-wrap items-center gap-4" aria-label="Sidor med objekt">
                    {previous.map(|href| view! { <a href=href rel="prev">"Föregående sida"</a> })}
                    <span class="text-sm text-slate-700">{format!("Sida {page} av {pages}")}</span>
                    {next.map(|href| view! { <a href=href rel="next" id="portfolio-next">"Nästa sida"</a> })}
                </nav>
            })}
        </section>
    }
}

/// The money columns' headings of the families' and the objects' tables.
#[component]
fn MoneyHeads(year: i32) -> impl IntoView {
    view! {
        <th scope="col" class="text-right">"VM"</th>
        <th scope="col" class="text-right">"VU"</th>
        <th scope="col" class="text-right">"Verksamhet"</th>
        <th scope="col" class="text-right">"IT"</th>
        <th scope="col" class="text-right">"Totalt"</th>
        <th scope="col" class="text-right">"Heltider"</th>
        <th scope="col" class="text-right">{format!("Förändring mot {}", year - 1)}</th>
    }
}

#[component]
fn ObjectRow(r: PortfolioRow) -> impl IntoView {
    let status = match (r.plan_id, r.status, r.adopted.is_some()) {
        (Some(id), _, true) => view! { <a href=format!("/forvaltning/plan/{id}")>"Fastställd"</a> }.into_any_sync(),
        (Some(id), Some(s), false) => view! { <a href=format!("/forvaltning/plan/{id}")>{format!("Ej fastställd ({})", s.label_sv().to_lowercase())}</a> }.into_any_sync(),
        _ => view! { <span>"Ingen plan"</span> }.into_any_sync(),
    };
    let t = r.adopted;
    view! {
        <tr>
            <th scope="row" class="text-left font-medium">{r.object_name}</th>
            <td>{r.family_name}</td>
            <td class="whitespace-nowrap">{status}</td>
            <td class="num">{money(t, |t| t.vm)}</td>
            <td class="num">{money(t, |t| t.vu)}</td>
            <td class="num">{money(t, |t| t.business)}</td>
            <td class="num">{money(t, |t| t.it)}</td>
            <td class="num font-semibold">{money(t, |t| t.total)}</td>
            <td class="num">{t.map(|t| t.fte.to_string()).unwrap_or_else(|| "–".into())}</td>
            <td class="num">{match (r.adopted, r.last_year) {
                (Some(a), Some(b)) => change(b.total, a.total),
                (Some(_), None) => "ny".into(),
                _ => "–".into(),
            }}</td>
        </tr>
    }
}
