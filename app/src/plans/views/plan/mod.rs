//! `/forvaltning/plan/:id`: one plan revision, editable by the object's
//! förvaltningsledare while it is a draft, with live roll-ups, autosave and
//! conflict handling. The plan being edited is [`super::editor::Editor`];
//! this page and its sections only draw it.

pub(super) mod costs;
mod financing;
mod goals;
mod save_status;
pub(super) mod sections;
pub(super) mod tables;
mod workflow;

use super::editor::{Editor, SaveState};
use super::{follow_up_href, status_badge};
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader};
use crate::domain::format;
use crate::domain::plan::{Activity, PlanStatus};
use crate::plans::dto::PlanDto;
use crate::plans::server_fns::{get_plan, save_plan, DecidePlan};
use costs::{RollUpTable, SettingsEditor};
use financing::FinancingSection;
use goals::GoalsSection;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use save_status::SaveStatus;
use sections::{ForumsSection, IntroSection, NeedsSection, TextSection};
use tables::{IntegrationsSection, ItServicesSection, OrganisationSection, ProjectsSection};
use workflow::{Revisions, Workflow};

#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let decide = ServerAction::<DecidePlan>::new();
    let plan = Resource::new(move || (id(), decide.version().get()), |(id, _)| get_plan(id));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Err(err) => view! {
                        <Title text="Förvaltningsplan"/>
                        <PageHeader title="Förvaltningsplan"/>
                        <ErrorNotice err/>
                        <p class="mt-4"><a href="/forvaltning">"Till förvaltningsobjekten"</a></p>
                    }.into_any_sync(),
                    Ok(p) => view! { <PlanView p decide/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

/// The plan's chapters, in the page's order: `(heading id, title)`.
const CHAPTERS: &[(&str, &str)] = &[
    ("summering", "Resurser och kostnader"),
    ("finansiering", "Finansiering och fördelningsnyckel"),
    ("inledning", "Inledning: period, bakgrund, syfte och målgrupp"),
    ("beskrivning", "Objektbeskrivning"),
    ("produkter", "Förvaltningsprodukter"),
    ("it-tjanster", "IT-tjänster och servicenivåer"),
    ("integrationer", "Integrationer"),
    ("nulage", "Nulägesbeskrivning"),
    ("behov", "Problem och behov"),
    ("mal", "Mål per förvaltningsaktivitet"),
    ("organisation", "Organisation"),
    ("fora", "Beslutsfora och arbetsfora"),
    ("projekt", "Projekt och kända förändringar"),
    ("beslut", "Avstämning och beslut"),
    ("revisioner", "Revisioner och jämförelser"),
];

/// "Kapitel": a folded list of the plan's chapters (and the goals'
/// activities) in the sticky bar, to jump between them on a long plan.
#[component]
fn ChapterNav() -> impl IntoView {
    let details = NodeRef::<leptos::html::Details>::new();
    let link = move |id: String, title: String| {
        let target = id.clone();
        view! {
            <a href=format!("#{id}") on:click=move |ev| {
                crate::components::jump_to(&ev, &target);
                if let Some(d) = details.get() {
                    let _ = d.remove_attribute("open");
                }
            }>{title}</a>
        }
    };
    view! {
        <details node_ref=details class="rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm" id="chapters">
            <summary class="cursor-pointer font-medium">"Kapitel"</summary>
            <nav aria-label="Kapitel i planen" class="mt-2 max-h-[60vh] overflow-y-auto">
                <ol class="grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
                    {CHAPTERS.iter().map(|(id, title)| view! {
                        <li>
                            {link((*id).to_owned(), (*title).to_owned())}
                            {(*id == "mal").then(|| view! {
                                <ul class="ml-4 list-disc pl-4 text-sm">
                                    {Activity::ALL.into_iter().map(|a| view! {
                                        <li>{link(format!("aktivitet-{}", a.as_str()), a.label_sv().to_owned())}</li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }).collect_view()}
                </ol>
            </nav>
        </details>
    }
}

#[component]
fn PlanView(
    /// The plan revision as loaded.
    p: PlanDto,
    /// The workflow action of the page.
    decide: ServerAction<DecidePlan>,
) -> impl IntoView {
    let title = format!("{} – förvaltningsplan {}", p.object_name, p.year);
    let editor = if cfg!(feature = "ssr") {
        Editor::for_server_render(&p.content, p.settings)
    } else {
        Editor::new(&p.content, p.settings)
    };
    let loaded_settings = p.settings;
    let settings = move || editor.settings().unwrap_or(loaded_settings);
    let editable = p.rights.edit;
    let version = RwSignal::new(p.version);
    let state = RwSignal::new(SaveState::Idle);
    // The totals as loaded were summed by the server (with the same pure
    // function); the browser sums again as the user types. Rendering the page
    // on the server thus tracks no field of its hundreds of goals.
    #[cfg(feature = "ssr")]
    let roll_up = Signal::stored(p.roll_up.clone());
    #[cfg(not(feature = "ssr"))]
    let roll_up = Signal::from(Memo::new(move |_| editor.roll_up(settings())));
    let plan_id = p.id;

    // Autosave: a change marks the plan dirty; a second and a half later
    // the draft is saved if every field is valid. A failed save is retried.
    let changes = Memo::new(move |_| editor.snapshot());
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let _ = changes.get();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if editable {
            if let Some(next) = state.with_untracked(SaveState::after_change) {
                state.set(next);
            }
        }
    });
    let save_now = move || {
        if !editable {
            return;
        }
        match editor.draft() {
            Err(message) => state.set(SaveState::Invalid(message)),
            Ok((content, plan_settings)) => {
                state.set(SaveState::Saving);
                let v = version.get_untracked();
                leptos::task::spawn_local(async move {
                    let result = save_plan(plan_id, v, content, plan_settings).await;
                    // Typing during the save keeps the plan dirty.
                    let (new_version, next) = state.with_untracked(|s| s.after_save(result));
                    if let Some(nv) = new_version {
                        version.set(nv);
                    }
                    if let Some(next) = next {
                        state.set(next);
                    }
                });
            }
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = save_now;
    #[cfg(feature = "hydrate")]
    {
        let handle = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
        Effect::new(move |_| {
            let Some(delay) = state.with(SaveState::autosave_delay) else {
                return;
            };
            if let Some(h) = handle.get_value() {
                h.clear();
            }
            handle.set_value(set_timeout_with_handle(save_now, delay).ok());
        });
    }
    view! {
        <Title text=title.clone()/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/forvaltning">"Förvaltning"</a>" › "{p.family.clone()}</nav>
        <PageHeader title=title/>
        <div class="mb-4 flex flex-wrap items-center gap-3">
            {status_badge(p.status)}
            <span class="text-sm text-slate-700">{format!("Revision {} · senast ändrad {} av {}", p.revision, format::date_time(p.updated_at), p.updated_by)}</span>
            {p.decided_on.map(|d| view! { <span class="text-sm text-slate-700">{format!("Fastställd {}", format::date(d))}</span> })}
            {(p.status == PlanStatus::Faststalld).then(|| view! {
                <a href=follow_up_href(p.object_id, p.year) class="text-sm font-medium">"Följ upp planen"</a>
            })}
            <a href=format!("/forvaltning/plan/{}/utskrift", p.id) class="text-sm font-medium">"Utskrift (A4)"</a>
        </div>
        <div class="sticky top-0 z-10 mb-4 flex flex-col gap-2">
            {editable.then(|| view! { <SaveStatus state editor version/> })}
            <ChapterNav/>
        </div>
        {(!editable && p.status == PlanStatus::Utkast).then(|| view! {
            <p class="notice mb-4">"Du kan läsa planen. Bara objektets förvaltningsledare kan ändra den."</p>
        })}

        <section class="card mb-6" aria-labelledby="summering">
            <h2 id="summering" class="mb-3 text-lg font-semibold">"Resurser och kostnader"</h2>
            <RollUpTable roll_up/>
            <SettingsEditor editor editable/>
        </section>
        <FinancingSection editor editable roll_up/>

        <IntroSection editor editable/>
        <TextSection id="beskrivning" title="Objektbeskrivning" value=editor.object_description editable rows=4/>
        <TextSection id="produkter" title="Förvaltningsprodukter" value=editor.products editable rows=3/>
        <ItServicesSection editor editable/>
        <IntegrationsSection editor editable/>
        <TextSection id="nulage" title="Nulägesbeskrivning" value=editor.current_state editable rows=5/>

        <NeedsSection editor editable/>

        <GoalsSection editor editable roll_up settings=Signal::derive(settings) loaded=p.content.goals.clone()/>

        <OrganisationSection editor editable needed=Signal::derive(move || roll_up.with(|r| r.total.fte.hundredths()))/>
        <ForumsSection editor editable/>
        <ProjectsSection editor editable/>

        <Workflow p=p.clone() decide state/>
        <Revisions p=p.clone()/>
    }
}
