//! The browser half of Avrop: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // The pages load lazily in groups (`app/src/routes.rs`): the page's
        // group is loaded first (the server has named its files in the
        // page's head, so they are on their way), then the page hydrates
        // at once.
        let path = leptos::prelude::window().location().pathname().unwrap_or_default();
        app::routes::load_code_for(&path).await;
        leptos::mount::hydrate_body(app::App);
        // Tells end-to-end tests (and the curious) that the page is interactive.
        let _ = js_sys::Reflect::set(
            &leptos::prelude::window(),
            &"__avrop_hydrated".into(),
            &wasm_bindgen::JsValue::TRUE,
        );
    });
}
