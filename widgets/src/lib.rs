//! Embeddable widgets for Vietnam's public services.
//!
//! NOTE: placeholder until the procedure-search and dossier-status widgets land.

use leptos::prelude::*;

/// Mounts a placeholder message into `body`, for the demo page.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    mount_to_body(|| view! { <p>"dvc-widgets"</p> });
}
