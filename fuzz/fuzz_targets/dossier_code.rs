//! Dossier-code normaliser: any text either normalises or is rejected with a
//! reason, and a normalised code is a fixed point of the normaliser.

#![no_main]

use dvc_core::dossier_code::{looks_usual, normalize, DossierCodeError, MAX_DOSSIER_CODE_CHARS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    match normalize(input) {
        Ok(code) => {
            let chars = code.chars().count();
            assert!(
                chars > 0 && chars <= MAX_DOSSIER_CODE_CHARS,
                "{chars} characters"
            );
            assert_eq!(code.trim(), code, "outer white space kept");
            assert!(
                !code.chars().any(char::is_control),
                "control character kept"
            );
            assert!(!code.contains("  "), "white-space run kept");
            assert!(
                !code.bytes().any(|b| b.is_ascii_lowercase()),
                "lower case kept"
            );
            assert_eq!(normalize(&code).as_ref(), Ok(&code), "not idempotent");
            looks_usual(&code);
        }
        Err(DossierCodeError::TooLong { chars }) => {
            assert!(chars > MAX_DOSSIER_CODE_CHARS, "too long at {chars}");
        }
        Err(DossierCodeError::ControlCharacter { position }) => {
            let found = input.chars().nth(position);
            assert!(
                found.is_some_and(char::is_control),
                "no control at {position}"
            );
        }
        Err(DossierCodeError::Empty) => {}
    }
    looks_usual(input);
});
