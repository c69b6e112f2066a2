//! `/forvaltning/objekt/:id`: a governance object's description and people,
//! edited by its förvaltningsledare and administrators (`nytt`: a new
//! object, administrators only).

use super::dto::*;
use super::server_fns::{get_object, save_object, AddFamily};
use crate::any_view::IntoAnySync;
use crate::components::{textarea_text, ActionForm, ErrorNotice, FieldError, Loading, PageHeader, FIELD};
use crate::error::AppError;
use crate::org::views::people_hits;
use crate::plans::dto::{class_label, role_label};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn ObjectPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| if v == "nytt" { Some(0) } else { v.parse::<i32>().ok() })
            .unwrap_or(-1)
    };
    let data = Resource::new(id, get_object);
    view! {
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/forvaltning">"Förvaltning"</a>" › Förvaltningsobjekt"</nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(err) => view! {
                        <Title text="Förvaltningsobjekt"/>
                        <PageHeader title="Förvaltningsobjekt"/>
                        <ErrorNotice err/>
                    }.into_any_sync(),
                    Ok(d) if d.can_edit => view! { <ObjectForm d/> }.into_any_sync(),
                    Ok(d) => view! { <ObjectRead d/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

fn plan_links(d: &ObjectDetail) -> impl IntoView {
    let plans = d.plans.clone();
    let start = d.can_create_plan.then(|| {
        view! { <crate::plans::views::StartPlan object_id=d.id family_id=d.family_id plans=d.plans.clone() has_template=d.has_template/> }
    });
    view! {
        <section class="card mb-6" aria-labelledby="planer">
            <h2 id="planer" class="mb-2 text-lg font-semibold">"Förvaltningsplaner"</h2>
            {if plans.is_empty() {
                view! { <p>"Ingen förvaltningsplan ännu."</p> }.into_any_sync()
            } else {
                view! {
                    <ul class="space-y-1">
                        {plans.into_iter().map(|p| view! {
                            <li>
                                <a href=format!("/forvaltning/plan/{}", p.id)>{format!("Förvaltningsplan {} revision {}", p.year, p.revision)}</a>
                                {format!(" – {}", p.status.label_sv())}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any_sync()
            }}
            {start}
        </section>
    }
}

#[component]
fn ObjectRead(d: ObjectDetail) -> impl IntoView {
    let text = |s: &str| {
        if s.trim().is_empty() {
            "–".to_owned()
        } else {
            s.to_owned()
        }
    };
    view! {
        <Title text=d.name.clone()/>
        <PageHeader title=d.name.clone() lead=format!("{} i {}", class_label(&d.class), d.family)/>
        <section class="card mb-6" aria-labelledby="om-objektet">
            <h2 id="om-objektet" class="mb-2 text-lg font-semibold">"Om objektet"</h2>
            <dl class="grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
                <dt class="font-medium">"Beskrivning"</dt><dd class="whitespace-pre-line">{text(&d.description)}</dd>
                <dt class="font-medium">"IT-komponenter"</dt><dd class="whitespace-pre-line">{text(&d.it_components)}</dd>
                <dt class="font-medium">"Förvaltningsprodukter"</dt><dd class="whitespace-pre-line">{text(&d.products)}</dd>
            </dl>
        </section>
        <section class="card mb-6" aria-labelledby="personer">
            <h2 id="personer" class="mb-2 text-lg font-semibold">"Förvaltningsorganisation"</h2>
            <ul class="space-y-1">
                {d.people.iter().map(|p| view! { <li>{format!("{}: {}", role_label(&p.role), p.name)}</li> }).collect_view()}
            </ul>
        </section>
        {plan_links(&d)}
    }
}

#[derive(Clone, PartialEq)]
struct PersonRow {
    person_id: i32,
    name: String,
    username: String,
    role: String,
}

#[component]
fn ObjectForm(d: ObjectDetail) -> impl IntoView {
    let id = d.id;
    let title = if id == 0 {
        "Nytt förvaltningsobjekt".to_owned()
    } else {
        d.name.clone()
    };
    let name = RwSignal::new(d.name.clone());
    let family_id = RwSignal::new(d.family_id);
    let class = RwSignal::new(d.class.clone());
    let description = RwSignal::new(d.description.clone());
    let it_components = RwSignal::new(d.it_components.clone());
    let products = RwSignal::new(d.products.clone());
    let people = RwSignal::new(
        d.people
            .iter()
            .map(|p| PersonRow {
                person_id: p.person_id,
                name: p.name.clone(),
                username: p.username.clone(),
                role: p.role.clone(),
            })
            .collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let appointable = StoredValue::new(d.appointable.clone());
    let you = d.you;
    let may_appoint = !d.appointable.is_empty();
    let new_role = RwSignal::new(
        d.appointable
            .iter()
            .find(|r| r.as_str() == "objektspecialist")
            .or(d.appointable.first())
            .cloned()
            .unwrap_or_default(),
    );
    let search = RwSignal::new(String::new());
    let hits = people_hits(search);
    let navigate = use_navigate();
    let save = move |_| {
        let input = ObjectInput {
            name: name.get_untracked(),
            family_id: family_id.get_untracked(),
            class: class.get_untracked(),
            description: description.get_untracked(),
            it_components: it_components.get_untracked(),
            products: products.get_untracked(),
            people: people
                .get_untracked()
                .into_iter()
                .map(|p| (p.person_id, p.role))
                .collect(),
        };
        busy.set(true);
        saved.set(false);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match save_object(id, input).await {
                Ok(new_id) => {
                    error.set(None);
                    saved.set(true);
                    if id == 0 {
                        navigate(&format!("/forvaltning/objekt/{new_id}"), Default::default());
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let identity = d.can_edit_identity;
    let families = d.families.clone();
    let invalid = move |f: &'static str| move || error.get().is_some_and(|e| e.has_field(f)).to_string();
    let area = move |fid: &'static str,
                     label: &'static str,
                     hint: &'static str,
                     value: RwSignal<String>,
                     rows: &'static str| {
        view! {
            <div class="flex flex-col gap-1 sm:col-span-2">
                <label for=fid class="font-medium">{label}</label>
                {(!hint.is_empty()).then(|| view! { <p class="text-sm text-slate-700" id=format!("{fid}-hint")>{hint}</p> })}
                <textarea id=fid rows=rows class=format!("{FIELD} w-full") prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) aria-invalid=invalid(fid)>{textarea_text(value.get_untracked())}</textarea>
                <FieldError error=error field=fid/>
            </div>
        }
    };
    view! {
        <Title text=title.clone()/>
        <PageHeader
            title=title
            lead=if identity {
                "Objektets plats i FOA, beskrivning och förvaltningsorganisation."
            } else if may_appoint {
                "Som objektägare håller du objektets beskrivning aktuell och utser förvaltningsledare och specialister."
            } else {
                "Som förvaltningsledare håller du objektets beskrivning aktuell."
            }
        />
        <form class="card mb-6 grid gap-4 sm:grid-cols-2" id="object-form" on:submit=move |ev| { ev.prevent_default(); save(()); }>
            {if identity {
                view! {
                    <div class="flex flex-col gap-1 sm:col-span-2">
                        <label for="name" class="font-medium">"Namn"</label>
                        <input id="name" class=FIELD maxlength="200" value=name.get_untracked() prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev)) aria-invalid=invalid("name")/>
                        <FieldError error=error field="name"/>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for="family_id" class="font-medium">"Objektfamilj"</label>
                        <select id="family_id" class=FIELD on:change=move |ev| family_id.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {families.iter().map(|f| {
                                let fid = f.id;
                                view! { <option value=fid.to_string() selected=move || family_id.get() == fid>{f.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <FieldError error=error field="family_id"/>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for="class" class="font-medium">"Klass i FOA"</label>
                        <select id="class" class=FIELD on:change=move |ev| class.set(event_target_value(&ev))>
                            {CLASSES.iter().map(|(code, label)| {
                                let code = *code;
                                view! { <option value=code selected=move || class.get() == code>{*label}</option> }
                            }).collect_view()}
                        </select>
                        <FieldError error=error field="class"/>
                    </div>
                }.into_any_sync()
            } else {
                view! {
                    <p class="sm:col-span-2 text-slate-700">{format!("{} i {}. Namn, familj och klass ändras av en administratör.", class_label(&d.class), d.family)}</p>
                }.into_any_sync()
            }}
            {area("description", "Beskrivning", "Vilken verksamhet objektet stöder och vad som ingår.", description, "4")}
            {area("it_components", "IT-komponenter", "Ett system per rad.", it_components, "3")}
            {area("products", "Förvaltningsprodukter", "En produkt per rad.", products, "3")}

            <fieldset class="sm:col-span-2">
                <legend class="mb-2 font-medium">"Förvaltningsorganisation"</legend>
                <ul class="mb-3 space-y-2" id="object-people">
                    <For each=move || people.get() key=|p| (p.person_id, p.role.clone()) let:p>
                        {
                            let key = (p.person_id, p.role.clone());
                            let removable = p.person_id != you && appointable.with_value(|a| a.contains(&p.role));
                            view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 pb-2">
                                    <span><span class="font-medium">{role_label(&p.role)}</span>{format!(": {} ({})", p.name, p.username)}</span>
                                    {removable.then(|| view! {
                                        <button type="button" class="btn-danger" aria-label=format!("Ta bort {} som {}", p.name, role_label(&p.role).to_lowercase())
                                            on:click=move |_| people.update(|v| v.retain(|x| (x.person_id, x.role.clone()) != key))>"Ta bort"</button>
                                    })}
                                </li>
                            }
                        }
                    </For>
                </ul>
                <FieldError error=error field="people"/>
                {if may_appoint {
                    view! {
                <div class="grid gap-3 sm:grid-cols-2">
                    <div class="flex flex-col gap-1">
                        <label for="new-role" class="text-sm font-medium">"Roll att lägga till"</label>
                        <select id="new-role" class=FIELD on:change=move |ev| new_role.set(event_target_value(&ev))>
                            {appointable.get_value().into_iter().map(|code| {
                                let label = role_label(&code);
                                let selected = code.clone();
                                view! { <option value=code selected=move || new_role.get() == selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for="person-search" class="text-sm font-medium">"Sök person"</label>
                        <input id="person-search" type="search" class=FIELD placeholder="Namn eller användarnamn" autocomplete="off"
                            prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                    </div>
                </div>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let list = hits.await.unwrap_or_default();
                        view! {
                            <ul class="mt-2 space-y-1" id="person-hits">
                                {list.into_iter().map(|h| {
                                    let label = format!("Lägg till {} ({}, {}) som {}", h.name, h.username, h.unit,
                                        role_label(&new_role.get_untracked()).to_lowercase());
                                    let mine = h.id == you;
                                    view! {
                                        <li>
                                            <button type="button" class="btn-secondary w-full text-left" disabled=mine on:click=move |_| {
                                                let row = PersonRow { person_id: h.id, name: h.name.clone(), username: h.username.clone(), role: new_role.get_untracked() };
                                                people.update(|v| if !v.contains(&row) { v.push(row) });
                                                search.set(String::new());
                                            }>{label}</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                    })}
                </Transition>
                    }.into_any_sync()
                } else {
                    view! {
                        <p class="text-sm text-slate-700" id="people-who-appoints">
                            "Personerna i förvaltningsorganisationen utses av en administratör eller av objektets objektägare. Ingen ändrar sina egna roller."
                        </p>
                    }.into_any_sync()
                }}
            </fieldset>

            <div class="flex flex-wrap items-center gap-3 sm:col-span-2">
                <button type="submit" class="btn-primary" disabled=move || busy.get()>{if id == 0 { "Skapa objektet" } else { "Spara" }}</button>
                <span role="status" aria-live="polite" id="object-status" class="text-sm">{move || saved.get().then_some("Sparat.")}</span>
            </div>
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="sm:col-span-2"><ErrorNotice err/></div> })}
        </form>
        {(id != 0).then(|| plan_links(&d))}
    }
}

/// The administrator's tools on `/forvaltning`: a new family, a new object.
#[component]
pub fn FoaAdmin(
    /// Adds a family; the page's object list follows its version.
    add: ServerAction<AddFamily>,
) -> impl IntoView {
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    view! {
        <section class="card mb-8" aria-labelledby="foa-admin">
            <h2 id="foa-admin" class="mb-2 text-lg font-semibold">"Administrera FOA"</h2>
            <div class="flex flex-wrap items-end gap-4">
                <a href="/forvaltning/objekt/nytt" class="btn-secondary">"Nytt förvaltningsobjekt"</a>
                <ActionForm action=add attr:class="flex flex-wrap items-end gap-2">
                    <div class="flex flex-col gap-1">
                        <label for="family-name" class="text-sm font-medium">"Ny objektfamilj"</label>
                        <input id="family-name" name="name" class=FIELD maxlength="200" required
                            aria-invalid=move || error.get().is_some().to_string()/>
                    </div>
                    <button type="submit" class="btn-secondary">"Lägg till familj"</button>
                </ActionForm>
            </div>
            <FieldError error field="name"/>
            <p role="status" class="mt-2 text-sm">{move || add.value().get().and_then(Result::ok).map(|_| "Objektfamiljen är tillagd.")}</p>
        </section>
    }
}
