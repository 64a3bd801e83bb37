//! Obviously fake applicants, shown only in masked form.

use super::random::SplitMix64;

const FAMILY_NAMES: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô",
];
const MIDDLE_NAMES: [&str; 8] = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu", "Quang", "Hải"];
/// Given names that read as "sample", "test" or "example", so a leaked demo
/// record cannot be mistaken for a real person.
const GIVEN_NAMES: [&str; 6] = ["Mẫu", "Thử", "Demo", "Ví Dụ", "Kiểm Thử", "Giả Định"];

/// Returns a fake applicant name such as "Nguyễn Văn Mẫu".
pub fn fake_name(random: &mut SplitMix64) -> String {
    let family = random.pick(&FAMILY_NAMES).copied().unwrap_or("Nguyễn");
    let middle = random.pick(&MIDDLE_NAMES).copied().unwrap_or("Văn");
    let given = random.pick(&GIVEN_NAMES).copied().unwrap_or("Mẫu");
    format!("{family} {middle} {given}")
}

/// Masks a name the way public lookup pages do: the family name stays, every
/// other word keeps its first letter ("Nguyễn Văn An" becomes "Nguyễn V** A**").
pub fn mask_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    let mut masked = String::new();
    if let Some(family) = words.next() {
        masked.push_str(family);
    }
    for word in words {
        if let Some(initial) = word.chars().next() {
            masked.push(' ');
            masked.push(initial);
            masked.push_str("**");
        }
    }
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_keeps_family_and_initials() {
        assert_eq!(mask_name("Nguyễn Văn An"), "Nguyễn V** A**");
        assert_eq!(mask_name("  Đỗ   Thị  Ví Dụ "), "Đỗ T** V** D**");
        assert_eq!(mask_name("Lê"), "Lê");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn fake_names_have_three_parts_or_more() {
        let mut random = SplitMix64::new(3);
        for _ in 0..50 {
            assert!(fake_name(&mut random).split(' ').count() >= 3);
        }
    }
}
