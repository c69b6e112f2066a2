//! `/admin/attestratt`: attest rights (list, add, change, end), the import
//! of the finance system's file ([`import`]) and the auto-approval rules
//! ([`rules`]), for administrators.

mod import;
mod rules;

use super::admin_dto::*;
use super::admin_server_fns::*;
use crate::admin::views::AdminTabs;
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AttestRightsPage() -> impl IntoView {
    let add = ServerAction::<AddAttestRight>::new();
    let change = ServerAction::<ChangeAttestRight>::new();
    let end = ServerAction::<EndAttestRight>::new();
    let import = ServerAction::<ImportAttestRights>::new();
    view! {
        <Title text="Attesträtt"/>
        <AdminTabs/>
        <PageHeader
            title="Attesträtt"
            lead="Vem som får attestera beställningar på vilket kostnadsställe, och upp till vilket belopp per beställning. Du kan inte ge, ändra eller avsluta attesträtt för dig själv."
        />
        <AddRight add/>
        <RightsList add change end import/>
        <import::ImportRights import/>
        <rules::AutoRules/>
    }
}

#[component]
fn AddRight(
    /// The add action of the page.
    add: ServerAction<AddAttestRight>,
) -> impl IntoView {
    let error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    let today = chrono::Local::now().date_naive().to_string();
    view! {
        <section class="card mb-8" aria-labelledby="ny-attestratt">
            <h2 id="ny-attestratt" class="mb-3 text-lg font-semibold">"Ge attesträtt"</h2>
            <ActionForm action=add attr:class="grid gap-4 sm:grid-cols-2" attr:id="right-form">
                <div class="flex flex-col gap-1">
                    <label for="right-person" class="font-medium">"Person"</label>
                    <input id="right-person" name="form[person]" required maxlength="200" class=FIELD autocomplete="off"
                        placeholder="Användarnamn eller e-post" aria-invalid=invalid("person") aria-describedby="person-fel"/>
                    <FieldError error field="person"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="right-cost-center" class="font-medium">"Kostnadsställe (kod)"</label>
                    <input id="right-cost-center" name="form[cost_center]" required maxlength="32" class=FIELD autocomplete="off"
                        inputmode="numeric" placeholder="t.ex. 41210" aria-invalid=invalid("cost_center") aria-describedby="cost_center-fel"/>
                    <FieldError error field="cost_center"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="right-limit" class="font-medium">"Attestgräns per beställning (kr)"</label>
                    <input id="right-limit" name="form[limit]" required class=FIELD inputmode="decimal" placeholder="t.ex. 50 000"
                        aria-invalid=invalid("limit") aria-describedby="limit-hjalp limit-fel"/>
                    <p id="limit-hjalp" class="text-sm text-slate-700">"Hela åtagandet: engångskostnad plus månadskostnad gånger bindningstid. Högst 100 000 000 kr."</p>
                    <FieldError error field="limit"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="right-from" class="font-medium">"Gäller från"</label>
                    <input id="right-from" name="form[valid_from]" type="date" required value=today class=FIELD
                        aria-invalid=invalid("valid_from") aria-describedby="valid_from-fel"/>
                    <FieldError error field="valid_from"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="right-to" class="font-medium">"Gäller till (valfritt)"</label>
                    <input id="right-to" name="form[valid_to]" type="date" class=FIELD
                        aria-invalid=invalid("valid_to") aria-describedby="valid_to-fel"/>
                    <FieldError error field="valid_to"/>
                </div>
                <div class="sm:col-span-2">
                    <button type="submit" class="btn-primary" disabled=move || add.pending().get()>"Ge attesträtt"</button>
                </div>
            </ActionForm>
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mt-4" id="right-error"><ErrorNotice err/></div> })}
            {move || add.value().get().and_then(|r| r.ok()).map(|r| view! {
                <p class="mt-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" id="right-added" role="status">
                    {format!(
                        "{} har nu attesträtt för {} {} upp till {} från {}.",
                        r.person, r.cost_center_code, r.cost_center_name, r.limit, format::date(r.valid_from)
                    )}
                </p>
            })}
        </section>
    }
}

#[component]
fn RightsList(
    add: ServerAction<AddAttestRight>,
    change: ServerAction<ChangeAttestRight>,
    end: ServerAction<EndAttestRight>,
    import: ServerAction<ImportAttestRights>,
) -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        (get("kostnadsstalle"), get("person"), get("avslutade").is_some())
    };
    let rights = Resource::new(
        move || {
            (
                filter(),
                add.version().get(),
                change.version().get(),
                end.version().get(),
                import.version().get(),
            )
        },
        |((cost_center, person, include_ended), ..)| list_attest_rights(cost_center, person, include_ended),
    );
    let value = move |k: &'static str| move || query.read().get(k).unwrap_or_default();
    let ended = untrack(move || query.read().get("avslutade").is_some());
    let outcome = move || {
        let changed = change.value().get().map(|r| {
            r.map(|d| {
                format!(
                    "Attesträtten för {} på {} är ändrad: upp till {}.",
                    d.person, d.cost_center_code, d.limit
                )
            })
        });
        let ended = end
            .value()
            .get()
            .map(|r| r.map(|_| "Attesträtten är avslutad.".to_owned()));
        changed.or(ended)
    };
    view! {
        <section class="mb-8" aria-labelledby="attestratter">
            <h2 id="attestratter" class="mb-3 text-lg font-semibold">"Attesträtter"</h2>
            <crate::components::SearchForm action="" attr:class="card mb-4 grid gap-4 sm:grid-cols-3" attr:role="search" attr:id="rights-filter">
                <div class="flex flex-col gap-1">
                    <label for="filter-cost-center" class="font-medium">"Kostnadsställe (kod)"</label>
                    <input id="filter-cost-center" name="kostnadsstalle" class=FIELD inputmode="numeric"
                        value=untrack(value("kostnadsstalle")) prop:value=value("kostnadsstalle")/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="filter-person" class="font-medium">"Person"</label>
                    <input id="filter-person" name="person" class=FIELD placeholder="Namn, användarnamn eller e-post"
                        value=untrack(value("person")) prop:value=value("person")/>
                </div>
                <div class="flex items-center gap-2 sm:pt-7">
                    <input id="filter-ended" name="avslutade" type="checkbox" value="ja" class="h-5 w-5" checked=ended/>
                    <label for="filter-ended">"Visa avslutade"</label>
                </div>
                <div class="sm:col-span-3">
                    <button type="submit" class="btn-secondary">"Filtrera"</button>
                </div>
            </crate::components::SearchForm>
            <div aria-live="polite">
                {move || outcome().map(|r| match r {
                    Ok(text) => view! {
                        <p class="mb-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" id="right-changed" role="status">{text}</p>
                    }.into_any_sync(),
                    Err(err) => view! { <div class="mb-4"><ErrorNotice err/></div> }.into_any_sync(),
                })}
            </div>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rights.await {
                        Ok(list) if list.rights.is_empty() => view! {
                            <p id="rights-empty">"Inga attesträtter matchar filtret."</p>
                        }.into_any_sync(),
                        Ok(list) => view! { <RightsTable list change end/> }.into_any_sync(),
                        Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn RightsTable(
    /// The rights to show.
    list: RightList,
    change: ServerAction<ChangeAttestRight>,
    end: ServerAction<EndAttestRight>,
) -> impl IntoView {
    let truncated = list.truncated.then(|| {
        view! {
            <p class="mb-2 notice" role="status">
                {format!("Visar de första {} attesträtterna. Filtrera på kostnadsställe eller person för att se fler.", list.rights.len())}
            </p>
        }
    });
    view! {
        {truncated}
        <TableScroll label="Attesträtter">
            <table class="data-table" id="rights-table">
                <caption class="sr-only">"Attesträtter per kostnadsställe"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Kostnadsställe"</th>
                        <th scope="col">"Person"</th>
                        <th scope="col" class="text-right">"Attestgräns"</th>
                        <th scope="col">"Gäller"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col"><span class="sr-only">"Åtgärder"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.rights.into_iter().map(|r| view! { <RightRow r change end/> }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn RightRow(
    /// The right of this row.
    r: AttestRightDto,
    change: ServerAction<ChangeAttestRight>,
    end: ServerAction<EndAttestRight>,
) -> impl IntoView {
    let id = r.id;
    let whom = format!("{} på {}", r.person, r.cost_center_code);
    let period = format!(
        "{} – {}",
        format::date(r.valid_from),
        r.valid_to.map(format::date).unwrap_or_else(|| "tills vidare".into())
    );
    let actions = if r.mine {
        view! { <span class="text-sm text-slate-700">"Din egen – ändras av en annan administratör"</span> }
            .into_any_sync()
    } else if r.state == RightState::Ended {
        view! { <span class="sr-only">"Inga åtgärder"</span> }.into_any_sync()
    } else {
        let limit = r.limit.to_input();
        let from = r.valid_from.to_string();
        let to = r.valid_to.map(|d| d.to_string()).unwrap_or_default();
        let label = format!(" attesträtten för {whom}");
        let (change_label, save_label) = (label.clone(), label.clone());
        view! {
            <div class="flex flex-wrap items-start gap-2">
                <details class="min-w-0">
                    <summary class="btn-secondary cursor-pointer">"Ändra"<span class="sr-only">{change_label}</span></summary>
                    <ActionForm action=change attr:class="mt-2 grid gap-2">
                        <input type="hidden" name="change[id]" value=id/>
                        <label for=format!("change-limit-{id}") class="text-sm font-medium">"Attestgräns (kr)"</label>
                        <input id=format!("change-limit-{id}") name="change[limit]" value=limit class=FIELD inputmode="decimal" required/>
                        <label for=format!("change-from-{id}") class="text-sm font-medium">"Gäller från"</label>
                        <input id=format!("change-from-{id}") name="change[valid_from]" type="date" value=from class=FIELD required/>
                        <label for=format!("change-to-{id}") class="text-sm font-medium">"Gäller till (valfritt)"</label>
                        <input id=format!("change-to-{id}") name="change[valid_to]" type="date" value=to class=FIELD/>
                        <button type="submit" class="btn-primary" disabled=move || change.pending().get()>
                            "Spara"<span class="sr-only">{save_label}</span>
                        </button>
                    </ActionForm>
                </details>
                <ActionForm action=end>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="btn-danger" disabled=move || end.pending().get()>
                        "Avsluta"<span class="sr-only">{label}</span>
                    </button>
                </ActionForm>
            </div>
        }
        .into_any_sync()
    };
    view! {
        <tr data-right=id>
            <td>{r.cost_center_code.clone()}" "<span class="text-slate-700">{r.cost_center_name.clone()}</span></td>
            <td>{r.person.clone()}<br/><span class="text-sm text-slate-700">{r.username.clone()}</span></td>
            <td class="num">{r.limit.to_string()}</td>
            <td class="whitespace-nowrap">{period}</td>
            <td>{r.state.label_sv()}</td>
            <td>{actions}</td>
        </tr>
    }
}
