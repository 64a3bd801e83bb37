//! Checks on what the citizen types, scans or brings in the page address,
//! before anything is sent.

use dvc_core::dossier_code::{self, DossierCodeError};

/// Query parameter of the host page that may prefill the dossier code.
pub const PREFILL_PARAMETER: &str = "ma-ho-so";

/// Maximum verifier length, in characters; the portal API rejects longer ones.
pub const MAX_VERIFIER_CHARS: usize = 32;

/// Query parameters that carry a dossier code in the links some receipts
/// encode in their QR code.
const QR_CODE_PARAMETERS: &[&str] = &[
    PREFILL_PARAMETER,
    "ma_ho_so",
    "mahoso",
    "maHoSo",
    "code",
    "dossier",
];

/// Problem that keeps the verifier from being sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifierProblem {
    Missing,
    TooLong,
    ControlCharacter,
}

/// Normalises the dossier code leniently (see [`dossier_code::normalize`]).
pub fn check_code(typed: &str) -> Result<String, DossierCodeError> {
    dossier_code::normalize(typed)
}

/// Trims the verifier and rejects empty, over-long or control-character
/// input. The portal normalises the rest (inner spaces, full-width digits).
pub fn check_verifier(typed: &str) -> Result<String, VerifierProblem> {
    let verifier = typed.trim();
    if verifier.is_empty() {
        return Err(VerifierProblem::Missing);
    }
    if verifier.chars().any(|c| c.is_control()) {
        return Err(VerifierProblem::ControlCharacter);
    }
    if verifier.chars().count() > MAX_VERIFIER_CHARS {
        return Err(VerifierProblem::TooLong);
    }
    Ok(verifier.to_string())
}

/// Returns the raw value of `name` in a query string such as
/// `?ma-ho-so=000.17.22.H56-210531-0001&x=1`, still percent-encoded, with
/// `+` already turned into a space. The first occurrence wins.
pub fn query_parameter<'a>(query: &'a str, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| {
            if value.contains('+') {
                std::borrow::Cow::Owned(value.replace('+', " "))
            } else {
                std::borrow::Cow::Borrowed(value)
            }
        })
}

/// Returns the dossier code in the text of a receipt's QR code: the value of
/// a known query parameter when the text is a link, else the whole text.
/// `decode` percent-decodes a parameter value (the browser's
/// `decodeURIComponent` in the widget).
pub fn code_from_qr_text(text: &str, decode: impl Fn(&str) -> Option<String>) -> Option<String> {
    let text = text.trim();
    let is_link = text
        .get(..8)
        .map(str::to_ascii_lowercase)
        .is_some_and(|start| start.starts_with("http://") || start.starts_with("https://"));

    let candidate = if is_link {
        let query = text.split_once('?').map(|(_, query)| query)?;
        let query = query.split('#').next().unwrap_or_default();
        let raw = QR_CODE_PARAMETERS
            .iter()
            .find_map(|name| query_parameter(query, name))?;
        decode(&raw)?
    } else {
        text.to_string()
    };
    dossier_code::normalize(&candidate).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes the few escapes the tests use, in place of the browser's.
    fn decode(value: &str) -> Option<String> {
        Some(value.replace("%2D", "-").replace("%2E", "."))
    }

    #[test]
    fn code_normalised_leniently() {
        assert_eq!(
            check_code("  000.00.00.g01 – 260211 -  0003 ").unwrap(),
            "000.00.00.G01-260211-0003"
        );
        assert_eq!(check_code("   "), Err(DossierCodeError::Empty));
    }

    #[test]
    fn verifier_checks() {
        assert_eq!(check_verifier(" 1234 ").unwrap(), "1234");
        assert_eq!(check_verifier("  "), Err(VerifierProblem::Missing));
        assert_eq!(
            check_verifier(&"1".repeat(MAX_VERIFIER_CHARS + 1)),
            Err(VerifierProblem::TooLong)
        );
        assert_eq!(
            check_verifier("12\u{0}4"),
            Err(VerifierProblem::ControlCharacter)
        );
        // The portal normalises full-width digits and inner spaces itself.
        assert_eq!(check_verifier("１２ ３４").unwrap(), "１２ ３４");
    }

    #[test]
    fn query_parameter_found() {
        let query = "?page=2&ma-ho-so=000.17.22.H56-210531-0001&ma-ho-so=other";
        assert_eq!(
            query_parameter(query, "ma-ho-so").as_deref(),
            Some("000.17.22.H56-210531-0001")
        );
        assert_eq!(query_parameter("ma-ho-so", "ma-ho-so").as_deref(), Some(""));
        assert_eq!(query_parameter("?x=a+b", "x").as_deref(), Some("a b"));
        assert_eq!(query_parameter("?ma-ho-so-2=1", "ma-ho-so"), None);
        assert_eq!(query_parameter("", "ma-ho-so"), None);
    }

    #[test]
    fn qr_with_plain_code() {
        assert_eq!(
            code_from_qr_text(" 000.17.22.h56-210531-0001\n", decode).as_deref(),
            Some("000.17.22.H56-210531-0001")
        );
    }

    #[test]
    fn qr_with_link() {
        let link = "https://dichvucong.example.gov.vn/tra-cuu?maHoSo=000%2E17%2E22%2EH56%2D210531%2D0001#top";
        assert_eq!(
            code_from_qr_text(link, decode).as_deref(),
            Some("000.17.22.H56-210531-0001")
        );
        assert_eq!(
            code_from_qr_text(
                "HTTPS://example.vn/?ma-ho-so=03706/2026/07906&lang=vi",
                decode
            )
            .as_deref(),
            Some("03706/2026/07906")
        );
    }

    #[test]
    fn qr_without_code() {
        assert_eq!(code_from_qr_text("https://example.vn/?q=1", decode), None);
        assert_eq!(code_from_qr_text("https://example.vn/", decode), None);
        assert_eq!(code_from_qr_text("   ", decode), None);
        assert_eq!(code_from_qr_text(&"A".repeat(200), decode), None);
    }
}
