//! `/admin/katalog`: items, prices, rules, bundles, CSV export and import.

use super::dto::*;
use super::server_fns::*;
use crate::catalog::dto::ItemRef;
use crate::components::{textarea_text, ErrorNotice, FieldError, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::catalog::{ItemKind, ServiceLevel};
use crate::domain::format;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
fn CatalogAdminTabs() -> impl IntoView {
    view! {
        <nav aria-label="Katalogadministration" class="mb-6 border-b border-slate-300">
            <ul class="flex flex-wrap gap-1">
                <li><A href="/admin/katalog" exact=true attr:class="tab-link">"Artiklar"</A></li>
                <li><A href="/admin/katalog/paket" attr:class="tab-link">"Paket"</A></li>
                <li><A href="/admin/katalog/import" attr:class="tab-link">"Export och import"</A></li>
            </ul>
        </nav>
    }
}

fn price_or_dash(p: Option<crate::domain::money::Sek>) -> String {
    p.map(|p| p.to_string()).unwrap_or_else(|| "–".into())
}

/// A counter that ticks when any of the page's actions succeeds, so that
/// the page reloads its data then, and only then: after a refusal the forms
/// keep what the user typed.
fn reload_on_success<T: 'static>(
    reload: RwSignal<u32>,
    value: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
) {
    Effect::new(move |_| {
        if let Some(Ok(_)) = value() {
            reload.update(|n| *n += 1);
        }
    });
}

#[component]
pub fn CatalogAdminPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            q.get("q").unwrap_or_default(),
            q.get("sida").and_then(|p| p.parse().ok()).unwrap_or(1u64),
        )
    };
    let list = Resource::new(args, |(q, page)| get_admin_items(q, page));
    let search = move || query.read().get("q").unwrap_or_default();
    view! {
        <Title text="Katalogadministration"/>
        <CatalogAdminTabs/>
        <PageHeader
            title="Katalogadministration"
            lead="Artiklar, priser med giltighetsdatum, matchningsregler och paket. Ett pris med ett senare startdatum syns i katalogen först den dagen."
        />
        <div class="mb-6 flex flex-wrap items-end gap-4">
            <Form method="GET" action="" attr:class="flex flex-wrap items-end gap-2" attr:role="search">
                <div class="flex flex-col gap-1">
                    <label for="admin-q" class="font-medium">"Sök artikel"</label>
                    <input id="admin-q" type="search" name="q" value=untrack(search) prop:value=search class=FIELD placeholder="Namn eller artikelnummer"/>
                </div>
                <button type="submit" class="btn-secondary">"Sök"</button>
            </Form>
            <A href="/admin/katalog/artikel/ny" attr:class="btn-primary">"Ny artikel"</A>
        </div>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                    Ok(l) if l.items.is_empty() => view! { <p>"Inga artiklar matchar sökningen."</p> }.into_any(),
                    Ok(l) => {
                        let q = search();
                        let page_link = move |p: u64| format!("/admin/katalog?q={}&sida={p}", urlencoding::encode(&q));
                        view! {
                            <p class="mb-2 text-sm text-slate-700" role="status">{format!("{} artiklar", format::count(l.total))}</p>
                            <TableScroll label="Artiklar i katalogen">
                                <table class="data-table text-sm" id="admin-items">
                                    <caption class="sr-only">"Artiklar i katalogen"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Artikelnummer"</th>
                                            <th scope="col">"Namn"</th>
                                            <th scope="col">"Typ"</th>
                                            <th scope="col">"Kategori"</th>
                                            <th scope="col">"Leverantör"</th>
                                            <th scope="col" class="text-right">"Engång i dag"</th>
                                            <th scope="col" class="text-right">"Per månad i dag"</th>
                                            <th scope="col">"Nytt pris från"</th>
                                            <th scope="col">"Status"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {l.items.into_iter().map(|i| view! {
                                            <tr>
                                                <td class="font-mono text-sm">
                                                    <A href=format!("/admin/katalog/artikel/{}", i.id)>{i.article_number.clone()}</A>
                                                </td>
                                                <td>{i.name.clone()}</td>
                                                <td>{i.kind.label_sv()}</td>
                                                <td>{i.category.clone()}</td>
                                                <td>{i.supplier.clone()}</td>
                                                <td class="text-right whitespace-nowrap">{price_or_dash(i.one_off)}</td>
                                                <td class="text-right whitespace-nowrap">{price_or_dash(i.monthly)}</td>
                                                <td class="whitespace-nowrap">{i.next_price_from.map(format::date).unwrap_or_else(|| "–".into())}</td>
                                                <td>{if i.active { "Aktiv" } else { "Utgått" }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                            {(l.pages > 1).then(|| view! {
                                <nav aria-label="Sidor" class="mt-4 flex items-center gap-4">
                                    {(l.page > 1).then(|| view! { <A href=page_link(l.page - 1) attr:rel="prev">"Föregående"</A> })}
                                    <span>{format!("Sida {} av {}", l.page, l.pages)}</span>
                                    {(l.page < l.pages).then(|| view! { <A href=page_link(l.page + 1) attr:rel="next">"Nästa"</A> })}
                                </nav>
                            })}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn AdminItemPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok());
    let save = ServerAction::<SaveItem>::new();
    let price = ServerAction::<AddPrice>::new();
    let rule = ServerAction::<AddRule>::new();
    let unrule = ServerAction::<RemoveRule>::new();
    let activate = ServerAction::<SetItemActive>::new();
    let upload = ServerAction::<SetItemImage>::new();
    let unimage = ServerAction::<RemoveItemImage>::new();
    let reload = RwSignal::new(0u32);
    reload_on_success(reload, move || upload.value().get());
    reload_on_success(reload, move || unimage.value().get());
    reload_on_success(reload, move || save.value().get());
    reload_on_success(reload, move || price.value().get());
    reload_on_success(reload, move || rule.value().get());
    reload_on_success(reload, move || unrule.value().get());
    reload_on_success(reload, move || activate.value().get());
    let item = Resource::new(move || (id(), reload.get()), |(id, _)| get_admin_item(id));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            if id() != Some(saved) {
                navigate(&format!("/admin/katalog/artikel/{saved}"), Default::default());
            }
        }
    });
    view! {
        <CatalogAdminTabs/>
        <p class="mb-4"><A href="/admin/katalog">"← Alla artiklar"</A></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match item.await {
                    Err(err) => view! { <Title text="Artikel"/><ErrorNotice err/> }.into_any(),
                    Ok(it) => {
                        let image = it.id.map(|item_id| view! {
                            <ImageSection item_id image_url=it.image_url.clone() name=it.form.name.clone() upload unimage/>
                        });
                        view! { <ItemEditor it save price rule unrule activate/> {image} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ItemEditor(
    /// The item (or the empty form of a new one).
    it: AdminItem,
    save: ServerAction<SaveItem>,
    price: ServerAction<AddPrice>,
    rule: ServerAction<AddRule>,
    unrule: ServerAction<RemoveRule>,
    activate: ServerAction<SetItemActive>,
) -> impl IntoView {
    let title = match it.id {
        Some(_) => format!("{} – {}", it.form.article_number, it.form.name),
        None => "Ny artikel".to_owned(),
    };
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.field() == Some(f)).to_string();
    let f = it.form.clone();
    let opts = it.options.clone();
    let id_value = it.id.map(|i| i.to_string()).unwrap_or_default();
    view! {
        <Title text=title.clone()/>
        <PageHeader title=title/>
        {(!it.active).then(|| view! {
            <p class="notice mb-4" role="status">"Artikeln har utgått och visas inte i katalogen."</p>
        })}
        <section class="card mb-6" aria-labelledby="uppgifter">
            <h2 id="uppgifter" class="mb-3 text-lg font-semibold">"Uppgifter"</h2>
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            <ActionForm action=save attr:id="item-form" attr:class="grid gap-4 sm:grid-cols-2">
                <input type="hidden" name="id" value=id_value/>
                <div class="flex flex-col gap-1">
                    <label for="article-number" class="font-medium">"Artikelnummer"</label>
                    <input id="article-number" name="article_number" required maxlength="32" class=FIELD value=f.article_number.clone()
                        aria-invalid=invalid("article_number") aria-describedby="article_number-fel"/>
                    <FieldError error field="article_number"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="item-name" class="font-medium">"Namn"</label>
                    <input id="item-name" name="name" required maxlength="200" class=FIELD value=f.name.clone()
                        aria-invalid=invalid("name") aria-describedby="name-fel"/>
                    <FieldError error field="name"/>
                </div>
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label for="item-description" class="font-medium">"Beskrivning"</label>
                    <textarea id="item-description" name="description" rows="3" maxlength="4000" class=FIELD
                        aria-invalid=invalid("description") aria-describedby="description-fel">{textarea_text(f.description.clone())}</textarea>
                    <FieldError error field="description"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="item-kind" class="font-medium">"Typ"</label>
                    <select id="item-kind" name="kind" class=FIELD aria-invalid=invalid("kind")>
                        {ItemKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=f.kind == k.as_str()>{k.label_sv()}</option>
                        }).collect_view()}
                    </select>
                    <FieldError error field="kind"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="item-category" class="font-medium">"Kategori"</label>
                    <select id="item-category" name="category_id" class=FIELD aria-invalid=invalid("category_id") aria-describedby="category_id-fel">
                        <option value="">"Välj kategori"</option>
                        {opts.categories.iter().map(|c| {
                            let indent = if c.parent_id.is_some() { "\u{2003}" } else { "" };
                            view! { <option value=c.id selected=f.category_id == c.id.to_string()>{format!("{indent}{}", c.name)}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error field="category_id"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="item-supplier" class="font-medium">"Leverantör"</label>
                    <select id="item-supplier" name="supplier_id" class=FIELD aria-invalid=invalid("supplier_id") aria-describedby="supplier_id-fel">
                        <option value="">"Välj leverantör"</option>
                        {opts.suppliers.iter().map(|s| view! {
                            <option value=s.id selected=f.supplier_id == s.id.to_string()>{s.name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <FieldError error field="supplier_id"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="item-agreement" class="font-medium">"Avtal (valfritt)"</label>
                    <select id="item-agreement" name="agreement_id" class=FIELD aria-invalid=invalid("agreement_id") aria-describedby="agreement_id-fel">
                        <option value="">"Inget avtal"</option>
                        {opts.agreements.iter().map(|a| view! {
                            <option value=a.id selected=f.agreement_id == a.id.to_string()>{a.name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <FieldError error field="agreement_id"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="item-level" class="font-medium">"Servicenivå (tjänster)"</label>
                    <select id="item-level" name="service_level" class=FIELD aria-invalid=invalid("service_level") aria-describedby="service_level-fel">
                        <option value="">"Ingen"</option>
                        {ServiceLevel::ALL.into_iter().map(|l| view! {
                            <option value=l.as_str() selected=f.service_level == l.as_str()>{l.label_sv()}</option>
                        }).collect_view()}
                    </select>
                    <FieldError error field="service_level"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="item-binding" class="font-medium">"Bindningstid (månader)"</label>
                    <input id="item-binding" name="binding_months" inputmode="numeric" class=FIELD value=f.binding_months.clone()
                        aria-invalid=invalid("binding_months") aria-describedby="binding_months-fel"/>
                    <FieldError error field="binding_months"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="item-notice" class="font-medium">"Uppsägningstid (månader)"</label>
                    <input id="item-notice" name="notice_months" inputmode="numeric" class=FIELD value=f.notice_months.clone()
                        aria-invalid=invalid("notice_months") aria-describedby="notice_months-fel"/>
                    <FieldError error field="notice_months"/>
                </div>
                <div class="flex flex-wrap items-center gap-4 sm:col-span-2">
                    <button type="submit" class="btn-primary" disabled=move || save.pending().get()>
                        {if it.id.is_some() { "Spara ändringar" } else { "Skapa artikel" }}
                    </button>
                    {move || saved().then(|| view! { <span role="status" class="font-medium text-emerald-800">"Sparat."</span> })}
                </div>
            </ActionForm>
        </section>
        {it.id.map(|item_id| view! {
            <PriceSection item_id prices=it.prices.clone() price/>
            <RuleSection item_id rules=it.rules.clone() rule unrule/>
            <section class="card mb-6" aria-labelledby="status-rubrik">
                <h2 id="status-rubrik" class="mb-2 text-lg font-semibold">"Status"</h2>
                {(!it.bundles.is_empty()).then(|| view! {
                    <p class="mb-2 text-sm text-slate-700">{format!("Ingår i paket: {}.", it.bundles.join(", "))}</p>
                })}
                <ActionForm action=activate>
                    <input type="hidden" name="id" value=item_id/>
                    <input type="hidden" name="active" value=(!it.active).to_string()/>
                    {if it.active {
                        view! { <button type="submit" class="btn-danger">"Låt artikeln utgå"</button> }.into_any()
                    } else {
                        view! { <button type="submit" class="btn-secondary">"Återaktivera artikeln"</button> }.into_any()
                    }}
                </ActionForm>
                <p class="mt-2 text-sm text-slate-700">"En artikel som har utgått försvinner ur katalogen. Lagda beställningar påverkas inte."</p>
                {move || activate.value().get().and_then(|r| r.err()).map(|err| view! { <div class="mt-2"><ErrorNotice err/></div> })}
            </section>
        })}
    }
}

#[component]
fn PriceSection(
    /// The item whose prices these are.
    item_id: i32,
    /// All its prices, newest first.
    prices: Vec<PriceRow>,
    /// The add-price action.
    price: ServerAction<AddPrice>,
) -> impl IntoView {
    let error = Signal::derive(move || price.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.field() == Some(f)).to_string();
    let today = chrono::Local::now().date_naive();
    view! {
        <section class="card mb-6" aria-labelledby="priser">
            <h2 id="priser" class="mb-3 text-lg font-semibold">"Priser"</h2>
            {if prices.is_empty() {
                view! { <p class="mb-4">"Artikeln har inget pris ännu och visas inte i katalogen förrän den har ett."</p> }.into_any()
            } else {
                view! {
                    <TableScroll label="Priser över tid" class="mb-4">
                        <table class="data-table" id="price-table">
                            <caption class="sr-only">"Priser över tid"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Gäller från"</th>
                                    <th scope="col">"Till och med"</th>
                                    <th scope="col" class="text-right">"Engångspris"</th>
                                    <th scope="col" class="text-right">"Månadspris"</th>
                                    <th scope="col">"Status"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {prices.into_iter().map(|p| view! {
                                    <tr>
                                        <td class="whitespace-nowrap">{format::date(p.valid_from)}</td>
                                        <td class="whitespace-nowrap">{p.valid_to.map(format::date).unwrap_or_else(|| "tills vidare".into())}</td>
                                        <td class="text-right whitespace-nowrap">{p.one_off.to_string()}</td>
                                        <td class="text-right whitespace-nowrap">{p.monthly.to_string()}</td>
                                        <td>{p.state.label_sv()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                }.into_any()
            }}
            <h3 class="mb-2 font-semibold">"Nytt pris"</h3>
            <p class="mb-3 text-sm text-slate-700">
                "Priset gäller från det datum du anger. Fram till dess visas och beställs det nuvarande priset. Ett pris som redan är inlagt från samma dag eller senare ersätts."
            </p>
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            <ActionForm action=price attr:id="price-form" attr:class="grid gap-4 sm:grid-cols-4">
                <input type="hidden" name="item_id" value=item_id/>
                <div class="flex flex-col gap-1">
                    <label for="price-from" class="font-medium">"Gäller från"</label>
                    <input id="price-from" name="valid_from" type="date" required class=FIELD value=today.to_string()
                        aria-invalid=invalid("valid_from") aria-describedby="valid_from-fel"/>
                    <FieldError error field="valid_from"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="price-one-off" class="font-medium">"Engångspris (kr)"</label>
                    <input id="price-one-off" name="one_off" inputmode="decimal" class=FIELD placeholder="0"
                        aria-invalid=invalid("one_off") aria-describedby="one_off-fel"/>
                    <FieldError error field="one_off"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="price-monthly" class="font-medium">"Månadspris (kr)"</label>
                    <input id="price-monthly" name="monthly" inputmode="decimal" class=FIELD placeholder="0"
                        aria-invalid=invalid("monthly") aria-describedby="monthly-fel"/>
                    <FieldError error field="monthly"/>
                </div>
                <div class="flex items-end">
                    <button type="submit" class="btn-primary" disabled=move || price.pending().get()>"Lägg in pris"</button>
                </div>
            </ActionForm>
        </section>
    }
}

fn rule_label(kind: &str) -> &'static str {
    match kind {
        "requires" => "Kräver en av",
        _ => "Passar bara till",
    }
}

#[component]
fn RuleSection(
    /// The item the rules belong to.
    item_id: i32,
    /// Its rules.
    rules: Vec<RuleRow>,
    rule: ServerAction<AddRule>,
    unrule: ServerAction<RemoveRule>,
) -> impl IntoView {
    let error = Signal::derive(move || rule.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.field() == Some(f)).to_string();
    let link = |t: &ItemRef| {
        view! { <A href=format!("/admin/katalog/artikel/{}", t.id)>{format!("{} {}", t.article_number, t.name)}</A> }
    };
    view! {
        <section class="card mb-6" aria-labelledby="regler">
            <h2 id="regler" class="mb-2 text-lg font-semibold">"Matchningsregler"</h2>
            <p class="mb-3 text-sm text-slate-700">
                "”Kräver en av”: beställningen måste innehålla minst en av artiklarna. ”Passar bara till”: artikeln kan bara beställas med någon av de angivna modellerna."
            </p>
            {if rules.is_empty() {
                view! { <p class="mb-4">"Artikeln har inga regler."</p> }.into_any()
            } else {
                view! {
                    <ul class="mb-4 divide-y divide-slate-200" id="rule-list">
                        {rules.into_iter().map(|r| {
                            let label = format!("Ta bort regeln {} {}", rule_label(&r.kind).to_lowercase(), r.target.article_number);
                            view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                    <span>{rule_label(&r.kind)}": "{link(&r.target)}</span>
                                    <ActionForm action=unrule>
                                        <input type="hidden" name="rule_id" value=r.id/>
                                        <button type="submit" class="btn-secondary" aria-label=label>"Ta bort"</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {move || unrule.value().get().and_then(|r| r.err()).map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            <ActionForm action=rule attr:id="rule-form" attr:class="grid gap-4 sm:grid-cols-3">
                <input type="hidden" name="item_id" value=item_id/>
                <div class="flex flex-col gap-1">
                    <label for="rule-kind" class="font-medium">"Regel"</label>
                    <select id="rule-kind" name="rule_kind" class=FIELD aria-invalid=invalid("rule_kind")>
                        <option value="requires">"Kräver en av"</option>
                        <option value="fits_only">"Passar bara till"</option>
                    </select>
                    <FieldError error field="rule_kind"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="rule-target" class="font-medium">"Artikelnummer"</label>
                    <input id="rule-target" name="target_article" required class=FIELD placeholder="t.ex. DL-WD22TB4"
                        aria-invalid=invalid("target_article") aria-describedby="target_article-fel"/>
                    <FieldError error field="target_article"/>
                </div>
                <div class="flex items-end">
                    <button type="submit" class="btn-secondary" disabled=move || rule.pending().get()>"Lägg till regel"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn AdminBundlesPage() -> impl IntoView {
    let bundles = Resource::new(|| (), |_| get_admin_bundles());
    view! {
        <Title text="Paket"/>
        <CatalogAdminTabs/>
        <PageHeader title="Paket" lead="Typkonfigurationer: en huvudartikel med de artiklar som krävs och de som är valfria."/>
        <p class="mb-4"><A href="/admin/katalog/paket/nytt" attr:class="btn-primary">"Nytt paket"</A></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match bundles.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>"Det finns inga paket ännu."</p> }.into_any(),
                    Ok(list) => view! {
                        <TableScroll label="Paket">
                            <table class="data-table" id="bundle-table">
                                <caption class="sr-only">"Paket"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Kod"</th>
                                        <th scope="col">"Namn"</th>
                                        <th scope="col">"Huvudartikel"</th>
                                        <th scope="col" class="text-right">"Delar"</th>
                                        <th scope="col">"Status"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|b| view! {
                                        <tr>
                                            <td class="font-mono text-sm"><A href=format!("/admin/katalog/paket/{}", b.id)>{b.code.clone()}</A></td>
                                            <td>{b.name.clone()}</td>
                                            <td>{format!("{} {}", b.main_item.article_number, b.main_item.name)}</td>
                                            <td class="text-right">{b.parts.len()}</td>
                                            <td>{if b.active { "Aktivt" } else { "Inaktivt" }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableScroll>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn AdminBundlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok());
    let save = ServerAction::<SaveBundle>::new();
    let add = ServerAction::<AddBundlePart>::new();
    let remove = ServerAction::<RemoveBundlePart>::new();
    let reload = RwSignal::new(0u32);
    reload_on_success(reload, move || save.value().get());
    reload_on_success(reload, move || add.value().get());
    reload_on_success(reload, move || remove.value().get());
    let bundles = Resource::new(move || reload.get(), |_| get_admin_bundles());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            if id() != Some(saved) {
                navigate(&format!("/admin/katalog/paket/{saved}"), Default::default());
            }
        }
    });
    view! {
        <CatalogAdminTabs/>
        <p class="mb-4"><A href="/admin/katalog/paket">"← Alla paket"</A></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match bundles.await {
                    Err(err) => view! { <Title text="Paket"/><ErrorNotice err/> }.into_any(),
                    Ok(list) => match id() {
                        None => view! { <BundleEditor bundle=None save add remove/> }.into_any(),
                        Some(id) => match list.into_iter().find(|b| b.id == id) {
                            Some(b) => view! { <BundleEditor bundle=Some(b) save add remove/> }.into_any(),
                            None => view! {
                                <Title text="Paket"/>
                                <ErrorNotice err=AppError::not_found("Paketet finns inte.")/>
                            }.into_any(),
                        },
                    },
                }
            })}
        </Suspense>
    }
}

#[component]
fn BundleEditor(
    /// The bundle, or `None` for a new one.
    bundle: Option<AdminBundle>,
    save: ServerAction<SaveBundle>,
    add: ServerAction<AddBundlePart>,
    remove: ServerAction<RemoveBundlePart>,
) -> impl IntoView {
    let title = bundle
        .as_ref()
        .map(|b| format!("Paket: {}", b.name))
        .unwrap_or_else(|| "Nytt paket".into());
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let add_error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let invalid = move |e: Signal<Option<AppError>>, f: &'static str| {
        move || e.get().is_some_and(|e| e.field() == Some(f)).to_string()
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let b = bundle.clone();
    let value = move |f: fn(&AdminBundle) -> String| b.as_ref().map(f).unwrap_or_default();
    let active_checked = bundle.as_ref().is_none_or(|b| b.active);
    let is_new = bundle.is_none();
    view! {
        <Title text=title.clone()/>
        <PageHeader title=title/>
        <section class="card mb-6" aria-labelledby="paket-uppgifter">
            <h2 id="paket-uppgifter" class="mb-3 text-lg font-semibold">"Uppgifter"</h2>
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            <ActionForm action=save attr:id="bundle-form" attr:class="grid gap-4 sm:grid-cols-2">
                <input type="hidden" name="id" value=value(|b| b.id.to_string())/>
                <div class="flex flex-col gap-1">
                    <label for="bundle-code" class="font-medium">"Kod"</label>
                    <input id="bundle-code" name="code" required maxlength="32" class=FIELD value=value(|b| b.code.clone())
                        aria-invalid=invalid(error, "code") aria-describedby="code-fel"/>
                    <FieldError error field="code"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="bundle-name" class="font-medium">"Namn"</label>
                    <input id="bundle-name" name="name" required maxlength="200" class=FIELD value=value(|b| b.name.clone())
                        aria-invalid=invalid(error, "name") aria-describedby="name-fel"/>
                    <FieldError error field="name"/>
                </div>
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label for="bundle-description" class="font-medium">"Beskrivning"</label>
                    <textarea id="bundle-description" name="description" rows="2" class=FIELD>{textarea_text(value(|b| b.description.clone()))}</textarea>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="bundle-main" class="font-medium">"Huvudartikel (artikelnummer)"</label>
                    <input id="bundle-main" name="main_article" required class=FIELD value=value(|b| b.main_item.article_number.clone())
                        aria-invalid=invalid(error, "main_article") aria-describedby="main_article-fel"/>
                    <FieldError error field="main_article"/>
                </div>
                <div class="flex items-center gap-2 self-end py-2">
                    <input id="bundle-active" name="active" type="checkbox" value="on" class="h-5 w-5"
                        checked=active_checked/>
                    <label for="bundle-active" class="font-medium">"Aktivt (visas i katalogen)"</label>
                </div>
                <div class="flex flex-wrap items-center gap-4 sm:col-span-2">
                    <button type="submit" class="btn-primary" disabled=move || save.pending().get()>
                        {if is_new { "Skapa paket" } else { "Spara ändringar" }}
                    </button>
                    {move || saved().then(|| view! { <span role="status" class="font-medium text-emerald-800">"Sparat."</span> })}
                </div>
            </ActionForm>
        </section>
        {bundle.map(|b| view! {
            <section class="card mb-6" aria-labelledby="delar">
                <h2 id="delar" class="mb-3 text-lg font-semibold">"Innehåll"</h2>
                <p class="mb-2">{format!("Huvudartikel: {} {}", b.main_item.article_number, b.main_item.name)}</p>
                {if b.parts.is_empty() {
                    view! { <p class="mb-4">"Paketet har inga fler delar ännu."</p> }.into_any()
                } else {
                    view! {
                        <ul class="mb-4 divide-y divide-slate-200" id="part-list">
                            {b.parts.into_iter().map(|p| {
                                let label = format!("Ta bort {} ur paketet", p.item.name);
                                view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                        <span>
                                            {format!("{} × {} {}", p.quantity, p.item.article_number, p.item.name)}
                                            <span class="ml-2 text-sm text-slate-700">{if p.required { "(krävs)" } else { "(valfri)" }}</span>
                                        </span>
                                        <ActionForm action=remove>
                                            <input type="hidden" name="part_id" value=p.id/>
                                            <button type="submit" class="btn-secondary" aria-label=label>"Ta bort"</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {move || add_error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
                <ActionForm action=add attr:id="part-form" attr:class="grid gap-4 sm:grid-cols-4">
                    <input type="hidden" name="bundle_id" value=b.id/>
                    <div class="flex flex-col gap-1">
                        <label for="part-article" class="font-medium">"Artikelnummer"</label>
                        <input id="part-article" name="part_article" required class=FIELD
                            aria-invalid=invalid(add_error, "part_article") aria-describedby="part_article-fel"/>
                        <FieldError error=add_error field="part_article"/>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for="part-quantity" class="font-medium">"Antal"</label>
                        <input id="part-quantity" name="quantity" inputmode="numeric" value="1" class=FIELD
                            aria-invalid=invalid(add_error, "quantity") aria-describedby="quantity-fel"/>
                        <FieldError error=add_error field="quantity"/>
                    </div>
                    <div class="flex items-center gap-2 self-end py-2">
                        <input id="part-required" name="required" type="checkbox" value="on" class="h-5 w-5" checked=true/>
                        <label for="part-required" class="font-medium">"Krävs"</label>
                    </div>
                    <div class="flex items-end">
                        <button type="submit" class="btn-secondary" disabled=move || add.pending().get()>"Lägg till i paketet"</button>
                    </div>
                </ActionForm>
                {move || remove.value().get().and_then(|r| r.err()).map(|err| view! { <div class="mt-4"><ErrorNotice err/></div> })}
            </section>
        })}
    }
}

#[component]
pub fn AdminImportPage() -> impl IntoView {
    let content = RwSignal::new(None::<String>);
    let file_name = RwSignal::new(String::new());
    let reading = RwSignal::new(false);
    let import = ServerAction::<ImportCatalog>::new();
    let report = move || import.value().get();
    let on_file = move |ev: leptos::ev::Event| {
        import.value().set(None);
        content.set(None);
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            file_name.set(file.name());
            reading.set(true);
            leptos::task::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                reading.set(false);
                content.set(text.ok().and_then(|t| t.as_string()));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, file_name, reading);
    };
    let run = move |dry_run: bool| {
        if let Some(csv) = content.get_untracked() {
            import.dispatch(ImportCatalog { csv, dry_run });
        }
    };
    view! {
        <Title text="Export och import"/>
        <CatalogAdminTabs/>
        <PageHeader
            title="Export och import"
            lead="Hela katalogen som en CSV-fil (semikolonseparerad, UTF-8) som går att öppna i Excel. Ändra i filen och läs in den igen: nya artikelnummer blir nya artiklar, kända uppdateras."
        />
        <section class="card mb-6" aria-labelledby="export">
            <h2 id="export" class="mb-2 text-lg font-semibold">"Exportera"</h2>
            <p class="mb-3">"Filen innehåller alla artiklar, även de som har utgått, med dagens pris och datumet det gäller från."</p>
            <a href="/admin/katalog.csv" class="btn-secondary" download="avrop-katalog.csv" rel="external">"Ladda ner katalogen (CSV)"</a>
        </section>
        <section class="card mb-6" aria-labelledby="import">
            <h2 id="import" class="mb-2 text-lg font-semibold">"Importera"</h2>
            <p class="mb-1">"Kolumner, i den här ordningen: " <code class="break-all text-sm">{CSV_COLUMNS.join("; ")}</code></p>
            <p class="mb-3 text-sm text-slate-700">
                "Ett ändrat pris läggs in från pris_från, som måste vara i dag eller senare. Först kontrolleras hela filen; inget sparas om någon rad är fel."
            </p>
            <div class="mb-4 flex flex-col gap-1">
                <label for="import-file" class="font-medium">"CSV-fil"</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file
                    class="max-w-full text-slate-900 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-sky-900 file:bg-white file:px-4 file:py-2 file:font-semibold file:text-sky-900 hover:file:bg-sky-50"/>
            </div>
            <div class="flex flex-wrap gap-3">
                <button type="button" class="btn-secondary" id="import-check"
                    disabled=move || content.get().is_none() || import.pending().get()
                    on:click=move |_| run(true)>"Kontrollera filen"</button>
                {move || {
                    let ready = matches!(report(), Some(Ok(r)) if r.dry_run && r.problems.is_empty());
                    ready.then(|| view! {
                        <button type="button" class="btn-primary" id="import-run"
                            disabled=move || import.pending().get()
                            on:click=move |_| run(false)>"Importera"</button>
                    })
                }}
            </div>
            {move || reading.get().then(|| view! { <p class="mt-3" role="status">"Läser filen…"</p> })}
            {move || import.pending().get().then(|| view! { <p class="mt-3" role="status">"Kontrollerar…"</p> })}
            <div aria-live="polite">
                {move || match report() {
                    None => None,
                    Some(Err(err)) => Some(view! { <div class="mt-4"><ErrorNotice err/></div> }.into_any()),
                    Some(Ok(r)) => Some(view! { <ImportResult report=r file=file_name.get_untracked()/> }.into_any()),
                }}
            </div>
        </section>
    }
}

#[component]
fn ImportResult(
    /// The outcome of a check or an import.
    report: ImportReport,
    /// The file's name.
    file: String,
) -> impl IntoView {
    let n = |count: u64, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    let summary = format!(
        "{}: {}, {}, {}, {}.",
        n(report.rows, "rad", "rader"),
        n(report.created, "ny", "nya"),
        n(report.updated, "ändrad", "ändrade"),
        n(report.price_changes, "prisändring", "prisändringar"),
        n(report.unchanged, "oförändrad", "oförändrade"),
    );
    if !report.problems.is_empty() {
        let n = report.problems.len();
        return view! {
            <div class="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-red-950" id="import-problems">
                <p class="mb-2 font-semibold" role="alert">
                    {format!("{file}: {n} fel – inget har sparats. Rätta filen och välj den igen.")}
                </p>
                <TableScroll label="Fel i filen">
                    <table class="data-table bg-white">
                        <caption class="sr-only">"Fel i filen"</caption>
                        <thead>
                            <tr><th scope="col">"Rad"</th><th scope="col">"Kolumn"</th><th scope="col">"Fel"</th></tr>
                        </thead>
                        <tbody>
                            {report.problems.into_iter().map(|p| view! {
                                <tr><td>{p.line}</td><td>{p.column}</td><td>{p.message}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            </div>
        }
        .into_any();
    }
    if report.written {
        view! {
            <div class="mt-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" id="import-done" role="status">
                <p class="font-semibold">"Importen är klar."</p>
                <p>{summary}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="mt-4 rounded-md border border-sky-300 bg-sky-50 p-4 text-sky-950" id="import-ok" role="status">
                <p class="font-semibold">{format!("{file} är korrekt. Inget är sparat än.")}</p>
                <p>{summary}</p>
                <p class="mt-1">"Välj Importera för att spara ändringarna."</p>
            </div>
        }
        .into_any()
    }
}

#[component]
fn ImageSection(
    /// The item the picture belongs to.
    item_id: i32,
    /// The current picture.
    image_url: Option<String>,
    /// The item's name, for the picture's text alternative.
    name: String,
    upload: ServerAction<SetItemImage>,
    unimage: ServerAction<RemoveItemImage>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<String>);
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| upload.value().get().and_then(|r| r.err()))
            .or_else(|| unimage.value().get().and_then(|r| r.err()))
    });
    let on_file = move |ev: leptos::ev::Event| {
        chosen.set(None);
        local_error.set(None);
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(file) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            if file.size() > crate::domain::catalog::MAX_IMAGE_BYTES as f64 {
                local_error.set(Some(AppError::validation(
                    "image",
                    "Bilden är större än 1 MB. Spara den i en mindre storlek och försök igen.",
                )));
                return;
            }
            leptos::task::spawn_local(async move {
                use base64::Engine as _;
                match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => {
                        let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                        chosen.set(Some(base64::engine::general_purpose::STANDARD.encode(bytes)));
                    }
                    Err(_) => local_error.set(Some(AppError::validation("image", "Filen kunde inte läsas."))),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <section class="card mb-6" aria-labelledby="bild">
            <h2 id="bild" class="mb-3 text-lg font-semibold">"Bild"</h2>
            {match image_url {
                Some(src) => view! {
                    <img src=src alt=format!("Bild på {name}") id="admin-item-image"
                        class="mb-3 max-h-48 max-w-xs rounded-md border border-slate-200 bg-white object-contain p-2"/>
                    <ActionForm action=unimage attr:class="mb-4">
                        <input type="hidden" name="item_id" value=item_id/>
                        <button type="submit" class="btn-secondary">"Ta bort bilden"</button>
                    </ActionForm>
                }.into_any(),
                None => view! { <p class="mb-3">"Artikeln har ingen bild. Katalogen visar den utan bild."</p> }.into_any(),
            }}
            <div class="flex flex-wrap items-end gap-3">
                <div class="flex flex-col gap-1">
                    <label for="image-file" class="font-medium">"Ny bild (PNG, JPEG eller WebP, högst 1 MB)"</label>
                    <input id="image-file" type="file" accept="image/png,image/jpeg,image/webp" on:change=on_file
                        aria-describedby="image-fel"
                        class="max-w-full text-slate-900 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-sky-900 file:bg-white file:px-4 file:py-2 file:font-semibold file:text-sky-900 hover:file:bg-sky-50"/>
                </div>
                <button type="button" class="btn-primary" id="image-upload"
                    disabled=move || chosen.get().is_none() || upload.pending().get()
                    on:click=move |_| {
                        if let Some(image_base64) = chosen.get_untracked() {
                            upload.dispatch(SetItemImage { item_id, image_base64 });
                        }
                    }>"Ladda upp bild"</button>
            </div>
            <FieldError error field="image"/>
        </section>
    }
}
