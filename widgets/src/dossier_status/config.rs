//! The attributes of `<dvc-dossier-status>`, parsed and checked in one step.

use crate::api_client::ApiClient;
use crate::attributes as common;
use crate::embed::HostAttributes;
use crate::i18n::Locale;
use crate::links::safe_http_url;

/// Base address of the portal API (required).
pub const API_BASE: &str = "api-base";
/// `vi` (default) or `en`.
pub const LOCALE: &str = "locale";
/// Label of the verifier field, for portals whose second factor is not the
/// last 4 digits of the personal identification number.
pub const VERIFIER_LABEL: &str = "verifier-label";
/// Address of the official portal the result links to; default: the national portal.
pub const PORTAL_URL: &str = "portal-url";
/// Seconds to wait for a response before showing a timeout, 1 to 120.
pub const REQUEST_TIMEOUT: &str = "request-timeout";

/// Every attribute the element observes.
pub const ATTRIBUTES: &[&str] = &[
    API_BASE,
    LOCALE,
    VERIFIER_LABEL,
    PORTAL_URL,
    REQUEST_TIMEOUT,
];

/// The national public service portal, linked when `portal-url` is absent.
pub const NATIONAL_PORTAL_URL: &str = "https://dichvucong.gov.vn";

/// A valid configuration of the widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub client: ApiClient,
    pub locale: Locale,
    /// The host's label for the verifier; `None` uses the default label.
    pub verifier_label: Option<String>,
    /// The portal the result links to, and whether the host chose it.
    pub portal_url: String,
    pub custom_portal: bool,
}

/// An attribute that is missing or has a value the widget cannot use; the
/// string is the value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    MissingApiBase,
    InvalidApiBase(String),
    InvalidLocale(String),
    InvalidPortalUrl(String),
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

    let locale = common::locale(attributes.get(LOCALE)).unwrap_or_else(|value| {
        problems.push(ConfigProblem::InvalidLocale(value));
        Locale::default()
    });

    let base = common::api_base(attributes.get(API_BASE))
        .map_err(|value| {
            problems.push(match value {
                None => ConfigProblem::MissingApiBase,
                Some(value) => ConfigProblem::InvalidApiBase(value),
            });
        })
        .ok();

    let portal_url = attributes.get(PORTAL_URL).and_then(|value| {
        let url = safe_http_url(value).map(str::to_string);
        if url.is_none() {
            problems.push(ConfigProblem::InvalidPortalUrl(value.to_string()));
        }
        url
    });

    let timeout =
        common::request_timeout(attributes.get(REQUEST_TIMEOUT)).unwrap_or_else(|value| {
            problems.push(ConfigProblem::InvalidRequestTimeout(value));
            common::DEFAULT_TIMEOUT
        });

    match base {
        Some(base) if problems.is_empty() => Ok(Config {
            client: ApiClient { base, timeout },
            locale,
            verifier_label: attributes.get(VERIFIER_LABEL).map(str::to_string),
            custom_portal: portal_url.is_some(),
            portal_url: portal_url.unwrap_or_else(|| NATIONAL_PORTAL_URL.to_string()),
        }),
        _ => Err(ConfigErrors { locale, problems }),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn parse_pairs(pairs: &[(&str, &str)]) -> Result<Config, ConfigErrors> {
        parse(&HostAttributes::from_pairs(pairs.iter().copied()))
    }

    #[test]
    fn minimal_configuration() {
        let config = parse_pairs(&[(API_BASE, "/")]).unwrap();
        assert_eq!(config.locale, Locale::Vi);
        assert_eq!(config.verifier_label, None);
        assert_eq!(config.portal_url, NATIONAL_PORTAL_URL);
        assert!(!config.custom_portal);
        assert_eq!(config.client.timeout, Duration::from_secs(15));
    }

    #[test]
    fn full_configuration() {
        let config = parse_pairs(&[
            (API_BASE, "https://dvc.example.gov.vn"),
            (LOCALE, "en"),
            (VERIFIER_LABEL, " Mã bảo mật trên giấy hẹn "),
            (PORTAL_URL, "https://dichvucong.example.gov.vn/tra-cuu"),
            (REQUEST_TIMEOUT, "5"),
        ])
        .unwrap();
        assert_eq!(config.locale, Locale::En);
        assert_eq!(
            config.verifier_label.as_deref(),
            Some("Mã bảo mật trên giấy hẹn")
        );
        assert_eq!(
            config.portal_url,
            "https://dichvucong.example.gov.vn/tra-cuu"
        );
        assert!(config.custom_portal);
        assert_eq!(config.client.timeout, Duration::from_secs(5));
    }

    #[test]
    fn blank_verifier_label_uses_default() {
        let config = parse_pairs(&[(API_BASE, "/"), (VERIFIER_LABEL, "  ")]).unwrap();
        assert_eq!(config.verifier_label, None);
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
            (API_BASE, "ftp://example.vn"),
            (LOCALE, "fr"),
            (PORTAL_URL, "javascript:alert(1)"),
            (REQUEST_TIMEOUT, "500"),
        ])
        .unwrap_err();
        assert_eq!(errors.locale, Locale::Vi);
        assert_eq!(
            errors.problems,
            vec![
                ConfigProblem::InvalidLocale("fr".into()),
                ConfigProblem::InvalidApiBase("ftp://example.vn".into()),
                ConfigProblem::InvalidPortalUrl("javascript:alert(1)".into()),
                ConfigProblem::InvalidRequestTimeout("500".into()),
            ]
        );
    }
}
