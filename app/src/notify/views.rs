//! `/aviseringar` and the header's link to it with the unread count.

use super::dto::{NotificationDto, NotificationList};
use super::server_fns::{list_notifications, MarkAllNotificationsRead, MarkNotificationRead};
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, Loading, PageHeader};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;

/// Bumped when notifications are marked read, so the header's count
/// follows without a page load. Provided by the shell.
#[derive(Clone, Copy)]
struct UnreadChanged(RwSignal<u32>);

/// Lets the notifications page tell the header's count to reload; call
/// once in the shell, above both.
pub fn provide_unread_changed() {
    provide_context(UnreadChanged(RwSignal::new(0)));
}

fn unread_changed() {
    if let Some(UnreadChanged(s)) = use_context::<UnreadChanged>() {
        s.update(|n| *n = n.wrapping_add(1));
    }
}

/// How often notifications were marked read here (tracked): the header
/// reads its counts again when this moves.
pub fn unread_version() -> Signal<u32> {
    let changed = use_context::<UnreadChanged>();
    Signal::derive(move || changed.map(|c| c.0.get()).unwrap_or(0))
}

/// The header's link to `/aviseringar`: "Aviseringar" and, when some are
/// unread, their number (read out as "3 olästa"), from the header's counts
/// (read again on every navigation and when the page marks some read).
#[component]
pub fn NotificationsLink(
    /// The header's counts.
    counts: crate::header::Counts,
) -> impl IntoView {
    view! {
        <a href="/aviseringar" id="notifications-link" class="nav-link text-sm">
            "Aviseringar"
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    counts.await.ok().map(|c| c.unread).filter(|n| *n > 0).map(|n| view! {
                        " "
                        <span id="notifications-unread" class="ml-1 inline-block min-w-6 rounded-full bg-amber-300 px-1.5 text-center text-xs font-bold text-slate-950">
                            {format::count(n)}
                            <span class="sr-only">" olästa"</span>
                        </span>
                    })
                })}
            </Transition>
        </a>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationRead>::new();
    let mark_all = ServerAction::<MarkAllNotificationsRead>::new();
    let list = Resource::new(
        move || (mark.version().get(), mark_all.version().get()),
        |_| list_notifications(),
    );
    Effect::new(move |first: Option<()>| {
        mark.version().track();
        mark_all.version().track();
        if first.is_some() {
            unread_changed();
        }
    });
    let error = move || {
        mark.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| mark_all.value().get().and_then(|r| r.err()))
    };
    view! {
        <Title text="Aviseringar"/>
        <PageHeader title="Aviseringar" lead="Det som har hänt med dina beställningar och det som väntar på dig, senaste först."/>
        {move || error().map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) => view! { <NotificationItems list=l mark mark_all/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NotificationItems(
    /// The caller's notifications.
    list: NotificationList,
    /// Marks one read.
    mark: ServerAction<MarkNotificationRead>,
    /// Marks all read.
    mark_all: ServerAction<MarkAllNotificationsRead>,
) -> impl IntoView {
    if list.items.is_empty() {
        return view! {
            <p id="notifications-empty" class="card">
                "Du har inga aviseringar. Här visas det som händer med dina beställningar och det som väntar på dig."
            </p>
        }
        .into_any_sync();
    }
    let summary = match list.unread {
        0 => "Alla är lästa.".to_owned(),
        1 => "1 oläst.".to_owned(),
        n => format!("{} olästa.", format::count(n)),
    };
    view! {
        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
            <p id="notifications-summary">{summary}</p>
            {(list.unread > 0).then(|| view! {
                <ActionForm action=mark_all>
                    <button type="submit" id="notifications-read-all" class="btn-secondary" disabled=move || mark_all.pending().get()>
                        "Markera alla som lästa"
                    </button>
                </ActionForm>
            })}
        </div>
        <ul id="notification-list" class="space-y-3">
            {list.items.into_iter().map(|n| view! { <NotificationItem n mark/> }).collect_view()}
        </ul>
    }
    .into_any_sync()
}

#[component]
fn NotificationItem(
    /// The notification.
    n: NotificationDto,
    /// Marks it read.
    mark: ServerAction<MarkNotificationRead>,
) -> impl IntoView {
    let unread = n.read_at.is_none();
    let heading = format!("notification-{}", n.id);
    let heading_ref = heading.clone();
    let mark_label = format!("Markera som läst: {}", n.title);
    let class = if unread {
        "card border-l-4 border-l-sky-700"
    } else {
        "card bg-slate-50"
    };
    view! {
        <li class=class id=format!("notification-item-{}", n.id) data-unread=unread.to_string()>
            <article aria-labelledby=heading_ref>
                <div class="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                    <h2 id=heading class="min-w-0 break-words text-base font-semibold">
                        <a href=n.link.clone()>{n.title.clone()}</a>
                    </h2>
                    {unread.then(|| view! {
                        <span class="rounded-full bg-sky-100 px-2 text-sm font-semibold text-sky-900">"Oläst"</span>
                    })}
                </div>
                <p class="mt-1 whitespace-pre-line break-words">{n.body.clone()}</p>
                <p class="mt-2 text-sm text-slate-700">
                    {n.kind.label_sv()}" · "
                    <time datetime=n.created_at.to_rfc3339()>{format::date_time(n.created_at)}</time>
                </p>
                {unread.then(|| view! {
                    <ActionForm action=mark attr:class="mt-3">
                        <input type="hidden" name="id" value=n.id/>
                        <button type="submit" class="btn-secondary text-sm" aria-label=mark_label>"Markera som läst"</button>
                    </ActionForm>
                })}
            </article>
        </li>
    }
}
