//! The plan's workflow section (submit, adopt, return, with the timeline)
//! and its revisions (other plans of the object, comparisons, new drafts).

use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, FieldError, FIELD};
use crate::domain::adoption;
use crate::domain::format;
use crate::domain::plan::PlanStatus;
use crate::plans::dto::{PlanDto, PlanEventDto, PlanRef};
use crate::plans::server_fns::{DecidePlan, StartNextYear, StartRevision};
use crate::plans::views::editor::SaveState;
use crate::plans::views::status_badge;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// "Avstämning och beslut": the timeline, and the forms the caller may use.
#[component]
pub fn Workflow(
    /// The plan as loaded.
    p: PlanDto,
    /// The workflow action of the page.
    decide: ServerAction<DecidePlan>,
    /// The autosave's state: a draft is submitted only once saved.
    state: RwSignal<SaveState>,
) -> impl IntoView {
    let error = Signal::derive(move || decide.value().get().and_then(|r| r.err()));
    let today = chrono::Local::now().date_naive().to_string();
    let unsaved = move || state.with(SaveState::unsaved);
    let approve = approve_label(&p);
    view! {
        <section class="card mb-6" aria-labelledby="beslut">
            <h2 id="beslut" class="mb-3 text-lg font-semibold">"Avstämning och beslut"</h2>
            {if p.events.is_empty() {
                view! { <p class="mb-3">"Planen har inte skickats på avstämning."</p> }.into_any_sync()
            } else {
                view! {
                    <ol class="mb-4 space-y-2" id="plan-events">
                        {p.events.iter().map(|e| view! {
                            <li>
                                <span class="font-medium">{step_label(e)}</span>
                                {format!(" – {} {}", format::date_time(e.at), e.actor)}
                                {(!e.comment.is_empty()).then(|| view! { <p class="text-sm text-slate-800">{e.comment.clone()}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any_sync()
            }}
            <Adopters p=p.clone()/>
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-3"><ErrorNotice err/></div> })}
            {p.rights.submit.then(|| view! {
                <ActionForm action=decide attr:id="submit-form">
                    <input type="hidden" name="id" value=p.id/>
                    <input type="hidden" name="event" value="submit"/>
                    <input type="hidden" name="decided_on" value=""/>
                    <div class="mb-3 flex flex-col gap-1">
                        <label for="submit-comment" class="font-medium">"Kommentar till styrgruppen (valfri)"</label>
                        <textarea id="submit-comment" name="comment" rows="2" class=FIELD></textarea>
                    </div>
                    <button type="submit" class="btn-primary" disabled=unsaved>"Skicka på avstämning"</button>
                    {move || unsaved().then(|| view! { <p class="mt-1 text-sm">"Vänta tills utkastet är sparat."</p> })}
                </ActionForm>
            })}
            {(p.rights.decide || p.rights.send_back).then(|| view! {
                <div class="grid gap-6 md:grid-cols-2">
                    {p.rights.decide.then(|| view! {
                    <ActionForm action=decide attr:id="adopt-form">
                        <input type="hidden" name="id" value=p.id/>
                        <input type="hidden" name="event" value="adopt"/>
                        <div class="mb-3 flex flex-col gap-1">
                            <label for="decided-on" class="font-medium">"Beslutsdatum"</label>
                            <input id="decided-on" name="decided_on" type="date" class=FIELD value=today.clone() aria-describedby="decided_on-fel"/>
                            <FieldError error field="decided_on"/>
                        </div>
                        <div class="mb-3 flex flex-col gap-1">
                            <label for="adopt-comment" class="font-medium">"Protokollsanteckning (valfri)"</label>
                            <textarea id="adopt-comment" name="comment" rows="2" class=FIELD></textarea>
                        </div>
                        <button type="submit" class="btn-primary">{approve.clone()}</button>
                    </ActionForm>
                    })}
                    {p.rights.send_back.then(|| view! {
                    <ActionForm action=decide attr:id="return-form">
                        <input type="hidden" name="id" value=p.id/>
                        <input type="hidden" name="event" value="return"/>
                        <input type="hidden" name="decided_on" value=""/>
                        <div class="mb-3 flex flex-col gap-1">
                            <label for="return-comment" class="font-medium">"Vad behöver ändras?"</label>
                            <textarea id="return-comment" name="comment" rows="3" class=FIELD aria-describedby="comment-fel"></textarea>
                            <FieldError error field="comment"/>
                        </div>
                        <button type="submit" class="btn-secondary">"Skicka tillbaka till förvaltningsledaren"</button>
                    </ActionForm>
                    })}
                </div>
            })}
        </section>
    }
}

/// A timeline step's name: an approval names its role.
fn step_label(e: &PlanEventDto) -> String {
    match (e.to, e.approved_as) {
        (PlanStatus::Faststalld, Some(role)) => format!("Fastställd (godkänd som {})", adoption::phrase(role)),
        (_, Some(role)) => format!("Godkänd som {}", adoption::phrase(role)),
        (to, None) => to.label_sv().to_owned(),
    }
}

/// The adopt button: the last approval adopts the plan, an earlier one
/// approves it.
fn approve_label(p: &PlanDto) -> String {
    match p.rights.approve_as {
        Some(_) if p.rights.approval_adopts => "Fastställ planen".into(),
        Some(role) => format!("Godkänn planen som {}", adoption::phrase(role)),
        None => "Fastställ planen".into(),
    }
}

/// Who adopts the plan and, in review, who has approved it and who is
/// awaited.
#[component]
fn Adopters(p: PlanDto) -> impl IntoView {
    let required = p.adoption.required.clone();
    let waiting = p.adoption.waiting();
    let rule = if required.len() > 1 {
        format!(
            "Planen fastställs när {} har godkänt den, var för sig.",
            adoption::phrase_list(&required)
        )
    } else {
        format!("Planen fastställs av objektets {}.", adoption::phrase_list(&required))
    };
    let in_review = p.status == PlanStatus::UnderAvstamning;
    view! {
        <div class="mb-4" id="adopters">
            <p>{rule}</p>
            {(in_review || !p.adoption.approvals.is_empty()).then(|| view! {
                <ul class="mt-2 space-y-1">
                    {p.adoption.approvals.iter().map(|a| view! {
                        <li>
                            <span class="mr-2 inline-block rounded border border-emerald-500 bg-emerald-100 px-2 py-0.5 text-sm font-medium text-emerald-950">"Godkänd"</span>" "
                            {format!("{}: {}, beslut {}", a.role.label_sv(), a.name, format::date(a.decided_on))}
                        </li>
                    }).collect_view()}
                    {in_review.then(|| waiting.iter().map(|r| view! {
                        <li>
                            <span class="mr-2 inline-block rounded border border-amber-400 bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-950">"Väntar"</span>" "
                            {r.label_sv()}
                        </li>
                    }).collect_view())}
                </ul>
            })}
        </div>
    }
}

/// "Revisioner och jämförelser": the object's other plans, and new drafts.
#[component]
pub fn Revisions(
    /// The plan on the page.
    p: PlanDto,
) -> impl IntoView {
    let revision = ServerAction::<StartRevision>::new();
    let next_year = ServerAction::<StartNextYear>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = revision.value().get().or_else(|| next_year.value().get()) {
            navigate(&format!("/forvaltning/plan/{id}"), Default::default());
        }
    });
    let error = move || {
        revision
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| next_year.value().get().and_then(|r| r.err()))
    };
    let editor_role = p.rights.revise;
    let others: Vec<PlanRef> = p.revisions.iter().filter(|r| r.id != p.id).cloned().collect();
    let has_next_year = p.revisions.iter().any(|r| r.year == p.year + 1);
    let this = p.id;
    view! {
        <section class="card mb-6" aria-labelledby="revisioner">
            <h2 id="revisioner" class="mb-3 text-lg font-semibold">"Revisioner och jämförelser"</h2>
            {if others.is_empty() {
                view! { <p class="mb-3">"Objektet har inga andra planer att jämföra med."</p> }.into_any_sync()
            } else {
                view! {
                    <ul class="mb-4 space-y-1" id="revision-list">
                        {others.into_iter().map(|r| view! {
                            <li class="flex flex-wrap items-center gap-2">
                                <a href=format!("/forvaltning/plan/{}", r.id)>{format!("{} revision {}", r.year, r.revision)}</a>
                                {status_badge(r.status)}
                                <a href=format!("/forvaltning/jamfor?fran={}&till={}", r.id, this)>
                                    {format!("Jämför {} rev. {} med den här", r.year, r.revision)}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any_sync()
            }}
            {editor_role.then(|| view! {
                <div class="flex flex-wrap gap-3">
                    {(p.status == PlanStatus::Faststalld).then(|| view! {
                        <ActionForm action=revision>
                            <input type="hidden" name="id" value=this/>
                            <button type="submit" class="btn-secondary">"Ny revision"</button>
                        </ActionForm>
                    })}
                    {(!has_next_year).then(|| view! {
                        <ActionForm action=next_year>
                            <input type="hidden" name="id" value=this/>
                            <button type="submit" class="btn-secondary">{format!("Skapa planen för {}", p.year + 1)}</button>
                        </ActionForm>
                    })}
                </div>
            })}
            {move || error().map(|err| view! { <div class="mt-3"><ErrorNotice err/></div> })}
        </section>
    }
}
