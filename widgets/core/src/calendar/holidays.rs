//! Public holidays under the Labour Code 2019 (Law 45/2019/QH14, Article 112) and the
//! rule-based schedule of days off used when no announcement covers a holiday.
//!
//! The schedule is the one for public servants, whose weekly rest days are Saturday and
//! Sunday. Dossier deadlines are counted on that week.
//!
//! NOTE: the 2019 rules are applied to every year. Earlier law gave fewer days: 2 September
//! alone before 2021, and four Tết days before May 2013.

use crate::date::{Date, Weekday};

use super::lunar::{self, LunarDate};

/// A public holiday named by Article 112 of the Labour Code 2019.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PublicHoliday {
    /// Tết Dương lịch, 1 January.
    NewYear,
    /// Tết Nguyên Đán, five days around lunar 1/1.
    LunarNewYear,
    /// Giỗ Tổ Hùng Vương, lunar 10/3.
    HungKingsCommemoration,
    /// Ngày Chiến thắng, 30 April.
    ReunificationDay,
    /// Ngày Quốc tế Lao động, 1 May.
    LabourDay,
    /// Quốc khánh, 2 September and one adjacent day.
    NationalDay,
}

impl PublicHoliday {
    /// Every public holiday, in calendar order.
    pub const ALL: [PublicHoliday; 6] = [
        PublicHoliday::NewYear,
        PublicHoliday::LunarNewYear,
        PublicHoliday::HungKingsCommemoration,
        PublicHoliday::ReunificationDay,
        PublicHoliday::LabourDay,
        PublicHoliday::NationalDay,
    ];

    pub fn label_vi(self) -> &'static str {
        match self {
            PublicHoliday::NewYear => "Tết Dương lịch",
            PublicHoliday::LunarNewYear => "Tết Nguyên Đán",
            PublicHoliday::HungKingsCommemoration => "Giỗ Tổ Hùng Vương",
            PublicHoliday::ReunificationDay => "Ngày Chiến thắng",
            PublicHoliday::LabourDay => "Ngày Quốc tế Lao động",
            PublicHoliday::NationalDay => "Quốc khánh",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            PublicHoliday::NewYear => "New Year's Day",
            PublicHoliday::LunarNewYear => "Lunar New Year (Tết)",
            PublicHoliday::HungKingsCommemoration => "Hùng Kings' Commemoration Day",
            PublicHoliday::ReunificationDay => "Reunification Day",
            PublicHoliday::LabourDay => "International Labour Day",
            PublicHoliday::NationalDay => "National Day",
        }
    }

    /// Returns the day that identifies the holiday in `year`: 1 January, lunar 1/1,
    /// lunar 10/3, 30 April, 1 May or 2 September.
    ///
    /// An announcement covers a holiday when its days off include this day.
    /// `None` for a lunar holiday outside the years the lunar calendar supports.
    pub fn main_day(self, year: i32) -> Option<Date> {
        match self {
            PublicHoliday::NewYear => Date::from_ymd(year, 1, 1),
            PublicHoliday::LunarNewYear => lunar::new_year_day(year),
            PublicHoliday::HungKingsCommemoration => lunar::from_lunar(LunarDate::new(year, 3, 10)),
            PublicHoliday::ReunificationDay => Date::from_ymd(year, 4, 30),
            PublicHoliday::LabourDay => Date::from_ymd(year, 5, 1),
            PublicHoliday::NationalDay => Date::from_ymd(year, 9, 2),
        }
    }

    /// Returns the days off the law grants for the holiday whose [`main_day`] is
    /// `main_day`, when the government announces nothing, before compensatory days.
    ///
    /// [`main_day`]: PublicHoliday::main_day
    pub(crate) fn rule_days(self, main_day: Date) -> Vec<Date> {
        match self {
            PublicHoliday::LunarNewYear => lunar_new_year_rule_days(main_day),
            PublicHoliday::NationalDay => national_day_rule_days(main_day),
            _ => vec![main_day],
        }
    }
}

/// Reason a day is off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayOffKind {
    /// A day the law grants for the holiday itself.
    Holiday,
    /// Nghỉ bù: a working day off because a holiday fell on a weekly rest day.
    Compensatory,
    /// Nghỉ hoán đổi: a working day off in exchange for working a weekend day.
    Swapped,
    /// A Saturday or Sunday inside an announced holiday break.
    WeeklyRest,
}

/// A day off and the holiday it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Holiday {
    pub occasion: PublicHoliday,
    pub kind: DayOffKind,
}

impl Holiday {
    /// Returns the Vietnamese name of the day off, for example "Nghỉ bù Giỗ Tổ Hùng Vương".
    pub fn label_vi(self) -> String {
        let name = self.occasion.label_vi();
        match self.kind {
            DayOffKind::Holiday => name.to_string(),
            DayOffKind::Compensatory => format!("Nghỉ bù {name}"),
            DayOffKind::Swapped => format!("Nghỉ hoán đổi dịp {name}"),
            DayOffKind::WeeklyRest => format!("Nghỉ cuối tuần dịp {name}"),
        }
    }

    /// Returns the English name of the day off, for example "Compensatory day off for
    /// National Day".
    pub fn label_en(self) -> String {
        let name = self.occasion.label_en();
        match self.kind {
            DayOffKind::Holiday => name.to_string(),
            DayOffKind::Compensatory => format!("Compensatory day off for {name}"),
            DayOffKind::Swapped => format!("Swapped day off for {name}"),
            DayOffKind::WeeklyRest => format!("Weekend during {name}"),
        }
    }
}

/// Returns the last day of the old lunar year and the first four days of the year that
/// begins on `new_year_day`.
///
/// The law fixes five Tết days and leaves the choice of days to the Prime Minister
/// (Article 112(3)), who has taken one or two days before lunar 1/1 and the rest after,
/// fitted around the weekends. This fallback takes the old year's last day and days 1 to 4
/// of the new year, which is the shape of the 2026 break.
fn lunar_new_year_rule_days(new_year_day: Date) -> Vec<Date> {
    (-1..=3)
        .filter_map(|offset| new_year_day.add_days(offset))
        .collect()
}

/// Returns `national_day` (2 September) and the adjacent day the rule picks.
///
/// The law grants 2 September plus 1 or 3 September and leaves the choice to the Prime
/// Minister (Article 112(3)). The rule picks the adjacent day that is a weekday and, of two weekdays, the one
/// that joins the break to a weekend. When neither does (2 September on a Wednesday), it
/// picks 1 September. This reproduces the announced choices of 2021 to 2025.
fn national_day_rule_days(national_day: Date) -> Vec<Date> {
    let takes_next_day = matches!(
        national_day.weekday(),
        Weekday::Monday | Weekday::Thursday | Weekday::Sunday
    );
    let days = if takes_next_day {
        [Some(national_day), national_day.add_days(1)]
    } else {
        [national_day.add_days(-1), Some(national_day)]
    };
    days.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn national_day_matches_announced_years() {
        // Announced breaks: 2021 2-3 Sep, 2022 1-2 Sep, 2023 1-2 Sep, 2024 2-3 Sep,
        // 2025 1-2 Sep.
        assert_eq!(
            national_day_rule_days(date(2021, 9, 2)),
            [date(2021, 9, 2), date(2021, 9, 3)]
        );
        assert_eq!(
            national_day_rule_days(date(2022, 9, 2)),
            [date(2022, 9, 1), date(2022, 9, 2)]
        );
        assert_eq!(
            national_day_rule_days(date(2023, 9, 2)),
            [date(2023, 9, 1), date(2023, 9, 2)]
        );
        assert_eq!(
            national_day_rule_days(date(2024, 9, 2)),
            [date(2024, 9, 2), date(2024, 9, 3)]
        );
        assert_eq!(
            national_day_rule_days(date(2025, 9, 2)),
            [date(2025, 9, 1), date(2025, 9, 2)]
        );
    }

    #[test]
    fn national_day_adjacent_is_weekday() {
        for year in 1900..=2100 {
            for day in national_day_rule_days(date(year, 9, 2)) {
                if day.day() != 2 {
                    assert!(!day.weekday().is_weekend(), "{day}");
                }
            }
        }
    }

    #[test]
    fn labels_name_the_kind() {
        let compensatory = Holiday {
            occasion: PublicHoliday::HungKingsCommemoration,
            kind: DayOffKind::Compensatory,
        };
        assert_eq!(compensatory.label_vi(), "Nghỉ bù Giỗ Tổ Hùng Vương");
        assert_eq!(
            compensatory.label_en(),
            "Compensatory day off for Hùng Kings' Commemoration Day"
        );
    }
}
