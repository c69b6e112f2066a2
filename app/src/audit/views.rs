//! `/admin/logg`: the audit log with filters, pages and CSV export.

use super::dto::{AuditFilter, AuditPage};
use super::labels::{action_label, detail_rows, object_label, AREAS};
use super::server_fns::list_audit;
use crate::admin::views::AdminTabs;
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        AuditFilter {
            actor: get("vem"),
            action: get("handling"),
            from: get("fran"),
            to: get("till"),
            before: get("fore").and_then(|b| b.parse().ok()),
        }
    };
    let page = Resource::new(filter, list_audit);
    let csv_href = move || {
        let f = filter();
        let mut params = Vec::new();
        for (k, v) in [
            ("vem", f.actor),
            ("handling", f.action),
            ("fran", f.from),
            ("till", f.to),
        ] {
            if let Some(v) = v {
                params.push(format!("{k}={}", urlencoding::encode(&v)));
            }
        }
        format!("/admin/logg.csv?{}", params.join("&"))
    };
    let value = move |k: &'static str| move || query.read().get(k).unwrap_or_default();
    let chosen_action = untrack(value("handling"));

    view! {
        <Title text="Logg"/>
        <AdminTabs/>
        <PageHeader title="Logg" lead="Vem gjorde vad, när och varifrån. Loggen kan inte ändras."/>
        <crate::components::SearchForm action="" attr:class="card mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" attr:role="search">
            <div class="flex flex-col gap-1">
                <label for="log-actor" class="font-medium">"Vem"</label>
                <input id="log-actor" name="vem" value=untrack(value("vem")) prop:value=value("vem") class="field" placeholder="Användarnamn"/>
            </div>
            <div class="flex flex-col gap-1">
                <label for="log-action" class="font-medium">"Handling"</label>
                <select id="log-action" name="handling" class="field" prop:value=value("handling")>
                    <option value="">"Alla"</option>
                    {AREAS.iter().map(|(prefix, area, actions)| {
                        let chosen = chosen_action.clone();
                        view! {
                            <optgroup label=*area>
                                <option value=*prefix selected=*prefix == chosen>{format!("{area}, alla")}</option>
                                {actions.iter().map(|(code, label)| view! {
                                    <option value=*code selected=*code == chosen>{*label}</option>
                                }).collect_view()}
                            </optgroup>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div class="flex flex-col gap-1">
                <label for="log-from" class="font-medium">"Från och med"</label>
                <input id="log-from" name="fran" type="date" value=untrack(value("fran")) prop:value=value("fran") class="field"/>
            </div>
            <div class="flex flex-col gap-1">
                <label for="log-to" class="font-medium">"Till och med"</label>
                <input id="log-to" name="till" type="date" value=untrack(value("till")) prop:value=value("till") class="field"/>
            </div>
            <div class="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-4">
                <button type="submit" class="btn-primary">"Filtrera"</button>
                <a href=csv_href rel="external" download="avrop-logg.csv" class="btn-secondary">"Exportera CSV"</a>
            </div>
        </crate::components::SearchForm>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <AuditTable page=p/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(
    /// One page of entries.
    page: AuditPage,
) -> impl IntoView {
    if page.entries.is_empty() {
        return view! { <p id="log-empty">"Inga poster matchar filtret."</p> }.into_any_sync();
    }
    let query = use_query_map();
    let older = page.next_before.map(|b| {
        let q = query.read_untracked();
        let mut params: Vec<String> = ["vem", "handling", "fran", "till"]
            .iter()
            .filter_map(|k| q.get(k).map(|v| format!("{k}={}", urlencoding::encode(&v))))
            .collect();
        params.push(format!("fore={b}"));
        format!("/admin/logg?{}", params.join("&"))
    });
    view! {
        <TableScroll label="Loggposter">
            <table class="data-table" id="log-table">
                <caption class="sr-only">"Loggposter, senaste först"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Tid (UTC)"</th>
                        <th scope="col">"Vem"</th>
                        <th scope="col">"Handling"</th>
                        <th scope="col">"Objekt"</th>
                        <th scope="col">"IP-adress"</th>
                        <th scope="col">"Detaljer"</th>
                    </tr>
                </thead>
                <tbody>
                    {page.entries.into_iter().map(|e| view! {
                        <tr>
                            <td class="whitespace-nowrap">{format::date_time(e.at)}</td>
                            <td>{e.actor}</td>
                            <td>{action_label(&e.action)}</td>
                            <td>{match (e.object_type, e.object_id) {
                                (Some(t), Some(i)) => format!("{} {i}", object_label(&t)),
                                (Some(t), None) => object_label(&t),
                                _ => "–".into(),
                            }}</td>
                            <td>{e.ip.unwrap_or_else(|| "–".into())}</td>
                            <td class="min-w-[14rem] text-sm">
                                <dl class="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2">
                                    {detail_rows(&e.detail).into_iter().map(|(field, value)| view! {
                                        <dt class="text-slate-700">{field}</dt><dd class="break-words">{value}</dd>
                                    }).collect_view()}
                                </dl>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
        {older.map(|href| view! { <p class="mt-4"><a href=href>"Äldre poster"</a></p> })}
    }
    .into_any_sync()
}
