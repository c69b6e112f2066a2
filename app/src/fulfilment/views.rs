//! `/admin/leverantorsnycklar`: the administrator creates and revokes
//! suppliers' integration keys; and the parts on an order's page.

use super::dto::{OrderDeviations, PartDto, SupplierKeyDto};
use super::server_fns::{
    get_order_deviations, supplier_keys, CreateSupplierKey, HandlePart, RaiseDeviation, RevokeSupplierKey,
    StepDeviation, TakeOrder,
};
use crate::admin::views::AdminTabs;
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll};
use crate::domain::coordination::DeviationKind;
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
    let invalid = move |f: &'static str| move || create_error.get().is_some_and(|e| e.has_field(f)).to_string();
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
                            view! { <p>"Det finns inga leverantörsnycklar ännu."</p> }.into_any_sync()
                        } else {
                            view! { <KeyTable keys=p.keys revoke/> }.into_any_sync()
                        }}
                    }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
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
                let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
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

/// An order's deviations: coordinators see everything, take the order,
/// raise a deviation and comment, escalate or resolve one; the requester
/// and recipient see that a deviation exists, its note and whether it is
/// resolved. Nothing for anyone else.
#[component]
pub fn OrderDeviationsSection(
    /// The order.
    order_id: i32,
) -> impl IntoView {
    let raise = ServerAction::<RaiseDeviation>::new();
    let step = ServerAction::<StepDeviation>::new();
    let take = ServerAction::<TakeOrder>::new();
    let data = Resource::new(
        move || (raise.version().get(), step.version().get(), take.version().get()),
        move |_| get_order_deviations(order_id.to_string()),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) if d.coordinator || !d.deviations.is_empty() => view! {
                        <DeviationsCard d order_id raise step take/>
                    }.into_any_sync(),
                    // Not the caller's order (an attester): nothing to show.
                    _ => ().into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DeviationsCard(
    d: OrderDeviations,
    order_id: i32,
    raise: ServerAction<RaiseDeviation>,
    step: ServerAction<StepDeviation>,
    take: ServerAction<TakeOrder>,
) -> impl IntoView {
    let raise_error = Signal::derive(move || raise.value().get().and_then(|r| r.err()));
    let step_error = Signal::derive(move || step.value().get().and_then(|r| r.err()));
    let take_error = move || take.value().get().and_then(|r| r.err());
    let invalid = move |f: &'static str| move || raise_error.get().is_some_and(|e| e.has_field(f)).to_string();
    let may_handle = d.may_handle;
    let heading = if d.deviations.is_empty() {
        "Avvikelser"
    } else {
        "Avvikelser på beställningen"
    };
    view! {
        <section class="card mb-6" id="avvikelser" aria-labelledby="avvikelser-rubrik">
            <h2 id="avvikelser-rubrik" class="mb-2 font-semibold">{heading}</h2>
            {d.coordinator.then(|| {
                let taken_text = match (&d.taken_by, d.taken_by_me) {
                    (_, true) => "Du har tagit beställningen.".to_owned(),
                    (Some(n), false) => format!("{n} har tagit beställningen."),
                    (None, false) => "Ingen koordinator har tagit beställningen.".to_owned(),
                };
                view! {
                    <div class="mb-3 flex flex-wrap items-center gap-3" id="order-taken">
                        <span>{taken_text}</span>
                        {may_handle.then(|| view! {
                            <ActionForm action=take attr:class="inline">
                                <input type="hidden" name="order_id" value=order_id/>
                                <input type="hidden" name="take" value=if d.taken_by_me { "0" } else { "1" }/>
                                <button type="submit" class="btn-secondary" id="take-order">
                                    {if d.taken_by_me { "Släpp beställningen" } else { "Ta beställningen" }}
                                </button>
                            </ActionForm>
                        })}
                    </div>
                    {move || take_error().map(|err| view! { <div class="mb-3"><ErrorNotice err/></div> })}
                }
            })}
            {if d.deviations.is_empty() {
                view! { <p class="mb-3 text-sm text-slate-700" id="no-deviations">"Inga avvikelser är anmälda."</p> }.into_any_sync()
            } else {
                view! {
                    <ul class="mb-4 flex flex-col gap-3" id="deviation-list">
                        {d.deviations.clone().into_iter().map(|x| {
                            let badge = if x.open {
                                "rounded bg-amber-200 px-1.5 text-xs font-semibold text-amber-950"
                            } else {
                                "rounded bg-emerald-100 px-1.5 text-xs font-semibold text-emerald-950"
                            };
                            let id = x.id;
                            let open = x.open;
                            let escalated = x.escalated;
                            view! {
                                <li class="rounded-md border border-slate-200 p-3" data-deviation=x.id>
                                    <p class="flex flex-wrap items-center gap-2">
                                        <span class="font-medium">{x.kind.clone()}</span>
                                        <span class=badge>{x.state.clone()}</span>
                                        <span class="text-sm text-slate-700">"Anmäld "{format::date(x.raised_at.date_naive())}</span>
                                        {x.resolved_at.map(|t| view! { <span class="text-sm text-slate-700">"Åtgärdad "{format::date(t.date_naive())}</span> })}
                                    </p>
                                    <p class="mt-1">{x.note.clone()}</p>
                                    {(!x.owner.is_empty()).then(|| view! { <p class="mt-1 text-sm text-slate-700">"Ansvarig: "{x.owner.clone()}</p> })}
                                    {x.resolution.clone().map(|r| view! { <p class="mt-1 text-sm">"Åtgärd: "{r}</p> })}
                                    {(!x.history.is_empty()).then(|| view! {
                                        <details class="mt-2 text-sm">
                                            <summary class="cursor-pointer">"Historik"</summary>
                                            <ol class="mt-1 flex flex-col gap-1">
                                                {x.history.iter().map(|h| view! {
                                                    <li>{format::date_time(h.at)}" · "{h.author.clone()}" · "{h.what.clone()}": "{h.body.clone()}</li>
                                                }).collect_view()}
                                            </ol>
                                        </details>
                                    })}
                                    {(may_handle && open).then(|| {
                                        let fid = move |f: &str| format!("deviation-{id}-{f}");
                                        view! {
                                            <ActionForm action=step attr:class="mt-3 grid gap-2 sm:grid-cols-[1fr_auto_auto]" attr:id=fid("form")>
                                                <input type="hidden" name="id" value=id/>
                                                <div class="flex flex-col gap-1 sm:col-span-3">
                                                    <label for=fid("body") class="font-medium">"Kommentar, anledning eller åtgärd"</label>
                                                    <textarea id=fid("body") name="body" required maxlength="2000" rows="2" class="field"></textarea>
                                                </div>
                                                <div class="flex flex-col gap-1">
                                                    <label for=fid("step") class="font-medium">"Vad gör du?"</label>
                                                    <select id=fid("step") name="step" required class="field">
                                                        <option value="comment">"Kommenterar"</option>
                                                        {(!escalated).then(|| view! { <option value="escalate">"Eskalerar"</option> })}
                                                        <option value="resolve">"Åtgärdar och stänger"</option>
                                                    </select>
                                                </div>
                                                <div class="flex items-end">
                                                    <button type="submit" class="btn-secondary" disabled=move || step.pending().get()>"Spara"</button>
                                                </div>
                                            </ActionForm>
                                        }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || step_error.get().map(|err| view! { <div class="mb-3"><ErrorNotice err/></div> })}
                }.into_any_sync()
            }}
            {may_handle.then(|| view! {
                <details class="border-t border-slate-200 pt-3" id="raise-deviation">
                    <summary class="cursor-pointer font-medium">"Anmäl en avvikelse"</summary>
                    <ActionForm action=raise attr:class="mt-3 grid gap-3 sm:grid-cols-2" attr:id="raise-deviation-form">
                        <input type="hidden" name="order_id" value=order_id/>
                        <div class="flex flex-col gap-1">
                            <label for="deviation-kind" class="font-medium">"Typ"</label>
                            <select id="deviation-kind" name="kind" required class="field"
                                aria-invalid=invalid("kind") aria-describedby="kind-fel">
                                <option value="">"Välj typ"</option>
                                {DeviationKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{k.label_sv()}</option> }).collect_view()}
                            </select>
                            <FieldError error=raise_error field="kind"/>
                        </div>
                        <div class="flex flex-col gap-1">
                            <label for="deviation-owner" class="font-medium">"Ansvarig"</label>
                            <select id="deviation-owner" name="owner" class="field"
                                aria-invalid=invalid("owner") aria-describedby="owner-fel">
                                <option value="">"Jag"</option>
                                {d.coordinators.iter().map(|(id, n)| view! { <option value=id.to_string()>{n.clone()}</option> }).collect_view()}
                            </select>
                            <FieldError error=raise_error field="owner"/>
                        </div>
                        <div class="flex flex-col gap-1 sm:col-span-2">
                            <label for="deviation-note" class="font-medium">"Vad har hänt? (beställaren ser texten)"</label>
                            <textarea id="deviation-note" name="note" required maxlength="2000" rows="3" class="field"
                                aria-invalid=invalid("note") aria-describedby="note-fel"></textarea>
                            <FieldError error=raise_error field="note"/>
                        </div>
                        {move || raise_error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="sm:col-span-2"><ErrorNotice err/></div> })}
                        <div class="sm:col-span-2">
                            <button type="submit" class="btn-primary" disabled=move || raise.pending().get()>"Anmäl avvikelsen"</button>
                        </div>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}
