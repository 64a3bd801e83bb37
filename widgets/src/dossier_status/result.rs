//! The outcome area: the dossier's status, or why the lookup failed.

use std::time::Duration;

use dvc_core::calendar::WorkingCalendar;
use dvc_core::date::Date;
use dvc_core::model::{DossierStatus, FeeDue, ProgressStep, StatusCode, SupplementRequest};
use leptos::html;
use leptos::prelude::*;
use web_sys::HtmlElement;

use super::describe::{
    answered_supplement_requests, current_step, due_state, holidays_between,
    open_supplement_requests, unpaid_total, DueState, StatusFamily,
};
use super::form::submit_form;
use super::state::{Found, LookupFailure, LookupState};
use super::{focus_element, Ui};
use crate::i18n::dossier_status::Strings;
use crate::i18n::Locale;

const CALENDAR: WorkingCalendar = WorkingCalendar::vietnam();

/// Renders whatever the last lookup produced.
pub(crate) fn outcome(ui: Ui) -> impl IntoView {
    move || {
        let text = ui.text.get();
        match ui.controller.state.get() {
            LookupState::Idle => ().into_any(),
            LookupState::Loading => view! {
                <p class="dvc-loading" part="loading">{text.looking_up}</p>
            }
            .into_any(),
            LookupState::Loaded(found) => result_view(ui, *found).into_any(),
            LookupState::Failed(failure) => failure_view(ui, failure).into_any(),
        }
    }
}

/// Once the new outcome is in the page, moves focus to `target` and
/// announces `message`, unless this view was only re-rendered (for
/// example after a locale change).
fn take_focus(ui: Ui, target: impl Fn() -> Option<HtmlElement> + 'static, message: String) {
    request_animation_frame(move || {
        let pending = ui.controller.focus_pending.try_update_value(std::mem::take);
        if pending != Some(true) {
            return;
        }
        if let Some(element) = target() {
            focus_element(&element);
        }
        ui.announce(message);
    });
}

fn failure_view(ui: Ui, failure: LookupFailure) -> impl IntoView {
    let text = ui.text.get_untracked();
    let locale = ui.locale.get_untracked();
    let box_ref = NodeRef::<html::Div>::new();
    take_focus(
        ui,
        move || box_ref.get_untracked().map(HtmlElement::from),
        text.announce_failed.to_string(),
    );

    let wait = |wait: Option<Duration>| wait.map(|wait| wait_in_words(text, wait));
    let message = match &failure {
        LookupFailure::NotFound { .. } => text.error_not_found.to_string(),
        LookupFailure::RateLimited { wait: duration } => {
            (text.error_rate_limited)(wait(*duration).as_deref())
        }
        LookupFailure::CodeLocked { wait: duration } => {
            (text.error_code_locked)(wait(*duration).as_deref())
        }
        LookupFailure::Timeout => {
            let seconds = ui
                .config
                .with_untracked(|config| config.client.timeout.as_secs_f64());
            (text.error_timeout)(&locale.format_decimal(seconds))
        }
        LookupFailure::Network => text.error_network.to_string(),
        LookupFailure::Malformed => text.error_malformed.to_string(),
        // The portal's messages are Vietnamese; other locales get the status.
        LookupFailure::Rejected(Some(error))
            if locale == Locale::Vi && !error.message.trim().is_empty() =>
        {
            error.message.clone()
        }
        LookupFailure::Rejected(_) => (text.error_status)(400),
        LookupFailure::Status(status) => (text.error_status)(*status),
    };
    let unusual_code = matches!(failure, LookupFailure::NotFound { unusual_code: true });
    let can_retry = !matches!(
        failure,
        LookupFailure::NotFound { .. } | LookupFailure::Rejected(_)
    );

    view! {
        <div class="dvc-error dvc-lookup-error" part="error" tabindex="-1" node_ref=box_ref>
            <p class="dvc-error-title">{text.error_heading}</p>
            <p class="dvc-error-message">{message}</p>
            {unusual_code.then(|| view! {
                <p class="dvc-error-message">{text.error_not_found_unusual_code}</p>
            })}
            {can_retry.then(|| view! {
                <button
                    type="button"
                    class="dvc-button dvc-button-secondary dvc-retry"
                    on:click=move |_| submit_form(ui)
                >
                    {text.retry}
                </button>
            })}
        </div>
    }
}

/// Words a wait: whole seconds under a minute, else whole minutes, rounded up.
fn wait_in_words(text: &Strings, wait: Duration) -> String {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    if seconds < 60 {
        (text.wait_seconds)(seconds.max(1))
    } else {
        (text.wait_minutes)(seconds.div_ceil(60))
    }
}

/// Marks text that comes from the portal as Vietnamese when the widget
/// speaks English, so screen readers pronounce it right.
fn portal_lang(locale: Locale) -> Option<&'static str> {
    (locale != Locale::Vi).then_some("vi")
}

fn result_view(ui: Ui, found: Found) -> impl IntoView {
    let text = ui.text.get_untracked();
    let locale = ui.locale.get_untracked();
    let title_ref = NodeRef::<html::H2>::new();
    let Found { dossier, today } = found;
    let status = dossier.status;
    let status_name = (text.status_name)(status);
    take_focus(
        ui,
        move || title_ref.get_untracked().map(HtmlElement::from),
        (text.announce_found)(status_name),
    );

    let family = StatusFamily::of(status);
    let due = due_state(&CALENDAR, &dossier, today);
    let vi = portal_lang(locale);
    let (portal_url, custom_portal) = ui
        .config
        .with_untracked(|config| (config.portal_url.clone(), config.custom_portal));
    let portal_link_text = if custom_portal {
        text.custom_portal_link
    } else {
        text.national_portal_link
    };

    view! {
        <section class="dvc-result" part="result" aria-labelledby="dvc-result-title">
            <h2 id="dvc-result-title" class="dvc-result-title" tabindex="-1" node_ref=title_ref>
                {(text.result_heading)(&dossier.code)}
            </h2>
            <p class="dvc-procedure">
                <span class="dvc-fact-label">{text.procedure_label}": "</span>
                <span lang=vi>{dossier.procedure.name.clone()}</span>
                " "
                <span class="dvc-procedure-code">"("{dossier.procedure.code.clone()}")"</span>
            </p>

            <div
                class=format!("dvc-status dvc-status-{}", family.class_name())
                part="status"
                data-status=status.number()
            >
                <p class="dvc-status-line">
                    <span class="dvc-status-label">{text.status_label}": "</span>
                    <strong class="dvc-status-name">{status_name}</strong>
                </p>
                <p class="dvc-status-explanation">{(text.status_explanation)(status)}</p>
            </div>

            {next_step(text, locale, &dossier, today)}
            {facts(text, locale, &dossier, &due, today)}
            {timeline(text, locale, &dossier)}
            {supplement_history(text, locale, &dossier)}

            <p class="dvc-portal-link">
                <a href=portal_url part="portal-link">{portal_link_text}</a>
            </p>
        </section>
    }
}

/// Renders what the citizen should do now, with the documents or fees it involves.
fn next_step(
    text: &'static Strings,
    locale: Locale,
    dossier: &DossierStatus,
    today: Option<Date>,
) -> impl IntoView {
    let open_requests: Vec<SupplementRequest> =
        open_supplement_requests(dossier).cloned().collect();
    let show_supplements =
        dossier.status == StatusCode::SupplementRequested || !open_requests.is_empty();
    let show_fees = !dossier.fees_due.is_empty();

    view! {
        <div class="dvc-next-step" part="next-step">
            <h3 class="dvc-section-title">{text.next_step_heading}</h3>
            <p>{(text.next_step)(dossier.status, dossier.channel, &dossier.processing_unit)}</p>
            {show_supplements.then(|| {
                supplements(text, locale, &open_requests, &dossier.processing_unit, today)
            })}
            {show_fees.then(|| fees(text, locale, &dossier.fees_due))}
        </div>
    }
}

fn supplements(
    text: &'static Strings,
    locale: Locale,
    requests: &[SupplementRequest],
    processing_unit: &str,
    today: Option<Date>,
) -> impl IntoView {
    let items = requests
        .iter()
        .map(|request| {
            let respond_by = match request.respond_by {
                Some(date) => {
                    let left = today.map(|today| CALENDAR.working_days_between(today, date));
                    let count = match left {
                        Some(left) if left > 0 => Some((text.supplement_days_left)(left)),
                        Some(0) => Some(text.supplement_due_today.to_string()),
                        Some(left) => Some((text.supplement_days_overdue)(-left)),
                        None => None,
                    };
                    let count = count.map(|count| format!(" ({count})"));
                    view! {
                        <p class="dvc-supplement-deadline">
                            <strong>{text.supplement_respond_by_label}": "</strong>
                            {(text.date_with_weekday)(date)}
                            {count}
                        </p>
                    }
                    .into_any()
                }
                None => view! {
                    <p class="dvc-supplement-deadline">{text.supplement_no_deadline}</p>
                }
                .into_any(),
            };
            view! {
                <li class="dvc-supplement">
                    {requested_items(text, locale, request)}
                    {respond_by}
                </li>
            }
        })
        .collect_view();

    view! {
        <div class="dvc-supplements">
            <h4 class="dvc-subsection-title">{text.supplement_heading}</h4>
            <ul class="dvc-supplement-list">{items}</ul>
            <p>{(text.supplement_where)(processing_unit)}</p>
        </div>
    }
}

/// Renders who requested documents, when, and the documents themselves.
fn requested_items(
    text: &'static Strings,
    locale: Locale,
    request: &SupplementRequest,
) -> impl IntoView {
    let vi = portal_lang(locale);
    let requested_at = (text.date_time)(request.requested_at);
    view! {
        <p>{(text.supplement_requested)(&request.requested_by, &requested_at)}</p>
        <ul class="dvc-supplement-items">
            {request
                .items
                .iter()
                .map(|item| view! { <li lang=vi>{item.clone()}</li> })
                .collect_view()}
        </ul>
    }
}

fn fees(text: &'static Strings, locale: Locale, fees: &[FeeDue]) -> impl IntoView {
    let vi = portal_lang(locale);
    let amount = move |amount: u64| (text.amount_vnd)(&locale.format_integer(amount));
    let items = fees
        .iter()
        .map(|fee| {
            let state = if fee.paid {
                text.fee_paid
            } else {
                text.fee_unpaid
            };
            view! {
                <li class="dvc-fee" class:dvc-fee-paid=fee.paid>
                    <span lang=vi>{fee.name.clone()}</span>": "
                    <strong class="dvc-fee-amount">{amount(fee.amount_vnd)}</strong>
                    " ("{state}")"
                </li>
            }
        })
        .collect_view();
    let total = unpaid_total(fees).map(|total| {
        view! { <p class="dvc-fees-total">{(text.fees_total)(&amount(total))}</p> }
    });

    view! {
        <div class="dvc-fees">
            <h4 class="dvc-subsection-title">{text.fees_heading}</h4>
            <ul class="dvc-fee-list">{items}</ul>
            {total}
        </div>
    }
}

/// Returns the deadline in words and the class that colours it. The words
/// carry the meaning, and the colour only repeats it.
fn deadline_words(
    text: &'static Strings,
    due: &DueState,
    today: Option<Date>,
) -> Option<(String, &'static str)> {
    match *due {
        DueState::NotSet => None,
        DueState::Running {
            working_days_left: None,
            ..
        } => None,
        DueState::Running {
            due,
            working_days_left: Some(left),
        } => {
            let (words, class) = match left {
                left if left > 0 => ((text.working_days_left)(left), "dvc-deadline-on-time"),
                0 => (text.due_today.to_string(), "dvc-deadline-today"),
                left => ((text.working_days_overdue)(-left), "dvc-deadline-overdue"),
            };
            let holidays = today
                .map(|today| holidays_between(&CALENDAR, today, due))
                .unwrap_or_default();
            let words = if holidays.is_empty() {
                words
            } else {
                let names: Vec<&str> = holidays
                    .into_iter()
                    .map(|holiday| (text.holiday_name)(holiday))
                    .collect();
                format!("{words}. {}", (text.holidays_skipped)(&names.join(", ")))
            };
            Some((words, class))
        }
        DueState::Paused {
            since,
            working_days_left_then,
            ..
        } => {
            let mut words = match since {
                Some(since) => (text.paused_since)(&(text.date)(since)),
                None => text.paused.to_string(),
            };
            match working_days_left_then {
                Some(0) => {
                    words = format!("{words}; {}", text.paused_on_due_date);
                }
                Some(left) if left > 0 => {
                    words = format!("{words}; {}", (text.paused_days_left)(left));
                }
                Some(left) => {
                    words = format!("{words}; {}", (text.paused_days_overdue)(-left));
                }
                None => {}
            }
            Some((format!("{words}."), "dvc-deadline-paused"))
        }
        DueState::Finished {
            working_days_late, ..
        } => Some(if working_days_late > 0 {
            ((text.finished_late)(working_days_late), "dvc-deadline-late")
        } else {
            (text.finished_on_time.to_string(), "dvc-deadline-on-time")
        }),
        DueState::Ended { .. } => Some((text.ended_no_deadline.to_string(), "dvc-deadline-ended")),
    }
}

/// Renders dates, deadline, unit, applicant and channel as a description list.
fn facts(
    text: &'static Strings,
    locale: Locale,
    dossier: &DossierStatus,
    due: &DueState,
    today: Option<Date>,
) -> impl IntoView {
    let vi = portal_lang(locale);
    let due_date = match dossier.due_date {
        Some(date) => (text.date_with_weekday)(date),
        None => text.due_not_set.to_string(),
    };
    let deadline = deadline_words(text, due, today).map(|(words, class)| {
        view! {
            <div class="dvc-fact">
                <dt>{text.deadline_label}</dt>
                <dd class=format!("dvc-deadline {class}")>{words}</dd>
            </div>
        }
    });
    let finished = dossier.finished_at.map(|time| {
        view! {
            <div class="dvc-fact">
                <dt>{text.finished_label}</dt>
                <dd>{(text.date_time)(time)}</dd>
            </div>
        }
    });
    let channel = match locale {
        Locale::Vi => dossier.channel.label_vi(),
        Locale::En => dossier.channel.label_en(),
    };

    view! {
        <dl class="dvc-facts" part="facts">
            <div class="dvc-fact">
                <dt>{text.received_label}</dt>
                <dd>{(text.date_time)(dossier.received_at)}</dd>
            </div>
            <div class="dvc-fact">
                <dt>{text.due_label}</dt>
                <dd class="dvc-due-date">{due_date}</dd>
            </div>
            {deadline}
            {finished}
            <div class="dvc-fact">
                <dt>{text.processing_unit_label}</dt>
                <dd lang=vi>{dossier.processing_unit.clone()}</dd>
            </div>
            <div class="dvc-fact">
                <dt>{text.applicant_label}</dt>
                <dd>
                    <span lang=vi>{dossier.applicant_masked.clone()}</span>
                    " "
                    <span class="dvc-note">{text.applicant_masked_note}</span>
                </dd>
            </div>
            <div class="dvc-fact">
                <dt>{text.channel_label}</dt>
                <dd>{channel}</dd>
            </div>
        </dl>
    }
}

/// Renders the progress steps, oldest first, with the one under way marked
/// as the current step in words and for assistive technology.
fn timeline(text: &'static Strings, locale: Locale, dossier: &DossierStatus) -> impl IntoView {
    let current = current_step(dossier);
    let steps = dossier
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| step_item(text, locale, step, current == Some(index)))
        .collect_view();
    let empty = dossier
        .steps
        .is_empty()
        .then(|| view! { <p class="dvc-note">{text.no_steps}</p> });

    view! {
        <section class="dvc-steps" part="steps" aria-labelledby="dvc-steps-title">
            <h3 id="dvc-steps-title" class="dvc-section-title">{text.steps_heading}</h3>
            {empty}
            <ol class="dvc-timeline">{steps}</ol>
        </section>
    }
}

fn step_item(
    text: &'static Strings,
    locale: Locale,
    step: &ProgressStep,
    is_current: bool,
) -> impl IntoView {
    let vi = portal_lang(locale);
    let state = if is_current && step.finished_at.is_none() {
        Some(text.step_current)
    } else if is_current {
        Some(text.step_latest)
    } else if step.finished_at.is_some() {
        Some(text.step_done)
    } else {
        None
    };
    let class = if is_current {
        "dvc-step dvc-step-current"
    } else if step.finished_at.is_some() {
        "dvc-step dvc-step-done"
    } else {
        "dvc-step"
    };
    let late = match (step.finished_at, step.deadline) {
        (Some(finished), Some(deadline)) if finished > deadline => Some(view! {
            <p class="dvc-step-late">{text.step_finished_late}</p>
        }),
        _ => None,
    };

    let mut times = vec![(text.step_started)(&(text.date_time)(step.started_at))];
    if let Some(finished) = step.finished_at {
        times.push((text.step_finished)(&(text.date_time)(finished)));
    }
    if let Some(deadline) = step.deadline {
        times.push((text.step_deadline)(&(text.date_time)(deadline)));
    }

    view! {
        <li class=class aria-current=is_current.then_some("step")>
            <p class="dvc-step-name">
                <span lang=vi>{step.name.clone()}</span>
                {state.map(|state| view! { <span class="dvc-step-state">{state}</span> })}
            </p>
            <p class="dvc-step-unit" lang=vi>{step.unit.clone()}</p>
            <p class="dvc-step-times">{times.join(" · ")}</p>
            {late}
        </li>
    }
}

/// Renders earlier supplement requests and how they moved the due date.
fn supplement_history(
    text: &'static Strings,
    locale: Locale,
    dossier: &DossierStatus,
) -> impl IntoView {
    let answered: Vec<&SupplementRequest> = answered_supplement_requests(dossier).collect();
    if answered.is_empty() {
        return ().into_any();
    }

    let items = answered
        .into_iter()
        .map(|request| {
            let answered_at = request
                .fulfilled_at
                .map(|time| (text.supplement_answered)(&(text.date_time)(time)));
            let moved = match (request.previous_due_date, request.new_due_date) {
                (Some(previous), Some(new)) if previous != new => Some(
                    (text.supplement_due_moved)(&(text.date)(previous), &(text.date)(new)),
                ),
                _ => None,
            };
            view! {
                <li>
                    {requested_items(text, locale, request)}
                    <p>{answered_at}" "{moved}</p>
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="dvc-supplement-history" aria-labelledby="dvc-history-title">
            <h3 id="dvc-history-title" class="dvc-section-title">
                {text.supplement_history_heading}
            </h3>
            <ul class="dvc-history-list">{items}</ul>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::dossier_status::{EN, VI};

    #[test]
    fn waits_rounded_up() {
        assert_eq!(wait_in_words(&VI, Duration::from_millis(200)), "1 giây");
        assert_eq!(wait_in_words(&VI, Duration::from_secs(42)), "42 giây");
        assert_eq!(wait_in_words(&VI, Duration::from_secs(60)), "1 phút");
        assert_eq!(wait_in_words(&VI, Duration::from_secs(61)), "2 phút");
        assert_eq!(wait_in_words(&EN, Duration::from_secs(900)), "15 minutes");
    }

    #[test]
    fn deadline_in_words() {
        let due = Date::from_ymd(2026, 3, 5).unwrap();
        let today = Date::from_ymd(2026, 3, 2);
        let running = |left| DueState::Running {
            due,
            working_days_left: Some(left),
        };
        assert_eq!(
            deadline_words(&VI, &running(3), today),
            Some(("Còn 3 ngày làm việc".into(), "dvc-deadline-on-time"))
        );
        assert_eq!(
            deadline_words(&VI, &running(0), today).unwrap().0,
            "Hôm nay là ngày hẹn trả kết quả"
        );
        assert_eq!(
            deadline_words(&VI, &running(-2), today),
            Some(("Quá hạn 2 ngày làm việc".into(), "dvc-deadline-overdue"))
        );
    }

    #[test]
    fn deadline_names_skipped_holidays() {
        let due = Date::from_ymd(2026, 2, 23).unwrap();
        let state = DueState::Running {
            due,
            working_days_left: Some(2),
        };
        let (words, _) = deadline_words(&VI, &state, Date::from_ymd(2026, 2, 12)).unwrap();
        assert_eq!(
            words,
            "Còn 2 ngày làm việc. Không tính ngày nghỉ: Tết Nguyên Đán."
        );
    }

    #[test]
    fn paused_on_due_date_in_words() {
        let state = DueState::Paused {
            due: Date::from_ymd(2026, 2, 10).unwrap(),
            since: Date::from_ymd(2026, 2, 10),
            working_days_left_then: Some(0),
        };
        let (words, _) = deadline_words(&VI, &state, None).unwrap();
        assert_eq!(
            words,
            "Tạm dừng tính thời hạn từ 10/02/2026 trong khi chờ bạn; lúc đó là đúng ngày hẹn trả."
        );
    }

    #[test]
    fn paused_deadline_in_words() {
        let state = DueState::Paused {
            due: Date::from_ymd(2026, 2, 23).unwrap(),
            since: Date::from_ymd(2026, 2, 12),
            working_days_left_then: Some(2),
        };
        let (words, class) = deadline_words(&VI, &state, None).unwrap();
        assert_eq!(
            words,
            "Tạm dừng tính thời hạn từ 12/02/2026 trong khi chờ bạn; lúc đó còn 2 ngày làm việc."
        );
        assert_eq!(class, "dvc-deadline-paused");
    }
}
