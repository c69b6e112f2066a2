//! `/kassa` (checkout), `/bestallningar` (Mina beställningar) and the order page.

use super::dto::*;
use super::server_fns::{get_checkout_options, get_order, my_orders, SubmitOrder};
use crate::any_view::IntoAnySync;
use crate::cart::views::cart_resource;
use crate::components::{ActionForm, ErrorNotice, ErrorSummary, FieldError, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::format;
use crate::domain::format::price_phrase;
use crate::error::AppError;
use crate::org::views::people_hits;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let recipient = RwSignal::new(None::<i32>);
    // `?ersatter=ID`: "Byt ut" on an asset's page.
    let query = leptos_router::hooks::use_query_map();
    let replaces = move || query.read().get("ersatter").filter(|s| !s.trim().is_empty());
    let options = Resource::new(
        move || (recipient.get(), replaces()),
        |(recipient, replaces)| get_checkout_options(recipient, replaces),
    );
    let cart = cart_resource();
    let submit = ServerAction::<SubmitOrder>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = submit.value().get() {
            navigate(&format!("/bestallningar/{id}?ny=1"), Default::default());
        }
    });
    let error = move || submit.value().get().and_then(|r| r.err());
    view! {
        <Title text="Kassa"/>
        <PageHeader title="Kassa" lead="Vem ska ha beställningen, vad ska debiteras och vart ska den levereras?"/>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match (cart.await, options.await) {
                    (Ok(c), _) if c.lines.is_empty() => view! {
                        <p>"Varukorgen är tom. "<a href="/katalog">"Till katalogen"</a></p>
                    }.into_any_sync(),
                    (Ok(c), Ok(o)) => view! {
                        <div class="grid gap-6 lg:grid-cols-3">
                            <div class="lg:col-span-2">
                                <CheckoutForm options=o recipient submit error=Signal::derive(error)/>
                            </div>
                            <aside class="card h-fit" aria-labelledby="sammanfattning">
                                <h2 id="sammanfattning" class="mb-2 font-semibold">"Att beställa"</h2>
                                <ul class="space-y-1 text-sm">
                                    {c.lines.iter().map(|l| view! { <li>{format!("{} × {}", l.quantity, l.item.name)}</li> }).collect_view()}
                                </ul>
                                <dl class="mt-3 grid grid-cols-2 gap-y-1 border-t border-slate-200 pt-2 text-sm">
                                    <dt>"Engång"</dt><dd class="text-right">{c.one_off.to_string()}</dd>
                                    <dt>"Per månad"</dt><dd class="text-right">{c.monthly.to_string()}</dd>
                                    <dt class="font-semibold">"Totalt åtagande"</dt><dd class="text-right font-semibold">{c.commitment.to_string()}</dd>
                                </dl>
                                <p class="mt-2 text-sm"><a href="/varukorg">"Ändra varukorgen"</a></p>
                            </aside>
                        </div>
                    }.into_any_sync(),
                    (Err(err), _) | (_, Err(err)) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

/// The checkout's fields and their inputs, in the form's order.
const CHECKOUT_INPUTS: &[(&str, &str)] = &[
    ("replaces_asset_id", "replacing"),
    ("recipient_id", "recipient-search"),
    ("cost_center_id", "cost-center"),
    ("reference", "reference"),
    ("wanted_date", "wanted-date"),
    ("address_id", "address"),
    ("new_label", "new-label"),
    ("new_street", "new-street"),
    ("new_postal_code", "new-postal"),
    ("new_city", "new-city"),
    ("contact_name", "contact-name"),
    ("contact_phone", "contact-phone"),
    ("note", "note"),
    ("lines", "lines-fel"),
];

#[component]
fn CheckoutForm(
    /// What the form offers for the current recipient.
    options: CheckoutOptions,
    /// The chosen recipient (None = the requester).
    recipient: RwSignal<Option<i32>>,
    /// The submit action.
    submit: ServerAction<SubmitOrder>,
    /// The last submit error.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let hits = people_hits(search);
    let (new_address, set_new_address) = signal(options.addresses.is_empty());
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    let rec = options.recipient.clone();
    let me = options.requester.id;
    let replacing = options.replacing.clone();
    view! {
        <ErrorSummary error inputs=CHECKOUT_INPUTS/>
        {options.replacing_error.clone().map(|e| view! { <p class="notice mb-4" id="replacing-error">{e}</p> })}
        {replacing.clone().map(|a| view! {
            <section class="card mb-4" aria-labelledby="ersatter" id="replacing">
                <h2 id="ersatter" class="mb-1 font-semibold">"Byte av utrustning"</h2>
                <p>
                    "Beställningen ersätter "
                    <a href=format!("/tillgangar/{}", a.id)>{a.tag.clone()}</a>
                    {format!(" {}", a.model)}
                    {a.user.clone().map(|u| format!(" ({u})"))}
                    ". När den nya utrustningen är levererad hämtas den gamla för diskdestruktion och avveckling."
                </p>
                <FieldError error field="replaces_asset_id"/>
            </section>
        })}
        <section class="card mb-4" aria-labelledby="mottagare">
            <h2 id="mottagare" class="mb-2 font-semibold">"Mottagare"</h2>
            <p id="recipient-name">
                <span class="font-medium">{rec.name.clone()}</span>", "{rec.unit.clone()}
                {(rec.id == me).then_some(" (du själv)")}
            </p>
            <div class="mt-3 flex flex-col gap-1">
                <label for="recipient-search" class="text-sm font-medium">"Beställ åt en kollega – sök i katalogen över medarbetare"</label>
                <input id="recipient-search" type="search" class=FIELD placeholder="Namn eller användarnamn" autocomplete="off"
                    on:input=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = hits.await.unwrap_or_default();
                    view! {
                        <ul class="mt-2 space-y-1" id="recipient-hits">
                            {list.into_iter().map(|p| {
                                let id = p.id;
                                view! {
                                    <li>
                                        <button type="button" class="btn-secondary w-full text-left"
                                            on:click=move |_| { recipient.set(Some(id)); search.set(String::new()); }>
                                            {format!("{}, {} ({})", p.name, p.unit, p.username)}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
            {(rec.id != me).then(|| view! {
                <button type="button" class="mt-2 text-sm underline" on:click=move |_| recipient.set(None)>"Beställ åt mig själv i stället"</button>
            })}
        </section>
        <ActionForm action=submit attr:class="space-y-4" attr:id="checkout-form">
            <input type="hidden" name="input[recipient_id]" value=rec.id/>
            <input type="hidden" name="input[idempotency_key]" value=options.idempotency_key.clone()/>
            {replacing.map(|a| view! { <input type="hidden" name="input[replaces_asset]" value=a.id/> })}
            <section class="card grid gap-4 sm:grid-cols-2" aria-labelledby="debitering">
                <h2 id="debitering" class="font-semibold sm:col-span-2">"Debitering"</h2>
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label for="cost-center" class="font-medium">"Kostnadsställe"</label>
                    <select id="cost-center" name="input[cost_center_id]" class=FIELD aria-invalid=invalid("cost_center_id") aria-describedby="cost_center_id-fel">
                        {options.cost_centers.iter().map(|c| view! {
                            <option value=c.id selected=Some(c.id) == options.default_cost_center>{format!("{} {}", c.code, c.name)}</option>
                        }).collect_view()}
                    </select>
                    <FieldError error field="cost_center_id"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="reference" class="font-medium">"Referens (valfri)"</label>
                    <input id="reference" name="input[reference]" maxlength="200" class=FIELD aria-invalid=invalid("reference") aria-describedby="reference-fel"/>
                    <FieldError error field="reference"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="wanted-date" class="font-medium">"Önskat leveransdatum (valfritt)"</label>
                    <input id="wanted-date" name="input[wanted_date]" type="date" class=FIELD aria-invalid=invalid("wanted_date") aria-describedby="wanted_date-fel"/>
                    <FieldError error field="wanted_date"/>
                </div>
            </section>
            <section class="card grid gap-4 sm:grid-cols-2" aria-labelledby="leverans">
                <h2 id="leverans" class="font-semibold sm:col-span-2">"Leverans"</h2>
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label for="address" class="font-medium">"Leveransadress"</label>
                    <select id="address" name="input[address]" class=FIELD aria-invalid=invalid("address_id") aria-describedby="address_id-fel"
                        on:change=move |ev| set_new_address.set(event_target_value(&ev) == "ny")>
                        {options.addresses.iter().map(|a| view! {
                            <option value=a.id>{format!(
                                "{} – {}, {} {}{}",
                                a.label, a.street, a.postal_code, a.city,
                                if a.is_stock { " (till lager)" } else { "" },
                            )}</option>
                        }).collect_view()}
                        <option value="ny" selected=options.addresses.is_empty()>"Ny adress…"</option>
                    </select>
                    <FieldError error field="address_id"/>
                </div>
                <div class=move || if new_address.get() { "grid gap-4 sm:col-span-2 sm:grid-cols-2" } else { "hidden" } id="new-address">
                    <div class="flex flex-col gap-1">
                        <label for="new-label" class="font-medium">"Benämning (valfri)"</label>
                        <input id="new-label" name="input[new_label]" maxlength="100" class=FIELD placeholder="t.ex. Avdelning 12, plan 3" aria-invalid=invalid("new_label") aria-describedby="new_label-fel"/>
                        <FieldError error field="new_label"/>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for="new-street" class="font-medium">"Gatuadress"</label>
                        <input id="new-street" name="input[new_street]" maxlength="100" class=FIELD aria-invalid=invalid("new_street") aria-describedby="new_street-fel"/>
                        <FieldError error field="new_street"/>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for="new-postal" class="font-medium">"Postnummer"</label>
                        <input id="new-postal" name="input[new_postal_code]" inputmode="numeric" class=FIELD placeholder="721 89" aria-invalid=invalid("new_postal_code") aria-describedby="new_postal_code-fel"/>
                        <FieldError error field="new_postal_code"/>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for="new-city" class="font-medium">"Ort"</label>
                        <input id="new-city" name="input[new_city]" maxlength="100" class=FIELD aria-invalid=invalid("new_city") aria-describedby="new_city-fel"/>
                        <FieldError error field="new_city"/>
                    </div>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="contact-name" class="font-medium">"Kontaktperson"</label>
                    <input id="contact-name" name="input[contact_name]" maxlength="100" class=FIELD value=rec.name.clone() aria-invalid=invalid("contact_name") aria-describedby="contact_name-fel"/>
                    <FieldError error field="contact_name"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="contact-phone" class="font-medium">"Telefon"</label>
                    <input id="contact-phone" name="input[contact_phone]" type="tel" maxlength="32" class=FIELD value=rec.phone.clone() aria-invalid=invalid("contact_phone") aria-describedby="contact_phone-fel"/>
                    <FieldError error field="contact_phone"/>
                </div>
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label for="note" class="font-medium">"Meddelande (valfritt)"</label>
                    <textarea id="note" name="input[note]" rows="3" maxlength="2000" class=FIELD aria-invalid=invalid("note") aria-describedby="note-fel"></textarea>
                    <FieldError error field="note"/>
                </div>
            </section>
            <FieldError error field="lines"/>
            <button type="submit" class="btn-primary" disabled=move || submit.pending().get()>
                {move || if submit.pending().get() { "Skickar…" } else { "Skicka beställningen" }}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn MyOrdersPage() -> impl IntoView {
    let orders = Resource::new(|| (), |_| my_orders());
    view! {
        <Title text="Mina beställningar"/>
        <PageHeader title="Mina beställningar" lead="Beställningar du har gjort eller tagit emot, senaste först."/>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(list) if list.is_empty() => view! {
                        <p>"Du har inga beställningar ännu. "<a href="/katalog">"Till katalogen"</a></p>
                    }.into_any_sync(),
                    Ok(list) => view! {
                        <TableScroll label="Mina beställningar">
                            <table class="data-table" id="orders-table">
                                <caption class="sr-only">"Mina beställningar"</caption>
                                <thead><tr>
                                    <th scope="col">"Nummer"</th><th scope="col">"Datum"</th><th scope="col">"Status"</th>
                                    <th scope="col" class="min-w-[11rem]">"Väntar på"</th>
                                    <th scope="col">"Mottagare"</th><th scope="col" class="text-right">"Engång"</th>
                                    <th scope="col" class="text-right">"Per månad"</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|MyOrder { summary: o, waiting }| view! {
                                        <tr>
                                            <td><a href=format!("/bestallningar/{}", o.id)>{o.number}</a></td>
                                            <td class="whitespace-nowrap">{format::date(o.created_at.date_naive())}</td>
                                            <td>{o.status.label_sv()}</td>
                                            <td>{match waiting {
                                                Some(w) => w.label_sv().into_any_sync(),
                                                None => view! { <span aria-hidden="true">"–"</span><span class="sr-only">"ingen"</span> }.into_any_sync(),
                                            }}</td>
                                            <td>{o.recipient}</td>
                                            <td class="num">{o.one_off.to_string()}</td>
                                            <td class="num">{o.monthly.to_string()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableScroll>
                    }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let order = Resource::new(id, get_order);
    let query = leptos_router::hooks::use_query_map();
    let fresh = move || query.read().get("ny").is_some();
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(o) => view! {
                        {fresh().then(|| view! {
                            <div class="mb-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" role="status">
                                "Tack! Beställningen är skickad."
                            </div>
                        })}
                        <OrderView o/>
                    }.into_any_sync(),
                    Err(err) => view! {
                        <Title text="Beställningen finns inte"/>
                        <PageHeader title="Beställningen finns inte"/>
                        <ErrorNotice err/>
                    }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderView(
    /// The order.
    o: OrderDetail,
) -> impl IntoView {
    let s = o.summary.clone();
    // The way back: the caller's own orders, or the coordinators' page for
    // a coordinator who opened someone else's order.
    let user = crate::auth::views::use_user();
    let party = user
        .as_ref()
        .is_some_and(|u| u.id == s.requester_id || u.id == s.recipient_id);
    let coordinator = user.is_some_and(|u| u.roles.contains(&crate::domain::roles::Role::Coordinator));
    let back = match (party, coordinator) {
        (false, true) => view! { <a href="/koordinering">"Koordinering"</a> }.into_any_sync(),
        _ => view! { <a href="/bestallningar">"Mina beställningar"</a> }.into_any_sync(),
    };
    view! {
        <Title text=format!("Beställning {}", s.number)/>
        <nav aria-label="Du är här" class="mb-3 text-sm">{back}" › "{s.number.clone()}</nav>
        <PageHeader title=format!("Beställning {}", s.number) lead=format!("Status: {}", s.status.label_sv())/>
        <OrderDetails o/>
    }
}

/// An order's facts, timeline, lines and totals: the body of every page
/// that shows one order (the requester's, the attester's).
#[component]
pub fn OrderDetails(
    /// The order.
    o: OrderDetail,
) -> impl IntoView {
    let s = o.summary.clone();
    let user = crate::auth::views::use_user();
    let me = user.as_ref().map(|u| u.id);
    // A coordinator (not its requester or recipient) may record its
    // suppliers' steps by hand; the server checks the same.
    let handles = user.is_some_and(|u| u.roles.contains(&crate::domain::roles::Role::Coordinator))
        && !o.parts.is_empty()
        && s.status.is_open()
        && me != Some(s.requester_id)
        && me != Some(s.recipient_id);
    view! {
        {o.attestation.clone().map(|a| {
            let open = a.state.is_open();
            let mine = me == Some(s.requester_id);
            view! {
                <section class="card mb-6" aria-labelledby="attest-heading" id="order-attestation">
                    <h2 id="attest-heading" class="mb-2 font-semibold">"Attest"</h2>
                    <p>{a.summary.clone()}</p>
                    {(!a.comment.is_empty()).then(|| view! { <p class="mt-1 text-sm">"Kommentar: "{a.comment.clone()}</p> })}
                    {(open && mine).then(|| view! { <crate::attest::views::WithdrawOrder order_id=s.id/> })}
                </section>
            }
        })}
        {(!o.parts.is_empty()).then(|| view! { <crate::fulfilment::views::OrderParts parts=o.parts.clone()/> })}
        <crate::assets::views::OrderAssets order_id=s.id/>
        <crate::fulfilment::views::OrderDeviationsSection order_id=s.id/>
        {handles.then(|| view! { <crate::fulfilment::views::ManualHandling order_id=s.id parts=o.parts.clone()/> })}
        <div class="grid gap-6 lg:grid-cols-2">
            <section class="card" aria-labelledby="uppgifter">
                <h2 id="uppgifter" class="mb-2 font-semibold">"Uppgifter"</h2>
                <dl class="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
                    <dt class="text-slate-700">"Beställare"</dt><dd>{s.requester.clone()}</dd>
                    <dt class="text-slate-700">"Mottagare"</dt><dd id="order-recipient">{s.recipient.clone()}</dd>
                    <dt class="text-slate-700">"Kostnadsställe"</dt><dd>{s.cost_center.clone()}</dd>
                    <dt class="text-slate-700">"Leverans"</dt><dd id="order-delivery">{o.delivery.clone()}</dd>
                    <dt class="text-slate-700">"Kontakt"</dt><dd>{o.contact.clone()}</dd>
                    <dt class="text-slate-700">"Önskat datum"</dt><dd>{o.wanted_date.map(format::date).unwrap_or_else(|| "–".into())}</dd>
                    <dt class="text-slate-700">"Referens"</dt><dd>{if o.reference.is_empty() { "–".into() } else { o.reference.clone() }}</dd>
                    <dt class="text-slate-700">"Beställd"</dt><dd>{format::date_time(s.created_at)}</dd>
                    {o.replaces.clone().map(|a| view! {
                        <dt class="text-slate-700">"Ersätter"</dt>
                        <dd id="order-replaces"><a href=format!("/tillgangar/{}", a.id)>{a.tag.clone()}</a>{format!(" {}", a.model)}</dd>
                    })}
                </dl>
                {(!o.note.is_empty()).then(|| view! { <p class="mt-2 text-sm">"Meddelande: "{o.note.clone()}</p> })}
            </section>
            <section class="card" aria-labelledby="historik">
                <h2 id="historik" class="mb-2 font-semibold">"Händelser"</h2>
                <ol class="space-y-2 text-sm" id="order-timeline">
                    {o.events.iter().map(|e| view! {
                        <li>
                            <span class="font-medium">{e.to.label_sv()}</span>
                            " – "{format::date_time(e.at)}", "{e.actor.clone()}
                            {(!e.comment.is_empty()).then(|| view! { <span class="block text-slate-700">{e.comment.clone()}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </div>
        <section class="mt-6" aria-labelledby="rader">
            <h2 id="rader" class="mb-2 font-semibold">"Artiklar"</h2>
            <TableScroll label="Artiklar i beställningen">
                <table class="data-table" id="order-lines">
                    <caption class="sr-only">"Artiklar i beställningen, med priset när beställningen gjordes"</caption>
                    <thead><tr>
                        <th scope="col">"Artikel"</th><th scope="col">"Antal"</th><th scope="col">"Pris per st"</th>
                    </tr></thead>
                    <tbody>
                        {o.lines.iter().map(|l| view! {
                            <tr>
                                <td>{l.name.clone()}<div class="text-xs text-slate-600">"Art.nr "{l.article_number.clone()}</div></td>
                                <td>{l.quantity}</td>
                                <td class="whitespace-nowrap">{price_phrase(l.unit_one_off, l.unit_monthly, l.binding_months)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
            <dl class="card mt-4 ml-auto grid max-w-sm grid-cols-2 gap-y-1" id="order-totals">
                <dt>"Engångskostnad"</dt><dd class="text-right">{s.one_off.to_string()}</dd>
                <dt>"Månadskostnad"</dt><dd class="text-right">{s.monthly.to_string()}</dd>
                <dt class="font-semibold">"Totalt åtagande"</dt><dd class="text-right font-semibold">{s.commitment.to_string()}</dd>
            </dl>
        </section>
    }
}
