//! The application shell: skip link, header with navigation, main, footer.

use crate::any_view::IntoAnySync;
use crate::auth::views::use_user;
use crate::domain::access::nav_for;
use leptos::prelude::*;
use leptos_router::components::A;

pub const MAIN_ID: &str = "huvudinnehall";

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    crate::notify::views::provide_unread_changed();
    crate::cart::views::provide_cart_changed();
    let main_ref = NodeRef::<leptos::html::Main>::new();
    // The router would take over the fragment link; move focus ourselves so
    // keyboard and screen-reader users land in the content.
    let skip = move |ev: leptos::ev::MouseEvent| {
        if let Some(main) = main_ref.get() {
            ev.prevent_default();
            let _ = main.focus();
            main.scroll_into_view();
        }
    };
    view! {
        <a href=format!("#{MAIN_ID}") class="skip-link" on:click=skip>"Hoppa till huvudinnehållet"</a>
        <Header/>
        <main node_ref=main_ref id=MAIN_ID tabindex="-1" class="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
            {children()}
        </main>
        <footer class="border-t border-slate-200 bg-white">
            <div class="mx-auto max-w-6xl px-4 py-4 text-sm text-slate-600 sm:px-6">
                "Avrop – beställning och IT-styrning för Region Norrvik"
            </div>
        </footer>
    }
}

#[component]
fn Header() -> impl IntoView {
    let (open, set_open) = signal(false);
    let user = use_user();

    view! {
        <header class="bg-sky-900 text-white">
            <div class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3 sm:px-6">
                <A href="/" attr:class="rounded text-xl font-bold tracking-tight text-white no-underline">
                    "Avrop"
                </A>
                {
                        match user {
                            Some(u) => {
                                let items = nav_for(&u.roles);
                                let location = leptos_router::hooks::use_location();
                                let (cart, unread) = (crate::cart::views::cart_version(), crate::notify::views::unread_version());
                                let counts = Resource::new(
                                    move || (location.pathname.get(), cart.get(), unread.get()),
                                    |_| crate::header::get_header_counts(),
                                );
                                view! {
                                    <button
                                        type="button"
                                        id="menu-toggle"
                                        class="rounded-md border border-sky-300 px-3 py-1.5 text-sm font-medium lg:hidden"
                                        aria-controls="huvudmeny"
                                        aria-expanded=move || if open.get() { "true" } else { "false" }
                                        on:click=move |_| set_open.update(|o| *o = !*o)
                                    >
                                        {move || if open.get() { "Stäng meny" } else { "Meny" }}
                                    </button>
                                    <nav
                                        id="huvudmeny"
                                        aria-label="Huvudmeny"
                                        class=move || {
                                            if open.get() { "w-full lg:block lg:w-auto" } else { "hidden w-full lg:block lg:w-auto" }
                                        }
                                    >
                                        // A followed link closes the phone menu.
                                        <ul class="flex flex-col gap-1 pb-2 lg:flex-row lg:flex-wrap lg:items-center lg:pb-0" on:click=move |_| set_open.set(false)>
                                            {items.into_iter().map(|item| view! {
                                                <li><A href=item.href attr:class="nav-link">{item.label}</A></li>
                                            }).collect_view()}
                                            <li class="mt-2 flex items-center gap-3 border-t border-sky-700 pt-2 lg:ml-3 lg:mt-0 lg:border-l lg:border-t-0 lg:pl-3 lg:pt-0">
                                                {u.roles.contains(&crate::domain::roles::Role::Requester).then(|| view! {
                                                    <crate::cart::views::CartLink counts/>
                                                })}
                                                <crate::notify::views::NotificationsLink counts/>
                                                <span class="text-sm" id="signed-in-as">
                                                    <span class="sr-only">"Inloggad som "</span>{u.name.clone()}
                                                </span>
                                                <form method="post" action="/logga-ut">
                                                    <button type="submit" class="rounded-md border border-sky-300 px-3 py-1.5 text-sm font-medium hover:bg-sky-800">
                                                        "Logga ut"
                                                    </button>
                                                </form>
                                            </li>
                                        </ul>
                                    </nav>
                                }.into_any_sync()
                            }
                            None => view! {
                                <A href="/logga-in" attr:class="nav-link">"Logga in"</A>
                            }.into_any_sync(),
                        }
                }
            </div>
        </header>
    }
}
