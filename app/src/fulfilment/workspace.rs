//! `/koordinering`: the coordinators' workspace. Queues by status with
//! counts, the orders of one queue with their age in working days against
//! the status's target (overdue rows marked), filters in the address (so a
//! filter is a link: saved, shared, exported as CSV), taking orders one at
//! a time or in bulk, the deviations queue and the target times.

use super::dto::{DeviationRow, QueueFilter, QueuePage, QueueRow, SavedFilterDto, TargetDto};
use super::server_fns::{coordination_queue, DeleteFilter, SaveFilter, SetTargets, TakeOrders};
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const FIELD: &str = "field";

#[component]
pub fn CoordinationPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || QueueFilter::from_params(|k| query.read().get(k));
    let take = ServerAction::<TakeOrders>::new();
    let save = ServerAction::<SaveFilter>::new();
    let delete = ServerAction::<DeleteFilter>::new();
    let targets = ServerAction::<SetTargets>::new();
    let page = Resource::new(
        move || {
            (
                filter(),
                take.version().get(),
                save.version().get(),
                delete.version().get(),
                targets.version().get(),
            )
        },
        |(f, ..)| coordination_queue(f),
    );
    view! {
        <Title text="Koordinering"/>
        <PageHeader
            title="Koordinering"
            lead="Pågående beställningar per status, med hur länge de har legat där mot måltiden, och avvikelser. Filtrera, ta beställningar och följ upp det som är försenat."
        />
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Workspace p take save delete targets/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

fn link(f: &QueueFilter) -> String {
    let q = f.to_query();
    if q.is_empty() {
        "/koordinering".into()
    } else {
        format!("/koordinering?{q}")
    }
}

#[component]
fn Workspace(
    p: QueuePage,
    take: ServerAction<TakeOrders>,
    save: ServerAction<SaveFilter>,
    delete: ServerAction<DeleteFilter>,
    targets: ServerAction<SetTargets>,
) -> impl IntoView {
    let f = p.filter.clone();
    let current = if f.queue.is_empty() {
        "oppna".to_owned()
    } else {
        f.queue.clone()
    };
    let deviations_queue = current == "avvikelser";
    let csv = format!("/koordinering/export.csv?{}", f.to_query());
    let next = p.next_cursor.clone().map(|c| {
        let q = f.to_query();
        if q.is_empty() {
            format!("/koordinering?efter={c}")
        } else {
            format!("/koordinering?{q}&efter={c}")
        }
    });
    let first = (!f.cursor.is_empty()).then(|| link(&f));
    view! {
        <nav aria-label="Köer" class="mb-4">
            <ul class="flex flex-wrap gap-2" id="queues">
                {p.queues.clone().into_iter().map(|q| {
                    let here = q.code == current;
                    let class = if here {
                        "inline-flex items-center gap-2 rounded-md border border-sky-800 bg-sky-800 px-3 py-1.5 text-sm font-medium text-white"
                    } else {
                        "inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 hover:border-sky-700"
                    };
                    view! {
                        <li>
                            <a href=link(&f.in_queue(&q.code)) class=class aria-current=here.then_some("page") data-queue=q.code.clone()>
                                {q.label.clone()}
                                <span class="whitespace-nowrap rounded bg-slate-100 px-1.5 text-slate-900" data-count="">{q.text()}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        <FilterForm f=f.clone() options=p.options.clone()/>
        <SavedFilters saved=p.saved.clone() current=f.to_query() save delete/>
        {if deviations_queue {
            view! { <DeviationQueue rows=p.deviations.clone()/> }.into_any_sync()
        } else {
            view! { <OrderQueue rows=p.rows.clone() take/> }.into_any_sync()
        }}
        <div class="mt-4 flex flex-wrap items-center gap-4">
            {first.map(|href| view! { <a href=href>"Första sidan"</a> })}
            {next.map(|href| view! { <a href=href id="next-page">"Nästa sida"</a> })}
            <a href=csv id="queue-csv" download="">"Ladda ner som CSV (hela filtret)"</a>
        </div>
        <Targets targets=p.targets.clone() may_set=p.may_set_targets action=targets/>
    }
}

#[component]
fn FilterForm(f: QueueFilter, options: super::dto::QueueOptions) -> impl IntoView {
    let select = |id: &'static str,
                  name: &'static str,
                  label: &'static str,
                  all: &'static str,
                  chosen: String,
                  opts: Vec<(i32, String)>| {
        let value = chosen.clone();
        view! {
            <div class="flex min-w-0 flex-col gap-1">
                <label for=id class="font-medium">{label}</label>
                <select id=id name=name class="field w-full" prop:value=value>
                    <option value="">{all}</option>
                    {opts.into_iter().map(|(oid, n)| {
                        let v = oid.to_string();
                        let sel = v == chosen;
                        view! { <option value=v selected=sel>{n}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let check = |id: &'static str, name: &'static str, label: &'static str, on: bool| {
        view! {
            <div class="flex items-center gap-2">
                <input id=id type="checkbox" name=name value="1" checked=on prop:checked=on class="h-4 w-4"/>
                <label for=id>{label}</label>
            </div>
        }
    };
    let queue = f.queue.clone();
    let cost_center = f.cost_center.clone();
    let active = [
        !f.administration.is_empty(),
        !f.cost_center.is_empty(),
        !f.supplier.is_empty(),
        !f.category.is_empty(),
        f.overdue,
        f.deviation,
        f.mine,
    ]
    .into_iter()
    .filter(|on| *on)
    .count();
    let open = active > 0;
    let summary = match active {
        0 => "Filter".to_owned(),
        1 => "Filter (1 valt)".to_owned(),
        n => format!("Filter ({n} valda)"),
    };
    view! {
        // Open while a filter is chosen; closed otherwise, so that the
        // queue is on a phone's first screen.
        <details class="card mb-4" open=open id="queue-filter-box">
            <summary class="cursor-pointer font-semibold">{summary}</summary>
            <crate::components::SearchForm action="/koordinering" attr:class="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" attr:role="search" attr:id="queue-filter">
                <input type="hidden" name="ko" value=queue/>
                {select("filter-forvaltning", "forvaltning", "Förvaltning", "Alla förvaltningar", f.administration.clone(), options.administrations)}
                <div class="flex min-w-0 flex-col gap-1">
                    <label for="filter-kostnadsstalle" class="font-medium">"Kostnadsställe (kod)"</label>
                    <input id="filter-kostnadsstalle" name="kostnadsstalle" class="field w-full" value=cost_center.clone() prop:value=cost_center inputmode="numeric" placeholder="t.ex. 41210"/>
                </div>
                {select("filter-leverantor", "leverantor", "Leverantör", "Alla leverantörer", f.supplier.clone(), options.suppliers)}
                {select("filter-kategori", "kategori", "Kategori", "Alla kategorier", f.category.clone(), options.categories)}
                <fieldset class="flex flex-col gap-2 sm:col-span-2">
                    <legend class="sr-only">"Visa bara"</legend>
                    {check("filter-forsenade", "forsenade", "Bara försenade (över måltiden)", f.overdue)}
                    {check("filter-avvikelse", "avvikelse", "Bara med öppen avvikelse", f.deviation)}
                    {check("filter-mina", "mina", "Bara beställningar jag har tagit", f.mine)}
                </fieldset>
                <div class="flex min-w-0 flex-col gap-1">
                    <label for="filter-sortering" class="font-medium">"Ordning"</label>
                    <select id="filter-sortering" name="sortering" class="field w-full" prop:value=if f.newest { "nyast" } else { "" }>
                        <option value="" selected=!f.newest>"Äldst i status först"</option>
                        <option value="nyast" selected=f.newest>"Nyast i status först"</option>
                    </select>
                </div>
                <div class="flex items-end gap-3">
                    <button type="submit" class="btn-primary">"Filtrera"</button>
                    <a href="/koordinering">"Rensa"</a>
                </div>
            </crate::components::SearchForm>
        </details>
    }
}

#[component]
fn SavedFilters(
    saved: Vec<SavedFilterDto>,
    current: String,
    save: ServerAction<SaveFilter>,
    delete: ServerAction<DeleteFilter>,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let delete_error = move || delete.value().get().and_then(|r| r.err());
    view! {
        <section class="mb-6 flex flex-wrap items-center gap-x-4 gap-y-2" aria-labelledby="sparade-filter">
            <h2 id="sparade-filter" class="text-base font-semibold">"Mina sparade filter:"</h2>
            {if saved.is_empty() {
                view! { <p class="text-sm text-slate-700">"inga ännu."</p> }.into_any_sync()
            } else {
                view! {
                    <ul class="flex flex-wrap gap-2" id="saved-filters">
                        {saved.into_iter().map(|s| {
                            let remove = format!("Ta bort filtret {}", s.name);
                            view! {
                            <li class="flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1">
                                <a href=if s.query.is_empty() { "/koordinering".to_owned() } else { format!("/koordinering?{}", s.query) }>{s.name.clone()}</a>
                                <ActionForm action=delete attr:class="inline">
                                    <input type="hidden" name="id" value=s.id/>
                                    <button type="submit" class="px-1 text-sm text-red-800 underline" aria-label=remove>"Ta bort"</button>
                                </ActionForm>
                            </li>
                        }}).collect_view()}
                    </ul>
                }.into_any_sync()
            }}
            <details class="w-full" id="save-filter-box">
                <summary class="cursor-pointer text-sm font-medium text-sky-900 underline">"Spara det här filtret"</summary>
                <ActionForm action=save attr:class="mt-2 flex flex-wrap items-end gap-3" attr:id="save-filter">
                    <input type="hidden" name="query" value=current/>
                    <div class="flex flex-col gap-1">
                        <label for="save-filter-name" class="font-medium">"Namn på filtret"</label>
                        <input id="save-filter-name" name="name" required maxlength="100" class=FIELD placeholder="t.ex. Mina försenade"
                            aria-describedby="name-fel"/>
                    </div>
                    <button type="submit" class="btn-secondary" disabled=move || save.pending().get()>"Spara filtret"</button>
                </ActionForm>
                <FieldError error field="name"/>
                {move || error.get().filter(|e| e.field() != Some("name")).map(|err| view! { <div class="mt-2"><ErrorNotice err/></div> })}
            </details>
            {move || delete_error().map(|err| view! { <div class="mt-2 w-full"><ErrorNotice err/></div> })}
        </section>
    }
}

#[component]
fn OrderQueue(rows: Vec<QueueRow>, take: ServerAction<TakeOrders>) -> impl IntoView {
    let selected = RwSignal::new(Vec::<i32>::new());
    let confirming = RwSignal::new(false);
    let taken = move || take.value().get();
    if rows.is_empty() {
        return view! { <p id="queue-empty" class="card">"Inga beställningar i kön med det här filtret."</p> }
            .into_any_sync();
    }
    let all_ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let all_ids2 = all_ids.clone();
    view! {
        <div class="mb-3 flex flex-wrap items-center gap-3" id="bulk-actions">
            <span role="status" class="text-sm">{move || format!("{} markerade", selected.get().len())}</span>
            {move || if confirming.get() {
                let n = selected.get().len();
                view! {
                    <div class="flex flex-wrap items-center gap-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2" role="alertdialog" aria-labelledby="bulk-confirm-text">
                        <span id="bulk-confirm-text">{format!("Ta {n} beställningar? De visas som dina i kön.")}</span>
                        <button type="button" class="btn-primary" id="bulk-confirm" on:click=move |_| {
                            let ids = selected.get_untracked().iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
                            take.dispatch(TakeOrders { ids });
                            confirming.set(false);
                            selected.set(Vec::new());
                        }>"Ja, ta dem"</button>
                        <button type="button" class="btn-secondary" on:click=move |_| confirming.set(false)>"Avbryt"</button>
                    </div>
                }.into_any_sync()
            } else {
                view! {
                    <button type="button" class="btn-secondary" id="bulk-take"
                        disabled=move || selected.get().is_empty()
                        on:click=move |_| confirming.set(true)>"Ta markerade"</button>
                }.into_any_sync()
            }}
            {move || taken().map(|r| match r {
                Ok(n) => view! { <span role="status" class="text-sm font-medium text-emerald-900">{format!("Du tog {n} beställningar.")}</span> }.into_any_sync(),
                Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
            })}
        </div>
        <TableScroll label="Beställningar i kön">
            <table class="data-table" id="queue-orders">
                <caption class="sr-only">"Beställningar i kön med ålder i status"</caption>
                <thead><tr>
                    <th scope="col">
                        <input type="checkbox" class="h-4 w-4" aria-label="Markera alla på sidan"
                            prop:checked=move || selected.with(|s| !s.is_empty() && s.len() == all_ids.len())
                            on:change=move |ev| {
                                if event_target_checked(&ev) { selected.set(all_ids2.clone()) } else { selected.set(Vec::new()) }
                            }/>
                    </th>
                    <th scope="col">"Beställning"</th>
                    <th scope="col">"Status, sedan"</th>
                    <th scope="col" class="text-right">"Arbetsdagar"<span class="block text-xs font-normal">"i status, av mål"</span></th>
                    <th scope="col">"Beställare"</th>
                    <th scope="col">"Kostnadsställe"</th>
                    <th scope="col">"Leverantör"</th>
                    <th scope="col">"Avvikelser"</th>
                    <th scope="col">"Koordinator"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let id = r.id;
                        let age = match r.target {
                            Some(t) => format!("{} av {t}", r.age),
                            None => r.age.to_string(),
                        };
                        let row_class = if r.overdue { "bg-amber-50" } else { "" };
                        let mark = format!("Markera {}", r.number);
                        let number = r.number.clone();
                        view! {
                            <tr class=row_class data-order=r.number.clone() data-overdue=r.overdue.to_string()>
                                <td>
                                    <input type="checkbox" class="h-4 w-4" aria-label=mark
                                        prop:checked=move || selected.with(|s| s.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            selected.update(|s| { s.retain(|x| *x != id); if on { s.push(id) } });
                                        }/>
                                </td>
                                <td><a href=format!("/bestallningar/{id}")>{number}</a></td>
                                <td>{r.status.label_sv()}<span class="block whitespace-nowrap text-sm text-slate-700">{format::date(r.since.date_naive())}</span></td>
                                <td class="num">
                                    {age}
                                    {r.overdue.then(|| view! { <span class="ml-2 rounded bg-amber-200 px-1.5 text-xs font-semibold text-amber-950">"Försenad"</span> })}
                                </td>
                                <td>{r.requester.clone()}</td>
                                <td>{r.cost_center.clone()}</td>
                                <td>{if r.suppliers.is_empty() { "–".to_owned() } else { r.suppliers.clone() }}</td>
                                <td>{if r.open_deviations == 0 { "–".to_owned() } else { format!("{} öppen", r.open_deviations) }}</td>
                                <td>{match (r.mine, r.coordinator.clone()) {
                                    (true, _) => "Du".to_owned(),
                                    (false, Some(n)) => n,
                                    (false, None) => "–".to_owned(),
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any_sync()
}

#[component]
fn DeviationQueue(rows: Vec<DeviationRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p id="deviations-empty" class="card">"Inga öppna avvikelser."</p> }.into_any_sync();
    }
    view! {
        <TableScroll label="Öppna avvikelser">
            <table class="data-table" id="queue-deviations">
                <caption class="sr-only">"Öppna och eskalerade avvikelser, äldst först"</caption>
                <thead><tr>
                    <th scope="col">"Beställning"</th>
                    <th scope="col">"Typ"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Anmäld"</th>
                    <th scope="col" class="text-right">"Arbetsdagar"</th>
                    <th scope="col">"Ansvarig"</th>
                    <th scope="col">"Beskrivning"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|d| view! {
                        <tr data-deviation=d.id>
                            <td><a href=format!("/bestallningar/{}#avvikelser", d.order_id)>{d.number.clone()}</a></td>
                            <td>{d.kind.clone()}</td>
                            <td>{d.state.clone()}</td>
                            <td class="whitespace-nowrap">{format::date(d.raised_at.date_naive())}</td>
                            <td class="text-right">{d.age}</td>
                            <td>{d.owner.clone()}</td>
                            <td class="max-w-md">{d.note.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any_sync()
}

#[component]
fn Targets(targets: Vec<TargetDto>, may_set: bool, action: ServerAction<SetTargets>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <details class="card mt-8" id="targets">
            <summary class="cursor-pointer font-semibold">"Måltider per status"</summary>
            <p class="mt-2 text-sm text-slate-700">
                "Hur många arbetsdagar en beställning får ligga i en status innan den visas som försenad. Helgdagar räknas inte. 0 betyder ingen måltid."
            </p>
            {if may_set {
                view! {
                    <ActionForm action attr:class="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-5" attr:id="targets-form">
                        {targets.into_iter().map(|t| {
                            let id = format!("target-{}", t.status.as_str());
                            let name = format!("target[{}]", t.status.as_str());
                            view! {
                                <div class="flex flex-col gap-1">
                                    <label for=id.clone() class="font-medium">{t.label.clone()}</label>
                                    <input id=id name=name type="number" min="0" max="60" required class=FIELD value=t.working_days/>
                                </div>
                            }
                        }).collect_view()}
                        <div class="sm:col-span-2 lg:col-span-5">
                            <button type="submit" class="btn-secondary" disabled=move || action.pending().get()>"Spara måltiderna"</button>
                        </div>
                    </ActionForm>
                    {move || error.get().map(|err| view! { <div class="mt-2"><ErrorNotice err/></div> })}
                    {move || saved().then(|| view! { <p role="status" class="mt-2 text-sm text-emerald-900">"Måltiderna är sparade."</p> })}
                }.into_any_sync()
            } else {
                view! {
                    <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
                        {targets.into_iter().map(|t| view! {
                            <dt>{t.label.clone()}</dt>
                            <dd>{if t.working_days == 0 { "Ingen".to_owned() } else { format!("{} arbetsdagar", t.working_days) }}</dd>
                        }).collect_view()}
                    </dl>
                    <p class="mt-2 text-sm text-slate-700">"En administratör ändrar måltiderna."</p>
                }.into_any_sync()
            }}
        </details>
    }
}
