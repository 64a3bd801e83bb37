//! The detail view of one procedure: loading, actions and layout.

use std::time::Duration;

use dvc_core::model::{ChannelKind, Procedure};
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, CustomEvent, CustomEventInit};

use super::detail_sections::sections;
use super::format::error_message;
use super::results::error_box;
use super::{OpenProcedure, Ui, DEEP_LINK_PREFIX};
use crate::api_client::{percent_encode, FetchError};
use crate::links::safe_http_url;

/// Name of the event dispatched on the host element when a detail has loaded.
pub const OPEN_EVENT: &str = "dvc-procedure-open";

#[derive(Clone, Debug, PartialEq)]
enum DetailState {
    Loading,
    Loaded(Box<Procedure>),
    Failed(FetchError),
}

/// Renders the detail of `open`, fetched from the API. Another code mounts a new view.
pub(crate) fn detail(ui: Ui, open: OpenProcedure) -> impl IntoView {
    let state = RwSignal::new(DetailState::Loading);
    let in_flight = StoredValue::new_local(None::<AbortController>);
    let title_ref = NodeRef::<html::H2>::new();
    let code = open.code.clone();

    let abort_in_flight = move || {
        if let Some(abort) = in_flight.try_update_value(Option::take).flatten() {
            abort.abort();
        }
    };
    on_cleanup(abort_in_flight);

    let load = {
        let code = code.clone();
        move || {
            abort_in_flight();
            state.set(DetailState::Loading);
            let Ok(abort) = AbortController::new() else {
                state.set(DetailState::Failed(FetchError::Network(
                    "AbortController is not available".into(),
                )));
                return;
            };
            in_flight.set_value(Some(abort.clone()));

            let client = ui
                .config
                .with_untracked(|config| config.search.client.clone());
            let code = code.clone();
            spawn_local(async move {
                let result = client.procedure(&code, &abort).await;
                if abort.signal().aborted() && result != Err(FetchError::Timeout) {
                    return;
                }
                match result {
                    Ok(procedure) => {
                        dispatch_open_event(ui, &procedure);
                        state.try_set(DetailState::Loaded(Box::new(procedure)));
                    }
                    Err(FetchError::Aborted) => {}
                    Err(error) => {
                        state.try_set(DetailState::Failed(error));
                    }
                }
            });
        }
    };
    load();

    // The heading takes focus at once, so screen readers hear the new view
    // and keyboard users start from its top.
    request_animation_frame(move || {
        if let Some(title) = title_ref.get_untracked() {
            title.scroll_into_view();
            super::focus_without_scrolling(&title);
        }
    });

    let title = {
        let code = code.clone();
        move || {
            let text = ui.text.get();
            state.with(|state| match state {
                DetailState::Loaded(procedure) => procedure.name.clone(),
                _ => open
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("{} {code}", text.code_label)),
            })
        }
    };
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            ui.back();
        }
    };

    let body = move || {
        let text = ui.text.get();
        match state.get() {
            DetailState::Loading => view! {
                <p class="dvc-searching" role="status">{text.loading_detail}</p>
            }
            .into_any(),
            DetailState::Failed(FetchError::Status { status: 404, .. }) => {
                let retry = load.clone();
                error_box(
                    text.detail_error_heading,
                    (text.error_not_found)(&code),
                    text.retry,
                    retry,
                )
                .into_any()
            }
            DetailState::Failed(error) => {
                let retry = load.clone();
                error_box(
                    text.detail_error_heading,
                    error_message(ui, &error),
                    text.retry,
                    retry,
                )
                .into_any()
            }
            DetailState::Loaded(procedure) => view! {
                {actions(ui, &procedure)}
                {sections(ui, &procedure)}
            }
            .into_any(),
        }
    };

    view! {
        <section
            class="dvc-detail"
            part="detail"
            aria-labelledby="dvc-detail-title"
            on:keydown=on_keydown
        >
            <div class="dvc-detail-nav dvc-no-print">
                <button type="button" class="dvc-button dvc-button-secondary dvc-back" on:click=move |_| ui.back()>
                    <span aria-hidden="true">"← "</span>
                    {move || ui.text.get().back_to_results}
                </button>
            </div>
            <h2 id="dvc-detail-title" class="dvc-detail-title" tabindex="-1" node_ref=title_ref>
                {title}
            </h2>
            {body}
        </section>
    }
}

/// Link to the official page (or online submission), copy link and print.
fn actions(ui: Ui, procedure: &Procedure) -> impl IntoView {
    let text = ui.text.get_untracked();
    let official = procedure
        .official_url
        .as_deref()
        .and_then(safe_http_url)
        .map(str::to_string);
    let online = procedure
        .channels
        .iter()
        .any(|channel| channel.kind == ChannelKind::Online);
    let link = share_link(&procedure.code);
    let copy_failed = RwSignal::new(false);

    let copy = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            spawn_local(async move {
                let copied = JsFuture::from(crate::embed::copy_text(&link))
                    .await
                    .ok()
                    .and_then(|value| value.as_bool())
                    .unwrap_or(false);
                copy_failed.try_set(!copied);
                if copied {
                    let message = ui.text.get_untracked().link_copied.to_string();
                    ui.announcer.announce(message, Duration::from_millis(50));
                }
            });
        }
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            // The browser shows its own message when it cannot print.
            _ = window.print();
        }
    };

    view! {
        <div class="dvc-detail-actions">
            {official.map(|url| {
                let label = if online { text.submit_online } else { text.official_page };
                view! {
                    <a class="dvc-button dvc-button-primary" part="button" href=url target="_blank" rel="noopener noreferrer">
                        {label}
                        <span class="dvc-visually-hidden">" "{text.opens_in_new_tab}</span>
                    </a>
                }
            })}
            <button type="button" class="dvc-button dvc-button-secondary dvc-no-print" on:click=copy>
                {text.copy_link}
            </button>
            <button type="button" class="dvc-button dvc-button-secondary dvc-no-print" on:click=print>
                {text.print}
            </button>
        </div>
        <Show when=move || copy_failed.get()>
            <p class="dvc-copy-fallback dvc-no-print">
                {text.copy_failed}
                " "
                <a href=link.clone()>{link.clone()}</a>
            </p>
        </Show>
    }
}

/// Returns the host page's address with `#dvc-procedure=<code>`.
fn share_link(code: &str) -> String {
    let page = web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default();
    let page = page.split('#').next().unwrap_or_default();
    format!("{page}#{DEEP_LINK_PREFIX}{}", percent_encode(code))
}

/// Tells the host page which procedure the citizen opened: its code and
/// name only, nothing the citizen typed.
fn dispatch_open_event(ui: Ui, procedure: &Procedure) {
    let detail = js_sys::Object::new();
    let set = |name: &str, value: &str| {
        js_sys::Reflect::set(&detail, &JsValue::from_str(name), &JsValue::from_str(value))
    };
    if set("code", &procedure.code).is_err() || set("name", &procedure.name).is_err() {
        return;
    }

    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    let Ok(event) = CustomEvent::new_with_event_init_dict(OPEN_EVENT, &init) else {
        return;
    };
    ui.host.try_with_value(|host| {
        // The host's listeners run synchronously; their failures are theirs.
        _ = host.dispatch_event(&event);
    });
}
