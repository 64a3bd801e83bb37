//! Embeddable widgets for Vietnam's public services, as custom elements.
//!
//! - [`procedure_search`]: `<dvc-procedure-search>`, the procedure lookup.
//! - [`dossier_status`]: `<dvc-dossier-status>`, a dossier's status by its code.
//! - [`embed`]: the custom-element registry and the bridge to its JavaScript classes.
//! - [`api_client`]: requests to portal API v1, with timeouts and typed errors.
//! - [`i18n`]: locales and every user-visible string.
//!
//! Loading the wasm module runs [`start`], which defines every element in
//! [`WIDGETS`]; elements already in the page are upgraded and mounted.

pub mod api_client;
pub mod attributes;
pub mod dossier_status;
pub mod embed;
pub mod i18n;
pub mod links;
pub mod procedure_search;
pub mod styles;

use embed::WidgetDefinition;

/// Every widget this module defines as a custom element.
pub static WIDGETS: &[&WidgetDefinition] = &[&procedure_search::ELEMENT, &dossier_status::ELEMENT];

/// Installs the panic hook and defines the custom elements.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    embed::panic::install_hook();
    embed::define_elements(WIDGETS);
}
