//! `/forvaltning` (objects and their plans) and `/forvaltning/plan/:id`, the
//! plan editor with live roll-ups, autosave and conflict handling.

use super::dto::*;
use super::server_fns::{get_comparison, get_objects, get_plan, save_plan, DecidePlan, StartNextYear, StartRevision};
use crate::components::{textarea_text, ErrorNotice, FieldError, Loading, PageHeader, TableScroll, FIELD};
use crate::domain::format;
use crate::domain::money::Sek;
use crate::domain::plan::{self, Activity, Column, Days, GoalClass, GoalCost, PlanSettings, PlanStatus, RollUp};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

fn status_badge(status: PlanStatus) -> impl IntoView {
    let class = match status {
        PlanStatus::Utkast => "bg-amber-100 text-amber-950 border-amber-400",
        PlanStatus::UnderAvstamning => "bg-sky-100 text-sky-950 border-sky-400",
        PlanStatus::Faststalld => "bg-emerald-100 text-emerald-950 border-emerald-500",
    };
    view! { <span class=format!("inline-block rounded border px-2 py-0.5 text-sm font-medium {class}")>{status.label_sv()}</span> }
}

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
            <A href="/forvaltning/portfolj" attr:class="btn-secondary">"Portfölj: regionens förvaltningsbudget"</A>
            <A href="/forvaltning/uppfoljning" attr:class="btn-secondary">"Uppföljningsrapport"</A>
        </p>
        {admin.then(|| view! { <crate::plans::objects::views::FoaAdmin add=add_family/> })}
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match families.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                    Ok(list) => list.into_iter().map(|f| view! {
                        <section class="mb-8" aria-labelledby=format!("familj-{}", f.name.replace(' ', "-"))>
                            <h2 id=format!("familj-{}", f.name.replace(' ', "-")) class="mb-3 text-xl font-semibold">{f.name.clone()}</h2>
                            {f.objects.is_empty().then(|| view! { <p>"Inga förvaltningsobjekt i familjen ännu."</p> })}
                            <ul class="grid gap-4 md:grid-cols-2">
                                {f.objects.into_iter().map(|o| view! {
                                    <li class="card">
                                        <h3 class="font-semibold"><A href=format!("/forvaltning/objekt/{}", o.id)>{o.name.clone()}</A></h3>
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
                                                            <A href=format!("/forvaltning/plan/{}", p.id)>{format!("Förvaltningsplan {}", p.year)}</A>
                                                            {status_badge(p.status)}
                                                            {(p.revision > 1).then(|| view! { <span class="text-sm text-slate-700">{format!("revision {}", p.revision)}</span> })}
                                                            {(p.status == PlanStatus::Faststalld).then(|| view! {
                                                                <A href=follow_up_href(o.id, p.year) attr:class="text-sm">"Uppföljning"</A>
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

/// An object's follow-up for a plan year: this tertial in the current
/// year, otherwise the year's last tertial.
fn follow_up_href(object_id: i32, year: i32) -> String {
    let now = crate::domain::follow_up::Period::tertial_of(chrono::Local::now().date_naive());
    let period = if now.year() == year {
        now.code()
    } else {
        format!("{year}-T3")
    };
    format!("/forvaltning/uppfoljning/{object_id}?period={period}")
}

fn join(names: &[String]) -> String {
    if names.is_empty() {
        "–".into()
    } else {
        names.join(", ")
    }
}

/// One goal as it is being edited: every field its own signal, the
/// numbers as typed.
#[derive(Clone, Copy)]
struct GoalRow {
    id: StoredValue<String>,
    activity: Activity,
    class: RwSignal<GoalClass>,
    text: RwSignal<String>,
    needs: RwSignal<String>,
    days_business: RwSignal<String>,
    days_it: RwSignal<String>,
    fixed_business: RwSignal<String>,
    fixed_it: RwSignal<String>,
}

impl GoalRow {
    fn from(g: &Goal) -> GoalRow {
        GoalRow {
            id: StoredValue::new(g.id.clone()),
            activity: g.activity,
            class: RwSignal::new(g.class),
            text: RwSignal::new(g.text.clone()),
            needs: RwSignal::new(g.needs.clone()),
            days_business: RwSignal::new(days_input(g.days_business)),
            days_it: RwSignal::new(days_input(g.days_it)),
            fixed_business: RwSignal::new(money_input(g.fixed_business)),
            fixed_it: RwSignal::new(money_input(g.fixed_it)),
        }
    }

    fn set_from(&self, g: &Goal) {
        self.class.set(g.class);
        self.text.set(g.text.clone());
        self.needs.set(g.needs.clone());
        self.days_business.set(days_input(g.days_business));
        self.days_it.set(days_input(g.days_it));
        self.fixed_business.set(money_input(g.fixed_business));
        self.fixed_it.set(money_input(g.fixed_it));
    }

    fn new(activity: Activity, n: usize) -> GoalRow {
        GoalRow::from(&Goal {
            id: new_id(n),
            activity,
            class: GoalClass::Vm,
            text: String::new(),
            needs: String::new(),
            days_business: Days::ZERO,
            days_it: Days::ZERO,
            fixed_business: Sek::ZERO,
            fixed_it: Sek::ZERO,
        })
    }

    /// The goal, or the first field that does not parse.
    fn parse(&self) -> Result<Goal, (&'static str, &'static str)> {
        if let Some(problem) = self.problem() {
            return Err(problem);
        }
        let c = self.cost();
        Ok(Goal {
            id: self.id.get_value(),
            activity: self.activity,
            class: c.class,
            text: self.text.get(),
            needs: self.needs.get(),
            days_business: c.days_business,
            days_it: c.days_it,
            fixed_business: c.fixed_business,
            fixed_it: c.fixed_it,
        })
    }

    /// The first number field that does not parse, and why. Text, class and
    /// need references cannot be wrong, so the check reads only the numbers,
    /// without copying them.
    fn problem(&self) -> Option<(&'static str, &'static str)> {
        let days = |s: RwSignal<String>, f: &'static str| s.with(|v| Days::parse(v).err().map(|m| (f, m)));
        let money = |s: RwSignal<String>, f: &'static str| {
            s.with(|v| match v.trim() {
                "" => None,
                v => Sek::parse_kronor(v).err().map(|m| (f, m)),
            })
        };
        days(self.days_business, "days_business")
            .or_else(|| days(self.days_it, "days_it"))
            .or_else(|| money(self.fixed_business, "fixed_business"))
            .or_else(|| money(self.fixed_it, "fixed_it"))
    }

    /// Its cost for the live roll-up; a field that does not parse counts as zero.
    fn cost(&self) -> GoalCost {
        let days = |s: RwSignal<String>| s.with(|v| Days::parse(v).unwrap_or_default());
        let money = |s: RwSignal<String>| s.with(|v| Sek::parse_kronor(v).unwrap_or_default());
        GoalCost {
            activity: self.activity,
            class: self.class.get(),
            days_business: days(self.days_business),
            days_it: days(self.days_it),
            fixed_business: money(self.fixed_business),
            fixed_it: money(self.fixed_it),
        }
    }
}

fn days_input(d: Days) -> String {
    if d == Days::ZERO {
        String::new()
    } else {
        d.to_string().replace(' ', "")
    }
}

fn money_input(s: Sek) -> String {
    if s == Sek::ZERO {
        String::new()
    } else {
        s.to_input()
    }
}

fn new_id(n: usize) -> String {
    #[cfg(feature = "hydrate")]
    let salt = js_sys::Date::now() as u64;
    #[cfg(not(feature = "hydrate"))]
    let salt = 0u64;
    format!("m{salt:x}-{n}")
}

/// A forum as it is being edited.
#[derive(Clone, Copy)]
struct ForumRow {
    id: StoredValue<String>,
    kind: RwSignal<String>,
    name: RwSignal<String>,
    purpose: RwSignal<String>,
    participants: RwSignal<String>,
    frequency: RwSignal<String>,
    convener: RwSignal<String>,
}

impl ForumRow {
    fn from(f: &Forum) -> ForumRow {
        ForumRow {
            id: StoredValue::new(f.id.clone()),
            kind: RwSignal::new(f.kind.clone()),
            name: RwSignal::new(f.name.clone()),
            purpose: RwSignal::new(f.purpose.clone()),
            participants: RwSignal::new(f.participants.clone()),
            frequency: RwSignal::new(f.frequency.clone()),
            convener: RwSignal::new(f.convener.clone()),
        }
    }

    fn set_from(&self, f: &Forum) {
        self.kind.set(f.kind.clone());
        self.name.set(f.name.clone());
        self.purpose.set(f.purpose.clone());
        self.participants.set(f.participants.clone());
        self.frequency.set(f.frequency.clone());
        self.convener.set(f.convener.clone());
    }

    fn forum(&self) -> Forum {
        Forum {
            id: self.id.get_value(),
            kind: self.kind.get(),
            name: self.name.get(),
            purpose: self.purpose.get(),
            participants: self.participants.get(),
            frequency: self.frequency.get(),
            convener: self.convener.get(),
        }
    }
}

#[derive(Clone, Copy)]
struct NeedRow {
    id: StoredValue<String>,
    text: RwSignal<String>,
}

/// The whole editable plan.
#[derive(Clone, Copy)]
struct Editor {
    object_description: RwSignal<String>,
    products: RwSignal<String>,
    current_state: RwSignal<String>,
    organisation: RwSignal<String>,
    projects: RwSignal<String>,
    needs: RwSignal<Vec<NeedRow>>,
    goals: RwSignal<Vec<GoalRow>>,
    forums: RwSignal<Vec<ForumRow>>,
    created: StoredValue<usize>,
    rate_business: RwSignal<String>,
    rate_it: RwSignal<String>,
    days_per_fte: RwSignal<String>,
}

impl Editor {
    fn new(c: &PlanContent, settings: PlanSettings) -> Editor {
        Editor {
            rate_business: RwSignal::new(settings.day_rate_business.to_input()),
            rate_it: RwSignal::new(settings.day_rate_it.to_input()),
            days_per_fte: RwSignal::new(settings.days_per_fte.to_string()),
            object_description: RwSignal::new(c.object_description.clone()),
            products: RwSignal::new(c.products.clone()),
            current_state: RwSignal::new(c.current_state.clone()),
            organisation: RwSignal::new(c.organisation.clone()),
            projects: RwSignal::new(c.projects.clone()),
            needs: RwSignal::new(
                c.needs
                    .iter()
                    .map(|n| NeedRow {
                        id: StoredValue::new(n.id.clone()),
                        text: RwSignal::new(n.text.clone()),
                    })
                    .collect(),
            ),
            goals: RwSignal::new(c.goals.iter().map(GoalRow::from).collect()),
            forums: RwSignal::new(c.forums.iter().map(ForumRow::from).collect()),
            created: StoredValue::new(0),
        }
    }

    /// Replaces everything with another version of the plan. Rows that
    /// exist in both keep their place on screen and take the new values.
    fn load(&self, c: &PlanContent, settings: PlanSettings) {
        self.rate_business.set(settings.day_rate_business.to_input());
        self.rate_it.set(settings.day_rate_it.to_input());
        self.days_per_fte.set(settings.days_per_fte.to_string());
        self.object_description.set(c.object_description.clone());
        self.products.set(c.products.clone());
        self.current_state.set(c.current_state.clone());
        self.organisation.set(c.organisation.clone());
        self.projects.set(c.projects.clone());
        let old_goals = self.goals.get_untracked();
        let goals = c
            .goals
            .iter()
            .map(|g| {
                match old_goals
                    .iter()
                    .find(|o| o.id.get_value() == g.id && o.activity == g.activity)
                {
                    Some(row) => {
                        row.set_from(g);
                        *row
                    }
                    None => GoalRow::from(g),
                }
            })
            .collect();
        self.goals.set(goals);
        let old_needs = self.needs.get_untracked();
        let needs = c
            .needs
            .iter()
            .map(|n| match old_needs.iter().find(|o| o.id.get_value() == n.id) {
                Some(row) => {
                    row.text.set(n.text.clone());
                    *row
                }
                None => NeedRow {
                    id: StoredValue::new(n.id.clone()),
                    text: RwSignal::new(n.text.clone()),
                },
            })
            .collect();
        self.needs.set(needs);
        let old_forums = self.forums.get_untracked();
        let forums = c
            .forums
            .iter()
            .map(|f| match old_forums.iter().find(|o| o.id.get_value() == f.id) {
                Some(row) => {
                    row.set_from(f);
                    *row
                }
                None => ForumRow::from(f),
            })
            .collect();
        self.forums.set(forums);
    }

    /// Moves need number `k` (1-based) up or down one place; the goals'
    /// references follow their needs.
    fn move_need(&self, k: usize, delta: isize) {
        let len = self.needs.with_untracked(Vec::len);
        let target = k as isize + delta;
        if k == 0 || target < 1 || target as usize > len {
            return;
        }
        let t = target as usize;
        self.needs.update(|v| v.swap(k - 1, t - 1));
        self.renumber(|n| {
            Some(if n == k {
                t
            } else if n == t {
                k
            } else {
                n
            })
        });
    }

    /// Removes need number `k` (1-based); references to it are dropped and
    /// later numbers move up one.
    fn remove_need(&self, k: usize) {
        if k == 0 {
            return;
        }
        self.needs.update(|v| {
            if k <= v.len() {
                v.remove(k - 1);
            }
        });
        self.renumber(|n| match n {
            n if n == k => None,
            n if n > k => Some(n - 1),
            n => Some(n),
        });
    }

    fn renumber(&self, map: impl Fn(usize) -> Option<usize> + Copy) {
        for g in self.goals.get_untracked() {
            let before = g.needs.get_untracked();
            let after = renumber_needs(&before, map);
            if after != before {
                g.needs.set(after);
            }
        }
    }

    fn next_id(&self) -> usize {
        self.created.update_value(|n| *n += 1);
        self.created.get_value()
    }

    /// The settings as typed, or the first field that is wrong.
    fn settings(&self) -> Result<PlanSettings, (&'static str, String)> {
        // The bounds are the domain's, the ones the server's wire types apply.
        let rate = |s: RwSignal<String>, f: &'static str| {
            Sek::parse_kronor(&s.get())
                .and_then(PlanSettings::day_rate)
                .map_err(|m| (f, m.to_owned()))
        };
        let days = self
            .days_per_fte
            .get()
            .trim()
            .parse::<u32>()
            .map_err(|_| "En heltid ska vara mellan 100 och 260 arbetsdagar.")
            .and_then(PlanSettings::days_per_fte)
            .map_err(|m| ("days_per_fte", m.to_owned()))?;
        Ok(PlanSettings {
            day_rate_business: rate(self.rate_business, "day_rate_business")?,
            day_rate_it: rate(self.rate_it, "day_rate_it")?,
            days_per_fte: days,
        })
    }

    fn costs(&self) -> Vec<GoalCost> {
        self.goals.get().iter().map(GoalRow::cost).collect()
    }

    /// The document to save, or the goal and field that is wrong.
    fn content(&self) -> Result<PlanContent, (String, &'static str, &'static str)> {
        let goals = self
            .goals
            .get()
            .iter()
            .map(|g| g.parse().map_err(|(f, m)| (g.id.get_value(), f, m)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PlanContent {
            object_description: self.object_description.get(),
            products: self.products.get(),
            current_state: self.current_state.get(),
            needs: self
                .needs
                .get()
                .iter()
                .map(|n| Need {
                    id: n.id.get_value(),
                    text: n.text.get(),
                })
                .collect(),
            goals,
            organisation: self.organisation.get(),
            forums: self.forums.get().iter().map(ForumRow::forum).collect(),
            projects: self.projects.get(),
        })
    }
}

/// What the autosave is doing, for the status line.
#[derive(Clone, Debug, PartialEq)]
enum SaveState {
    Idle,
    Dirty,
    Saving,
    Saved(chrono::DateTime<chrono::Utc>),
    Invalid(String),
    Failed(String),
    Conflict(Box<PlanDto>),
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let decide = ServerAction::<DecidePlan>::new();
    let plan = Resource::new(move || (id(), decide.version().get()), |(id, _)| get_plan(id));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Err(err) => view! {
                        <Title text="Förvaltningsplan"/>
                        <PageHeader title="Förvaltningsplan"/>
                        <ErrorNotice err/>
                        <p class="mt-4"><A href="/forvaltning">"Till förvaltningsobjekten"</A></p>
                    }.into_any(),
                    Ok(p) => view! { <PlanView p decide/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanView(
    /// The plan revision as loaded.
    p: PlanDto,
    /// The workflow action of the page.
    decide: ServerAction<DecidePlan>,
) -> impl IntoView {
    let title = format!("{} – förvaltningsplan {}", p.object_name, p.year);
    let editor = Editor::new(&p.content, p.settings);
    let loaded_settings = p.settings;
    let settings = move || editor.settings().unwrap_or(loaded_settings);
    let editable = p.rights.edit;
    let version = RwSignal::new(p.version);
    let state = RwSignal::new(SaveState::Idle);
    // The totals as loaded were summed by the server (with the same pure
    // function); the browser sums again as the user types. Rendering the page
    // on the server thus tracks no field of its hundreds of goals.
    #[cfg(feature = "ssr")]
    let roll_up = Signal::stored(p.roll_up.clone());
    #[cfg(not(feature = "ssr"))]
    let roll_up = Signal::from(Memo::new(move |_| {
        plan::roll_up(&editor.costs(), settings()).unwrap_or_default()
    }));
    let plan_id = p.id;

    // Autosave: a change marks the plan dirty; a second and a half later
    // the draft is saved if every field is valid. A failed save is retried.
    let changes = Memo::new(move |_| {
        (
            editor.content().map(|c| serde_json::to_string(&c).unwrap_or_default()),
            editor.rate_business.get(),
            editor.rate_it.get(),
            editor.days_per_fte.get(),
        )
    });
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let _ = changes.get();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if editable && !matches!(state.get_untracked(), SaveState::Conflict(_)) {
            state.set(SaveState::Dirty);
        }
    });
    let save_now = move || {
        if !editable {
            return;
        }
        match (editor.content(), editor.settings()) {
            (Err((_, _, message)), _) => state.set(SaveState::Invalid(message.to_owned())),
            (_, Err((_, message))) => state.set(SaveState::Invalid(message)),
            (Ok(content), Ok(plan_settings)) => {
                state.set(SaveState::Saving);
                let v = version.get_untracked();
                leptos::task::spawn_local(async move {
                    match save_plan(plan_id, v, content, plan_settings).await {
                        Ok(SaveOutcome::Saved {
                            version: nv,
                            updated_at,
                        }) => {
                            version.set(nv);
                            // Typing during the save keeps the plan dirty.
                            if state.get_untracked() == SaveState::Saving {
                                state.set(SaveState::Saved(updated_at));
                            }
                        }
                        Ok(SaveOutcome::Conflict(current)) => state.set(SaveState::Conflict(current)),
                        Err(e @ AppError::Validation { .. }) => state.set(SaveState::Invalid(e.to_string())),
                        Err(e) => state.set(SaveState::Failed(e.to_string())),
                    }
                });
            }
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = save_now;
    #[cfg(feature = "hydrate")]
    {
        let handle = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
        Effect::new(move |_| {
            let delay = match state.get() {
                SaveState::Dirty => 1500,
                SaveState::Failed(_) => 5000,
                _ => return,
            };
            if let Some(h) = handle.get_value() {
                h.clear();
            }
            handle.set_value(set_timeout_with_handle(save_now, std::time::Duration::from_millis(delay)).ok());
        });
    }
    view! {
        <Title text=title.clone()/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><A href="/forvaltning">"Förvaltning"</A>" › "{p.family.clone()}</nav>
        <PageHeader title=title/>
        <div class="mb-4 flex flex-wrap items-center gap-3">
            {status_badge(p.status)}
            <span class="text-sm text-slate-700">{format!("Revision {} · senast ändrad {} av {}", p.revision, format::date_time(p.updated_at), p.updated_by)}</span>
            {p.decided_on.map(|d| view! { <span class="text-sm text-slate-700">{format!("Fastställd {}", format::date(d))}</span> })}
            {(p.status == PlanStatus::Faststalld).then(|| view! {
                <A href=follow_up_href(p.object_id, p.year) attr:class="text-sm font-medium">"Följ upp planen"</A>
            })}
        </div>
        {editable.then(|| view! { <SaveStatus state editor version/> })}
        {(!editable && p.status == PlanStatus::Utkast).then(|| view! {
            <p class="notice mb-4">"Du kan läsa planen. Bara objektets förvaltningsledare kan ändra den."</p>
        })}

        <section class="card mb-6" aria-labelledby="summering">
            <h2 id="summering" class="mb-3 text-lg font-semibold">"Resurser och kostnader"</h2>
            <RollUpTable roll_up/>
            <SettingsEditor editor editable/>
        </section>

        <TextSection id="beskrivning" title="Objektbeskrivning" value=editor.object_description editable rows=4/>
        <TextSection id="produkter" title="Förvaltningsprodukter" value=editor.products editable rows=3/>
        <TextSection id="nulage" title="Nulägesbeskrivning" value=editor.current_state editable rows=5/>

        <section class="card mb-6" aria-labelledby="behov">
            <h2 id="behov" class="mb-3 text-lg font-semibold">"Problem och behov"</h2>
            <ol class="space-y-2" id="needs-list">
                <For each=move || editor.needs.get() key=|n| n.id.get_value() let:n>
                    {
                        let number = move || editor.needs.get().iter().position(|x| x.id.get_value() == n.id.get_value()).map(|i| i + 1).unwrap_or(0);
                        view! {
                            <li class="flex items-start gap-2">
                                <span class="mt-2 w-8 shrink-0 text-right font-semibold">{move || format!("{}.", number())}</span>
                                {if editable {
                                    view! {
                                        <label class="sr-only" for=format!("need-{}", n.id.get_value())>{move || format!("Behov {}", number())}</label>
                                        <input id=format!("need-{}", n.id.get_value()) class=format!("{FIELD} w-full") value=n.text.get_untracked() prop:value=move || n.text.get()
                                            on:input=move |ev| n.text.set(event_target_value(&ev))/>
                                        <button type="button" class="btn-secondary" aria-label=move || format!("Flytta upp behov {}", number())
                                            on:click=move |_| editor.move_need(number(), -1)>"↑"</button>
                                        <button type="button" class="btn-secondary" aria-label=move || format!("Flytta ned behov {}", number())
                                            on:click=move |_| editor.move_need(number(), 1)>"↓"</button>
                                        <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort behov {}", number())
                                            on:click=move |_| editor.remove_need(number())>"Ta bort"</button>
                                    }.into_any()
                                } else {
                                    view! { <p class="mt-2">{move || n.text.get()}</p> }.into_any()
                                }}
                            </li>
                        }
                    }
                </For>
            </ol>
            {editable.then(|| view! {
                <button type="button" class="btn-secondary mt-3" on:click=move |_| {
                    let n = editor.next_id();
                    editor.needs.update(|v| v.push(NeedRow { id: StoredValue::new(new_id(n)), text: RwSignal::new(String::new()) }));
                }>"Lägg till behov"</button>
            })}
        </section>

        <section class="mb-6" aria-labelledby="mal">
            <h2 id="mal" class="mb-1 text-lg font-semibold">"Mål per förvaltningsaktivitet"</h2>
            <p class="mb-3 text-sm text-slate-700">
                {move || {
                    let s = settings();
                    format!("Dagar anges med högst en decimal. Kronor = dagar × {} (verksamhet) eller {} (IT) + fasta kostnader. En heltid = {} dagar.",
                        s.day_rate_business, s.day_rate_it, s.days_per_fte)
                }}
            </p>
            {Activity::ALL.into_iter().map(|activity| {
                let section_id = format!("aktivitet-{}", activity.as_str());
                let heading_id = section_id.clone();
                let goals_here = move || editor.goals.get().into_iter().filter(|g| g.activity == activity).collect::<Vec<_>>();
                view! {
                    <section class="card mb-4" aria-labelledby=section_id.clone() id=format!("goals-{}", activity.as_str())>
                        <div class="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                            <h3 id=heading_id class="font-semibold">{activity.label_sv()}</h3>
                            <span class="text-sm" id=format!("activity-total-{}", activity.as_str())>
                                {move || {
                                    let c = roll_up.get().activity_total(activity);
                                    format!("{} · {} heltider", c.kronor, c.fte)
                                }}
                            </span>
                        </div>
                        <ul class="space-y-4">
                            <For each=goals_here key=|g| g.id.get_value() let:g>
                                <GoalEditor g editable editor/>
                            </For>
                        </ul>
                        {editable.then(|| view! {
                            <button type="button" class="btn-secondary mt-3" on:click=move |_| {
                                let n = editor.next_id();
                                editor.goals.update(|v| v.push(GoalRow::new(activity, n)));
                            }>{format!("Lägg till mål i {}", activity.label_sv().to_lowercase())}</button>
                        })}
                    </section>
                }
            }).collect_view()}
        </section>

        <TextSection id="organisation" title="Organisation" value=editor.organisation editable rows=3/>
        <section class="card mb-6" aria-labelledby="fora">
            <h2 id="fora" class="mb-3 text-lg font-semibold">"Beslutsfora och arbetsfora"</h2>
            {move || editor.forums.get().is_empty().then(|| view! { <p>"Inga fora beskrivna."</p> })}
            <ul class="space-y-4" id="forum-list">
                <For each=move || editor.forums.get() key=|f| f.id.get_value() let:f>
                    <ForumEditor f editable editor/>
                </For>
            </ul>
            {editable.then(|| view! {
                <button type="button" class="btn-secondary mt-3" on:click=move |_| {
                    let n = editor.next_id();
                    editor.forums.update(|v| v.push(ForumRow::from(&Forum {
                        id: new_id(n),
                        kind: "arbete".into(),
                        ..Default::default()
                    })));
                }>"Lägg till forum"</button>
            })}
        </section>
        <TextSection id="projekt" title="Projekt och kända förändringar" value=editor.projects editable rows=3/>

        <Workflow p=p.clone() decide editor state/>
        <Revisions p=p.clone()/>
    }
}

#[component]
fn Revisions(
    /// The plan on the page.
    p: PlanDto,
) -> impl IntoView {
    let revision = ServerAction::<StartRevision>::new();
    let next_year = ServerAction::<StartNextYear>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = revision.value().get().or_else(|| next_year.value().get()) {
            navigate(&format!("/forvaltning/plan/{id}"), Default::default());
        }
    });
    let error = move || {
        revision
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| next_year.value().get().and_then(|r| r.err()))
    };
    let editor_role = p.rights.revise;
    let others: Vec<PlanRef> = p.revisions.iter().filter(|r| r.id != p.id).cloned().collect();
    let has_next_year = p.revisions.iter().any(|r| r.year == p.year + 1);
    let this = p.id;
    view! {
        <section class="card mb-6" aria-labelledby="revisioner">
            <h2 id="revisioner" class="mb-3 text-lg font-semibold">"Revisioner och jämförelser"</h2>
            {if others.is_empty() {
                view! { <p class="mb-3">"Objektet har inga andra planer att jämföra med."</p> }.into_any()
            } else {
                view! {
                    <ul class="mb-4 space-y-1" id="revision-list">
                        {others.into_iter().map(|r| view! {
                            <li class="flex flex-wrap items-center gap-2">
                                <A href=format!("/forvaltning/plan/{}", r.id)>{format!("{} revision {}", r.year, r.revision)}</A>
                                {status_badge(r.status)}
                                <A href=format!("/forvaltning/jamfor?fran={}&till={}", r.id, this)>
                                    {format!("Jämför {} rev. {} med den här", r.year, r.revision)}
                                </A>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {editor_role.then(|| view! {
                <div class="flex flex-wrap gap-3">
                    {(p.status == PlanStatus::Faststalld).then(|| view! {
                        <ActionForm action=revision>
                            <input type="hidden" name="id" value=this/>
                            <button type="submit" class="btn-secondary">"Ny revision"</button>
                        </ActionForm>
                    })}
                    {(!has_next_year).then(|| view! {
                        <ActionForm action=next_year>
                            <input type="hidden" name="id" value=this/>
                            <button type="submit" class="btn-secondary">{format!("Skapa planen för {}", p.year + 1)}</button>
                        </ActionForm>
                    })}
                </div>
            })}
            {move || error().map(|err| view! { <div class="mt-3"><ErrorNotice err/></div> })}
        </section>
    }
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query_map();
    let ids = move || {
        let q = query.read();
        (
            q.get("fran").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0),
            q.get("till").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0),
        )
    };
    let comparison = Resource::new(ids, |(from, to)| get_comparison(from, to));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match comparison.await {
                    Err(err) => view! {
                        <Title text="Jämförelse"/>
                        <PageHeader title="Jämförelse"/>
                        <ErrorNotice err/>
                    }.into_any(),
                    Ok(c) => {
                        let name = |r: &PlanRef| format!("{} revision {}", r.year, r.revision);
                        let title = format!("{}: {} jämfört med {}", c.object_name, name(&c.to), name(&c.from));
                        let (from_name, to_name, to_id) = (name(&c.from), name(&c.to), c.to.id);
                        let crumb = to_name.clone();
                        view! {
                            <Title text=title.clone()/>
                            <nav aria-label="Du är här" class="mb-3 text-sm">
                                <A href="/forvaltning">"Förvaltning"</A>" › "
                                <A href=format!("/forvaltning/plan/{to_id}")>{crumb}</A>
                            </nav>
                            <PageHeader title=title/>
                            <section class="card mb-6" aria-labelledby="pengar">
                                <h2 id="pengar" class="mb-3 text-lg font-semibold">"Kostnader och heltider per aktivitet"</h2>
                                <TableScroll label="Förändring per förvaltningsaktivitet">
                                    <table class="data-table" id="compare-table">
                                        <caption class="sr-only">"Förändring per förvaltningsaktivitet"</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Aktivitet"</th>
                                                <th scope="col" class="text-right">{from_name}</th>
                                                <th scope="col" class="text-right">{to_name}</th>
                                                <th scope="col" class="text-right">"Skillnad"</th>
                                                <th scope="col" class="text-right">"Procent"</th>
                                                <th scope="col" class="text-right">"Heltider"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {c.diff.activities.iter().map(|(a, d)| view! {
                                                <tr>
                                                    <th scope="row" class="text-left font-medium">{a.label_sv()}</th>
                                                    <td class="text-right whitespace-nowrap">{d.before.kronor.to_string()}</td>
                                                    <td class="text-right whitespace-nowrap">{d.after.kronor.to_string()}</td>
                                                    <td class="text-right whitespace-nowrap">{d.kronor().to_string()}</td>
                                                    <td class="text-right whitespace-nowrap">{d.percent()}</td>
                                                    <td class="text-right whitespace-nowrap">{d.fte_change()}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                        <tfoot>
                                            <tr>
                                                <th scope="row" class="text-left">"Summa"</th>
                                                <td class="text-right font-semibold whitespace-nowrap">{c.diff.total.before.kronor.to_string()}</td>
                                                <td class="text-right font-semibold whitespace-nowrap">{c.diff.total.after.kronor.to_string()}</td>
                                                <td class="text-right font-semibold whitespace-nowrap" id="compare-total">{c.diff.total.kronor().to_string()}</td>
                                                <td class="text-right font-semibold whitespace-nowrap">{c.diff.total.percent()}</td>
                                                <td class="text-right font-semibold whitespace-nowrap">{c.diff.total.fte_change()}</td>
                                            </tr>
                                        </tfoot>
                                    </table>
                                </TableScroll>
                            </section>
                            <section class="card mb-6" aria-labelledby="mal-andringar">
                                <h2 id="mal-andringar" class="mb-3 text-lg font-semibold">"Mål"</h2>
                                {if c.diff.goals.is_empty() {
                                    view! { <p>"Inga mål har lagts till, tagits bort eller ändrats."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="space-y-2" id="goal-changes">
                                            {c.diff.goals.iter().map(|g| view! {
                                                <li>
                                                    <span class="font-medium">{format!("{}: ", g.kind.label_sv())}</span>
                                                    {format!("{} – {}", g.activity.label_sv(), g.text)}
                                                    {(!g.details.is_empty()).then(|| view! {
                                                        <span class="text-sm text-slate-700">{format!(" ({})", g.details.join(", "))}</span>
                                                    })}
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                {(!c.diff.sections.is_empty()).then(|| view! {
                                    <p class="mt-3 text-sm">{format!("Ändrade avsnitt: {}.", c.diff.sections.join(", "))}</p>
                                })}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn GoalEditor(
    /// The goal.
    g: GoalRow,
    /// Whether the caller may edit.
    editable: bool,
    /// The plan being edited.
    editor: Editor,
) -> impl IntoView {
    let gid = g.id.get_value();
    let field_id = move |f: &str| format!("{f}-{}", g.id.get_value());
    // Its number within its activity; no allocation, as a plan may have
    // hundreds of goals and every label asks.
    let position = move || {
        editor.goals.with(|all| {
            all.iter()
                .filter(|x| x.activity == g.activity)
                // Same row: the same stored value (compared by identity).
                .position(|x| x.id == g.id)
                .map(|i| i + 1)
                .unwrap_or(0)
        })
    };
    // The goal's first unreadable field and why, parsed once per change.
    // A goal as loaded is valid (it was stored typed), so the server renders
    // it without checking; the browser checks every change.
    #[cfg(feature = "ssr")]
    let problem = || None::<(&'static str, &'static str)>;
    #[cfg(not(feature = "ssr"))]
    let problem = {
        let memo = Memo::new(move |_| g.problem());
        move || memo.get()
    };
    let error = move || problem().map(|(_, m)| m);
    // Need references are free text: their field never asks.
    // `aria-invalid` only on the field that is wrong (absent means valid).
    let invalid =
        move |f: &'static str| move || (f != "needs" && matches!(problem(), Some((x, _)) if x == f)).then_some("true");
    if !editable {
        let c = g.cost();
        return view! {
            <li class="border-t border-slate-200 pt-3">
                <p><span class="font-medium">{move || g.class.get().label_sv()}</span>" "{move || g.text.get()}</p>
                <p class="text-sm text-slate-700">
                    {format!("Behov: {} · Verksamhet {} dagar, IT {} dagar · fasta kostnader verksamhet {}, IT {}",
                        if g.needs.get_untracked().is_empty() { "–".into() } else { g.needs.get_untracked() },
                        c.days_business, c.days_it, c.fixed_business, c.fixed_it)}
                </p>
            </li>
        }
        .into_any();
    }
    let move_by = move |delta: isize| {
        editor.goals.update(|v| {
            let same: Vec<usize> = v
                .iter()
                .enumerate()
                .filter(|(_, x)| x.activity == g.activity)
                .map(|(i, _)| i)
                .collect();
            let Some(k) = same.iter().position(|i| v[*i].id.get_value() == g.id.get_value()) else {
                return;
            };
            let target = k as isize + delta;
            if target >= 0 && (target as usize) < same.len() {
                v.swap(same[k], same[target as usize]);
            }
        })
    };
    let input = move |f: &'static str, label: &'static str, s: RwSignal<String>, mode: &'static str| {
        let id = field_id(f);
        view! {
            <div class="goal-field">
                <label for=id.clone() class="field-label">{label}</label>
                <input id=id class="field w-full" inputmode=mode value=s.get_untracked() prop:value=move || s.get()
                    on:input=move |ev| s.set(event_target_value(&ev)) aria-invalid=invalid(f)/>
            </div>
        }
    };
    view! {
        <li class="border-t border-slate-200 pt-3" data-goal=gid.clone()>
            <div class="grid gap-3 md:grid-cols-6">
                <div class="flex flex-col gap-1 md:col-span-3">
                    <label for=field_id("text") class="text-sm font-medium">{move || format!("Mål {}", position())}</label>
                    <textarea id=field_id("text") rows="2" class=format!("{FIELD} w-full") prop:value=move || g.text.get()
                        on:input=move |ev| g.text.set(event_target_value(&ev))>{textarea_text(g.text.get_untracked())}</textarea>
                </div>
                <div class="flex flex-col gap-1 md:col-span-2">
                    <label for=field_id("class") class="text-sm font-medium">"VM eller VU"</label>
                    <select id=field_id("class") class=FIELD
                        on:change=move |ev| g.class.set(GoalClass::parse(&event_target_value(&ev)).unwrap_or(GoalClass::Vm))>
                        <option value="vm" selected=move || g.class.get() == GoalClass::Vm>"VM (vidmakthållande)"</option>
                        <option value="vu" selected=move || g.class.get() == GoalClass::Vu>"VU (vidareutveckling)"</option>
                    </select>
                </div>
                {input("needs", "Behov nr", g.needs, "text")}
                {input("days_business", "Dagar verksamhet", g.days_business, "decimal")}
                {input("days_it", "Dagar IT", g.days_it, "decimal")}
                {input("fixed_business", "Fast kostnad verksamhet, kr", g.fixed_business, "decimal")}
                {input("fixed_it", "Fast kostnad IT, kr", g.fixed_it, "decimal")}
                <div class="flex flex-wrap items-end gap-2 md:col-span-2">
                    <button type="button" class="btn-secondary" aria-label=move || format!("Flytta upp mål {}", position()) on:click=move |_| move_by(-1)>"↑"</button>
                    <button type="button" class="btn-secondary" aria-label=move || format!("Flytta ned mål {}", position()) on:click=move |_| move_by(1)>"↓"</button>
                    <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort mål {}", position())
                        on:click=move |_| editor.goals.update(|v| v.retain(|x| x.id.get_value() != g.id.get_value()))>"Ta bort"</button>
                </div>
            </div>
            {move || error().map(|m| view! { <p class="mt-1 text-sm font-medium text-red-800" role="alert">{m}</p> })}
        </li>
    }
    .into_any()
}

#[component]
fn ForumEditor(
    /// The forum.
    f: ForumRow,
    /// Whether the caller may edit.
    editable: bool,
    /// The plan being edited.
    editor: Editor,
) -> impl IntoView {
    if !editable {
        return view! {
            <li>
                <span class="font-medium">{move || f.name.get()}</span>
                {move || format!(" ({}) – {} Deltagare: {}. {}. Sammankallande: {}.",
                    if f.kind.get() == "beslut" { "beslutsforum" } else { "arbetsforum" },
                    f.purpose.get(), f.participants.get(), f.frequency.get(), f.convener.get())}
            </li>
        }
        .into_any();
    }
    let id = move |field: &str| format!("forum-{field}-{}", f.id.get_value());
    let input = move |field: &'static str, label: &'static str, s: RwSignal<String>| {
        view! {
            <div class="flex flex-col gap-1">
                <label for=id(field) class="text-sm font-medium">{label}</label>
                <input id=id(field) class=format!("{FIELD} w-full") value=s.get_untracked() prop:value=move || s.get()
                    on:input=move |ev| s.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <li class="grid gap-3 border-t border-slate-200 pt-3 md:grid-cols-3" data-forum=f.id.get_value()>
            <div class="flex flex-col gap-1">
                <label for=id("kind") class="text-sm font-medium">"Slags forum"</label>
                <select id=id("kind") class=FIELD on:change=move |ev| f.kind.set(event_target_value(&ev))>
                    <option value="beslut" selected=move || f.kind.get() == "beslut">"Beslutsforum"</option>
                    <option value="arbete" selected=move || f.kind.get() != "beslut">"Arbetsforum"</option>
                </select>
            </div>
            {input("name", "Namn", f.name)}
            {input("purpose", "Syfte", f.purpose)}
            {input("participants", "Deltagare", f.participants)}
            {input("frequency", "Hur ofta", f.frequency)}
            {input("convener", "Sammankallande", f.convener)}
            <div class="md:col-span-3">
                <button type="button" class="btn-secondary" aria-label=move || format!("Ta bort forum {}", f.name.get())
                    on:click=move |_| editor.forums.update(|v| v.retain(|x| x.id.get_value() != f.id.get_value()))>"Ta bort forum"</button>
            </div>
        </li>
    }
    .into_any()
}

#[component]
fn TextSection(
    /// The section's id (heading anchor).
    id: &'static str,
    /// The section's heading.
    title: &'static str,
    /// The text.
    value: RwSignal<String>,
    /// Whether the caller may edit.
    editable: bool,
    /// Height of the text box.
    rows: u32,
) -> impl IntoView {
    let field = format!("{id}-text");
    view! {
        <section class="card mb-6" aria-labelledby=id>
            <h2 id=id class="mb-3 text-lg font-semibold">{title}</h2>
            {if editable {
                view! {
                    <label for=field.clone() class="sr-only">{title}</label>
                    <textarea id=field rows=rows class=format!("{FIELD} w-full") prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))>{textarea_text(value.get_untracked())}</textarea>
                }.into_any()
            } else {
                view! { <p class="whitespace-pre-line">{move || value.get()}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn SettingsEditor(
    /// The plan being edited.
    editor: Editor,
    /// Whether the caller may edit.
    editable: bool,
) -> impl IntoView {
    let error = move |f: &'static str| match editor.settings() {
        Err((field, m)) if field == f => Some(m),
        _ => None,
    };
    let field = move |id: &'static str, f: &'static str, label: &'static str, s: RwSignal<String>| {
        view! {
            <div class="flex flex-col gap-1">
                <label for=id class="text-sm font-medium">{label}</label>
                <input id=id class=FIELD inputmode="decimal" value=s.get_untracked() prop:value=move || s.get() disabled=!editable
                    on:input=move |ev| s.set(event_target_value(&ev))
                    aria-invalid=move || error(f).is_some().to_string() aria-describedby=format!("{id}-fel")/>
                <p id=format!("{id}-fel") class="text-sm font-medium text-red-800">{move || error(f)}</p>
            </div>
        }
    };
    view! {
        <fieldset class="mt-4 grid gap-3 sm:grid-cols-3">
            <legend class="mb-1 font-semibold">"Inställningar för planen"</legend>
            {field("rate-business", "day_rate_business", "Dagpris verksamhet (kr)", editor.rate_business)}
            {field("rate-it", "day_rate_it", "Dagpris IT (kr)", editor.rate_it)}
            {field("days-per-fte", "days_per_fte", "Arbetsdagar per heltid", editor.days_per_fte)}
        </fieldset>
    }
}

#[component]
fn RollUpTable(
    /// The totals to show.
    roll_up: Signal<RollUp>,
) -> impl IntoView {
    let cell = move |c: plan::Cell| {
        view! {
            <span class="block whitespace-nowrap">{c.kronor.to_string()}</span>
            <span class="block whitespace-nowrap text-xs text-slate-700">{format!("{} heltider", c.fte)}</span>
        }
    };
    view! {
        <TableScroll label="Kostnader och heltider per förvaltningsaktivitet">
            <table class="data-table" id="rollup">
                <caption class="sr-only">"Kostnader och heltider per förvaltningsaktivitet"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Aktivitet"</th>
                        {Column::ALL.into_iter().map(|c| view! { <th scope="col" class="text-right">{c.label_sv()}</th> }).collect_view()}
                        <th scope="col" class="text-right">"Summa"</th>
                    </tr>
                </thead>
                // One read of the roll-up for the whole body: every read of
                // a memo with a source per goal field copies that list.
                {move || {
                    let r = roll_up.get();
                    view! {
                        <tbody>
                            {Activity::ALL.into_iter().map(|a| view! {
                                <tr>
                                    <th scope="row" class="text-left font-medium">{a.label_sv()}</th>
                                    {Column::ALL.into_iter().map(|c| view! { <td class="text-right">{cell(r.cell(a, c))}</td> }).collect_view()}
                                    <td class="text-right font-semibold">{cell(r.activity_total(a))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row" class="text-left">"Summa"</th>
                                {Column::ALL.into_iter().map(|c| view! { <td class="text-right font-semibold">{cell(r.column_total(c))}</td> }).collect_view()}
                                <td class="text-right font-bold" id="rollup-total">{cell(r.total)}</td>
                            </tr>
                        </tfoot>
                    }
                }}
            </table>
        </TableScroll>
    }
}

#[component]
fn SaveStatus(state: RwSignal<SaveState>, editor: Editor, version: RwSignal<i32>) -> impl IntoView {
    view! {
        <div class="sticky top-0 z-10 mb-4 rounded-md border border-slate-300 bg-white p-3 shadow-sm" aria-live="polite" id="save-status">
            {move || match state.get() {
                SaveState::Idle => view! { <p>"Utkastet sparas automatiskt medan du skriver."</p> }.into_any(),
                SaveState::Dirty => view! { <p>"Ändrat – sparas strax…"</p> }.into_any(),
                SaveState::Saving => view! { <p>"Sparar…"</p> }.into_any(),
                SaveState::Saved(at) => view! {
                    <p class="text-emerald-900">{format!("Sparat {}.", at.with_timezone(&chrono::Local).format("%H:%M:%S"))}</p>
                }.into_any(),
                SaveState::Invalid(m) => view! {
                    <p class="font-medium text-red-900" role="alert">{format!("Inte sparat: {m} Rätta fältet så sparas utkastet.")}</p>
                }.into_any(),
                SaveState::Failed(m) => view! {
                    <p class="font-medium text-red-900" role="alert">{format!("Kunde inte spara ({m}). Det du skrivit finns kvar här; nytt försök om några sekunder.")}</p>
                }.into_any(),
                SaveState::Conflict(theirs) => {
                    let mine = editor.content().ok();
                    let their_total = theirs.roll_up.total.kronor;
                    let my_total = plan::roll_up(&editor.costs(), theirs.settings).map(|r| r.total.kronor).unwrap_or_default();
                    let changes = mine.map(|m| describe_changes(&m, &theirs.content)).unwrap_or_default();
                    let theirs_reload = theirs.clone();
                    let their_version = theirs.version;
                    view! {
                        <div role="alert" id="conflict">
                            <p class="font-semibold text-red-900">
                                {format!("{} sparade planen {} medan du skrev. Ditt utkast är inte sparat.", theirs.updated_by, format::date_time(theirs.updated_at))}
                            </p>
                            <p class="mt-1 text-sm">{format!("Deras version: {} mål, totalt {}. Din version: {} mål, totalt {}.",
                                theirs.content.goals.len(), their_total, editor.goals.get_untracked().len(), my_total)}</p>
                            {(!changes.is_empty()).then(|| view! {
                                <ul class="mt-1 list-disc pl-6 text-sm">{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                            })}
                            <div class="mt-2 flex flex-wrap gap-2">
                                <button type="button" class="btn-secondary" on:click=move |_| {
                                    editor.load(&theirs_reload.content, theirs_reload.settings);
                                    version.set(theirs_reload.version);
                                    state.set(SaveState::Idle);
                                }>"Läs in deras version"</button>
                                <button type="button" class="btn-primary" on:click=move |_| {
                                    version.set(their_version);
                                    state.set(SaveState::Dirty);
                                }>"Behåll mina ändringar och spara över"</button>
                            </div>
                        </div>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// What the other version changed, in short Swedish sentences.
fn describe_changes(mine: &PlanContent, theirs: &PlanContent) -> Vec<String> {
    let mut out = Vec::new();
    for g in &theirs.goals {
        match mine.goals.iter().find(|m| m.id == g.id) {
            None => out.push(format!("De lade till målet ”{}”.", g.text)),
            Some(m) if m != g => out.push(format!("De ändrade målet ”{}”.", g.text)),
            _ => {}
        }
    }
    for m in &mine.goals {
        if !theirs.goals.iter().any(|g| g.id == m.id) {
            out.push(format!("Målet ”{}” finns inte i deras version.", m.text));
        }
    }
    if mine.needs != theirs.needs {
        out.push("Problem och behov skiljer sig.".into());
    }
    for (label, a, b) in [
        (
            "Objektbeskrivningen",
            &mine.object_description,
            &theirs.object_description,
        ),
        ("Förvaltningsprodukterna", &mine.products, &theirs.products),
        ("Nulägesbeskrivningen", &mine.current_state, &theirs.current_state),
        ("Organisationen", &mine.organisation, &theirs.organisation),
        ("Projekten", &mine.projects, &theirs.projects),
    ] {
        if a != b {
            out.push(format!("{label} skiljer sig."));
        }
    }
    out
}

#[component]
fn Workflow(
    /// The plan as loaded.
    p: PlanDto,
    decide: ServerAction<DecidePlan>,
    editor: Editor,
    state: RwSignal<SaveState>,
) -> impl IntoView {
    let _ = editor;
    let error = Signal::derive(move || decide.value().get().and_then(|r| r.err()));
    let today = chrono::Local::now().date_naive().to_string();
    let unsaved = move || {
        matches!(
            state.get(),
            SaveState::Dirty
                | SaveState::Saving
                | SaveState::Invalid(_)
                | SaveState::Failed(_)
                | SaveState::Conflict(_)
        )
    };
    view! {
        <section class="card mb-6" aria-labelledby="beslut">
            <h2 id="beslut" class="mb-3 text-lg font-semibold">"Avstämning och beslut"</h2>
            {if p.events.is_empty() {
                view! { <p class="mb-3">"Planen har inte skickats på avstämning."</p> }.into_any()
            } else {
                view! {
                    <ol class="mb-4 space-y-2" id="plan-events">
                        {p.events.iter().map(|e| view! {
                            <li>
                                <span class="font-medium">{e.to.label_sv()}</span>
                                {format!(" – {} {}", format::date_time(e.at), e.actor)}
                                {(!e.comment.is_empty()).then(|| view! { <p class="text-sm text-slate-800">{e.comment.clone()}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {move || error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mb-3"><ErrorNotice err/></div> })}
            {p.rights.submit.then(|| view! {
                <ActionForm action=decide attr:id="submit-form">
                    <input type="hidden" name="id" value=p.id/>
                    <input type="hidden" name="event" value="submit"/>
                    <input type="hidden" name="decided_on" value=""/>
                    <div class="mb-3 flex flex-col gap-1">
                        <label for="submit-comment" class="font-medium">"Kommentar till styrgruppen (valfri)"</label>
                        <textarea id="submit-comment" name="comment" rows="2" class=FIELD></textarea>
                    </div>
                    <button type="submit" class="btn-primary" disabled=unsaved>"Skicka på avstämning"</button>
                    {move || unsaved().then(|| view! { <p class="mt-1 text-sm">"Vänta tills utkastet är sparat."</p> })}
                </ActionForm>
            })}
            {p.rights.decide.then(|| view! {
                <div class="grid gap-6 md:grid-cols-2">
                    <ActionForm action=decide attr:id="adopt-form">
                        <input type="hidden" name="id" value=p.id/>
                        <input type="hidden" name="event" value="adopt"/>
                        <div class="mb-3 flex flex-col gap-1">
                            <label for="decided-on" class="font-medium">"Beslutsdatum"</label>
                            <input id="decided-on" name="decided_on" type="date" class=FIELD value=today.clone() aria-describedby="decided_on-fel"/>
                            <FieldError error field="decided_on"/>
                        </div>
                        <div class="mb-3 flex flex-col gap-1">
                            <label for="adopt-comment" class="font-medium">"Protokollsanteckning (valfri)"</label>
                            <textarea id="adopt-comment" name="comment" rows="2" class=FIELD></textarea>
                        </div>
                        <button type="submit" class="btn-primary">"Fastställ planen"</button>
                    </ActionForm>
                    <ActionForm action=decide attr:id="return-form">
                        <input type="hidden" name="id" value=p.id/>
                        <input type="hidden" name="event" value="return"/>
                        <input type="hidden" name="decided_on" value=""/>
                        <div class="mb-3 flex flex-col gap-1">
                            <label for="return-comment" class="font-medium">"Vad behöver ändras?"</label>
                            <textarea id="return-comment" name="comment" rows="3" class=FIELD aria-describedby="comment-fel"></textarea>
                            <FieldError error field="comment"/>
                        </div>
                        <button type="submit" class="btn-secondary">"Skicka tillbaka till förvaltningsledaren"</button>
                    </ActionForm>
                </div>
            })}
        </section>
    }
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let query = use_query_map();
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    // The year as asked; the server refuses one outside the plan years.
    let year = move || {
        query
            .read()
            .get("ar")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(this_year)
    };
    // The year before or after, if that is a plan year (no overflow).
    let step = move |by: i32| plan::PlanYear::new(year()).ok().and_then(|y| y.step(by));
    let portfolio = Resource::new(year, super::server_fns::get_portfolio);
    view! {
        <Title text="Portfölj"/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><A href="/forvaltning">"Förvaltning"</A>" › Portfölj"</nav>
        <nav aria-label="År" class="mb-4 flex gap-4">
            {move || step(-1).map(|y| view! { <A href=format!("/forvaltning/portfolj?ar={y}")>{format!("← {y}")}</A> })}
            {move || step(1).map(|y| view! { <A href=format!("/forvaltning/portfolj?ar={y}")>{format!("{y} →")}</A> })}
        </nav>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match portfolio.await {
                    Err(err) => view! { <ErrorNotice err/> }.into_any(),
                    Ok(p) => view! { <PortfolioView p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn change(before: Sek, after: Sek) -> String {
    let cell = |k: Sek| plan::Cell {
        kronor: k,
        ..Default::default()
    };
    let d = super::diff::Delta {
        before: cell(before),
        after: cell(after),
    };
    format!("{} ({})", d.kronor(), d.percent())
}

#[component]
fn PortfolioView(
    /// The year's portfolio.
    p: Portfolio,
) -> impl IntoView {
    let max = p
        .families
        .iter()
        .flat_map(|f| [f.sum.total.ore(), f.last_year_sum.total.ore()])
        .max()
        .unwrap_or(0)
        .max(1);
    // SVG attributes, not inline styles: the CSP allows no `style`.
    let width = move |v: Sek| format!("{:.1}%", v.ore() as f64 * 100.0 / max as f64);
    let year = p.year;
    view! {
        <PageHeader
            title=format!("Förvaltningsportfölj {year}")
            lead="De fastställda förvaltningsplanernas kostnader och heltider per objektfamilj och objekt. Summan är regionens förvaltningsbudget för IT."
        />
        <section class="card mb-6" aria-labelledby="region">
            <h2 id="region" class="mb-2 text-lg font-semibold">"Regionen"</h2>
            <dl class="grid gap-2 sm:grid-cols-4" id="portfolio-sum">
                <div><dt class="text-sm text-slate-700">"Totalt"</dt><dd class="text-xl font-bold">{p.sum.total.to_string()}</dd></div>
                <div><dt class="text-sm text-slate-700">"Heltider"</dt><dd class="text-xl font-bold">{p.sum.fte.to_string()}</dd></div>
                <div><dt class="text-sm text-slate-700">{format!("Jämfört med {}", year - 1)}</dt><dd class="text-xl font-bold">{change(p.last_year_sum.total, p.sum.total)}</dd></div>
                <div><dt class="text-sm text-slate-700">"Utan fastställd plan"</dt><dd class="text-xl font-bold">{format!("{} objekt", p.not_adopted)}</dd></div>
            </dl>
            <h3 class="mt-4 mb-2 font-semibold">"Per objektfamilj"</h3>
            <ul class="space-y-3" aria-label="Diagram: kostnad per objektfamilj i år och förra året">
                {p.families.iter().map(|f| view! {
                    <li>
                        <p class="text-sm font-medium">{format!("{}: {} ({} år {})", f.name, f.sum.total, f.last_year_sum.total, year - 1)}</p>
                        <svg class="mt-1 block h-5 w-full" aria-hidden="true" focusable="false">
                            <rect x="0" y="0" height="12" rx="3" width=width(f.sum.total) class="fill-sky-800"></rect>
                            <rect x="0" y="14" height="6" rx="3" width=width(f.last_year_sum.total) class="fill-slate-400"></rect>
                        </svg>
                    </li>
                }).collect_view()}
            </ul>
            <p class="mt-2 text-xs text-slate-700">"Mörk stapel: i år. Ljus stapel: förra året."</p>
        </section>
        {p.families.into_iter().map(|f| {
            let name = f.name.clone();
            let caption = format!("{} – fastställda planer {}", f.name, year);
            view! {
            <section class="card mb-6" aria-label=name.clone()>
                <h2 class="mb-3 text-lg font-semibold">{name.clone()}</h2>
                <TableScroll label=caption.clone()>
                    <table class="data-table text-sm">
                        <caption class="sr-only">{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Objekt"</th>
                                <th scope="col">"Plan"</th>
                                <th scope="col" class="text-right">"VM"</th>
                                <th scope="col" class="text-right">"VU"</th>
                                <th scope="col" class="text-right">"Verksamhet"</th>
                                <th scope="col" class="text-right">"IT"</th>
                                <th scope="col" class="text-right">"Totalt"</th>
                                <th scope="col" class="text-right">"Heltider"</th>
                                <th scope="col" class="text-right">{format!("Förändring mot {}", year - 1)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {f.rows.into_iter().map(|r| {
                                let status = match (r.plan_id, r.status, r.adopted.is_some()) {
                                    (Some(id), _, true) => view! { <A href=format!("/forvaltning/plan/{id}")>"Fastställd"</A> }.into_any(),
                                    (Some(id), Some(s), false) => view! { <A href=format!("/forvaltning/plan/{id}")>{format!("Ej fastställd ({})", s.label_sv().to_lowercase())}</A> }.into_any(),
                                    _ => view! { <span>"Ingen plan"</span> }.into_any(),
                                };
                                let t = r.adopted.unwrap_or_default();
                                let money = move |v: Sek| if r.adopted.is_some() { v.to_string() } else { "–".into() };
                                view! {
                                    <tr>
                                        <th scope="row" class="text-left font-medium">{r.object_name.clone()}</th>
                                        <td>{status}</td>
                                        <td class="text-right whitespace-nowrap">{money(t.vm)}</td>
                                        <td class="text-right whitespace-nowrap">{money(t.vu)}</td>
                                        <td class="text-right whitespace-nowrap">{money(t.business)}</td>
                                        <td class="text-right whitespace-nowrap">{money(t.it)}</td>
                                        <td class="text-right whitespace-nowrap font-semibold">{money(t.total)}</td>
                                        <td class="text-right whitespace-nowrap">{if r.adopted.is_some() { t.fte.to_string() } else { "–".into() }}</td>
                                        <td class="text-right whitespace-nowrap">{match (r.adopted, r.last_year) {
                                            (Some(a), Some(b)) => change(b.total, a.total),
                                            (Some(_), None) => "ny".into(),
                                            _ => "–".into(),
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row" class="text-left" colspan="2">"Summa"</th>
                                <td class="text-right whitespace-nowrap">{f.sum.vm.to_string()}</td>
                                <td class="text-right whitespace-nowrap">{f.sum.vu.to_string()}</td>
                                <td class="text-right whitespace-nowrap">{f.sum.business.to_string()}</td>
                                <td class="text-right whitespace-nowrap">{f.sum.it.to_string()}</td>
                                <td class="text-right whitespace-nowrap font-bold">{f.sum.total.to_string()}</td>
                                <td class="text-right whitespace-nowrap">{f.sum.fte.to_string()}</td>
                                <td class="text-right whitespace-nowrap">{change(f.last_year_sum.total, f.sum.total)}</td>
                            </tr>
                        </tfoot>
                    </table>
                </TableScroll>
            </section>
            }
        }).collect_view()}
    }
}
