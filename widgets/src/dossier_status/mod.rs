//! `<dvc-dossier-status>`: a citizen looks up a dossier's status with its
//! code and a verifier, and reads what it means and what to do next.
//!
//! ```html
//! <dvc-dossier-status api-base="https://dichvucong.example.gov.vn" locale="vi">
//!   <a href="https://dichvucong.gov.vn">Tra cứu hồ sơ trên Cổng Dịch vụ công quốc gia</a>
//! </dvc-dossier-status>
//! ```
//!
//! Attributes are listed in [`config`]. The light-DOM content is the fallback
//! shown when the widget cannot run. When a status has loaded, the element
//! dispatches `dvc-dossier-result` (bubbling, composed) with
//! `detail: { status }`, the national status number (1 to 10) and nothing
//! else: no dossier code, no verifier, no name.
//!
//! A `ma-ho-so` parameter in the host page's address
//! (`?ma-ho-so=000.17.22.H56-210531-0001`) prefills the code field; the
//! verifier is never taken from the address. The widget writes nothing to
//! storage, cookies or the address, and logs no code or verifier.
//!
//! Due dates count Vietnamese working days ([`dvc_core::calendar`]) from
//! today in Vietnam (UTC+7) by the browser's clock.

pub mod config;
pub mod describe;
mod form;
pub mod input;
mod qr;
mod result;
pub mod state;

use dvc_core::dossier_code;
use leptos::html;
use leptos::prelude::*;
use web_sys::HtmlElement;

use self::config::{Config, ConfigErrors};
use self::input::{query_parameter, PREFILL_PARAMETER};
use self::state::LookupController;
use crate::embed::configured::{config_errors_view, render_configured};
use crate::embed::{Stylesheet, WidgetContext, WidgetDefinition};
use crate::i18n::dossier_status::{strings, Strings};
use crate::i18n::Locale;

/// The custom element, for the registry in `lib.rs`.
pub static ELEMENT: WidgetDefinition = WidgetDefinition {
    tag: "dvc-dossier-status",
    observed_attributes: config::ATTRIBUTES,
    stylesheets: &[crate::styles::TOKENS, crate::styles::BASE, STYLESHEET],
    render,
};

const STYLESHEET: Stylesheet = Stylesheet {
    name: "dossier-status",
    css: include_str!("../../../styles/dossier-status.css"),
};

/// Handles shared by the parts of one widget. Copy: all arena handles.
#[derive(Clone, Copy)]
pub(crate) struct Ui {
    pub config: Memo<Config>,
    pub locale: Memo<Locale>,
    pub text: Signal<&'static Strings>,
    pub controller: LookupController,
    pub code_input: NodeRef<html::Input>,
    pub verifier_input: NodeRef<html::Input>,
    announcement: RwSignal<String>,
    /// Alternates a trailing no-break space, so the same message twice in a
    /// row still changes the live region's text and is announced again.
    alternate: StoredValue<bool>,
}

impl Ui {
    /// Says `message` through the polite live region.
    pub fn announce(&self, message: String) {
        let alternate = !self.alternate.get_value();
        self.alternate.set_value(alternate);
        let suffix = if alternate { "\u{a0}" } else { "" };
        self.announcement.set(format!("{message}{suffix}"));
    }

    /// Puts a scanned code into the code field and moves on to the verifier.
    pub fn fill_code(&self, code: &str) {
        if let Some(input) = self.code_input.get_untracked() {
            input.set_value(code);
        }
        self.controller.code_problem.set(None);
        self.controller.code_unusual.set(false);
        if let Some(input) = self.verifier_input.get_untracked() {
            focus_element(&input);
        }
    }
}

/// Moves focus to `element`, scrolling it into view.
pub(crate) fn focus_element(element: &HtmlElement) {
    // An element that cannot take focus keeps the focus where it was.
    _ = element.focus();
}

fn render(context: WidgetContext) -> AnyView {
    render_configured(context, config::parse, dossier_status, config_errors)
}

/// Lists what is wrong with the attributes, in place of the widget.
fn config_errors(errors: ConfigErrors) -> AnyView {
    let text = strings(errors.locale);
    let problems = errors.problems.iter().map(text.config_problem).collect();
    config_errors_view(ELEMENT.tag, errors.locale, text.config_heading, problems)
}

/// Renders the widget proper, mounted while the attributes are valid.
fn dossier_status(config: Memo<Config>, host: StoredValue<HtmlElement, LocalStorage>) -> AnyView {
    let locale = Memo::new(move |_| config.with(|config| config.locale));
    let ui = Ui {
        config,
        locale,
        text: Signal::derive(move || strings(locale.get())),
        controller: LookupController::new(config, host),
        code_input: NodeRef::new(),
        verifier_input: NodeRef::new(),
        announcement: RwSignal::new(String::new()),
        alternate: StoredValue::new(false),
    };

    view! {
        <div class="dvc-root dvc-dossier-status" lang=move || locale.get().lang_tag() part="root">
            {form::lookup_form(ui, prefill_from_location())}
            <div class="dvc-outcome" aria-busy=move || {
                matches!(ui.controller.state.get(), state::LookupState::Loading).then_some("true")
            }>
                {result::outcome(ui)}
            </div>
            <div class="dvc-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || ui.announcement.get()}
            </div>
        </div>
    }
    .into_any()
}

/// Returns the normalised dossier code of the page's `ma-ho-so` parameter.
fn prefill_from_location() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let raw = query_parameter(&search, PREFILL_PARAMETER)?;
    let decoded = js_sys::decode_uri_component(&raw).ok()?.as_string()?;
    dossier_code::normalize(&decoded).ok()
}
