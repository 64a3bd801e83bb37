//! Search state and the rules for when a search request is sent.
//!
//! - Typing schedules a search after [`DEBOUNCE`]; each keystroke restarts
//!   the wait.
//! - During IME composition nothing is scheduled; `compositionend` schedules
//!   the final text.
//! - The text is read from the field and never written back. Vietnamese input
//!   methods such as Unikey and EVKey edit by deleting and re-inserting
//!   characters without composition events, so a write from the widget
//!   would move the caret and corrupt their edit.
//! - The latest search wins: starting a search aborts the previous request,
//!   and a response whose generation is not the current one is dropped, in
//!   case the abort came too late.

use std::time::Duration;

use dvc_core::api::{Facets, ProcedureSummary};
use dvc_core::model::Level;
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::config::SearchSettings;
use crate::api_client::{FetchError, SearchParams};

/// Wait after the last keystroke before searching.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// Filters the citizen chose; the host's scope applies on top of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub level: Option<Level>,
    pub field: Option<String>,
    pub agency: Option<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.level.is_none() && self.field.is_none() && self.agency.is_none()
    }
}

/// Content of the results area.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ResultsState {
    /// Nothing typed yet, or the field was cleared.
    #[default]
    Idle,
    /// The first page is on its way; `previous` stays on screen meanwhile.
    Loading {
        previous: Option<ResultList>,
    },
    Loaded(ResultList),
    Failed(FetchError),
}

/// The loaded pages of one search.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultList {
    /// The query as sent.
    pub query: String,
    pub items: Vec<ProcedureSummary>,
    pub total: usize,
    pub facets: Facets,
    /// Last page loaded, 1-based.
    pub page: u32,
    pub more: MoreState,
}

impl ResultList {
    pub fn has_more(&self) -> bool {
        self.items.len() < self.total
    }
}

/// State of the "show more" request of a result list.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum MoreState {
    #[default]
    Idle,
    Loading,
    Failed(FetchError),
}

/// The query, filters and settings of one search; equal keys give equal results.
#[derive(Clone, Debug, PartialEq)]
struct SearchKey {
    query: String,
    filters: Filters,
    settings: SearchSettings,
}

/// Owns the search state of one widget. Copy: every field is an arena handle
/// disposed with the widget's owner.
#[derive(Clone, Copy)]
pub struct SearchController {
    settings: Signal<SearchSettings>,
    pub filters: RwSignal<Filters>,
    pub results: RwSignal<ResultsState>,
    /// Text of the search field as last read from it.
    typed: StoredValue<String>,
    composing: StoredValue<bool>,
    /// Key of the search shown or under way, to skip repeating it.
    current: StoredValue<Option<SearchKey>>,
    generation: StoredValue<u64>,
    in_flight: StoredValue<Option<AbortController>, LocalStorage>,
    more_in_flight: StoredValue<Option<AbortController>, LocalStorage>,
    debounce_timer: StoredValue<Option<TimeoutHandle>>,
}

impl SearchController {
    /// Creates the controller; its requests are aborted when the current
    /// reactive owner is disposed (the widget unmounts).
    pub fn new(settings: Signal<SearchSettings>) -> SearchController {
        let controller = SearchController {
            settings,
            filters: RwSignal::new(Filters::default()),
            results: RwSignal::new(ResultsState::Idle),
            typed: StoredValue::new(String::new()),
            composing: StoredValue::new(false),
            current: StoredValue::new(None),
            generation: StoredValue::new(0),
            in_flight: StoredValue::new_local(None),
            more_in_flight: StoredValue::new_local(None),
            debounce_timer: StoredValue::new(None),
        };

        // A changed scope, API base or page size changes the results of the
        // search on screen, so it is sent again.
        Effect::watch(
            move || settings.get(),
            move |_, _, _| controller.search(true),
            false,
        );

        on_cleanup(move || controller.cancel_all());
        controller
    }

    /// Handles an `input` event: schedules a search unless an IME is composing.
    ///
    /// `is_composing` is the event's own flag when it is an `InputEvent`. It
    /// wins over the flag kept from composition events, so a missed
    /// `compositionend` cannot stop searching for good.
    pub fn text_input(&self, text: String, is_composing: Option<bool>) {
        let composing = is_composing.unwrap_or_else(|| self.composing.get_value());
        self.composing.set_value(composing);
        if composing {
            return;
        }
        self.typed.set_value(text);
        self.schedule();
    }

    pub fn composition_start(&self) {
        self.composing.set_value(true);
        self.cancel_debounce();
    }

    /// Handles `compositionend`, which carries the final text of the composition.
    pub fn composition_end(&self, text: String) {
        self.composing.set_value(false);
        self.typed.set_value(text);
        self.schedule();
    }

    /// Searches the field's text now (Enter or the search button), even when
    /// the same search is on screen: the citizen asked, and hears the count again.
    pub fn submit(&self, text: String) {
        self.composing.set_value(false);
        self.typed.set_value(text);
        self.cancel_debounce();
        self.search(true);
    }

    /// Replaces the citizen's filters and searches again.
    pub fn set_filters(&self, filters: Filters) {
        self.filters.set(filters);
        self.cancel_debounce();
        self.search(false);
    }

    /// Sends the failed request again: the first page, or the next page.
    pub fn retry(&self) {
        let more_failed = self.results.with_untracked(|results| {
            matches!(results, ResultsState::Loaded(list) if matches!(list.more, MoreState::Failed(_)))
        });
        if more_failed {
            self.load_more();
        } else {
            self.search(true);
        }
    }

    /// Fetches the next page of the results on screen and appends it.
    pub fn load_more(&self) {
        let Some(key) = self.current.get_value() else {
            return;
        };
        let next_page = self.results.with_untracked(|results| match results {
            ResultsState::Loaded(list) if list.has_more() && list.more != MoreState::Loading => {
                Some(list.page + 1)
            }
            _ => None,
        });
        let Some(next_page) = next_page else {
            return;
        };

        let generation = self.generation.get_value();
        let abort = AbortController::new().ok();
        self.more_in_flight.set_value(abort.clone());
        self.set_more_state(MoreState::Loading);

        let controller = *self;
        spawn_local(async move {
            let Some(abort) = abort else {
                controller.set_more_state(MoreState::Failed(FetchError::Network(
                    "AbortController is not available".into(),
                )));
                return;
            };
            let params = search_params(&key, next_page);
            let result = key.settings.client.search_procedures(&params, &abort).await;
            if controller.generation.try_get_value() != Some(generation) {
                return;
            }

            match result {
                Ok(response) => controller.results.update(|results| {
                    if let ResultsState::Loaded(list) = results {
                        for item in response.items {
                            if !list.items.iter().any(|known| known.code == item.code) {
                                list.items.push(item);
                            }
                        }
                        list.total = response.total;
                        list.page = next_page;
                        list.more = MoreState::Idle;
                    }
                }),
                Err(FetchError::Aborted) => {}
                Err(error) => controller.set_more_state(MoreState::Failed(error)),
            }
        });
    }

    fn set_more_state(&self, state: MoreState) {
        self.results.update(|results| {
            if let ResultsState::Loaded(list) = results {
                list.more = state;
            }
        });
    }

    fn schedule(&self) {
        self.cancel_debounce();
        let controller = *self;
        let timer = set_timeout_with_handle(move || controller.search(false), DEBOUNCE).ok();
        self.debounce_timer.set_value(timer);
    }

    fn cancel_debounce(&self) {
        if let Some(timer) = self.debounce_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    }

    fn cancel_all(&self) {
        self.cancel_debounce();
        for slot in [self.in_flight, self.more_in_flight] {
            if let Some(abort) = slot.try_update_value(Option::take).flatten() {
                abort.abort();
            }
        }
    }

    /// Starts the first page of the search for the typed text and filters;
    /// `force` sends it even when the same search is already on screen.
    fn search(&self, force: bool) {
        // The debounce timer or an effect may fire after the widget unmounted.
        let (Some(typed), Some(settings)) = (
            self.typed.try_get_value(),
            self.settings.try_get_untracked(),
        ) else {
            return;
        };

        let query = typed.trim().to_string();
        if query.is_empty() {
            self.cancel_all();
            self.generation.update_value(|generation| *generation += 1);
            self.current.set_value(None);
            self.results.set(ResultsState::Idle);
            return;
        }

        let key = SearchKey {
            query,
            filters: self.filters.get_untracked(),
            settings,
        };
        if !force
            && self
                .current
                .with_value(|current| current.as_ref() == Some(&key))
        {
            return;
        }

        self.cancel_all();
        self.generation.update_value(|generation| *generation += 1);
        let generation = self.generation.get_value();
        self.current.set_value(Some(key.clone()));

        let abort = AbortController::new().ok();
        self.in_flight.set_value(abort.clone());
        self.results.update(|results| {
            let previous = match std::mem::take(results) {
                ResultsState::Loaded(list) => Some(list),
                ResultsState::Loading { previous } => previous,
                ResultsState::Idle | ResultsState::Failed(_) => None,
            };
            *results = ResultsState::Loading { previous };
        });

        let controller = *self;
        spawn_local(async move {
            let result = match abort {
                Some(abort) => {
                    let params = search_params(&key, 1);
                    key.settings.client.search_procedures(&params, &abort).await
                }
                None => Err(FetchError::Network(
                    "AbortController is not available".into(),
                )),
            };
            if controller.generation.try_get_value() != Some(generation) {
                return;
            }
            controller.in_flight.set_value(None);

            match result {
                Ok(response) => controller.results.set(ResultsState::Loaded(ResultList {
                    query: key.query,
                    items: response.items,
                    total: response.total,
                    facets: response.facets,
                    page: 1,
                    more: MoreState::Idle,
                })),
                Err(FetchError::Aborted) => {}
                Err(error) => controller.results.set(ResultsState::Failed(error)),
            }
        });
    }
}

/// Builds the request of `page`, with the host's scope over the citizen's filters.
fn search_params(key: &SearchKey, page: u32) -> SearchParams {
    let scope = &key.settings.scope;
    SearchParams {
        query: key.query.clone(),
        level: scope.level.or(key.filters.level),
        field: scope.field.clone().or_else(|| key.filters.field.clone()),
        agency: scope.agency.clone().or_else(|| key.filters.agency.clone()),
        page,
        limit: key.settings.page_size,
    }
}
