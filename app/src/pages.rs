//! Pages that wrap an area's page, and the 404 page.

use crate::components::PageHeader;
use leptos::prelude::*;
use leptos_meta::Title;

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
        <a href="/" class="btn-primary inline-block no-underline">"Till startsidan"</a>
    }
}

/// A whole HTML page for an error that stopped a request before the app
/// could render it (the database could not be reached while the session
/// was read, a CSV link the person may not follow): what a browser that
/// navigated gets in place of the JSON error body the API answers.
/// `retry` is the address to ask again, when asking again may help.
#[cfg(feature = "ssr")]
pub fn error_document(options: LeptosOptions, error: &crate::error::ErrorBody, retry: Option<String>) -> String {
    let heading = match error.error.as_str() {
        "unavailable" => "Avrop kan inte svara just nu",
        "forbidden" => "Du saknar behörighet",
        "unauthorized" => "Du behöver logga in",
        "not_found" => "Det du sökte finns inte",
        "rate_limited" => "För många försök på kort tid",
        "bad_request" | "validation" | "conflict" => "Begäran kunde inte utföras",
        _ => "Något gick fel",
    };
    let message = error.message.clone();
    let title = format!("{heading} – Avrop");
    Owner::new().with(|| {
        view! {
            <!DOCTYPE html>
            <html lang="sv">
                <head>
                    <crate::DocumentHead options/>
                    <title>{title}</title>
                </head>
                <body class="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
                    <header class="bg-sky-900 text-white">
                        <div class="mx-auto max-w-6xl px-4 py-3 sm:px-6">
                            <a href="/" class="rounded text-xl font-bold tracking-tight text-white no-underline">"Avrop"</a>
                        </div>
                    </header>
                    <main class="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
                        <PageHeader title=heading lead=message/>
                        <p class="flex flex-wrap gap-3">
                            {retry.map(|href| view! { <a href=href class="btn-primary inline-block no-underline">"Försök igen"</a> })}
                            <a href="/" class="btn-secondary inline-block no-underline">"Till startsidan"</a>
                        </p>
                    </main>
                </body>
            </html>
        }
        .to_html()
    })
}
