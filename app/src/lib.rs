//! Avrop: the isomorphic Leptos application (routes, components, server
//! functions). Built with `ssr` for the server and `hydrate` for the browser.

#![recursion_limit = "256"]

pub mod admin;
pub mod any_view;
pub mod assets;
pub mod attest;
pub mod audit;
pub mod auth;
#[cfg(test)]
mod boundaries;
pub mod cart;
pub mod catalog;
pub mod components;
pub mod ctx;
pub mod domain;
pub mod error;
pub mod fulfilment;
pub mod header;
pub mod home;
pub mod layout;
pub mod notify;
pub mod orders;
pub mod org;
pub mod pages;
pub mod plans;
pub mod routes;
pub mod subscriptions;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod metrics;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod testing;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use routes::in_group;

/// The HTML document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::MetaTags;
    view! {
        <!DOCTYPE html>
        <html lang="sv">
            <head>
                <DocumentHead options=options.clone()/>
                <meta
                    name="description"
                    content="Avrop: regionens beställning av datorer och IT-tjänster, attest, leveranser, tillgångar och förvaltningsplaner."
                />
                <AutoReload options=options.clone()/>
                // The server's HTML paints first: the app's files load at low
                // priority and hydrate when the browser is idle (at most 2 s on).
                <HydrationScripts options=options.clone() defer=true/>
                // The page's group of wasm files, loaded when the main file is.
                {routes::preload_script(&options)}
                <MetaTags/>
            </head>
            <body class="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
                <App/>
            </body>
        </html>
    }
}

/// What every HTML document of Avrop's starts its `<head>` with: the
/// app's shell and the server's error pages.
#[component]
pub fn DocumentHead(
    /// The site's options (where the stylesheet is).
    options: LeptosOptions,
) -> impl IntoView {
    view! {
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light"/>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
        <HashedStylesheet options id="leptos"/>
    }
}

/// The nonce the server chose for this response's Content-Security-Policy
/// (see the server's security middleware). Leptos marks its inline scripts
/// with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CspNonce(pub String);

/// Makes Leptos use the request's CSP nonce; call from the server's
/// additional-context closure.
#[cfg(feature = "ssr")]
pub fn provide_request_nonce() {
    let nonce = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(n)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(n));
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    auth::views::provide_user();
    view! {
        <Title formatter=|text: String| if text.is_empty() { "Avrop".to_owned() } else { format!("{text} – Avrop") }/>
        <Router>
            <layout::Shell>
                <Routes fallback=|| view! { <pages::NotFound/> }>
                    <Route path=path!("/logga-in") view=auth::views::LoginPage/>
                    <Route path=path!("") view=in_group!(start, "/") ssr=SsrMode::Async/>
                    <Route path=path!("/katalog") view=in_group!(shop, "/katalog") ssr=SsrMode::Async/>
                    <Route path=path!("/varukorg") view=in_group!(shop, "/varukorg") ssr=SsrMode::Async/>
                    <Route path=path!("/katalog/artikel/:id") view=in_group!(shop, "/katalog/artikel/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/bestallningar") view=in_group!(orders, "/bestallningar") ssr=SsrMode::Async/>
                    <Route path=path!("/bestallningar/:id") view=in_group!(orders, "/bestallningar/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/kassa") view=in_group!(shop, "/kassa") ssr=SsrMode::Async/>
                    <Route path=path!("/attestera") view=in_group!(attest, "/attestera") ssr=SsrMode::Async/>
                    <Route path=path!("/attestera/ersattare") view=in_group!(attest, "/attestera/ersattare") ssr=SsrMode::Async/>
                    <Route path=path!("/attestera/:id") view=in_group!(attest, "/attestera/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/aviseringar") view=in_group!(orders, "/aviseringar") ssr=SsrMode::Async/>
                    <Route path=path!("/koordinering") view=in_group!(fulfilment, "/koordinering") ssr=SsrMode::Async/>
                    <Route path=path!("/statistik") view=in_group!(fulfilment, "/statistik") ssr=SsrMode::Async/>
                    <Route path=path!("/tillgangar") view=in_group!(assets, "/tillgangar") ssr=SsrMode::Async/>
                    <Route path=path!("/tillgangar/prognos") view=in_group!(assets, "/tillgangar/prognos") ssr=SsrMode::Async/>
                    <Route path=path!("/tillgangar/import") view=in_group!(assets, "/tillgangar/import") ssr=SsrMode::Async/>
                    <Route path=path!("/tillgangar/:id") view=in_group!(assets, "/tillgangar/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/prenumerationer") view=in_group!(assets, "/prenumerationer") ssr=SsrMode::Async/>
                    <Route path=path!("/prenumerationer/:id") view=in_group!(assets, "/prenumerationer/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/interndebitering") view=in_group!(assets, "/interndebitering") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning") view=in_group!(governance, "/forvaltning") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/portfolj") view=in_group!(governance, "/forvaltning/portfolj") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/jamfor") view=in_group!(governance, "/forvaltning/jamfor") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/plan/:id") view=in_group!(plan, "/forvaltning/plan/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/plan/:id/utskrift") view=in_group!(plan, "/forvaltning/plan/:id/utskrift") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/mall/:family") view=in_group!(plan, "/forvaltning/mall/:family") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/objekt/:id") view=in_group!(governance, "/forvaltning/objekt/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/uppfoljning") view=in_group!(follow_up, "/forvaltning/uppfoljning") ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/uppfoljning/:id") view=in_group!(follow_up, "/forvaltning/uppfoljning/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=in_group!(admin, "/admin") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/api-nycklar") view=in_group!(admin, "/admin/api-nycklar") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/leverantorsnycklar") view=in_group!(fulfilment, "/admin/leverantorsnycklar") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog") view=in_group!(admin, "/admin/katalog") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog/artikel/:id") view=in_group!(admin, "/admin/katalog/artikel/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog/paket") view=in_group!(admin, "/admin/katalog/paket") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog/paket/:id") view=in_group!(admin, "/admin/katalog/paket/:id") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog/import") view=in_group!(admin, "/admin/katalog/import") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/logg") view=in_group!(admin, "/admin/logg") ssr=SsrMode::Async/>
                    <Route path=path!("/admin/attestratt") view=in_group!(admin, "/admin/attestratt") ssr=SsrMode::Async/>
                </Routes>
            </layout::Shell>
        </Router>
    }
}
