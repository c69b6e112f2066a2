//! Pages of areas whose issues have not landed yet, and the 404 page.

use crate::components::PageHeader;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// An honest placeholder for an area that is being built.
#[component]
pub fn ComingSoon(
    /// The area's name (page heading and title).
    title: &'static str,
    /// What the area will do.
    lead: &'static str,
) -> impl IntoView {
    view! {
        <Title text=title/>
        <PageHeader title=title lead=lead/>
        <div class="notice" role="status">
            <p class="font-medium">"Kommer snart"</p>
            <p class="mt-1">"Den här delen av Avrop byggs just nu och öppnas i en kommande version."</p>
        </div>
    }
}

/// Coordination: the queue of orders nobody may attest is in place; the
/// fulfilment workspace comes with its issue.
#[component]
pub fn FulfilmentPage() -> impl IntoView {
    view! { <crate::fulfilment::workspace::CoordinationPage/> }
}

#[component]
pub fn AssetsPage() -> impl IntoView {
    view! { <ComingSoon title="Tillgångar" lead="Inventarier, prenumerationer och månatlig interndebitering."/> }
}

/// Administration: the organisation register is the first part in place.
#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <crate::admin::views::AdminTabs/>
        <crate::org::views::OrganisationPage/>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Sidan finns inte"/>
        <PageHeader title="Sidan finns inte" lead="Adressen du följde leder inte till någon sida i Avrop. Den kan ha flyttats eller skrivits fel."/>
        <A href="/" attr:class="btn-primary inline-block no-underline">"Till startsidan"</A>
    }
}
