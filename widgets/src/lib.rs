//! Embeddable widgets for Vietnam's public services, as custom elements.
//!
//! - [`procedure_search`]: `<dvc-procedure-search>`, the procedure lookup.
//! - [`dossier_status`]: `<dvc-dossier-status>`, a dossier's status by its code.
//! - [`embed`]: the custom-element registry and the bridge to its JavaScript classes.
//! - [`api_client`]: requests to portal API v1, with timeouts and typed errors.
//! - [`i18n`]: locales and every user-visible string.
//!
//! The loader (`embed/loader.js`, shipped as `dist/dvc-widgets.js`) defines
//! an element for each entry of [`WIDGETS`], instantiates this module when the
//! first one connects, and mounts them through [`embed::runtime`].

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

/// Installs the panic hook; runs at each instantiation, restarts included.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    embed::panic::install_hook();
}
