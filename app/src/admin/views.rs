//! The tabs every administration page shows.

use leptos::prelude::*;
use leptos_router::components::A;

/// The tabs of the administration area.
#[component]
pub fn AdminTabs() -> impl IntoView {
    view! {
        <nav aria-label="Administration" class="mb-6 border-b border-slate-300">
            <ul class="flex flex-wrap gap-1">
                <li><A href="/admin" exact=true attr:class="tab-link">"Organisation"</A></li>
                <li><A href="/admin/api-nycklar" attr:class="tab-link">"API-nycklar"</A></li>
                <li><A href="/admin/leverantorsnycklar" attr:class="tab-link">"Leverantörsnycklar"</A></li>
                <li><A href="/admin/logg" attr:class="tab-link">"Logg"</A></li>
                <li><A href="/admin/attestratt" attr:class="tab-link">"Attesträtt"</A></li>
            </ul>
        </nav>
    }
}
