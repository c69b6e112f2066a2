//! The import of the finance system's attest-rights file: choose a file or
//! paste its text, check it (nothing is written), then import it.

use crate::any_view::IntoAnySync;
use crate::attest::admin_dto::{RightsImportReport, CSV_COLUMNS};
use crate::attest::admin_server_fns::ImportAttestRights;
use crate::components::{ErrorNotice, FileProblems, FIELD};
use leptos::prelude::*;

#[component]
pub(super) fn ImportRights(
    /// The import action of the page (its version refreshes the list).
    import: ServerAction<ImportAttestRights>,
) -> impl IntoView {
    let content = RwSignal::new(String::new());
    // The text the last check was of: only that text may be imported.
    let checked = RwSignal::new(None::<String>);
    let file_name = RwSignal::new(String::new());
    let reading = RwSignal::new(false);
    let report = move || import.value().get();
    let on_file = move |ev: leptos::ev::Event| {
        import.value().set(None);
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            file_name.set(file.name());
            reading.set(true);
            leptos::task::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                reading.set(false);
                content.set(text.ok().and_then(|t| t.as_string()).unwrap_or_default());
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, file_name, reading);
    };
    let run = move |dry_run: bool| {
        let csv = content.get_untracked();
        if dry_run {
            checked.set(Some(csv.clone()));
        }
        import.dispatch(ImportAttestRights { csv, dry_run });
    };
    let ready = move || {
        matches!(report(), Some(Ok(r)) if r.dry_run && r.problems.is_empty())
            && checked.with(|c| c.as_deref() == Some(content.read().as_str()))
    };
    view! {
        <section class="card mb-8" aria-labelledby="import-attestratt">
            <h2 id="import-attestratt" class="mb-2 text-lg font-semibold">"Importera från ekonomisystemet"</h2>
            <p class="mb-1">"En CSV-fil (semikolonseparerad, UTF-8) med rubrikraden: "<code class="break-all text-sm">{CSV_COLUMNS.join(";")}</code></p>
            <p class="mb-3 text-sm text-slate-700">
                "Personen anges med användarnamn eller e-post, beloppet i kronor och datumen som ÅÅÅÅ-MM-DD; giltig_till får vara tom. "
                "En rad ändrar personens attesträtt på kostnadsstället eller ger en ny. Först kontrolleras hela filen; inget sparas om någon rad är fel, "
                "och rader för dig själv tas inte emot."
            </p>
            <div class="mb-4 flex flex-col gap-1">
                <label for="rights-import-file" class="font-medium">"CSV-fil"</label>
                <input id="rights-import-file" type="file" accept=".csv,text/csv,text/plain" on:change=on_file
                    class="max-w-full text-slate-900 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-sky-900 file:bg-white file:px-4 file:py-2 file:font-semibold file:text-sky-900 hover:file:bg-sky-50"/>
            </div>
            <div class="mb-4 flex flex-col gap-1">
                <label for="rights-import-text" class="font-medium">"Filens innehåll (eller klistra in det här)"</label>
                <textarea id="rights-import-text" rows="6" class=format!("{FIELD} font-mono text-sm") spellcheck="false"
                    prop:value=move || content.get()
                    on:input=move |ev| { import.value().set(None); content.set(event_target_value(&ev)); }></textarea>
            </div>
            <div class="flex flex-wrap gap-3">
                <button type="button" class="btn-secondary" id="rights-import-check"
                    disabled=move || content.read().trim().is_empty() || import.pending().get()
                    on:click=move |_| run(true)>"Kontrollera"</button>
                {move || ready().then(|| view! {
                    <button type="button" class="btn-primary" id="rights-import-run"
                        disabled=move || import.pending().get()
                        on:click=move |_| run(false)>"Importera"</button>
                })}
            </div>
            {move || reading.get().then(|| view! { <p class="mt-3" role="status">"Läser filen…"</p> })}
            {move || import.pending().get().then(|| view! { <p class="mt-3" role="status">"Kontrollerar…"</p> })}
            <div aria-live="polite">
                {move || match report() {
                    None => None,
                    Some(Err(err)) => Some(view! { <div class="mt-4"><ErrorNotice err/></div> }.into_any_sync()),
                    Some(Ok(r)) => {
                        let name = file_name.get_untracked();
                        let what = if name.is_empty() { "Filen".to_owned() } else { name };
                        Some(view! { <ImportResult report=r what/> }.into_any_sync())
                    }
                }}
            </div>
        </section>
    }
}

#[component]
fn ImportResult(
    /// The outcome of a check or an import.
    report: RightsImportReport,
    /// The file's name, or "Filen".
    what: String,
) -> impl IntoView {
    let n = |count: u64, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    let summary = format!(
        "{}: {}, {}, {}.",
        n(report.rows, "rad", "rader"),
        n(report.created, "ny attesträtt", "nya attesträtter"),
        n(report.updated, "ändrad", "ändrade"),
        n(report.unchanged, "oförändrad", "oförändrade"),
    );
    if !report.problems.is_empty() {
        let count = report.problems.len();
        return view! {
            <div class="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-red-950" id="rights-import-problems">
                <p class="mb-2 font-semibold" role="alert">
                    {format!("{what}: {} – inget har sparats. Rätta raderna och kontrollera igen.", n(count as u64, "fel", "fel"))}
                </p>
                <FileProblems problems=report.problems.into_iter().map(|p| (p.line, p.column, p.message)).collect()/>
            </div>
        }
        .into_any_sync();
    }
    if report.written {
        view! {
            <div class="mt-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" id="rights-import-done" role="status">
                <p class="font-semibold">"Importen är klar."</p>
                <p>{summary}</p>
            </div>
        }
        .into_any_sync()
    } else {
        view! {
            <div class="mt-4 rounded-md border border-sky-300 bg-sky-50 p-4 text-sky-950" id="rights-import-ok" role="status">
                <p class="font-semibold">{format!("{what} är korrekt. Inget är sparat än.")}</p>
                <p>{summary}</p>
                <p class="mt-1">"Välj Importera för att spara attesträtterna."</p>
            </div>
        }
        .into_any_sync()
    }
}
