use super::*;

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

/// The Chinese calendar's reckoning, to check where the two calendars part.
const CHINA: Reckoning = Reckoning {
    utc_offset_days: 8.0 / 24.0,
};

#[test]
fn new_year_2025_and_2026() {
    assert_eq!(new_year_day(2025), Some(date(2025, 1, 29)));
    assert_eq!(new_year_day(2026), Some(date(2026, 2, 17)));
}

#[test]
fn new_year_known_dates() {
    // Tết from 1990 to 2040, the years where Vietnam and China agree.
    let known = [
        (1990, 1, 27),
        (1991, 2, 15),
        (1992, 2, 4),
        (1993, 1, 23),
        (1994, 2, 10),
        (1995, 1, 31),
        (1996, 2, 19),
        (1997, 2, 7),
        (1998, 1, 28),
        (1999, 2, 16),
        (2000, 2, 5),
        (2001, 1, 24),
        (2002, 2, 12),
        (2003, 2, 1),
        (2004, 1, 22),
        (2005, 2, 9),
        (2006, 1, 29),
        (2008, 2, 7),
        (2009, 1, 26),
        (2010, 2, 14),
        (2011, 2, 3),
        (2012, 1, 23),
        (2013, 2, 10),
        (2014, 1, 31),
        (2015, 2, 19),
        (2016, 2, 8),
        (2017, 1, 28),
        (2018, 2, 16),
        (2019, 2, 5),
        (2020, 1, 25),
        (2021, 2, 12),
        (2022, 2, 1),
        (2023, 1, 22),
        (2024, 2, 10),
        (2027, 2, 6),
        (2028, 1, 26),
        (2029, 2, 13),
        (2031, 1, 23),
        (2032, 2, 11),
        (2033, 1, 31),
        (2034, 2, 19),
        (2035, 2, 8),
        (2036, 1, 28),
        (2037, 2, 15),
        (2038, 2, 4),
        (2039, 1, 24),
        (2040, 2, 12),
    ];
    for (year, month, day) in known {
        assert_eq!(
            new_year_day(year),
            Some(date(year, month, day)),
            "Tết {year}"
        );
        assert_eq!(
            CHINA.gregorian_date_of(LunarDate::new(year, 1, 1)),
            Some(date(year, month, day)),
            "Chinese New Year {year}"
        );
    }
}

#[test]
fn new_year_differs_from_china() {
    // A new moon between 23:00 and midnight Beijing time, or a solstice month that
    // starts a day apart, moves Tết away from the Chinese New Year.
    let differences = [
        (1968, date(1968, 1, 29), date(1968, 1, 30)),
        (1985, date(1985, 1, 21), date(1985, 2, 20)),
        (2007, date(2007, 2, 17), date(2007, 2, 18)),
        (2030, date(2030, 2, 2), date(2030, 2, 3)),
    ];
    for (year, vietnam, china) in differences {
        assert_eq!(new_year_day(year), Some(vietnam), "Tết {year}");
        assert_eq!(
            CHINA.gregorian_date_of(LunarDate::new(year, 1, 1)),
            Some(china),
            "Chinese New Year {year}"
        );
    }
}

#[test]
fn hung_kings_day_dates() {
    let known = [
        (2021, 4, 21),
        (2022, 4, 10),
        (2023, 4, 29),
        (2024, 4, 18),
        (2025, 4, 7),
        (2026, 4, 26),
    ];
    for (year, month, day) in known {
        let expected = date(year, month, day);
        assert_eq!(from_lunar(LunarDate::new(year, 3, 10)), Some(expected));
        assert_eq!(to_lunar(expected), Some(LunarDate::new(year, 3, 10)));
    }
}

#[test]
fn leap_months_known_years() {
    assert_eq!(leap_month(2020), Some(4));
    assert_eq!(leap_month(2023), Some(2));
    assert_eq!(leap_month(2025), Some(6));
    assert_eq!(leap_month(2017), Some(6));
    assert_eq!(leap_month(2012), Some(4));
    assert_eq!(leap_month(2033), Some(11));
    assert_eq!(leap_month(2024), None);
    assert_eq!(leap_month(2026), None);
}

#[test]
fn leap_month_days_convert() {
    // Leap month 6 of 2025 ran from 25 July to 22 August.
    let leap_first = LunarDate::new(2025, 6, 1).in_leap_month();
    assert_eq!(from_lunar(leap_first), Some(date(2025, 7, 25)));
    assert_eq!(to_lunar(date(2025, 7, 25)), Some(leap_first));
    assert_eq!(
        to_lunar(date(2025, 7, 24)),
        Some(LunarDate::new(2025, 6, 30))
    );
    assert_eq!(
        to_lunar(date(2025, 8, 23)),
        Some(LunarDate::new(2025, 7, 1))
    );
    assert_eq!(from_lunar(LunarDate::new(2026, 6, 1).in_leap_month()), None);
}

#[test]
fn month_starts_of_2025() {
    // Lunar Ất Tỵ, with its leap 6th month; the dates agree with month starts computed
    // from PyEphem 4.2.1 at UTC+7.
    let starts = [
        (1, false, date(2025, 1, 29)),
        (2, false, date(2025, 2, 28)),
        (3, false, date(2025, 3, 29)),
        (4, false, date(2025, 4, 28)),
        (5, false, date(2025, 5, 27)),
        (6, false, date(2025, 6, 25)),
        (6, true, date(2025, 7, 25)),
        (7, false, date(2025, 8, 23)),
        (8, false, date(2025, 9, 22)),
        (9, false, date(2025, 10, 21)),
        (10, false, date(2025, 11, 20)),
        (11, false, date(2025, 12, 20)),
        (12, false, date(2026, 1, 19)),
    ];
    for (month, is_leap_month, first_day) in starts {
        let lunar = LunarDate {
            year: 2025,
            month,
            day: 1,
            is_leap_month,
        };
        assert_eq!(from_lunar(lunar), Some(first_day), "{lunar:?}");
        assert_eq!(to_lunar(first_day), Some(lunar), "{first_day}");
    }
}

#[test]
fn vietnam_1985_leap_second_month() {
    // The December 1984 solstice came at 23:23 on the 21st in Vietnam but at 00:23 on the
    // 22nd in China, the first day of a new month. So Vietnam's month 11 began a month
    // before China's: China's leap month fell in late 1984, Vietnam's in spring 1985.
    assert_eq!(leap_month(1985), Some(2));
    assert_eq!(CHINA.leap_month(1984), Some(10));
    assert_eq!(CHINA.leap_month(1985), None);
}

#[test]
fn invalid_lunar_dates_rejected() {
    assert_eq!(from_lunar(LunarDate::new(2025, 13, 1)), None);
    assert_eq!(from_lunar(LunarDate::new(2025, 0, 1)), None);
    assert_eq!(from_lunar(LunarDate::new(2025, 1, 0)), None);
    assert_eq!(from_lunar(LunarDate::new(2025, 1, 31)), None);
    // Month 12 of Giáp Thìn (lunar 2024) had 29 days: Tết 2025 followed its 29th.
    assert_eq!(
        from_lunar(LunarDate::new(2024, 12, 29)),
        Some(date(2025, 1, 28))
    );
    assert_eq!(from_lunar(LunarDate::new(2024, 12, 30)), None);
}

#[test]
fn range_limits() {
    assert_eq!(to_lunar(date(1899, 12, 31)), None);
    assert_eq!(to_lunar(date(2101, 1, 1)), None);
    assert_eq!(
        to_lunar(date(1900, 1, 1)),
        Some(LunarDate::new(1899, 12, 1))
    );
    assert_eq!(
        from_lunar(LunarDate::new(1899, 12, 1)),
        Some(date(1900, 1, 1))
    );
    assert_eq!(from_lunar(LunarDate::new(1899, 11, 1)), None);
    assert!(to_lunar(date(2100, 12, 31)).is_some());
    assert_eq!(new_year_day(2101), None);
    assert_eq!(leap_month(1899), None);
}

#[test]
fn round_trip_every_day() {
    let mut day = date(FIRST_YEAR, 1, 1);
    let last = date(LAST_YEAR, 12, 31);
    let mut previous = to_lunar(day).unwrap();
    assert_eq!(from_lunar(previous), Some(day));

    while day < last {
        day = day.add_days(1).unwrap();
        let lunar = to_lunar(day).unwrap();
        assert_eq!(from_lunar(lunar), Some(day), "{day} {lunar:?}");

        // Each day is the next day of the month, or day 1 after day 29 or 30.
        if lunar.day == 1 {
            assert!(previous.day == 29 || previous.day == 30, "{day}");
        } else {
            assert_eq!(lunar.day, previous.day + 1, "{day}");
            assert_eq!(lunar.month, previous.month, "{day}");
        }
        previous = lunar;
    }
}

#[test]
fn year_lengths_are_valid() {
    for year in FIRST_YEAR..LAST_YEAR {
        let start = new_year_day(year).unwrap();
        let end = new_year_day(year + 1).unwrap();
        let length = start.days_until(end);
        if leap_month(year).is_some() {
            assert!((383..=385).contains(&length), "{year}: {length} days");
        } else {
            assert!((353..=355).contains(&length), "{year}: {length} days");
        }
        // Tết falls between 21 January and 20 February.
        assert!(date(year, 1, 21) <= start, "{year}: {start}");
        assert!(start <= date(year, 2, 20), "{year}: {start}");
    }
}

#[test]
fn new_moon_matches_meeus_example() {
    // Meeus, example 49.a: the new moon of February 1977 at JDE 2443192.65118.
    let jde = new_moon_julian_ephemeris_day(-283.0);
    assert!((jde - 2_443_192.651_18).abs() < 0.000_01, "{jde}");
}

#[test]
fn sun_longitude_matches_meeus_example() {
    // Meeus, example 25.a: 1992 October 13.0 TD, apparent longitude 199.90895°.
    let longitude = sun_apparent_longitude(2_448_908.5);
    assert!((longitude - 199.908_95).abs() < 0.000_1, "{longitude}");
}
