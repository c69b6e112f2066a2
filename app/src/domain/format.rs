//! Swedish presentation of numbers and dates.

use chrono::{DateTime, NaiveDate, Utc};

/// `1234567` → `1 234 567` (space as the thousands separator, as in Swedish).
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(ch);
    }
    out
}

/// A count with Swedish grouping: `52000` → `52 000`.
pub fn count(n: u64) -> String {
    group_thousands(n)
}

/// ISO date as the customer writes it: `2026-11-24`.
pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Date and time to the minute, in UTC for now: `2026-11-24 14:05`.
pub fn date_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_with_spaces() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1 000");
        assert_eq!(group_thousands(52_000), "52 000");
        assert_eq!(group_thousands(1_234_567), "1 234 567");
    }

    #[test]
    fn dates_are_written_year_month_day() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 4).unwrap();
        assert_eq!(date(d), "2026-11-04");
        let t = d.and_hms_opt(9, 5, 0).unwrap().and_utc();
        assert_eq!(date_time(t), "2026-11-04 09:05");
    }
}
