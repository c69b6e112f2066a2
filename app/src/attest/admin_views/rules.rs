//! The auto-approval rules: the list, a new rule, deactivating one.

use crate::any_view::IntoAnySync;
use crate::attest::admin_dto::AutoRuleDto;
use crate::attest::admin_server_fns::{list_auto_rules, AddAutoRule, DeactivateAutoRule};
use crate::components::{ActionForm, ErrorNotice, FieldError, Loading, TableScroll, FIELD};
use crate::domain::catalog::ItemKind;
use leptos::prelude::*;

fn kinds_label(codes: &[String]) -> String {
    if codes.is_empty() {
        return "Alla".into();
    }
    codes
        .iter()
        .map(|c| ItemKind::parse(c).map(ItemKind::label_sv).unwrap_or(c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub(super) fn AutoRules() -> impl IntoView {
    let add = ServerAction::<AddAutoRule>::new();
    let deactivate = ServerAction::<DeactivateAutoRule>::new();
    let rules = Resource::new(
        move || (add.version().get(), deactivate.version().get()),
        |_| list_auto_rules(),
    );
    let error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    let deactivate_error = move || deactivate.value().get().and_then(|r| r.err());
    view! {
        <section class="card mb-8" aria-labelledby="autoattest">
            <h2 id="autoattest" class="mb-2 text-lg font-semibold">"Regler för automatisk attest"</h2>
            <p class="mb-4 text-sm text-slate-700">
                "En beställning som ryms i en aktiv regel attesteras direkt när den skickas, med regeln som skäl. "
                "En regel kan inte ändras; inaktivera den och lägg till en ny."
            </p>
            {move || deactivate_error().map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rules.await {
                        Ok(list) if list.is_empty() => view! { <p class="mb-4" id="rules-empty">"Det finns inga regler: varje beställning attesteras av en attestant."</p> }.into_any_sync(),
                        Ok(list) => view! { <RulesTable list deactivate/> }.into_any_sync(),
                        Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                    }
                })}
            </Transition>
            <h3 class="mb-3 mt-6 font-semibold">"Ny regel"</h3>
            <ActionForm action=add attr:class="grid gap-4 sm:grid-cols-2" attr:id="rule-form">
                <div class="flex flex-col gap-1">
                    <label for="rule-name" class="font-medium">"Namn"</label>
                    <input id="rule-name" name="name" required maxlength="200" class=FIELD placeholder="t.ex. Standardtillbehör på eget kostnadsställe"
                        aria-invalid=invalid("name") aria-describedby="name-fel"/>
                    <FieldError error field="name"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="rule-max" class="font-medium">"Högsta åtagande per beställning (kr)"</label>
                    <input id="rule-max" name="max_commitment" required class=FIELD inputmode="decimal" placeholder="t.ex. 5 000"
                        aria-invalid=invalid("max_commitment") aria-describedby="max_commitment-fel"/>
                    <FieldError error field="max_commitment"/>
                </div>
                <div class="flex items-start gap-2 sm:col-span-2">
                    <input id="rule-own" name="own_cost_center_only" type="checkbox" value="true" checked=true class="mt-0.5 h-5 w-5 shrink-0"/>
                    <label for="rule-own">"Bara beställningar på ett kostnadsställe i beställarens egen enhet"</label>
                </div>
                <fieldset class="sm:col-span-2" aria-describedby="kinds-hjalp item_kinds-fel">
                    <legend class="font-medium">"Artikeltyper"</legend>
                    <p id="kinds-hjalp" class="mb-2 text-sm text-slate-700">"Beställningen får bara innehålla de typer du kryssar i. Inga ikryssade: alla typer."</p>
                    <ul class="flex flex-wrap gap-4">
                        {ItemKind::ALL.into_iter().map(|k| {
                            let id = format!("rule-kind-{}", k.as_str());
                            view! {
                                <li class="flex items-center gap-2">
                                    <input type="checkbox" id=id.clone() name="item_kinds[]" value=k.as_str() class="h-5 w-5"/>
                                    <label for=id>{k.label_sv()}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <FieldError error field="item_kinds"/>
                </fieldset>
                <div class="sm:col-span-2">
                    <button type="submit" class="btn-primary" disabled=move || add.pending().get()>"Lägg till regel"</button>
                </div>
            </ActionForm>
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mt-4"><ErrorNotice err/></div> })}
            {move || add.value().get().and_then(|r| r.ok()).map(|r| view! {
                <p class="mt-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" id="rule-added" role="status">
                    {format!("Regeln ”{}” gäller från nu.", r.name)}
                </p>
            })}
        </section>
    }
}

#[component]
fn RulesTable(
    /// The rules, active first.
    list: Vec<AutoRuleDto>,
    /// The deactivate action of the section.
    deactivate: ServerAction<DeactivateAutoRule>,
) -> impl IntoView {
    view! {
        <TableScroll label="Regler för automatisk attest">
            <table class="data-table" id="rules-table">
                <caption class="sr-only">"Regler för automatisk attest"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Namn"</th>
                        <th scope="col" class="text-right">"Högst"</th>
                        <th scope="col">"Eget kostnadsställe"</th>
                        <th scope="col">"Artikeltyper"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col"><span class="sr-only">"Åtgärd"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|r| {
                        let label = format!(" regeln {}", r.name);
                        view! {
                            <tr>
                                <td>{r.name.clone()}</td>
                                <td class="num">{r.max_commitment.to_string()}</td>
                                <td>{if r.own_cost_center_only { "Ja" } else { "Nej" }}</td>
                                <td>{kinds_label(&r.item_kinds)}</td>
                                <td>{if r.active { "Aktiv" } else { "Inaktiv" }}</td>
                                <td>
                                    {r.active.then(|| view! {
                                        <ActionForm action=deactivate>
                                            <input type="hidden" name="id" value=r.id/>
                                            <button type="submit" class="btn-danger" disabled=move || deactivate.pending().get()>
                                                "Inaktivera"<span class="sr-only">{label}</span>
                                            </button>
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
