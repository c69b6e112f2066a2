//! The browser half of Avrop: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Tells end-to-end tests (and the curious) that the page is interactive.
    let _ = js_sys::Reflect::set(
        &leptos::prelude::window(),
        &"__avrop_hydrated".into(),
        &wasm_bindgen::JsValue::TRUE,
    );
}
