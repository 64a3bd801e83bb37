//! `<dvc-procedure-search>`: search the procedure catalogue and read a
//! procedure's detail.
//!
//! ```html
//! <dvc-procedure-search api-base="https://dichvucong.example.gov.vn"
//!                       level="province" locale="vi" page-size="10">
//!   <a href="https://dichvucong.gov.vn">Tra cứu thủ tục trên Cổng Dịch vụ công quốc gia</a>
//! </dvc-procedure-search>
//! ```
//!
//! Attributes are listed in [`config`]. The light-DOM content is the fallback
//! shown when the widget cannot run. When a procedure's detail has loaded,
//! the element dispatches `dvc-procedure-open` (bubbling, composed) with
//! `detail: { code, name }`; it carries nothing typed by the citizen.
//!
//! A page whose address ends in `#dvc-procedure=<code>` opens with that
//! procedure's detail; "copy link" produces such addresses.

mod announcer;
pub mod config;
mod detail;
mod detail_sections;
mod filters;
mod format;
pub mod highlight;
mod results;
mod search_form;
mod state;

use dvc_core::model::is_valid_procedure_code;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use self::announcer::Announcer;
use self::config::{Config, ConfigErrors};
use self::state::SearchController;
use crate::embed::{Stylesheet, WidgetContext, WidgetDefinition};
use crate::i18n::procedure_search::{strings, Strings};
use crate::i18n::Locale;

/// The custom element, for the registry in `lib.rs`.
pub static ELEMENT: WidgetDefinition = WidgetDefinition {
    tag: "dvc-procedure-search",
    observed_attributes: config::ATTRIBUTES,
    stylesheets: &[crate::styles::TOKENS, crate::styles::BASE, STYLESHEET],
    render,
};

const STYLESHEET: Stylesheet = Stylesheet {
    name: "procedure-search",
    css: include_str!("../../../styles/procedure-search.css"),
};

/// Fragment prefix of links to a procedure's detail on the host page.
pub const DEEP_LINK_PREFIX: &str = "dvc-procedure=";

/// A procedure whose detail is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenProcedure {
    pub code: String,
    /// The name from the result list; `None` when opened from a link.
    pub name: Option<String>,
}

/// Handles shared by the parts of one widget. Copy: all arena handles.
#[derive(Clone, Copy)]
pub(crate) struct Ui {
    pub config: Memo<Config>,
    pub locale: Memo<Locale>,
    pub text: Signal<&'static Strings>,
    pub controller: SearchController,
    pub announcer: Announcer,
    pub detail: RwSignal<Option<OpenProcedure>>,
    pub host: StoredValue<HtmlElement, LocalStorage>,
    pub search_input: NodeRef<html::Input>,
    pub result_list: NodeRef<html::Ol>,
    /// Window scroll position when the detail was opened.
    saved_scroll: StoredValue<(f64, f64)>,
}

impl Ui {
    /// Shows the detail of `code`, remembering the scroll position of the results.
    pub fn open(&self, code: String, name: Option<String>) {
        if let Some(window) = web_sys::window() {
            let x = window.scroll_x().unwrap_or_default();
            let y = window.scroll_y().unwrap_or_default();
            self.saved_scroll.set_value((x, y));
        }
        self.detail.set(Some(OpenProcedure { code, name }));
    }

    /// Closes the detail, restores the scroll position and puts focus back on
    /// the procedure's link. The search view was only hidden, so the query,
    /// filters and loaded pages are still there.
    pub fn back(&self) {
        let code = self
            .detail
            .with_untracked(|open| open.as_ref().map(|open| open.code.clone()));
        self.detail.set(None);

        let (x, y) = self.saved_scroll.get_value();
        let ui = *self;
        request_animation_frame(move || {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(x, y);
            }
            let link = code.and_then(|code| ui.result_link(&code));
            match link {
                Some(link) => focus_without_scrolling(&link),
                None => {
                    if let Some(input) = ui.search_input.get_untracked() {
                        focus_without_scrolling(&input);
                    }
                }
            }
        });
    }

    /// Returns the link of the result with `code`, when it is on screen.
    pub fn result_link(&self, code: &str) -> Option<HtmlElement> {
        let list = self.result_list.get_untracked()?;
        let items = list.children();
        (0..items.length())
            .filter_map(|index| items.item(index))
            .find(|item| item.get_attribute("data-code").as_deref() == Some(code))
            .and_then(|item| item.query_selector("a").ok().flatten())
            .and_then(|link| link.dyn_into::<HtmlElement>().ok())
    }
}

/// Moves focus to `element` and leaves the scroll position to the caller.
pub(crate) fn focus_without_scrolling(element: &HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    // An element that cannot take focus keeps the focus where it was.
    _ = element.focus_with_options(&options);
}

fn render(context: WidgetContext) -> AnyView {
    let attributes = context.attributes;
    let parsed = Memo::new(move |_| config::parse(&attributes.get()));
    let is_valid = Memo::new(move |_| parsed.with(Result::is_ok));
    let host = StoredValue::new_local(context.host);

    // The valid branch reads only `is_valid`, so attribute changes update the
    // mounted widget in place. The error list is a reactive view of its own:
    // reading `parsed` next to `is_valid` (which derives from it) in one
    // closure missed changes in leptos 0.8.23.
    (move || {
        if is_valid.get() {
            procedure_search(parsed, host).into_any()
        } else {
            (move || parsed.get().err().map(config_errors_view)).into_any()
        }
    })
    .into_any()
}

/// Lists what is wrong with the attributes, in place of the widget.
fn config_errors_view(errors: ConfigErrors) -> impl IntoView {
    let text = strings(errors.locale);
    for problem in &errors.problems {
        leptos::logging::warn!("<dvc-procedure-search>: {}", (text.config_problem)(problem));
    }

    view! {
        <div class="dvc-root dvc-config-errors" lang=errors.locale.lang_tag() part="root">
            <div class="dvc-error" role="alert" part="error">
                <p class="dvc-error-title">{text.config_heading}</p>
                <ul class="dvc-error-list">
                    {errors
                        .problems
                        .iter()
                        .map(|problem| view! { <li>{(text.config_problem)(problem)}</li> })
                        .collect_view()}
                </ul>
            </div>
        </div>
    }
}

/// Renders the widget proper, mounted while the attributes are valid.
fn procedure_search(
    parsed: Memo<Result<Config, ConfigErrors>>,
    host: StoredValue<HtmlElement, LocalStorage>,
) -> impl IntoView {
    // This view exists only while the attributes are valid. The last valid
    // value covers the moment between an attribute turning invalid and this
    // view being replaced.
    let Ok(initial) = parsed.get_untracked() else {
        return ().into_any();
    };
    let config = Memo::new(move |previous: Option<&Config>| match parsed.get() {
        Ok(config) => config,
        Err(_) => previous.cloned().unwrap_or_else(|| initial.clone()),
    });

    let locale = Memo::new(move |_| config.with(|config| config.locale));
    let settings = Memo::new(move |_| config.with(|config| config.search.clone()));
    let ui = Ui {
        config,
        locale,
        text: Signal::derive(move || strings(locale.get())),
        controller: SearchController::new(settings.into()),
        announcer: Announcer::new(),
        detail: RwSignal::new(None),
        host,
        search_input: NodeRef::new(),
        result_list: NodeRef::new(),
        saved_scroll: StoredValue::new((0.0, 0.0)),
    };
    ui.announcer.announce_results(ui);
    open_from_location(ui);

    let detail_open = move || ui.detail.with(Option::is_some);
    view! {
        <div class="dvc-root dvc-procedure-search" lang=move || locale.get().lang_tag() part="root">
            <div class="dvc-search-view" hidden=detail_open>
                {search_form::search_form(ui)}
                {filters::filters(ui)}
                {results::results(ui)}
            </div>
            {move || ui.detail.get().map(|open| detail::detail(ui, open))}
            {ui.announcer.live_region()}
        </div>
    }
    .into_any()
}

/// Opens the detail named by the page address (`#dvc-procedure=1.001193`).
fn open_from_location(ui: Ui) {
    let Some(hash) = web_sys::window().and_then(|window| window.location().hash().ok()) else {
        return;
    };
    let Some(encoded) = hash
        .strip_prefix('#')
        .and_then(|hash| hash.strip_prefix(DEEP_LINK_PREFIX))
    else {
        return;
    };
    let Some(code) = js_sys::decode_uri_component(encoded)
        .ok()
        .and_then(|code| code.as_string())
    else {
        return;
    };
    if is_valid_procedure_code(&code) {
        ui.detail.set(Some(OpenProcedure { code, name: None }));
    }
}
