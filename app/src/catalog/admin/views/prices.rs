//! An item's prices over time and the form for a new one.

use crate::any_view::IntoAnySync;
use crate::catalog::admin::dto::*;
use crate::catalog::admin::server_fns::*;
use crate::components::{ActionForm, ErrorNotice, FieldError, TableScroll, FIELD};
use crate::domain::format;
use leptos::prelude::*;

#[component]
pub(super) fn PriceSection(
    /// The item whose prices these are.
    item_id: i32,
    /// All its prices, newest first.
    prices: Vec<PriceRow>,
    /// The add-price action.
    price: ServerAction<AddPrice>,
) -> impl IntoView {
    let error = Signal::derive(move || price.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    let today = chrono::Local::now().date_naive();
    view! {
        <section class="card mb-6" aria-labelledby="priser">
            <h2 id="priser" class="mb-3 text-lg font-semibold">"Priser"</h2>
            {if prices.is_empty() {
                view! { <p class="mb-4">"Artikeln har inget pris ännu och visas inte i katalogen förrän den har ett."</p> }.into_any_sync()
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
                                        <td class="num">{p.one_off.to_string()}</td>
                                        <td class="num">{p.monthly.to_string()}</td>
                                        <td>{p.state.label_sv()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                }.into_any_sync()
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
