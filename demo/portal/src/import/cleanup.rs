//! Text cleanup shared by every parser: NFC, HTML removal, entities, whitespace.
//!
//! The portal's pages mix NFC and NFD text, carry stray HTML (`</p>`, `<br>`),
//! entities, tabs, no-break spaces and soft hyphens. Every parser works on the
//! output of [`clean_block`] or [`clean_inline`], so the header strings it
//! searches for match whatever form the source used.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Changes that cleaning made to a text, reported as the record's warnings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CleanupFlags {
    /// The text was not in NFC (often NFD, as copied from some editors).
    pub not_nfc: bool,
    /// HTML tags, comments or entities were removed or decoded.
    pub had_html: bool,
}

impl CleanupFlags {
    pub fn merge(&mut self, other: CleanupFlags) {
        self.not_nfc |= other.not_nfc;
        self.had_html |= other.had_html;
    }
}

/// Cleans a long text and keeps its line structure: lines are trimmed, runs of
/// spaces collapse to one, and runs of blank lines collapse to one blank line
/// (a paragraph break).
pub fn clean_block(text: &str) -> (String, CleanupFlags) {
    let (plain, flags) = to_plain_nfc(text);
    (compose_again(collapse_whitespace(&plain, true)), flags)
}

/// Cleans a one-line value (a name, a code): every whitespace run, line
/// breaks included, becomes one space.
pub fn clean_inline(text: &str) -> (String, CleanupFlags) {
    let (plain, flags) = to_plain_nfc(text);
    (compose_again(collapse_whitespace(&plain, false)), flags)
}

/// Composes cleaned text to NFC once more: removing a tag or an invisible
/// character can join a base letter and its mark (`e<b></b>\u{301}`,
/// `e\u{200B}\u{301}`), which NFC would have composed.
fn compose_again(text: String) -> String {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// Longest text, in bytes, that can still be a "no information" marker with
/// its spaces and punctuation.
const MAX_NONE_MARKER_BYTES: usize = 64;

/// Returns true for the portal's ways of saying "nothing published here".
pub fn is_none_marker(text: &str) -> bool {
    // Every marker is short; folding a whole page to find out is wasted work.
    if text.len() > MAX_NONE_MARKER_BYTES {
        return false;
    }
    let folded = dvc_core::text::fold(text);
    matches!(
        folded.as_str(),
        "" | "khong co thong tin" | "khong co" | "khong quy dinh" | "chua co thong tin"
    )
}

/// Returns `text` as NFC plain text: tags removed, entities decoded.
fn to_plain_nfc(text: &str) -> (String, CleanupFlags) {
    let mut flags = CleanupFlags::default();

    let nfc: Cow<'_, str> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        let normalised: String = text.nfc().collect();
        flags.not_nfc = normalised != text;
        Cow::Owned(normalised)
    };

    let without_tags = strip_tags(&nfc);
    if let Cow::Owned(_) = without_tags {
        flags.had_html = true;
    }

    let decoded = html_escape::decode_html_entities(&without_tags);
    if let Cow::Owned(_) = decoded {
        flags.had_html = true;
        // Numeric entities may spell a base letter and its mark separately.
        return (decoded.nfc().collect(), flags);
    }
    (decoded.into_owned(), flags)
}

/// Tags that end a line of text when a browser renders them.
const LINE_BREAK_TAGS: [&str; 14] = [
    "br", "p", "div", "li", "tr", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
];

/// Elements whose content is not text for a reader.
const SKIPPED_ELEMENTS: [&str; 2] = ["script", "style"];

/// Removes HTML tags and comments; line-breaking tags become `\n`.
///
/// Only `<` followed by a letter, `/` or `!` opens a tag, and a tag must close
/// within the same text, so "trẻ em < 6 tuổi" stays as it is.
fn strip_tags(text: &str) -> Cow<'_, str> {
    if !text.contains('<') {
        return Cow::Borrowed(text);
    }

    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let candidate = &rest[open..];

        if let Some(after_comment) = candidate.strip_prefix("<!--") {
            let end = after_comment
                .find("-->")
                .map_or(after_comment.len(), |i| i + 3);
            rest = &after_comment[end..];
            changed = true;
            continue;
        }

        match parse_tag(candidate) {
            Some(tag) => {
                changed = true;
                rest = &candidate[tag.length..];
                if SKIPPED_ELEMENTS.contains(&tag.name.as_str()) && !tag.closing {
                    rest = skip_element_content(rest, &tag.name);
                } else if LINE_BREAK_TAGS.contains(&tag.name.as_str()) {
                    out.push('\n');
                }
            }
            None => {
                out.push('<');
                rest = &candidate[1..];
            }
        }
    }
    out.push_str(rest);

    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

struct Tag {
    /// Lower-case element name.
    name: String,
    closing: bool,
    /// Bytes from `<` to `>` inclusive.
    length: usize,
}

/// Maximum tag length in bytes: a longer "tag" is more likely text with a stray `<`.
const MAX_TAG_LENGTH: usize = 2_000;

fn parse_tag(text: &str) -> Option<Tag> {
    let body = text.strip_prefix('<')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let name_length = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(body.len());
    let name = body.get(..name_length)?;
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }

    let after_name = &body[name_length..];
    if !after_name.starts_with(['>', '/', ' ', '\t', '\n', '\r']) {
        return None;
    }
    let close = after_name.find('>')?;
    let inner = &after_name[..close];
    if inner.contains('<') {
        return None;
    }

    let length = 1 + usize::from(closing) + name_length + close + 1;
    if length > MAX_TAG_LENGTH {
        return None;
    }
    Some(Tag {
        name: name.to_ascii_lowercase(),
        closing,
        length,
    })
}

/// Skips to just after `</name>`, or to the end when it never closes.
fn skip_element_content<'a>(text: &'a str, name: &str) -> &'a str {
    let closing = format!("</{name}");
    let lower = text.to_ascii_lowercase();
    match lower.find(&closing) {
        Some(start) => {
            let after = &text[start..];
            match after.find('>') {
                Some(end) => &after[end + 1..],
                None => "",
            }
        }
        None => "",
    }
}

/// Returns true for characters that carry nothing visible: zero-width
/// spaces and joiners, the byte order mark, soft hyphens, and controls.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    ) || (c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// Collapses whitespace. With `keep_lines`, line breaks survive (at most one
/// blank line in a row); without, every run becomes one space.
fn collapse_whitespace(text: &str, keep_lines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut pending_newlines = 0usize;

    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        let is_newline = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}');
        if is_newline && keep_lines {
            // "\r\n" counts as one break.
            if c == '\r' {
                continue;
            }
            pending_newlines += 1;
            pending_space = false;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }

        if !out.is_empty() {
            if pending_newlines > 0 {
                out.push_str(if pending_newlines > 1 { "\n\n" } else { "\n" });
            } else if pending_space {
                out.push(' ');
            }
        }
        pending_newlines = 0;
        pending_space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Đăng ký khai sinh".nfd().collect();
        let (clean, flags) = clean_inline(&nfd);
        assert_eq!(clean, "Đăng ký khai sinh");
        assert!(flags.not_nfc);
        assert!(!flags.had_html);
    }

    #[test]
    fn nfc_text_is_not_flagged() {
        let (clean, flags) = clean_inline("Hộ tịch");
        assert_eq!(clean, "Hộ tịch");
        assert_eq!(flags, CleanupFlags::default());
    }

    #[test]
    fn tags_removed_and_paragraphs_kept() {
        let (clean, flags) =
            clean_block("<p>Bước 1: Nộp hồ sơ.</p>\n<p>Bước 2: Nhận&nbsp;kết quả.</p>");
        assert_eq!(clean, "Bước 1: Nộp hồ sơ.\n\nBước 2: Nhận kết quả.");
        assert!(flags.had_html);
    }

    #[test]
    fn line_break_tag_splits_lines() {
        let (clean, _) = clean_block("Dòng một<br/>Dòng hai<BR>Dòng ba");
        assert_eq!(clean, "Dòng một\nDòng hai\nDòng ba");
    }

    #[test]
    fn entities_decoded_once() {
        let (clean, flags) = clean_inline("Ph&iacute; &amp; l&#7879; ph&#xED; &amp;lt;b&amp;gt;");
        assert_eq!(clean, "Phí & lệ phí &lt;b&gt;");
        assert!(flags.had_html);
    }

    #[test]
    fn encoded_tags_stay_text() {
        let (clean, _) = clean_inline("&lt;b&gt;đậm&lt;/b&gt;");
        assert_eq!(clean, "<b>đậm</b>");
    }

    #[test]
    fn less_than_in_text_is_kept() {
        let (clean, flags) = clean_inline("Trẻ em < 6 tuổi và a<b");
        assert_eq!(clean, "Trẻ em < 6 tuổi và a<b");
        assert!(!flags.had_html);
    }

    #[test]
    fn script_and_comment_dropped() {
        let (clean, _) =
            clean_inline("A<script>alert('x')</script>B<!-- ghi chú -->C<style>p{}</style>");
        assert_eq!(clean, "ABC");
    }

    #[test]
    fn unclosed_script_drops_the_rest() {
        let (clean, _) = clean_inline("An toàn<script>alert(1)");
        assert_eq!(clean, "An toàn");
    }

    #[test]
    fn whitespace_collapsed() {
        let (clean, _) =
            clean_block("  a\u{00A0}\u{00A0}b\t c \r\n\r\n\r\n\n d\u{200B}e\u{00AD}f  ");
        assert_eq!(clean, "a b c\n\ndef");
        let (inline, _) = clean_inline(" a \n\n b ");
        assert_eq!(inline, "a b");
    }

    #[test]
    fn none_markers() {
        assert!(is_none_marker("Không có thông tin"));
        assert!(is_none_marker("  KHÔNG CÓ THÔNG TIN. "));
        assert!(is_none_marker(""));
        assert!(!is_none_marker("Không thu phí"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "<",
            "<<<>>>",
            "</",
            "<a",
            "<!--",
            "&",
            "&#;",
            "&#xFFFFFFFF;",
            "\u{0301}",
            "<p\u{0301}>",
        ] {
            let _ = clean_block(text);
            let _ = clean_inline(text);
        }
    }
}
