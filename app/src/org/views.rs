//! The organisation page under Administration.

use super::dto::{OrgTree, UnitDto};
use super::server_fns::get_org_tree;
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let tree = Resource::new(q, |q| async move {
        let q = if q.trim().is_empty() { None } else { Some(q) };
        get_org_tree(q).await
    });

    view! {
        <Title text="Organisation"/>
        <PageHeader
            title="Organisation"
            lead="Förvaltningar, enheter, kostnadsställen och leveransadresser i regionen."
        />
        <crate::components::SearchForm action="" attr:class="mb-6 flex flex-wrap items-end gap-3" attr:role="search">
            <div class="flex flex-col gap-1">
                <label for="org-q" class="text-sm font-medium text-slate-800">"Sök enhet"</label>
                <input
                    id="org-q"
                    type="search"
                    name="q"
                    value=untrack(q)
                    prop:value=q
                    placeholder="Namn eller kod, t.ex. Kardiologi"
                    class="w-72 max-w-full rounded-md border border-slate-400 px-3 py-2 text-slate-900 focus:border-sky-700"
                />
            </div>
            <button type="submit" class="btn-primary">"Sök"</button>
        </crate::components::SearchForm>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match tree.await {
                    Ok(tree) => view! { <OrgTreeView tree/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrgTreeView(tree: OrgTree) -> impl IntoView {
    if tree.administrations.is_empty() {
        return view! { <p class="text-slate-700" id="org-empty">"Inga enheter matchar sökningen."</p> }
            .into_any_sync();
    }
    let truncated = tree.truncated;
    view! {
        <div class="space-y-8" id="org-tree">
            {truncated.then(|| view! {
                <p class="notice">"Sökningen gav fler träffar än som visas. Förfina sökningen."</p>
            })}
            {tree.administrations.into_iter().map(|a| {
                let heading_id = format!("adm-{}", a.code);
                let labelled_by = heading_id.clone();
                view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=heading_id class="mb-3 text-xl font-semibold text-slate-900">
                        {a.name} <span class="ml-2 text-sm font-normal text-slate-600">{a.code}</span>
                    </h2>
                    <ul class="grid gap-4 md:grid-cols-2">
                        {a.units.into_iter().map(|u| view! { <UnitCard unit=u/> }).collect_view()}
                    </ul>
                </section>
                }
            }).collect_view()}
        </div>
    }
    .into_any_sync()
}

#[component]
fn UnitCard(unit: UnitDto) -> impl IntoView {
    view! {
        <li class="card">
            <h3 class="font-semibold text-slate-900">
                {unit.name} <span class="ml-1 text-sm font-normal text-slate-600">{unit.code}</span>
            </h3>
            <h4 class="mt-3 text-sm font-medium text-slate-700">"Kostnadsställen"</h4>
            <ul class="mt-1 space-y-0.5 text-sm">
                {unit.cost_centers.into_iter().map(|c| view! {
                    <li><span class="font-mono text-slate-800">{c.code}</span>" " {c.name}</li>
                }).collect_view()}
            </ul>
            <h4 class="mt-3 text-sm font-medium text-slate-700">"Leveransadresser"</h4>
            <ul class="mt-1 space-y-1 text-sm text-slate-800">
                {unit.delivery_addresses.into_iter().map(|a| view! {
                    <li>{a.label}<br/>{a.street}", "{a.postal_code}" "{a.city}</li>
                }).collect_view()}
            </ul>
        </li>
    }
}

/// People matching what is typed in `search` (from two characters), for
/// choosing a colleague: the checkout's recipient, an object's people.
pub fn people_hits(search: RwSignal<String>) -> Resource<Result<Vec<super::dto::PersonRef>, crate::error::AppError>> {
    Resource::new(
        move || search.get(),
        |q| async move {
            if q.trim().chars().count() < 2 {
                Ok(vec![])
            } else {
                super::server_fns::search_people(q).await
            }
        },
    )
}
