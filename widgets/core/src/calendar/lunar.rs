//! The Vietnamese lunisolar calendar (âm lịch), computed from the Sun and the Moon at UTC+7.
//!
//! The rules are those the Chinese calendar has used since 1645, applied to Vietnam's time:
//! - A month begins on the local day of a new moon.
//! - Month 11 is the month that contains the December solstice.
//! - When 13 months lie between one month 11 and the next, the first of them without a
//!   major solar term (trung khí: the Sun's apparent longitude crossing a multiple of 30°)
//!   is a leap month. It repeats the number of the month before it.
//! - Lunar year Y begins with month 1, Tết Nguyên Đán, after months 11 and 12 of year Y - 1.
//!
//! China reckons the same rules at UTC+8, so the two calendars part whenever a new moon or a
//! major term falls between 23:00 and midnight Beijing time. Tết 1985 fell on 21 January in
//! Vietnam and 20 February in China; Tết 2007 on 17 and 18 February.
//!
//! The astronomy follows Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998). New moons
//! come from the periodic terms of chapter 49. The Sun's apparent longitude comes from the
//! solar theory of chapter 25, accurate to about 0.01°, which places a solar term to about a
//! quarter of an hour. ΔT comes from the Espenak–Meeus polynomials. Over 1900 to 2100 every month start agrees
//! with one computed from PyEphem 4.2.1's ephemerides except July 1967, whose new moon came
//! 3 seconds after midnight at UTC+7, closer than this series can resolve.
//!
//! NOTE: calendars printed in Vietnam before 1968 (in the South, until 1975) were reckoned
//! at UTC+8, so for those years this module can differ from them by a day or a month.

use crate::date::{Date, VIETNAM_UTC_OFFSET_SECONDS};

/// First Gregorian year whose dates [`to_lunar`] converts.
pub const FIRST_YEAR: i32 = 1900;

/// Last Gregorian year whose dates [`to_lunar`] converts.
pub const LAST_YEAR: i32 = 2100;

/// A day of the Vietnamese lunar calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LunarDate {
    /// Lunar year, numbered by the Gregorian year in which it begins.
    pub year: i32,
    /// Month number, 1 to 12; a leap month repeats the number of the month before it.
    pub month: u8,
    /// Day of the month, 1 to 30.
    pub day: u8,
    pub is_leap_month: bool,
}

impl LunarDate {
    /// Returns a regular (non-leap) month's day; checked only by [`from_lunar`].
    pub const fn new(year: i32, month: u8, day: u8) -> LunarDate {
        LunarDate {
            year,
            month,
            day,
            is_leap_month: false,
        }
    }

    /// Returns the same day in the leap month of that number.
    pub const fn in_leap_month(self) -> LunarDate {
        LunarDate {
            is_leap_month: true,
            ..self
        }
    }
}

/// Returns the lunar date of `date`, or `None` outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn to_lunar(date: Date) -> Option<LunarDate> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return None;
    }
    Some(Reckoning::VIETNAM.lunar_date_of(date))
}

/// Returns the Gregorian date of `lunar`, or `None` when that day does not exist (day 30
/// of a 29-day month, a leap month the year lacks) or falls outside
/// [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn from_lunar(lunar: LunarDate) -> Option<Date> {
    if !(FIRST_YEAR - 1..=LAST_YEAR).contains(&lunar.year) {
        return None;
    }
    let date = Reckoning::VIETNAM.gregorian_date_of(lunar)?;
    (FIRST_YEAR..=LAST_YEAR)
        .contains(&date.year())
        .then_some(date)
}

/// Returns the first day of lunar year `year` (Tết Nguyên Đán).
pub fn new_year_day(year: i32) -> Option<Date> {
    from_lunar(LunarDate::new(year, 1, 1))
}

/// Returns the number of the leap month of lunar year `year`, or `None` when it has none
/// or lies outside the supported years.
pub fn leap_month(year: i32) -> Option<u8> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return None;
    }
    Reckoning::VIETNAM.leap_month(year)
}

/// Julian Day at 1970-01-01 00:00 UTC.
const UNIX_EPOCH_JULIAN_DAY: f64 = 2_440_587.5;

/// Mean length of a synodic month in days.
const SYNODIC_MONTH: f64 = 29.530_588_861;

/// The calendar rules applied at one UTC offset.
#[derive(Clone, Copy, Debug)]
struct Reckoning {
    /// Offset of local time from UTC, in days.
    utc_offset_days: f64,
}

/// The months from one month 11 up to the next month 11, exclusive: a suì.
#[derive(Clone, Copy, Debug)]
struct SolsticeYear {
    /// Gregorian year of the December solstice that month 11 contains.
    year: i32,
    /// Lunation number of month 11 (see [`new_moon_julian_ephemeris_day`]).
    month_11: i64,
    /// 12, or 13 with a leap month.
    month_count: i64,
    /// Position of the leap month counted from month 11 (which is 0).
    leap_index: Option<i64>,
}

impl Reckoning {
    const VIETNAM: Reckoning = Reckoning {
        utc_offset_days: VIETNAM_UTC_OFFSET_SECONDS as f64 / 86_400.0,
    };

    /// Returns the local day, counted from 1970-01-01, of new moon number `lunation`.
    fn new_moon_day(self, lunation: i64) -> i64 {
        let dynamical = new_moon_julian_ephemeris_day(lunation as f64);
        let universal = dynamical - delta_t_days(dynamical);
        let local = universal + self.utc_offset_days;
        (local - UNIX_EPOCH_JULIAN_DAY).floor() as i64
    }

    /// Returns the number of the last new moon that begins on or before local day `day`.
    fn lunation_on_or_before(self, day: i64) -> i64 {
        let julian_day = day as f64 + UNIX_EPOCH_JULIAN_DAY;
        let mut lunation = ((julian_day - 2_451_550.097_66) / SYNODIC_MONTH).floor() as i64;
        while self.new_moon_day(lunation + 1) <= day {
            lunation += 1;
        }
        while self.new_moon_day(lunation) > day {
            lunation -= 1;
        }
        lunation
    }

    /// Returns which 30° sector of the ecliptic the Sun is in at the local midnight that
    /// begins `day`: 0 from the March equinox, 9 from the December solstice.
    ///
    /// A month has a major term exactly when the sector changes between the midnight that
    /// begins it and the one that begins the next month.
    fn sun_sector_at_start_of(self, day: i64) -> i64 {
        let universal = day as f64 + UNIX_EPOCH_JULIAN_DAY - self.utc_offset_days;
        let dynamical = universal + delta_t_days(universal);
        (sun_apparent_longitude(dynamical) / 30.0).floor() as i64
    }

    /// Returns the lunation that is month 11 of `year`: the month containing the December
    /// solstice.
    fn month_11(self, year: i32) -> i64 {
        let december_31 = Date::from_ymd(year, 12, 31).map_or_else(
            // Only years outside Date's range reach this; the estimate stays finite.
            || (f64::from(year) - 1970.0) as i64 * 365,
            Date::days_since_epoch,
        );
        let lunation = self.lunation_on_or_before(december_31);

        // That month begins in December. It is month 11 unless the solstice came before it.
        if self.sun_sector_at_start_of(self.new_moon_day(lunation)) >= 9 {
            lunation - 1
        } else {
            lunation
        }
    }

    fn solstice_year(self, year: i32) -> SolsticeYear {
        let month_11 = self.month_11(year);
        let month_count = self.month_11(year + 1) - month_11;

        let mut leap_index = None;
        if month_count == 13 {
            let mut sector = self.sun_sector_at_start_of(self.new_moon_day(month_11 + 1));
            for index in 1..month_count {
                let next_sector =
                    self.sun_sector_at_start_of(self.new_moon_day(month_11 + index + 1));
                if next_sector == sector {
                    leap_index = Some(index);
                    break;
                }
                sector = next_sector;
            }
        }

        SolsticeYear {
            year,
            month_11,
            month_count,
            leap_index,
        }
    }

    fn lunar_date_of(self, date: Date) -> LunarDate {
        let day = date.days_since_epoch();

        let mut solstice_year = self.solstice_year(date.year());
        if day < self.new_moon_day(solstice_year.month_11) {
            solstice_year = self.solstice_year(date.year() - 1);
        }

        let lunation = self.lunation_on_or_before(day);
        let index = lunation - solstice_year.month_11;
        let (year, month, is_leap_month) = solstice_year.month_at(index);
        let day_of_month = day - self.new_moon_day(lunation) + 1;

        LunarDate {
            year,
            month,
            day: day_of_month as u8,
            is_leap_month,
        }
    }

    fn gregorian_date_of(self, lunar: LunarDate) -> Option<Date> {
        if !(1..=12).contains(&lunar.month) || !(1..=30).contains(&lunar.day) {
            return None;
        }

        // Months 11 and 12 follow the solstice of their own year, months 1 to 10 that of
        // the year before.
        let (solstice_year, months_after_11) = if lunar.month >= 11 {
            (self.solstice_year(lunar.year), i64::from(lunar.month) - 11)
        } else {
            (
                self.solstice_year(lunar.year - 1),
                i64::from(lunar.month) + 1,
            )
        };

        let index = solstice_year.index_of(months_after_11, lunar.is_leap_month)?;
        let first_day = self.new_moon_day(solstice_year.month_11 + index);
        let month_length = self.new_moon_day(solstice_year.month_11 + index + 1) - first_day;
        if i64::from(lunar.day) > month_length {
            return None;
        }
        Date::from_days_since_epoch(first_day + i64::from(lunar.day) - 1)
    }

    fn leap_month(self, year: i32) -> Option<u8> {
        // A leap month after month 11 or 12 belongs to the solstice year that starts in
        // `year`, any other to the one before.
        let earlier = self.solstice_year(year - 1);
        if let Some(index) = earlier.leap_index {
            let (lunar_year, month, _) = earlier.month_at(index);
            if lunar_year == year {
                return Some(month);
            }
        }

        let later = self.solstice_year(year);
        let index = later.leap_index?;
        let (lunar_year, month, _) = later.month_at(index);
        (lunar_year == year).then_some(month)
    }
}

impl SolsticeYear {
    /// Returns the lunar year, month number and leap flag of the month `index` months after
    /// month 11.
    fn month_at(self, index: i64) -> (i32, u8, bool) {
        let is_leap_month = self.leap_index == Some(index);
        let months_after_11 = match self.leap_index {
            Some(leap_index) if index >= leap_index => index - 1,
            _ => index,
        };
        let month = (months_after_11 + 10).rem_euclid(12) + 1;
        let year = if months_after_11 >= 2 {
            self.year + 1
        } else {
            self.year
        };
        (year, month as u8, is_leap_month)
    }

    /// Returns the index counted from month 11 of the month `months_after_11` numbers after
    /// it, or `None` for a leap month this year lacks.
    fn index_of(self, months_after_11: i64, is_leap_month: bool) -> Option<i64> {
        let index = match (self.leap_index, is_leap_month) {
            (Some(leap_index), true) if leap_index - 1 == months_after_11 => leap_index,
            (_, true) => return None,
            (Some(leap_index), false) if months_after_11 >= leap_index => months_after_11 + 1,
            (_, false) => months_after_11,
        };
        (index < self.month_count).then_some(index)
    }
}

/// Returns the Julian Ephemeris Day (dynamical time) of new moon number `lunation`, counted
/// from the new moon of 6 January 2000, by Meeus chapter 49.
fn new_moon_julian_ephemeris_day(lunation: f64) -> f64 {
    let k = lunation;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let t4 = t3 * t;

    let mean = 2_451_550.097_66 + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;

    // Eccentricity factor of the Earth's orbit, and the fundamental arguments in radians.
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let sun_anomaly =
        (2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3).to_radians();
    let moon_anomaly = (201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3
        - 0.000_000_058 * t4)
        .to_radians();
    let latitude_argument = (160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3
        + 0.000_000_011 * t4)
        .to_radians();
    let node = (124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3).to_radians();

    let (m, mp, f) = (sun_anomaly, moon_anomaly, latitude_argument);
    let periodic = -0.40720 * mp.sin()
        + 0.17241 * e * m.sin()
        + 0.01608 * (2.0 * mp).sin()
        + 0.01039 * (2.0 * f).sin()
        + 0.00739 * e * (mp - m).sin()
        - 0.00514 * e * (mp + m).sin()
        + 0.00208 * e * e * (2.0 * m).sin()
        - 0.00111 * (mp - 2.0 * f).sin()
        - 0.00057 * (mp + 2.0 * f).sin()
        + 0.00056 * e * (2.0 * mp + m).sin()
        - 0.00042 * (3.0 * mp).sin()
        + 0.00042 * e * (m + 2.0 * f).sin()
        + 0.00038 * e * (m - 2.0 * f).sin()
        - 0.00024 * e * (2.0 * mp - m).sin()
        - 0.00017 * node.sin()
        - 0.00007 * (mp + 2.0 * m).sin()
        + 0.00004 * (2.0 * mp - 2.0 * f).sin()
        + 0.00004 * (3.0 * m).sin()
        + 0.00003 * (mp + m - 2.0 * f).sin()
        + 0.00003 * (2.0 * mp + 2.0 * f).sin()
        - 0.00003 * (mp + m + 2.0 * f).sin()
        + 0.00003 * (mp - m + 2.0 * f).sin()
        - 0.00002 * (mp - m - 2.0 * f).sin()
        - 0.00002 * (3.0 * mp + m).sin()
        + 0.00002 * (4.0 * mp).sin();

    // Planetary perturbations: (amplitude in days, argument at k = 0, rate per lunation).
    const PLANETARY: [(f64, f64, f64); 14] = [
        (0.000_325, 299.77, 0.107_408),
        (0.000_165, 251.88, 0.016_321),
        (0.000_164, 251.83, 26.651_886),
        (0.000_126, 349.42, 36.412_478),
        (0.000_110, 84.66, 18.206_239),
        (0.000_062, 141.74, 53.303_771),
        (0.000_060, 207.14, 2.453_732),
        (0.000_056, 154.84, 7.306_860),
        (0.000_047, 34.52, 27.261_239),
        (0.000_042, 207.19, 0.121_824),
        (0.000_040, 291.34, 1.844_379),
        (0.000_037, 161.72, 24.198_154),
        (0.000_035, 239.56, 25.513_099),
        (0.000_023, 331.55, 3.592_518),
    ];
    let mut planetary = 0.0;
    for (index, (amplitude, start, rate)) in PLANETARY.into_iter().enumerate() {
        let mut argument = start + rate * k;
        if index == 0 {
            argument -= 0.009_173 * t2;
        }
        planetary += amplitude * argument.to_radians().sin();
    }

    mean + periodic + planetary
}

/// Returns the Sun's apparent ecliptic longitude in degrees, 0 to 360, at Julian Ephemeris
/// Day `julian_ephemeris_day`, by the low-precision theory of Meeus chapter 25.
fn sun_apparent_longitude(julian_ephemeris_day: f64) -> f64 {
    let t = (julian_ephemeris_day - 2_451_545.0) / 36_525.0;
    let t2 = t * t;

    let mean_longitude = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mean_anomaly = (357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t2).to_radians();
    let equation_of_center = (1.914_602 - 0.004_817 * t - 0.000_014 * t2) * mean_anomaly.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * mean_anomaly).sin()
        + 0.000_289 * (3.0 * mean_anomaly).sin();

    // Nutation and aberration turn the true longitude into the apparent one.
    let node = (125.04 - 1934.136 * t).to_radians();
    let apparent = mean_longitude + equation_of_center - 0.005_69 - 0.004_78 * node.sin();
    apparent.rem_euclid(360.0)
}

/// Returns ΔT = TT − UT in days at Julian Day `julian_day`, from the polynomials of Espenak
/// and Meeus (eclipse.gsfc.nasa.gov/LEcat5/deltatpoly.html).
///
/// Before 1860 it falls back to their long-term parabola, a rough estimate that only
/// dates outside the supported years would reach.
fn delta_t_days(julian_day: f64) -> f64 {
    let year = 2000.0 + (julian_day - 2_451_545.0) / 365.25;
    let seconds = if year < 1860.0 {
        let u = (year - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    } else if year < 1900.0 {
        let t = year - 1860.0;
        7.62 + 0.5737 * t - 0.251_754 * t.powi(2) + 0.016_806_68 * t.powi(3)
            - 0.000_447_362_4 * t.powi(4)
            + t.powi(5) / 233_174.0
    } else if year < 1920.0 {
        let t = year - 1900.0;
        -2.79 + 1.494_119 * t - 0.059_893_9 * t.powi(2) + 0.006_196_6 * t.powi(3)
            - 0.000_197 * t.powi(4)
    } else if year < 1941.0 {
        let t = year - 1920.0;
        21.20 + 0.844_93 * t - 0.076_100 * t.powi(2) + 0.002_093_6 * t.powi(3)
    } else if year < 1961.0 {
        let t = year - 1950.0;
        29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2547.0
    } else if year < 1986.0 {
        let t = year - 1975.0;
        45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
    } else if year < 2005.0 {
        let t = year - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t.powi(2)
            + 0.001_727_5 * t.powi(3)
            + 0.000_651_814 * t.powi(4)
            + 0.000_023_735_99 * t.powi(5)
    } else if year < 2050.0 {
        let t = year - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t.powi(2)
    } else if year < 2150.0 {
        let u = (year - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - year)
    } else {
        let u = (year - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    };
    seconds / 86_400.0
}

#[cfg(test)]
mod tests;
