//! Mounting a widget only while its host's attributes form a valid
//! configuration, and explaining the attributes in its place otherwise.

use leptos::prelude::*;
use web_sys::HtmlElement;

use super::{HostAttributes, WidgetContext};
use crate::i18n::Locale;

/// Renders `valid` while `parse` accepts the host's attributes, and
/// `invalid` with the problems whenever it does not.
///
/// `valid` runs each time the attributes turn valid. Its configuration memo
/// keeps the last valid value, so the moment between an attribute turning
/// invalid and the view being replaced never sees an error.
pub fn render_configured<C, E>(
    context: WidgetContext,
    parse: fn(&HostAttributes) -> Result<C, E>,
    valid: fn(Memo<C>, StoredValue<HtmlElement, LocalStorage>) -> AnyView,
    invalid: fn(E) -> AnyView,
) -> AnyView
where
    C: Clone + PartialEq + Send + Sync + 'static,
    E: Clone + PartialEq + Send + Sync + 'static,
{
    let attributes = context.attributes;
    let parsed = Memo::new(move |_| parse(&attributes.get()));
    let is_valid = Memo::new(move |_| parsed.with(Result::is_ok));
    let host = StoredValue::new_local(context.host);

    (move || {
        if !is_valid.get() {
            return match parsed.get_untracked() {
                Ok(_) => ().into_any(),
                Err(errors) => invalid(errors),
            };
        }

        let Ok(initial) = parsed.get_untracked() else {
            return ().into_any();
        };
        let config = Memo::new(move |previous: Option<&C>| match parsed.get() {
            Ok(config) => config,
            Err(_) => previous.cloned().unwrap_or_else(|| initial.clone()),
        });
        valid(config, host)
    })
    .into_any()
}

/// Lists what is wrong with the attributes of `<tag>`, in place of the
/// widget, and repeats each problem as a console warning for the host's
/// developers.
pub fn config_errors_view(
    tag: &str,
    locale: Locale,
    heading: &'static str,
    problems: Vec<String>,
) -> AnyView {
    for problem in &problems {
        leptos::logging::warn!("<{tag}>: {problem}");
    }

    view! {
        <div class="dvc-root dvc-config-errors" lang=locale.lang_tag() part="root">
            <div class="dvc-error" role="alert" part="error">
                <p class="dvc-error-title">{heading}</p>
                <ul class="dvc-error-list">
                    {problems
                        .into_iter()
                        .map(|problem| view! { <li>{problem}</li> })
                        .collect_view()}
                </ul>
            </div>
        </div>
    }
    .into_any()
}
