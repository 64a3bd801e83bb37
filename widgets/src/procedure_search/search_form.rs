//! The labelled search field.

use leptos::ev::{CompositionEvent, Event, SubmitEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::InputEvent;

use super::Ui;

/// Renders the search form: label, usage hint, field and button.
///
/// The field is uncontrolled: the widget reads its value on each event and
/// never sets it while the citizen types (see the state module for why).
pub(crate) fn search_form(ui: Ui) -> impl IntoView {
    let text = ui.text;
    let controller = ui.controller;
    let input_ref = ui.search_input;

    let on_input = move |event: Event| {
        let is_composing = event.dyn_ref::<InputEvent>().map(InputEvent::is_composing);
        controller.text_input(event_target_value(&event), is_composing);
    };
    let on_composition_end =
        move |event: CompositionEvent| controller.composition_end(event_target_value(&event));
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if let Some(input) = input_ref.get_untracked() {
            controller.submit(input.value());
        }
    };
    let placeholder = move || {
        ui.config
            .with(|config| config.placeholder.clone())
            .unwrap_or_else(|| text.get().default_placeholder.to_string())
    };

    view! {
        <form class="dvc-search" role="search" part="search" on:submit=on_submit>
            <label class="dvc-label" for="dvc-query">{move || text.get().search_label}</label>
            <p class="dvc-hint" id="dvc-query-hint">{move || text.get().search_hint}</p>
            <div class="dvc-search-row">
                <input
                    id="dvc-query"
                    class="dvc-input"
                    part="input"
                    type="search"
                    name="q"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    enterkeyhint="search"
                    aria-describedby="dvc-query-hint"
                    placeholder=placeholder
                    node_ref=input_ref
                    on:input=on_input
                    on:compositionstart=move |_| controller.composition_start()
                    on:compositionend=on_composition_end
                />
                <button type="submit" class="dvc-button dvc-button-primary" part="button">
                    {move || text.get().search_button}
                </button>
            </div>
            {scope_note(ui)}
        </form>
    }
}

/// Names the filters the host page fixed, so the citizen sees why some
/// procedures never appear.
fn scope_note(ui: Ui) -> impl IntoView {
    let parts = move || {
        let locale = ui.locale.get();
        ui.config.with(|config| {
            let scope = &config.search.scope;
            let mut parts: Vec<String> = Vec::new();
            if let Some(level) = scope.level {
                parts.push(locale.level_label(level).to_string());
            }
            parts.extend(scope.field.clone());
            parts.extend(scope.agency.clone());
            parts
        })
    };

    move || {
        let parts = parts();
        (!parts.is_empty()).then(|| {
            view! {
                <p class="dvc-scope">
                    {ui.text.get().scope_intro}
                    " "
                    <span class="dvc-scope-values">{parts.join(" · ")}</span>
                </p>
            }
        })
    }
}
