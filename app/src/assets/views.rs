//! `/tillgangar` (the register, or one's own assets) and
//! `/tillgangar/:id` (an asset with its history and, for the register's
//! keepers, its status form).

use super::dto::{AssetChangeDto, AssetDetail, AssetFilter, AssetPage, AssetRow};
use super::server_fns::{
    get_asset, list_assets, order_assets, InventoryAsset, ReplaceAsset, SetAssetStatus, TransferAsset,
};
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll};
use crate::domain::assets::AssetStatus;
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn list_link(f: &AssetFilter) -> String {
    let q = f.to_query(false);
    if q.is_empty() {
        "/tillgangar".into()
    } else {
        format!("/tillgangar?{q}")
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(format::date).unwrap_or_else(|| "–".into())
}

#[component]
pub fn AssetsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || AssetFilter::from_params(|k| query.read().get(k));
    let page = Resource::new(filter, list_assets);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Register p/> }.into_any_sync(),
                    Err(err) => view! {
                        <Title text="Tillgångar"/>
                        <PageHeader title="Tillgångar"/>
                        <ErrorNotice err/>
                        <p class="mt-4"><a href="/tillgangar">"Visa alla utan filter"</a></p>
                    }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Register(p: AssetPage) -> impl IntoView {
    let (title, lead) = if p.manager {
        (
            "Tillgångar",
            "Regionens inventarier: levererad hårdvara registreras automatiskt när leveransen är klar. Sök på inventarienummer, serienummer, användare eller modell.",
        )
    } else {
        (
            "Mina tillgångar",
            "Datorer och annan hårdvara som är registrerad på dig. Kontakta IT-tillgångsförvaltaren om något inte stämmer.",
        )
    };
    let f = p.filter.clone();
    let next = p.next_cursor.clone().map(|c| {
        let q = f.to_query(false);
        if q.is_empty() {
            format!("/tillgangar?efter={c}")
        } else {
            format!("/tillgangar?{q}&efter={c}")
        }
    });
    let first = (!f.cursor.is_empty()).then(|| list_link(&f));
    let empty = p.rows.is_empty();
    let csv = format!("/tillgangar/export.csv?{}", f.to_query(false));
    view! {
        <Title text=title/>
        <PageHeader title=title lead=lead/>
        {p.manager.then(|| view! { <FilterForm f=f.clone() p=p.clone()/> })}
        {if empty {
            let text = if p.manager {
                "Inga tillgångar med det här filtret."
            } else {
                "Du har inga registrerade tillgångar ännu. Hårdvara du beställer registreras här när den är levererad."
            };
            view! { <p class="card" id="assets-empty">{text}</p> }.into_any_sync()
        } else {
            view! { <AssetTable rows=p.rows.clone()/> }.into_any_sync()
        }}
        <div class="mt-4 flex flex-wrap items-center gap-4">
            {first.map(|href| view! { <a href=href>"Första sidan"</a> })}
            {next.map(|href| view! { <a href=href id="next-page">"Nästa sida"</a> })}
            {(!empty).then(|| view! { <a href=csv id="assets-csv" download="">"Ladda ner som CSV (hela filtret)"</a> })}
            {p.manager.then(|| view! { <a href="/tillgangar/prognos">"Ersättningsprognos"</a> })}
            {p.manager.then(|| view! { <a href="/prenumerationer">"Prenumerationer"</a> })}
            {p.manager.then(|| view! { <a href="/tillgangar/import" id="assets-import">"Importera från CSV"</a> })}
        </div>
    }
}

#[component]
fn FilterForm(f: AssetFilter, p: AssetPage) -> impl IntoView {
    let select = |id: &'static str,
                  name: &'static str,
                  label: &'static str,
                  all: &'static str,
                  chosen: String,
                  opts: Vec<(String, String)>| {
        let value = chosen.clone();
        view! {
            <div class="flex min-w-0 flex-col gap-1">
                <label for=id class="font-medium">{label}</label>
                <select id=id name=name class="field w-full" prop:value=value>
                    <option value="">{all}</option>
                    {opts.into_iter().map(|(v, n)| {
                        let sel = v == chosen;
                        view! { <option value=v selected=sel>{n}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let ids = |opts: Vec<(i32, String)>| opts.into_iter().map(|(id, n)| (id.to_string(), n)).collect::<Vec<_>>();
    let statuses = AssetStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label_sv().to_owned()))
        .collect();
    let warranty = vec![
        ("giltig".to_owned(), "Gäller".to_owned()),
        ("snart".to_owned(), "Går ut inom 90 dagar".to_owned()),
        ("utgangen".to_owned(), "Har gått ut".to_owned()),
    ];
    let ages = (1..=6).map(|y| (y.to_string(), format!("Äldre än {y} år"))).collect();
    let due = [6, 12, 24]
        .iter()
        .map(|m| (m.to_string(), format!("Ej inventerad på {m} månader")))
        .collect();
    let q = f.q.clone();
    let model_name = f.model_name.clone();
    // A model chosen by its id (an address from elsewhere) is kept, and can
    // be let go.
    let chosen_model = (!f.model.is_empty()).then(|| {
        let name = p.model.clone().unwrap_or_else(|| format!("nummer {}", f.model));
        let without = AssetFilter {
            model: String::new(),
            cursor: String::new(),
            ..f.clone()
        };
        view! {
            <p class="mt-3 text-sm" id="asset-chosen-model">
                <input type="hidden" name="modell" value=f.model.clone()/>
                {format!("Bara modellen {name}. ")}
                <a href=format!("/tillgangar?{}", without.to_query(false))>"Visa alla modeller"</a>
            </p>
        }
    });
    let cost_center = f.cost_center.clone();
    let sort = f.sort.clone();
    let active = [
        &f.status,
        &f.model_name,
        &f.administration,
        &f.cost_center,
        &f.warranty,
        &f.older_than,
        &f.not_inventoried,
        &f.sort,
    ]
    .iter()
    .filter(|v| !v.is_empty())
    .count();
    let open = active > 0;
    let summary = match active {
        0 => "Fler filter".to_owned(),
        1 => "Fler filter (1 valt)".to_owned(),
        n => format!("Fler filter ({n} valda)"),
    };
    view! {
        <crate::components::SearchForm action="/tillgangar" attr:class="card mb-4" attr:role="search" attr:id="asset-filter">
            <div class="flex flex-wrap items-end gap-3">
                <div class="flex min-w-0 flex-1 flex-col gap-1">
                    <label for="asset-q" class="font-medium">"Sök"</label>
                    <input id="asset-q" name="q" type="search" class="field w-full" value=q.clone() prop:value=q maxlength="200"
                        placeholder="Inventarienummer, serienummer, användare eller modell"/>
                </div>
                <button type="submit" class="btn-primary">"Sök"</button>
                <a href="/tillgangar">"Rensa"</a>
            </div>
            // Open while one of them is chosen; closed otherwise, so that the
            // list is on a phone's first screen.
            <details class="mt-3" open=open id="asset-more-filters">
                <summary class="cursor-pointer font-medium">{summary}</summary>
                <div class="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                    {select("asset-status", "status", "Status", "Alla statusar", f.status.clone(), statuses)}
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="asset-modellnamn" class="font-medium">"Modell"</label>
                        <input id="asset-modellnamn" name="modellnamn" type="search" class="field w-full" value=model_name.clone() prop:value=model_name
                            maxlength="200" placeholder="Namn eller artikelnummer"/>
                    </div>
                    {select("asset-forvaltning", "forvaltning", "Förvaltning", "Alla förvaltningar", f.administration.clone(), ids(p.administrations.clone()))}
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="asset-kostnadsstalle" class="font-medium">"Kostnadsställe (kod)"</label>
                        <input id="asset-kostnadsstalle" name="kostnadsstalle" class="field w-full" value=cost_center.clone() prop:value=cost_center inputmode="numeric" placeholder="t.ex. 41210"/>
                    </div>
                    {select("asset-garanti", "garanti", "Garanti", "Alla", f.warranty.clone(), warranty)}
                    {select("asset-alder", "aldre_an", "Ålder", "Alla åldrar", f.older_than.clone(), ages)}
                    {select("asset-inventering", "ej_inventerad", "Inventering", "Alla", f.not_inventoried.clone(), due)}
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="asset-sortering" class="font-medium">"Ordning"</label>
                        <select id="asset-sortering" name="sortering" class="field w-full" prop:value=sort.clone()>
                            <option value="" selected=sort.is_empty()>"Senast registrerad först"</option>
                            <option value="aldst" selected=sort == "aldst">"Först registrerad först"</option>
                        </select>
                    </div>
                </div>
            </details>
            {chosen_model}
        </crate::components::SearchForm>
    }
}

#[component]
fn AssetTable(rows: Vec<AssetRow>) -> impl IntoView {
    view! {
        <TableScroll label="Tillgångar">
            <table class="data-table" id="assets">
                <caption class="sr-only">"Tillgångar"</caption>
                <thead><tr>
                    <th scope="col">"Inventarienummer"</th>
                    <th scope="col">"Modell"</th>
                    <th scope="col">"Serienummer"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Användare"</th>
                    <th scope="col">"Kostnadsställe"</th>
                    <th scope="col">"Levererad"</th>
                    <th scope="col">"Garanti t.o.m."</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let tag = r.tag.clone();
                        let key = r.tag.clone();
                        view! {
                        <tr data-asset=key>
                            <td class="whitespace-nowrap"><a href=format!("/tillgangar/{}", r.id)>{tag}</a></td>
                            <td>{r.model.clone()}</td>
                            <td>{r.serial_number.clone().unwrap_or_else(|| "–".into())}</td>
                            <td data-status=r.status.as_str()>{r.status.label_sv()}</td>
                            <td>{r.user.clone().unwrap_or_else(|| "–".into())}</td>
                            <td>{r.cost_center.clone()}</td>
                            <td class="whitespace-nowrap">{date(r.delivered_on)}</td>
                            <td class="whitespace-nowrap">{date(r.warranty_end)}</td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
pub fn AssetDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let change = ServerAction::<SetAssetStatus>::new();
    let transfer = ServerAction::<TransferAsset>::new();
    let inventory = ServerAction::<InventoryAsset>::new();
    let data = Resource::new(
        move || {
            (
                id(),
                change.version().get(),
                transfer.version().get(),
                inventory.version().get(),
            )
        },
        |(id, ..)| get_asset(id),
    );
    view! {
        <p class="mb-4"><a href="/tillgangar">"← Tillgångar"</a></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(a) => view! { <Asset a change transfer inventory/> }.into_any_sync(),
                    Err(err) => view! { <Title text="Tillgång"/><PageHeader title="Tillgång"/><ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Asset(
    a: AssetDetail,
    change: ServerAction<SetAssetStatus>,
    transfer: ServerAction<TransferAsset>,
    inventory: ServerAction<InventoryAsset>,
) -> impl IntoView {
    let title = format!("{} {}", a.tag, a.model);
    let fact = |term: &'static str, value: String| {
        view! {
            <div class="min-w-0">
                <dt class="text-sm text-slate-700">{term}</dt>
                <dd class="break-words font-medium">{value}</dd>
            </div>
        }
    };
    let order = a.order_id.zip(a.order_number.clone());
    let dash = |v: Option<String>| v.unwrap_or_else(|| "–".into());
    view! {
        <Title text=title.clone()/>
        <PageHeader title=title/>
        <section class="card mb-6" aria-labelledby="asset-facts">
            <h2 id="asset-facts" class="sr-only">"Uppgifter"</h2>
            <dl class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" id="asset-facts-list">
                <div class="min-w-0">
                    <dt class="text-sm text-slate-700">"Status"</dt>
                    <dd class="font-medium" id="asset-status" data-status=a.status.as_str()>
                        {a.status.label_sv()}
                        <span class="block text-sm font-normal text-slate-700">{format!("sedan {}", format::date(a.status_since.date_naive()))}</span>
                    </dd>
                </div>
                {fact("Inventarienummer", a.tag.clone())}
                {fact("Serienummer", dash(a.serial_number.clone()))}
                {fact("Modell", a.model.clone())}
                {fact("Typkonfiguration", dash(a.type_configuration.clone()))}
                {fact("Leverantör", dash(a.supplier.clone()))}
                {fact("Avtal", dash(a.agreement.clone()))}
                {fact("Användare", dash(a.user.clone()))}
                {fact("Kostnadsställe", a.cost_center.clone())}
                {fact("Förvaltning", dash(a.administration.clone()))}
                {fact("Placering", a.location.clone())}
                {fact("Levererad", date(a.delivered_on))}
                {fact("Garanti t.o.m.", date(a.warranty_end))}
                {fact("Senast inventerad", match (a.inventoried_on, a.inventory_found, a.inventoried_by.clone()) {
                    (Some(d), found, by) => format!(
                        "{}{}{}",
                        format::date(d),
                        if found == Some(false) { ", hittades inte" } else { ", hittad" },
                        by.map(|b| format!(" ({b})")).unwrap_or_default()
                    ),
                    (None, ..) => "Aldrig".to_owned(),
                })}
                <div class="min-w-0">
                    <dt class="text-sm text-slate-700">"Beställning"</dt>
                    <dd class="font-medium">{match order {
                        Some((id, number)) => view! { <a href=format!("/bestallningar/{id}")>{number}</a> }.into_any_sync(),
                        None => view! { "–" }.into_any_sync(),
                    }}</dd>
                </div>
            </dl>
        </section>
        {a.may_replace.then(|| view! { <ReplaceForm a=a.clone()/> })}
        {a.may_change.then(|| view! { <StatusForm a=a.clone() change/> })}
        {(a.may_change && a.status.is_held()).then(|| view! { <InventoryForm a=a.clone() inventory/> })}
        {(a.may_change && !a.next.is_empty()).then(|| view! { <TransferForm a=a.clone() transfer/> })}
        <crate::subscriptions::views::AssetSubscriptions asset_id=a.id/>
        <History a=a.clone()/>
    }
}

/// "Byt ut": orders the standard replacement, linked to this asset.
#[component]
fn ReplaceForm(a: AssetDetail) -> impl IntoView {
    let replace = ServerAction::<ReplaceAsset>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(to)) = replace.value().get() {
            navigate(&to, Default::default());
        }
    });
    let error = Signal::derive(move || replace.value().get().and_then(|r| r.err()));
    view! {
        <section class="card mb-6" aria-labelledby="asset-replace-rubrik">
            <h2 id="asset-replace-rubrik" class="mb-1 font-semibold">"Byt ut"</h2>
            <p class="mb-3 text-sm text-slate-700">
                "Beställ en ny dator i stället för den här. Standardersättaren läggs i varukorgen och beställningen kopplas till tillgången; när den nya är levererad hämtas den gamla för diskdestruktion och avveckling."
            </p>
            <ActionForm action=replace attr:id="asset-replace-form">
                <input type="hidden" name="id" value=a.id/>
                <button type="submit" class="btn-primary" disabled=move || replace.pending().get()>"Byt ut"</button>
            </ActionForm>
            {move || error.get().map(|err| view! { <div class="mt-3"><ErrorNotice err/></div> })}
        </section>
    }
}

#[component]
fn StatusForm(a: AssetDetail, change: ServerAction<SetAssetStatus>) -> impl IntoView {
    let error = Signal::derive(move || change.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    // An inventory that did not find it proposes Borttappad.
    let proposed = if a.inventory_found == Some(false) && a.next.contains(&AssetStatus::Lost) {
        AssetStatus::Lost.as_str()
    } else {
        ""
    };
    let chosen = RwSignal::new(proposed.to_owned());
    if a.next.is_empty() {
        return view! {
            <section class="card mb-6" id="asset-status-form">
                <h2 class="font-semibold">"Ändra status"</h2>
                <p class="mt-1 text-sm">"Tillgången är avvecklad och kan inte ändras."</p>
            </section>
        }
        .into_any_sync();
    }
    view! {
        <section class="card mb-6" aria-labelledby="asset-status-rubrik">
            <h2 id="asset-status-rubrik" class="mb-1 font-semibold">"Ändra status"</h2>
            <p class="mb-3 text-sm text-slate-700">"Ändringen och anledningen sparas i historiken."</p>
            <ActionForm action=change attr:class="grid gap-3 sm:grid-cols-2" attr:id="asset-status-form">
                <input type="hidden" name="id" value=a.id/>
                <input type="hidden" name="version" value=a.version/>
                <div class="flex flex-col gap-1">
                    <label for="asset-new-status" class="font-medium">"Ny status"</label>
                    <select id="asset-new-status" name="status" required class="field"
                        on:change=move |ev| chosen.set(event_target_value(&ev))
                        aria-invalid=invalid("status") aria-describedby="status-fel">
                        <option value="">"Välj"</option>
                        {a.next.iter().map(|s| view! { <option value=s.as_str() selected=s.as_str() == proposed>{s.label_sv()}</option> }).collect_view()}
                    </select>
                    <FieldError error field="status"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="asset-reason" class="font-medium">"Anledning"</label>
                    <input id="asset-reason" name="reason" required maxlength="1000" class="field"
                        placeholder="t.ex. Skärmen byts av leverantören"
                        aria-invalid=invalid("reason") aria-describedby="reason-fel"/>
                    <FieldError error field="reason"/>
                </div>
                <div class="flex flex-col gap-1" class:hidden=move || chosen.get() != AssetStatus::Wiped.as_str()>
                    <label for="asset-certificate" class="font-medium">"Intyg om diskdestruktion (referens)"</label>
                    <input id="asset-certificate" name="certificate" maxlength="100" class="field"
                        aria-invalid=invalid("certificate") aria-describedby="certificate-fel"/>
                    <FieldError error field="certificate"/>
                </div>
                {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="sm:col-span-2"><ErrorNotice err/></div> })}
                <div class="sm:col-span-2">
                    <button type="submit" class="btn-primary" disabled=move || change.pending().get()>"Spara status"</button>
                </div>
            </ActionForm>
        </section>
    }
    .into_any_sync()
}

#[component]
fn InventoryForm(a: AssetDetail, inventory: ServerAction<InventoryAsset>) -> impl IntoView {
    let error = Signal::derive(move || inventory.value().get().and_then(|r| r.err()));
    let missing = a.inventory_found == Some(false);
    view! {
        <section class="card mb-6" aria-labelledby="asset-inventory-rubrik">
            <h2 id="asset-inventory-rubrik" class="mb-1 font-semibold">"Inventering"</h2>
            {missing.then(|| view! {
                <p class="notice mb-3" id="asset-inventory-missing">
                    "Senaste inventeringen hittade inte tillgången. Om den inte dyker upp: ändra statusen till Borttappad ovan (den är förvald)."
                </p>
            })}
            <ActionForm action=inventory attr:class="grid gap-3 sm:grid-cols-2" attr:id="asset-inventory-form">
                <input type="hidden" name="id" value=a.id/>
                <input type="hidden" name="version" value=a.version/>
                <fieldset class="flex flex-col gap-2">
                    <legend class="font-medium">"Hittades tillgången där registret säger?"</legend>
                    <div class="flex items-center gap-2">
                        <input id="inventory-found" type="radio" name="found" value="1" checked class="h-4 w-4"/>
                        <label for="inventory-found">"Ja, hittad"</label>
                    </div>
                    <div class="flex items-center gap-2">
                        <input id="inventory-missing" type="radio" name="found" value="0" class="h-4 w-4"/>
                        <label for="inventory-missing">"Nej, hittades inte"</label>
                    </div>
                </fieldset>
                <div class="flex flex-col gap-1">
                    <label for="inventory-note" class="font-medium">"Anteckning (krävs om den inte hittades)"</label>
                    <input id="inventory-note" name="note" maxlength="1000" class="field"
                        placeholder="t.ex. Letat på enheten och i förrådet"
                        aria-invalid=move || error.get().is_some_and(|e| e.field() == Some("note")).to_string()
                        aria-describedby="note-fel"/>
                    <FieldError error field="note"/>
                </div>
                {move || error.get().filter(|e| e.field() != Some("note")).map(|err| view! { <div class="sm:col-span-2"><ErrorNotice err/></div> })}
                <div class="sm:col-span-2">
                    <button type="submit" class="btn-secondary" disabled=move || inventory.pending().get()>"Registrera inventering i dag"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn TransferForm(a: AssetDetail, transfer: ServerAction<TransferAsset>) -> impl IntoView {
    let error = Signal::derive(move || transfer.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    let search = RwSignal::new(String::new());
    let hits = crate::org::views::people_hits(search);
    let user = RwSignal::new(a.user_id.map(|id| (id, a.user.clone().unwrap_or_default())));
    view! {
        <details class="card mb-6" id="asset-transfer">
            <summary class="cursor-pointer font-semibold">"Flytta till annan användare, kostnadsställe eller placering"</summary>
            <ActionForm action=transfer attr:class="mt-3 grid gap-3 sm:grid-cols-2" attr:id="asset-transfer-form">
                <input type="hidden" name="id" value=a.id/>
                <input type="hidden" name="version" value=a.version/>
                <input type="hidden" name="user_id" prop:value=move || user.get().map(|(id, _)| id.to_string()).unwrap_or_default()/>
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <span class="font-medium">"Användare"</span>
                    <p id="asset-transfer-user">{move || user.get().map(|(_, name)| name).unwrap_or_else(|| "Ingen vald".into())}</p>
                    <label for="asset-transfer-search" class="text-sm font-medium">"Byt användare – sök bland medarbetarna"</label>
                    <input id="asset-transfer-search" type="search" class="field" placeholder="Namn eller användarnamn" autocomplete="off"
                        aria-invalid=invalid("user_id") aria-describedby="user_id-fel"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))/>
                    <FieldError error field="user_id"/>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let list = hits.await.unwrap_or_default();
                            view! {
                                <ul class="mt-1 space-y-1" id="asset-transfer-hits">
                                    {list.into_iter().map(|p| {
                                        let id = p.id;
                                        let name = p.name.clone();
                                        view! {
                                            <li>
                                                <button type="button" class="btn-secondary w-full text-left"
                                                    on:click=move |_| { user.set(Some((id, name.clone()))); search.set(String::new()); }>
                                                    {format!("{}, {} ({})", p.name, p.unit, p.username)}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }
                        })}
                    </Transition>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="asset-transfer-center" class="font-medium">"Kostnadsställe (kod)"</label>
                    <input id="asset-transfer-center" name="cost_center" required inputmode="numeric" class="field" value=a.cost_center_code.clone()
                        aria-invalid=invalid("cost_center") aria-describedby="cost_center-fel"/>
                    <FieldError error field="cost_center"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="asset-transfer-location" class="font-medium">"Placering"</label>
                    <input id="asset-transfer-location" name="location" required maxlength="300" class="field" value=a.location.clone()
                        aria-invalid=invalid("location") aria-describedby="location-fel"/>
                    <FieldError error field="location"/>
                </div>
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label for="asset-transfer-reason" class="font-medium">"Anledning"</label>
                    <input id="asset-transfer-reason" name="reason" required maxlength="1000" class="field"
                        placeholder="t.ex. Ny medarbetare på enheten"
                        aria-invalid=invalid("reason") aria-describedby="transfer-reason-fel"/>
                    {move || error.get().filter(|e| e.field() == Some("reason")).map(|e| view! {
                        <p class="text-sm font-medium text-red-800" id="transfer-reason-fel">{e.to_string()}</p>
                    })}
                </div>
                {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="sm:col-span-2"><ErrorNotice err/></div> })}
                <div class="sm:col-span-2">
                    <button type="submit" class="btn-primary" disabled=move || transfer.pending().get()>"Flytta tillgången"</button>
                </div>
            </ActionForm>
        </details>
    }
}

#[component]
fn History(a: AssetDetail) -> impl IntoView {
    let registered = match (a.delivered_on, &a.order_number) {
        (Some(d), Some(n)) => format!("Registrerad {} vid leveransen av beställning {n}.", format::date(d)),
        (Some(d), None) => format!("Levererad {}.", format::date(d)),
        _ => "Registrerad.".to_owned(),
    };
    view! {
        <section class="card" aria-labelledby="asset-history-rubrik">
            <h2 id="asset-history-rubrik" class="mb-3 font-semibold">"Historik"</h2>
            {if a.history.is_empty() {
                view! { <p class="text-sm" id="asset-history-empty">"Inga ändringar sedan registreringen."</p> }.into_any_sync()
            } else {
                view! { <ChangeTable id="asset-history" rows=a.history.clone()/> }.into_any_sync()
            }}
            <p class="mt-3 text-sm text-slate-700">{registered}</p>
        </section>
    }
}

/// A history of changes, newest first: when, who, what, from, to, why
/// (an asset's or a subscription's).
#[component]
pub fn ChangeTable(id: &'static str, rows: Vec<AssetChangeDto>) -> impl IntoView {
    view! {
        <TableScroll label="Historik">
            <table class="data-table" id=id>
                <caption class="sr-only">"Ändringar, senaste först"</caption>
                <thead><tr>
                    <th scope="col">"När"</th>
                    <th scope="col">"Vem"</th>
                    <th scope="col">"Vad"</th>
                    <th scope="col">"Från"</th>
                    <th scope="col">"Till"</th>
                    <th scope="col">"Anledning"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|c| view! {
                        <tr>
                            <td class="whitespace-nowrap">{format::date_time(c.at)}</td>
                            <td>{c.actor}</td>
                            <td>{c.field}</td>
                            <td>{c.old_value.unwrap_or_else(|| "–".into())}</td>
                            <td>{c.new_value.unwrap_or_else(|| "–".into())}</td>
                            <td class="max-w-md">{c.reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

/// On an order's page: the assets its delivery registered that the caller
/// may see, each a link to its page. Nothing before the delivery.
#[component]
pub fn OrderAssets(
    /// The order.
    order_id: i32,
) -> impl IntoView {
    let data = Resource::new(move || order_id, |id| order_assets(id.to_string()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rows) if !rows.is_empty() => view! {
                        <section class="card mb-6" id="order-assets" aria-labelledby="order-assets-rubrik">
                            <h2 id="order-assets-rubrik" class="mb-2 font-semibold">"Registrerade tillgångar"</h2>
                            <ul class="flex flex-col gap-1">
                                {rows.into_iter().map(|r| view! {
                                    <li>
                                        <a href=format!("/tillgangar/{}", r.id)>{r.tag.clone()}</a>
                                        {format!(" {}", r.model)}
                                        {r.serial_number.clone().map(|s| format!(", serienummer {s}"))}
                                        {format!(" ({})", r.status.label_sv())}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any_sync(),
                    _ => ().into_any_sync(),
                }
            })}
        </Suspense>
    }
}
