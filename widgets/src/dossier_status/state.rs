//! Lookup state and the rules for sending a lookup.
//!
//! - The code and verifier are read from the fields when the form is
//!   submitted and live only in that request: nothing keeps the verifier
//!   afterwards, and "try again" reads the fields anew.
//! - The latest lookup wins: a new one aborts the request under way, and a
//!   response of an older generation is dropped.
//! - After a 429 the widget sends nothing until the server's `Retry-After`
//!   wait has passed. A citizen who presses the button again sees the
//!   remaining wait, and the attempt does not count against the limit.

use std::time::Duration;

use dvc_core::api::{ApiError, DossierLookupRequest};
use dvc_core::date::Date;
use dvc_core::dossier_code::{looks_usual, DossierCodeError};
use dvc_core::model::DossierStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use web_sys::{AbortController, CustomEvent, CustomEventInit, HtmlElement};

use super::config::Config;
use super::input::{check_code, check_verifier, VerifierProblem};

/// Name of the event dispatched on the host element when a status has loaded.
pub const RESULT_EVENT: &str = "dvc-dossier-result";

/// Content of the outcome area.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LookupState {
    #[default]
    Idle,
    Loading,
    Loaded(Box<Found>),
    Failed(LookupFailure),
}

/// A dossier's status and the day in Vietnam it was looked up on.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub dossier: DossierStatus,
    /// `None` only when the browser's clock is outside years 1 to 9999.
    pub today: Option<Date>,
}

/// Reason a lookup produced no status, as the widget explains it to the citizen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupFailure {
    /// Unknown code or wrong verifier: the portal does not say which.
    NotFound {
        unusual_code: bool,
    },
    /// Too many lookups from this client.
    RateLimited {
        wait: Option<Duration>,
    },
    /// Too many failed lookups of this code.
    CodeLocked {
        wait: Option<Duration>,
    },
    Timeout,
    Network,
    Malformed,
    /// The portal rejected the request (400) with this error, when it sent one.
    Rejected(Option<ApiError>),
    /// Any other error status.
    Status(u16),
}

/// Maps a request error to the failure shown to the citizen, or `None` for a
/// request that a newer one aborted.
pub fn classify(error: crate::api_client::FetchError, unusual_code: bool) -> Option<LookupFailure> {
    use crate::api_client::FetchError;

    Some(match error {
        FetchError::Aborted => return None,
        FetchError::Timeout => LookupFailure::Timeout,
        FetchError::Network(_) => LookupFailure::Network,
        FetchError::Malformed(_) => LookupFailure::Malformed,
        FetchError::Status { status: 404, .. } => LookupFailure::NotFound { unusual_code },
        FetchError::Status {
            status: 429,
            error,
            retry_after,
        } => {
            let locked = error.is_some_and(|error| error.code == "dossier_locked");
            if locked {
                LookupFailure::CodeLocked { wait: retry_after }
            } else {
                LookupFailure::RateLimited { wait: retry_after }
            }
        }
        FetchError::Status {
            status: 400, error, ..
        } => LookupFailure::Rejected(error),
        FetchError::Status { status, .. } => LookupFailure::Status(status),
    })
}

/// A wait the server asked for, during which no lookup is sent.
#[derive(Clone, Debug, PartialEq)]
struct Block {
    /// End of the wait, in milliseconds since 1970.
    until_ms: f64,
    /// The locked code for [`LookupFailure::CodeLocked`]; `None` blocks every lookup.
    code: Option<String>,
}

/// Owns the lookup state of one widget. Copy: every field is an arena handle
/// disposed with the widget's owner.
#[derive(Clone, Copy)]
pub struct LookupController {
    config: Memo<Config>,
    host: StoredValue<HtmlElement, LocalStorage>,
    pub state: RwSignal<LookupState>,
    pub code_problem: RwSignal<Option<DossierCodeError>>,
    pub verifier_problem: RwSignal<Option<VerifierProblem>>,
    /// Whether the last submitted code has another shape than usual.
    pub code_unusual: RwSignal<bool>,
    /// Set with each new outcome; the outcome view takes focus once and clears it.
    pub focus_pending: StoredValue<bool>,
    generation: StoredValue<u64>,
    in_flight: StoredValue<Option<AbortController>, LocalStorage>,
    block: StoredValue<Option<Block>>,
}

/// Result of a submit, for the form to act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// A field is invalid; focus it.
    InvalidCode,
    InvalidVerifier,
    /// The lookup was sent, or the wait still running is shown.
    Started,
}

impl LookupController {
    /// Creates the controller; its request is aborted when the current
    /// reactive owner is disposed (the widget unmounts).
    pub fn new(
        config: Memo<Config>,
        host: StoredValue<HtmlElement, LocalStorage>,
    ) -> LookupController {
        let controller = LookupController {
            config,
            host,
            state: RwSignal::new(LookupState::Idle),
            code_problem: RwSignal::new(None),
            verifier_problem: RwSignal::new(None),
            code_unusual: RwSignal::new(false),
            focus_pending: StoredValue::new(false),
            generation: StoredValue::new(0),
            in_flight: StoredValue::new_local(None),
            block: StoredValue::new(None),
        };
        on_cleanup(move || controller.abort_in_flight());
        controller
    }

    /// Checks the typed values and sends the lookup. Returns the normalised
    /// code along with the outcome, so the form can show what was looked up.
    pub fn submit(
        &self,
        typed_code: &str,
        typed_verifier: &str,
    ) -> (SubmitOutcome, Option<String>) {
        let code = check_code(typed_code);
        let verifier = check_verifier(typed_verifier);
        self.code_problem.set(code.as_ref().err().copied());
        self.verifier_problem.set(verifier.as_ref().err().copied());

        let code = match code {
            Ok(code) => code,
            Err(_) => return (SubmitOutcome::InvalidCode, None),
        };
        self.code_unusual.set(!looks_usual(&code));
        let Ok(verifier) = verifier else {
            return (SubmitOutcome::InvalidVerifier, Some(code));
        };

        if let Some(wait) = self.remaining_block(&code) {
            self.abort_in_flight();
            self.finish(wait);
            return (SubmitOutcome::Started, Some(code));
        }

        self.send(DossierLookupRequest {
            code: code.clone(),
            verifier,
        });
        (SubmitOutcome::Started, Some(code))
    }

    /// Returns the failure to show when a wait for `code` is still running.
    fn remaining_block(&self, code: &str) -> Option<LookupFailure> {
        let block = self.block.get_value()?;
        let left_ms = block.until_ms - js_sys::Date::now();
        if left_ms <= 0.0 {
            self.block.set_value(None);
            return None;
        }
        let wait = Some(Duration::from_millis(left_ms.ceil() as u64));
        match block.code {
            None => Some(LookupFailure::RateLimited { wait }),
            Some(locked) if locked == code => Some(LookupFailure::CodeLocked { wait }),
            Some(_) => None,
        }
    }

    fn send(&self, request: DossierLookupRequest) {
        self.abort_in_flight();
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.state.set(LookupState::Loading);

        let Ok(abort) = AbortController::new() else {
            self.finish(LookupFailure::Network);
            return;
        };
        self.in_flight.set_value(Some(abort.clone()));

        let controller = *self;
        let client = self.config.with_untracked(|config| config.client.clone());
        let unusual_code = !looks_usual(&request.code);
        spawn_local(async move {
            let result = client.lookup_dossier(&request, &abort).await;
            if controller.generation.try_get_value() != Some(generation) {
                return;
            }
            controller.in_flight.try_set_value(None);

            match result {
                Ok(dossier) => {
                    dispatch_result_event(controller.host, &dossier);
                    let found = Found {
                        dossier,
                        today: today_in_vietnam(),
                    };
                    controller.focus_pending.try_set_value(true);
                    controller
                        .state
                        .try_set(LookupState::Loaded(Box::new(found)));
                }
                Err(error) => {
                    if let Some(failure) = classify(error, unusual_code) {
                        controller.remember_block(&failure, &request.code);
                        controller.finish(failure);
                    }
                }
            }
        });
    }

    /// Shows `failure` and lets its view take focus.
    fn finish(&self, failure: LookupFailure) {
        self.focus_pending.try_set_value(true);
        self.state.try_set(LookupState::Failed(failure));
    }

    fn remember_block(&self, failure: &LookupFailure, code: &str) {
        let (wait, code) = match failure {
            LookupFailure::RateLimited { wait: Some(wait) } => (wait, None),
            LookupFailure::CodeLocked { wait: Some(wait) } => (wait, Some(code.to_string())),
            _ => return,
        };
        self.block.try_set_value(Some(Block {
            until_ms: js_sys::Date::now() + wait.as_millis() as f64,
            code,
        }));
    }

    fn abort_in_flight(&self) {
        if let Some(abort) = self.in_flight.try_update_value(Option::take).flatten() {
            abort.abort();
        }
    }
}

/// Returns today's date in Vietnam (UTC+7) by the browser's clock.
pub fn today_in_vietnam() -> Option<Date> {
    let seconds = (js_sys::Date::now() / 1000.0).floor() as i64;
    Date::in_vietnam_at(seconds)
}

/// Tells the host page that a status loaded: `detail: { status: 5 }`, the
/// national status number and nothing else, so no code or personal data
/// reaches the host's analytics.
fn dispatch_result_event(host: StoredValue<HtmlElement, LocalStorage>, dossier: &DossierStatus) {
    let detail = js_sys::Object::new();
    let status = JsValue::from(dossier.status.number());
    if js_sys::Reflect::set(&detail, &JsValue::from_str("status"), &status).is_err() {
        return;
    }

    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    let Ok(event) = CustomEvent::new_with_event_init_dict(RESULT_EVENT, &init) else {
        return;
    };
    host.try_with_value(|host| {
        // The host's listeners run synchronously; their failures are theirs.
        _ = host.dispatch_event(&event);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api_client::FetchError;

    fn status_error(status: u16, code: Option<&str>, retry_after: Option<u64>) -> FetchError {
        FetchError::Status {
            status,
            error: code.map(|code| ApiError {
                code: code.into(),
                message: "Thông báo".into(),
            }),
            retry_after: retry_after.map(Duration::from_secs),
        }
    }

    #[test]
    fn not_found_is_one_failure() {
        assert_eq!(
            classify(status_error(404, Some("dossier_not_found"), None), false),
            Some(LookupFailure::NotFound {
                unusual_code: false
            })
        );
        assert_eq!(
            classify(status_error(404, None, None), true),
            Some(LookupFailure::NotFound { unusual_code: true })
        );
    }

    #[test]
    fn too_many_requests_keep_the_wait() {
        assert_eq!(
            classify(status_error(429, Some("rate_limited"), Some(42)), false),
            Some(LookupFailure::RateLimited {
                wait: Some(Duration::from_secs(42))
            })
        );
        assert_eq!(
            classify(status_error(429, Some("dossier_locked"), Some(900)), false),
            Some(LookupFailure::CodeLocked {
                wait: Some(Duration::from_secs(900))
            })
        );
        assert_eq!(
            classify(status_error(429, None, None), false),
            Some(LookupFailure::RateLimited { wait: None })
        );
    }

    #[test]
    fn other_errors() {
        assert_eq!(classify(FetchError::Aborted, false), None);
        assert_eq!(
            classify(FetchError::Timeout, false),
            Some(LookupFailure::Timeout)
        );
        assert_eq!(
            classify(FetchError::Network("Failed to fetch".into()), false),
            Some(LookupFailure::Network)
        );
        assert_eq!(
            classify(FetchError::Malformed("expected value".into()), false),
            Some(LookupFailure::Malformed)
        );
        assert!(matches!(
            classify(status_error(400, Some("invalid_verifier"), None), false),
            Some(LookupFailure::Rejected(Some(_)))
        ));
        assert_eq!(
            classify(status_error(502, None, None), false),
            Some(LookupFailure::Status(502))
        );
    }
}
