//! The polite live region that announces changes to screen reader users.

use std::time::Duration;

use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;

use super::state::{MoreState, ResultsState};
use super::Ui;

/// Wait before announcing a result count, so that typing a word produces one
/// announcement instead of one per response.
const RESULTS_DELAY: Duration = Duration::from_millis(800);

/// A `role="status"` region and the pending announcement. Copy: arena handles.
#[derive(Clone, Copy)]
pub(crate) struct Announcer {
    text: RwSignal<String>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Alternates a trailing no-break space, so the same message twice in a
    /// row still changes the region's text and is announced again.
    alternate: StoredValue<bool>,
}

impl Announcer {
    pub fn new() -> Announcer {
        let announcer = Announcer {
            text: RwSignal::new(String::new()),
            timer: StoredValue::new(None),
            alternate: StoredValue::new(false),
        };
        on_cleanup(move || announcer.cancel());
        announcer
    }

    /// The region itself; it must be in the page before its first message.
    pub fn live_region(&self) -> impl IntoView {
        let text = self.text;
        view! {
            <div class="dvc-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || text.get()}
            </div>
        }
    }

    /// Announces `message` after `delay`, replacing a pending announcement.
    pub fn announce(&self, message: String, delay: Duration) {
        self.cancel();
        let announcer = *self;
        let timer = set_timeout_with_handle(
            move || {
                let Some(alternate) = announcer.alternate.try_update_value(|alternate| {
                    *alternate = !*alternate;
                    *alternate
                }) else {
                    return;
                };
                let suffix = if alternate { "\u{a0}" } else { "" };
                announcer.text.set(format!("{message}{suffix}"));
            },
            delay,
        )
        .ok();
        self.timer.set_value(timer);
    }

    /// Clears the region and drops a pending announcement.
    pub fn clear(&self) {
        self.cancel();
        self.text.set(String::new());
    }

    fn cancel(&self) {
        if let Some(timer) = self.timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    }

    /// Announces the result count whenever a search or a further page loads.
    /// Nothing is announced before the first search, so the usage hint is not
    /// followed by "no results".
    pub fn announce_results(&self, ui: Ui) {
        let announcer = *self;
        Effect::new(move |_| {
            let text = ui.text.get();
            let locale = ui.locale.get();
            let message = ui.controller.results.with(|results| match results {
                ResultsState::Loaded(list) if list.more == MoreState::Idle => {
                    let total = locale.format_integer(list.total as u64);
                    Some(if list.total == 0 {
                        text.no_results_announcement.to_string()
                    } else if list.page == 1 {
                        (text.results_found)(&total)
                    } else {
                        let shown = locale.format_integer(list.items.len() as u64);
                        (text.results_shown)(&shown, &total)
                    })
                }
                ResultsState::Idle => Some(String::new()),
                _ => None,
            });

            match message {
                Some(message) if message.is_empty() => announcer.clear(),
                Some(message) => announcer.announce(message, RESULTS_DELAY),
                None => {}
            }
        });
    }
}
