//! `/admin/katalog`: items, prices, rules, bundles, CSV export and import.
//! One file per thing administered; the item page puts together the item's
//! fields, prices, rules and picture.

mod bundles;
mod images;
mod import;
mod items;
mod prices;
mod rules;

pub use bundles::{AdminBundlePage, AdminBundlesPage};
pub use import::AdminImportPage;
pub use items::{AdminItemPage, CatalogAdminPage};

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::A;

/// The tabs of the catalogue administration.
#[component]
fn CatalogAdminTabs() -> impl IntoView {
    view! {
        <nav aria-label="Katalogadministration" class="mb-6 border-b border-slate-300">
            <ul class="flex flex-wrap gap-1">
                <li><A href="/admin/katalog" exact=true attr:class="tab-link">"Artiklar"</A></li>
                <li><A href="/admin/katalog/paket" attr:class="tab-link">"Paket"</A></li>
                <li><A href="/admin/katalog/import" attr:class="tab-link">"Export och import"</A></li>
            </ul>
        </nav>
    }
}

/// A counter that ticks when any of the page's actions succeeds, so that
/// the page reloads its data then, and only then: after a refusal the forms
/// keep what the user typed.
fn reload_on_success<T: 'static>(
    reload: RwSignal<u32>,
    value: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
) {
    Effect::new(move |_| {
        if let Some(Ok(_)) = value() {
            reload.update(|n| *n += 1);
        }
    });
}
