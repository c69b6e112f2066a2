//! The pages' routes, in groups that load lazily.
//!
//! Built with `cargo leptos --split`, each group's code is a wasm file of
//! its own (with pieces shared between groups in files of their own). The
//! page names the files of its group ([`preload_script`]), so they load
//! beside the main file once the first paint is done, and the browser loads
//! a group's code before it hydrates a page of it ([`load_code_for`]); the
//! router loads another group's when one goes there. The main file holds the shell, the
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
                use crate::any_view::IntoAnySync;
                use leptos::prelude::*;

                /// The route patterns of this group's pages.
                pub const PATTERNS: &[&str] = &[$($pattern),*];

                /// The page of `pattern`: a lazy function, whose code is in
                /// this group's wasm file. (It has the group's name: a lazy
                /// function's name must be unique in the app.)
                #[leptos::lazy]
                pub fn $group(pattern: &'static str) -> AnyView {
                    match pattern {
                        "" => ().into_any_sync(),
                        $($pattern => {
                            const ACCESS: crate::domain::access::Access = crate::domain::access::declared($pattern);
                            view! { <crate::auth::views::RequireAccess access=ACCESS><$page/></crate::auth::views::RequireAccess> }.into_any_sync()
                        })*
                        _ => view! { <crate::pages::NotFound/> }.into_any_sync(),
                    }
                }
            }
        )*

        /// The name of the group whose page `path` is, which is also the
        /// name of its lazy function (`None` when no group has it).
        pub fn group_of(path: &str) -> Option<&'static str> {
            $(
                if $group::PATTERNS.iter().any(|pattern| matches(pattern, path)) {
                    return Some(stringify!($group));
                }
            )*
            None
        }

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

/// The manifest's key of the lazy function `group` (`{group}_{hash}`).
pub fn group_key<'a>(manifest: &'a std::collections::HashMap<String, Vec<String>>, group: &str) -> Option<&'a str> {
    manifest
        .keys()
        .find(|key| {
            key.strip_prefix(group)
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(String::as_str)
}

/// The split's file names of the lazy function `group`, from cargo-leptos'
/// manifest (keyed `{group}_{hash}`), with the pkg path in front.
pub fn group_files(manifest: &std::collections::HashMap<String, Vec<String>>, pkg: &str, group: &str) -> Vec<String> {
    group_key(manifest, group)
        .and_then(|key| manifest.get(key))
        .map(|files| files.iter().map(|f| format!("{pkg}/{f}.wasm")).collect())
        .unwrap_or_default()
}

/// The index of the split's bundles in the pkg directory: group (the
/// manifest's key) → the file holding all of the group's wasm files
/// (written by `server precompress`).
pub const WASM_BUNDLES: &str = "wasm_bundles.json";

/// The bundles of this build, read once (none without a split build).
#[cfg(feature = "ssr")]
fn wasm_bundles(options: &leptos::config::LeptosOptions) -> &'static std::collections::HashMap<String, String> {
    static BUNDLES: std::sync::OnceLock<std::collections::HashMap<String, String>> = std::sync::OnceLock::new();
    BUNDLES.get_or_init(|| {
        let path = std::path::Path::new(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(WASM_BUNDLES);
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    })
}

/// The script of a page whose group has a bundle: the bundle is fetched
/// once the browser is idle (or when the loader first asks), and the
/// split's loader gets each file's bytes from it (`globalThis.__avropWasm`,
/// see the server's `wasm_bundle`); a file not in it, or every file if the
/// bundle cannot be read, is fetched as usual. One request instead of
/// 140–180: each cost the main thread about a millisecond on a phone.
#[cfg(feature = "ssr")]
fn bundle_script(bundle: &str, loader: &str) -> String {
    let bundle = serde_json::to_string(bundle).unwrap_or_else(|_| "\"\"".into());
    let loader = serde_json::to_string(loader).unwrap_or_else(|_| "\"\"".into());
    format!(
        "(function(b,m){{var files=null,waiting=[],started=false;\
var start=function(){{if(started)return;started=true;\
fetch(b,{{credentials:'same-origin'}}).then(function(r){{if(!r.ok)throw r.status;return r.arrayBuffer()}}).then(function(buf){{\
var n=new DataView(buf).getUint32(0,true),list=JSON.parse(new TextDecoder().decode(new Uint8Array(buf,4,n))),at=4+n,got={{}};\
list.forEach(function(e){{got[e[0]]=new Uint8Array(buf,at,e[1]);at+=e[1]}});files=got}})\
.catch(function(){{files={{}}}}).then(function(){{var w=waiting;waiting=[];w.forEach(function(f){{f()}})}});\
var s=document.createElement('link');s.rel='modulepreload';s.crossOrigin='anonymous';s.href=m;document.head.appendChild(s)}};\
globalThis.__avropWasm=function(u){{var name=String(u).split('/').pop();return new Promise(function(ok){{\
var answer=function(){{ok(files[name]||fetch(u))}};\
if(files){{answer()}}else{{waiting.push(answer);start()}}}})}};\
if('requestIdleCallback' in window){{requestIdleCallback(start,{{timeout:2000}})}}else{{setTimeout(start,0)}}}})({bundle},{loader});"
    )
}

/// A script that preloads the wasm files of the page's group once the
/// browser is idle (as the hydration script starts, at most 2 s on), so
/// that they download beside the main file. They are not named in the
/// `<head>` as `<link>`s: a hundred preloads there, even at low priority,
/// are counted against the first paint on a slow connection (Lighthouse's
/// mobile LCP was 3.0–4.1 s on three of six pages with them, 2.4–2.6 s on
/// every page with this script). Leptos would name them itself at high
/// priority, but only when the page's lazy function ran before the
/// `<head>` was written (a race between the page's data and the stream);
/// the manifest is taken from the context here, so it never does. When
/// `server precompress` bundled the group ([`bundle_script`]), the page
/// fetches the one bundle instead. Nothing without a split build (no
/// manifest) or for a page of no group.
#[cfg(feature = "ssr")]
pub fn preload_script(options: &leptos::config::LeptosOptions) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let manifest = take_context::<leptos::WasmSplitManifest>();
    let path = use_context::<http::request::Parts>().map(|p| p.uri.path().to_owned());
    // The group's wasm files, and the split's loader (a module).
    let (files, loader, bundle) = match (manifest, path.as_deref().and_then(group_of)) {
        (Some(manifest), Some(group)) => manifest
            .0
            .try_read_value()
            .map(|m| {
                let (pkg, manifest, loader) = &*m;
                let bundle = group_key(manifest, group)
                    .and_then(|key| wasm_bundles(options).get(key))
                    .map(|name| format!("{pkg}/{name}"));
                (group_files(manifest, pkg, group), format!("{pkg}/{loader}"), bundle)
            })
            .unwrap_or_default(),
        _ => Default::default(),
    };
    let nonce = leptos::nonce::use_nonce();
    if let Some(bundle) = bundle {
        let script = bundle_script(&bundle, &loader);
        return Some(view! { <script id="group-preload" nonce=nonce inner_html=script></script> });
    }
    if files.is_empty() {
        return None;
    }
    let list = serde_json::to_string(&files).unwrap_or_else(|_| "[]".into());
    let loader = serde_json::to_string(&loader).unwrap_or_else(|_| "\"\"".into());
    let script = format!(
        "(function(f,m){{var go=function(){{var h=document.head;f.forEach(function(u){{var l=document.createElement('link');\
l.rel='preload';l.as='fetch';l.type='application/wasm';l.crossOrigin='anonymous';l.href=u;h.appendChild(l)}});\
var s=document.createElement('link');s.rel='modulepreload';s.crossOrigin='anonymous';s.href=m;h.appendChild(s)}};\
if('requestIdleCallback' in window){{requestIdleCallback(go,{{timeout:2000}})}}else{{setTimeout(go,0)}}}})({list},{loader});"
    );
    Some(view! { <script id="group-preload" nonce=nonce inner_html=script></script> })
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

    /// The router's `in_group!(group, pattern)` names the group that has
    /// the pattern (another group's function would answer "not found").
    #[test]
    fn every_route_asks_the_group_that_has_its_page() {
        let src = include_str!("lib.rs");
        let mut seen = 0;
        for call in src.split("in_group!(").skip(1) {
            let (group, rest) = call.split_once(',').unwrap();
            let pattern = rest.trim_start().trim_start_matches('"').split('"').next().unwrap();
            assert_eq!(group_of(pattern), Some(group.trim()), "{pattern}");
            seen += 1;
        }
        assert!(seen > 30, "{seen} routes");
    }

    #[test]
    fn a_page_belongs_to_the_group_whose_lazy_function_renders_it() {
        assert_eq!(group_of("/"), Some("start"));
        assert_eq!(group_of("/katalog/artikel/17"), Some("shop"));
        assert_eq!(group_of("/forvaltning/plan/3"), Some("plan"));
        assert_eq!(group_of("/forvaltning/plan/3/utskrift"), Some("plan"));
        assert_eq!(group_of("/forvaltning/uppfoljning"), Some("follow_up"));
        assert_eq!(group_of("/logga-in"), None);
        assert_eq!(group_of("/finns-inte"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_bundled_groups_script_names_its_bundle_and_the_loader_and_is_whole() {
        let script = bundle_script("/pkg/bundle_shop_1.X.bin", "/pkg/__wasm_split.Y.js");
        assert!(
            script.ends_with(r#"})("/pkg/bundle_shop_1.X.bin","/pkg/__wasm_split.Y.js");"#),
            "{script}"
        );
        assert!(script.contains("globalThis.__avropWasm=function(u)"));
        // What the loader gets: a file's bytes, or the fetch of one the bundle lacks.
        assert!(script.contains("ok(files[name]||fetch(u))"));
        for (open, close) in [('(', ')'), ('{', '}'), ('[', ']')] {
            assert_eq!(
                script.matches(open).count(),
                script.matches(close).count(),
                "{open}{close} in {script}"
            );
        }
        // The names go in as JSON strings.
        let odd = bundle_script("a\"b", "m");
        assert!(odd.contains(r#"("a\"b","m")"#));
    }

    #[test]
    fn a_groups_files_come_from_its_own_key_of_the_manifest() {
        let manifest: std::collections::HashMap<String, Vec<String>> = [
            ("plan_1152", vec!["chunk_1.aa", "split_plan_1152.bb"]),
            ("follow_up_1152", vec!["chunk_1.aa", "split_follow_up_1152.cc"]),
            ("plan_print_1152", vec!["split_plan_print.dd"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
        .collect();
        assert_eq!(
            group_files(&manifest, "/pkg", "plan"),
            ["/pkg/chunk_1.aa.wasm", "/pkg/split_plan_1152.bb.wasm"]
        );
        assert_eq!(
            group_files(&manifest, "/pkg", "follow_up"),
            ["/pkg/chunk_1.aa.wasm", "/pkg/split_follow_up_1152.cc.wasm"]
        );
        // `follow` is no group, and `plan_print_…` is not `plan`'s key.
        assert!(group_files(&manifest, "/pkg", "follow").is_empty());
        assert!(group_files(&manifest, "/pkg", "admin").is_empty());
    }
}
