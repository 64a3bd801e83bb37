//! The result list and its loading, empty and error states.
//!
//! Pattern: a list of results with a heading and a link each, not a
//! combobox. A combobox suits picking one value into the field. Here each
//! result carries a code, levels and fields to compare, and leads to a full
//! detail view, so citizens read the list like a results page. Tab moves
//! between links, screen readers jump by heading, and each link is a real
//! `#dvc-procedure=<code>` address that can open in a new tab.

use dvc_core::api::ProcedureSummary;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::format::error_message;
use super::highlight::segments;
use super::state::{Filters, MoreState, ResultList, ResultsState};
use super::{Ui, DEEP_LINK_PREFIX};
use crate::api_client::percent_encode;

/// Renders the results area below the form.
pub(crate) fn results(ui: Ui) -> impl IntoView {
    let results = ui.controller.results;
    let list = Memo::new(move |_| {
        results.with(|results| match results {
            ResultsState::Loaded(list) => Some(list.clone()),
            ResultsState::Loading {
                previous: Some(list),
            } => Some(list.clone()),
            _ => None,
        })
    });
    let is_loading =
        move || results.with(|results| matches!(results, ResultsState::Loading { .. }));
    let first_load =
        move || results.with(|results| matches!(results, ResultsState::Loading { previous: None }));
    let has_list = move || list.with(|list| list.as_ref().is_some_and(|list| list.total > 0));
    let empty_query = move || {
        results.with(|results| match results {
            ResultsState::Loaded(list) if list.total == 0 => Some(list.query.clone()),
            _ => None,
        })
    };
    let failure = move || {
        results.with(|results| match results {
            ResultsState::Failed(error) => Some(error.clone()),
            _ => None,
        })
    };

    view! {
        <section
            class="dvc-results"
            aria-labelledby="dvc-results-heading"
            aria-busy=move || is_loading().to_string()
        >
            <Show when=has_list>
                <h2 id="dvc-results-heading" class="dvc-results-heading">
                    {move || ui.text.get().results_heading}
                </h2>
                {count_line(ui, list)}
                {result_list(ui, list)}
                {load_more(ui, list)}
            </Show>
            <Show when=move || is_loading() && !first_load()>
                <p class="dvc-searching" aria-hidden="true">{move || ui.text.get().searching}</p>
            </Show>
            <Show when=first_load>
                {skeleton(ui)}
            </Show>
            {move || empty_query().map(|query| no_results(ui, query))}
            {move || failure().map(|error| {
                let text = ui.text.get();
                let message = error_message(ui, &error);
                error_box(text.error_heading, message, text.retry, move || ui.controller.retry())
            })}
        </section>
    }
}

fn count_line(ui: Ui, list: Memo<Option<ResultList>>) -> impl IntoView {
    move || {
        let text = ui.text.get();
        let locale = ui.locale.get();
        list.with(|list| {
            let list = list.as_ref()?;
            let total = locale.format_integer(list.total as u64);
            let line = if list.has_more() {
                let shown = locale.format_integer(list.items.len() as u64);
                format!(
                    "{}. {}",
                    (text.results_found)(&total),
                    (text.results_shown)(&shown, &total)
                )
            } else {
                (text.results_found)(&total)
            };
            Some(view! { <p class="dvc-results-count">{line}</p> })
        })
    }
}

fn result_list(ui: Ui, list: Memo<Option<ResultList>>) -> impl IntoView {
    let items = move || {
        list.with(|list| {
            list.as_ref()
                .map(|list| list.items.iter().cloned().enumerate().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };

    view! {
        <ol class="dvc-result-list" node_ref=ui.result_list>
            <For
                each=items
                key=result_key
                children=move |(_, item)| result_item(ui, item)
            />
        </ol>
    }
}

/// Identifies a rendered result: a new position, name or highlight re-renders it.
fn result_key(
    (index, item): &(usize, ProcedureSummary),
) -> (usize, String, String, Vec<(u32, u32)>) {
    let highlights = item
        .highlights
        .iter()
        .map(|range| (range.start, range.end))
        .collect();
    (*index, item.code.clone(), item.name.clone(), highlights)
}

fn result_item(ui: Ui, item: ProcedureSummary) -> impl IntoView {
    let href = format!("#{DEEP_LINK_PREFIX}{}", percent_encode(&item.code));
    let name = segments(&item.name, &item.highlights)
        .into_iter()
        .map(|segment| {
            if segment.matched {
                view! { <mark>{segment.text}</mark> }.into_any()
            } else {
                segment.text.into_any()
            }
        })
        .collect_view();

    let code = item.code.clone();
    let full_name = item.name.clone();
    let on_click = move |event: MouseEvent| {
        // Modified clicks keep the browser's own behaviour (new tab, window).
        if event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        event.prevent_default();
        ui.open(code.clone(), Some(full_name.clone()));
    };

    let levels = item.levels.clone();
    let levels = move || {
        let locale = ui.locale.get();
        levels
            .iter()
            .map(|level| locale.level_label(*level))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fields = item.fields.join(", ");
    let online = item.online;

    view! {
        <li class="dvc-result" part="result" data-code=item.code.clone()>
            <h3 class="dvc-result-title">
                <a class="dvc-result-link" href=href on:click=on_click>{name}</a>
            </h3>
            <p class="dvc-result-meta">
                <span class="dvc-result-code">
                    <span class="dvc-meta-label">{move || ui.text.get().code_label}": "</span>
                    {item.code.clone()}
                </span>
                <span class="dvc-result-levels">{levels}</span>
                {(!fields.is_empty()).then(|| view! { <span class="dvc-result-fields">{fields}</span> })}
                {online.then(|| view! {
                    <span class="dvc-badge">{move || ui.text.get().online_badge}</span>
                })}
            </p>
        </li>
    }
}

/// Renders the "show more" button. After the next page arrives, focus moves
/// to its first result, so a keyboard user continues where the new results start.
fn load_more(ui: Ui, list: Memo<Option<ResultList>>) -> impl IntoView {
    let focus_index = StoredValue::new(None::<usize>);
    let more = move || {
        list.with(|list| {
            list.as_ref()
                .map(|list| (list.has_more(), list.more.clone()))
        })
    };

    Effect::new(move |_| {
        let loaded = list.with(|list| {
            list.as_ref()
                .filter(|list| list.more == MoreState::Idle)
                .map(|list| list.items.len())
        });
        let Some(loaded) = loaded else {
            return;
        };
        let Some(index) = focus_index.try_update_value(Option::take).flatten() else {
            return;
        };
        if index < loaded {
            request_animation_frame(move || focus_result(ui, index));
        }
    });

    move || {
        let text = ui.text.get();
        match more()? {
            (_, MoreState::Loading) => Some(
                view! { <p class="dvc-searching">{text.loading_more}</p> }.into_any(),
            ),
            (_, MoreState::Failed(error)) => Some(
                error_box(text.error_heading, error_message(ui, &error), text.retry, move || {
                    ui.controller.retry()
                })
                .into_any(),
            ),
            (true, MoreState::Idle) => Some(
                view! {
                    <button
                        type="button"
                        class="dvc-button dvc-button-secondary dvc-load-more"
                        part="button"
                        on:click=move |_| {
                            let loaded = list.with_untracked(|list| list.as_ref().map(|list| list.items.len()));
                            focus_index.set_value(loaded);
                            ui.controller.load_more();
                        }
                    >
                        {text.load_more}
                    </button>
                }
                .into_any(),
            ),
            (false, MoreState::Idle) => None,
        }
    }
}

fn focus_result(ui: Ui, index: usize) {
    let link = ui
        .result_list
        .get_untracked()
        .and_then(|list| list.children().item(u32::try_from(index).ok()?))
        .and_then(|item| item.query_selector("a").ok().flatten())
        .and_then(|link| link.dyn_into::<HtmlElement>().ok());
    if let Some(link) = link {
        // Focus scrolls the new result into view, which is the point here.
        _ = link.focus();
    }
}

/// Placeholder blocks while the first page loads; hidden from screen
/// readers, which hear the busy state of the results area instead.
fn skeleton(ui: Ui) -> impl IntoView {
    view! {
        <div class="dvc-skeleton" part="skeleton">
            <p class="dvc-visually-hidden">{move || ui.text.get().searching}</p>
            <div class="dvc-skeleton-items" aria-hidden="true">
                {(0..3)
                    .map(|_| view! {
                        <div class="dvc-skeleton-item">
                            <div class="dvc-skeleton-line dvc-skeleton-title"></div>
                            <div class="dvc-skeleton-line dvc-skeleton-meta"></div>
                        </div>
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// No match: what to try next, with example searches.
fn no_results(ui: Ui, query: String) -> impl IntoView {
    let has_filters = move || !ui.controller.filters.with(Filters::is_empty);
    let text = move || ui.text.get();

    view! {
        <div class="dvc-empty" part="empty">
            <p class="dvc-empty-title">{move || (text().no_results)(&query)}</p>
            <p>{move || text().suggestions_heading}</p>
            <ul class="dvc-suggestions">
                <li>{move || text().suggestion_spelling}</li>
                <li>{move || text().suggestion_fewer_words}</li>
                <Show when=has_filters>
                    <li>
                        {move || text().suggestion_filters}
                        " "
                        <button
                            type="button"
                            class="dvc-link-button"
                            on:click=move |_| ui.controller.set_filters(Filters::default())
                        >
                            {move || text().clear_filters}
                        </button>
                    </li>
                </Show>
            </ul>
            <p class="dvc-examples">
                {move || text().example_queries_label}
                " "
                {move || {
                    text()
                        .example_queries
                        .iter()
                        .map(|example| {
                            view! {
                                <button
                                    type="button"
                                    class="dvc-link-button dvc-example"
                                    on:click=move |_| search_example(ui, example)
                                >
                                    {*example}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </p>
        </div>
    }
}

/// Puts an example query into the field and searches it. Writing the field
/// is safe here: the citizen clicked a button and is not typing.
fn search_example(ui: Ui, example: &str) {
    if let Some(input) = ui.search_input.get_untracked() {
        input.set_value(example);
        super::focus_without_scrolling(&input);
    }
    ui.controller.submit(example.to_string());
}

/// Renders an error message with a retry button, announced as an alert.
pub(crate) fn error_box(
    heading: &'static str,
    message: String,
    retry_label: &'static str,
    retry: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="dvc-error" role="alert" part="error">
            <p class="dvc-error-title">{heading}</p>
            <p class="dvc-error-message">{message}</p>
            <button type="button" class="dvc-button dvc-button-secondary" on:click=move |_| retry()>
                {retry_label}
            </button>
        </div>
    }
}
