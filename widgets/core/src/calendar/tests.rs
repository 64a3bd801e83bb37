use super::*;
use crate::date::Weekday;

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

fn vietnam() -> WorkingCalendar {
    WorkingCalendar::vietnam()
}

fn rules() -> WorkingCalendar {
    WorkingCalendar::rules_only()
}

#[test]
fn weekends_are_not_working_days() {
    assert!(vietnam().is_working_day(date(2026, 3, 6)));
    assert!(!vietnam().is_working_day(date(2026, 3, 7)));
    assert!(!vietnam().is_working_day(date(2026, 3, 8)));
    assert!(vietnam().is_working_day(date(2026, 3, 9)));
}

#[test]
fn fixed_date_holidays_are_off() {
    let calendar = rules();
    for day in [
        date(2027, 1, 1),
        date(2027, 4, 30),
        date(2028, 5, 1),
        date(2027, 9, 2),
    ] {
        assert!(!day.weekday().is_weekend(), "{day}");
        assert!(!calendar.is_working_day(day), "{day}");
        assert_eq!(
            calendar.holiday(day).map(|h| h.kind),
            Some(DayOffKind::Holiday)
        );
    }
    assert_eq!(
        calendar.holiday(date(2027, 4, 30)).map(|h| h.occasion),
        Some(PublicHoliday::ReunificationDay)
    );
    assert_eq!(calendar.holiday(date(2027, 3, 10)), None);
}

#[test]
fn national_day_takes_adjacent_day() {
    // 2 September 2027 is a Thursday: the rule adds Friday 3 September.
    let calendar = rules();
    assert!(!calendar.is_working_day(date(2027, 9, 3)));
    assert!(calendar.is_working_day(date(2027, 9, 1)));
    assert_eq!(
        calendar.holiday(date(2027, 9, 3)),
        Some(Holiday {
            occasion: PublicHoliday::NationalDay,
            kind: DayOffKind::Holiday
        })
    );
}

#[test]
fn weekend_holiday_gets_compensatory_day() {
    // 1 January 2028 is a Saturday: Monday 3 January is off instead.
    let calendar = rules();
    assert_eq!(date(2028, 1, 1).weekday(), Weekday::Saturday);
    assert_eq!(
        calendar.holiday(date(2028, 1, 3)),
        Some(Holiday {
            occasion: PublicHoliday::NewYear,
            kind: DayOffKind::Compensatory
        })
    );
    assert!(calendar.is_working_day(date(2028, 1, 4)));

    // 30 April 2028 is a Sunday and 1 May a Monday: the compensatory day for 30 April
    // moves past 1 May to Tuesday 2 May.
    assert_eq!(date(2028, 4, 30).weekday(), Weekday::Sunday);
    assert!(!calendar.is_working_day(date(2028, 5, 1)));
    assert_eq!(
        calendar.holiday(date(2028, 5, 2)),
        Some(Holiday {
            occasion: PublicHoliday::ReunificationDay,
            kind: DayOffKind::Compensatory
        })
    );
    assert!(calendar.is_working_day(date(2028, 5, 3)));
}

#[test]
fn announced_swap_overrides_rules() {
    // 2025: 30 April to 4 May off, Friday 2 May swapped with Saturday 26 April.
    let announced = vietnam();
    assert!(announced.is_working_day(date(2025, 4, 26)));
    assert!(!announced.is_working_day(date(2025, 5, 2)));
    assert_eq!(
        announced.holiday(date(2025, 5, 2)),
        Some(Holiday {
            occasion: PublicHoliday::ReunificationDay,
            kind: DayOffKind::Swapped
        })
    );
    assert_eq!(
        announced.holiday(date(2025, 5, 1)).map(|h| h.occasion),
        Some(PublicHoliday::LabourDay)
    );
    assert_eq!(
        announced.holiday(date(2025, 5, 3)).map(|h| h.kind),
        Some(DayOffKind::WeeklyRest)
    );

    // The rules alone keep the Saturday off and Friday 2 May a working day.
    assert!(!rules().is_working_day(date(2025, 4, 26)));
    assert!(rules().is_working_day(date(2025, 5, 2)));
}

#[test]
fn announced_national_day_2025() {
    let calendar = vietnam();
    assert!(!calendar.is_working_day(date(2025, 9, 1)));
    assert!(!calendar.is_working_day(date(2025, 9, 2)));
    assert!(calendar.is_working_day(date(2025, 9, 3)));
    assert!(calendar.is_working_day(date(2025, 8, 29)));
}

#[test]
fn announced_tet_2026_is_nine_days() {
    let calendar = vietnam();
    for day in 14..=22 {
        let day = date(2026, 2, day);
        assert!(!calendar.is_working_day(day), "{day}");
        assert_eq!(
            calendar.holiday(day).map(|h| h.occasion),
            Some(PublicHoliday::LunarNewYear),
            "{day}"
        );
    }
    assert!(calendar.is_working_day(date(2026, 2, 13)));
    assert!(calendar.is_working_day(date(2026, 2, 23)));
}

#[test]
fn due_date_skips_tet_2026() {
    // Friday 13 February plus 5 working days: 16 to 20 February are Tết, so the count
    // runs Monday 23 to Friday 27 February.
    let due = vietnam().add_working_days(date(2026, 2, 13), 5);
    assert_eq!(due, Some(date(2026, 2, 27)));
    assert_eq!(
        vietnam().add_working_days(date(2026, 2, 13), 1),
        Some(date(2026, 2, 23))
    );
}

#[test]
fn due_date_skips_april_break_2025() {
    // Tuesday 29 April 2025 plus 1: 30 April to 4 May are off.
    let calendar = vietnam();
    assert_eq!(
        calendar.add_working_days(date(2025, 4, 29), 1),
        Some(date(2025, 5, 5))
    );
    // Friday 25 April plus 1 is the swapped working Saturday.
    assert_eq!(
        calendar.add_working_days(date(2025, 4, 25), 1),
        Some(date(2025, 4, 26))
    );
    assert_eq!(
        calendar.add_working_days(date(2025, 4, 25), 3),
        Some(date(2025, 4, 29))
    );
}

#[test]
fn due_date_crosses_year_end() {
    // Wednesday 30 December 2026 plus 2: Thursday 31 December counts, Friday 1 January
    // is off, so the second working day is Monday 4 January.
    let calendar = vietnam();
    assert_eq!(
        calendar.add_working_days(date(2026, 12, 30), 2),
        Some(date(2027, 1, 4))
    );
    assert_eq!(
        calendar.add_working_days(date(2026, 12, 30), 1),
        Some(date(2026, 12, 31))
    );
}

#[test]
fn due_date_from_weekend_start() {
    // The start day never counts: Saturday or Friday plus 1 both give Monday.
    let calendar = vietnam();
    assert_eq!(
        calendar.add_working_days(date(2026, 3, 7), 1),
        Some(date(2026, 3, 9))
    );
    assert_eq!(
        calendar.add_working_days(date(2026, 3, 6), 1),
        Some(date(2026, 3, 9))
    );
    assert_eq!(
        calendar.add_working_days(date(2026, 3, 8), 5),
        Some(date(2026, 3, 13))
    );
}

#[test]
fn zero_working_days_is_start() {
    let calendar = vietnam();
    assert_eq!(
        calendar.add_working_days(date(2026, 3, 7), 0),
        Some(date(2026, 3, 7))
    );
    assert_eq!(
        calendar.add_working_days(date(2026, 2, 17), 0),
        Some(date(2026, 2, 17))
    );
}

#[test]
fn huge_count_is_none() {
    let calendar = vietnam();
    assert_eq!(calendar.add_working_days(date(2026, 3, 6), u32::MAX), None);
    assert_eq!(calendar.add_working_days(date(2100, 12, 30), 5), None);
    assert_eq!(calendar.add_working_days(date(2100, 12, 31), 1), None);
    assert!(calendar
        .add_working_days(date(2026, 3, 6), 10_000)
        .is_some());
}

#[test]
fn days_left_and_overdue() {
    let calendar = vietnam();
    let due = date(2026, 3, 13);
    assert_eq!(calendar.working_days_between(date(2026, 3, 10), due), 3);
    assert_eq!(calendar.working_days_between(due, due), 0);
    assert_eq!(calendar.working_days_between(date(2026, 3, 17), due), -2);
    // From Friday to the next Monday is one working day either way.
    assert_eq!(
        calendar.working_days_between(date(2026, 3, 13), date(2026, 3, 16)),
        1
    );
    assert_eq!(
        calendar.working_days_between(date(2026, 3, 16), date(2026, 3, 13)),
        -1
    );
    // Across Tết 2026 only the Friday before and the days after count.
    assert_eq!(
        calendar.working_days_between(date(2026, 2, 12), date(2026, 2, 24)),
        3
    );
}

#[test]
fn between_inverts_add_working_days() {
    let calendar = vietnam();
    let mut start = date(2024, 12, 20);
    while start < date(2026, 12, 31) {
        for n in [0, 1, 2, 5, 15, 30] {
            let due = calendar.add_working_days(start, n).unwrap();
            assert_eq!(
                calendar.working_days_between(start, due),
                i64::from(n),
                "{start} + {n}"
            );
            assert_eq!(
                calendar.working_days_between(due, start),
                -i64::from(n),
                "{start} + {n}"
            );
        }
        start = start.add_days(3).unwrap();
    }
}

#[test]
fn days_off_lists_year_in_order() {
    let days = vietnam().days_off(2025);
    assert!(days.windows(2).all(|pair| pair[0].0 < pair[1].0));
    assert!(days.iter().all(|(day, _)| day.year() == 2025));
    assert!(days.iter().any(|(day, _)| *day == date(2025, 1, 1)));
}

#[test]
fn lunar_holidays_are_off() {
    let calendar = rules();
    assert_eq!(
        calendar.holiday(date(2025, 4, 7)),
        Some(Holiday {
            occasion: PublicHoliday::HungKingsCommemoration,
            kind: DayOffKind::Holiday
        })
    );
    // Rule-based Tết 2029 (lunar new year on Tuesday 13 February): 12 to 16 February.
    for day in 12..=16 {
        let day = date(2029, 2, day);
        assert_eq!(
            calendar.holiday(day).map(|h| h.occasion),
            Some(PublicHoliday::LunarNewYear),
            "{day}"
        );
    }
    assert!(calendar.is_working_day(date(2029, 2, 9)));
    assert!(calendar.is_working_day(date(2029, 2, 19)));
}

#[test]
fn tet_on_weekend_gets_compensatory_days() {
    // Lunar new year 2027 is Saturday 6 February: the rule days are Friday 5 to Tuesday 9,
    // and the Saturday and Sunday among them are made up on Wednesday 10 and Thursday 11.
    let calendar = rules();
    for day in 5..=9 {
        assert!(!calendar.is_working_day(date(2027, 2, day)), "{day}");
    }
    for day in [10, 11] {
        assert_eq!(
            calendar.holiday(date(2027, 2, day)),
            Some(Holiday {
                occasion: PublicHoliday::LunarNewYear,
                kind: DayOffKind::Compensatory
            }),
            "{day}"
        );
    }
    assert!(calendar.is_working_day(date(2027, 2, 12)));
    assert!(calendar.is_working_day(date(2027, 2, 4)));
}

#[test]
fn hung_kings_on_sunday_2026() {
    // Giỗ Tổ 2026 is Sunday 26 April, so Monday 27 April is off.
    let calendar = vietnam();
    assert_eq!(date(2026, 4, 26).weekday(), Weekday::Sunday);
    assert_eq!(
        calendar.holiday(date(2026, 4, 27)),
        Some(Holiday {
            occasion: PublicHoliday::HungKingsCommemoration,
            kind: DayOffKind::Compensatory
        })
    );
    assert!(calendar.is_working_day(date(2026, 4, 28)));
}

#[test]
fn rules_reproduce_april_2023_break() {
    // Giỗ Tổ on Saturday 29 April, 30 April on Sunday and 1 May on Monday: the break
    // announced for 2023 ran from 29 April to 3 May, as the compensatory rule gives.
    let calendar = rules();
    for day in [date(2023, 4, 29), date(2023, 4, 30)] {
        assert!(!calendar.is_working_day(day), "{day}");
    }
    for day in 1..=3 {
        assert!(!calendar.is_working_day(date(2023, 5, day)), "{day}");
    }
    assert_eq!(
        calendar.holiday(date(2023, 5, 2)).map(|h| h.occasion),
        Some(PublicHoliday::HungKingsCommemoration)
    );
    assert_eq!(
        calendar.holiday(date(2023, 5, 3)).map(|h| h.occasion),
        Some(PublicHoliday::ReunificationDay)
    );
    assert!(calendar.is_working_day(date(2023, 5, 4)));
    assert!(calendar.is_working_day(date(2023, 4, 28)));
}

#[test]
fn rules_match_announced_tet_2026() {
    let announced = vietnam();
    let fallback = rules();
    let mut day = date(2026, 2, 1);
    while day <= date(2026, 3, 1) {
        assert_eq!(
            announced.is_working_day(day),
            fallback.is_working_day(day),
            "{day}"
        );
        day = day.add_days(1).unwrap();
    }
}

#[test]
fn announcement_overrides_tet_rules() {
    // By the rules, Tết 2025 would be 28 January to 1 February with a compensatory Monday
    // 3 February. The announced break is 25 January to 2 February instead.
    assert!(!rules().is_working_day(date(2025, 2, 3)));
    assert!(rules().is_working_day(date(2025, 1, 27)));
    assert!(vietnam().is_working_day(date(2025, 2, 3)));
    assert!(!vietnam().is_working_day(date(2025, 1, 27)));
    assert_eq!(
        vietnam().holiday(date(2025, 1, 25)).map(|h| h.kind),
        Some(DayOffKind::WeeklyRest)
    );
    assert_eq!(
        vietnam().holiday(date(2025, 1, 29)),
        Some(Holiday {
            occasion: PublicHoliday::LunarNewYear,
            kind: DayOffKind::Holiday
        })
    );
}

#[test]
fn custom_announcement_replaces_rules() {
    // A made-up 2030 schedule: 2 September on Monday with 3 September, Friday 30 August
    // swapped with Saturday 7 September.
    const SCHEDULE: &[Announcement] = &[Announcement {
        occasion: PublicHoliday::NationalDay,
        first_day_off: AnnouncedDay::new(2030, 8, 30),
        last_day_off: AnnouncedDay::new(2030, 9, 3),
        compensatory_days: &[],
        swaps: &[Swap {
            day_off: AnnouncedDay::new(2030, 8, 30),
            working_day: AnnouncedDay::new(2030, 9, 7),
        }],
        source: "test schedule",
    }];
    let calendar = WorkingCalendar::with_announcements(SCHEDULE);
    assert_eq!(date(2030, 9, 2).weekday(), Weekday::Monday);
    assert!(!calendar.is_working_day(date(2030, 8, 30)));
    assert!(calendar.is_working_day(date(2030, 9, 7)));
    assert!(calendar.is_working_day(date(2030, 9, 4)));
    assert_eq!(
        calendar.holiday(date(2030, 8, 30)).map(|h| h.kind),
        Some(DayOffKind::Swapped)
    );
}

#[test]
fn announcements_cover_their_holiday() {
    for announcement in ANNOUNCEMENTS {
        let first = announcement.first_day_off.date().unwrap();
        let last = announcement.last_day_off.date().unwrap();
        let main_day = announcement.occasion.main_day(first.year()).unwrap();
        assert!(
            (first..=last).contains(&main_day),
            "{}",
            announcement.source
        );
    }
}

#[test]
fn due_date_across_tet_by_rules() {
    // Rule-based Tết 2029 is Monday 12 to Friday 16 February: 3 working days from Thursday
    // 8 February are Friday 9, Monday 19 and Tuesday 20.
    let calendar = vietnam();
    assert_eq!(
        calendar.add_working_days(date(2029, 2, 8), 3),
        Some(date(2029, 2, 20))
    );
    assert_eq!(
        calendar.working_days_between(date(2029, 2, 8), date(2029, 2, 20)),
        3
    );
}

#[test]
fn between_spans_whole_range() {
    // 1900 to 2100 in one call: positive one way, the negation the other.
    let calendar = vietnam();
    let first = date(1900, 1, 1);
    let last = date(2100, 12, 31);
    let forward = calendar.working_days_between(first, last);
    assert!(forward > 200 * 240, "{forward}");
    assert!(forward < 201 * 262, "{forward}");
    assert_eq!(calendar.working_days_between(last, first), -forward);
}

#[test]
fn before_lunar_range_counts_fixed_holidays() {
    // Lunar holidays are unknown before 1900, but 1 January still counts.
    let calendar = vietnam();
    assert_eq!(date(1850, 1, 1).weekday(), Weekday::Tuesday);
    assert!(!calendar.is_working_day(date(1850, 1, 1)));
    assert!(calendar.is_working_day(date(1850, 1, 2)));
    assert!(calendar.is_working_day(date(1850, 2, 12)));
}

#[test]
fn non_working_due_date_counts_as_previous() {
    // A due date on Saturday 14 March 2026 counts like Friday 13 March.
    let calendar = vietnam();
    let saturday = date(2026, 3, 14);
    let friday = date(2026, 3, 13);
    for today in [
        date(2026, 3, 10),
        friday,
        saturday,
        date(2026, 3, 16),
        date(2026, 3, 18),
    ] {
        assert_eq!(
            calendar.working_days_between(today, saturday),
            calendar.working_days_between(today, friday),
            "{today}"
        );
    }
}
