//! Lists of names (agencies, applicant types), levels and paragraphs.

use dvc_core::model::Level;
use dvc_core::text::fold;

use super::cleanup::is_none_marker;

/// Splits a list of names joined by commas, semicolons or lines.
///
/// The portal joins names with ", " although names contain commas too ("Cục
/// cảnh sát quản lý hành chính về trật tự, xã hội", "Tổ chức (không bao gồm
/// doanh nghiệp, HTX)"). Every published name starts with a capital letter,
/// so a piece that starts in lower case, or that follows an unclosed
/// bracket, continues the previous name.
///
/// NOTE: a name whose part after a comma starts with a capital ("Trung tâm
/// Chất lượng, Chế biến và Phát triển thị trường") is still split in two.
pub fn split_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in text.split(['\n', ';']) {
        let mut current = String::new();
        for piece in line.split(',') {
            let trimmed = piece.trim();
            let continues = !current.is_empty()
                && (starts_lowercase(trimmed) || bracket_depth(&current) > 0 || trimmed.is_empty());
            if continues {
                current.push(',');
                current.push_str(piece);
            } else {
                push_name(&mut names, &current);
                current = piece.to_owned();
            }
        }
        push_name(&mut names, &current);
    }
    names
}

fn push_name(names: &mut Vec<String>, raw: &str) {
    let name = raw.trim().trim_end_matches(['.', ',']).trim();
    if name.is_empty() || is_none_marker(name) || name == "--" {
        return;
    }
    let name = collapse_spaces(name);
    if !names.contains(&name) {
        names.push(name);
    }
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn bracket_depth(text: &str) -> i32 {
    text.chars().fold(0, |depth, c| match c {
        '(' => depth + 1,
        ')' => depth - 1,
        _ => depth,
    })
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits one value a line, dropping empty lines and "no information".
pub fn split_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if !line.is_empty() && !is_none_marker(line) && !lines.iter().any(|seen| seen == line) {
            lines.push(line.to_owned());
        }
    }
    lines
}

/// Splits a text into paragraphs (one entry a line), for conditions.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    if is_none_marker(text) {
        return Vec::new();
    }
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads levels from "Cấp bộ, Cấp tỉnh, Cấp xã"; returns the levels in
/// published order and the pieces that name no known level.
pub fn parse_levels(text: &str) -> (Vec<Level>, Vec<String>) {
    let mut levels = Vec::new();
    let mut unknown = Vec::new();
    for piece in text.split([',', ';', '\n']) {
        let piece = piece.trim();
        if piece.is_empty() || is_none_marker(piece) {
            continue;
        }
        match level_from_name(piece) {
            Some(level) if !levels.contains(&level) => levels.push(level),
            Some(_) => {}
            None => unknown.push(piece.to_owned()),
        }
    }
    (levels, unknown)
}

fn level_from_name(name: &str) -> Option<Level> {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    let last = words.last().copied().unwrap_or("");
    if folded.contains("co quan khac") {
        return Some(Level::Other);
    }
    if words.first() != Some(&"cap") && !folded.starts_with("trung uong") {
        return None;
    }
    match last {
        "bo" | "uong" => Some(Level::Ministry),
        "tinh" => Some(Level::Province),
        "huyen" => Some(Level::District),
        "xa" => Some(Level::Commune),
        _ => None,
    }
}

/// Guesses levels from an agency name, for legacy records that name none.
///
/// Ministries and their departments (Bộ, Cục, Tổng cục) are central. Sở and
/// "cấp tỉnh" are provincial, Phòng and "cấp huyện" the old districts, and
/// "xã", "phường" and "thị trấn" communes. Anything else stays unknown.
pub fn guess_levels_from_agency(agency: &str) -> Vec<Level> {
    let folded = fold(agency);
    let words: Vec<&str> = folded.split(' ').collect();
    let has = |phrase: &str| {
        let phrase_words: Vec<&str> = phrase.split(' ').collect();
        words
            .windows(phrase_words.len())
            .any(|window| window == phrase_words.as_slice())
    };

    // "xã hội" (society) is not a commune.
    let names_commune = words
        .iter()
        .enumerate()
        .any(|(index, word)| *word == "xa" && words.get(index + 1) != Some(&"hoi"));

    let mut levels = Vec::new();
    if names_commune || has("phuong") || has("thi tran") {
        levels.push(Level::Commune);
    }
    if has("cap huyen") || words.first() == Some(&"phong") {
        levels.push(Level::District);
    }
    let names_province = has("tinh") || words.first() == Some(&"so");
    if names_province {
        levels.push(Level::Province);
    }
    if matches!(words.first(), Some(&"bo" | &"cuc" | &"tong")) && !names_province {
        levels.push(Level::Ministry);
    }
    levels.sort();
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_commas_stay_whole() {
        assert_eq!(
            split_names("Cục cảnh sát quản lý hành chính về trật tự, xã hội, Công an tỉnh"),
            vec![
                "Cục cảnh sát quản lý hành chính về trật tự, xã hội",
                "Công an tỉnh"
            ]
        );
        assert_eq!(
            split_names("Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam"),
            vec![
                "Tổ chức (không bao gồm doanh nghiệp, HTX)",
                "Công dân Việt Nam"
            ]
        );
        assert_eq!(
            split_names("Ủy ban Nhân dân\u{a0}xã, phường, thị trấn."),
            vec!["Ủy ban Nhân dân xã, phường, thị trấn"]
        );
    }

    #[test]
    fn names_split_and_deduplicated() {
        assert_eq!(
            split_names("Bộ Công an, Bộ Công an; Sở Tư pháp\nUBND cấp xã"),
            vec!["Bộ Công an", "Sở Tư pháp", "UBND cấp xã"]
        );
        assert!(split_names("Không có thông tin").is_empty());
        assert!(split_names(" , ,").is_empty());
    }

    #[test]
    fn levels_from_published_names() {
        let (levels, unknown) = parse_levels("Cấp bộ, Cấp tỉnh, Cấp huyện, Cấp xã, Cơ quan khác");
        assert_eq!(
            levels,
            vec![
                Level::Ministry,
                Level::Province,
                Level::District,
                Level::Commune,
                Level::Other
            ]
        );
        assert!(unknown.is_empty());
    }

    #[test]
    fn unknown_level_reported() {
        let (levels, unknown) = parse_levels("Cấp tỉnh, Cấp vùng");
        assert_eq!(levels, vec![Level::Province]);
        assert_eq!(unknown, vec!["Cấp vùng"]);
    }

    #[test]
    fn levels_guessed_from_agencies() {
        assert_eq!(guess_levels_from_agency("Công an Xã"), vec![Level::Commune]);
        assert_eq!(guess_levels_from_agency("Bộ Nội vụ"), vec![Level::Ministry]);
        assert_eq!(
            guess_levels_from_agency("Sở Công thương"),
            vec![Level::Province]
        );
        assert_eq!(
            guess_levels_from_agency("Phòng Tư Pháp"),
            vec![Level::District]
        );
        assert_eq!(
            guess_levels_from_agency("Bảo hiểm xã hội cấp huyện"),
            vec![Level::District]
        );
        assert_eq!(
            guess_levels_from_agency("Cục Thuế tỉnh"),
            vec![Level::Province]
        );
        assert_eq!(
            guess_levels_from_agency("Sở Lao động-Thương binh và Xã hội"),
            vec![Level::Province]
        );
        assert!(guess_levels_from_agency("Cơ sở giáo dục").is_empty());
    }

    #[test]
    fn paragraphs_and_lines() {
        assert_eq!(split_paragraphs("a\n\nb\n"), vec!["a", "b"]);
        assert!(split_paragraphs("Không có thông tin").is_empty());
        assert_eq!(split_lines("Hộ tịch\nHộ tịch"), vec!["Hộ tịch"]);
    }
}
