//! Checks on addresses from the portal before they become `href`s.

/// Returns the trimmed address when it is an absolute `http:` or `https:`
/// URL with a host, and `None` otherwise, so `javascript:`, `data:` and
/// relative addresses from the catalogue never become links.
pub fn safe_http_url(url: &str) -> Option<&str> {
    let url = url.trim();
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return None;
    }

    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url["https://".len()..]
    } else if lower.starts_with("http://") {
        &url["http://".len()..]
    } else {
        return None;
    };

    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return None;
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_urls_pass() {
        assert_eq!(
            safe_http_url(" https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193 "),
            Some("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193")
        );
        assert!(safe_http_url("HTTP://example.vn/form.docx").is_some());
        assert!(safe_http_url("http://127.0.0.1:8080/x").is_some());
    }

    #[test]
    fn other_addresses_are_rejected() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<b>x</b>",
            "vbscript:x",
            "/relative/form.doc",
            "//example.vn/x",
            "https://",
            "https:///x",
            "https://:80/x",
            "https://user@/x",
            "https://example.vn/a b",
            "https://example.vn/\u{0}",
            "https:\\\\example.vn",
            "",
        ] {
            assert_eq!(safe_http_url(url), None, "{url:?}");
        }
    }
}
