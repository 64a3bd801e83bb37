//! Functions the loader (`dist/dvc-widgets.js`) calls on the wasm module.
//!
//! The loader defines the custom elements itself, before the wasm is
//! downloaded, so that the module is fetched and instantiated only when the
//! first element connects. It then mounts each element through
//! [`mount_widget`] and adopts the sheets from [`widget_stylesheets`] into the
//! element's shadow root.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::{mount, MountedWidget, WidgetDefinition};

/// Renders the widget `tag` into `container`, reading its attributes from
/// `host`; `mount_id` names this mount in panic reports.
///
/// The caller keeps the returned [`MountedWidget`] and calls `free()` on it
/// when the element disconnects. Fails when `tag` is not a widget of this
/// module, which means the loader and the wasm come from different builds.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    tag: &str,
    host: HtmlElement,
    container: HtmlElement,
    mount_id: u32,
) -> Result<MountedWidget, JsError> {
    let definition = find(tag)?;
    Ok(mount(definition, host, container, mount_id))
}

/// Returns the stylesheets of `tag` in cascade order, as `[name, css]` pairs.
///
/// A name is unique per content, so the loader parses each sheet once and
/// shares it between shadow roots.
#[wasm_bindgen(js_name = widgetStylesheets)]
pub fn widget_stylesheets(tag: &str) -> Result<js_sys::Array, JsError> {
    let definition = find(tag)?;
    Ok(definition
        .stylesheets
        .iter()
        .map(|sheet| {
            js_sys::Array::of2(
                &JsValue::from_str(sheet.name),
                &JsValue::from_str(sheet.css),
            )
        })
        .collect())
}

/// Asks the wasm-bindgen glue to replace this instance with a fresh one from
/// the same compiled module on the next call into the module.
///
/// The loader calls it after a panic or a failed call, when this instance's
/// memory may be inconsistent. Objects and closures of the old instance then
/// throw when used instead of reaching the new one.
// NOTE: `schedule_reinit` is a hidden (`#[doc(hidden)]`) wasm-bindgen API;
// it works with `panic = "abort"` in wasm-bindgen 0.2.130, the version pinned
// in Cargo.lock, and may change in other versions.
#[wasm_bindgen(js_name = scheduleRestart)]
pub fn schedule_restart() {
    wasm_bindgen::handler::schedule_reinit();
}

/// Does nothing itself: calling it carries out a restart scheduled by
/// [`schedule_restart`].
///
/// The glue replaces the instance at the start of the next export call, but
/// wasm-bindgen 0.2.130 copies string arguments into the old instance's
/// memory before that check, so the new instance would receive pointers into
/// memory it never allocated. The loader therefore makes this call, which
/// takes no arguments, right after scheduling.
#[wasm_bindgen(js_name = applyRestart)]
pub fn apply_restart() {}

fn find(tag: &str) -> Result<&'static WidgetDefinition, JsError> {
    crate::WIDGETS
        .iter()
        .copied()
        .find(|definition| definition.tag == tag)
        .ok_or_else(|| {
            JsError::new(&format!(
                "<{tag}> is not a widget of this wasm module; serve the loader and the wasm \
                 of one `cargo xtask dist` build together"
            ))
        })
}

#[cfg(test)]
mod tests {
    /// The loader defines the elements before the wasm exists, from its own table.
    const LOADER: &str = include_str!("loader.js");

    #[test]
    fn loader_table_matches_registry() {
        for definition in crate::WIDGETS {
            let attributes: Vec<String> = definition
                .observed_attributes
                .iter()
                .map(|name| format!("\"{name}\""))
                .collect();
            let line = format!("  \"{}\": [{}],", definition.tag, attributes.join(", "));
            assert!(LOADER.contains(&line), "loader.js lacks the line\n{line}");
        }

        let entries = LOADER
            .lines()
            .filter(|line| line.starts_with("  \"dvc-"))
            .count();
        assert_eq!(entries, crate::WIDGETS.len());
    }

    #[test]
    fn loader_listens_for_panic_event() {
        let line = format!(
            "const RUNTIME_FAILURE_EVENT = \"{}\";",
            super::super::panic::RUNTIME_FAILURE_EVENT
        );
        assert!(LOADER.contains(&line), "loader.js lacks the line\n{line}");
    }
}
