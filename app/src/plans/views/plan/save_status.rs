//! The autosave's status line, and the choice a conflict offers.

use crate::any_view::IntoAnySync;
use crate::domain::format;
use crate::plans::views::editor::{describe_changes, Editor, SaveState};
use leptos::prelude::*;

/// The status line of the autosave (in the page's sticky bar); on a conflict, what the other
/// person changed and the choice between their version and mine.
#[component]
pub fn SaveStatus(
    /// What the autosave is doing.
    state: RwSignal<SaveState>,
    /// The plan being edited.
    editor: Editor,
    /// The version the next save starts from.
    version: RwSignal<i32>,
) -> impl IntoView {
    view! {
        <div class="rounded-md border border-slate-300 bg-white p-3 shadow-sm" aria-live="polite" id="save-status">
            {move || match state.get() {
                SaveState::Idle => view! { <p>"Utkastet sparas automatiskt medan du skriver."</p> }.into_any_sync(),
                SaveState::Dirty => view! { <p>"Ändrat – sparas strax…"</p> }.into_any_sync(),
                SaveState::Saving => view! { <p>"Sparar…"</p> }.into_any_sync(),
                SaveState::Saved(at) => view! {
                    <p class="text-emerald-900">{format!("Sparat {}.", at.with_timezone(&chrono::Local).format("%H:%M:%S"))}</p>
                }.into_any_sync(),
                SaveState::Invalid(m) => view! {
                    <p class="font-medium text-red-900" role="alert">{format!("Inte sparat: {m} Rätta fältet så sparas utkastet.")}</p>
                }.into_any_sync(),
                SaveState::Failed(m) => view! {
                    <p class="font-medium text-red-900" role="alert">{format!("Kunde inte spara ({m}). Det du skrivit finns kvar här; nytt försök om några sekunder.")}</p>
                }.into_any_sync(),
                SaveState::Conflict(theirs) => {
                    let mine = editor.content().ok();
                    let their_total = theirs.roll_up.total.kronor;
                    let my_total = editor.roll_up(theirs.settings).total.kronor;
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
                    }.into_any_sync()
                }
            }}
        </div>
    }
}
