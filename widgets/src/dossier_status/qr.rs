//! Filling the code field from the QR code of the receipt.
//!
//! Offered only in a secure context with a `BarcodeDetector`; elsewhere the
//! widget renders nothing here. The camera is tried first. Where there is no
//! camera API, or the camera fails or permission is denied, the citizen can
//! choose a photo of the receipt instead, decoded by the same detector.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use super::input::code_from_qr_text;
use super::Ui;

#[wasm_bindgen(module = "/src/dossier_status/qr.js")]
extern "C" {
    #[wasm_bindgen(js_name = qrScanSupported)]
    fn qr_scan_supported() -> bool;

    #[wasm_bindgen(js_name = cameraApiAvailable)]
    fn camera_api_available() -> bool;

    #[wasm_bindgen(js_name = scanWithCamera)]
    fn scan_with_camera(video: &JsValue, signal: &web_sys::AbortSignal) -> js_sys::Promise;

    #[wasm_bindgen(js_name = decodePhoto)]
    fn decode_photo(input: &JsValue) -> js_sys::Promise;
}

/// What the scanner area shows besides its buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scan {
    Idle,
    Camera,
    ReadingPhoto,
}

/// Message under the scanner buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
enum QrMessage {
    None,
    Starting,
    CameraUnavailable,
    ReadingPhoto,
    NoCodeFound,
    NotADossierCode,
    CodeRead(String),
}

/// Renders the scanner buttons, the camera view and their messages, or
/// nothing where QR codes cannot be scanned.
pub(crate) fn qr_scanner(ui: Ui) -> impl IntoView {
    if !qr_scan_supported() {
        return ().into_any();
    }

    let scan = RwSignal::new(Scan::Idle);
    let message = RwSignal::new(QrMessage::None);
    let camera_failed = RwSignal::new(!camera_api_available());
    let in_flight = StoredValue::new_local(None::<AbortController>);
    let video_ref = NodeRef::<html::Video>::new();
    let photo_input = NodeRef::<html::Input>::new();
    let photo_button = NodeRef::<html::Button>::new();
    let stop_button = NodeRef::<html::Button>::new();
    let camera_button = NodeRef::<html::Button>::new();

    let stop_camera = move || {
        if let Some(abort) = in_flight.try_update_value(Option::take).flatten() {
            abort.abort();
        }
    };
    on_cleanup(stop_camera);

    // Turns the text of a QR code into the code field's value.
    let accept_text = move |text: String| {
        let decode = |value: &str| {
            js_sys::decode_uri_component(value)
                .ok()
                .and_then(|value| value.as_string())
        };
        match code_from_qr_text(&text, decode) {
            Some(code) => {
                ui.fill_code(&code);
                message.set(QrMessage::CodeRead(code));
            }
            None => message.set(QrMessage::NotADossierCode),
        }
    };

    let start_camera = move |_| {
        stop_camera();
        let Ok(abort) = AbortController::new() else {
            camera_failed.set(true);
            message.set(QrMessage::CameraUnavailable);
            return;
        };
        in_flight.set_value(Some(abort.clone()));
        scan.set(Scan::Camera);
        message.set(QrMessage::Starting);

        // The video element exists once this frame has rendered.
        request_animation_frame(move || {
            let Some(video) = video_ref.get_untracked() else {
                return;
            };
            if let Some(button) = stop_button.get_untracked() {
                _ = button.focus();
            }
            let scanning = scan_with_camera(video.as_ref(), &abort.signal());
            spawn_local(async move {
                let result = JsFuture::from(scanning).await;
                if abort.signal().aborted() {
                    return;
                }
                in_flight.try_set_value(None);
                scan.try_set(Scan::Idle);
                match result.map(|text| text.as_string()) {
                    Ok(Some(text)) => accept_text(text),
                    _ => {
                        camera_failed.try_set(true);
                        message.try_set(QrMessage::CameraUnavailable);
                        request_animation_frame(move || {
                            if let Some(button) = photo_button.get_untracked() {
                                _ = button.focus();
                            }
                        });
                    }
                }
            });
        });
    };

    let stop = move || {
        stop_camera();
        scan.set(Scan::Idle);
        message.set(QrMessage::None);
        request_animation_frame(move || {
            if let Some(button) = camera_button.get_untracked() {
                _ = button.focus();
            }
        });
    };

    let choose_photo = move |_| {
        if let Some(input) = photo_input.get_untracked() {
            input.click();
        }
    };
    let photo_chosen = move |_| {
        let Some(input) = photo_input.get_untracked() else {
            return;
        };
        scan.set(Scan::ReadingPhoto);
        message.set(QrMessage::ReadingPhoto);
        let reading = decode_photo(input.as_ref());
        spawn_local(async move {
            let result = JsFuture::from(reading).await;
            scan.try_set(Scan::Idle);
            match result.ok().map(|value| value.as_string()) {
                // No file chosen: the picker was cancelled.
                Some(None) => {
                    message.try_set(QrMessage::None);
                }
                Some(Some(text)) if !text.trim().is_empty() => accept_text(text),
                _ => {
                    message.try_set(QrMessage::NoCodeFound);
                }
            }
        });
    };

    let message_text = move || {
        let text = ui.text.get();
        match message.get() {
            QrMessage::None => String::new(),
            QrMessage::Starting => text.qr_starting.to_string(),
            QrMessage::CameraUnavailable => text.qr_camera_unavailable.to_string(),
            QrMessage::ReadingPhoto => text.qr_reading_photo.to_string(),
            QrMessage::NoCodeFound => text.qr_no_code_found.to_string(),
            QrMessage::NotADossierCode => text.qr_not_a_dossier_code.to_string(),
            QrMessage::CodeRead(code) => (text.qr_code_read)(&code),
        }
    };
    let is_problem = move || {
        matches!(
            message.get(),
            QrMessage::CameraUnavailable | QrMessage::NoCodeFound | QrMessage::NotADossierCode
        )
    };

    view! {
        <div class="dvc-qr" part="qr">
            <div class="dvc-qr-actions">
                <button
                    type="button"
                    class="dvc-button dvc-button-secondary dvc-qr-camera"
                    hidden=move || camera_failed.get() || scan.get() == Scan::Camera
                    node_ref=camera_button
                    on:click=start_camera
                >
                    {move || ui.text.get().qr_camera_button}
                </button>
                <button
                    type="button"
                    class="dvc-button dvc-button-secondary dvc-qr-photo"
                    hidden=move || !camera_failed.get()
                    disabled=move || scan.get() == Scan::ReadingPhoto
                    node_ref=photo_button
                    on:click=choose_photo
                >
                    {move || ui.text.get().qr_photo_button}
                </button>
                // Opened by the button above; a styled button is easier to
                // label and focus than a file input.
                <input
                    type="file"
                    accept="image/*"
                    capture="environment"
                    class="dvc-qr-file"
                    hidden
                    tabindex="-1"
                    aria-hidden="true"
                    node_ref=photo_input
                    on:change=photo_chosen
                />
            </div>
            <div class="dvc-qr-camera-view" hidden=move || scan.get() != Scan::Camera>
                <p class="dvc-hint">{move || ui.text.get().qr_camera_instructions}</p>
                <video
                    class="dvc-qr-video"
                    muted
                    playsinline
                    aria-label=move || ui.text.get().qr_video_label
                    node_ref=video_ref
                ></video>
                <button
                    type="button"
                    class="dvc-button dvc-button-secondary dvc-qr-stop"
                    node_ref=stop_button
                    on:click=move |_| stop()
                    on:keydown=move |event: leptos::ev::KeyboardEvent| {
                        if event.key() == "Escape" {
                            stop();
                        }
                    }
                >
                    {move || ui.text.get().qr_stop}
                </button>
            </div>
            <p
                class="dvc-qr-message"
                class:dvc-qr-problem=is_problem
                role="status"
            >
                {message_text}
            </p>
        </div>
    }
    .into_any()
}
