//! Turning model values and errors into the sentences the widget shows.

use dvc_core::model::{Fee, ProcessingTime, TimeUnit};
use leptos::prelude::*;

use super::Ui;
use crate::api_client::FetchError;
use crate::i18n::procedure_search::Strings;
use crate::i18n::Locale;

/// Describes a failed request for the citizen, and logs the technical cause
/// for the host's developers.
pub(crate) fn error_message(ui: Ui, error: &FetchError) -> String {
    let text = ui.text.get_untracked();
    let locale = ui.locale.get_untracked();
    leptos::logging::warn!("<dvc-procedure-search>: request failed: {error:?}");

    match error {
        FetchError::Timeout => {
            let seconds = ui
                .config
                .with_untracked(|config| config.search.client.timeout.as_secs_f64());
            (text.error_timeout)(&locale.format_decimal(seconds))
        }
        FetchError::Network(_) | FetchError::Aborted => text.error_network.to_string(),
        FetchError::Malformed(_) => text.error_malformed.to_string(),
        // The API's messages are Vietnamese; other locales get the status.
        FetchError::Status {
            error: Some(api_error),
            ..
        } if locale == Locale::Vi && !api_error.message.trim().is_empty() => {
            api_error.message.clone()
        }
        FetchError::Status { status, .. } => (text.error_status)(*status),
    }
}

/// Formats a processing time. Vietnamese shows the published wording when it
/// has words, because it often adds conditions; a bare number such as `1`
/// gets the unit (`1 ngày làm việc`). English shows the amount and unit.
pub(crate) fn processing_time(locale: Locale, time: &ProcessingTime) -> String {
    let published = time.text.trim();
    let computed = format!(
        "{} {}",
        locale.format_decimal(time.value),
        locale.time_unit_label(time.unit)
    )
    .trim()
    .to_string();

    let use_published = match locale {
        Locale::Vi => has_letters(published),
        Locale::En => time.unit == TimeUnit::Other && !published.is_empty(),
    };
    if use_published {
        published.to_string()
    } else {
        computed
    }
}

/// Formats one fee as `name: amount`. Vietnamese shows the published wording
/// when it has words (it may name exemptions); otherwise a zero amount reads
/// "free", and a fee without a single amount shows its published wording.
pub(crate) fn fee(locale: Locale, text: &Strings, fee: &Fee) -> String {
    let published = fee.text.trim();
    let amount = match fee.amount_vnd {
        _ if locale == Locale::Vi && has_letters(published) => published.to_string(),
        Some(0) => text.free_of_charge.to_string(),
        Some(amount) => (text.fee_amount)(&locale.format_integer(amount)),
        None => published.to_string(),
    };

    let name = fee.name.trim();
    match (name.is_empty(), amount.is_empty()) {
        (true, _) => amount,
        (false, true) => name.to_string(),
        (false, false) => format!("{name}: {amount}"),
    }
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::procedure_search::{EN, VI};

    #[test]
    fn processing_time_prefers_published_wording() {
        let time = ProcessingTime {
            value: 3.0,
            unit: TimeUnit::WorkingDay,
            text: " 03 ngày làm việc kể từ ngày nhận đủ hồ sơ ".into(),
        };
        assert_eq!(
            processing_time(Locale::Vi, &time),
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ"
        );
        assert_eq!(processing_time(Locale::En, &time), "3 working days");
    }

    #[test]
    fn processing_time_bare_number_gets_unit() {
        let time = ProcessingTime {
            value: 1.0,
            unit: TimeUnit::WorkingDay,
            text: "1".into(),
        };
        assert_eq!(processing_time(Locale::Vi, &time), "1 ngày làm việc");
    }

    #[test]
    fn processing_time_from_amount_and_unit() {
        let time = ProcessingTime {
            value: 0.5,
            unit: TimeUnit::Day,
            text: String::new(),
        };
        assert_eq!(processing_time(Locale::Vi, &time), "0,5 ngày");
        assert_eq!(processing_time(Locale::En, &time), "0.5 days");
    }

    #[test]
    fn fees_per_amount_kind() {
        let free = Fee {
            name: "Lệ phí".into(),
            amount_vnd: Some(0),
            text: String::new(),
        };
        let paid = Fee {
            name: "Phí".into(),
            amount_vnd: Some(100_000),
            text: "100000".into(),
        };
        let published = Fee {
            name: String::new(),
            amount_vnd: None,
            text: "Theo quy định của Bộ Tài chính".into(),
        };
        assert_eq!(fee(Locale::Vi, &VI, &free), "Lệ phí: Miễn phí");
        assert_eq!(fee(Locale::Vi, &VI, &paid), "Phí: 100.000 đồng");
        assert_eq!(fee(Locale::En, &EN, &paid), "Phí: 100,000 VND");
        assert_eq!(
            fee(Locale::Vi, &VI, &published),
            "Theo quy định của Bộ Tài chính"
        );
    }

    #[test]
    fn fee_exemption_wording_kept_in_vietnamese() {
        let exempt = Fee {
            name: "Lệ phí".into(),
            amount_vnd: Some(0),
            text: "Miễn phí (người thuộc hộ nghèo)".into(),
        };
        assert_eq!(
            fee(Locale::Vi, &VI, &exempt),
            "Lệ phí: Miễn phí (người thuộc hộ nghèo)"
        );
        assert_eq!(fee(Locale::En, &EN, &exempt), "Lệ phí: Free");
    }
}
