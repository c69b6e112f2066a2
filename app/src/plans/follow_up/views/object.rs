//! `/forvaltning/uppfoljning/:id?period=…`: an object's follow-up for one
//! period, each goal's status and comment and the indicators, saved as one.

use super::form::{Form, SaveState};
use super::indicators::Indicators;
use super::resources::Resources;
use super::{period_from_query, status_badge, PeriodPicker};
use crate::any_view::IntoAnySync;
use crate::components::{textarea_text, ErrorNotice, Loading, PageHeader, FIELD};
use crate::domain::follow_up::GoalStatus;
use crate::domain::format;
use crate::domain::plan::Activity;
use crate::plans::follow_up::dto::*;
use crate::plans::follow_up::server_fns::{get_follow_up, save_follow_up};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let period = period_from_query();
    let data = Resource::new(move || (id(), period()), |(id, p)| get_follow_up(id, p));
    view! {
        <nav aria-label="Du är här" class="no-print mb-3 text-sm">
            <a href="/forvaltning">"Förvaltning"</a>" › "
            <a href=move || format!("/forvaltning/uppfoljning?period={}", period())>"Uppföljning"</a>
        </nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(err) => view! {
                        <Title text="Uppföljning"/>
                        <PageHeader title="Uppföljning"/>
                        <PeriodPicker current=period()/>
                        <ErrorNotice err/>
                    }.into_any_sync(),
                    Ok(d) => view! { <FollowUpView d/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
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
    let planned = d.planned.clone();
    let period_text = d.period.label_sv().to_lowercase();
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
            <a href=format!("/forvaltning/plan/{}", d.plan.id)>{format!("förvaltningsplan {} (revision {})", d.plan.year, d.plan.revision)}</a>
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
                    <a href=format!("/forvaltning/uppfoljning/{object_id}?period={}", p.code()) class="mr-3">{p.label_sv()}</a>
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
                                            }.into_any_sync()
                                        } else {
                                            view! {
                                                <p class="flex flex-wrap items-start gap-2">
                                                    {move || status_badge(r.status.get())}
                                                    <span>{move || { let c = r.comment.get(); if c.is_empty() { "Ingen kommentar.".to_owned() } else { c } }}</span>
                                                </p>
                                            }.into_any_sync()
                                        }}
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </section>
            })
        }).collect_view()}

        <Resources form planned editable period=period_text/>
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
                    }.into_any_sync()),
                    SaveState::Conflict(current) => Some(view! { <ConflictNotice current=*current form version state/> }.into_any_sync()),
                    _ => None,
                }}
            </div>
        })}
    }
}

/// Someone else saved first: their name and time, and the choice.
#[component]
fn ConflictNotice(
    /// The follow-up as the other person saved it.
    current: FollowUpDto,
    /// The follow-up being edited.
    form: Form,
    /// The version the next save starts from.
    version: RwSignal<i32>,
    /// What the save is doing.
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
