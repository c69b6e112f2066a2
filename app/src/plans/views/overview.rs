//! `/forvaltning`: the caller's own governance objects first, then all
//! objects a page at a time (search by name, filter by family), and the
//! families with their plan templates.

use super::{follow_up_href, status_badge};
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, Loading, PageHeader, FIELD};
use crate::domain::plan::PlanStatus;
use crate::plans::dto::{ListedObject, ObjectSummary, ObjectsOverview, PlanRef, OBJECTS_PAGE_SIZE};
use crate::plans::server_fns::get_overview;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The overview's filter, as in its address: `?q=…&familj=…&sida=…`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OverviewFilter {
    pub q: String,
    pub family: Option<i32>,
    pub page: u64,
}

impl OverviewFilter {
    /// From the address; a number that does not parse is left out.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        OverviewFilter {
            q: get("q").unwrap_or_default(),
            family: get("familj").and_then(|f| f.trim().parse().ok()),
            page: get("sida").and_then(|p| p.trim().parse().ok()).unwrap_or(1).max(1),
        }
    }

    /// The address of `page` of this filter.
    pub fn href(&self, page: u64) -> String {
        self.href_on("/forvaltning", &[], page)
    }

    /// The address of `page` of this filter on the page `path`, with the
    /// parameters `first` before the filter's.
    pub fn href_on(&self, path: &str, first: &[(&str, &str)], page: u64) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in first {
            out.append_pair(k, v);
        }
        if !self.q.trim().is_empty() {
            out.append_pair("q", self.q.trim());
        }
        if let Some(f) = self.family {
            out.append_pair("familj", &f.to_string());
        }
        if page > 1 {
            out.append_pair("sida", &page.to_string());
        }
        let query = out.finish();
        if query.is_empty() {
            path.into()
        } else {
            format!("{path}?{query}")
        }
    }
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let add_family = ServerAction::<crate::plans::objects::server_fns::AddFamily>::new();
    let query = use_query_map();
    let filter = Memo::new(move |_| OverviewFilter::from_params(|k| query.read().get(k)));
    let overview = Resource::new(
        move || (filter.get(), add_family.version().get()),
        |(f, _)| get_overview(f.q, f.family, f.page),
    );
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
                let f = filter.get_untracked();
                match overview.await {
                    Err(err) => view! {
                        <ErrorNotice err/>
                        <p class="mt-4"><a href="/forvaltning">"Visa alla förvaltningsobjekt"</a></p>
                    }.into_any_sync(),
                    Ok(o) => view! { <Overview o f/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(o: ObjectsOverview, f: OverviewFilter) -> impl IntoView {
    let ObjectsOverview {
        families,
        mine,
        rows,
        total,
        page,
        pages,
    } = o;
    let filtered = !f.q.trim().is_empty() || f.family.is_some();
    let first = (page - 1) * OBJECTS_PAGE_SIZE + 1;
    let count = match total {
        0 => String::new(),
        1 => "1 förvaltningsobjekt".to_owned(),
        n if pages == 1 => format!("{n} förvaltningsobjekt"),
        n => format!("{first}–{} av {n} förvaltningsobjekt", first + rows.len() as u64 - 1),
    };
    let empty = if filtered {
        "Inga förvaltningsobjekt matchar sökningen."
    } else {
        "Inga förvaltningsobjekt ännu."
    };
    let previous = (page > 1).then(|| f.href(page - 1));
    let next = (page < pages).then(|| f.href(page + 1));
    let q = f.q.clone();
    let chosen = f.family;
    let options = families.clone();
    view! {
        {(!mine.is_empty()).then(|| view! {
            <section class="mb-8" aria-labelledby="mina-objekt">
                <h2 id="mina-objekt" class="mb-3 text-xl font-semibold">"Mina förvaltningsobjekt"</h2>
                <ul class="grid gap-4 md:grid-cols-2" id="my-objects">
                    {mine.into_iter().map(|l| view! { <ObjectCard l/> }).collect_view()}
                </ul>
            </section>
        })}
        <section class="mb-8" aria-labelledby="alla-objekt">
            <h2 id="alla-objekt" class="mb-3 text-xl font-semibold">"Alla förvaltningsobjekt"</h2>
            <crate::components::SearchForm action="/forvaltning"
                attr:class="card mb-4" attr:role="search" attr:id="object-filter" attr:aria-label="Sök förvaltningsobjekt">
                <div class="flex flex-wrap items-end gap-3">
                    <div class="flex min-w-0 flex-1 basis-48 flex-col gap-1">
                        <label for="object-q" class="font-medium">"Sök på namn"</label>
                        <input id="object-q" name="q" type="search" class=FIELD value=q.clone() prop:value=q
                            maxlength=crate::domain::search::MAX_TERM.to_string() placeholder="Till exempel Vårdinformationsstöd"/>
                    </div>
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="object-family" class="font-medium">"Objektfamilj"</label>
                        <select id="object-family" name="familj" class=FIELD>
                            <option value="" selected=chosen.is_none()>"Alla familjer"</option>
                            {options.into_iter().map(|fam| view! {
                                <option value=fam.id.to_string() selected=chosen == Some(fam.id)>{format!("{} ({})", fam.name, fam.objects)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="btn-primary">"Sök"</button>
                    {filtered.then(|| view! { <a href="/forvaltning">"Rensa"</a> })}
                </div>
            </crate::components::SearchForm>
            <p id="objects-count" class="mb-2 text-sm text-slate-700" aria-live="polite">{count}</p>
            {if rows.is_empty() {
                view! { <p class="card" id="objects-empty">{empty}</p> }.into_any_sync()
            } else {
                view! { <ObjectRows rows/> }.into_any_sync()
            }}
            {(pages > 1).then(|| view! {
                <nav class="mt-4 flex flex-wrap items-center gap-4" aria-label="Sidor med förvaltningsobjekt">
                    {previous.map(|href| view! { <a href=href rel="prev">"Föregående sida"</a> })}
                    <span class="text-sm text-slate-700">{format!("Sida {page} av {pages}")}</span>
                    {next.map(|href| view! { <a href=href rel="next" id="objects-next">"Nästa sida"</a> })}
                </nav>
            })}
        </section>
        <section aria-labelledby="objektfamiljer">
            <h2 id="objektfamiljer" class="mb-3 text-xl font-semibold">"Objektfamiljer"</h2>
            <ul class="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" id="families">
                {families.into_iter().map(|fam| view! {
                    <li class="card flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                        <a href=OverviewFilter { family: Some(fam.id), ..Default::default() }.href(1)>
                            {format!("{} ({} objekt)", fam.name, fam.objects)}
                        </a>
                        <a href=format!("/forvaltning/mall/{}", fam.id) class="inline-block py-1 text-sm" aria-label=format!("Planmall för {}", fam.name)>"Planmall"</a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A page of objects, under a heading per family.
#[component]
fn ObjectRows(rows: Vec<ListedObject>) -> impl IntoView {
    let mut groups: Vec<(String, Vec<ObjectSummary>)> = Vec::new();
    for l in rows {
        match groups.last_mut() {
            Some((family, list)) if *family == l.family => list.push(l.object),
            _ => groups.push((l.family, vec![l.object])),
        }
    }
    groups
        .into_iter()
        .map(|(family, list)| {
            view! {
                <h3 class="mt-4 font-semibold text-slate-700">{family.clone()}</h3>
                <ul class="divide-y divide-slate-200 border-y border-slate-200" data-family=family>
                    {list.into_iter().map(|o| view! {
                        <li class="py-3" data-object=o.id.to_string()>
                            <p class="flex flex-wrap items-baseline gap-x-3">
                                <a href=format!("/forvaltning/objekt/{}", o.id) class="font-semibold">{o.name.clone()}</a>
                                <span class="text-sm text-slate-700">{o.class.clone()}</span>
                            </p>
                            <p class="text-sm text-slate-700">
                                {format!("Objektägare: {} · Förvaltningsledare: {}", join(&o.owners), join(&o.leaders))}
                            </p>
                            <PlanLinks object_id=o.id plans=o.plans/>
                        </li>
                    }).collect_view()}
                </ul>
            }
        })
        .collect_view()
}

/// One of the caller's objects, as a card.
#[component]
fn ObjectCard(l: ListedObject) -> impl IntoView {
    let o = l.object;
    view! {
        <li class="card">
            <h3 class="font-semibold"><a href=format!("/forvaltning/objekt/{}", o.id)>{o.name.clone()}</a></h3>
            <p class="text-sm text-slate-700">{format!("{} · {}", l.family, o.class)}</p>
            <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt class="text-slate-700">"Objektägare"</dt><dd>{join(&o.owners)}</dd>
                <dt class="text-slate-700">"Förvaltningsledare"</dt><dd>{join(&o.leaders)}</dd>
            </dl>
            <PlanLinks object_id=o.id plans=o.plans/>
        </li>
    }
}

/// An object's plans, newest year first, with their status.
#[component]
fn PlanLinks(object_id: i32, plans: Vec<PlanRef>) -> impl IntoView {
    if plans.is_empty() {
        return view! { <p class="mt-2 text-sm">"Ingen förvaltningsplan ännu."</p> }.into_any_sync();
    }
    view! {
        <ul class="mt-2 space-y-1">
            {plans.into_iter().map(|p| view! {
                <li class="flex flex-wrap items-center gap-2">
                    <a href=format!("/forvaltning/plan/{}", p.id)>{format!("Förvaltningsplan {}", p.year)}</a>
                    {status_badge(p.status)}
                    {(p.revision > 1).then(|| view! { <span class="text-sm text-slate-700">{format!("revision {}", p.revision)}</span> })}
                    {(p.status == PlanStatus::Faststalld).then(|| view! {
                        <a href=follow_up_href(object_id, p.year) class="text-sm">"Uppföljning"</a>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any_sync()
}

fn join(names: &[String]) -> String {
    if names.is_empty() {
        "–".into()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests;
