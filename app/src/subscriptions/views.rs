//! `/prenumerationer` (one's own subscriptions, or all for the register's
//! keepers), `/prenumerationer/:id` (one with its history and the
//! termination form), the subscriptions section of an asset's page, and
//! `/interndebitering` (the monthly charging).

use super::dto::{
    ChargeMonth, ChargeTotal, RunStatus, SubscriptionDetail, SubscriptionFilter, SubscriptionPage, SubscriptionRow,
    CSV_COLUMNS,
};
use super::server_fns::{
    asset_subscriptions, get_charge_month, get_subscription, list_subscriptions, CloseCharging, RunCharging,
    TerminateSubscription,
};
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll};
use crate::domain::format;
use crate::domain::subscriptions::{months_sv, Period, SubscriptionStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(format::date).unwrap_or_else(|| "–".into())
}

fn filter_of(get: impl Fn(&str) -> Option<String>) -> SubscriptionFilter {
    let text = |k: &str| get(k).unwrap_or_default().trim().to_owned();
    SubscriptionFilter {
        q: text("q"),
        status: text("status"),
        cost_center: text("kostnadsstalle"),
        cursor: text("efter"),
    }
}

fn query_of(f: &SubscriptionFilter) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in [("q", &f.q), ("status", &f.status), ("kostnadsstalle", &f.cost_center)] {
        if !v.is_empty() {
            out.append_pair(k, v);
        }
    }
    out.finish()
}

#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || filter_of(|k| query.read().get(k));
    let page = Resource::new(filter, list_subscriptions);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Subscriptions p/> }.into_any_sync(),
                    Err(err) => view! {
                        <Title text="Prenumerationer"/>
                        <PageHeader title="Prenumerationer"/>
                        <ErrorNotice err/>
                        <p class="mt-4"><a href="/prenumerationer">"Visa alla utan filter"</a></p>
                    }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Subscriptions(p: SubscriptionPage) -> impl IntoView {
    let (title, lead) = if p.manager {
        (
            "Prenumerationer",
            "Alla tjänster med månadspris: de skapas när en beställning levereras och debiteras kundens kostnadsställe varje månad.",
        )
    } else {
        (
            "Mina prenumerationer",
            "Tjänster med månadspris som du har beställt eller som hör till din utrustning. Här kan du säga upp en prenumeration.",
        )
    };
    let f = p.filter.clone();
    let q = query_of(&f);
    let next = p.next_cursor.clone().map(|c| {
        if q.is_empty() {
            format!("/prenumerationer?efter={c}")
        } else {
            format!("/prenumerationer?{q}&efter={c}")
        }
    });
    let first = (!f.cursor.is_empty()).then(|| {
        if q.is_empty() {
            "/prenumerationer".to_owned()
        } else {
            format!("/prenumerationer?{q}")
        }
    });
    let empty = p.rows.is_empty();
    let statuses = [
        SubscriptionStatus::Active,
        SubscriptionStatus::Terminated,
        SubscriptionStatus::Ended,
    ];
    let chosen = f.status.clone();
    view! {
        <Title text=title/>
        <PageHeader title=title lead=lead/>
        <crate::components::SearchForm action="/prenumerationer" attr:class="card mb-6 grid gap-3 sm:grid-cols-4 sm:items-end" attr:id="subscriptions-filter">
            <div class="flex min-w-0 flex-col gap-1 sm:col-span-2">
                <label for="subscriptions-q" class="font-medium">{if p.manager { "Sök tjänst eller användare" } else { "Sök tjänst" }}</label>
                <input id="subscriptions-q" name="q" type="search" class="field" value=f.q.clone() maxlength="200"/>
            </div>
            <div class="flex min-w-0 flex-col gap-1">
                <label for="subscriptions-status" class="font-medium">"Status"</label>
                <select id="subscriptions-status" name="status" class="field">
                    <option value="">"Alla"</option>
                    {statuses.into_iter().map(|s| {
                        let sel = s.as_str() == chosen;
                        view! { <option value=s.as_str() selected=sel>{s.label_sv()}</option> }
                    }).collect_view()}
                </select>
            </div>
            {p.manager.then(|| view! {
                <div class="flex min-w-0 flex-col gap-1">
                    <label for="subscriptions-center" class="font-medium">"Kostnadsställe (kod)"</label>
                    <input id="subscriptions-center" name="kostnadsstalle" inputmode="numeric" class="field" value=f.cost_center.clone() maxlength="20"/>
                </div>
            })}
            <div class="sm:col-span-4">
                <button type="submit" class="btn-secondary">"Visa"</button>
            </div>
        </crate::components::SearchForm>
        {if empty {
            view! { <p class="card" id="subscriptions-empty">"Inga prenumerationer med det här filtret."</p> }.into_any_sync()
        } else {
            view! {
                <SubscriptionTable rows=p.rows.clone() with_user=p.manager/>
                <p class="mt-3 text-sm text-slate-700" id="subscriptions-total">
                    {format!("Summa per månad för de pågående på sidan: {}", p.monthly_total)}
                </p>
            }.into_any_sync()
        }}
        <div class="mt-4 flex flex-wrap items-center gap-4">
            {first.map(|href| view! { <a href=href>"Första sidan"</a> })}
            {next.map(|href| view! { <a href=href id="next-page">"Nästa sida"</a> })}
        </div>
    }
}

#[component]
fn SubscriptionTable(rows: Vec<SubscriptionRow>, with_user: bool) -> impl IntoView {
    view! {
        <TableScroll label="Prenumerationer">
            <table class="data-table" id="subscriptions">
                <caption class="sr-only">"Prenumerationer"</caption>
                <thead><tr>
                    <th scope="col">"Tjänst"</th>
                    <th scope="col">"Tillgång"</th>
                    {with_user.then(|| view! { <th scope="col">"Användare"</th> })}
                    <th scope="col">"Kostnadsställe"</th>
                    <th scope="col" class="text-right">"Per månad"</th>
                    <th scope="col">"Start"</th>
                    <th scope="col">"Bunden t.o.m."</th>
                    <th scope="col">"Slutar"</th>
                    <th scope="col">"Status"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr data-subscription=r.id>
                            <td><a href=format!("/prenumerationer/{}", r.id)>{r.service.clone()}</a></td>
                            <td class="whitespace-nowrap">{match r.asset.clone() {
                                Some((id, tag)) => view! { <a href=format!("/tillgangar/{id}")>{tag}</a> }.into_any_sync(),
                                None => view! { "–" }.into_any_sync(),
                            }}</td>
                            {with_user.then(|| view! { <td>{r.user.clone().unwrap_or_else(|| "–".into())}</td> })}
                            <td>{r.cost_center.clone()}</td>
                            <td class="num">{r.monthly.to_string()}</td>
                            <td class="whitespace-nowrap">{format::date(r.start_on)}</td>
                            <td class="whitespace-nowrap">{date(r.binding_end)}</td>
                            <td class="whitespace-nowrap">{date(r.end_on)}</td>
                            <td data-status=r.status.as_str()>{r.status.label_sv()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

/// On an asset's page: its subscriptions. Nothing when it has none.
#[component]
pub fn AssetSubscriptions(
    /// The asset.
    asset_id: i32,
) -> impl IntoView {
    let data = Resource::new(move || asset_id, |id| asset_subscriptions(id.to_string()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(rows) if !rows.is_empty() => view! {
                        <section class="card mb-6" id="asset-subscriptions" aria-labelledby="asset-subscriptions-rubrik">
                            <h2 id="asset-subscriptions-rubrik" class="mb-2 font-semibold">"Prenumerationer"</h2>
                            <p class="mb-3 text-sm text-slate-700">"Flyttas tillgången följer prenumerationerna med och debiteras det nya kostnadsstället från nästa månad. Avvecklas den sägs de upp."</p>
                            <SubscriptionTable rows with_user=false/>
                        </section>
                    }.into_any_sync(),
                    _ => ().into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn SubscriptionDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let terminate = ServerAction::<TerminateSubscription>::new();
    let data = Resource::new(
        move || (id(), terminate.version().get()),
        |(id, _)| get_subscription(id),
    );
    // What the user typed as the last day outlives the page's reload after
    // a refusal.
    let typed = RwSignal::new(None::<String>);
    view! {
        <p class="mb-4"><a href="/prenumerationer">"← Prenumerationer"</a></p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => view! { <Subscription s terminate typed/> }.into_any_sync(),
                    Err(err) => view! { <Title text="Prenumeration"/><PageHeader title="Prenumeration"/><ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Subscription(
    s: SubscriptionDetail,
    terminate: ServerAction<TerminateSubscription>,
    typed: RwSignal<Option<String>>,
) -> impl IntoView {
    let r = s.row.clone();
    let title = r.service.clone();
    let fact = |term: &'static str, value: String| {
        view! {
            <div class="min-w-0">
                <dt class="text-sm text-slate-700">{term}</dt>
                <dd class="break-words font-medium">{value}</dd>
            </div>
        }
    };
    let order = s.order_id.zip(s.order_number.clone());
    let dash = |v: Option<String>| v.unwrap_or_else(|| "–".into());
    let notice = match s.notice_months {
        0 => "Ingen".to_owned(),
        n => months_sv(n),
    };
    view! {
        <Title text=title.clone()/>
        <PageHeader title=title/>
        <section class="card mb-6" aria-labelledby="subscription-facts">
            <h2 id="subscription-facts" class="sr-only">"Uppgifter"</h2>
            <dl class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                <div class="min-w-0">
                    <dt class="text-sm text-slate-700">"Status"</dt>
                    <dd class="font-medium" id="subscription-status" data-status=r.status.as_str()>{r.status.label_sv()}</dd>
                </div>
                {fact("Pris per månad", r.monthly.to_string())}
                {fact("Artikelnummer", s.article_number.clone())}
                {fact("Användare", dash(r.user.clone()))}
                {fact("Kostnadsställe som debiteras", r.cost_center.clone())}
                {s.next_cost_center.clone().map(|(month, label)| fact("Debiteras från nästa månad", format!("{label} från {month}")))}
                {fact("Start", format::date(r.start_on))}
                {fact("Bunden till och med", date(r.binding_end))}
                {fact("Uppsägningstid", notice)}
                {fact("Slutar", date(r.end_on))}
                {fact("Tjänstens kostnadsställe", dash(s.service_cost_center.clone()))}
                {fact("Konton (intäkt / kostnad)", format!("{} / {}", s.revenue_account, s.expense_account))}
                <div class="min-w-0">
                    <dt class="text-sm text-slate-700">"Tillgång"</dt>
                    <dd class="font-medium">{match r.asset.clone() {
                        Some((id, tag)) => view! { <a href=format!("/tillgangar/{id}")>{tag}</a> }.into_any_sync(),
                        None => view! { "–" }.into_any_sync(),
                    }}</dd>
                </div>
                <div class="min-w-0">
                    <dt class="text-sm text-slate-700">"Beställning"</dt>
                    <dd class="font-medium">{match order {
                        Some((id, number)) => view! { <a href=format!("/bestallningar/{id}")>{number}</a> }.into_any_sync(),
                        None => view! { "–" }.into_any_sync(),
                    }}</dd>
                </div>
            </dl>
        </section>
        {s.may_terminate.then(|| view! { <TerminateForm s=s.clone() terminate typed/> })}
        <SubscriptionHistory s=s.clone()/>
    }
}

#[component]
fn TerminateForm(
    s: SubscriptionDetail,
    terminate: ServerAction<TerminateSubscription>,
    typed: RwSignal<Option<String>>,
) -> impl IntoView {
    let error = Signal::derive(move || terminate.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    let earliest = s.earliest_end.map(format::date).unwrap_or_default();
    let shown = {
        let earliest = earliest.clone();
        move || typed.get().unwrap_or_else(|| earliest.clone())
    };
    let rule = match (s.row.binding_end, s.notice_months) {
        (Some(b), n) => format!(
            "Uppsägningstiden är {} räknat från månadsskiftet och prenumerationen är bunden till och med {}. Tidigaste slutdatum i dag är {earliest}.",
            months_sv(n),
            format::date(b)
        ),
        (None, n) => format!(
            "Uppsägningstiden är {} räknat från månadsskiftet. Tidigaste slutdatum i dag är {earliest}.",
            months_sv(n)
        ),
    };
    view! {
        <section class="card mb-6" aria-labelledby="subscription-terminate-rubrik">
            <h2 id="subscription-terminate-rubrik" class="mb-1 font-semibold">"Säg upp"</h2>
            <p class="mb-3 text-sm text-slate-700" id="subscription-terminate-rule">{rule}</p>
            <ActionForm action=terminate attr:class="grid gap-3 sm:grid-cols-2" attr:id="subscription-terminate-form">
                <input type="hidden" name="id" value=s.row.id/>
                <input type="hidden" name="version" value=s.version/>
                <div class="flex flex-col gap-1">
                    <label for="subscription-end" class="font-medium">"Sista dag (ÅÅÅÅ-MM-DD)"</label>
                    <input id="subscription-end" name="end_on" class="field" inputmode="numeric" maxlength="10"
                        prop:value=shown on:input=move |ev| typed.set(Some(event_target_value(&ev)))
                        aria-invalid=invalid("end_on") aria-describedby="end_on-fel"/>
                    <FieldError error field="end_on"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="subscription-reason" class="font-medium">"Anledning (frivillig)"</label>
                    <input id="subscription-reason" name="reason" maxlength="1000" class="field"
                        placeholder="t.ex. Tjänsten behövs inte längre"
                        aria-invalid=invalid("reason") aria-describedby="reason-fel"/>
                    <FieldError error field="reason"/>
                </div>
                {move || error.get().filter(|e| !matches!(e.field(), Some("end_on") | Some("reason"))).map(|err| view! { <div class="sm:col-span-2"><ErrorNotice err/></div> })}
                <div class="sm:col-span-2">
                    <button type="submit" class="btn-primary" disabled=move || terminate.pending().get()>"Säg upp prenumerationen"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn SubscriptionHistory(s: SubscriptionDetail) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="subscription-history-rubrik">
            <h2 id="subscription-history-rubrik" class="mb-3 font-semibold">"Historik"</h2>
            <crate::assets::views::ChangeTable id="subscription-history" rows=s.history/>
        </section>
    }
}

/// The month the page opens on: the last one that has ended.
fn default_period() -> String {
    Period::of(chrono::Local::now().date_naive()).prev().to_string()
}

#[component]
pub fn ChargingPage() -> impl IntoView {
    let query = use_query_map();
    let period = move || {
        query
            .read()
            .get("period")
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(default_period)
    };
    let run = ServerAction::<RunCharging>::new();
    let close = ServerAction::<CloseCharging>::new();
    let data = Resource::new(
        move || (period(), run.version().get(), close.version().get()),
        |(p, ..)| get_charge_month(p),
    );
    view! {
        <Title text="Interndebitering"/>
        <PageHeader title="Interndebitering"
            lead="Varje månad blir de aktiva prenumerationerna debiteringsrader per kundens kostnadsställe och tjänst, som ekonomisystemet läser in som CSV."/>
        <crate::components::SearchForm action="/interndebitering" attr:class="card mb-6 flex flex-wrap items-end gap-3" attr:id="charging-period-form">
            <div class="flex flex-col gap-1">
                <label for="charging-period" class="font-medium">"Månad (ÅÅÅÅ-MM)"</label>
                <input id="charging-period" name="period" class="field" inputmode="numeric" maxlength="7" value=period/>
            </div>
            <button type="submit" class="btn-secondary">"Visa månaden"</button>
        </crate::components::SearchForm>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((m, months)) => view! { <Month m months run close/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Month(
    m: ChargeMonth,
    months: Vec<(String, RunStatus)>,
    run: ServerAction<RunCharging>,
    close: ServerAction<CloseCharging>,
) -> impl IntoView {
    let run_error = Signal::derive(move || run.value().get().and_then(|r| r.err()));
    let close_error = Signal::derive(move || close.value().get().and_then(|r| r.err()));
    let status_line = match m.status {
        RunStatus::NotRun => format!("{} är inte debiterad än.", m.period),
        RunStatus::Open => format!(
            "Debiterad {} av {}. Månaden är öppen: kör den igen om något har ändrats, stäng den när den är skickad till ekonomisystemet.",
            m.run_at.map(format::date_time).unwrap_or_default(),
            m.run_by.clone().unwrap_or_default()
        ),
        RunStatus::Closed => format!(
            "Stängd {} av {}. Raderna är låsta och kan inte debiteras om.",
            m.closed_at.map(format::date_time).unwrap_or_default(),
            m.closed_by.clone().unwrap_or_default()
        ),
    };
    let csv = format!("/interndebitering/export.csv?period={}", m.period);
    let has_lines = m.status != RunStatus::NotRun;
    let shown = m.lines.len();
    let period = m.period.clone();
    let period2 = m.period.clone();
    view! {
        <section class="card mb-6" aria-labelledby="charging-status-rubrik" id="charging-status">
            <h2 id="charging-status-rubrik" class="mb-1 font-semibold">
                {format!("{} – {}", m.period, m.status.label_sv())}
            </h2>
            <p class="mb-3" data-status=format!("{:?}", m.status).to_lowercase()>{status_line}</p>
            {has_lines.then(|| view! {
                <dl class="mb-3 grid gap-4 sm:grid-cols-2">
                    <div><dt class="text-sm text-slate-700">"Prenumerationer"</dt><dd class="font-medium" id="charging-count">{format::count(m.subscriptions.max(0) as u64)}</dd></div>
                    <div><dt class="text-sm text-slate-700">"Summa"</dt><dd class="text-lg font-semibold" id="charging-total">{m.total.to_string()}</dd></div>
                </dl>
            })}
            <p class="mb-3 text-sm text-slate-700" id="charging-proration">{m.proration.clone()}</p>
            <div class="flex flex-wrap items-start gap-3">
                {m.may_run.then(|| view! {
                    <ActionForm action=run attr:id="charging-run-form">
                        <input type="hidden" name="period" value=period.clone()/>
                        <button type="submit" class="btn-primary" disabled=move || run.pending().get()>
                            {if has_lines { "Kör debiteringen igen" } else { "Kör debiteringen" }}
                        </button>
                    </ActionForm>
                })}
                {m.may_close.then(|| view! {
                    <ActionForm action=close attr:id="charging-close-form">
                        <input type="hidden" name="period" value=period2.clone()/>
                        <button type="submit" class="btn-secondary" disabled=move || close.pending().get()>"Stäng månaden"</button>
                    </ActionForm>
                })}
                {has_lines.then(|| view! { <a href=csv class="btn-secondary" id="charging-csv" download="">"Ladda ner CSV för ekonomisystemet"</a> })}
            </div>
            {move || run_error.get().map(|err| view! { <div class="mt-3"><ErrorNotice err/></div> })}
            {move || close_error.get().map(|err| view! { <div class="mt-3"><ErrorNotice err/></div> })}
        </section>
        {has_lines.then(|| view! {
            <div class="mb-6 grid gap-6 lg:grid-cols-2">
                <Totals id="charging-per-administration" title="Per förvaltning" first="Förvaltning" rows=m.per_administration.clone()/>
                <Totals id="charging-per-center" title="Per kostnadsställe" first="Kostnadsställe" rows=m.per_cost_center.clone()/>
            </div>
            <section class="card mb-6" aria-labelledby="charging-lines-rubrik">
                <h2 id="charging-lines-rubrik" class="mb-1 font-semibold">"Debiteringsrader"</h2>
                <p class="mb-3 text-sm text-slate-700">{if shown < m.line_count {
                    format!("Visar de första {shown} av {} raderna. Alla finns i CSV-filen.", m.line_count)
                } else {
                    format!("{} rader, en per kostnadsställe och tjänst.", m.line_count)
                }}</p>
                <TableScroll label="Debiteringsrader">
                    <table class="data-table" id="charging-lines">
                        <caption class="sr-only">"Debiteringsrader"</caption>
                        <thead><tr>
                            <th scope="col">"Kostnadsställe"</th>
                            <th scope="col">"Tjänst"</th>
                            <th scope="col">"Krediteras"</th>
                            <th scope="col">"Konton"</th>
                            <th scope="col" class="text-right">"Antal"</th>
                            <th scope="col" class="text-right">"Dagar"</th>
                            <th scope="col" class="text-right">"Belopp"</th>
                        </tr></thead>
                        <tbody>
                            {m.lines.iter().map(|l| view! {
                                <tr>
                                    <td>{format!("{} {}", l.cost_center_code, l.cost_center_name)}</td>
                                    <td>{format!("{} ({})", l.service, l.article_number)}</td>
                                    <td>{l.service_cost_center_code.clone().unwrap_or_else(|| "–".into())}</td>
                                    <td class="whitespace-nowrap">{format!("{} / {}", l.revenue_account, l.expense_account)}</td>
                                    <td class="text-right">{l.subscriptions}</td>
                                    <td class="text-right">{l.days}</td>
                                    <td class="num">{l.amount.to_string()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            </section>
        })}
        <details class="card mb-6" id="charging-csv-layout">
            <summary class="cursor-pointer font-semibold">"CSV-filens kolumner"</summary>
            <p class="mt-2 text-sm">"Semikolonseparerad, UTF-8, en rubrikrad och en rad per kostnadsställe och tjänst. Samma innehåll finns i API:t (GET /api/v1/charging/ÅÅÅÅ-MM och .csv)."</p>
            <TableScroll label="CSV-filens kolumner">
                <table class="data-table mt-2">
                    <caption class="sr-only">"CSV-filens kolumner"</caption>
                    <thead><tr><th scope="col">"Kolumn"</th><th scope="col">"Innehåll"</th></tr></thead>
                    <tbody>
                        {CSV_COLUMNS.iter().map(|(name, what)| view! { <tr><td><code>{*name}</code></td><td>{*what}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
        </details>
        {(!months.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="charging-months-rubrik">
                <h2 id="charging-months-rubrik" class="mb-2 font-semibold">"Debiterade månader"</h2>
                <ul class="flex flex-wrap gap-3">
                    {months.into_iter().map(|(p, s)| view! {
                        <li><a href=format!("/interndebitering?period={p}")>{format!("{p} ({})", s.label_sv().to_lowercase())}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn Totals(id: &'static str, title: &'static str, first: &'static str, rows: Vec<ChargeTotal>) -> impl IntoView {
    view! {
        <section class="card min-w-0" aria-label=title>
            <h2 class="mb-2 font-semibold">{title}</h2>
            <TableScroll label=title>
                <table class="data-table" id=id>
                    <caption class="sr-only">{title}</caption>
                    <thead><tr>
                        <th scope="col">{first}</th>
                        <th scope="col" class="text-right">"Antal"</th>
                        <th scope="col" class="text-right">"Belopp"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|t| view! {
                            <tr>
                                <td>{t.label}</td>
                                <td class="text-right">{t.subscriptions}</td>
                                <td class="num">{t.amount.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
        </section>
    }
}
