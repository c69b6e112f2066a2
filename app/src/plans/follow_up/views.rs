//! `/forvaltning/uppfoljning/:id` (an object's follow-up for a period) and
//! `/forvaltning/uppfoljning` (the region-wide report, printable and CSV).

use super::dto::*;
use super::server_fns::{get_follow_up, get_follow_up_report, save_follow_up};
use crate::components::{textarea_text, ErrorNotice, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::follow_up::{deviation, fulfilment, GoalStatus, Measure, Period};
use crate::domain::format;
use crate::domain::plan::Activity;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The period asked for in `?period=`, else the tertial of today.
fn period_from_query() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("period")
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| Period::tertial_of(chrono::Local::now().date_naive()).code())
    }
}

/// A GET form choosing the period: works before the page is interactive.
#[component]
fn PeriodPicker(
    /// The period shown.
    current: String,
) -> impl IntoView {
    let year = Period::parse(&current)
        .map(Period::year)
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    view! {
        <form method="get" class="no-print mb-4 flex flex-wrap items-end gap-2">
            <div class="flex min-w-0 max-w-full flex-col gap-1">
                <label for="period" class="text-sm font-medium">"Rapportperiod"</label>
                <select id="period" name="period" class=format!("{FIELD} max-w-full")>
                    {[year - 1, year, year + 1].into_iter().map(|y| view! {
                        <optgroup label=y.to_string()>
                            {Period::all_of(y).into_iter().map(|p| {
                                let code = p.code();
                                let selected = code == current;
                                view! { <option value=code selected=selected>{p.label_sv()}</option> }
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn-secondary">"Visa"</button>
        </form>
    }
}

fn status_class(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::EjPaborjad => "bg-slate-100 text-slate-900 border-slate-400",
        GoalStatus::Pagaende => "bg-sky-100 text-sky-950 border-sky-400",
        GoalStatus::Klar => "bg-emerald-100 text-emerald-950 border-emerald-500",
        GoalStatus::Pausad => "bg-amber-100 text-amber-950 border-amber-400",
    }
}

fn status_badge(s: GoalStatus) -> impl IntoView {
    view! {
        <span class=format!("status-badge inline-block whitespace-nowrap rounded border px-2 py-0.5 text-sm font-medium {}", status_class(s))>
            {s.label_sv()}
        </span>
    }
}

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let period = period_from_query();
    let data = Resource::new(move || (id(), period()), |(id, p)| get_follow_up(id, p));
    view! {
        <nav aria-label="Du är här" class="no-print mb-3 text-sm">
            <A href="/forvaltning">"Förvaltning"</A>" › "
            <A href=move || format!("/forvaltning/uppfoljning?period={}", period())>"Uppföljning"</A>
        </nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(err) => view! {
                        <Title text="Uppföljning"/>
                        <PageHeader title="Uppföljning"/>
                        <PeriodPicker current=period()/>
                        <ErrorNotice err/>
                    }.into_any(),
                    Ok(d) => view! { <FollowUpView d/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An indicator as typed.
#[derive(Clone, Copy)]
struct IndicatorRow {
    id: StoredValue<String>,
    name: RwSignal<String>,
    budget: RwSignal<String>,
    outcome: RwSignal<String>,
    target: RwSignal<String>,
}

impl IndicatorRow {
    fn from(i: &Indicator) -> IndicatorRow {
        let text = |m: Option<Measure>| m.map(Measure::to_input).unwrap_or_default();
        IndicatorRow {
            id: StoredValue::new(i.id.clone()),
            name: RwSignal::new(i.name.clone()),
            budget: RwSignal::new(text(i.budget)),
            outcome: RwSignal::new(text(i.outcome)),
            target: RwSignal::new(text(i.target)),
        }
    }

    /// The indicator, or the first field that cannot be read with why.
    fn parse(&self) -> Result<Indicator, (&'static str, &'static str)> {
        let read = |f: &'static str, s: RwSignal<String>| Measure::parse(&s.get()).map_err(|m| (f, m));
        Ok(Indicator {
            id: self.id.get_value(),
            name: self.name.get(),
            budget: read("budget", self.budget)?,
            outcome: read("outcome", self.outcome)?,
            target: read("target", self.target)?,
        })
    }
}

/// A goal's report as typed.
#[derive(Clone, Copy)]
struct GoalRow {
    id: StoredValue<String>,
    status: RwSignal<GoalStatus>,
    comment: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct Form {
    goals: RwSignal<Vec<GoalRow>>,
    indicators: RwSignal<Vec<IndicatorRow>>,
    created: StoredValue<usize>,
}

impl Form {
    fn new(c: &FollowUpContent) -> Form {
        let f = Form {
            goals: RwSignal::new(vec![]),
            indicators: RwSignal::new(vec![]),
            created: StoredValue::new(0),
        };
        f.load(c);
        f
    }

    fn load(&self, c: &FollowUpContent) {
        self.goals.set(
            c.goals
                .iter()
                .map(|g| GoalRow {
                    id: StoredValue::new(g.goal_id.clone()),
                    status: RwSignal::new(g.status),
                    comment: RwSignal::new(g.comment.clone()),
                })
                .collect(),
        );
        self.indicators
            .set(c.indicators.iter().map(IndicatorRow::from).collect());
    }

    fn content(&self) -> Result<FollowUpContent, String> {
        let mut indicators = vec![];
        for (i, row) in self.indicators.get().iter().enumerate() {
            match row.parse() {
                Ok(ind) if ind.name.trim().is_empty() => return Err(format!("Indikator {} saknar namn.", i + 1)),
                Ok(ind) => indicators.push(ind),
                Err((_, m)) => return Err(format!("Indikator {}: {m}", i + 1)),
            }
        }
        Ok(FollowUpContent {
            goals: self
                .goals
                .get()
                .iter()
                .map(|g| GoalReport {
                    goal_id: g.id.get_value(),
                    status: g.status.get(),
                    comment: g.comment.get(),
                })
                .collect(),
            indicators,
        })
    }

    fn add_indicator(&self) {
        let n = self.created.get_value() + 1;
        self.created.set_value(n);
        let id = format!("ny-{}-{n}", chrono::Utc::now().timestamp_millis());
        self.indicators.update(|v| {
            v.push(IndicatorRow::from(&Indicator {
                id,
                ..Default::default()
            }))
        });
    }
}

#[derive(Clone, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Saved(chrono::DateTime<chrono::Utc>),
    Failed(String),
    Conflict(Box<FollowUpDto>),
}

#[component]
fn FollowUpView(
    /// The follow-up as loaded.
    d: FollowUpDto,
) -> impl IntoView {
    let title = format!("{} – uppföljning", d.object_name);
    let form = Form::new(&d.content);
    let version = RwSignal::new(d.version);
    let state = RwSignal::new(SaveState::Idle);
    let editable = d.can_edit;
    let (object_id, period) = (d.object_id, d.period);
    let reported = d.reported.clone();
    let save = move || match form.content() {
        Err(m) => state.set(SaveState::Failed(m)),
        Ok(content) => {
            state.set(SaveState::Saving);
            let v = version.get_untracked();
            leptos::task::spawn_local(async move {
                match save_follow_up(object_id, period.code(), v, content).await {
                    Ok(FollowUpSaved::Saved {
                        version: nv,
                        updated_at,
                    }) => {
                        version.set(nv);
                        state.set(SaveState::Saved(updated_at));
                    }
                    Ok(FollowUpSaved::Conflict(current)) => state.set(SaveState::Conflict(current)),
                    Err(e) => state.set(SaveState::Failed(e.to_string())),
                }
            });
        }
    };
    let goals = StoredValue::new(d.goals.clone());
    let goal_rows = move |activity: Activity| {
        let ids: Vec<String> = goals.with_value(|g| {
            g.iter()
                .filter(|x| x.activity == activity)
                .map(|x| x.id.clone())
                .collect()
        });
        form.goals
            .get()
            .into_iter()
            .filter(|r| ids.contains(&r.id.get_value()))
            .collect::<Vec<_>>()
    };
    view! {
        <Title text=format!("{title} {}", d.period.label_sv())/>
        <PageHeader title=title lead=d.period.label_sv()/>
        <PeriodPicker current=d.period.code()/>
        <p class="mb-2 text-sm text-slate-700">
            "Följer upp "
            <A href=format!("/forvaltning/plan/{}", d.plan.id)>{format!("förvaltningsplan {} (revision {})", d.plan.year, d.plan.revision)}</A>
            {format!(" · {}", d.family)}
        </p>
        <p class="mb-4 text-sm text-slate-700" id="follow-up-saved">
            {match (d.updated_at, d.carried_from) {
                (Some(at), _) => format!("Senast sparad {} av {}.", format::date_time(at), d.updated_by),
                (None, Some(p)) => format!("Inte rapporterad än. Status och indikatorer är förifyllda från {}; kommentarerna skrivs per period.", p.label_sv().to_lowercase()),
                (None, None) => "Inte rapporterad än.".into(),
            }}
        </p>
        {(!d.reported.is_empty()).then(move || view! {
            <p class="no-print mb-4 text-sm">
                "Rapporterade perioder: "
                {reported.into_iter().map(|p| view! {
                    <A href=format!("/forvaltning/uppfoljning/{object_id}?period={}", p.code()) attr:class="mr-3">{p.label_sv()}</A>
                }).collect_view()}
            </p>
        })}
        {(!editable).then(|| view! {
            <p class="notice mb-4">"Du kan läsa uppföljningen. Bara objektets förvaltningsledare kan rapportera den."</p>
        })}

        {Activity::ALL.into_iter().map(|activity| {
            let here = goals.with_value(|g| g.iter().filter(|x| x.activity == activity).count());
            (here > 0).then(|| view! {
                <section class="card mb-4" aria-labelledby=format!("fu-{}", activity.as_str())>
                    <h2 id=format!("fu-{}", activity.as_str()) class="mb-3 text-lg font-semibold">{activity.label_sv()}</h2>
                    <ul class="space-y-4">
                        <For each=move || goal_rows(activity) key=|r| r.id.get_value() let:r>
                            {
                                let goal = goals.with_value(|g| g.iter().find(|x| x.id == r.id.get_value()).cloned());
                                let number = goals.with_value(|g| g.iter().filter(|x| x.activity == activity).position(|x| x.id == r.id.get_value()).map(|i| i + 1).unwrap_or(0));
                                let (text, class) = goal.map(|g| (g.text, g.class.label_sv())).unwrap_or_default();
                                let fid = format!("{}-{}", activity.as_str(), number);
                                view! {
                                    <li class="border-t border-slate-200 pt-3" data-goal=r.id.get_value()>
                                        <p class="mb-2"><span class="font-medium">{format!("Mål {number} ({class}): ")}</span>{text}</p>
                                        {if editable {
                                            view! {
                                                <div class="grid gap-3 md:grid-cols-4">
                                                    <div class="flex flex-col gap-1">
                                                        <label for=format!("status-{fid}") class="text-sm font-medium">"Status"</label>
                                                        <select id=format!("status-{fid}") class=FIELD
                                                            on:change=move |ev| r.status.set(GoalStatus::parse(&event_target_value(&ev)).unwrap_or_default())>
                                                            {GoalStatus::ALL.into_iter().map(|s| view! {
                                                                <option value=s.as_str() selected=move || r.status.get() == s>{s.label_sv()}</option>
                                                            }).collect_view()}
                                                        </select>
                                                    </div>
                                                    <div class="flex flex-col gap-1 md:col-span-3">
                                                        <label for=format!("comment-{fid}") class="text-sm font-medium">"Kommentar"</label>
                                                        <textarea id=format!("comment-{fid}") rows="2" class=format!("{FIELD} w-full") maxlength="2000"
                                                            prop:value=move || r.comment.get() on:input=move |ev| r.comment.set(event_target_value(&ev))>{textarea_text(r.comment.get_untracked())}</textarea>
                                                    </div>
                                                </div>
                                            }.into_any()
                                        } else {
                                            view! {
                                                <p class="flex flex-wrap items-start gap-2">
                                                    {move || status_badge(r.status.get())}
                                                    <span>{move || { let c = r.comment.get(); if c.is_empty() { "Ingen kommentar.".to_owned() } else { c } }}</span>
                                                </p>
                                            }.into_any()
                                        }}
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </section>
            })
        }).collect_view()}

        <Indicators form editable/>

        {editable.then(|| view! {
            <div class="sticky bottom-0 z-10 -mx-4 mb-6 border-t border-slate-300 bg-white/95 px-4 py-3 sm:mx-0 sm:rounded-md sm:border">
                <div class="flex flex-wrap items-center gap-3">
                    <button type="button" class="btn-primary" id="save-follow-up" disabled=move || state.get() == SaveState::Saving
                        on:click=move |_| save()>"Spara uppföljningen"</button>
                    <span role="status" aria-live="polite" class="text-sm" id="follow-up-status">
                        {move || match state.get() {
                            SaveState::Idle | SaveState::Conflict(_) => String::new(),
                            SaveState::Saving => "Sparar…".into(),
                            SaveState::Saved(at) => format!("Sparad {}.", format::date_time(at)),
                            SaveState::Failed(_) => String::new(),
                        }}
                    </span>
                </div>
                {move || match state.get() {
                    SaveState::Failed(m) => Some(view! {
                        <p class="mt-2 text-sm font-medium text-red-800" role="alert">
                            {format!("Uppföljningen sparades inte: {m} Det du skrivit finns kvar; rätta och spara igen.")}
                        </p>
                    }.into_any()),
                    SaveState::Conflict(current) => Some(view! { <ConflictNotice current=*current form version state/> }.into_any()),
                    _ => None,
                }}
            </div>
        })}
    }
}

#[component]
fn ConflictNotice(
    current: FollowUpDto,
    form: Form,
    version: RwSignal<i32>,
    state: RwSignal<SaveState>,
) -> impl IntoView {
    let theirs = current.content.clone();
    let their_version = current.version;
    view! {
        <div class="notice mt-2" role="alert">
            <p class="font-medium">
                {format!("{} sparade uppföljningen {} medan du skrev. Inget av ditt är sparat än.",
                    if current.updated_by.is_empty() { "Någon annan".to_owned() } else { current.updated_by.clone() },
                    current.updated_at.map(format::date_time).unwrap_or_default())}
            </p>
            <div class="mt-2 flex flex-wrap gap-2">
                <button type="button" class="btn-secondary" on:click=move |_| {
                    form.load(&theirs);
                    version.set(their_version);
                    state.set(SaveState::Idle);
                }>"Läs in deras version"</button>
                <button type="button" class="btn-secondary" on:click=move |_| {
                    version.set(their_version);
                    state.set(SaveState::Idle);
                }>"Behåll mina ändringar"</button>
            </div>
            <p class="mt-1 text-sm">"Behåller du dina ändringar skriver nästa sparning över deras."</p>
        </div>
    }
}

#[component]
fn Indicators(form: Form, editable: bool) -> impl IntoView {
    let result = move |r: IndicatorRow| {
        move || {
            let read = |s: RwSignal<String>| Measure::parse(&s.get()).ok().flatten();
            let (b, o, t) = (read(r.budget), read(r.outcome), read(r.target));
            let f = fulfilment(o, t).map(|p| p.to_string()).unwrap_or_else(|| "–".into());
            let d = deviation(b, o).map(|m| m.to_string()).unwrap_or_else(|| "–".into());
            (f, d)
        }
    };
    view! {
        <section class="card mb-6" aria-labelledby="indikatorer">
            <h2 id="indikatorer" class="mb-1 text-lg font-semibold">"Indikatorer"</h2>
            <p class="mb-3 text-sm text-slate-700">"Ackumulerad budget och utfall till och med perioden. Måluppfyllnad = utfall ÷ målvärde; avvikelse = utfall − budget."</p>
            {move || form.indicators.get().is_empty().then(|| view! { <p>"Inga indikatorer."</p> })}
            <ul class="space-y-4" id="indicator-list">
                <For each=move || form.indicators.get() key=|r| r.id.get_value() let:r>
                    {
                        let number = move || form.indicators.get().iter().position(|x| x.id.get_value() == r.id.get_value()).map(|i| i + 1).unwrap_or(0);
                        let rid = r.id.get_value();
                        let error = move || r.parse().err().map(|(_, m)| m);
                        let computed = result(r);
                        if editable {
                            let input = move |f: &'static str, label: &'static str, s: RwSignal<String>| {
                                let id = format!("{f}-{rid}");
                                view! {
                                    <div class="flex min-w-0 flex-col justify-end gap-1">
                                        <label for=id.clone() class="text-sm font-medium">{label}</label>
                                        <input id=id class=format!("{FIELD} w-full") inputmode="decimal" value=s.get_untracked() prop:value=move || s.get()
                                            on:input=move |ev| s.set(event_target_value(&ev))
                                            aria-invalid=move || matches!(r.parse(), Err((x, _)) if x == f).to_string()/>
                                    </div>
                                }
                            };
                            view! {
                                <li class="border-t border-slate-200 pt-3" data-indicator=r.id.get_value()>
                                    <div class="grid grid-cols-3 gap-3 md:grid-cols-6">
                                        <div class="col-span-3 flex flex-col gap-1 md:col-span-2">
                                            <label for=format!("name-{}", r.id.get_value()) class="text-sm font-medium">{move || format!("Indikator {}", number())}</label>
                                            <input id=format!("name-{}", r.id.get_value()) class=format!("{FIELD} w-full") maxlength="200" value=r.name.get_untracked() prop:value=move || r.name.get()
                                                on:input=move |ev| r.name.set(event_target_value(&ev))/>
                                        </div>
                                        {input("budget", "Ackumulerad budget", r.budget)}
                                        {input("outcome", "Utfall", r.outcome)}
                                        {input("target", "Målvärde", r.target)}
                                        <div class="col-span-3 flex items-end md:col-span-1">
                                            <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort indikator {}", number())
                                                on:click=move |_| form.indicators.update(|v| v.retain(|x| x.id.get_value() != r.id.get_value()))>"Ta bort"</button>
                                        </div>
                                    </div>
                                    <p class="mt-2 text-sm" aria-live="polite">
                                        "Måluppfyllnad: "<strong class="fulfilment">{move || computed().0}</strong>
                                        " · Avvikelse mot budget: "<strong>{move || computed().1}</strong>
                                    </p>
                                    {move || error().map(|m| view! { <p class="mt-1 text-sm font-medium text-red-800" role="alert">{m}</p> })}
                                </li>
                            }.into_any()
                        } else {
                            view! {
                                <li class="border-t border-slate-200 pt-3">
                                    <p class="font-medium">{move || r.name.get()}</p>
                                    <p class="text-sm">
                                        {move || format!("Ackumulerad budget {} · utfall {} · målvärde {} · måluppfyllnad {} · avvikelse {}",
                                            or_dash(r.budget.get()), or_dash(r.outcome.get()), or_dash(r.target.get()), computed().0, computed().1)}
                                    </p>
                                </li>
                            }.into_any()
                        }
                    }
                </For>
            </ul>
            {editable.then(|| view! {
                <button type="button" class="btn-secondary mt-3" on:click=move |_| form.add_indicator()>"Lägg till indikator"</button>
            })}
        </section>
    }
}

fn or_dash(s: String) -> String {
    if s.trim().is_empty() {
        "–".into()
    } else {
        s
    }
}

#[component]
pub fn FollowUpReportPage() -> impl IntoView {
    let period = period_from_query();
    let report = Resource::new(period, get_follow_up_report);
    view! {
        <nav aria-label="Du är här" class="no-print mb-3 text-sm"><A href="/forvaltning">"Förvaltning"</A>" › Uppföljning"</nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match report.await {
                    Err(err) => view! {
                        <Title text="Uppföljningsrapport"/>
                        <PageHeader title="Uppföljningsrapport"/>
                        <PeriodPicker current=period()/>
                        <ErrorNotice err/>
                    }.into_any(),
                    Ok(r) => view! { <ReportView r/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(
    /// The period's report.
    r: FollowUpReport,
) -> impl IntoView {
    let label = r.period.label_sv();
    let code = r.period.code();
    let today = format::date(chrono::Local::now().date_naive());
    view! {
        <Title text=format!("Uppföljningsrapport {label}")/>
        <PageHeader
            title=format!("Uppföljningsrapport – {label}")
            lead="Status och kommentar per mål för regionens förvaltningsobjekt, grupperat per objektfamilj, objekt och aktivitetstyp, med objektens indikatorer och utvecklingsprojekt."
        />
        <p class="hidden print:block mb-2 text-sm">{format!("Utskriven {today} ur Avrop.")}</p>
        <PeriodPicker current=code.clone()/>
        <div class="no-print mb-6 flex flex-wrap gap-3">
            <button type="button" class="btn-secondary" id="print-report" on:click=move |_| {
                #[cfg(feature = "hydrate")]
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }>"Skriv ut eller spara som PDF"</button>
            <a class="btn-secondary" href=format!("/forvaltning/uppfoljning.csv?period={code}") download="">"Ladda ned som CSV"</a>
        </div>
        <section class="card mb-6 print-avoid-break" aria-labelledby="sammanfattning">
            <h2 id="sammanfattning" class="mb-2 text-lg font-semibold">"Sammanfattning"</h2>
            <dl class="grid grid-cols-2 gap-2 sm:grid-cols-5" id="report-summary">
                <div>
                    <dt class="text-sm text-slate-700">"Rapporterade objekt"</dt>
                    <dd class="text-xl font-bold">{format!("{} av {}", r.objects_reported, r.objects_with_plan)}</dd>
                </div>
                {GoalStatus::ALL.into_iter().zip(r.status_counts).map(|(s, n)| view! {
                    <div>
                        <dt class="text-sm text-slate-700">{format!("Mål {}", s.label_sv().to_lowercase())}</dt>
                        <dd class="text-xl font-bold">{n}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
        {r.families.into_iter().map(|f| view! {
            <section class="mb-8" aria-label=f.name.clone()>
                <h2 class="mb-3 text-xl font-semibold">{f.name.clone()}</h2>
                {f.objects.into_iter().map(|o| view! { <ReportObjectView o period=r.period/> }).collect_view()}
            </section>
        }).collect_view()}
    }
}

#[component]
fn ReportObjectView(o: ReportObject, period: Period) -> impl IntoView {
    let link = format!("/forvaltning/uppfoljning/{}?period={}", o.object_id, period.code());
    view! {
        <article class="card mb-4 report-object" aria-label=o.name.clone()>
            <div class="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">{o.name.clone()}</h3>
                {match (o.plan_id, o.reported) {
                    (None, _) => view! { <span class="text-sm">"Ingen fastställd plan för året."</span> }.into_any(),
                    (Some(_), false) => view! { <A href=link attr:class="text-sm font-medium">"Inte rapporterad för perioden"</A> }.into_any(),
                    (Some(_), true) => view! {
                        <A href=link attr:class="text-sm">{format!("Rapporterad {} av {}", o.updated_at.map(format::date_time).unwrap_or_default(), o.updated_by)}</A>
                    }.into_any(),
                }}
            </div>
            {o.kinds.into_iter().map(|k| view! {
                <TableScroll label=k.kind.clone() class="mb-3">
                    <table class="data-table min-w-[36rem] table-fixed text-sm">
                        <caption class="mb-1 text-left font-semibold">{k.kind.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="w-[42%]">"Mål"</th>
                                <th scope="col" class="w-[9%]">"VM/VU"</th>
                                <th scope="col" class="w-[14%]">"Status"</th>
                                <th scope="col" class="w-[35%]">"Kommentar"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {k.goals.into_iter().map(|g| view! {
                                <tr>
                                    <td>{g.text}</td>
                                    <td>{g.class}</td>
                                    <td>{status_badge(g.status)}</td>
                                    <td>{g.comment}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            }).collect_view()}
            {(!o.indicators.is_empty()).then(|| view! {
                <TableScroll label="Indikatorer" class="mb-3">
                    <table class="data-table text-sm">
                        <caption class="mb-1 text-left font-semibold">"Indikatorer"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Indikator"</th>
                                <th scope="col" class="text-right">"Ackumulerad budget"</th>
                                <th scope="col" class="text-right">"Utfall"</th>
                                <th scope="col" class="text-right">"Målvärde"</th>
                                <th scope="col" class="text-right">"Måluppfyllnad"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {o.indicators.into_iter().map(|i| {
                                let show = |m: Option<Measure>| m.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
                                view! {
                                    <tr>
                                        <td>{i.name.clone()}</td>
                                        <td class="text-right whitespace-nowrap">{show(i.budget)}</td>
                                        <td class="text-right whitespace-nowrap">{show(i.outcome)}</td>
                                        <td class="text-right whitespace-nowrap">{show(i.target)}</td>
                                        <td class="text-right whitespace-nowrap">{fulfilment(i.outcome, i.target).map(|p| p.to_string()).unwrap_or_else(|| "–".into())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            })}
            {(!o.projects.trim().is_empty()).then(|| view! {
                <div>
                    <h4 class="font-semibold">"Utvecklingsprojekt och kända förändringar"</h4>
                    <p class="whitespace-pre-line text-sm">{o.projects.clone()}</p>
                </div>
            })}
        </article>
    }
}
