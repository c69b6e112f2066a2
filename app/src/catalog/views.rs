//! `/katalog` (browse, search, filter, sort) and `/katalog/artikel/:id`.

use super::dto::*;
use super::server_fns::{get_catalog_page, get_item};
use crate::any_view::IntoAnySync;
use crate::cart::views::AddToCartForms;
use crate::components::{ErrorNotice, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::catalog::{ItemKind, ServiceLevel};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn filter_from_query(q: &leptos_router::params::ParamsMap) -> CatalogFilter {
    let text = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
    CatalogFilter {
        q: text("q"),
        category: text("kategori"),
        kind: text("typ"),
        supplier: text("leverantor").and_then(|v| v.parse().ok()),
        service_level: text("niva"),
        min_price: text("min").and_then(|v| v.trim().parse().ok()),
        max_price: text("max").and_then(|v| v.trim().parse().ok()),
        sort: text("sortering").map(|s| SortOrder::parse(&s)).unwrap_or_default(),
        page: text("sida").and_then(|v| v.parse().ok()).unwrap_or(1),
    }
}

#[component]
pub fn CatalogPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || filter_from_query(&query.read());
    let page = Resource::new(filter, get_catalog_page);
    let value = move |k: &'static str| move || query.read().get(k).unwrap_or_default();
    let filtered = move || {
        let f = filter();
        f.q.is_some()
            || f.category.is_some()
            || f.kind.is_some()
            || f.supplier.is_some()
            || f.service_level.is_some()
            || f.min_price.is_some()
            || f.max_price.is_some()
    };

    view! {
        <Title text="Katalog"/>
        <PageHeader
            title="Katalog"
            lead="Datorer, skärmar, tillbehör, licenser och tjänster. Paketen innehåller det som behövs för att arbetsplatsen ska fungera."
        />
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                // The search as the form shows it in the server's HTML (a
                // `prop:value` is set only in the browser). Read here, before
                // the async block: no reactive reads are made in there.
                let shown: Vec<(&'static str, String)> = query.with_untracked(|q| {
                    ["q", "kategori", "typ", "leverantor", "niva", "min", "max", "sortering"]
                        .into_iter()
                        .map(|k| (k, q.get(k).unwrap_or_default()))
                        .collect()
                });
                Suspend::new(async move {
                let chosen = |k: &str| shown.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str()).unwrap_or_default();
                match page.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                    Ok(p) => {
                        let categories = p.categories.clone();
                        let suppliers = p.suppliers.clone();
                        let chosen_category = chosen("kategori");
                        let category_options = categories.iter().map(|c| {
                            let indent = if c.parent_id.is_some() { "\u{2003}" } else { "" };
                            view! { <option value=c.code.clone() selected=c.code == chosen_category>{format!("{indent}{}", c.name)}</option> }
                        }).collect_view();
                        let kind_options = ItemKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=k.as_str() == chosen("typ")>{k.label_sv()}</option> }).collect_view();
                        let supplier_options = suppliers.iter().map(|s| view! { <option value=s.id.to_string() selected=s.id.to_string() == chosen("leverantor")>{s.name.clone()}</option> }).collect_view();
                        let level_options = ServiceLevel::ALL.iter().map(|l| view! { <option value=l.as_str() selected=l.as_str() == chosen("niva")>{l.label_sv()}</option> }).collect_view();
                        let sort = SortOrder::parse(chosen("sortering"));
                        let sort_options = SortOrder::ALL.iter().map(|s| view! { <option value=s.as_str() selected=*s == sort>{s.label_sv()}</option> }).collect_view();
                        let (q_value, min_value, max_value) = (chosen("q").to_owned(), chosen("min").to_owned(), chosen("max").to_owned());
                        // On a phone the filters beyond the search fold away
                        // (open when one is chosen), so that the results
                        // start on the first screen.
                        let narrowing = ["kategori", "typ", "leverantor", "niva", "min", "max", "sortering"]
                            .into_iter()
                            .filter(|k| !chosen(k).trim().is_empty())
                            .count();
                        let more = RwSignal::new(narrowing > 0);
                        let more_label = match narrowing {
                            0 => "Filter och sortering".to_owned(),
                            1 => "Filter och sortering (1 vald)".to_owned(),
                            n => format!("Filter och sortering ({n} valda)"),
                        };
                        view! {
                            <crate::components::SearchForm action="" attr:class="card mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" attr:role="search" attr:id="catalog-filter">
                                <div class="flex flex-col gap-1 sm:col-span-2">
                                    <label for="cat-q" class="font-medium">"Sök"</label>
                                    <input id="cat-q" type="search" name="q" value=q_value prop:value=value("q") class=FIELD placeholder="Namn, artikelnummer eller beskrivning"/>
                                </div>
                                <button type="button" class="btn-secondary sm:hidden" aria-controls="catalog-more"
                                    aria-expanded=move || more.get().to_string() on:click=move |_| more.update(|o| *o = !*o)>
                                    {more_label}
                                </button>
                                <div id="catalog-more" class=move || if more.get() { "contents" } else { "hidden sm:contents" }>
                                    <div class="flex flex-col gap-1">
                                        <label for="cat-category" class="font-medium">"Kategori"</label>
                                        <select id="cat-category" name="kategori" class=FIELD prop:value=value("kategori")>
                                            <option value="">"Alla kategorier"</option>
                                            {category_options}
                                        </select>
                                    </div>
                                    <div class="flex flex-col gap-1">
                                        <label for="cat-kind" class="font-medium">"Typ"</label>
                                        <select id="cat-kind" name="typ" class=FIELD prop:value=value("typ")>
                                            <option value="">"Alla typer"</option>
                                            {kind_options}
                                        </select>
                                    </div>
                                    <div class="flex flex-col gap-1">
                                        <label for="cat-supplier" class="font-medium">"Leverantör"</label>
                                        <select id="cat-supplier" name="leverantor" class=FIELD prop:value=value("leverantor")>
                                            <option value="">"Alla leverantörer"</option>
                                            {supplier_options}
                                        </select>
                                    </div>
                                    <div class="flex flex-col gap-1">
                                        <label for="cat-level" class="font-medium">"Servicenivå"</label>
                                        <select id="cat-level" name="niva" class=FIELD prop:value=value("niva")>
                                            <option value="">"Alla nivåer"</option>
                                            {level_options}
                                        </select>
                                    </div>
                                    <fieldset class="flex gap-2">
                                        <legend class="mb-1 font-medium">"Pris (kr)"</legend>
                                        <label for="cat-min" class="sr-only">"Lägsta pris i kronor"</label>
                                        <input id="cat-min" name="min" type="number" min="0" inputmode="numeric" placeholder="Från" value=min_value prop:value=value("min") class=format!("{FIELD} w-full")/>
                                        <label for="cat-max" class="sr-only">"Högsta pris i kronor"</label>
                                        <input id="cat-max" name="max" type="number" min="0" inputmode="numeric" placeholder="Till" value=max_value prop:value=value("max") class=format!("{FIELD} w-full")/>
                                    </fieldset>
                                    <div class="flex flex-col gap-1">
                                        <label for="cat-sort" class="font-medium">"Sortera"</label>
                                        <select id="cat-sort" name="sortering" class=FIELD
                                            prop:value=move || SortOrder::parse(&value("sortering")()).as_str()>
                                            {sort_options}
                                        </select>
                                    </div>
                                </div>
                                <div class="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-4">
                                    <button type="submit" class="btn-primary">"Sök"</button>
                                    <a href="/katalog" class="btn-secondary">"Rensa"</a>
                                </div>
                            </crate::components::SearchForm>
                            {(!filtered()).then(|| view! { <BundleList bundles=p.bundles.clone()/> })}
                            <Results page=p/>
                        }.into_any_sync()
                    }
                }
            })
            }}
        </Suspense>
    }
}

#[component]
fn BundleList(
    /// The active bundles.
    bundles: Vec<BundleSummary>,
) -> impl IntoView {
    view! {
        <section class="mb-8" aria-labelledby="paket">
            <h2 id="paket" class="mb-3 text-xl font-semibold">"Paket"</h2>
            <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {bundles.into_iter().map(|b| view! {
                    <li>
                        <a href=format!("/katalog/artikel/{}", b.main_item_id) class="card block h-full no-underline hover:border-sky-700">
                            <span class="block font-semibold text-sky-900">{b.name}</span>
                            <span class="mt-1 block text-sm text-slate-700">{b.description}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Results(
    /// One page of results.
    page: CatalogPage,
) -> impl IntoView {
    let query = use_query_map();
    let link_to = move |n: u64| {
        let q = query.read_untracked();
        let mut params: Vec<String> = ["q", "kategori", "typ", "leverantor", "niva", "min", "max", "sortering"]
            .iter()
            .filter_map(|k| {
                q.get(k)
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("{k}={}", urlencoding::encode(&v)))
            })
            .collect();
        params.push(format!("sida={n}"));
        format!("/katalog?{}", params.join("&"))
    };
    let count = match page.total {
        0 => "Inga artiklar matchar sökningen.".to_owned(),
        1 => "1 artikel".to_owned(),
        n => format!("{} artiklar", format::count(n)),
    };
    view! {
        <section aria-labelledby="resultat">
            <h2 id="resultat" class="mb-3 text-xl font-semibold">"Artiklar"</h2>
            <p class="mb-3 text-slate-700" role="status" id="catalog-count">{count}</p>
            <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" id="catalog-results">
                {page.items.into_iter().map(|i| view! { <ItemCard item=i/> }).collect_view()}
            </ul>
            {(page.pages > 1).then(|| view! {
                <nav aria-label="Sidor" class="mt-6 flex items-center gap-4">
                    {(page.page > 1).then(|| view! { <a href=link_to(page.page - 1)>"Föregående"</a> })}
                    <span>{format!("Sida {} av {}", page.page, page.pages)}</span>
                    {(page.page < page.pages).then(|| view! { <a href=link_to(page.page + 1)>"Nästa"</a> })}
                </nav>
            })}
        </section>
    }
}

#[component]
fn ItemCard(
    /// The item to show.
    item: ItemSummary,
) -> impl IntoView {
    let price = format::price_phrase(item.one_off, item.monthly, item.binding_months);
    let commitment = (item.monthly.ore() > 0 && item.binding_months > 0)
        .then(|| format!("Totalt åtagande {}", item.total_commitment));
    view! {
        <li class="card flex flex-col">
            {item.image_url.clone().map(|src| view! {
                <img src=src alt="" class="mb-3 h-32 w-full rounded object-contain" loading="lazy" width="320" height="128"/>
            })}
            <span class="text-xs font-medium uppercase tracking-wide text-slate-600">{item.kind.label_sv()}" · "{item.category}</span>
            <a href=format!("/katalog/artikel/{}", item.id) class="mt-1 font-semibold text-sky-900">{item.name}</a>
            <span class="text-sm text-slate-600">"Art.nr "{item.article_number}" · "{item.supplier}</span>
            {item.service_level.map(|l| view! { <span class="mt-1 text-sm">"Servicenivå "{l.label_sv()}</span> })}
            <span class="mt-auto pt-3 text-lg font-semibold whitespace-nowrap">{price}</span>
            {commitment.map(|c| view! { <span class="text-sm text-slate-700">{c}</span> })}
        </li>
    }
}

#[component]
pub fn ItemPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let detail = Resource::new(id, get_item);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <ItemView d/> }.into_any_sync(),
                    Err(err) => view! {
                        <Title text="Artikeln finns inte"/>
                        <PageHeader title="Artikeln finns inte"/>
                        <ErrorNotice err/>
                        <p class="mt-4"><a href="/katalog">"Till katalogen"</a></p>
                    }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

fn item_links(items: Vec<ItemRef>) -> impl IntoView {
    items
        .into_iter()
        .map(|i| view! { <li><a href=format!("/katalog/artikel/{}", i.id)>{i.name}</a>" ("{i.article_number}")"</li> })
        .collect_view()
}

#[component]
fn ItemView(
    /// Everything about the item.
    d: ItemDetail,
) -> impl IntoView {
    let s = d.summary.clone();
    let bundle_buttons: Vec<(i32, String)> = d.bundles.iter().map(|b| (b.id, b.name.clone())).collect();
    let binding = if s.binding_months > 0 {
        format!("{} månader", s.binding_months)
    } else {
        "Ingen".into()
    };
    let notice = if d.summary.notice_months > 0 {
        format!("{} månader", d.summary.notice_months)
    } else {
        "Ingen".into()
    };
    view! {
        <Title text=s.name.clone()/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/katalog">"Katalog"</a>" › "{s.category.clone()}</nav>
        <PageHeader title=s.name.clone() lead=d.description.clone()/>
        {s.image_url.clone().map(|src| view! {
            <img src=src alt=format!("Bild på {}", s.name) class="mb-6 max-h-72 w-full max-w-md rounded-md border border-slate-200 bg-white object-contain p-2" id="item-image"/>
        })}
        <div class="grid gap-6 lg:grid-cols-3">
            <section class="card lg:col-span-1" aria-labelledby="pris">
                <h2 id="pris" class="mb-3 text-lg font-semibold">"Pris"</h2>
                <dl class="grid grid-cols-2 gap-y-2 text-sm" id="item-price">
                    <dt class="text-slate-700">"Engångspris"</dt><dd class="text-right font-medium">{s.one_off.to_string()}</dd>
                    <dt class="text-slate-700">"Månadskostnad"</dt><dd class="text-right font-medium">{s.monthly.to_string()}</dd>
                    <dt class="text-slate-700">"Bindningstid"</dt><dd class="text-right">{binding}</dd>
                    <dt class="text-slate-700">"Uppsägningstid"</dt><dd class="text-right">{notice}</dd>
                    <dt class="border-t border-slate-200 pt-2 font-semibold">"Totalt åtagande"</dt>
                    <dd class="border-t border-slate-200 pt-2 text-right font-semibold" id="item-commitment">{s.total_commitment.to_string()}</dd>
                </dl>
                <p class="mt-2 text-xs text-slate-600">"Totalt åtagande = engångspris + månadskostnad × bindningstid."</p>
                <AddToCartForms item_id=s.id bundles=bundle_buttons/>
                {d.upcoming_price.clone().map(|p| view! {
                    <p class="notice mt-3 text-sm" id="upcoming-price">
                        "Nytt pris från "{format::date(p.valid_from)}": "
                        {format::price_phrase(p.one_off, p.monthly, s.binding_months)}
                    </p>
                })}
            </section>
            <section class="card lg:col-span-2" aria-labelledby="fakta">
                <h2 id="fakta" class="mb-3 text-lg font-semibold">"Fakta"</h2>
                <dl class="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
                    <dt class="text-slate-700">"Artikelnummer"</dt><dd>{s.article_number.clone()}</dd>
                    <dt class="text-slate-700">"Typ"</dt><dd>{s.kind.label_sv()}</dd>
                    <dt class="text-slate-700">"Leverantör"</dt><dd>{s.supplier.clone()}</dd>
                    <dt class="text-slate-700">"Avtal"</dt><dd>{d.agreement.clone().unwrap_or_else(|| "–".into())}</dd>
                </dl>
                {s.service_level.map(|l| {
                    let (hours, restore, reliability) = l.terms_sv();
                    view! {
                        <h3 class="mt-4 font-semibold">"Servicenivå "{l.label_sv()}</h3>
                        <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
                            <dt class="text-slate-700">"Öppettider"</dt><dd>{hours}</dd>
                            <dt class="text-slate-700">"Återställningstid"</dt><dd>{restore}</dd>
                            <dt class="text-slate-700">"Tillgänglighet"</dt><dd>{reliability}</dd>
                        </dl>
                    }
                })}
            </section>
        </div>
        {d.bundles.into_iter().map(|b| view! {
            <section class="card mt-6" aria-labelledby=format!("paket-{}", b.id)>
                <h2 id=format!("paket-{}", b.id) class="text-lg font-semibold">"Paket: "{b.name.clone()}</h2>
                <p class="mt-1 text-slate-700">{b.description.clone()}</p>
                <TableScroll label=format!("Innehåll i paketet {}", b.name) class="mt-3">
                    <table class="data-table">
                        <caption class="sr-only">{format!("Innehåll i paketet {}", b.name)}</caption>
                        <thead><tr>
                            <th scope="col">"Artikel"</th><th scope="col">"Antal"</th>
                            <th scope="col">"Ingår"</th><th scope="col">"Pris per st"</th>
                        </tr></thead>
                        <tbody>
                            {b.parts.into_iter().map(|p| view! {
                                <tr>
                                    <td><a href=format!("/katalog/artikel/{}", p.item.id)>{p.item.name}</a></td>
                                    <td>{p.quantity}</td>
                                    <td>{if p.required { "Krävs" } else { "Valfri" }}</td>
                                    <td class="whitespace-nowrap">{format::price_phrase(p.one_off, p.monthly, 0)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            </section>
        }).collect_view()}
        <div class="mt-6 grid gap-6 md:grid-cols-3">
            {d.requires_one_of.into_iter().map(|group| view! {
                <section class="card" aria-labelledby="kraver">
                    <h2 id="kraver" class="font-semibold">"Beställs tillsammans med en av"</h2>
                    <ul class="mt-2 list-disc pl-5 text-sm">{item_links(group)}</ul>
                </section>
            }).collect_view()}
            {(!d.fits_only.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="passar-bara">
                    <h2 id="passar-bara" class="font-semibold">"Passar bara till"</h2>
                    <ul class="mt-2 list-disc pl-5 text-sm">{item_links(d.fits_only.clone())}</ul>
                </section>
            })}
            {(!d.fits_with.is_empty()).then(|| view! {
                <section class="card" aria-labelledby="passar-med">
                    <h2 id="passar-med" class="font-semibold">"Tillbehör som passar"</h2>
                    <ul class="mt-2 list-disc pl-5 text-sm">{item_links(d.fits_with.clone())}</ul>
                </section>
            })}
        </div>
    }
}
