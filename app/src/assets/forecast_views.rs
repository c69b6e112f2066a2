//! `/tillgangar/prognos`: the replacement forecast, budget input for the
//! management plans.

use super::dto::{Forecast, ForecastCell, ForecastRow};
use super::server_fns::get_forecast;
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForecastPage() -> impl IntoView {
    let query = use_query_map();
    let age = move || query.read().get("alder").unwrap_or_default();
    let data = Resource::new(age, get_forecast);
    view! {
        <Title text="Ersättningsprognos"/>
        <PageHeader title="Ersättningsprognos"
            lead="Datorer som når slutet av sin livslängd och vad standardersättarna kostar i dagens katalog: underlag till förvaltningsplanernas budget."/>
        <crate::components::SearchForm action="/tillgangar/prognos" attr:class="card mb-6 flex flex-wrap items-end gap-3" attr:id="forecast-form">
            <div class="flex flex-col gap-1">
                <label for="forecast-age" class="font-medium">"Livslängd från leverans (månader)"</label>
                <input id="forecast-age" name="alder" class="field" inputmode="numeric" maxlength="3" value=age placeholder="48"/>
            </div>
            <button type="submit" class="btn-secondary">"Visa prognosen"</button>
        </crate::components::SearchForm>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(f) => view! { <ForecastTables f/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

fn cell(c: ForecastCell) -> impl IntoView {
    view! {
        <td class="num">
            <span class="block font-medium">{format::count(c.count.max(0) as u64)}</span>
            <span class="block text-sm text-slate-700">{c.one_off.to_string()}</span>
            <span class="block text-sm text-slate-700">{format!("{}/mån", c.monthly)}</span>
        </td>
    }
}

#[component]
fn ForecastTable(
    id: &'static str,
    title: &'static str,
    first: &'static str,
    rows: Vec<ForecastRow>,
    total: ForecastRow,
) -> impl IntoView {
    view! {
        <section class="card mb-6 min-w-0" aria-labelledby=format!("{id}-rubrik")>
            <h2 id=format!("{id}-rubrik") class="mb-2 font-semibold">{title}</h2>
            <TableScroll label=title>
                <table class="data-table" id=id>
                    <caption class="sr-only">{title}</caption>
                    <thead><tr>
                        <th scope="col">{first}</th>
                        <th scope="col" class="text-right">"Redan passerat"</th>
                        <th scope="col" class="text-right">"Inom 3 mån"</th>
                        <th scope="col" class="text-right">"Inom 6 mån"</th>
                        <th scope="col" class="text-right">"Inom 12 mån"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row" class="font-normal">{r.label.clone()}</th>
                                {cell(r.overdue)}{cell(r.within_3)}{cell(r.within_6)}{cell(r.within_12)}
                            </tr>
                        }).collect_view()}
                        <tr class="font-semibold">
                            <th scope="row">{total.label.clone()}</th>
                            {cell(total.overdue)}{cell(total.within_3)}{cell(total.within_6)}{cell(total.within_12)}
                        </tr>
                    </tbody>
                </table>
            </TableScroll>
        </section>
    }
}

#[component]
fn ForecastTables(f: Forecast) -> impl IntoView {
    let rule = format!(
        "Slutet av livslängden räknas som {} månader efter leveransen. Räknat från i dag, {}: varje fönster innehåller de tidigare. Kostnaden är standardersättarens pris i dag (datorn med sina obligatoriska tillbehör och tjänster) – engångskostnad och månadskostnad. Datorer i drift, på reparation och i lager räknas.",
        f.age_months,
        format::date(f.today)
    );
    let empty = f.total.within_12.count == 0;
    view! {
        <p class="mb-4 text-sm text-slate-700" id="forecast-rule">{rule}</p>
        {if empty {
            view! { <p class="card" id="forecast-empty">"Inga datorer når slutet av sin livslängd inom 12 månader."</p> }.into_any_sync()
        } else {
            view! {
                <ForecastTable id="forecast-administrations" title="Per förvaltning" first="Förvaltning"
                    rows=f.per_administration.clone() total=f.total.clone()/>
                <ForecastTable id="forecast-centers" title="Per kostnadsställe" first="Kostnadsställe"
                    rows=f.per_cost_center.clone() total=f.total.clone()/>
            }.into_any_sync()
        }}
    }
}
