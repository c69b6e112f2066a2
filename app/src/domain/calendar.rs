//! The working-day calendar of the region: weekends and Swedish public
//! holidays are not working days. Attestation counts how long an order has
//! waited in working days (reminders after N, escalation after M).
//!
//! The holidays follow the Swedish law on public holidays (*lag om allmänna
//! helgdagar*), with Easter by the Gregorian computus. Julafton,
//! midsommarafton and nyårsafton are not public holidays in law, but the
//! region's offices are closed on them (collective agreements), so they are
//! not working days either: [`Holiday::official`] tells them apart.
//! Påskafton and pingstafton always fall on a Saturday and need no entry.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A day that is not a working day although it may fall on a weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    /// Its Swedish name: `långfredagen`, `midsommarafton`.
    pub name: &'static str,
    /// A public holiday in law; `false` for the eves the region keeps
    /// closed (julafton, midsommarafton, nyårsafton).
    pub official: bool,
}

/// Easter Sunday of `year` (the anonymous Gregorian computus, as in
/// Meeus); `None` for a year outside chrono's calendar.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// Days after Easter Sunday and their holidays.
const EASTER: &[(i64, &str)] = &[
    (-2, "långfredagen"),
    (0, "påskdagen"),
    (1, "annandag påsk"),
    (39, "Kristi himmelsfärdsdag"),
    (49, "pingstdagen"),
];

/// Holidays on the same date every year: (month, day, name, official).
const FIXED: &[(u32, u32, &str, bool)] = &[
    (1, 1, "nyårsdagen", true),
    (1, 6, "trettondedag jul", true),
    (5, 1, "första maj", true),
    (6, 6, "Sveriges nationaldag", true),
    (12, 24, "julafton", false),
    (12, 25, "juldagen", true),
    (12, 26, "annandag jul", true),
    (12, 31, "nyårsafton", false),
];

/// The holiday on `date`, if it is one.
pub fn holiday(date: NaiveDate) -> Option<Holiday> {
    let (month, day) = (date.month(), date.day());
    let at = |name, official| Some(Holiday { date, name, official });
    if let Some((.., name, official)) = FIXED.iter().find(|(m, d, ..)| *m == month && *d == day) {
        return at(name, *official);
    }
    // Midsommardagen is the Saturday of 20–26 June, its eve the Friday
    // before; alla helgons dag the Saturday of 31 October – 6 November.
    match (month, day, date.weekday()) {
        (6, 19..=25, Weekday::Fri) => return at("midsommarafton", false),
        (6, 20..=26, Weekday::Sat) => return at("midsommardagen", true),
        (10, 31, Weekday::Sat) | (11, 1..=6, Weekday::Sat) => return at("alla helgons dag", true),
        _ => {}
    }
    // Easter falls between 22 March and 25 April: its holidays between
    // 20 March (långfredagen) and 13 June (pingstdagen).
    if (3..=6).contains(&month) {
        let easter = easter_sunday(date.year())?;
        let offset = (date - easter).num_days();
        if let Some((_, name)) = EASTER.iter().find(|(d, _)| *d == offset) {
            return at(name, true);
        }
    }
    None
}

/// Every holiday of `year`, in date order.
pub fn holidays(year: i32) -> Vec<Holiday> {
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return vec![];
    };
    first
        .iter_days()
        .take_while(|d| d.year() == year)
        .filter_map(holiday)
        .collect()
}

/// Monday to Friday and not a holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday(date).is_none()
}

/// The `n`th working day after `date` (`date` itself for 0). Past the end
/// of chrono's calendar it stops at the last date.
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut day = date;
    let mut left = n;
    while left > 0 {
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => return day,
        }
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// How many full working days lie between `from` and `to`: the working
/// days after `from` (the day something began is not a full day) and
/// before `to` (today is not over). Zero when `to` is not after `from`.
///
/// For `n >= 1`, `working_days_between(from, to) >= n` exactly when
/// `to > add_working_days(from, n)`: a job that asks "has this waited n
/// working days?" of many rows can compute that date once and compare.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|d| *d < to)
        .filter(|d| is_working_day(*d))
        .count() as u32
}

#[cfg(test)]
mod tests;
