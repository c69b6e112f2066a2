//! The bundle list and the bundle page: its fields and its parts.

use super::{reload_on_success, CatalogAdminTabs};
use crate::any_view::IntoAnySync;
use crate::catalog::admin::dto::*;
use crate::catalog::admin::server_fns::*;
use crate::components::{textarea_text, ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll, FIELD};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn AdminBundlesPage() -> impl IntoView {
    let bundles = Resource::new(|| (), |_| get_admin_bundles());
    view! {
        <Title text="Paket"/>
        <CatalogAdminTabs/>
        <PageHeader title="Paket" lead="Typkonfigurationer: en huvudartikel med de artiklar som krävs och de som är valfria."/>
        <p class="mb-4"><a href="/admin/katalog/paket/nytt" class="btn-primary">"Nytt paket"</a></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match bundles.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                    Ok(list) if list.is_empty() => view! { <p>"Det finns inga paket ännu."</p> }.into_any_sync(),
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
                                            <td class="font-mono text-sm"><a href=format!("/admin/katalog/paket/{}", b.id)>{b.code.clone()}</a></td>
                                            <td>{b.name.clone()}</td>
                                            <td>{format!("{} {}", b.main_item.article_number, b.main_item.name)}</td>
                                            <td class="text-right">{b.parts.len()}</td>
                                            <td>{if b.active { "Aktivt" } else { "Inaktivt" }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableScroll>
                    }.into_any_sync(),
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
        <p class="mb-4"><a href="/admin/katalog/paket">"← Alla paket"</a></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match bundles.await {
                    Err(err) => view! { <Title text="Paket"/><ErrorNotice err/> }.into_any_sync(),
                    Ok(list) => match id() {
                        None => view! { <BundleEditor bundle=None save add remove/> }.into_any_sync(),
                        Some(id) => match list.into_iter().find(|b| b.id == id) {
                            Some(b) => view! { <BundleEditor bundle=Some(b) save add remove/> }.into_any_sync(),
                            None => view! {
                                <Title text="Paket"/>
                                <ErrorNotice err=AppError::not_found("Paketet finns inte.")/>
                            }.into_any_sync(),
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
    let invalid =
        move |e: Signal<Option<AppError>>, f: &'static str| move || e.get().is_some_and(|e| e.has_field(f)).to_string();
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
                    view! { <p class="mb-4">"Paketet har inga fler delar ännu."</p> }.into_any_sync()
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
                    }.into_any_sync()
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
