//! The item list and the item page: its fields and status, with the price,
//! rule and picture sections.

use super::images::ImageSection;
use super::prices::PriceSection;
use super::rules::RuleSection;
use super::{reload_on_success, CatalogAdminTabs};
use crate::any_view::IntoAnySync;
use crate::catalog::admin::dto::*;
use crate::catalog::admin::server_fns::*;
use crate::components::{textarea_text, ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::catalog::{ItemKind, ServiceLevel};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

fn price_or_dash(p: Option<crate::domain::money::Sek>) -> String {
    p.map(|p| p.to_string()).unwrap_or_else(|| "–".into())
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
            <crate::components::SearchForm action="" attr:class="flex flex-wrap items-end gap-2" attr:role="search">
                <div class="flex flex-col gap-1">
                    <label for="admin-q" class="font-medium">"Sök artikel"</label>
                    <input id="admin-q" type="search" name="q" value=untrack(search) prop:value=search class=FIELD placeholder="Namn eller artikelnummer"/>
                </div>
                <button type="submit" class="btn-secondary">"Sök"</button>
            </crate::components::SearchForm>
            <a href="/admin/katalog/artikel/ny" class="btn-primary">"Ny artikel"</a>
        </div>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                    Ok(l) if l.items.is_empty() => view! { <p>"Inga artiklar matchar sökningen."</p> }.into_any_sync(),
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
                                                    <a href=format!("/admin/katalog/artikel/{}", i.id)>{i.article_number.clone()}</a>
                                                </td>
                                                <td>{i.name.clone()}</td>
                                                <td>{i.kind.label_sv()}</td>
                                                <td>{i.category.clone()}</td>
                                                <td>{i.supplier.clone()}</td>
                                                <td class="num">{price_or_dash(i.one_off)}</td>
                                                <td class="num">{price_or_dash(i.monthly)}</td>
                                                <td class="whitespace-nowrap">{i.next_price_from.map(format::date).unwrap_or_else(|| "–".into())}</td>
                                                <td>{if i.active { "Aktiv" } else { "Utgått" }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                            {(l.pages > 1).then(|| view! {
                                <nav aria-label="Sidor" class="mt-4 flex items-center gap-4">
                                    {(l.page > 1).then(|| view! { <a href=page_link(l.page - 1) rel="prev">"Föregående"</a> })}
                                    <span>{format!("Sida {} av {}", l.page, l.pages)}</span>
                                    {(l.page < l.pages).then(|| view! { <a href=page_link(l.page + 1) rel="next">"Nästa"</a> })}
                                </nav>
                            })}
                        }.into_any_sync()
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
        <p class="mb-4"><a href="/admin/katalog">"← Alla artiklar"</a></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match item.await {
                    Err(err) => view! { <Title text="Artikel"/><ErrorNotice err/> }.into_any_sync(),
                    Ok(it) => {
                        let image = it.id.map(|item_id| view! {
                            <ImageSection item_id image_url=it.image_url.clone() name=it.form.name.clone() upload unimage/>
                        });
                        view! { <ItemEditor it save price rule unrule activate/> {image} }.into_any_sync()
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
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
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
                        view! { <button type="submit" class="btn-danger">"Låt artikeln utgå"</button> }.into_any_sync()
                    } else {
                        view! { <button type="submit" class="btn-secondary">"Återaktivera artikeln"</button> }.into_any_sync()
                    }}
                </ActionForm>
                <p class="mt-2 text-sm text-slate-700">"En artikel som har utgått försvinner ur katalogen. Lagda beställningar påverkas inte."</p>
                {move || activate.value().get().and_then(|r| r.err()).map(|err| view! { <div class="mt-2"><ErrorNotice err/></div> })}
            </section>
        })}
    }
}
