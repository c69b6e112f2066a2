//! Export and import of the whole catalogue as a CSV file.

use super::CatalogAdminTabs;
use crate::any_view::IntoAnySync;
use crate::catalog::admin::dto::*;
use crate::catalog::admin::server_fns::*;
use crate::components::{ErrorNotice, FileProblems, PageHeader};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminImportPage() -> impl IntoView {
    let content = RwSignal::new(None::<String>);
    let file_name = RwSignal::new(String::new());
    let reading = RwSignal::new(false);
    let import = ServerAction::<ImportCatalog>::new();
    let report = move || import.value().get();
    let on_file = move |ev: leptos::ev::Event| {
        import.value().set(None);
        content.set(None);
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
                content.set(text.ok().and_then(|t| t.as_string()));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, file_name, reading);
    };
    let run = move |dry_run: bool| {
        if let Some(csv) = content.get_untracked() {
            import.dispatch(ImportCatalog { csv, dry_run });
        }
    };
    view! {
        <Title text="Export och import"/>
        <CatalogAdminTabs/>
        <PageHeader
            title="Export och import"
            lead="Hela katalogen som en CSV-fil (semikolonseparerad, UTF-8) som går att öppna i Excel. Ändra i filen och läs in den igen: nya artikelnummer blir nya artiklar, kända uppdateras."
        />
        <section class="card mb-6" aria-labelledby="export">
            <h2 id="export" class="mb-2 text-lg font-semibold">"Exportera"</h2>
            <p class="mb-3">"Filen innehåller alla artiklar, även de som har utgått, med dagens pris och datumet det gäller från."</p>
            <a href="/admin/katalog.csv" class="btn-secondary" download="avrop-katalog.csv" rel="external">"Ladda ner katalogen (CSV)"</a>
        </section>
        <section class="card mb-6" aria-labelledby="import">
            <h2 id="import" class="mb-2 text-lg font-semibold">"Importera"</h2>
            <p class="mb-1">"Kolumner, i den här ordningen: " <code class="break-all text-sm">{CSV_COLUMNS.join("; ")}</code></p>
            <p class="mb-3 text-sm text-slate-700">
                "Ett ändrat pris läggs in från pris_från, som måste vara i dag eller senare. Först kontrolleras hela filen; inget sparas om någon rad är fel."
            </p>
            <div class="mb-4 flex flex-col gap-1">
                <label for="import-file" class="font-medium">"CSV-fil"</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file
                    class="max-w-full text-slate-900 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-sky-900 file:bg-white file:px-4 file:py-2 file:font-semibold file:text-sky-900 hover:file:bg-sky-50"/>
            </div>
            <div class="flex flex-wrap gap-3">
                <button type="button" class="btn-secondary" id="import-check"
                    disabled=move || content.get().is_none() || import.pending().get()
                    on:click=move |_| run(true)>"Kontrollera filen"</button>
                {move || {
                    let ready = matches!(report(), Some(Ok(r)) if r.dry_run && r.problems.is_empty());
                    ready.then(|| view! {
                        <button type="button" class="btn-primary" id="import-run"
                            disabled=move || import.pending().get()
                            on:click=move |_| run(false)>"Importera"</button>
                    })
                }}
            </div>
            {move || reading.get().then(|| view! { <p class="mt-3" role="status">"Läser filen…"</p> })}
            {move || import.pending().get().then(|| view! { <p class="mt-3" role="status">"Kontrollerar…"</p> })}
            <div aria-live="polite">
                {move || match report() {
                    None => None,
                    Some(Err(err)) => Some(view! { <div class="mt-4"><ErrorNotice err/></div> }.into_any_sync()),
                    Some(Ok(r)) => Some(view! { <ImportResult report=r file=file_name.get_untracked()/> }.into_any_sync()),
                }}
            </div>
        </section>
    }
}

#[component]
fn ImportResult(
    /// The outcome of a check or an import.
    report: ImportReport,
    /// The file's name.
    file: String,
) -> impl IntoView {
    let n = |count: u64, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    let summary = format!(
        "{}: {}, {}, {}, {}.",
        n(report.rows, "rad", "rader"),
        n(report.created, "ny", "nya"),
        n(report.updated, "ändrad", "ändrade"),
        n(report.price_changes, "prisändring", "prisändringar"),
        n(report.unchanged, "oförändrad", "oförändrade"),
    );
    if !report.problems.is_empty() {
        let n = report.problems.len();
        return view! {
            <div class="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-red-950" id="import-problems">
                <p class="mb-2 font-semibold" role="alert">
                    {format!("{file}: {n} fel – inget har sparats. Rätta filen och välj den igen.")}
                </p>
                <FileProblems problems=report.problems.into_iter().map(|p| (p.line, p.column, p.message)).collect()/>
            </div>
        }
        .into_any_sync();
    }
    if report.written {
        view! {
            <div class="mt-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" id="import-done" role="status">
                <p class="font-semibold">"Importen är klar."</p>
                <p>{summary}</p>
            </div>
        }
        .into_any_sync()
    } else {
        view! {
            <div class="mt-4 rounded-md border border-sky-300 bg-sky-50 p-4 text-sky-950" id="import-ok" role="status">
                <p class="font-semibold">{format!("{file} är korrekt. Inget är sparat än.")}</p>
                <p>{summary}</p>
                <p class="mt-1">"Välj Importera för att spara ändringarna."</p>
            </div>
        }
        .into_any_sync()
    }
}
