//! An item's picture: shown, removed, or replaced by a file read in the
//! browser.

use crate::any_view::IntoAnySync;
use crate::catalog::admin::server_fns::*;
use crate::components::{ActionForm, FieldError};
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub(super) fn ImageSection(
    /// The item the picture belongs to.
    item_id: i32,
    /// The current picture.
    image_url: Option<String>,
    /// The item's name, for the picture's text alternative.
    name: String,
    upload: ServerAction<SetItemImage>,
    unimage: ServerAction<RemoveItemImage>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<String>);
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| upload.value().get().and_then(|r| r.err()))
            .or_else(|| unimage.value().get().and_then(|r| r.err()))
    });
    let on_file = move |ev: leptos::ev::Event| {
        chosen.set(None);
        local_error.set(None);
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(file) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            if file.size() > crate::domain::catalog::MAX_IMAGE_BYTES as f64 {
                local_error.set(Some(AppError::validation(
                    "image",
                    "Bilden är större än 1 MB. Spara den i en mindre storlek och försök igen.",
                )));
                return;
            }
            leptos::task::spawn_local(async move {
                use base64::Engine as _;
                match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => {
                        let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                        chosen.set(Some(base64::engine::general_purpose::STANDARD.encode(bytes)));
                    }
                    Err(_) => local_error.set(Some(AppError::validation("image", "Filen kunde inte läsas."))),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <section class="card mb-6" aria-labelledby="bild">
            <h2 id="bild" class="mb-3 text-lg font-semibold">"Bild"</h2>
            {match image_url {
                Some(src) => view! {
                    <img src=src alt=format!("Bild på {name}") id="admin-item-image"
                        class="mb-3 max-h-48 max-w-xs rounded-md border border-slate-200 bg-white object-contain p-2"/>
                    <ActionForm action=unimage attr:class="mb-4">
                        <input type="hidden" name="item_id" value=item_id/>
                        <button type="submit" class="btn-secondary">"Ta bort bilden"</button>
                    </ActionForm>
                }.into_any_sync(),
                None => view! { <p class="mb-3">"Artikeln har ingen bild. Katalogen visar den utan bild."</p> }.into_any_sync(),
            }}
            <div class="flex flex-wrap items-end gap-3">
                <div class="flex min-w-0 max-w-full flex-col gap-1">
                    <label for="image-file" class="font-medium">"Ny bild (PNG, JPEG eller WebP, högst 1 MB)"</label>
                    <input id="image-file" type="file" accept="image/png,image/jpeg,image/webp" on:change=on_file
                        aria-describedby="image-fel"
                        class="max-w-full text-slate-900 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-sky-900 file:bg-white file:px-4 file:py-2 file:font-semibold file:text-sky-900 hover:file:bg-sky-50"/>
                </div>
                <button type="button" class="btn-primary" id="image-upload"
                    disabled=move || chosen.get().is_none() || upload.pending().get()
                    on:click=move |_| {
                        if let Some(image_base64) = chosen.get_untracked() {
                            upload.dispatch(SetItemImage { item_id, image_base64 });
                        }
                    }>"Ladda upp bild"</button>
            </div>
            <FieldError error field="image"/>
        </section>
    }
}
