//! `/forvaltning/jamfor?fran=…&till=…`: two plans of one object compared,
//! money per activity and the goals that changed.

use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll};
use crate::plans::dto::PlanRef;
use crate::plans::server_fns::get_comparison;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query_map();
    let ids = move || {
        let q = query.read();
        (
            q.get("fran").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0),
            q.get("till").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0),
        )
    };
    let comparison = Resource::new(ids, |(from, to)| get_comparison(from, to));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match comparison.await {
                    Err(err) => view! {
                        <Title text="Jämförelse"/>
                        <PageHeader title="Jämförelse"/>
                        <ErrorNotice err/>
                    }.into_any_sync(),
                    Ok(c) => {
                        let name = |r: &PlanRef| format!("{} revision {}", r.year, r.revision);
                        let title = format!("{}: {} jämfört med {}", c.object_name, name(&c.to), name(&c.from));
                        let (from_name, to_name, to_id) = (name(&c.from), name(&c.to), c.to.id);
                        let crumb = to_name.clone();
                        view! {
                            <Title text=title.clone()/>
                            <nav aria-label="Du är här" class="mb-3 text-sm">
                                <a href="/forvaltning">"Förvaltning"</a>" › "
                                <a href=format!("/forvaltning/plan/{to_id}")>{crumb}</a>
                            </nav>
                            <PageHeader title=title/>
                            <section class="card mb-6" aria-labelledby="pengar">
                                <h2 id="pengar" class="mb-3 text-lg font-semibold">"Kostnader och heltider per aktivitet"</h2>
                                <TableScroll label="Förändring per förvaltningsaktivitet">
                                    <table class="data-table" id="compare-table">
                                        <caption class="sr-only">"Förändring per förvaltningsaktivitet"</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Aktivitet"</th>
                                                <th scope="col" class="text-right">{from_name}</th>
                                                <th scope="col" class="text-right">{to_name}</th>
                                                <th scope="col" class="text-right">"Skillnad"</th>
                                                <th scope="col" class="text-right">"Procent"</th>
                                                <th scope="col" class="text-right">"Heltider"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {c.diff.activities.iter().map(|(a, d)| view! {
                                                <tr>
                                                    <th scope="row" class="text-left font-medium">{a.label_sv()}</th>
                                                    <td class="num">{d.before.kronor.to_string()}</td>
                                                    <td class="num">{d.after.kronor.to_string()}</td>
                                                    <td class="num">{d.kronor_change()}</td>
                                                    <td class="num">{d.percent()}</td>
                                                    <td class="num">{d.fte_change()}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                        <tfoot>
                                            <tr>
                                                <th scope="row" class="text-left">"Summa"</th>
                                                <td class="text-right font-semibold whitespace-nowrap">{c.diff.total.before.kronor.to_string()}</td>
                                                <td class="text-right font-semibold whitespace-nowrap">{c.diff.total.after.kronor.to_string()}</td>
                                                <td class="text-right font-semibold whitespace-nowrap" id="compare-total">{c.diff.total.kronor_change()}</td>
                                                <td class="text-right font-semibold whitespace-nowrap">{c.diff.total.percent()}</td>
                                                <td class="text-right font-semibold whitespace-nowrap">{c.diff.total.fte_change()}</td>
                                            </tr>
                                        </tfoot>
                                    </table>
                                </TableScroll>
                            </section>
                            <section class="card mb-6" aria-labelledby="mal-andringar">
                                <h2 id="mal-andringar" class="mb-3 text-lg font-semibold">"Mål"</h2>
                                {if c.diff.goals.is_empty() {
                                    view! { <p>"Inga mål har lagts till, tagits bort eller ändrats."</p> }.into_any_sync()
                                } else {
                                    view! {
                                        <ul class="space-y-2" id="goal-changes">
                                            {c.diff.goals.iter().map(|g| view! {
                                                <li>
                                                    <span class="font-medium">{format!("{}: ", g.kind.label_sv())}</span>
                                                    {format!("{} – {}", g.activity.label_sv(), g.text)}
                                                    {(!g.details.is_empty()).then(|| view! {
                                                        <span class="text-sm text-slate-700">{format!(" ({})", g.details.join(", "))}</span>
                                                    })}
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any_sync()
                                }}
                                {(!c.diff.sections.is_empty()).then(|| view! {
                                    <p class="mt-3 text-sm">{format!("Ändrade avsnitt: {}.", c.diff.sections.join(", "))}</p>
                                })}
                            </section>
                        }.into_any_sync()
                    }
                }
            })}
        </Suspense>
    }
}
