//! `/varukorg`: the cart with quantities, totals and live rule checks, and
//! the add-to-cart control the catalogue's item page uses.

use super::dto::{Cart, MAX_QUANTITY};
use super::server_fns::{get_cart, AddBundleToCart, AddToCart, SetCartQuantity};
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, Loading, PageHeader, TableScroll};
use crate::domain::format::price_phrase;
use leptos::prelude::*;
use leptos_meta::Title;

/// Bumped when the cart changes, so that the header's count is read again.
#[derive(Clone, Copy)]
struct CartChanged(RwSignal<u32>);

/// Gives the shell the signal the cart's actions bump.
pub fn provide_cart_changed() {
    provide_context(CartChanged(RwSignal::new(0)));
}

/// Reads the header's count again after `version` moved.
fn cart_changed_on(version: RwSignal<usize>) {
    let changed = use_context::<CartChanged>();
    Effect::new(move |before: Option<usize>| {
        let now = version.get();
        if before.is_some_and(|b| b != now) {
            if let Some(CartChanged(s)) = changed {
                s.update(|n| *n = n.wrapping_add(1));
            }
        }
        now
    });
}

/// How often the cart has changed here (tracked): the header reads its
/// counts again when this moves.
pub fn cart_version() -> Signal<u32> {
    let changed = use_context::<CartChanged>();
    Signal::derive(move || changed.map(|c| c.0.get()).unwrap_or(0))
}

/// The header's link to `/varukorg`: "Varukorg" and, when it holds
/// something, how many units (read out as "3 i varukorgen"), from the
/// header's counts (read again on every navigation and after the cart
/// changes).
#[component]
pub fn CartLink(
    /// The header's counts.
    counts: crate::header::Counts,
) -> impl IntoView {
    view! {
        <a href="/varukorg" id="cart-link" class="nav-link text-sm">
            "Varukorg"
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    counts.await.ok().and_then(|c| c.cart).filter(|n| *n > 0).map(|n| view! {
                        " "
                        <span id="cart-count" class="ml-1 inline-block min-w-6 rounded-full bg-white px-1.5 text-center text-xs font-bold text-sky-950">
                            {crate::domain::format::count(n)}
                        </span>
                        <span class="sr-only">" i varukorgen"</span>
                    })
                })}
            </Transition>
        </a>
    }
}

#[component]
pub fn CartPage() -> impl IntoView {
    let set = ServerAction::<SetCartQuantity>::new();
    let add = ServerAction::<AddToCart>::new();
    cart_changed_on(set.version());
    cart_changed_on(add.version());
    let cart = Resource::new(move || (set.version().get(), add.version().get()), |_| get_cart());
    let error = move || {
        set.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| add.value().get().and_then(|r| r.err()))
    };
    view! {
        <Title text="Varukorg"/>
        <PageHeader title="Varukorg" lead="Kontrollera innehållet. Varukorgen sparas på ditt konto tills du beställer."/>
        {move || error().map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match cart.await {
                    Ok(c) if c.lines.is_empty() => view! {
                        <p id="cart-empty">"Varukorgen är tom. "<a href="/katalog">"Till katalogen"</a></p>
                    }.into_any_sync(),
                    Ok(c) => view! { <CartView cart=c set add/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Transition>
    }
}

/// How much of the warning a fix fixes: "löser båda", "löser 1 av 3".
fn fix_reach(solves: u32, of: usize) -> String {
    match (solves as usize, of) {
        (2, 2) => "löser båda".to_owned(),
        (s, n) if s >= n => format!("löser alla {n}"),
        (s, n) => format!("löser {s} av {n}"),
    }
}

#[component]
fn CartView(
    /// The cart to show.
    cart: Cart,
    /// Sets a line's quantity.
    set: ServerAction<SetCartQuantity>,
    /// Adds an item (the fix for a missing requirement).
    add: ServerAction<AddToCart>,
) -> impl IntoView {
    view! {
        {(!cart.problems.is_empty()).then(|| {
            let many = cart.problems.len() > 1;
            let total = cart.problems.len();
            view! {
                <section class="mb-6 rounded-md border border-red-300 bg-red-50 p-4 text-red-950" role="alert" aria-labelledby="problem" id="cart-problems">
                    <h2 id="problem" class="font-semibold">"Varukorgen kan inte beställas ännu"</h2>
                    <ul class="mt-2 list-disc space-y-1 pl-5">
                        {cart.problems.iter().cloned().map(|p| view! {
                            <li><span class="font-semibold">{format!("{}: ", p.rule)}</span>{p.message}</li>
                        }).collect_view()}
                    </ul>
                    {(!cart.fixes.is_empty()).then(|| view! {
                        <h3 class="mt-3 text-sm font-semibold">{if many { "Lägg till något av det här" } else { "Lägg till en av dessa" }}</h3>
                        <ul class="mt-1 flex flex-wrap gap-2" id="cart-fixes">
                            {cart.fixes.iter().cloned().map(|f| view! {
                                <li>
                                    <ActionForm action=add>
                                        <input type="hidden" name="item_id" value=f.item.id/>
                                        <input type="hidden" name="quantity" value="1"/>
                                        <button type="submit" class="btn-secondary text-left">
                                            {format!("Lägg till {}", f.item.name)}
                                            {many.then(|| view! {
                                                <span class="block text-xs font-normal">{fix_reach(f.solves, total)}</span>
                                            })}
                                        </button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                </section>
            }
        })}
        <TableScroll label="Artiklar i varukorgen">
            <table class="data-table" id="cart-table">
                <caption class="sr-only">"Artiklar i varukorgen"</caption>
                <thead><tr>
                    <th scope="col">"Artikel"</th>
                    <th scope="col">"Pris per st"</th>
                    <th scope="col">"Antal"</th>
                    <th scope="col" class="text-right">"Engång"</th>
                    <th scope="col" class="text-right">"Per månad"</th>
                    <th scope="col"><span class="sr-only">"Ta bort"</span></th>
                </tr></thead>
                <tbody>
                    {cart.lines.iter().cloned().map(|l| {
                        let qty_id = format!("qty-{}", l.item.id);
                        let label = format!("Antal {}", l.item.name);
                        let remove_label = format!("Ta bort {}", l.item.name);
                        view! {
                            <tr>
                                <td>
                                    <a href=format!("/katalog/artikel/{}", l.item.id)>{l.item.name.clone()}</a>
                                    <div class="text-xs text-slate-600">"Art.nr "{l.item.article_number.clone()}</div>
                                </td>
                                <td class="whitespace-nowrap">{price_phrase(l.item.one_off, l.item.monthly, l.item.binding_months)}</td>
                                <td>
                                    <ActionForm action=set attr:class="flex items-center gap-2">
                                        <input type="hidden" name="item_id" value=l.item.id/>
                                        <label for=qty_id.clone() class="sr-only">{label}</label>
                                        <input id=qty_id type="number" name="quantity" min="1" max=MAX_QUANTITY value=l.quantity
                                            class="w-20 rounded-md border border-slate-400 px-2 py-1"/>
                                        <button type="submit" class="btn-secondary px-2 py-1 text-sm">"Ändra"</button>
                                    </ActionForm>
                                </td>
                                <td class="num">{l.one_off.to_string()}</td>
                                <td class="num">{l.monthly.to_string()}</td>
                                <td>
                                    <ActionForm action=set>
                                        <input type="hidden" name="item_id" value=l.item.id/>
                                        <input type="hidden" name="quantity" value="0"/>
                                        <button type="submit" class="btn-danger" aria-label=remove_label>"Ta bort"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
        <dl class="card mt-6 ml-auto grid max-w-sm grid-cols-2 gap-y-2" id="cart-totals">
            <dt>"Engångskostnad"</dt><dd class="text-right font-medium">{cart.one_off.to_string()}</dd>
            <dt>"Månadskostnad"</dt><dd class="text-right font-medium">{cart.monthly.to_string()}</dd>
            <dt class="border-t border-slate-200 pt-2 font-semibold">"Totalt åtagande"</dt>
            <dd class="border-t border-slate-200 pt-2 text-right font-semibold" id="cart-commitment">{cart.commitment.to_string()}</dd>
        </dl>
        <p class="mt-2 text-right text-sm text-slate-600">"Totalt åtagande räknar med månadskostnaden under hela bindningstiden."</p>
        <div class="mt-4 text-right">
            {if cart.problems.is_empty() {
                view! { <a href="/kassa" class="btn-primary inline-block">"Till kassan"</a> }.into_any_sync()
            } else {
                view! { <p class="text-sm">"Rätta varukorgen ovan för att kunna gå till kassan."</p> }.into_any_sync()
            }}
        </div>
    }
}

/// "Lägg i varukorgen" for an item or a whole bundle, with a confirmation:
/// the catalogue's item page shows it beside the price.
#[component]
pub fn AddToCartForms(
    /// The item.
    item_id: i32,
    /// Its bundles.
    bundles: Vec<(i32, String)>,
) -> impl IntoView {
    let add = ServerAction::<AddToCart>::new();
    let add_bundle = ServerAction::<AddBundleToCart>::new();
    cart_changed_on(add.version());
    cart_changed_on(add_bundle.version());
    let done = move || matches!(add.value().get(), Some(Ok(()))) || matches!(add_bundle.value().get(), Some(Ok(())));
    let error = move || {
        add.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| add_bundle.value().get().and_then(|r| r.err()))
    };
    view! {
        <div class="mt-4 space-y-3">
            {bundles.into_iter().map(|(id, name)| view! {
                <ActionForm action=add_bundle>
                    <input type="hidden" name="bundle_id" value=id/>
                    <button type="submit" class="btn-primary w-full">{format!("Lägg paketet {name} i varukorgen")}</button>
                </ActionForm>
            }).collect_view()}
            <ActionForm action=add attr:class="flex items-end gap-2">
                <input type="hidden" name="item_id" value=item_id/>
                <div class="flex flex-col gap-1">
                    <label for="add-qty" class="text-sm font-medium">"Antal"</label>
                    <input id="add-qty" name="quantity" type="number" min="1" max="999" value="1" class="w-20 rounded-md border border-slate-400 px-2 py-1.5"/>
                </div>
                <button type="submit" class="btn-secondary">"Lägg artikeln i varukorgen"</button>
            </ActionForm>
            {move || done().then(|| view! {
                <p role="status" class="text-sm text-emerald-900">"Tillagt. "<a href="/varukorg">"Till varukorgen"</a></p>
            })}
            {move || error().map(|err| view! { <ErrorNotice err/> })}
        </div>
    }
}

/// The caller's cart, loaded once: for a page outside the cart that shows
/// what is in it (the checkout).
pub fn cart_resource() -> Resource<Result<Cart, crate::error::AppError>> {
    Resource::new(|| (), |_| get_cart())
}
