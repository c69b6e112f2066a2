//! `/forvaltning/mall/:family`: an object family's template for new plans
//! (the chapters' starting texts, the forums, the day rates and days per
//! FTE). Everyone signed in reads it; administrators change it. The form
//! draws the plan editor's own state model and sections.

use super::editor::Editor;
use super::plan::costs::SettingsEditor;
use super::plan::sections::{ForumsSection, TextSection};
use crate::components::{ErrorNotice, Loading, PageHeader};
use crate::domain::format;
use crate::error::AppError;
use crate::plans::dto::PlanTemplateDto;
use crate::plans::server_fns::{get_template, save_template};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
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
        <nav aria-label="Du är här" class="mb-3 text-sm"><A href="/forvaltning">"Förvaltning"</A>" › Planmall"</nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(err) => view! {
                        <Title text="Planmall"/>
                        <PageHeader title="Planmall"/>
                        <ErrorNotice err/>
                    }.into_any(),
                    Ok(t) => view! { <TemplateForm t/> }.into_any(),
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
        <p class="mb-4 text-sm" role="status" aria-live="polite" id="template-status">{move || status.get()}</p>
        {(!editable).then(|| view! { <p class="mb-4">"Mallen hålls av regionens administratörer."</p> })}
        <form id="template-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <div class="card mb-6 [&>fieldset]:mt-0">
                <SettingsEditor editor editable/>
            </div>
            <TextSection id="nulage" title="Nulägesbeskrivning" value=editor.current_state editable rows=4/>
            <TextSection id="organisation" title="Organisation" value=editor.organisation editable rows=3/>
            <ForumsSection editor editable/>
            <TextSection id="projekt" title="Projekt och kända förändringar" value=editor.projects editable rows=3/>
            {move || error.get().map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
            {editable.then(|| view! {
                <button type="submit" class="btn-primary" disabled=move || busy.get()>"Spara mallen"</button>
            })}
        </form>
    }
}
