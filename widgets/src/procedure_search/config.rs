//! The attributes of `<dvc-procedure-search>`, parsed and checked in one step.

use std::time::Duration;

use dvc_core::api::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use dvc_core::model::Level;

use crate::api_client::{ApiBase, ApiClient};
use crate::embed::HostAttributes;
use crate::i18n::Locale;

/// Base address of the portal API (required).
pub const API_BASE: &str = "api-base";
/// Scope: only procedures of this level (`ministry`, `province`, `district`,
/// `commune`, `other`).
pub const LEVEL: &str = "level";
/// Scope: only procedures of this field (lĩnh vực), for example `Hộ tịch`.
pub const FIELD: &str = "field";
/// Scope: only procedures of this agency.
pub const AGENCY: &str = "agency";
/// `vi` (default) or `en`.
pub const LOCALE: &str = "locale";
/// Results per page, 1 to 50.
pub const PAGE_SIZE: &str = "page-size";
/// Placeholder of the search field.
pub const PLACEHOLDER: &str = "placeholder";
/// Seconds to wait for a response before showing a timeout, 1 to 120.
pub const REQUEST_TIMEOUT: &str = "request-timeout";

/// Every attribute the element observes.
pub const ATTRIBUTES: &[&str] = &[
    API_BASE,
    LEVEL,
    FIELD,
    AGENCY,
    LOCALE,
    PAGE_SIZE,
    PLACEHOLDER,
    REQUEST_TIMEOUT,
];

const DEFAULT_TIMEOUT_SECONDS: f64 = 15.0;
const TIMEOUT_RANGE_SECONDS: std::ops::RangeInclusive<f64> = 1.0..=120.0;

/// Filters fixed by the host page; the citizen cannot remove them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub level: Option<Level>,
    pub field: Option<String>,
    pub agency: Option<String>,
}

impl Scope {
    pub fn is_empty(&self) -> bool {
        self.level.is_none() && self.field.is_none() && self.agency.is_none()
    }
}

/// A valid configuration of the widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub search: SearchSettings,
    pub locale: Locale,
    pub placeholder: Option<String>,
}

/// The part of the configuration that decides what a search returns.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchSettings {
    pub client: ApiClient,
    pub scope: Scope,
    pub page_size: u32,
}

/// An attribute that is missing or has a value the widget cannot use; the
/// string is the value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    MissingApiBase,
    InvalidApiBase(String),
    InvalidLevel(String),
    InvalidLocale(String),
    InvalidPageSize(String),
    InvalidRequestTimeout(String),
}

/// The problems of an unusable configuration, with the locale to describe
/// them in (Vietnamese when the `locale` attribute is itself invalid).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigErrors {
    pub locale: Locale,
    pub problems: Vec<ConfigProblem>,
}

/// Parses the host's attributes, collecting every problem instead of stopping
/// at the first, so the host developer can fix them in one pass.
pub fn parse(attributes: &HostAttributes) -> Result<Config, ConfigErrors> {
    let mut problems = Vec::new();

    let locale = match attributes.get(LOCALE) {
        None => Locale::default(),
        Some(value) => Locale::parse(value).unwrap_or_else(|| {
            problems.push(ConfigProblem::InvalidLocale(value.to_string()));
            Locale::default()
        }),
    };

    let base = match attributes.get(API_BASE) {
        None => {
            problems.push(ConfigProblem::MissingApiBase);
            None
        }
        Some(value) => {
            let base = ApiBase::parse(value);
            if base.is_none() {
                problems.push(ConfigProblem::InvalidApiBase(value.to_string()));
            }
            base
        }
    };

    let level = attributes.get(LEVEL).and_then(|value| {
        let level = Level::from_api_name(value);
        if level.is_none() {
            problems.push(ConfigProblem::InvalidLevel(value.to_string()));
        }
        level
    });

    let page_size = match attributes.get(PAGE_SIZE) {
        None => DEFAULT_PAGE_SIZE,
        Some(value) => match value.parse::<u32>() {
            Ok(size) if (1..=MAX_PAGE_SIZE).contains(&size) => size,
            _ => {
                problems.push(ConfigProblem::InvalidPageSize(value.to_string()));
                DEFAULT_PAGE_SIZE
            }
        },
    };

    let timeout_seconds = match attributes.get(REQUEST_TIMEOUT) {
        None => DEFAULT_TIMEOUT_SECONDS,
        Some(value) => match value.parse::<f64>() {
            Ok(seconds) if TIMEOUT_RANGE_SECONDS.contains(&seconds) => seconds,
            _ => {
                problems.push(ConfigProblem::InvalidRequestTimeout(value.to_string()));
                DEFAULT_TIMEOUT_SECONDS
            }
        },
    };

    match base {
        Some(base) if problems.is_empty() => Ok(Config {
            search: SearchSettings {
                client: ApiClient {
                    base,
                    timeout: Duration::from_secs_f64(timeout_seconds),
                },
                scope: Scope {
                    level,
                    field: attributes.get(FIELD).map(str::to_string),
                    agency: attributes.get(AGENCY).map(str::to_string),
                },
                page_size,
            },
            locale,
            placeholder: attributes.get(PLACEHOLDER).map(str::to_string),
        }),
        _ => Err(ConfigErrors { locale, problems }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_pairs(pairs: &[(&str, &str)]) -> Result<Config, ConfigErrors> {
        parse(&HostAttributes::from_pairs(pairs.iter().copied()))
    }

    #[test]
    fn minimal_configuration() {
        let config = parse_pairs(&[(API_BASE, "http://127.0.0.1:8080")]).unwrap();
        assert_eq!(config.locale, Locale::Vi);
        assert_eq!(config.search.page_size, DEFAULT_PAGE_SIZE);
        assert_eq!(config.search.client.timeout, Duration::from_secs(15));
        assert!(config.search.scope.is_empty());
        assert_eq!(config.placeholder, None);
    }

    #[test]
    fn full_configuration() {
        let config = parse_pairs(&[
            (API_BASE, "https://dvc.example.gov.vn"),
            (LEVEL, "Commune"),
            (FIELD, "Hộ tịch"),
            (AGENCY, "UBND cấp xã"),
            (LOCALE, "en"),
            (PAGE_SIZE, "20"),
            (PLACEHOLDER, "Tìm thủ tục"),
            (REQUEST_TIMEOUT, "2.5"),
        ])
        .unwrap();
        let scope = &config.search.scope;
        assert_eq!(scope.level, Some(Level::Commune));
        assert_eq!(scope.field.as_deref(), Some("Hộ tịch"));
        assert_eq!(scope.agency.as_deref(), Some("UBND cấp xã"));
        assert_eq!(config.locale, Locale::En);
        assert_eq!(config.search.page_size, 20);
        assert_eq!(config.placeholder.as_deref(), Some("Tìm thủ tục"));
        assert_eq!(config.search.client.timeout, Duration::from_millis(2500));
    }

    #[test]
    fn missing_api_base_is_reported() {
        let errors = parse_pairs(&[(LOCALE, "en")]).unwrap_err();
        assert_eq!(errors.locale, Locale::En);
        assert_eq!(errors.problems, vec![ConfigProblem::MissingApiBase]);
    }

    #[test]
    fn every_invalid_value_is_reported() {
        let errors = parse_pairs(&[
            (API_BASE, "javascript:alert(1)"),
            (LEVEL, "huyện"),
            (LOCALE, "fr"),
            (PAGE_SIZE, "500"),
            (REQUEST_TIMEOUT, "0"),
        ])
        .unwrap_err();
        assert_eq!(errors.locale, Locale::Vi);
        assert_eq!(
            errors.problems,
            vec![
                ConfigProblem::InvalidLocale("fr".into()),
                ConfigProblem::InvalidApiBase("javascript:alert(1)".into()),
                ConfigProblem::InvalidLevel("huyện".into()),
                ConfigProblem::InvalidPageSize("500".into()),
                ConfigProblem::InvalidRequestTimeout("0".into()),
            ]
        );
    }

    #[test]
    fn page_size_must_be_a_whole_number() {
        for value in ["0", "-1", "2.5", "ten", "51"] {
            let errors = parse_pairs(&[(API_BASE, "/"), (PAGE_SIZE, value)]).unwrap_err();
            assert_eq!(
                errors.problems,
                vec![ConfigProblem::InvalidPageSize(value.into())]
            );
        }
    }
}
