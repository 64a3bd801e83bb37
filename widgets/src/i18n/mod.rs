//! Locales and every user-visible string of the widgets.
//!
//! Each widget has one strings table per locale in its own submodule, screen
//! reader text included, so a translator edits one file per widget and the
//! widget code contains no sentence of its own. Vietnamese is the default locale.

pub mod dossier_status;
pub mod procedure_search;

use dvc_core::model::{ChannelKind, Level, TimeUnit};

/// Language of a widget's text, chosen by the host's `locale` attribute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    Vi,
    En,
}

impl Locale {
    /// Parses a `locale` attribute: `vi` or `en`, case-insensitive, with an
    /// optional region (`vi-VN`, `en_GB`). Returns `None` for other languages.
    pub fn parse(value: &str) -> Option<Locale> {
        let language = value
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "vi" => Some(Locale::Vi),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Returns the BCP 47 tag for the `lang` attribute.
    pub fn lang_tag(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
        }
    }

    /// Formats an integer with the locale's digit grouping: `2.117` or `2,117`.
    pub fn format_integer(self, value: u64) -> String {
        let separator = match self {
            Locale::Vi => '.',
            Locale::En => ',',
        };
        group_digits(&value.to_string(), separator)
    }

    /// Formats a non-negative amount with at most two decimals: `0,5` or `0.5`.
    pub fn format_decimal(self, value: f64) -> String {
        let hundredths = (value * 100.0).round();
        if !hundredths.is_finite() || hundredths < 0.0 {
            return value.to_string();
        }

        // Truncation is safe: the value is finite, non-negative and rounded.
        let hundredths = hundredths as u64;
        let whole = self.format_integer(hundredths / 100);
        let fraction = hundredths % 100;
        if fraction == 0 {
            return whole;
        }

        let decimal_mark = match self {
            Locale::Vi => ',',
            Locale::En => '.',
        };
        let digits = format!("{fraction:02}");
        format!("{whole}{decimal_mark}{}", digits.trim_end_matches('0'))
    }

    /// Returns the name of a government level in this locale.
    pub fn level_label(self, level: Level) -> &'static str {
        match self {
            Locale::Vi => level.label_vi(),
            Locale::En => level.label_en(),
        }
    }

    /// Returns the name of a submission channel in this locale.
    pub fn channel_label(self, kind: ChannelKind) -> &'static str {
        match self {
            Locale::Vi => kind.label_vi(),
            Locale::En => kind.label_en(),
        }
    }

    /// Returns the name of a processing-time unit in this locale.
    pub fn time_unit_label(self, unit: TimeUnit) -> &'static str {
        match self {
            Locale::Vi => unit.label_vi(),
            Locale::En => unit.label_en(),
        }
    }
}

/// Inserts `separator` between groups of three digits, counted from the right.
fn group_digits(digits: &str, separator: char) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_attribute_values() {
        assert_eq!(Locale::parse("vi"), Some(Locale::Vi));
        assert_eq!(Locale::parse(" EN "), Some(Locale::En));
        assert_eq!(Locale::parse("vi-VN"), Some(Locale::Vi));
        assert_eq!(Locale::parse("en_GB"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
        assert_eq!(Locale::parse(""), None);
    }

    #[test]
    fn integers_grouped_per_locale() {
        assert_eq!(Locale::Vi.format_integer(7), "7");
        assert_eq!(Locale::Vi.format_integer(2117), "2.117");
        assert_eq!(Locale::En.format_integer(1_500_000), "1,500,000");
        assert_eq!(Locale::En.format_integer(100_000), "100,000");
    }

    #[test]
    fn decimals_per_locale() {
        assert_eq!(Locale::Vi.format_decimal(0.5), "0,5");
        assert_eq!(Locale::En.format_decimal(0.5), "0.5");
        assert_eq!(Locale::Vi.format_decimal(15.0), "15");
        assert_eq!(Locale::En.format_decimal(1.25), "1.25");
    }
}
