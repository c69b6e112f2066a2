//! The attester's pages: `/attestera` (what waits for me, approve several
//! at once after a confirmation), `/attestera/:id` (one order: decide, or
//! read why not) and `/attestera/ersattare` (my substitute while I am away).

use super::dto::{AttestView, PendingOrder, Substitutes};
use super::server_fns::{
    get_attest_view, get_pending, get_substitutes, get_unassigned, ApproveMany, DecideOrder, EndSubstitute,
    NameSubstitute, WithdrawOrder as Withdraw,
};
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::attest::AttestState;
use crate::domain::format;
use crate::error::AppError;
use crate::orders::views::OrderDetails;
use crate::org::views::people_hits;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn waited(p: &PendingOrder) -> String {
    let days = match p.working_days {
        0 => "i dag".to_owned(),
        1 => "1 arbetsdag".to_owned(),
        n => format!("{n} arbetsdagar"),
    };
    format!("{} ({days})", format::date(p.waiting_since.date_naive()))
}

#[component]
pub fn AttestPage() -> impl IntoView {
    let approve = ServerAction::<ApproveMany>::new();
    let pending = Resource::new(move || approve.version().get(), |_| get_pending());
    let selected = RwSignal::new(Vec::<i32>::new());
    let confirming = RwSignal::new(false);
    view! {
        <Title text="Attestera"/>
        <PageHeader title="Attestera" lead="Beställningar som väntar på ditt beslut, äldst först. Öppna en beställning för att godkänna eller avslå den."/>
        <p class="mb-4 text-sm"><a href="/attestera/ersattare">"Ersättare när du är borta"</a></p>
        {move || approve.value().get().map(|r| match r {
            Ok(results) => {
                let ok = results.iter().filter(|(_, r)| r.is_ok()).count();
                let failed: Vec<String> = results
                    .iter()
                    .filter_map(|(id, r)| r.as_ref().err().map(|m| format!("{}: {m}", crate::orders::dto::order_number(*id))))
                    .collect();
                view! {
                    <div class="mb-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" role="status" id="approve-result">
                        <p class="font-medium">{format!("{ok} {} godkända.", if ok == 1 { "beställning" } else { "beställningar" })}</p>
                        {(!failed.is_empty()).then(|| view! {
                            <ul class="mt-2 list-disc pl-5 text-sm">{failed.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                        })}
                    </div>
                }.into_any_sync()
            }
            Err(err) => view! { <div class="mb-4"><ErrorNotice err/></div> }.into_any_sync(),
        })}
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match pending.await {
                    Ok(list) if list.is_empty() => view! {
                        <div class="notice" role="status" id="nothing-pending">
                            <p class="font-medium">"Inget väntar på ditt beslut just nu."</p>
                            <p class="mt-1">"När någon beställer på ett kostnadsställe du attesterar för hamnar beställningen här, och du får en avisering."</p>
                        </div>
                    }.into_any_sync(),
                    Ok(list) => view! { <PendingTable list selected confirming approve/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PendingTable(
    list: Vec<PendingOrder>,
    selected: RwSignal<Vec<i32>>,
    confirming: RwSignal<bool>,
    approve: ServerAction<ApproveMany>,
) -> impl IntoView {
    let chosen_for_confirm = {
        let list = list.clone();
        move || {
            let ids = selected.get();
            list.iter()
                .filter(|p| ids.contains(&p.order.id))
                .cloned()
                .collect::<Vec<_>>()
        }
    };
    view! {
        <TableScroll label="Beställningar som väntar på attest">
            <table class="data-table" id="pending-orders">
                <caption class="sr-only">"Beställningar som väntar på ditt beslut, äldst först"</caption>
                <thead><tr>
                    <th scope="col"><span class="sr-only">"Välj"</span></th>
                    <th scope="col">"Beställning"</th>
                    <th scope="col">"Beställare"</th>
                    <th scope="col">"Mottagare"</th>
                    <th scope="col">"Kostnadsställe"</th>
                    <th scope="col" class="text-right">"Totalt åtagande"</th>
                    <th scope="col">"Väntar sedan"</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|p| {
                        let id = p.order.id;
                        let number = p.order.number.clone();
                        let waited_text = waited(&p);
                        let checked = move || selected.get().contains(&id);
                        view! {
                            <tr data-order=id>
                                <td>
                                    <input type="checkbox" id=format!("valj-{id}") class="h-5 w-5" prop:checked=checked
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            selected.update(|s| { s.retain(|x| *x != id); if on { s.push(id); } });
                                            confirming.set(false);
                                        }/>
                                    <label for=format!("valj-{id}") class="sr-only">{format!("Välj beställning {number}")}</label>
                                </td>
                                <td class="whitespace-nowrap">
                                    <a href=format!("/attestera/{id}")>{number.clone()}</a>
                                    {p.on_behalf_of.clone().map(|a| view! { <div class="text-xs text-slate-700">{format!("På uppdrag av {a}")}</div> })}
                                </td>
                                <td>{p.order.requester.clone()}</td>
                                <td>{p.order.recipient.clone()}</td>
                                <td>{p.order.cost_center.clone()}</td>
                                <td class="num">{p.order.commitment.to_string()}</td>
                                <td class="whitespace-nowrap">{waited_text}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
        <div class="mt-4 flex flex-wrap gap-3">
            <button type="button" class="btn-primary" id="approve-selected"
                disabled=move || selected.get().is_empty()
                on:click=move |_| confirming.set(true)>
                {move || format!("Godkänn markerade ({})", selected.get().len())}
            </button>
        </div>
        {move || (confirming.get() && !selected.get().is_empty()).then(|| {
            let orders = chosen_for_confirm();
            let ids: Vec<i32> = orders.iter().map(|p| p.order.id).collect();
            view! {
                <section class="card mt-4 border-amber-400" aria-labelledby="bekrafta" id="confirm-approve">
                    <h2 id="bekrafta" class="mb-2 font-semibold">{format!("Godkänn {} beställningar?", orders.len())}</h2>
                    <ul class="mb-3 list-disc pl-5 text-sm">
                        {orders.iter().map(|p| view! {
                            <li>{format!("{} – {}, {}", p.order.number, p.order.requester, p.order.commitment)}</li>
                        }).collect_view()}
                    </ul>
                    <div class="flex flex-wrap gap-3">
                        <button type="button" class="btn-primary" id="confirm-approve-button"
                            on:click=move |_| {
                                approve.dispatch(ApproveMany { order_ids: ids.clone() });
                                selected.set(vec![]);
                                confirming.set(false);
                            }>
                            {format!("Ja, godkänn {}", orders.len())}
                        </button>
                        <button type="button" class="btn-secondary" on:click=move |_| confirming.set(false)>"Avbryt"</button>
                    </div>
                </section>
            }
        })}
    }
}

#[component]
pub fn AttestOrderPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or_default()
    };
    let decide = ServerAction::<DecideOrder>::new();
    // Reload after a decision that went through; a refused one keeps the
    // form as the attester left it.
    let decided = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = decide.value().get() {
            decided.update(|n| *n += 1);
        }
    });
    let view_res = Resource::new(move || (id(), decided.get()), |(id, _)| get_attest_view(id));
    let error = Signal::derive(move || decide.value().get().and_then(|r| r.err()));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match view_res.await {
                    Ok(v) => view! { <AttestOrder v decide error/> }.into_any_sync(),
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
fn AttestOrder(v: AttestView, decide: ServerAction<DecideOrder>, error: Signal<Option<AppError>>) -> impl IntoView {
    let s = v.order.summary.clone();
    let a = v.attestation.clone();
    let decided = !matches!(a.state, AttestState::Waiting | AttestState::Unassigned);
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    view! {
        <Title text=format!("Attestera {}", s.number)/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/attestera">"Attestera"</a>" › "{s.number.clone()}</nav>
        <PageHeader title=format!("Beställning {}", s.number) lead=format!("{} till {}, {} – totalt åtagande {}", s.requester, s.recipient, s.cost_center, s.commitment)/>
        <section class="card mb-6" aria-labelledby="attest-status" id="attest-status-card">
            <h2 id="attest-status" class="mb-2 font-semibold">"Attest"</h2>
            <p id="attest-summary">{a.summary.clone()}</p>
            {(!a.comment.is_empty()).then(|| view! { <p class="mt-1 text-sm">"Kommentar: "{a.comment.clone()}</p> })}
            {match v.may_decide.clone() {
                Ok(on_behalf) => view! {
                    {error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="my-3"><ErrorNotice err/></div> })}
                    <ActionForm action=decide attr:class="mt-4 space-y-4" attr:id="decision-form">
                        <input type="hidden" name="order_id" value=s.id/>
                        {on_behalf.map(|name| view! {
                            <p class="text-sm font-medium" id="on-behalf">{format!("Du beslutar på uppdrag av {name}.")}</p>
                        })}
                        <fieldset>
                            <legend class="text-sm font-medium">"Beslut"</legend>
                            <div class="mt-2 flex flex-wrap gap-4">
                                <label class="flex items-center gap-2"><input type="radio" name="decision" value="approve" checked class="h-5 w-5"/>"Godkänn"</label>
                                <label class="flex items-center gap-2"><input type="radio" name="decision" value="reject" class="h-5 w-5"/>"Avslå"</label>
                            </div>
                        </fieldset>
                        <div class="flex flex-col gap-1">
                            <label for="decision-comment" class="text-sm font-medium">"Kommentar (krävs vid avslag)"</label>
                            <textarea id="decision-comment" name="comment" rows="3" class=FIELD maxlength="2000"
                                aria-invalid=invalid("comment") aria-describedby="comment-fel"></textarea>
                            <FieldError error field="comment"/>
                        </div>
                        <button type="submit" class="btn-primary">"Registrera beslutet"</button>
                    </ActionForm>
                }.into_any_sync(),
                Err(why) if !decided => view! {
                    <div class="notice mt-3" role="status" id="why-not"><p>{why}</p></div>
                }.into_any_sync(),
                Err(_) => ().into_any_sync(),
            }}
        </section>
        <OrderDetails o=v.order/>
    }
}

#[component]
pub fn SubstitutesPage() -> impl IntoView {
    let name = ServerAction::<NameSubstitute>::new();
    let end = ServerAction::<EndSubstitute>::new();
    let data = Resource::new(
        move || (name.version().get(), end.version().get()),
        |_| get_substitutes(),
    );
    let error = Signal::derive(move || name.value().get().and_then(|r| r.err()));
    let search = RwSignal::new(String::new());
    let hits = people_hits(search);
    let chosen = RwSignal::new(String::new());
    let today = format::date(chrono::Local::now().date_naive());
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    view! {
        <Title text="Ersättare"/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/attestera">"Attestera"</a>" › Ersättare"</nav>
        <PageHeader title="Ersättare" lead="Utse någon som attesterar åt dig under en period, till exempel under semestern. Ersättaren beslutar på uppdrag av dig och kan inte i sin tur lämna över till någon annan."/>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <SubstituteLists d end/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
        <section class="card mt-6" aria-labelledby="utse">
            <h2 id="utse" class="mb-3 font-semibold">"Utse ersättare"</h2>
            {move || name.value().get().and_then(|r| r.ok()).map(|_| view! {
                <p class="mb-3 rounded-md border border-emerald-400 bg-emerald-50 p-3 text-emerald-950" role="status">"Ersättaren är utsedd."</p>
            })}
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-3"><ErrorNotice err/></div> })}
            <div class="flex flex-col gap-1">
                <label for="substitute-search" class="text-sm font-medium">"Sök ersättare bland medarbetarna"</label>
                <input id="substitute-search" type="search" class=FIELD placeholder="Namn eller användarnamn" autocomplete="off"
                    on:input=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = hits.await.unwrap_or_default();
                    view! {
                        <ul class="mt-2 space-y-1" id="substitute-hits">
                            {list.into_iter().map(|p| {
                                let username = p.username.clone();
                                view! {
                                    <li>
                                        <button type="button" class="btn-secondary w-full text-left"
                                            on:click=move |_| { chosen.set(username.clone()); search.set(String::new()); }>
                                            {format!("{}, {} ({})", p.name, p.unit, p.username)}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
            <ActionForm action=name attr:class="mt-4 grid gap-4 sm:grid-cols-3" attr:id="substitute-form">
                <div class="flex flex-col gap-1">
                    <label for="substitute" class="text-sm font-medium">"Ersättarens användarnamn"</label>
                    <input id="substitute" name="substitute" class=FIELD required prop:value=move || chosen.get()
                        on:input=move |ev| chosen.set(event_target_value(&ev))
                        aria-invalid=invalid("substitute") aria-describedby="substitute-fel"/>
                    <FieldError error field="substitute"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="valid_from" class="text-sm font-medium">"Från och med"</label>
                    <input id="valid_from" name="valid_from" type="date" class=FIELD required value=today.clone()
                        aria-invalid=invalid("valid_from") aria-describedby="valid_from-fel"/>
                    <FieldError error field="valid_from"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="valid_to" class="text-sm font-medium">"Till och med"</label>
                    <input id="valid_to" name="valid_to" type="date" class=FIELD required value=today
                        aria-invalid=invalid("valid_to") aria-describedby="valid_to-fel"/>
                    <FieldError error field="valid_to"/>
                </div>
                <div class="sm:col-span-3"><button type="submit" class="btn-primary">"Utse ersättare"</button></div>
            </ActionForm>
        </section>
    }
}

#[component]
fn SubstituteLists(d: Substitutes, end: ServerAction<EndSubstitute>) -> impl IntoView {
    let range =
        |from: chrono::NaiveDate, to: chrono::NaiveDate| format!("{} – {}", format::date(from), format::date(to));
    view! {
        <section class="card" aria-labelledby="mina-ersattare">
            <h2 id="mina-ersattare" class="mb-2 font-semibold">"Dina ersättare"</h2>
            {if d.mine.is_empty() {
                view! { <p id="no-substitutes">"Du har ingen ersättare utsedd."</p> }.into_any_sync()
            } else {
                view! {
                    <ul class="space-y-2" id="my-substitutes">
                        {d.mine.into_iter().map(|s| view! {
                            <li class="flex flex-wrap items-center justify-between gap-2">
                                <span>{format!("{} ({}), {}", s.substitute, s.substitute_username, range(s.valid_from, s.valid_to))}</span>
                                <ActionForm action=end>
                                    <input type="hidden" name="id" value=s.id/>
                                    <button type="submit" class="btn-secondary">{format!("Avsluta för {}", s.substitute)}</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any_sync()
            }}
        </section>
        {(!d.for_others.is_empty()).then(|| view! {
            <section class="card mt-6" aria-labelledby="ersatter">
                <h2 id="ersatter" class="mb-2 font-semibold">"Du är ersättare för"</h2>
                <ul class="space-y-1" id="standing-in-for">
                    {d.for_others.into_iter().map(|(name, from, to)| view! { <li>{format!("{name}, {}", range(from, to))}</li> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// The requester's "Dra tillbaka beställningen", while nobody has decided:
/// asks once more before it withdraws, then reloads the order.
#[component]
pub fn WithdrawOrder(order_id: i32) -> impl IntoView {
    let withdraw = ServerAction::<Withdraw>::new();
    let asking = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(())) = withdraw.value().get() {
            #[cfg(feature = "hydrate")]
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    view! {
        {move || withdraw.value().get().and_then(|r| r.err()).map(|err| view! { <div class="mt-3"><ErrorNotice err/></div> })}
        {move || if asking.get() {
            view! {
                <div class="mt-3 flex flex-wrap items-center gap-3" id="withdraw-confirm">
                    <p class="font-medium">"Dra tillbaka beställningen? Den makuleras och kan inte attesteras."</p>
                    <button type="button" class="btn-primary" on:click=move |_| { withdraw.dispatch(Withdraw { order_id }); }>
                        "Ja, dra tillbaka"
                    </button>
                    <button type="button" class="btn-secondary" on:click=move |_| asking.set(false)>"Avbryt"</button>
                </div>
            }.into_any_sync()
        } else {
            view! {
                <button type="button" class="btn-secondary mt-3" on:click=move |_| asking.set(true)>"Dra tillbaka beställningen"</button>
            }.into_any_sync()
        }}
    }
}

/// The coordinators' queue "Saknar attestant": orders no attester's limit
/// covers, oldest first, with their age.
#[component]
pub fn UnassignedQueue() -> impl IntoView {
    let list = Resource::new(|| (), |_| get_unassigned());
    view! {
        <section class="mb-6" aria-labelledby="saknar-attestant">
            <h2 id="saknar-attestant" class="mb-2 text-xl font-semibold">"Saknar attestant"</h2>
            <p class="mb-3 max-w-3xl text-slate-700">"Beställningar där ingen med attesträtt för kostnadsstället, enheten eller förvaltningen har en tillräcklig attestgräns. Ge någon attesträtt under Administration › Attesträtt, eller kontakta beställaren."</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => view! {
                            <p id="unassigned-empty">"Inga beställningar saknar attestant."</p>
                        }.into_any_sync(),
                        Ok(rows) => view! {
                            <TableScroll label="Beställningar som saknar attestant">
                                <table class="data-table" id="unassigned-orders">
                                    <caption class="sr-only">"Beställningar som saknar attestant, äldst först"</caption>
                                    <thead><tr>
                                        <th scope="col">"Beställning"</th>
                                        <th scope="col">"Beställare"</th>
                                        <th scope="col">"Kostnadsställe"</th>
                                        <th scope="col" class="text-right">"Totalt åtagande"</th>
                                        <th scope="col">"Väntar sedan"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|p| {
                                            let waited_text = waited(&p);
                                            view! {
                                                <tr>
                                                    <td><a href=format!("/bestallningar/{}", p.order.id)>{p.order.number.clone()}</a></td>
                                                    <td>{p.order.requester.clone()}</td>
                                                    <td>{p.order.cost_center.clone()}</td>
                                                    <td class="num">{p.order.commitment.to_string()}</td>
                                                    <td class="whitespace-nowrap">{waited_text}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </TableScroll>
                        }.into_any_sync(),
                        Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                    }
                })}
            </Suspense>
        </section>
    }
}
