//! Small shared building blocks of the UI.

use crate::error::AppError;
use leptos::prelude::*;

/// The class of a text input, select or textarea (`.field` in
/// `style/tailwind.css`: one short class, as a plan of 200 goals renders
/// 1 400 fields).
pub const FIELD: &str = "field";

/// The message of a server error that belongs to one form field, placed
/// under the field (`id` = `{field}-fel`, for `aria-describedby`).
#[component]
pub fn FieldError(
    /// The server's error, if any.
    #[prop(into)]
    error: Signal<Option<AppError>>,
    /// The field this message belongs to.
    field: &'static str,
) -> impl IntoView {
    move || {
        error.get().filter(|e| e.field() == Some(field)).map(|e| {
            view! { <p class="text-sm font-medium text-red-800" id=format!("{field}-fel")>{e.to_string()}</p> }
        })
    }
}

/// The heading block every page starts with.
#[component]
pub fn PageHeader(
    /// The page's `<h1>`.
    #[prop(into)]
    title: String,
    /// One sentence under the heading saying what the page is for.
    #[prop(optional, into)]
    lead: Option<String>,
) -> impl IntoView {
    view! {
        <div class="mb-6">
            <h1 class="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
            {lead.map(|l| view! { <p class="mt-2 max-w-3xl text-slate-700">{l}</p> })}
        </div>
    }
}

/// Shown while data loads.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="text-slate-700" role="status">"Laddar…"</p> }
}

/// An error from the server, in Swedish, announced to screen readers.
#[component]
pub fn ErrorNotice(
    /// The error to explain.
    err: AppError,
) -> impl IntoView {
    view! {
        <div class="rounded-md border border-red-300 bg-red-50 p-4 text-red-900" role="alert">
            <p class="font-medium">{err.to_string()}</p>
        </div>
    }
}
