//! The pages' routes, in groups that load lazily.
//!
//! Built with `cargo leptos --split`, each group's code is a wasm file of
//! its own (with pieces shared between groups in files of their own). The
//! server names the files of the page's group in the page's `<head>`, so
//! they load beside the main file, and the browser loads a group's code
//! before it hydrates a page of it ([`load_code_for`]); the router loads
//! another group's when one goes there. The main file holds the shell, the
//! router, the login page and what every page uses. Pages are grouped by who
//! uses them and when: a requester never downloads the förvaltning editor,
//! and one split point per page made about 1 400 pieces, most of them a few
//! hundred bytes.

/// The groups: for each, a module with its route patterns and one lazy
/// function that renders the page of a pattern behind the access rule
/// declared for it in `domain::access::PAGES` (nobody's, if it is not
/// declared; the server applies the same rule before rendering, this is the
/// browser's side). Called with `""`, the function only loads its code.
macro_rules! page_groups {
    ($($(#[$doc:meta])* $group:ident { $($pattern:literal => $page:path,)* })*) => {
        $(
            $(#[$doc])*
            pub mod $group {
                use leptos::prelude::*;

                /// The route patterns of this group's pages.
                pub const PATTERNS: &[&str] = &[$($pattern),*];

                /// The page of `pattern`: a lazy function, whose code is in
                /// this group's wasm file. (It has the group's name: a lazy
                /// function's name must be unique in the app.)
                #[leptos::lazy]
                pub fn $group(pattern: &'static str) -> AnyView {
                    match pattern {
                        "" => ().into_any(),
                        $($pattern => {
                            const ACCESS: crate::domain::access::Access = crate::domain::access::declared($pattern);
                            view! { <crate::auth::views::RequireAccess access=ACCESS><$page/></crate::auth::views::RequireAccess> }.into_any()
                        })*
                        _ => view! { <crate::pages::NotFound/> }.into_any(),
                    }
                }
            }
        )*

        /// Loads the code of the group whose page `path` is (nothing when
        /// no group has it), so that the page can hydrate at once.
        pub async fn load_code_for(path: &str) {
            $(
                if $group::PATTERNS.iter().any(|pattern| matches(pattern, path)) {
                    let _ = $group::$group("").await;
                    return;
                }
            )*
        }
    };
}

/// The route view of `pattern`, a page of the lazily loaded `group`
/// (`routes::shop`, for instance).
macro_rules! in_group {
    ($group:ident, $pattern:literal) => {{
        struct Page;
        impl leptos_router::LazyRoute for Page {
            fn data() -> Self {
                Self
            }
            async fn view(_this: Self) -> AnyView {
                routes::$group::$group($pattern).await
            }
        }
        leptos_router::Lazy::<Page>::new()
    }};
}
pub(crate) use in_group;

/// Whether `path` is a page of the route `pattern` (`:name` segments match
/// any one segment; a trailing slash does not count).
pub fn matches(pattern: &str, path: &str) -> bool {
    let segments = |s: &str| {
        s.trim_end_matches('/')
            .split('/')
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let (pattern, path) = (segments(pattern), segments(path));
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(&path)
            .all(|(p, s)| if p.starts_with(':') { !s.is_empty() } else { p == s })
}

page_groups! {
    /// The start page, the first page after login for everyone.
    start {
        "/" => crate::home::HomePage,
    }

    /// Shopping: the catalogue, an item, the cart and checkout.
    shop {
        "/katalog" => crate::catalog::views::CatalogPage,
        "/katalog/artikel/:id" => crate::catalog::views::ItemPage,
        "/varukorg" => crate::cart::views::CartPage,
        "/kassa" => crate::orders::views::CheckoutPage,
    }

    /// The requester's orders and notifications.
    orders {
        "/bestallningar" => crate::orders::views::MyOrdersPage,
        "/bestallningar/:id" => crate::orders::views::OrderPage,
        "/aviseringar" => crate::notify::views::NotificationsPage,
    }

    /// The attester's pages.
    attest {
        "/attestera" => crate::attest::views::AttestPage,
        "/attestera/ersattare" => crate::attest::views::SubstitutesPage,
        "/attestera/:id" => crate::attest::views::AttestOrderPage,
    }

    /// The coordinators' pages and the supplier keys.
    fulfilment {
        "/koordinering" => crate::pages::FulfilmentPage,
        "/statistik" => crate::fulfilment::statistics_views::StatisticsPageView,
        "/admin/leverantorsnycklar" => crate::fulfilment::views::SupplierKeysPage,
    }

    /// Assets, subscriptions and internal charging.
    assets {
        "/tillgangar" => crate::assets::views::AssetsPage,
        "/tillgangar/prognos" => crate::assets::forecast_views::ForecastPage,
        "/tillgangar/import" => crate::assets::import_views::AssetImportPage,
        "/tillgangar/:id" => crate::assets::views::AssetDetailPage,
        "/prenumerationer" => crate::subscriptions::views::SubscriptionsPage,
        "/prenumerationer/:id" => crate::subscriptions::views::SubscriptionDetailPage,
        "/interndebitering" => crate::subscriptions::views::ChargingPage,
    }

    /// Förvaltning: the overview, the portfolio, the comparison and the objects.
    governance {
        "/forvaltning" => crate::plans::views::PlansPage,
        "/forvaltning/portfolj" => crate::plans::views::PortfolioPage,
        "/forvaltning/jamfor" => crate::plans::views::ComparePage,
        "/forvaltning/objekt/:id" => crate::plans::objects::views::ObjectPage,
    }

    /// The förvaltningsplan: the editor, its print and the family templates.
    plan {
        "/forvaltning/plan/:id" => crate::plans::views::PlanPage,
        "/forvaltning/plan/:id/utskrift" => crate::plans::views::PlanPrintPage,
        "/forvaltning/mall/:family" => crate::plans::views::TemplatePage,
    }

    /// Follow-up of the plans during the year.
    follow_up {
        "/forvaltning/uppfoljning" => crate::plans::follow_up::views::FollowUpReportPage,
        "/forvaltning/uppfoljning/:id" => crate::plans::follow_up::views::FollowUpPage,
    }

    /// Administration: API keys, the catalogue, the audit log and attestation rights.
    admin {
        "/admin" => crate::pages::AdminPage,
        "/admin/api-nycklar" => crate::auth::views::ApiKeysPage,
        "/admin/katalog" => crate::catalog::admin::views::CatalogAdminPage,
        "/admin/katalog/artikel/:id" => crate::catalog::admin::views::AdminItemPage,
        "/admin/katalog/paket" => crate::catalog::admin::views::AdminBundlesPage,
        "/admin/katalog/paket/:id" => crate::catalog::admin::views::AdminBundlePage,
        "/admin/katalog/import" => crate::catalog::admin::views::AdminImportPage,
        "/admin/logg" => crate::audit::views::AuditLogPage,
        "/admin/attestratt" => crate::attest::admin_views::AttestRightsPage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_matches_its_route_pattern_and_no_other() {
        assert!(matches("/", "/"));
        assert!(matches("/katalog", "/katalog"));
        assert!(matches("/katalog", "/katalog/"));
        assert!(matches("/katalog/artikel/:id", "/katalog/artikel/12"));
        assert!(!matches("/katalog/artikel/:id", "/katalog/artikel/"));
        assert!(!matches("/katalog/artikel/:id", "/katalog/artikel/12/mer"));
        assert!(!matches("/katalog", "/"));
        assert!(!matches("/", "/katalog"));
        assert!(!matches("/forvaltning/plan/:id", "/forvaltning/plan/3/utskrift"));
        assert!(matches(
            "/forvaltning/plan/:id/utskrift",
            "/forvaltning/plan/3/utskrift"
        ));
    }

    #[test]
    fn every_page_is_in_exactly_one_group() {
        let groups = [
            start::PATTERNS,
            shop::PATTERNS,
            orders::PATTERNS,
            attest::PATTERNS,
            fulfilment::PATTERNS,
            assets::PATTERNS,
            governance::PATTERNS,
            plan::PATTERNS,
            follow_up::PATTERNS,
            admin::PATTERNS,
        ];
        let all: Vec<&str> = groups.iter().flat_map(|g| g.iter().copied()).collect();
        let unique: std::collections::BTreeSet<&str> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len(), "a pattern in two groups");
        for declared in crate::domain::access::PAGES {
            if declared.path != "/logga-in" {
                assert!(unique.contains(declared.path), "{} is in no group", declared.path);
            }
        }
    }
}
