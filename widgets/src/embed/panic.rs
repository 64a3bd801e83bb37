//! The panic hook: it names the widget that failed and notifies the loader.
//!
//! The browser bundle is built with `panic = "abort"`, so a panic ends in a
//! trap that stops the whole wasm instance, not only the widget that panicked.
//! Before that trap the hook logs one console error that names the widget
//! (its tag and the loader's mount id) and dispatches
//! [`RUNTIME_FAILURE_EVENT`] on `window`. The loader then shows the
//! failed widget's fallback content and restarting the other widgets on a
//! fresh instance of the same compiled module.

use std::panic::PanicHookInfo;

use leptos::prelude::use_context;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit};

/// Event the hook dispatches on `window` before the instance traps, with
/// `detail: { tag, mountId }` (both `null` when the widget is unknown).
pub const RUNTIME_FAILURE_EVENT: &str = "dvc-widgets-runtime-failure";

/// The widget a reactive owner belongs to, provided as context at mount, so
/// the hook can name the widget whose effect or event handler panicked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidgetIdentity {
    /// Element name, for example `dvc-procedure-search`.
    pub tag: &'static str,
    /// Number the loader gave this mount, unique on the page.
    pub mount_id: u32,
}

/// Installs the hook; a restarted instance installs it again.
pub fn install_hook() {
    std::panic::set_hook(Box::new(report));
}

fn report(info: &PanicHookInfo) {
    // Code outside any widget's reactive owner (an async task, for
    // example) has no identity.
    let widget = use_context::<WidgetIdentity>();
    let location = info.location().map(|location| {
        format!(
            "{}:{}:{}",
            location.file(),
            location.line(),
            location.column()
        )
    });
    let message = if cfg!(debug_assertions) {
        panic_message(info)
    } else {
        None
    };

    leptos::logging::error!(
        "{}",
        describe(widget, location.as_deref(), message.as_deref())
    );
    notify_loader(widget);
}

/// Builds the console line for a panic.
///
/// Release builds leave the panic message out: messages such as a failed
/// string slice quote the text involved, which may be what a citizen typed,
/// and the location is enough to find the cause.
fn describe(
    widget: Option<WidgetIdentity>,
    location: Option<&str>,
    message: Option<&str>,
) -> String {
    let subject = match widget {
        Some(widget) => format!("<{}> (mount {})", widget.tag, widget.mount_id),
        None => "a widget (not identified: the panic ran outside any widget's owner)".to_owned(),
    };
    let mut line = format!("dvc-widgets: {subject} stopped on a Rust panic");
    if let Some(location) = location {
        line.push_str(&format!(" at {location}"));
    }
    if let Some(message) = message {
        line.push_str(&format!(": {message}"));
    }
    line.push_str(". The wasm instance stops with it.");
    line
}

fn panic_message(info: &PanicHookInfo) -> Option<String> {
    let payload = info.payload();
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
}

/// Dispatches [`RUNTIME_FAILURE_EVENT`]; the loader's listener runs
/// synchronously, before the trap.
fn notify_loader(widget: Option<WidgetIdentity>) {
    let Some(window) = web_sys::window() else {
        return;
    };

    let detail = js_sys::Object::new();
    let tag = widget.map_or(JsValue::NULL, |widget| JsValue::from_str(widget.tag));
    let mount_id = widget.map_or(JsValue::NULL, |widget| JsValue::from(widget.mount_id));
    let filled = js_sys::Reflect::set(&detail, &JsValue::from_str("tag"), &tag).is_ok()
        && js_sys::Reflect::set(&detail, &JsValue::from_str("mountId"), &mount_id).is_ok();
    if !filled {
        return;
    }

    let init = CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(RUNTIME_FAILURE_EVENT, &init) {
        // A listener that throws is reported by the browser; the panic goes on.
        _ = window.dispatch_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEARCH: WidgetIdentity = WidgetIdentity {
        tag: "dvc-procedure-search",
        mount_id: 3,
    };

    #[test]
    fn describe_names_widget_and_location() {
        let line = describe(
            Some(SEARCH),
            Some("widgets/src/procedure_search/state.rs:120:9"),
            None,
        );
        assert_eq!(
            line,
            "dvc-widgets: <dvc-procedure-search> (mount 3) stopped on a Rust panic at \
             widgets/src/procedure_search/state.rs:120:9. The wasm instance stops with it."
        );
    }

    #[test]
    fn describe_unknown_widget() {
        let line = describe(None, None, None);
        assert!(
            line.starts_with("dvc-widgets: a widget (not identified"),
            "{line}"
        );
        assert!(
            line.ends_with("stopped on a Rust panic. The wasm instance stops with it."),
            "{line}"
        );
    }

    #[test]
    fn describe_adds_message_when_given() {
        let line = describe(Some(SEARCH), Some("a.rs:1:1"), Some("index out of bounds"));
        assert!(line.contains("at a.rs:1:1: index out of bounds."), "{line}");
    }
}
