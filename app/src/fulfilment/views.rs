//! `/admin/leverantorsnycklar`: the administrator creates and revokes
//! suppliers' integration keys; and the parts on an order's page.

use super::dto::{PartDto, SupplierKeyDto};
use super::server_fns::{supplier_keys, CreateSupplierKey, HandlePart, RevokeSupplierKey};
use crate::admin::views::AdminTabs;
use crate::components::{ErrorNotice, FieldError, Loading, PageHeader, TableScroll};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SupplierKeysPage() -> impl IntoView {
    let create = ServerAction::<CreateSupplierKey>::new();
    let revoke = ServerAction::<RevokeSupplierKey>::new();
    let page = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| supplier_keys(),
    );
    let created = move || create.value().get().and_then(|r| r.ok());
    let create_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || create_error.get().is_some_and(|e| e.field() == Some(f)).to_string();
    let revoke_error = move || revoke.value().get().and_then(|r| r.err());
    view! {
        <Title text="Leverantörsnycklar"/>
        <AdminTabs/>
        <PageHeader
            title="Leverantörsnycklar"
            lead="Nycklar som leverantörernas system använder mot Avrops leverantörs-API (/api/v1/supplier/…): hämta nya beställningar, kvittera dem och rapportera bekräftelse, leverans och serienummer. En nyckel gäller en leverantör och visas bara när den skapas."
        />
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! {
                        <section class="card mb-8" aria-labelledby="ny-leverantorsnyckel">
                            <h2 id="ny-leverantorsnyckel" class="mb-3 text-lg font-semibold">"Skapa leverantörsnyckel"</h2>
                            <ActionForm action=create attr:class="grid gap-4 sm:grid-cols-2" attr:id="supplier-key-form">
                                <div class="flex flex-col gap-1">
                                    <label for="supplier-key-supplier" class="font-medium">"Leverantör"</label>
                                    <select id="supplier-key-supplier" name="supplier_id" required class="field"
                                        aria-invalid=invalid("supplier_id") aria-describedby="supplier_id-fel">
                                        <option value="">"Välj leverantör"</option>
                                        {p.suppliers.iter().map(|(id, name)| view! {
                                            <option value=id.to_string()>{name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldError error=create_error field="supplier_id"/>
                                </div>
                                <div class="flex flex-col gap-1">
                                    <label for="supplier-key-name" class="font-medium">"Namn på nyckeln"</label>
                                    <input id="supplier-key-name" name="name" required maxlength="100" class="field"
                                        placeholder="t.ex. Ordersystem produktion"
                                        aria-invalid=invalid("name") aria-describedby="name-fel"/>
                                    <FieldError error=create_error field="name"/>
                                </div>
                                <div class="sm:col-span-2">
                                    <button type="submit" class="btn-primary" disabled=move || create.pending().get()>"Skapa nyckel"</button>
                                </div>
                            </ActionForm>
                        </section>
                        {if p.keys.is_empty() {
                            view! { <p>"Det finns inga leverantörsnycklar ännu."</p> }.into_any()
                        } else {
                            view! { <KeyTable keys=p.keys revoke/> }.into_any()
                        }}
                    }.into_any(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                }
            })}
        </Suspense>
        {move || create_error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mt-4"><ErrorNotice err/></div> })}
        {move || created().map(|c| view! {
            <div class="mt-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" role="status">
                <p class="font-medium">
                    "Nyckeln ”"{c.key.name.clone()}"” för "{c.key.supplier.clone()}" är skapad. Kopiera den nu – den visas inte igen:"
                </p>
                <code id="new-supplier-key" class="mt-2 block break-all rounded bg-white p-2 font-mono text-sm">{c.secret.clone()}</code>
            </div>
        })}
        {move || revoke_error().map(|err| view! { <div class="mt-4"><ErrorNotice err/></div> })}
    }
}

#[component]
fn KeyTable(
    /// The keys to list.
    keys: Vec<SupplierKeyDto>,
    /// The revoke action of the page.
    revoke: ServerAction<RevokeSupplierKey>,
) -> impl IntoView {
    view! {
        <TableScroll label="Leverantörsnycklar">
            <table class="data-table" id="supplier-key-table">
                <caption class="sr-only">"Leverantörsnycklar"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Leverantör"</th>
                        <th scope="col">"Namn"</th>
                        <th scope="col">"Början"</th>
                        <th scope="col">"Skapad av"</th>
                        <th scope="col">"Skapad"</th>
                        <th scope="col">"Senast använd"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col"><span class="sr-only">"Åtgärd"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {keys.into_iter().map(|k| {
                        let active = k.revoked_at.is_none();
                        let label = format!("Återkalla nyckeln {} för {}", k.name, k.supplier);
                        view! {
                            <tr>
                                <td>{k.supplier.clone()}</td>
                                <td>{k.name.clone()}</td>
                                <td class="whitespace-nowrap font-mono text-sm">{k.prefix.clone()}"…"</td>
                                <td>{k.created_by.clone()}</td>
                                <td class="whitespace-nowrap">{format::date(k.created_at.date_naive())}</td>
                                <td class="whitespace-nowrap">{k.last_used_at.map(format::date_time).unwrap_or_else(|| "Aldrig".into())}</td>
                                <td>{if active { "Aktiv" } else { "Återkallad" }}</td>
                                <td>
                                    {active.then(|| view! {
                                        <ActionForm action=revoke>
                                            <input type="hidden" name="id" value=k.id/>
                                            <button type="submit" class="btn-danger" aria-label=label>"Återkalla"</button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

/// The supplier parts of an order, for its page.
#[component]
pub fn OrderParts(
    /// The parts, by supplier.
    parts: Vec<PartDto>,
) -> impl IntoView {
    view! {
        <section class="card mb-6" id="order-parts" aria-labelledby="order-parts-rubrik">
            <h2 id="order-parts-rubrik" class="mb-2 font-semibold">"Leverans"</h2>
            <ul class="grid gap-3">
                {parts.into_iter().map(|p| view! {
                    <li class="rounded-md border border-slate-200 p-3">
                        <p class="font-medium">{p.supplier.clone()}": "{p.state.part_label_sv()}
                            <span class="text-slate-700">" sedan "{format::date(p.state_since.date_naive())}</span>
                        </p>
                        {p.expected_delivery.map(|d| view! {
                            <p>"Förväntad leverans: "{format::date(d)}</p>
                        })}
                        {p.tracking_number.clone().map(|t| view! {
                            <p>"Spårningsnummer: "<span class="font-mono">{t}</span></p>
                        })}
                        <p class="text-sm text-slate-700">"Artiklar: "{p.articles.join(", ")}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A coordinator records by hand what happened to an order's supplier
/// part (a supplier without the API): one form per part, with a required
/// reason. The page reloads with the new state.
#[component]
pub fn ManualHandling(
    /// The order.
    order_id: i32,
    /// Its parts.
    parts: Vec<PartDto>,
) -> impl IntoView {
    view! {
        <section class="card mb-6" id="manual-handling" aria-labelledby="manual-handling-rubrik">
            <h2 id="manual-handling-rubrik" class="mb-1 font-semibold">"Hantera leveransen för hand"</h2>
            <p class="mb-3 text-sm text-slate-700">
                "För en leverantör utan koppling till Avrop, eller när kopplingen inte fungerar. Steget och anledningen syns i historiken, och beställaren får besked."
            </p>
            {parts.into_iter().map(|p| {
                // One action per part: an error shows at the form it belongs to.
                let handle = ServerAction::<HandlePart>::new();
                Effect::new(move |_| {
                    if let Some(Ok(())) = handle.value().get() {
                        #[cfg(feature = "hydrate")]
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    }
                });
                let error = Signal::derive(move || handle.value().get().and_then(|r| r.err()));
                let key = p.supplier_id;
                let id = move |f: &str| format!("manual-{key}-{f}");
                let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.field() == Some(f)).to_string();
                view! {
                    <ActionForm action=handle attr:class="mb-4 grid grid-cols-1 gap-3 border-t border-slate-200 pt-3 sm:grid-cols-2" attr:id=id("form")>
                        <h3 class="font-medium sm:col-span-2">{p.supplier.clone()}": "{p.state.part_label_sv()}</h3>
                        <input type="hidden" name="order_id" value=order_id/>
                        <input type="hidden" name="supplier_id" value=p.supplier_id/>
                        <div class="flex flex-col gap-1">
                            <label for=id("action") class="font-medium">"Vad har hänt?"</label>
                            <select id=id("action") name="action" required class="field"
                                aria-invalid=invalid("action") aria-describedby="action-fel">
                                <option value="">"Välj"</option>
                                {super::dto::MANUAL_ACTIONS.iter().map(|(code, label)| view! {
                                    <option value=*code>{*label}</option>
                                }).collect_view()}
                            </select>
                            <FieldError error field="action"/>
                        </div>
                        <div class="flex flex-col gap-1">
                            <label for=id("date") class="font-medium">"Förväntat leveransdatum (vid bekräftelse)"</label>
                            <input id=id("date") name="expected_delivery" type="date" class="field"
                                aria-invalid=invalid("expected_delivery") aria-describedby="expected_delivery-fel"/>
                            <FieldError error field="expected_delivery"/>
                        </div>
                        <div class="flex flex-col gap-1">
                            <label for=id("tracking") class="font-medium">"Spårningsnummer (valfritt)"</label>
                            <input id=id("tracking") name="tracking_number" maxlength="100" class="field"
                                aria-invalid=invalid("tracking_number") aria-describedby="tracking_number-fel"/>
                            <FieldError error field="tracking_number"/>
                        </div>
                        <div class="flex flex-col gap-1">
                            <label for=id("reason") class="font-medium">"Anledning"</label>
                            <input id=id("reason") name="reason" required maxlength="500" class="field"
                                placeholder="t.ex. Leverantören bekräftade per telefon"
                                aria-invalid=invalid("reason") aria-describedby="reason-fel"/>
                            <FieldError error field="reason"/>
                        </div>
                        {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="sm:col-span-2"><ErrorNotice err/></div> })}
                        <div class="sm:col-span-2">
                            <button type="submit" class="btn-primary" disabled=move || handle.pending().get()>
                                "Registrera för "{p.supplier.clone()}
                            </button>
                        </div>
                    </ActionForm>
                }
            }).collect_view()}
        </section>
    }
}
