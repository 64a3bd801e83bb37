//! Custom elements: the registry of widgets and what the loader calls.
//!
//! A custom element class must be JavaScript, so the loader (`loader.js`,
//! shipped as `dist/dvc-widgets.js`) defines one class per
//! [`WidgetDefinition`] before the wasm is loaded. When an element connects,
//! the loader gives it an open shadow root with the widget's stylesheets
//! adopted and a container `<div>`, and [`runtime::mount_widget`] renders the
//! widget into that container. The element keeps the returned
//! [`MountedWidget`]: observed attribute changes go to
//! [`MountedWidget::attribute_changed`], and on disconnect the element calls
//! `free()`, which drops the Leptos `UnmountHandle`, so the view is removed
//! and its reactive owner disposed.
//!
//! Every mount is independent (its own owner), so one page can hold several
//! widgets of any kind, all served by one wasm instance. [`panic`] covers what
//! happens when one of them panics.

pub mod configured;
pub mod panic;
pub mod runtime;

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// A custom element that renders a widget.
pub struct WidgetDefinition {
    /// Element name, for example `dvc-procedure-search`.
    pub tag: &'static str,
    /// Attributes whose changes reach the widget after it is mounted.
    pub observed_attributes: &'static [&'static str],
    /// Stylesheets adopted into the shadow root, in cascade order.
    pub stylesheets: &'static [Stylesheet],
    /// Builds the widget's view; runs inside the mount's reactive owner.
    pub render: fn(WidgetContext) -> AnyView,
}

/// A stylesheet compiled into the wasm module.
///
/// Sheets with the same `name` are parsed once and shared by every shadow
/// root on the page, so the name must be unique per content.
pub struct Stylesheet {
    pub name: &'static str,
    pub css: &'static str,
}

/// Inputs a widget receives from its host element.
#[derive(Clone)]
pub struct WidgetContext {
    /// The custom element itself, for dispatching events to the host page.
    pub host: HtmlElement,
    /// Current values of the observed attributes.
    pub attributes: Signal<HostAttributes>,
}

/// Values of a host element's observed attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostAttributes(BTreeMap<String, String>);

impl HostAttributes {
    /// Reads `names` from `host`.
    pub fn read(host: &HtmlElement, names: &[&str]) -> HostAttributes {
        let values = names
            .iter()
            .filter_map(|name| Some((name.to_string(), host.get_attribute(name)?)))
            .collect();
        HostAttributes(values)
    }

    /// Builds attributes from pairs, for tests.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> HostAttributes {
        HostAttributes(
            pairs
                .into_iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
        )
    }

    /// Returns the trimmed value of `name`; an absent or blank attribute is `None`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
    }

    fn set(&mut self, name: &str, value: Option<String>) {
        match value {
            Some(value) => self.0.insert(name.to_string(), value),
            None => self.0.remove(name),
        };
    }
}

/// A widget mounted into a host element; the element keeps it until it disconnects.
#[wasm_bindgen]
pub struct MountedWidget {
    attributes: ArcRwSignal<HostAttributes>,
    // Dropping the handle unmounts the view and disposes its reactive owner.
    _view: leptos::mount::UnmountHandle<AnyViewState>,
}

#[wasm_bindgen]
impl MountedWidget {
    /// Passes a changed attribute to the widget; `None` means it was removed.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: &str, value: Option<String>) {
        self.attributes
            .update(|attributes| attributes.set(name, value));
    }
}

#[wasm_bindgen(module = "/src/embed/clipboard.js")]
extern "C" {
    /// Copies text to the clipboard; the promise resolves to a boolean.
    #[wasm_bindgen(js_name = copyText)]
    pub fn copy_text(text: &str) -> js_sys::Promise;
}

/// Renders `definition` into `container`, reading attributes from `host`;
/// `mount_id` names this mount in panic reports.
pub fn mount(
    definition: &'static WidgetDefinition,
    host: HtmlElement,
    container: HtmlElement,
    mount_id: u32,
) -> MountedWidget {
    let attributes = ArcRwSignal::new(HostAttributes::read(&host, definition.observed_attributes));
    let view_attributes = attributes.clone();

    let view = leptos::mount::mount_to(container, move || {
        provide_context(panic::WidgetIdentity {
            tag: definition.tag,
            mount_id,
        });
        (definition.render)(WidgetContext {
            host,
            attributes: view_attributes.into(),
        })
    });

    MountedWidget {
        attributes,
        _view: view,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_attributes_read_as_absent() {
        let attributes = HostAttributes::from_pairs([("level", "  "), ("field", " Hộ tịch ")]);
        assert_eq!(attributes.get("level"), None);
        assert_eq!(attributes.get("field"), Some("Hộ tịch"));
        assert_eq!(attributes.get("agency"), None);
    }

    #[test]
    fn removed_attribute_is_absent() {
        let mut attributes = HostAttributes::from_pairs([("locale", "en")]);
        attributes.set("locale", None);
        assert_eq!(attributes.get("locale"), None);
    }
}
