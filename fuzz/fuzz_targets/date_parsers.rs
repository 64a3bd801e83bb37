//! Date and time parsers: any text parses or is rejected, and what parses
//! prints back to text that parses to the same value.

#![no_main]

use dvc_core::date::{Date, LocalDateTime};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(date) = Date::parse_iso(text) {
        assert_eq!(date.to_string(), text, "ISO date does not print back");
    }

    if let Some(time) = LocalDateTime::parse_compact(text) {
        let printed = time.to_string();
        assert_eq!(LocalDateTime::parse_rfc3339(&printed), Some(time));
    }

    if let Some(time) = LocalDateTime::parse_rfc3339(text) {
        let printed = time.to_string();
        assert_eq!(LocalDateTime::parse_rfc3339(&printed), Some(time));
        assert_eq!(
            LocalDateTime::in_vietnam_at(time.unix_seconds()),
            Some(time),
            "Unix time does not convert back"
        );
    }
});
