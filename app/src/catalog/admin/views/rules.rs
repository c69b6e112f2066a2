//! An item's matching rules and the form for a new one.

use crate::any_view::IntoAnySync;
use crate::catalog::admin::dto::*;
use crate::catalog::admin::server_fns::*;
use crate::catalog::dto::ItemRef;
use crate::components::{ActionForm, ErrorNotice, FieldError, FIELD};
use leptos::prelude::*;

fn rule_label(kind: &str) -> &'static str {
    match kind {
        "requires" => "Kräver en av",
        _ => "Passar bara till",
    }
}

#[component]
pub(super) fn RuleSection(
    /// The item the rules belong to.
    item_id: i32,
    /// Its rules.
    rules: Vec<RuleRow>,
    rule: ServerAction<AddRule>,
    unrule: ServerAction<RemoveRule>,
) -> impl IntoView {
    let error = Signal::derive(move || rule.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    let link = |t: &ItemRef| {
        view! { <a href=format!("/admin/katalog/artikel/{}", t.id)>{format!("{} {}", t.article_number, t.name)}</a> }
    };
    view! {
        <section class="card mb-6" aria-labelledby="regler">
            <h2 id="regler" class="mb-2 text-lg font-semibold">"Matchningsregler"</h2>
            <p class="mb-3 text-sm text-slate-700">
                "”Kräver en av”: beställningen måste innehålla minst en av artiklarna. ”Passar bara till”: artikeln kan bara beställas med någon av de angivna modellerna."
            </p>
            {if rules.is_empty() {
                view! { <p class="mb-4">"Artikeln har inga regler."</p> }.into_any_sync()
            } else {
                view! {
                    <ul class="mb-4 divide-y divide-slate-200" id="rule-list">
                        {rules.into_iter().map(|r| {
                            let label = format!("Ta bort regeln {} {}", rule_label(&r.kind).to_lowercase(), r.target.article_number);
                            view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                    <span>{rule_label(&r.kind)}": "{link(&r.target)}</span>
                                    <ActionForm action=unrule>
                                        <input type="hidden" name="rule_id" value=r.id/>
                                        <button type="submit" class="btn-secondary" aria-label=label>"Ta bort"</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any_sync()
            }}
            {move || unrule.value().get().and_then(|r| r.err()).map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            <ActionForm action=rule attr:id="rule-form" attr:class="grid gap-4 sm:grid-cols-3">
                <input type="hidden" name="item_id" value=item_id/>
                <div class="flex flex-col gap-1">
                    <label for="rule-kind" class="font-medium">"Regel"</label>
                    <select id="rule-kind" name="rule_kind" class=FIELD aria-invalid=invalid("rule_kind")>
                        <option value="requires">"Kräver en av"</option>
                        <option value="fits_only">"Passar bara till"</option>
                    </select>
                    <FieldError error field="rule_kind"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="rule-target" class="font-medium">"Artikelnummer"</label>
                    <input id="rule-target" name="target_article" required class=FIELD placeholder="t.ex. DL-WD22TB4"
                        aria-invalid=invalid("target_article") aria-describedby="target_article-fel"/>
                    <FieldError error field="target_article"/>
                </div>
                <div class="flex items-end">
                    <button type="submit" class="btn-secondary" disabled=move || rule.pending().get()>"Lägg till regel"</button>
                </div>
            </ActionForm>
        </section>
    }
}
