//! The start page: what Avrop does, where to go, and the organisation in numbers.

use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading};
use crate::domain::format;
use crate::org::server_fns::get_org_summary;
use leptos::prelude::*;
use leptos_meta::Title;

struct Area {
    /// A main navigation target; the card is shown to those who may open it.
    href: &'static str,
    title: &'static str,
    text: &'static str,
}

const AREAS: &[Area] = &[
    Area {
        href: "/katalog",
        title: "Katalog",
        text: "Datorer paketerade med tillbehör och tjänster som passar ihop. Beställ åt dig själv eller en kollega.",
    },
    Area {
        href: "/bestallningar",
        title: "Mina beställningar",
        text: "Följ dina beställningar från attest till leverans.",
    },
    Area {
        href: "/attestera",
        title: "Attestera",
        text: "Godkänn eller avslå beställningar på de kostnadsställen du har attesträtt för.",
    },
    Area {
        href: "/koordinering",
        title: "Koordinering",
        text: "Köer med ålder, avvikelser och leverantörernas status för beställningssamordnare.",
    },
    Area {
        href: "/tillgangar",
        title: "Tillgångar",
        text: "Datorer och annan hårdvara med status och historik: regionens register, eller det som är registrerat på dig.",
    },
    Area {
        href: "/tillgangar/prognos",
        title: "Ersättningsprognos",
        text: "Datorer som når slutet av sin livslängd inom 3, 6 och 12 månader, med kostnaden för ersättarna: underlag till budgeten.",
    },
    Area {
        href: "/prenumerationer",
        title: "Prenumerationer",
        text: "Tjänster med månadspris som debiteras ditt kostnadsställe. Se vad de kostar och säg upp det du inte behöver.",
    },
    Area {
        href: "/interndebitering",
        title: "Interndebitering",
        text: "Månadens debitering av prenumerationerna per kostnadsställe, som CSV till ekonomisystemet.",
    },
    Area {
        href: "/forvaltning",
        title: "Förvaltning",
        text: "Förvaltningsplaner enligt PM3 med mål, resurser och uppföljning per förvaltningsobjekt.",
    },
];

#[component]
pub fn HomePage() -> impl IntoView {
    let summary = Resource::new(|| (), |_| get_org_summary());
    let user = crate::auth::views::use_user();
    view! {
        <Title text="Start"/>
        <section class="mb-8">
            <h1 class="text-3xl font-bold tracking-tight text-slate-900">"Välkommen till Avrop"</h1>
            <p class="mt-3 max-w-3xl text-lg text-slate-700">
                "Här beställer du datorer, tillbehör och tjänster, attesterar beställningar, "
                "följer leveranser och förvaltar regionens IT – allt på ett ställe."
            </p>
        </section>
        <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Områden">
            {
                let roles = user.map(|u| u.roles).unwrap_or_default();
                AREAS.iter().filter(|a| crate::domain::access::shown_to(a.href).allows(&roles)).map(|a| view! {
                <li>
                    <a href=a.href class="card block h-full no-underline hover:border-sky-700 hover:shadow">
                        <span class="block text-lg font-semibold text-sky-900 underline-offset-2">{a.title}</span>
                        <span class="mt-1 block text-slate-700">{a.text}</span>
                    </a>
                </li>
            }).collect_view()
            }
        </ul>
        <section class="mt-10" aria-labelledby="org-siffror">
            <h2 id="org-siffror" class="mb-3 text-xl font-semibold text-slate-900">"Organisationen i siffror"</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match summary.await {
                        Ok(s) => view! {
                            <dl class="grid grid-cols-2 gap-4 sm:grid-cols-4" id="org-summary">
                                <Figure label="Förvaltningar" value=s.administrations/>
                                <Figure label="Enheter" value=s.units/>
                                <Figure label="Kostnadsställen" value=s.cost_centers/>
                                <Figure label="Leveransadresser" value=s.delivery_addresses/>
                            </dl>
                        }.into_any_sync(),
                        Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Figure(
    /// What is counted.
    label: &'static str,
    /// The count.
    value: u64,
) -> impl IntoView {
    view! {
        <div class="card">
            <dt class="text-sm text-slate-700">{label}</dt>
            <dd class="mt-1 text-2xl font-semibold text-slate-900">{format::count(value)}</dd>
        </div>
    }
}
