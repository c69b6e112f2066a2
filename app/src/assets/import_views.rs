//! `/tillgangar/import`: the IT Asset Manager brings an older register in
//! from a CSV file. The file is checked first (nothing is written), every
//! wrong row is listed, and only a clean check can be imported: all rows
//! or none. The page follows the work while it runs.

use super::dto::{AssetImport, ImportPhase, IMPORT_COLUMNS, IMPORT_REQUIRED};
use super::server_fns::{get_asset_import, list_asset_imports, ConfirmAssetImport};
use crate::any_view::IntoAnySync;
use crate::components::{ErrorNotice, FileProblems, Loading, PageHeader, TableScroll};
use crate::domain::format;
use leptos::prelude::*;
use leptos_meta::Title;

/// What each column holds, as the page explains it.
const COLUMN_HELP: [(&str, &str); 11] = [
    ("tagg", "Tillgångens inventarienummer. Unikt, högst 40 tecken."),
    ("serienummer", "Tillverkarens serienummer. Får vara tomt, annars unikt."),
    (
        "modell",
        "Modellens namn, till exempel Dell Latitude 5450. Får vara tomt om artikelnummer finns.",
    ),
    (
        "artikelnummer",
        "Katalogens artikelnummer för modellen (kopplar tillgången till katalogen). Får vara tomt.",
    ),
    (
        "anvandare",
        "Användarnamn eller e-postadress. Tomt för en tillgång utan användare.",
    ),
    ("kostnadsstalle", "Kostnadsställets kod, till exempel 41210."),
    ("plats", "Var tillgången finns. Får vara tomt."),
    ("leveransdatum", "ÅÅÅÅ-MM-DD. Får vara tomt."),
    ("garanti_till", "Garantins sista dag, ÅÅÅÅ-MM-DD. Får vara tomt."),
    (
        "status",
        "I drift, På lager, På reparation, Stulen, Borttappad, Insamlad för avveckling, Raderad eller Avvecklad.",
    ),
    ("inventerad", "Senaste inventeringen, ÅÅÅÅ-MM-DD. Får vara tomt."),
];

/// Sends the chosen file as the body of `POST /tillgangar/import`.
#[cfg(feature = "hydrate")]
async fn upload(file: web_sys::File, dry_run: bool) -> Result<AssetImport, String> {
    use leptos::wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let failed = || "Filen kunde inte skickas. Kontrollera anslutningen och försök igen.".to_owned();
    let window = web_sys::window().ok_or_else(failed)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&file);
    let url = format!(
        "/tillgangar/import?fil={}&kontroll={}",
        String::from(js_sys::encode_uri_component(&file.name())),
        if dry_run { 1 } else { 0 }
    );
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .ok()
        .and_then(|r| r.dyn_into().ok())
        .ok_or_else(failed)?;
    let text = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| failed())
    } else {
        Err(serde_json::from_str::<crate::error::ErrorBody>(&text)
            .map(|b| b.message)
            .unwrap_or_else(|_| failed()))
    }
}

#[component]
pub fn AssetImportPage() -> impl IntoView {
    let current = RwSignal::new(None::<AssetImport>);
    let sending = RwSignal::new(false);
    let send_error = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let confirm = ServerAction::<ConfirmAssetImport>::new();
    // The list is read again whenever an import ends or starts.
    let ended = RwSignal::new(0u32);
    let recent = Resource::new(move || ended.get(), |_| list_asset_imports());

    // Follow the current import while it runs.
    Effect::new(move |_| {
        let Some(running) = current.get().filter(|i| i.phase.is_running()) else {
            return;
        };
        let id = running.id;
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    match get_asset_import(id.to_string()).await {
                        Ok(i) => {
                            if !i.phase.is_running() {
                                ended.update(|n| *n += 1);
                            }
                            current.set(Some(i));
                        }
                        Err(e) => send_error.set(Some(e.to_string())),
                    }
                });
            },
            std::time::Duration::from_millis(700),
        );
    });
    Effect::new(move |_| {
        if let Some(Ok(i)) = confirm.value().get() {
            ended.update(|n| *n += 1);
            current.set(Some(i));
        }
    });

    let send = move |dry_run: bool| {
        send_error.set(None);
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = file_input
                .get_untracked()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                send_error.set(Some("Välj en CSV-fil först.".into()));
                return;
            };
            sending.set(true);
            current.set(None);
            leptos::task::spawn_local(async move {
                let sent = upload(file, dry_run).await;
                sending.set(false);
                match sent {
                    Ok(i) => {
                        ended.update(|n| *n += 1);
                        current.set(Some(i));
                    }
                    Err(m) => send_error.set(Some(m)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (dry_run, file_input);
    };
    let on_file = move |ev: leptos::ev::Event| {
        send_error.set(None);
        current.set(None);
        let value = event_target_value(&ev);
        chosen.set(value.rsplit(['/', '\\']).next().unwrap_or_default().to_owned());
    };

    view! {
        <Title text="Importera tillgångar"/>
        <nav aria-label="Du är här" class="mb-3 text-sm"><a href="/tillgangar" class="link">"Tillgångar"</a>" › Importera"</nav>
        <PageHeader title="Importera tillgångar"
            lead="För in tillgångar från ett äldre register med en CSV-fil. Filen kontrolleras först och ingenting sparas förrän hela filen är rätt: alla rader importeras, eller ingen."/>
        <section class="card mb-6 min-w-0" aria-labelledby="import-fil">
            <h2 id="import-fil" class="mb-3 text-lg font-semibold">"1. Välj filen och kontrollera den"</h2>
            <div class="mb-4 flex flex-col gap-1">
                <label for="asset-import-file" class="font-medium">"CSV-fil (UTF-8, semikolon- eller kommaseparerad, högst 64 MB och 200 000 rader)"</label>
                <input id="asset-import-file" type="file" accept=".csv,text/csv,text/plain" node_ref=file_input on:change=on_file
                    class="max-w-full text-slate-900 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-sky-900 file:bg-white file:px-4 file:py-2 file:font-semibold file:text-sky-900 hover:file:bg-sky-50"/>
            </div>
            <button type="button" class="btn-primary" id="asset-import-check"
                disabled=move || chosen.read().is_empty() || sending.get()
                on:click=move |_| send(true)>"Kontrollera filen"</button>
            <div aria-live="polite" class="mt-3">
                {move || sending.get().then(|| view! { <p role="status">"Skickar filen…"</p> })}
                {move || send_error.get().map(|m| view! {
                    <div class="rounded-md border border-red-300 bg-red-50 p-4 text-red-900" role="alert" id="asset-import-error">
                        <p class="font-medium">{m}</p>
                    </div>
                })}
            </div>
            {move || current.get().map(|i| view! { <ImportStatus import=i confirm/> })}
        </section>
        <ColumnHelp/>
        <section class="card min-w-0" aria-labelledby="import-senaste">
            <h2 id="import-senaste" class="mb-3 text-lg font-semibold">"Senaste kontroller och importer"</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match recent.await {
                        Ok(r) if r.imports.is_empty() => view! { <p>"Inga filer har kontrollerats än."</p> }.into_any_sync(),
                        Ok(r) => view! { <RecentImports imports=r.imports current/> }.into_any_sync(),
                        Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// "12 000 av 100 000".
fn of(done: u64, total: u64) -> String {
    format!("{} av {}", format::count(done), format::count(total))
}

/// "1 tillgång", "2 000 tillgångar".
fn assets(n: u64) -> String {
    format!(
        "{} {}",
        format::count(n),
        if n == 1 { "tillgång" } else { "tillgångar" }
    )
}

/// "1 rad", "3 rader".
fn rows_sv(n: u64) -> String {
    format!("{} {}", format::count(n), if n == 1 { "rad" } else { "rader" })
}

/// An import's status in the list: a check that found problems says so.
fn status_sv(i: &AssetImport) -> &'static str {
    if i.phase == ImportPhase::Checked && i.problem_count > 0 {
        "Fel i filen"
    } else {
        i.phase.label_sv()
    }
}

#[component]
fn ImportStatus(import: AssetImport, confirm: ServerAction<ConfirmAssetImport>) -> impl IntoView {
    let what = if import.dry_run { "Kontroll" } else { "Import" };
    let heading = format!("{what} av {}", import.file_name);
    let rows = import.rows_total;
    let body = match import.phase {
        ImportPhase::Queued | ImportPhase::Checking => view! {
            <p role="status" id="asset-import-progress">"Kontrollerar raderna…"</p>
            <progress class="mt-2 w-full" aria-label="Kontrollen pågår"></progress>
        }
        .into_any_sync(),
        ImportPhase::Writing => {
            let label = if import.rows_written == 0 {
                format!("Sparar {}…", assets(rows))
            } else {
                format!("Sparar tillgångar: {}.", of(import.rows_written, rows))
            };
            view! {
                <p role="status" id="asset-import-progress">{label}</p>
                <progress class="mt-2 w-full" max=rows.max(1).to_string() value=import.rows_written.to_string()
                    aria-label="Importen pågår"></progress>
            }
            .into_any_sync()
        }
        ImportPhase::Checked | ImportPhase::Failed if import.problem_count > 0 => {
            let shown = import.problems.len() as u64;
            let more = (import.problem_count > shown).then(|| {
                format!("Visar de {} första felen.", format::count(shown))
            });
            view! {
                <div class="rounded-md border border-red-300 bg-red-50 p-4 text-red-950" id="asset-import-problems">
                    <p class="mb-2 font-semibold" role="alert">
                        {format!(
                            "{}: {} fel på {} – ingenting har sparats. Rätta filen och kontrollera den igen.",
                            import.file_name,
                            format::count(import.problem_count),
                            rows_sv(rows),
                        )}
                    </p>
                    {more.map(|m| view! { <p class="mb-2 text-sm">{m}</p> })}
                    <FileProblems problems=import.problems.into_iter().map(|p| (p.line, p.column, p.message)).collect()/>
                </div>
            }
            .into_any_sync()
        }
        ImportPhase::Failed => view! {
            <div class="rounded-md border border-red-300 bg-red-50 p-4 text-red-950" role="alert" id="asset-import-failed">
                <p class="font-medium">{import.message.unwrap_or_else(|| "Importen avbröts och ingenting sparades.".into())}</p>
            </div>
        }
        .into_any_sync(),
        ImportPhase::Checked => {
            let id = import.id.to_string();
            let button = format!("Importera {}", assets(rows));
            view! {
                <div class="rounded-md border border-sky-300 bg-sky-50 p-4 text-sky-950" role="status" id="asset-import-ok">
                    <p class="font-semibold">{format!("{} är korrekt: {} kan importeras. Ingenting är sparat än.", import.file_name, assets(rows))}</p>
                    {if import.mine {
                        view! {
                            <h3 class="mt-3 font-semibold">"2. Importera"</h3>
                            <button type="button" class="btn-primary mt-2" id="asset-import-run"
                                disabled=move || confirm.pending().get()
                                on:click=move |_| { confirm.dispatch(ConfirmAssetImport { id: id.clone() }); }>{button}</button>
                        }.into_any_sync()
                    } else {
                        view! { <p class="mt-2">{format!("Den som kontrollerade filen ({}) kan importera den.", import.created_by)}</p> }.into_any_sync()
                    }}
                    {move || match confirm.value().get() {
                        Some(Err(err)) => Some(view! { <div class="mt-3"><ErrorNotice err/></div> }),
                        _ => None,
                    }}
                </div>
            }
            .into_any_sync()
        }
        ImportPhase::Done => view! {
            <div class="rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" role="status" id="asset-import-done">
                <p class="font-semibold">{format!("Importen är klar: {} har lagts till i registret.", assets(import.rows_written))}</p>
                <p class="mt-1"><a href="/tillgangar?sortering=nyast" class="link">"Visa registret"</a></p>
            </div>
        }
        .into_any_sync(),
    };
    view! {
        <div class="mt-6 min-w-0" id="asset-import-current">
            <h3 class="mb-2 font-semibold">{heading}</h3>
            {body}
        </div>
    }
}

#[component]
fn ColumnHelp() -> impl IntoView {
    let header = IMPORT_COLUMNS.join(";");
    view! {
        <section class="card mb-6 min-w-0" aria-labelledby="import-kolumner">
            <h2 id="import-kolumner" class="mb-2 text-lg font-semibold">"Filens kolumner"</h2>
            <p class="mb-1">"Första raden namnger kolumnerna. Ordningen är fri, och kolumner som får vara tomma får också saknas. Rubrikraden med alla kolumner:"</p>
            <p class="mb-3"><code class="break-all text-sm">{header}</code></p>
            <TableScroll label="Filens kolumner">
                <table class="data-table">
                    <caption class="sr-only">"Filens kolumner"</caption>
                    <thead><tr><th scope="col">"Kolumn"</th><th scope="col">"Krävs"</th><th scope="col">"Innehåll"</th></tr></thead>
                    <tbody>
                        {COLUMN_HELP.iter().map(|(c, help)| view! {
                            <tr>
                                <td><code>{*c}</code></td>
                                <td>{if IMPORT_REQUIRED.contains(c) { "Ja" } else { "Nej" }}</td>
                                <td>{*help}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
        </section>
    }
}

#[component]
fn RecentImports(imports: Vec<AssetImport>, current: RwSignal<Option<AssetImport>>) -> impl IntoView {
    view! {
        <TableScroll label="Senaste kontroller och importer">
            <table class="data-table" id="asset-imports">
                <caption class="sr-only">"Senaste kontroller och importer"</caption>
                <thead><tr>
                    <th scope="col">"Fil"</th>
                    <th scope="col">"Slag"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col" class="text-right">"Rader"</th>
                    <th scope="col" class="text-right">"Fel"</th>
                    <th scope="col">"Av"</th>
                    <th scope="col">"Startad"</th>
                    <th scope="col"><span class="sr-only">"Åtgärd"</span></th>
                </tr></thead>
                <tbody>
                    {imports.into_iter().map(|i| {
                        let shown = i.clone();
                        view! {
                            <tr>
                                <td class="break-all">{i.file_name.clone()}</td>
                                <td>{if i.dry_run { "Kontroll" } else { "Import" }}</td>
                                <td>{status_sv(&i)}</td>
                                <td class="text-right">{format::count(i.rows_total)}</td>
                                <td class="text-right">{format::count(i.problem_count)}</td>
                                <td>{i.created_by.clone()}</td>
                                <td class="whitespace-nowrap">{format::date_time(i.created_at)}</td>
                                <td><button type="button" class="link" on:click=move |_| current.set(Some(shown.clone()))>
                                    "Visa"<span class="sr-only">{format!(" {}", i.file_name)}</span>
                                </button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
