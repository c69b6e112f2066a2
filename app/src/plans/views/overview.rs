//! `/forvaltning`: the governance objects per family, with their plans.

use super::{follow_up_href, status_badge};
use crate::components::{ErrorNotice, Loading, PageHeader};
use crate::domain::plan::PlanStatus;
use crate::plans::server_fns::get_objects;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PlansPage() -> impl IntoView {
    let add_family = ServerAction::<crate::plans::objects::server_fns::AddFamily>::new();
    let families = Resource::new(move || add_family.version().get(), |_| get_objects());
    let admin = crate::auth::views::use_user().is_some_and(|u| u.roles.contains(&crate::domain::roles::Role::Admin));
    view! {
        <Title text="Förvaltning"/>
        <PageHeader
            title="Förvaltning"
            lead="Förvaltningsobjekten per objektfamilj med deras förvaltningsplaner. Fastställda planer kan läsas av alla; utkast av objektets förvaltningsorganisation."
        />
        <p class="mb-6 flex flex-wrap gap-3">
            <a href="/forvaltning/portfolj" class="btn-secondary">"Portfölj: regionens förvaltningsbudget"</a>
            <a href="/forvaltning/uppfoljning" class="btn-secondary">"Uppföljningsrapport"</a>
        </p>
        {admin.then(|| view! { <crate::plans::objects::views::FoaAdmin add=add_family/> })}
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match families.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                    Ok(list) => list.into_iter().map(|f| view! {
                        <section class="mb-8" aria-labelledby=format!("familj-{}", f.name.replace(' ', "-"))>
                            <div class="mb-3 flex flex-wrap items-baseline justify-between gap-x-4">
                                <h2 id=format!("familj-{}", f.name.replace(' ', "-")) class="text-xl font-semibold">{f.name.clone()}</h2>
                                <a href=format!("/forvaltning/mall/{}", f.id) class="text-sm" aria-label=format!("Planmall för {}", f.name)>"Planmall"</a>
                            </div>
                            {f.objects.is_empty().then(|| view! { <p>"Inga förvaltningsobjekt i familjen ännu."</p> })}
                            <ul class="grid gap-4 md:grid-cols-2">
                                {f.objects.into_iter().map(|o| view! {
                                    <li class="card">
                                        <h3 class="font-semibold"><a href=format!("/forvaltning/objekt/{}", o.id)>{o.name.clone()}</a></h3>
                                        <p class="text-sm text-slate-700">{o.class.clone()}</p>
                                        <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                                            <dt class="text-slate-700">"Objektägare"</dt><dd>{join(&o.owners)}</dd>
                                            <dt class="text-slate-700">"Förvaltningsledare"</dt><dd>{join(&o.leaders)}</dd>
                                        </dl>
                                        {if o.plans.is_empty() {
                                            view! { <p class="mt-3 text-sm">"Ingen förvaltningsplan ännu."</p> }.into_any()
                                        } else {
                                            view! {
                                                <ul class="mt-3 space-y-1">
                                                    {o.plans.into_iter().map(|p| view! {
                                                        <li class="flex flex-wrap items-center gap-2">
                                                            <a href=format!("/forvaltning/plan/{}", p.id)>{format!("Förvaltningsplan {}", p.year)}</a>
                                                            {status_badge(p.status)}
                                                            {(p.revision > 1).then(|| view! { <span class="text-sm text-slate-700">{format!("revision {}", p.revision)}</span> })}
                                                            {(p.status == PlanStatus::Faststalld).then(|| view! {
                                                                <a href=follow_up_href(o.id, p.year) class="text-sm">"Uppföljning"</a>
                                                            })}
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            }.into_any()
                                        }}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }).collect_view().into_any(),
                }
            })}
        </Suspense>
    }
}

fn join(names: &[String]) -> String {
    if names.is_empty() {
        "–".into()
    } else {
        names.join(", ")
    }
}
