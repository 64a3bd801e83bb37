//! Parsers of the attributes every widget shares: `api-base`, `locale` and
//! `request-timeout`. Each returns the value as written when it is invalid,
//! so the widget can name it in its configuration message.

use std::ops::RangeInclusive;
use std::time::Duration;

use crate::api_client::ApiBase;
use crate::i18n::Locale;

/// Wait for a response when `request-timeout` is absent.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// Accepted values of `request-timeout`, in seconds.
pub const TIMEOUT_RANGE_SECONDS: RangeInclusive<f64> = 1.0..=120.0;

/// Parses `locale`: the default locale when absent, `Err(value)` when invalid.
pub fn locale(value: Option<&str>) -> Result<Locale, String> {
    match value {
        None => Ok(Locale::default()),
        Some(value) => Locale::parse(value).ok_or_else(|| value.to_string()),
    }
}

/// Parses `api-base`: `Err(None)` when absent, `Err(Some(value))` when invalid.
pub fn api_base(value: Option<&str>) -> Result<ApiBase, Option<String>> {
    let value = value.ok_or(None)?;
    ApiBase::parse(value).ok_or_else(|| Some(value.to_string()))
}

/// Parses `request-timeout` in seconds: [`DEFAULT_TIMEOUT`] when absent,
/// `Err(value)` outside [`TIMEOUT_RANGE_SECONDS`] or when not a number.
pub fn request_timeout(value: Option<&str>) -> Result<Duration, String> {
    let Some(value) = value else {
        return Ok(DEFAULT_TIMEOUT);
    };
    match value.parse::<f64>() {
        Ok(seconds) if TIMEOUT_RANGE_SECONDS.contains(&seconds) => {
            Ok(Duration::from_secs_f64(seconds))
        }
        _ => Err(value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_values() {
        assert_eq!(locale(None), Ok(Locale::Vi));
        assert_eq!(locale(Some("en-GB")), Ok(Locale::En));
        assert_eq!(locale(Some("fr")), Err("fr".to_string()));
    }

    #[test]
    fn api_base_values() {
        assert!(api_base(Some("/")).is_ok());
        assert_eq!(api_base(None), Err(None));
        assert_eq!(
            api_base(Some("ftp://example.vn")),
            Err(Some("ftp://example.vn".to_string()))
        );
    }

    #[test]
    fn request_timeout_values() {
        assert_eq!(request_timeout(None), Ok(DEFAULT_TIMEOUT));
        assert_eq!(
            request_timeout(Some("2.5")),
            Ok(Duration::from_millis(2500))
        );
        for invalid in ["0", "121", "-1", "ten", "NaN"] {
            assert_eq!(request_timeout(Some(invalid)), Err(invalid.to_string()));
        }
    }
}
