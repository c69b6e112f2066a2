//! "Finansiering": the plan's financing parties and the cost split
//! (fördelningsnyckel) of its total, live as the shares and goals change.

use crate::any_view::IntoAnySync;
use crate::components::{Rows, TableScroll, FIELD};
use crate::domain::cost_split;
use crate::domain::plan::RollUp;
use crate::plans::views::editor::{Editor, PartyRow};
use leptos::prelude::*;

#[component]
pub fn FinancingSection(
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
    /// The plan's totals (the split is of `total`).
    roll_up: Signal<RollUp>,
) -> impl IntoView {
    let total = move || roll_up.with(|r| r.total.kronor);
    let split = move || editor.split(total());
    let amount = move |p: PartyRow| {
        let at = editor
            .financing
            .with(|v| v.iter().position(|x| x.id.get_value() == p.id.get_value()));
        match (split(), at) {
            (Ok(parts), Some(i)) => parts.get(i).map(|a| a.to_string()).unwrap_or_else(|| "–".into()),
            _ => "–".into(),
        }
    };
    view! {
        <section class="card mb-6" aria-labelledby="finansiering">
            <h2 id="finansiering" class="mb-2 text-lg font-semibold">"Finansiering och fördelningsnyckel"</h2>
            <p class="mb-3 text-sm text-slate-700">
                "Parterna som finansierar förvaltningen och deras andel av planens totala kostnad. Andelarna ska bli 100 % innan planen skickas på avstämning. Beloppen avrundas till hela ören så att de tillsammans blir exakt totalen; ett överblivet öre går till den part vars exakta belopp låg närmast nästa öre."
            </p>
            {move || editor.financing.with(Vec::is_empty).then(|| view! {
                <p id="financing-none">"Ingen fördelningsnyckel: förvaltningen finansieras av objektägarens organisation."</p>
            })}
            <Show when=move || !editor.financing.with(Vec::is_empty)>
                <TableScroll label="Fördelningsnyckel">
                    <table class="data-table bg-white" id="financing-table">
                        <caption class="sr-only">"Fördelningsnyckel"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Part"</th>
                                <th scope="col" class="text-right">"Andel (%)"</th>
                                <th scope="col" class="text-right">"Belopp"</th>
                                {editable.then(|| view! { <th scope="col"><span class="sr-only">"Åtgärd"</span></th> })}
                            </tr>
                        </thead>
                        <tbody>
                            <Rows each=move || editor.financing.get() key=|p| p.id.get_value() let:p>
                                <PartyLine p editor editable amount=Signal::derive(move || amount(p))/>
                            </Rows>
                        </tbody>
                        <tfoot>
                            <tr class="font-semibold">
                                <th scope="row">"Totalt"</th>
                                <td class="text-right" id="financing-share-sum">{move || {
                                    let sum: u32 = editor.financing.get().iter().map(PartyRow::share_or_zero).sum();
                                    cost_split::share_text(sum)
                                }}</td>
                                <td class="num">{move || total().to_string()}</td>
                                {editable.then(|| view! { <td></td> })}
                            </tr>
                        </tfoot>
                    </table>
                </TableScroll>
                <p class="mt-2 text-sm font-medium text-red-800" id="financing-problem" role="status">
                    {move || split().err()}
                </p>
            </Show>
            {editable.then(|| view! {
                <button type="button" class="btn-secondary mt-3" on:click=move |_| editor.add_party()>"Lägg till finansierande part"</button>
            })}
        </section>
    }
}

#[component]
fn PartyLine(
    /// The party.
    p: PartyRow,
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
    /// The party's amount as shown.
    amount: Signal<String>,
) -> impl IntoView {
    let id = move |field: &str| format!("party-{field}-{}", p.id.get_value());
    let share_problem = move || {
        let typed = p.share.get();
        (!typed.trim().is_empty())
            .then(|| cost_split::parse_share(&typed).err())
            .flatten()
    };
    if !editable {
        return view! {
            <tr>
                <td>{move || p.name.get()}</td>
                <td class="text-right">{move || p.share.get()}</td>
                <td class="num">{move || amount.get()}</td>
            </tr>
        }
        .into_any_sync();
    }
    view! {
        <tr>
            <td>
                <label for=id("name") class="sr-only">"Part"</label>
                <input id=id("name") class=format!("{FIELD} w-full min-w-48") maxlength="200" placeholder="Till exempel Region Norrvik"
                    value=p.name.get_untracked() prop:value=move || p.name.get() on:input=move |ev| p.name.set(event_target_value(&ev))/>
            </td>
            <td class="text-right">
                <label for=id("share") class="sr-only">{move || format!("Andel för {} i procent", p.name.get())}</label>
                <input id=id("share") class=format!("{FIELD} w-24 text-right") inputmode="decimal"
                    value=p.share.get_untracked() prop:value=move || p.share.get() on:input=move |ev| p.share.set(event_target_value(&ev))
                    aria-invalid=move || share_problem().is_some().to_string() aria-describedby=id("share-fel")/>
                <p id=id("share-fel") class="text-sm font-medium text-red-800">{share_problem}</p>
            </td>
            <td class="num">{move || amount.get()}</td>
            <td>
                <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort {}", p.name.get())
                    on:click=move |_| editor.remove_party(p)>"Ta bort"</button>
            </td>
        </tr>
    }
    .into_any_sync()
}
