//! Fee amounts in đồng, read from the wording the portal publishes.

use std::sync::LazyLock;

use regex::Regex;

/// Amount named by a fee's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    /// One amount in đồng; 0 means free.
    Vnd(u64),
    /// An amount in another currency (USD on visa and residence cards).
    Foreign,
    /// A range, a percentage, several amounts, or words without a number.
    Unclear,
}

/// Reads the single amount in `text`, for example "50.000 đồng", "Lệ phí:
/// 200000 Đồng", "1,5 triệu đồng" or "Miễn phí".
///
/// Anything that does not name exactly one amount is [`Amount::Unclear`]: a
/// citizen must read the text then, and a guessed number would mislead.
pub fn parse_amount(text: &str) -> Amount {
    let folded = dvc_core::text::fold(text);
    if folded.is_empty() {
        return Amount::Unclear;
    }
    if is_free_wording(&folded) {
        return Amount::Vnd(0);
    }
    if has_foreign_currency(&folded) {
        return Amount::Foreign;
    }
    if text.contains('%') || folded.contains("phan tram") || RANGE.is_match(text) {
        return Amount::Unclear;
    }

    let amounts = find_amounts(text);
    match amounts.as_slice() {
        [single] => Amount::Vnd(*single),
        // "50.000 đồng/lần (50.000 đồng)" names one amount twice.
        [first, rest @ ..] if rest.iter().all(|amount| amount == first) => Amount::Vnd(*first),
        _ => Amount::Unclear,
    }
}

/// Returns every amount written in `text`, in đồng, in order.
///
/// A number followed by a currency word ("50.000 đồng", "20.000đ", "200,000
/// VNĐ") is an amount. When no number has a currency word, bare numbers of at
/// least 1,000 count ("50.000/lần"), because smaller bare numbers are article,
/// form or copy numbers. Numbers touching a `/` followed by a digit are dates
/// and document numbers ("30/6/2025", "85/2019/TT-BTC"), never amounts.
pub fn find_amounts(text: &str) -> Vec<u64> {
    let mut with_currency = Vec::new();
    let mut bare = Vec::new();

    for captures in AMOUNT.captures_iter(text) {
        let (Some(whole), Some(number)) = (captures.get(0), captures.name("number")) else {
            continue;
        };
        if is_part_of_date_or_document_number(text, number.start(), number.end()) {
            continue;
        }
        let scale = captures.name("scale").map_or("", |m| m.as_str());
        let Some(value) = parse_scaled_number(number.as_str(), scale) else {
            continue;
        };

        if captures.name("currency").is_some() {
            with_currency.push(value);
        } else if value >= 1_000 && !text[whole.end()..].starts_with('%') {
            bare.push(value);
        }
    }

    if with_currency.is_empty() {
        bare
    } else {
        with_currency
    }
}

/// Two amounts joined by a dash or "đến" ("50.000 - 100.000 đồng", "từ 1
/// đến 2 triệu đồng"); dates such as "01/7/2025 - 31/12/2026" do not match
/// because a day or month is not amount-like.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let amount = r"(?:\d{1,3}(?:[.,]\d{3})+|\d{4,}|\d+(?:[.,]\d+)?\s*(?:nghìn|ngàn|triệu|tỷ))";
    super::pattern(&format!(
        r"(?i){amount}\s*(?:đồng|đ|vnđ)?\s*(?:-|–|—|đến|tới)\s*{amount}|\btừ\s+\d[\d.,]*\s*(?:nghìn|ngàn|triệu|tỷ)?\s*(?:đồng|đ)?\s*(?:đến|tới)\s+\d"
    ))
});

/// A number, an optional scale word, then an optional currency word.
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"(?i)(?P<number>\d{1,3}(?:[.,]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*(?P<scale>nghìn|ngàn|triệu|tỷ|tỉ)?\s*(?P<currency>việt nam đồng|vnđ|vnd|đồng|đ)?\b",
    )
});

fn is_part_of_date_or_document_number(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let touches_slash_before =
        matches!(before, Some('/' | '-' | '.')) || before.is_some_and(|c| c.is_ascii_digit());
    let slash_then_digit =
        after.next() == Some('/') && after.next().is_some_and(|c| c.is_ascii_digit());
    touches_slash_before || slash_then_digit
}

/// Parses a whole number written with or without thousands separators
/// ("200000", "50.000", "2,000,000"); `None` for anything else.
pub fn parse_grouped_number(text: &str) -> Option<u64> {
    if !text.starts_with(|c: char| c.is_ascii_digit())
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let groups: Vec<&str> = text.split(['.', ',']).collect();
    let well_grouped = groups[0].len() <= 3 && groups[1..].iter().all(|group| group.len() == 3);
    if groups.len() > 1 && !well_grouped {
        return None;
    }
    groups.concat().parse().ok()
}

/// Parses "50.000", "2,000,000", "200000", or "1,5" with a scale word.
///
/// Groups of exactly three digits after a dot or comma are thousands, because
/// the portal writes both "50.000" and "50,000". Any other separator is a
/// decimal comma, which only makes sense before a scale word.
fn parse_scaled_number(number: &str, scale: &str) -> Option<u64> {
    let multiplier: u64 = match scale.to_lowercase().as_str() {
        "" => 1,
        "nghìn" | "ngàn" => 1_000,
        "triệu" => 1_000_000,
        "tỷ" | "tỉ" => 1_000_000_000,
        _ => return None,
    };

    let groups: Vec<&str> = number.split(['.', ',']).collect();
    let thousands = groups.len() > 1 && groups[1..].iter().all(|group| group.len() == 3);
    if thousands || groups.len() == 1 {
        let digits: String = groups.concat();
        return digits.parse::<u64>().ok()?.checked_mul(multiplier);
    }

    // A decimal such as "1,5 triệu": only with a scale word.
    if multiplier == 1 || groups.len() != 2 {
        return None;
    }
    let whole: u64 = groups[0].parse().ok()?;
    let fraction = groups[1];
    let fraction_value: u64 = fraction.parse().ok()?;
    let fraction_scale = 10u64.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    whole
        .checked_mul(multiplier)?
        .checked_add(fraction_value.checked_mul(multiplier)? / fraction_scale)
}

fn is_free_wording(folded: &str) -> bool {
    const FREE: [&str; 5] = [
        "mien phi",
        "khong thu phi",
        "khong thu le phi",
        "khong mat phi",
        "khong phai nop",
    ];
    let trimmed = folded.trim();
    if matches!(trimmed, "0" | "0 dong" | "khong" | "khong dong") {
        return true;
    }
    FREE.iter().any(|phrase| trimmed.starts_with(phrase)) && !has_digit(trimmed)
}

fn has_foreign_currency(folded: &str) -> bool {
    folded
        .split(' ')
        .any(|word| matches!(word, "usd" | "eur" | "euro"))
        || folded.contains("do la")
}

fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_amounts() {
        assert_eq!(parse_amount("Lệ phí : 50.000 Đồng"), Amount::Vnd(50_000));
        assert_eq!(
            parse_amount("2,000,000 Việt Nam Đồng"),
            Amount::Vnd(2_000_000)
        );
        assert_eq!(parse_amount("200000 Đồng"), Amount::Vnd(200_000));
        assert_eq!(parse_amount("50.000 đồng/lần"), Amount::Vnd(50_000));
        assert_eq!(parse_amount("1,5 triệu đồng"), Amount::Vnd(1_500_000));
        assert_eq!(parse_amount("30 nghìn đồng"), Amount::Vnd(30_000));
    }

    #[test]
    fn free_wordings() {
        assert_eq!(parse_amount("Miễn phí"), Amount::Vnd(0));
        assert_eq!(parse_amount("miễn phí."), Amount::Vnd(0));
        assert_eq!(parse_amount("0 Đồng"), Amount::Vnd(0));
        assert_eq!(parse_amount("Không"), Amount::Vnd(0));
        assert_eq!(parse_amount("Không thu phí"), Amount::Vnd(0));
    }

    #[test]
    fn unclear_amounts() {
        assert_eq!(parse_amount("Từ 50.000 đến 100.000 đồng"), Amount::Unclear);
        assert_eq!(parse_amount("50.000 - 100.000 đồng"), Amount::Unclear);
        assert_eq!(parse_amount("Từ 1 đến 2 triệu đồng"), Amount::Unclear);
        assert_eq!(parse_amount("0,1% giá trị tài sản"), Amount::Unclear);
        assert_eq!(
            parse_amount("Theo mức thu do Hội đồng nhân dân cấp tỉnh quy định"),
            Amount::Unclear
        );
        assert_eq!(parse_amount(""), Amount::Unclear);
        assert_eq!(parse_amount("Đồng"), Amount::Unclear);
    }

    #[test]
    fn dates_are_not_ranges_or_amounts() {
        assert_eq!(
            parse_amount("25.000 đồng/hồ sơ (áp dụng từ 01/7/2025 - 31/12/2026)"),
            Amount::Vnd(25_000)
        );
        assert_eq!(
            parse_amount("100.000 đồng/lần (Thông tư số 47/2019/TT-BTC)"),
            Amount::Vnd(100_000)
        );
    }

    #[test]
    fn repeated_amount_is_one_amount() {
        assert_eq!(
            parse_amount("50.000 đồng/lần (50.000 đồng)"),
            Amount::Vnd(50_000)
        );
    }

    #[test]
    fn foreign_currency() {
        assert_eq!(parse_amount("145 USD"), Amount::Foreign);
        assert_eq!(parse_amount("25 Đô la Mỹ"), Amount::Foreign);
    }

    #[test]
    fn overflow_is_not_an_amount() {
        assert_eq!(
            parse_amount("99999999999999999999999 đồng"),
            Amount::Unclear
        );
        assert_eq!(parse_amount("99999999999 tỷ đồng"), Amount::Unclear);
    }
}
