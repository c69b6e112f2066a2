//! `/forvaltning/mall/:family`: an object family's template for new plans
//! (the chapters' starting texts, the forums, the day rates and days per
//! FTE). Everyone signed in reads it; administrators change it. The form
//! draws the plan editor's own state model and sections.

use super::editor::Editor;
use super::plan::costs::SettingsEditor;
use super::plan::sections::{ForumsSection, TextSection};
use super::plan::tables::{ItServicesSection, OrganisationSection, ProjectsSection};
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, FieldError, Loading, PageHeader};
use crate::domain::adoption;
use crate::domain::format;
use crate::domain::roles::ObjectRole;
use crate::error::AppError;
use crate::plans::dto::PlanTemplateDto;
use crate::plans::server_fns::{get_template, save_adopters, save_template};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TemplatePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("family")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(id, get_template);
    view! {
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/forvaltning">"Förvaltning"</a>" › Planmall"</nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(err) => view! {
                        <Title text="Planmall"/>
                        <PageHeader title="Planmall"/>
                        <ErrorNotice err/>
                    }.into_any_sync(),
                    Ok(t) => view! { <TemplateForm t/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

fn saved_line(t: &PlanTemplateDto) -> String {
    match t.updated_at {
        Some(at) => format!("Senast sparad {} av {}.", format::date_time(at), t.updated_by),
        None => "Ingen mall är sparad: nya planer får tomma kapitel, 5 600 kr per dag och 190 dagar per heltid.".into(),
    }
}

#[component]
fn TemplateForm(t: PlanTemplateDto) -> impl IntoView {
    let title = format!("Planmall för {}", t.family);
    let editor = Editor::new(&t.content, t.settings);
    let editable = t.can_edit;
    let family_id = t.family_id;
    let status = RwSignal::new(saved_line(&t));
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let save = move || {
        let (content, settings) = match editor.draft() {
            Ok(d) => d,
            Err(message) => {
                error.set(Some(AppError::validation("template", message)));
                return;
            }
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match save_template(family_id, content, settings).await {
                Ok(saved) => {
                    error.set(None);
                    status.set(format!("Mallen är sparad. {}", saved_line(&saved)));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <Title text=title.clone()/>
        <PageHeader
            title=title
            lead="En ny förvaltningsplan i familjen kan utgå från mallen: kapitlens vägledande texter, forumen och dagpriserna. Objektbeskrivningen och förvaltningsprodukterna hämtas från objektet."
        />
        <Adopters family_id adopters=t.adopters.clone() editable/>
        <h2 class="mb-3 text-lg font-semibold">"Mallens innehåll"</h2>
        <p class="mb-4 text-sm" role="status" aria-live="polite" id="template-status">{move || status.get()}</p>
        {(!editable).then(|| view! { <p class="mb-4">"Mallen hålls av regionens administratörer."</p> })}
        <form id="template-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <div class="card mb-6 [&>fieldset]:mt-0">
                <SettingsEditor editor editable/>
            </div>
            <TextSection id="nulage" title="Nulägesbeskrivning" value=editor.current_state editable rows=4/>
            <ItServicesSection editor editable/>
            <OrganisationSection editor editable/>
            <ForumsSection editor editable/>
            <ProjectsSection editor editable/>
            {move || error.get().map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            {editable.then(|| view! {
                <button type="submit" class="btn-primary" disabled=move || busy.get()>"Spara mallen"</button>
            })}
        </form>
    }
}

fn rule_line(roles: &[ObjectRole]) -> String {
    if roles.len() > 1 {
        format!(
            "Familjens planer fastställs när {} har godkänt dem, var för sig.",
            adoption::phrase_list(roles)
        )
    } else {
        format!(
            "Familjens planer fastställs av objektets {}.",
            adoption::phrase_list(roles)
        )
    }
}

/// "Fastställande": which object roles must each approve the family's
/// plans. Administrators change it; everyone else reads it.
#[component]
fn Adopters(family_id: i32, adopters: Vec<ObjectRole>, editable: bool) -> impl IntoView {
    let chosen = adoption::CHOICES.map(|r| RwSignal::new(adopters.contains(&r)));
    let saved = RwSignal::new(adopters);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let save = move || {
        let roles: Vec<ObjectRole> = adoption::CHOICES
            .into_iter()
            .zip(chosen)
            .filter(|(_, on)| on.get_untracked())
            .map(|(r, _)| r)
            .collect();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match save_adopters(family_id, roles).await {
                Ok(roles) => {
                    error.set(None);
                    saved.set(roles);
                    done.set(true);
                }
                Err(e) => {
                    done.set(false);
                    error.set(Some(e));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card mb-6" aria-labelledby="faststallande">
            <h2 id="faststallande" class="mb-2 text-lg font-semibold">"Fastställande"</h2>
            <p class="mb-3" id="adopters-rule">{move || saved.with(|r| rule_line(r))}</p>
            {editable.then(|| view! {
                <form id="adopters-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                    <fieldset class="mb-3" aria-describedby="adopters-fel">
                        <legend class="mb-1 font-medium">"Vilka ska godkänna planen innan den är fastställd?"</legend>
                        {adoption::CHOICES.into_iter().zip(chosen).map(|(role, on)| {
                            let id = format!("adopter-{}", role.as_str());
                            view! {
                                <div class="flex items-center gap-2 py-1">
                                    <input type="checkbox" id=id.clone() class="h-5 w-5"
                                        prop:checked=move || on.get()
                                        on:change=move |ev| { on.set(event_target_checked(&ev)); done.set(false); }/>
                                    <label for=id>{role.label_sv()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <p class="mb-3 text-sm">"Den som skickade planen på avstämning kan inte godkänna den. Kräver familjen två roller behövs två personer."</p>
                    <FieldError error=Signal::derive(move || error.get()) field="adopters"/>
                    {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-3"><ErrorNotice err/></div> })}
                    <button type="submit" class="btn-secondary" disabled=move || busy.get()>"Spara vem som fastställer"</button>
                    <p class="mt-2 text-sm" role="status" aria-live="polite">{move || done.get().then_some("Sparat.")}</p>
                </form>
            })}
        </section>
    }
}
