//! `/statistik`: the degree of automation per month of delivery — the
//! month's count and share per category, a twelve-month trend as a
//! server-rendered SVG chart with the same figures as a table, the
//! definitions of the categories, and lead times from order to delivery
//! per category and per supplier against the 60-day goal; CSV export.

use super::dto::{LeadRow, MonthFigures, StatisticsPage};
use super::server_fns::statistics_page;
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll};
use crate::domain::automation::{Category, Month, GOAL_DAYS};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A share as Swedish per cent with one decimal: `42,5 %`.
pub fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0).replace('.', ",")
}

/// The fill of each category in the chart and its legend: dark to light
/// from most to least automated, each distinct against white (WCAG 1.4.11).
/// Drawn as SVG fills (the content security policy allows no inline styles).
pub const fn colour(c: Category) -> &'static str {
    match c {
        Category::AutomatiseradLeverans => "#075985",
        Category::AutomatiseradSjalvservice => "#0284c7",
        Category::AutomatiseradOrder => "#b45309",
        Category::EjAutomatiserad => "#64748b",
    }
}

/// One bar segment of the chart: a category's share of a month, from `y`
/// down `height` (in per mille of the plot's height, 0 at the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub category: Category,
    pub y: u32,
    pub height: u32,
}

/// The segments of one month's 100 % bar, most automated at the bottom;
/// none for a month without deliveries. The heights add up to 1000
/// exactly (the last segment takes what rounding left).
pub fn segments(m: &MonthFigures) -> Vec<Segment> {
    if m.total == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut bottom = 1000u32;
    let shown: Vec<(Category, u64)> = Category::ALL
        .iter()
        .map(|c| (*c, m.categories.get(c.as_str()).map(|f| f.count).unwrap_or(0)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut used = 0u64;
    for (i, (c, n)) in shown.iter().enumerate() {
        let height = if i + 1 == shown.len() {
            bottom
        } else {
            used += n;
            let top_of = 1000 - (used * 1000 / m.total) as u32;
            bottom - top_of
        };
        out.push(Segment {
            category: *c,
            y: bottom - height,
            height,
        });
        bottom -= height;
    }
    out
}

#[component]
pub fn StatisticsPageView() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(move || query.read().get("manad").unwrap_or_default(), statistics_page);
    view! {
        <Title text="Statistik"/>
        <PageHeader
            title="Automatiseringsgrad"
            lead="Hur levererade beställningar gick genom kedjan: utan mänsklig hand, med bara attesten, med koordinatorns hjälp eller för hand. Varje beställning räknas i den månad den levererades, i exakt en kategori."
        />
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Statistics p/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Statistics(p: StatisticsPage) -> impl IntoView {
    let current = p.trend.last().cloned();
    let first = p.trend.first().map(|m| m.month.clone()).unwrap_or_default();
    let csv = format!("/statistik/automatisering.csv?from={first}&to={}", p.month);
    let chosen = p.month.clone();
    view! {
        <crate::components::SearchForm action="/statistik" attr:class="mb-6 flex flex-wrap items-end gap-3" attr:id="month-form">
            <div class="flex flex-col gap-1">
                <label for="stat-month" class="font-medium">"Månad"</label>
                <select id="stat-month" name="manad" class="field" prop:value=chosen.clone()>
                    {p.months.iter().map(|(code, label)| {
                        let sel = *code == chosen;
                        view! { <option value=code.clone() selected=sel>{label.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn-secondary">"Visa"</button>
            <a href=csv id="statistics-csv" download="">"Ladda ner tolv månader som CSV"</a>
        </crate::components::SearchForm>
        {current.map(|m| view! { <MonthTable m label=p.month_label.clone()/> })}
        <Trend trend=p.trend.clone()/>
        <section class="mb-8" aria-labelledby="ledtider">
            <h2 id="ledtider" class="mb-1 text-xl font-semibold">"Ledtider "{p.month_label.clone()}</h2>
            <p class="mb-3 max-w-3xl text-slate-700">
                {format!("Dagar från beställning till leverans: median och 90:e percentilen, och andelen levererad inom målet {GOAL_DAYS} dagar.")}
            </p>
            <LeadTable id="lead-by-category" caption="Ledtider per kategori" first="Kategori" rows=p.by_category.clone()/>
            <LeadTable id="lead-by-supplier" caption="Ledtider per leverantör (varje leverantörs del av beställningen)" first="Leverantör" rows=p.by_supplier.clone()/>
        </section>
        <section class="card" aria-labelledby="definitioner">
            <h2 id="definitioner" class="mb-2 text-lg font-semibold">"Så räknas kategorierna"</h2>
            <dl class="flex flex-col gap-2">
                {Category::ALL.iter().map(|c| view! {
                    <div>
                        <dt class="font-medium">{c.label_sv()}</dt>
                        <dd class="text-slate-800">{c.definition_sv()}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <p class="mt-3 text-sm text-slate-700">"Beställningen klassas när den levereras och igen om någon rör den efteråt (till exempel en fakturaavvikelse). Avslagna och makulerade beställningar räknas inte."</p>
        </section>
    }
}

#[component]
fn MonthTable(m: MonthFigures, label: String) -> impl IntoView {
    view! {
        <section class="mb-8" aria-labelledby="manadens-siffror">
            <h2 id="manadens-siffror" class="mb-2 text-xl font-semibold">"Levererat "{label.clone()}": "{format::count(m.total)}" beställningar"</h2>
            <TableScroll label="Månadens beställningar per kategori">
                <table class="data-table" id="month-figures">
                    <caption class="sr-only">{format!("Levererade beställningar {label} per kategori")}</caption>
                    <thead><tr>
                        <th scope="col">"Kategori"</th>
                        <th scope="col" class="text-right">"Antal"</th>
                        <th scope="col" class="text-right">"Andel"</th>
                    </tr></thead>
                    <tbody>
                        {Category::ALL.iter().map(|c| {
                            let f = m.categories.get(c.as_str()).cloned();
                            let (n, share) = f.map(|f| (f.count, f.share)).unwrap_or((0, 0.0));
                            view! {
                                <tr data-category=c.as_str()>
                                    <th scope="row" class="font-normal">
                                        <svg class="mr-2 inline-block h-3 w-3 align-middle" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" rx="2" fill=colour(*c)/></svg>
                                        {c.label_sv()}
                                    </th>
                                    <td class="text-right">{format::count(n)}</td>
                                    <td class="text-right">{percent(share)}</td>
                                </tr>
                            }
                        }).collect_view()}
                        <tr class="font-semibold">
                            <th scope="row">"Totalt"</th>
                            <td class="text-right">{format::count(m.total)}</td>
                            <td class="text-right">{if m.total == 0 { "–".to_owned() } else { percent(1.0) }}</td>
                        </tr>
                    </tbody>
                </table>
            </TableScroll>
        </section>
    }
}

/// The twelve-month trend: 100 % bars per month (SVG, drawn on the
/// server) and the same figures as a table.
#[component]
fn Trend(trend: Vec<MonthFigures>) -> impl IntoView {
    const W: u32 = 720;
    const H: u32 = 240;
    const LEFT: u32 = 44;
    const BOTTOM: u32 = 28;
    let plot_h = H - BOTTOM - 8;
    let n = trend.len().max(1) as u32;
    let slot = (W - LEFT) / n;
    let bar = slot * 6 / 10;
    let y_of = |permille: u32| 8 + permille * plot_h / 1000;
    let summary = trend
        .last()
        .map(|m| {
            let auto: f64 = Category::ALL[..3]
                .iter()
                .filter_map(|c| m.categories.get(c.as_str()).map(|f| f.share))
                .sum();
            format!(
                "Andel per kategori för varje månad. Senaste månaden, {}, var {} automatiserad i någon grad.",
                Month::parse(&m.month).map(|x| x.label_sv()).unwrap_or_default(),
                percent(auto)
            )
        })
        .unwrap_or_default();
    view! {
        <section class="mb-8" aria-labelledby="trend">
            <h2 id="trend" class="mb-2 text-xl font-semibold">"Tolv månader"</h2>
            <figure class="card mb-3 overflow-x-auto">
                <svg viewBox=format!("0 0 {W} {H}") class="h-auto w-full min-w-[32rem]" role="img" aria-labelledby="trend-title trend-desc" id="trend-chart">
                    <title id="trend-title">"Automatiseringsgrad per månad"</title>
                    <desc id="trend-desc">{summary}</desc>
                    {[0u32, 250, 500, 750, 1000].into_iter().map(|p| {
                        let y = y_of(1000 - p);
                        view! {
                            <line x1=LEFT x2=W y1=y y2=y stroke="#cbd5e1" stroke-width="1"/>
                            <text x=LEFT - 6 y=y + 4 text-anchor="end" font-size="11" fill="#334155">{format!("{} %", p / 10)}</text>
                        }
                    }).collect_view()}
                    {trend.iter().enumerate().map(|(i, m)| {
                        let x = LEFT + i as u32 * slot + (slot - bar) / 2;
                        let label = Month::parse(&m.month).map(|x| format!("{:02}/{}", x.month, x.year % 100)).unwrap_or_default();
                        view! {
                            <g data-month=m.month.clone()>
                                {segments(m).into_iter().map(|s| view! {
                                    <rect x=x y=y_of(s.y) width=bar height=s.height * plot_h / 1000 fill=colour(s.category)>
                                        <title>{format!("{}: {}", s.category.label_sv(), m.month)}</title>
                                    </rect>
                                }).collect_view()}
                                {(m.total == 0).then(|| view! {
                                    <text x=x + bar / 2 y=y_of(1000) - 4 text-anchor="middle" font-size="10" fill="#334155">"–"</text>
                                })}
                                <text x=x + bar / 2 y=H - 10 text-anchor="middle" font-size="11" fill="#334155">{label}</text>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <figcaption class="mt-2 flex flex-wrap gap-4 text-sm">
                    {Category::ALL.iter().map(|c| view! {
                        <span class="inline-flex items-center gap-1">
                            <svg class="inline-block h-3 w-3" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" rx="2" fill=colour(*c)/></svg>
                            {c.label_sv()}
                        </span>
                    }).collect_view()}
                </figcaption>
            </figure>
            <details>
                <summary class="cursor-pointer">"Visa siffrorna som tabell"</summary>
                <TableScroll label="Tolv månader per kategori">
                    <table class="data-table mt-2" id="trend-table">
                        <caption class="sr-only">"Levererade beställningar per månad och kategori, andel inom parentes"</caption>
                        <thead><tr>
                            <th scope="col">"Månad"</th>
                            {Category::ALL.iter().map(|c| view! { <th scope="col" class="text-right">{c.label_sv()}</th> }).collect_view()}
                            <th scope="col" class="text-right">"Totalt"</th>
                        </tr></thead>
                        <tbody>
                            {trend.iter().map(|m| view! {
                                <tr>
                                    <th scope="row" class="font-normal">{m.month.clone()}</th>
                                    {Category::ALL.iter().map(|c| {
                                        let f = m.categories.get(c.as_str()).cloned();
                                        let text = f.map(|f| format!("{} ({})", format::count(f.count), percent(f.share))).unwrap_or_else(|| "0".into());
                                        view! { <td class="num">{text}</td> }
                                    }).collect_view()}
                                    <td class="text-right">{format::count(m.total)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            </details>
        </section>
    }
}

#[component]
fn LeadTable(id: &'static str, caption: &'static str, first: &'static str, rows: Vec<LeadRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="mb-4 text-slate-700" id=id>"Inga leveranser den här månaden."</p> }.into_any_sync();
    }
    view! {
        <TableScroll label=caption class="mb-4">
            <table class="data-table" id=id>
                <caption class="mb-1 text-left font-medium">{caption}</caption>
                <thead><tr>
                    <th scope="col">{first}</th>
                    <th scope="col" class="text-right">"Antal"</th>
                    <th scope="col" class="text-right">"Median (dagar)"</th>
                    <th scope="col" class="text-right">"90:e percentilen (dagar)"</th>
                    <th scope="col" class="text-right">{format!("Inom {GOAL_DAYS} dagar")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row" class="font-normal">{r.label.clone()}</th>
                            <td class="text-right">{format::count(u64::from(r.lead.count))}</td>
                            <td class="text-right">{r.lead.median_days}</td>
                            <td class="text-right">{r.lead.p90_days}</td>
                            <td class="text-right">{percent(f64::from(r.lead.within_goal_permille) / 1000.0)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any_sync()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fulfilment::dto::CategoryFigure;

    fn month(counts: [u64; 4]) -> MonthFigures {
        let total: u64 = counts.iter().sum();
        MonthFigures {
            month: "2026-11".into(),
            total,
            categories: Category::ALL
                .iter()
                .zip(counts)
                .map(|(c, count)| {
                    (
                        c.as_str().to_owned(),
                        CategoryFigure {
                            count,
                            share: if total == 0 { 0.0 } else { count as f64 / total as f64 },
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn a_bar_fills_the_plot_exactly_most_automated_at_the_bottom() {
        for counts in [
            [1, 1, 1, 0],
            [3, 0, 0, 0],
            [0, 7, 2, 1],
            [333, 333, 333, 1],
            [1, 0, 0, 999],
        ] {
            let s = segments(&month(counts));
            assert_eq!(s.iter().map(|x| x.height).sum::<u32>(), 1000, "{counts:?}");
            assert_eq!(s.len(), counts.iter().filter(|n| **n > 0).count());
            // Stacked without gaps from the bottom (1000) up.
            let mut bottom = 1000;
            for seg in &s {
                assert_eq!(seg.y + seg.height, bottom);
                bottom = seg.y;
            }
            assert_eq!(bottom, 0);
        }
        let s = segments(&month([1, 1, 0, 2]));
        assert_eq!(
            s.iter().map(|x| (x.category, x.height)).collect::<Vec<_>>(),
            vec![
                (Category::AutomatiseradLeverans, 250),
                (Category::AutomatiseradSjalvservice, 250),
                (Category::EjAutomatiserad, 500)
            ]
        );
        assert!(segments(&month([0, 0, 0, 0])).is_empty());
    }

    #[test]
    fn shares_are_swedish_per_cent() {
        assert_eq!(percent(0.425), "42,5 %");
        assert_eq!(percent(1.0), "100,0 %");
        assert_eq!(percent(0.0), "0,0 %");
    }
}
