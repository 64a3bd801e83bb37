//! Vietnamese text folding for search.

use unicode_normalization::UnicodeNormalization;

/// Folds `text` for accent-insensitive matching: NFD, tone and vowel marks
/// removed, `đ`/`Đ`/`Ð` to `d`, lower case, runs of non-alphanumerics to one space.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' | 'Ð' | 'ð' => 'd',
            other => other,
        };
        if c.is_alphanumeric() {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    folded
}

/// Returns `text` in Unicode Normalization Form C.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_marks_case_and_d() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ky khai sinh");
        assert_eq!(fold("ĐĂNG  KÝ, khai-sinh!"), "dang ky khai sinh");
        assert_eq!(fold("Ðăng"), "dang");
    }

    #[test]
    fn nfc_and_nfd_fold_alike() {
        let nfd: String = "Hộ tịch".nfd().collect();
        assert_eq!(fold(&nfd), fold("Hộ tịch"));
        assert_eq!(nfc(&nfd), "Hộ tịch");
    }
}
