//! The lookup form: dossier code, QR scanner, verifier and submit button.

use dvc_core::dossier_code::{DossierCodeError, MAX_DOSSIER_CODE_CHARS, USUAL_SHAPE_EXAMPLE};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::input::{VerifierProblem, MAX_VERIFIER_CHARS};
use super::qr::qr_scanner;
use super::state::SubmitOutcome;
use super::{focus_element, Ui};

const CODE_HINT_ID: &str = "dvc-code-hint";
const CODE_ERROR_ID: &str = "dvc-code-error";
const CODE_UNUSUAL_ID: &str = "dvc-code-unusual";
const VERIFIER_HINT_ID: &str = "dvc-verifier-hint";
const VERIFIER_ERROR_ID: &str = "dvc-verifier-error";

/// Reads both fields and starts a lookup, or moves focus to the first
/// invalid field. "Try again" buttons call this too, so a retry sends what
/// the fields hold now and the widget never has to keep the verifier.
pub(crate) fn submit_form(ui: Ui) {
    let (Some(code_input), Some(verifier_input)) = (
        ui.code_input.get_untracked(),
        ui.verifier_input.get_untracked(),
    ) else {
        return;
    };

    let (outcome, code) = ui
        .controller
        .submit(&code_input.value(), &verifier_input.value());
    if let Some(code) = code {
        code_input.set_value(&code);
    }
    match outcome {
        SubmitOutcome::InvalidCode => focus_element(&code_input),
        SubmitOutcome::InvalidVerifier => focus_element(&verifier_input),
        SubmitOutcome::Started => ui.announce(ui.text.get_untracked().looking_up.to_string()),
    }
}

/// Renders the form. Both fields are uncontrolled: the widget reads them on
/// submit. It writes the code field only then (with the normalised code) or
/// when a QR code fills it, never while the citizen types, so Vietnamese
/// input methods keep control of the caret.
pub(crate) fn lookup_form(ui: Ui, prefill: Option<String>) -> impl IntoView {
    let text = ui.text;
    let controller = ui.controller;

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submit_form(ui);
    };

    let code_error = move || {
        let text = text.get();
        controller.code_problem.get().map(|problem| match problem {
            DossierCodeError::Empty => text.code_missing.to_string(),
            DossierCodeError::TooLong { .. } => (text.code_too_long)(MAX_DOSSIER_CODE_CHARS),
            DossierCodeError::ControlCharacter { .. } => text.code_control_character.to_string(),
        })
    };
    let verifier_error = move || {
        let text = text.get();
        controller
            .verifier_problem
            .get()
            .map(|problem| match problem {
                VerifierProblem::Missing => text.verifier_missing.to_string(),
                VerifierProblem::TooLong => (text.verifier_too_long)(MAX_VERIFIER_CHARS),
                VerifierProblem::ControlCharacter => text.verifier_control_character.to_string(),
            })
    };
    let code_unusual =
        move || controller.code_unusual.get() && controller.code_problem.with(Option::is_none);

    let code_described_by = move || {
        let mut ids = vec![CODE_HINT_ID];
        if controller.code_problem.with(Option::is_some) {
            ids.push(CODE_ERROR_ID);
        }
        if code_unusual() {
            ids.push(CODE_UNUSUAL_ID);
        }
        ids.join(" ")
    };
    let verifier_described_by = move || {
        if controller.verifier_problem.with(Option::is_some) {
            format!("{VERIFIER_HINT_ID} {VERIFIER_ERROR_ID}")
        } else {
            VERIFIER_HINT_ID.to_string()
        }
    };
    let verifier_label = move || {
        ui.config
            .with(|config| config.verifier_label.clone())
            .unwrap_or_else(|| text.get().default_verifier_label.to_string())
    };

    view! {
        <form class="dvc-lookup" part="form" novalidate on:submit=on_submit>
            <p class="dvc-intro">{move || text.get().intro}</p>

            <div class="dvc-field" class:dvc-field-invalid=move || code_error().is_some()>
                <label class="dvc-label" for="dvc-code">{move || text.get().code_label}</label>
                <p class="dvc-hint" id=CODE_HINT_ID>
                    {move || (text.get().code_hint)(USUAL_SHAPE_EXAMPLE)}
                </p>
                {move || code_error().map(|message| view! {
                    <p class="dvc-field-error" id=CODE_ERROR_ID>{message}</p>
                })}
                <input
                    id="dvc-code"
                    class="dvc-input dvc-code-input"
                    part="input"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    enterkeyhint="search"
                    aria-describedby=code_described_by
                    aria-invalid=move || code_error().is_some().then_some("true")
                    prop:value=prefill.unwrap_or_default()
                    node_ref=ui.code_input
                />
                {move || code_unusual().then(|| view! {
                    <p class="dvc-note" id=CODE_UNUSUAL_ID>{text.get().code_unusual}</p>
                })}
            </div>

            {qr_scanner(ui)}

            <div class="dvc-field" class:dvc-field-invalid=move || verifier_error().is_some()>
                <label class="dvc-label" for="dvc-verifier">{verifier_label}</label>
                <p class="dvc-hint" id=VERIFIER_HINT_ID>{move || text.get().verifier_hint}</p>
                {move || verifier_error().map(|message| view! {
                    <p class="dvc-field-error" id=VERIFIER_ERROR_ID>{message}</p>
                })}
                // Not a password field, so password managers neither offer nor
                // save it; no name, so form history has no key to store it under.
                <input
                    id="dvc-verifier"
                    class="dvc-input dvc-verifier-input"
                    part="input"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    enterkeyhint="search"
                    aria-describedby=verifier_described_by
                    aria-invalid=move || verifier_error().is_some().then_some("true")
                    node_ref=ui.verifier_input
                />
            </div>

            <button type="submit" class="dvc-button dvc-button-primary dvc-submit" part="button">
                {move || text.get().submit}
            </button>
        </form>
    }
}
