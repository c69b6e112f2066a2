//! Small shared building blocks of the UI.

use crate::any_view::IntoAnySync;
use crate::error::AppError;
use leptos::prelude::*;

/// The class of a text input, select or textarea (`.field` in
/// `style/tailwind.css`: one short class, as a plan of 200 goals renders
/// 1 400 fields).
pub const FIELD: &str = "field";

/// A text as the content of a `<textarea>`, so that the server's HTML shows
/// it before the page is interactive (a `prop:value` alone is set only in
/// the browser). Leptos writes a textarea's children into the server's HTML
/// unescaped, as raw text, so the server escapes it here (else a stored
/// `</textarea>` would end the field and let the rest be read as markup); in
/// the browser the child is a text node and takes the text as it is.
pub fn textarea_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        let escaped = match html_escape::encode_text(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(escaped) => escaped,
        };
        // The HTML parser drops one newline right after `<textarea>`.
        if escaped.starts_with('\n') {
            format!("\n{escaped}")
        } else {
            escaped
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

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
        error
            .get()
            .and_then(|e| e.message_for(field).map(str::to_owned))
            .map(|m| {
                view! { <p class="text-sm font-medium text-red-800" id=format!("{field}-fel")>{m}</p> }
            })
    }
}

/// At the top of a form: what is wrong with it, every field at once, each
/// a link to its input (the GOV.UK error summary). `inputs` maps a field
/// to its input's `id`, in the form's order; a field without one links to
/// its message. An
/// error that concerns no field is shown as it is.
#[component]
pub fn ErrorSummary(
    /// The server's error, if any.
    #[prop(into)]
    error: Signal<Option<AppError>>,
    /// `(field, input id)`.
    inputs: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    // A new answer moves focus to the summary (it is above the button the
    // user pressed, often out of sight), as the pattern has it.
    Effect::new(move |_| {
        if error.with(|e| e.as_ref().is_some_and(|e| !e.problems().is_empty())) {
            focus_soon("error-summary".into());
        }
    });
    move || {
        let err = error.get()?;
        let mut problems = err.problems();
        // In the form's order.
        problems.sort_by_key(|p| inputs.iter().position(|(f, _)| *f == p.field).unwrap_or(inputs.len()));
        if problems.is_empty() {
            return Some(view! { <div class="mb-4"><ErrorNotice err/></div> }.into_any_sync());
        }
        let heading = match problems.len() {
            1 => "1 uppgift behöver rättas".to_owned(),
            n => format!("{n} uppgifter behöver rättas"),
        };
        Some(
            view! {
                <div class="mb-4 rounded-md border-2 border-red-700 bg-red-50 p-4 text-red-900" role="alert"
                    aria-labelledby="felsammanfattning" id="error-summary" tabindex="-1">
                    <h2 id="felsammanfattning" class="font-semibold">{heading}</h2>
                    <ul class="mt-2 list-disc space-y-1 pl-5">
                        {problems.into_iter().map(|p| {
                            let target = inputs
                                .iter()
                                .find(|(f, _)| *f == p.field)
                                .map(|(_, id)| (*id).to_owned())
                                .unwrap_or_else(|| format!("{}-fel", p.field));
                            let href = format!("#{target}");
                            view! { <li><a class="text-red-900 underline" href=href on:click=move |ev| jump_to(&ev, &target)>{p.message}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any_sync(),
        )
    }
}

/// The frame of a wide table: on a narrow screen it scrolls sideways and
/// shows that it does (`.table-scroll`: a shadow at each edge with more
/// columns), and it takes keyboard focus so that it can be scrolled with
/// the arrow keys (WCAG 2.1.1). `label` names it (the table's caption).
#[component]
pub fn TableScroll<C: IntoView + 'static>(
    #[prop(into)] label: String,
    /// Extra classes (margins).
    #[prop(optional)]
    class: &'static str,
    // Typed, as are the other components' children: `Children` would erase
    // them with `into_any()` (see `crate::any_view`).
    children: TypedChildren<C>,
) -> impl IntoView {
    let children = children.into_inner();
    let class = if class.is_empty() {
        "table-scroll".to_owned()
    } else {
        format!("table-scroll {class}")
    };
    view! {
        <div class=class tabindex="0" role="group" aria-label=label>
            {children()}
        </div>
    }
}

/// A link within the page (`href="#id"`): the router would take it over
/// as a navigation, so scroll to the element and move focus to it
/// ourselves (a heading is made focusable for it), as the link promises.
pub fn jump_to(ev: &leptos::ev::MouseEvent, id: &str) {
    if focus_by_id(id) {
        ev.prevent_default();
    }
}

/// Scrolls to the element `id` and moves focus to it (making it focusable
/// if it is not); whether there was one.
pub fn focus_by_id(id: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            if el.tab_index() < 0 && !el.has_attribute("tabindex") {
                let _ = el.set_attribute("tabindex", "-1");
            }
            el.scroll_into_view();
            let _ = el.focus();
            return true;
        }
        false
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        false
    }
}

/// Moves focus to the element `id` on the next frame: for an element that
/// the change just made is about to render.
pub fn focus_soon(id: String) {
    request_animation_frame(move || {
        focus_by_id(&id);
    });
}

/// For a search form ([`SearchForm`]):
/// leaves the fields left empty (and the nameless submit button the
/// router adds) out of the address, so that it holds what was chosen:
/// `/katalog?q=dator&sortering=pris`, not `…&kategori=&typ=&=`.
pub fn tidy_query() -> std::sync::Arc<dyn Fn(&web_sys::FormData)> {
    std::sync::Arc::new(|data: &web_sys::FormData| {
        #[cfg(feature = "hydrate")]
        {
            let Ok(Some(keys)) = js_sys::try_iter(&data.keys()) else {
                return;
            };
            let empty: Vec<String> = keys
                .flatten()
                .filter_map(|k| k.as_string())
                .filter(|k| {
                    data.get_all(k)
                        .iter()
                        .all(|v| v.as_string().is_some_and(|v| v.is_empty()))
                })
                .collect();
            for k in empty {
                data.delete(&k);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = data;
    })
}

/// The wrong rows of an uploaded file: line, column and the Swedish
/// reason, in a table that scrolls inside its frame (the catalogue's, the
/// attest rights' and the asset register's imports).
#[component]
pub fn FileProblems(
    /// `(line, column, message)`, in file order.
    problems: Vec<(u64, String, String)>,
) -> impl IntoView {
    view! {
        <TableScroll label="Fel i filen">
            <table class="data-table bg-white">
                <caption class="sr-only">"Fel i filen"</caption>
                <thead>
                    <tr><th scope="col">"Rad"</th><th scope="col">"Kolumn"</th><th scope="col">"Fel"</th></tr>
                </thead>
                <tbody>
                    {problems.into_iter().map(|(line, column, message)| view! {
                        <tr><td>{line}</td><td>{column}</td><td>{message}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_textarea_text_cannot_end_its_field_on_the_server() {
        assert_eq!(textarea_text("Dell & HP".into()), "Dell &amp; HP");
        assert_eq!(
            textarea_text("</textarea><script>x()</script>".into()),
            "&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;"
        );
        assert_eq!(textarea_text("Rad ett\nRad två".into()), "Rad ett\nRad två");
        assert_eq!(textarea_text("\nefter en tom rad".into()), "\n\nefter en tom rad");
    }

    #[test]
    fn a_stored_description_renders_inside_its_textarea() {
        let html = view! { <textarea>{textarea_text("a </textarea><b>b</b>".into())}</textarea> }.to_html();
        assert_eq!(html, "<textarea>a &lt;/textarea&gt;&lt;b&gt;b&lt;/b&gt;</textarea>");
    }
}

/// A keyed list of rows that the user can add to, remove and reorder: in the
/// browser exactly Leptos' `For`; on the server the rows are built once.
///
/// `For` is a reactive closure, and the server's render of a page behind a
/// `Suspense` calls every such closure twice (once to find the resources
/// the view reads, once to write it), so a `For` of 200 goals built all 200
/// rows twice. The HTML is the same either way (the keyed list writes its
/// rows and its closing marker), so the browser hydrates it as a `For`.
#[component]
pub fn Rows<IF, I, T, EF, N, KF, K>(
    /// The rows.
    each: IF,
    /// A row's key.
    key: KF,
    /// The view of one row.
    children: EF,
) -> impl IntoView
where
    IF: Fn() -> I + Send + 'static,
    I: IntoIterator<Item = T> + Send + 'static,
    EF: Fn(T) -> N + Send + Clone + 'static,
    N: IntoView + 'static,
    KF: Fn(&T) -> K + Send + Clone + 'static,
    K: Eq + std::hash::Hash + leptos::tachys::view::keyed::SerializableKey + 'static,
    T: Send + 'static,
{
    #[cfg(feature = "ssr")]
    {
        leptos::tachys::view::keyed::keyed(each(), key, move |_, row| (|_: usize| {}, children(row)))
    }
    #[cfg(not(feature = "ssr"))]
    {
        view! { <For each key children/> }
    }
}

/// Leptos' `<ActionForm>`, with typed children: its own takes `Children`,
/// which erases the form's fields with `into_any()` and so keeps their
/// asynchronous hydration in the wasm (see `crate::any_view`). Used like
/// Leptos' (`action`: the server function the form submits to; the fields
/// as children; attributes with `attr:`).
#[component]
pub fn ActionForm<ServFn, OutputProtocol, C>(
    action: ServerAction<ServFn>,
    children: TypedChildren<C>,
) -> impl IntoView
where
    ServFn: serde::de::DeserializeOwned
        + leptos::server_fn::ServerFn<Protocol = leptos::server_fn::Http<leptos::server_fn::codec::PostUrl, OutputProtocol>>
        + Clone
        + Send
        + Sync
        + 'static,
    <<ServFn::Client as leptos::server_fn::client::Client<ServFn::Error>>::Request as leptos::server_fn::request::ClientReq<
        ServFn::Error,
    >>::FormData: From<leptos::web_sys::FormData>,
    ServFn::Output: Send + Sync + 'static,
    ServFn::Error: Send + Sync + 'static,
    <ServFn as leptos::server_fn::ServerFn>::Client: leptos::server_fn::client::Client<<ServFn as leptos::server_fn::ServerFn>::Error>,
    C: IntoView + 'static,
{
    let children = children.into_inner();
    leptos::form::ActionForm(
        leptos::form::ActionFormProps::builder()
            .action(action)
            .children(Box::new(move || children().into_any_sync()))
            .build(),
    )
}

/// A search form: the router's `<Form method="GET">` with [`tidy_query`],
/// so the address holds what was chosen and nothing else. Its fields are
/// typed children (the router's `Form` takes `Children`, see `crate::any_view`).
#[component]
pub fn SearchForm<A, C>(
    /// The page the search goes to (`""`: this one).
    action: A,
    /// The form's fields.
    children: TypedChildren<C>,
) -> impl IntoView
where
    A: leptos_router::components::ToHref + Send + Sync + 'static,
    C: IntoView + 'static,
{
    let children = children.into_inner();
    leptos_router::components::Form(
        leptos_router::components::FormProps::builder()
            .method("GET")
            .action(action)
            .on_form_data(tidy_query())
            .children(Box::new(move || children().into_any_sync()))
            .build(),
    )
}
