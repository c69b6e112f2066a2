//! Avrop: the isomorphic Leptos application (routes, components, server
//! functions). Built with `ssr` for the server and `hydrate` for the browser.

#![recursion_limit = "256"]

pub mod admin;
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
pub mod home;
pub mod layout;
pub mod notify;
pub mod orders;
pub mod org;
pub mod pages;
pub mod plans;
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
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
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
                <HydrationScripts options defer=true/>
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

/// A page behind the access rule declared for its route pattern in
/// `domain::access::PAGES` (nobody's, if it is not declared). The server
/// applies the same rule before rendering; this is the browser's side.
macro_rules! guarded {
    ($pattern:literal, $page:path) => {
        || {
            const ACCESS: domain::access::Access = domain::access::declared($pattern);
            view! { <auth::views::RequireAccess access=ACCESS><$page/></auth::views::RequireAccess> }
        }
    };
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
                    <Route path=path!("") view=guarded!("/", home::HomePage) ssr=SsrMode::Async/>
                    <Route path=path!("/katalog") view=guarded!("/katalog", catalog::views::CatalogPage) ssr=SsrMode::Async/>
                    <Route path=path!("/varukorg") view=guarded!("/varukorg", cart::views::CartPage) ssr=SsrMode::Async/>
                    <Route path=path!("/katalog/artikel/:id") view=guarded!("/katalog/artikel/:id", catalog::views::ItemPage) ssr=SsrMode::Async/>
                    <Route path=path!("/bestallningar") view=guarded!("/bestallningar", orders::views::MyOrdersPage) ssr=SsrMode::Async/>
                    <Route path=path!("/bestallningar/:id") view=guarded!("/bestallningar/:id", orders::views::OrderPage) ssr=SsrMode::Async/>
                    <Route path=path!("/kassa") view=guarded!("/kassa", orders::views::CheckoutPage) ssr=SsrMode::Async/>
                    <Route path=path!("/attestera") view=guarded!("/attestera", attest::views::AttestPage) ssr=SsrMode::Async/>
                    <Route path=path!("/attestera/ersattare") view=guarded!("/attestera/ersattare", attest::views::SubstitutesPage) ssr=SsrMode::Async/>
                    <Route path=path!("/attestera/:id") view=guarded!("/attestera/:id", attest::views::AttestOrderPage) ssr=SsrMode::Async/>
                    <Route path=path!("/aviseringar") view=guarded!("/aviseringar", notify::views::NotificationsPage) ssr=SsrMode::Async/>
                    <Route path=path!("/koordinering") view=guarded!("/koordinering", pages::FulfilmentPage) ssr=SsrMode::Async/>
                    <Route path=path!("/statistik") view=guarded!("/statistik", fulfilment::statistics_views::StatisticsPageView) ssr=SsrMode::Async/>
                    <Route path=path!("/tillgangar") view=guarded!("/tillgangar", assets::views::AssetsPage) ssr=SsrMode::Async/>
                    <Route path=path!("/tillgangar/prognos") view=guarded!("/tillgangar/prognos", assets::forecast_views::ForecastPage) ssr=SsrMode::Async/>
                    <Route path=path!("/tillgangar/import") view=guarded!("/tillgangar/import", assets::import_views::AssetImportPage) ssr=SsrMode::Async/>
                    <Route path=path!("/tillgangar/:id") view=guarded!("/tillgangar/:id", assets::views::AssetDetailPage) ssr=SsrMode::Async/>
                    <Route path=path!("/prenumerationer") view=guarded!("/prenumerationer", subscriptions::views::SubscriptionsPage) ssr=SsrMode::Async/>
                    <Route path=path!("/prenumerationer/:id") view=guarded!("/prenumerationer/:id", subscriptions::views::SubscriptionDetailPage) ssr=SsrMode::Async/>
                    <Route path=path!("/interndebitering") view=guarded!("/interndebitering", subscriptions::views::ChargingPage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning") view=guarded!("/forvaltning", plans::views::PlansPage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/portfolj") view=guarded!("/forvaltning/portfolj", plans::views::PortfolioPage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/jamfor") view=guarded!("/forvaltning/jamfor", plans::views::ComparePage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/plan/:id") view=guarded!("/forvaltning/plan/:id", plans::views::PlanPage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/plan/:id/utskrift") view=guarded!("/forvaltning/plan/:id/utskrift", plans::views::PlanPrintPage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/mall/:family") view=guarded!("/forvaltning/mall/:family", plans::views::TemplatePage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/objekt/:id") view=guarded!("/forvaltning/objekt/:id", plans::objects::views::ObjectPage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/uppfoljning") view=guarded!("/forvaltning/uppfoljning", plans::follow_up::views::FollowUpReportPage) ssr=SsrMode::Async/>
                    <Route path=path!("/forvaltning/uppfoljning/:id") view=guarded!("/forvaltning/uppfoljning/:id", plans::follow_up::views::FollowUpPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=guarded!("/admin", pages::AdminPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/api-nycklar") view=guarded!("/admin/api-nycklar", auth::views::ApiKeysPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/leverantorsnycklar") view=guarded!("/admin/leverantorsnycklar", fulfilment::views::SupplierKeysPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog") view=guarded!("/admin/katalog", catalog::admin::views::CatalogAdminPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog/artikel/:id") view=guarded!("/admin/katalog/artikel/:id", catalog::admin::views::AdminItemPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog/paket") view=guarded!("/admin/katalog/paket", catalog::admin::views::AdminBundlesPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog/paket/:id") view=guarded!("/admin/katalog/paket/:id", catalog::admin::views::AdminBundlePage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/katalog/import") view=guarded!("/admin/katalog/import", catalog::admin::views::AdminImportPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/logg") view=guarded!("/admin/logg", audit::views::AuditLogPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/attestratt") view=guarded!("/admin/attestratt", attest::admin_views::AttestRightsPage) ssr=SsrMode::Async/>
                </Routes>
            </layout::Shell>
        </Router>
    }
}
