//! Pages that wrap an area's page, and the 404 page.

use crate::components::PageHeader;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Coordination: the queue of orders nobody may attest is in place; the
/// fulfilment workspace comes with its issue.
#[component]
pub fn FulfilmentPage() -> impl IntoView {
    view! { <crate::fulfilment::workspace::CoordinationPage/> }
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
