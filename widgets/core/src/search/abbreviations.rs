//! Abbreviations and colloquial names citizens type, with what the catalogue
//! calls the same thing.
//!
//! Each entry gives one or more *meanings*, written as the national catalogue
//! writes them; a query containing the entry also reads as each meaning. The
//! typed form stays a reading too, so `vat` still finds `vật liệu nổ`.
//!
//! Entries come from the catalogue's own vocabulary: every meaning is a phrase
//! whose words occur in procedure names or fields of the national catalogue
//! (checked by the catalogue test in `tests/search_quality.rs`). Upper-case
//! abbreviations that the catalogue itself uses in names (`BHXH`, `BHYT`,
//! `GTGT`, `TNCN`, `HTX`, …) are also expanded when a procedure is indexed, so
//! the full words find those names. See `docs/search.md` for how to add one.

use std::sync::OnceLock;

use super::normalize;

/// One abbreviation or colloquial name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    /// The form citizens type, in ordinary Vietnamese spelling.
    pub typed: &'static str,
    /// The catalogue's wording; each meaning is one alternative reading.
    pub meanings: &'static [&'static str],
    /// True when procedure texts use the abbreviation as well, so indexing
    /// expands it there too. Colloquial words (`làm`, `sổ đỏ`) are false,
    /// because in the catalogue they keep their plain meaning.
    pub in_catalogue_text: bool,
}

const fn abbreviation(typed: &'static str, meanings: &'static [&'static str]) -> Entry {
    Entry {
        typed,
        meanings,
        in_catalogue_text: true,
    }
}

const fn colloquial(typed: &'static str, meanings: &'static [&'static str]) -> Entry {
    Entry {
        typed,
        meanings,
        in_catalogue_text: false,
    }
}

/// The table. Longer entries win over shorter ones that start the same
/// (`bằng lái xe` over `bằng lái`).
pub(crate) const ENTRIES: &[Entry] = &[
    // Identity, residence and civil status.
    abbreviation("CCCD", &["thẻ căn cước", "căn cước công dân"]),
    abbreviation("CMND", &["chứng minh nhân dân"]),
    colloquial("CMT", &["chứng minh nhân dân"]),
    colloquial("chứng minh thư", &["chứng minh nhân dân"]),
    colloquial("căn cước công dân", &["thẻ căn cước"]),
    colloquial("VNeID", &["tài khoản định danh điện tử"]),
    abbreviation("LLTP", &["lý lịch tư pháp"]),
    colloquial("giấy khai sinh", &["đăng ký khai sinh"]),
    colloquial("làm khai sinh", &["đăng ký khai sinh"]),
    colloquial("giấy khai tử", &["đăng ký khai tử"]),
    colloquial("giấy chứng tử", &["đăng ký khai tử"]),
    colloquial("báo tử", &["khai tử"]),
    colloquial("giấy kết hôn", &["đăng ký kết hôn"]),
    colloquial("giấy đăng ký kết hôn", &["đăng ký kết hôn"]),
    colloquial("độc thân", &["tình trạng hôn nhân"]),
    colloquial("nhận con nuôi", &["nuôi con nuôi"]),
    colloquial("khai báo tạm trú", &["đăng ký tạm trú"]),
    colloquial("nhập hộ khẩu", &["đăng ký thường trú"]),
    colloquial("cắt hộ khẩu", &["xóa đăng ký thường trú"]),
    colloquial("tách hộ khẩu", &["tách hộ"]),
    colloquial("hộ khẩu", &["thường trú"]),
    colloquial("chuyển hộ khẩu", &["đăng ký thường trú"]),
    colloquial(
        "sổ hộ khẩu",
        &["xác nhận thông tin về cư trú", "đăng ký thường trú"],
    ),
    colloquial("sao y", &["chứng thực bản sao"]),
    colloquial("passport", &["hộ chiếu"]),
    colloquial("visa", &["thị thực"]),
    abbreviation("XNC", &["xuất nhập cảnh"]),
    // Vehicles.
    abbreviation("GPLX", &["giấy phép lái xe"]),
    colloquial("bằng lái", &["giấy phép lái xe"]),
    colloquial("bằng lái xe", &["giấy phép lái xe"]),
    colloquial("cà vẹt", &["chứng nhận đăng ký xe"]),
    colloquial("cà vẹt xe", &["chứng nhận đăng ký xe"]),
    // Land.
    colloquial("sổ đỏ", &["giấy chứng nhận quyền sử dụng đất"]),
    colloquial(
        "sổ hồng",
        &["giấy chứng nhận quyền sở hữu tài sản gắn liền với đất"],
    ),
    abbreviation("QSDĐ", &["quyền sử dụng đất"]),
    abbreviation("GCN", &["giấy chứng nhận"]),
    // Insurance.
    abbreviation("BHYT", &["bảo hiểm y tế"]),
    abbreviation("BHXH", &["bảo hiểm xã hội"]),
    abbreviation("BHTN", &["bảo hiểm thất nghiệp"]),
    abbreviation("TNLĐ", &["tai nạn lao động"]),
    abbreviation("BNN", &["bệnh nghề nghiệp"]),
    abbreviation("KCB", &["khám chữa bệnh"]),
    abbreviation("DSPHSK", &["dưỡng sức phục hồi sức khỏe"]),
    // Tax and business.
    abbreviation("GTGT", &["giá trị gia tăng"]),
    colloquial("VAT", &["giá trị gia tăng"]),
    abbreviation("TNCN", &["thu nhập cá nhân"]),
    abbreviation("TNDN", &["thu nhập doanh nghiệp"]),
    abbreviation("TTĐB", &["tiêu thụ đặc biệt"]),
    abbreviation("MST", &["mã số thuế"]),
    colloquial("mã số thuế cá nhân", &["đăng ký thuế lần đầu cá nhân"]),
    colloquial("MST cá nhân", &["đăng ký thuế lần đầu cá nhân"]),
    abbreviation("HKD", &["hộ kinh doanh"]),
    colloquial("hộ kinh doanh cá thể", &["hộ kinh doanh"]),
    colloquial("kinh doanh cá thể", &["hộ kinh doanh"]),
    colloquial("hộ cá thể", &["hộ kinh doanh"]),
    abbreviation("HTX", &["hợp tác xã"]),
    abbreviation("DN", &["doanh nghiệp"]),
    abbreviation("TNHH", &["trách nhiệm hữu hạn"]),
    abbreviation("ĐKKD", &["đăng ký kinh doanh"]),
    abbreviation("GPKD", &["giấy phép kinh doanh"]),
    abbreviation("KBNN", &["kho bạc nhà nước"]),
    abbreviation("NSNN", &["ngân sách nhà nước"]),
    abbreviation("NHNN", &["ngân hàng nhà nước"]),
    // Agencies and public bodies.
    abbreviation("UBND", &["ủy ban nhân dân"]),
    abbreviation("HĐND", &["hội đồng nhân dân"]),
    abbreviation("CAND", &["công an nhân dân"]),
    abbreviation("PCCC", &["phòng cháy chữa cháy"]),
    abbreviation("TW", &["trung ương"]),
    abbreviation("TP", &["thành phố"]),
    abbreviation("TTHC", &["thủ tục hành chính"]),
    abbreviation("CSDL", &["cơ sở dữ liệu"]),
    // Everyday verbs for "apply for" and "replace".
    colloquial("làm", &["cấp", "đăng ký"]),
    colloquial("xin", &["cấp"]),
    colloquial("làm lại", &["cấp lại"]),
    colloquial("mất", &["cấp lại"]),
    colloquial("bị mất", &["cấp lại"]),
    colloquial("hết hạn", &["cấp đổi", "đổi", "gia hạn"]),
];

/// An entry with its typed form and meanings as folded keys.
pub(crate) struct FoldedEntry {
    pub typed: Vec<String>,
    pub meanings: Vec<Vec<String>>,
    /// Marked keys of the meanings' words, word for word: the table spells
    /// meanings with their marks, so `sử dụng` does not mark `xây dựng`.
    pub marked_meanings: Vec<Vec<String>>,
    pub in_catalogue_text: bool,
}

/// Returns the table with folded keys, longest typed forms first.
pub(crate) fn folded_entries() -> &'static [FoldedEntry] {
    static TABLE: OnceLock<Vec<FoldedEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<FoldedEntry> = ENTRIES
            .iter()
            .map(|entry| FoldedEntry {
                typed: split_key(entry.typed),
                meanings: entry
                    .meanings
                    .iter()
                    .map(|meaning| split_key(meaning))
                    .collect(),
                marked_meanings: entry
                    .meanings
                    .iter()
                    .map(|meaning| {
                        normalize::tokens(meaning)
                            .into_iter()
                            .map(|token| token.marked)
                            .collect()
                    })
                    .collect(),
                in_catalogue_text: entry.in_catalogue_text,
            })
            .collect();
        table.sort_by_key(|entry| std::cmp::Reverse(entry.typed.len()));
        table
    })
}

/// Returns the longest entry whose typed form starts `words` (folded keys).
pub(crate) fn longest_match(words: &[String]) -> Option<&'static FoldedEntry> {
    folded_entries().iter().find(|entry| {
        !entry.typed.is_empty()
            && words.len() >= entry.typed.len()
            && entry.typed.iter().zip(words).all(|(a, b)| a == b)
    })
}

/// Returns the meanings of a one-word abbreviation that procedure texts use.
pub(crate) fn catalogue_expansion(word: &str) -> Option<&'static [Vec<String>]> {
    folded_entries()
        .iter()
        .find(|entry| entry.in_catalogue_text && entry.typed.len() == 1 && entry.typed[0] == word)
        .map(|entry| entry.meanings.as_slice())
}

fn split_key(text: &str) -> Vec<String> {
    normalize::tokens(text)
        .into_iter()
        .map(|token| token.folded)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Vec<String> {
        split_key(text)
    }

    #[test]
    fn every_entry_is_well_formed() {
        for entry in ENTRIES {
            assert!(!key(entry.typed).is_empty(), "{}", entry.typed);
            assert!(!entry.meanings.is_empty(), "{}", entry.typed);
            for meaning in entry.meanings {
                assert!(!key(meaning).is_empty(), "{}", entry.typed);
                assert_ne!(key(meaning), key(entry.typed), "{}", entry.typed);
            }
        }
    }

    #[test]
    fn every_entry_is_found_by_its_typed_form() {
        for entry in ENTRIES {
            let typed = key(entry.typed);
            let found = longest_match(&typed).unwrap();
            assert_eq!(found.typed, typed, "{}", entry.typed);
            let meanings: Vec<Vec<String>> = entry.meanings.iter().map(|m| key(m)).collect();
            assert_eq!(found.meanings, meanings, "{}", entry.typed);
            for (folded, marked) in found.meanings.iter().zip(&found.marked_meanings) {
                assert_eq!(folded.len(), marked.len(), "{}", entry.typed);
            }
        }
    }

    #[test]
    fn typed_forms_are_unique() {
        let mut seen: Vec<Vec<String>> = Vec::new();
        for entry in ENTRIES {
            let typed = key(entry.typed);
            assert!(!seen.contains(&typed), "duplicate entry {}", entry.typed);
            seen.push(typed);
        }
    }

    #[test]
    fn abbreviations_in_catalogue_text_are_single_words() {
        for entry in ENTRIES.iter().filter(|entry| entry.in_catalogue_text) {
            assert_eq!(key(entry.typed).len(), 1, "{}", entry.typed);
        }
    }

    #[test]
    fn longest_typed_form_wins() {
        let words = key("bằng lái xe máy");
        let found = longest_match(&words).unwrap();
        assert_eq!(found.typed, key("bằng lái xe"));
        let words = key("bằng lái ô tô");
        assert_eq!(longest_match(&words).unwrap().typed, key("bằng lái"));
    }

    #[test]
    fn match_is_case_and_mark_insensitive() {
        assert!(longest_match(&key("gplx")).is_some());
        assert!(longest_match(&key("SO DO")).is_some());
        assert!(longest_match(&key("qsdd")).is_some());
        assert!(longest_match(&key("Sổ Đỏ")).is_some());
    }

    #[test]
    fn only_catalogue_abbreviations_expand_in_documents() {
        assert!(catalogue_expansion("bhxh").is_some());
        assert!(catalogue_expansion("gtgt").is_some());
        assert!(catalogue_expansion("lam").is_none());
        assert!(catalogue_expansion("so").is_none());
    }

    #[test]
    fn unrelated_words_match_nothing() {
        assert!(longest_match(&key("đăng ký khai sinh")).is_none());
        assert!(longest_match(&[]).is_none());
    }
}
