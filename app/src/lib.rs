//! Avrop: the isomorphic Leptos application (routes, components, server
//! functions). Built with `ssr` for the server and `hydrate` for the browser.

#![recursion_limit = "256"]

pub mod components;
pub mod ctx;
pub mod domain;
pub mod error;
pub mod home;
pub mod layout;
pub mod org;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod testing;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="sv">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
                <App/>
            </body>
        </html>
    }
}

/// A per-response CSP that lets exactly Leptos's own inline scripts (which
/// carry this response's nonce) and our wasm run.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let Some(resp) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(v) = http::HeaderValue::from_str(&csp) {
        resp.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/avrop.css"/>
        <Title formatter=|text: String| if text.is_empty() { "Avrop".to_owned() } else { format!("{text} – Avrop") }/>
        <Router>
            <layout::Shell>
                <Routes fallback=|| view! { <pages::NotFound/> }>
                    <Route path=path!("") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/katalog") view=pages::CatalogPage/>
                    <Route path=path!("/bestallningar") view=pages::OrdersPage/>
                    <Route path=path!("/attestera") view=pages::AttestPage/>
                    <Route path=path!("/koordinering") view=pages::FulfilmentPage/>
                    <Route path=path!("/tillgangar") view=pages::AssetsPage/>
                    <Route path=path!("/forvaltning") view=pages::PlansPage/>
                    <Route path=path!("/admin") view=pages::AdminPage ssr=SsrMode::Async/>
                </Routes>
            </layout::Shell>
        </Router>
    }
}
