//! Sliding-window rate limiting of failed logins (per account and per IP).

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Failures allowed within `length`; the next attempt is refused.
    pub max_failures: u32,
    pub length: Duration,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            max_failures: 10,
            length: Duration::minutes(15),
        }
    }
}

/// How long until another attempt is allowed, in whole minutes (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter {
    pub minutes: i64,
}

impl RetryAfter {
    /// The Swedish message shown on the login page.
    pub fn message(self) -> String {
        let unit = if self.minutes == 1 { "minut" } else { "minuter" };
        format!(
            "För många misslyckade inloggningsförsök. Försök igen om {} {unit}.",
            self.minutes
        )
    }
}

/// Whether one more attempt is allowed, given the times of earlier failures
/// (in any order; those outside the window are ignored).
pub fn check(window: Window, failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Result<(), RetryAfter> {
    let start = now - window.length;
    let mut recent: Vec<DateTime<Utc>> = failures.iter().copied().filter(|t| *t > start && *t <= now).collect();
    if (recent.len() as u32) < window.max_failures {
        return Ok(());
    }
    recent.sort();
    // Enough of the oldest failures must age out to drop below the limit.
    let must_expire = recent.len() - window.max_failures as usize + 1;
    let free_at = recent[must_expire - 1] + window.length;
    let seconds = (free_at - now).num_seconds().max(1);
    Err(RetryAfter {
        minutes: (seconds + 59) / 60,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(min: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap() + Duration::minutes(min)
    }

    #[test]
    fn nine_failures_still_allow_a_tenth_try() {
        let failures: Vec<_> = (0..9).map(at).collect();
        assert_eq!(check(Window::default(), &failures, at(10)), Ok(()));
    }

    #[test]
    fn ten_failures_refuse_the_eleventh_until_the_oldest_ages_out() {
        let failures: Vec<_> = (0..10).map(at).collect();
        // The first failure (minute 0) leaves the 15-minute window at minute 15.
        assert_eq!(
            check(Window::default(), &failures, at(10)),
            Err(RetryAfter { minutes: 5 })
        );
        assert_eq!(check(Window::default(), &failures, at(15)), Ok(()));
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        let failures: Vec<_> = (-40..-30).map(at).collect();
        assert_eq!(check(Window::default(), &failures, at(0)), Ok(()));
    }

    #[test]
    fn the_wait_is_rounded_up_to_whole_minutes_and_never_zero() {
        let mut failures: Vec<_> = (0..10).map(at).collect();
        failures.reverse();
        let now = at(14) + Duration::seconds(59);
        assert_eq!(check(Window::default(), &failures, now), Err(RetryAfter { minutes: 1 }));
        assert_eq!(
            RetryAfter { minutes: 1 }.message(),
            "För många misslyckade inloggningsförsök. Försök igen om 1 minut."
        );
        assert!(RetryAfter { minutes: 5 }.message().ends_with("5 minuter."));
    }

    #[test]
    fn with_more_failures_than_the_limit_the_wait_follows_the_right_one() {
        // 12 failures at minutes 0..=11, limit 10: three must age out to get
        // below the limit, so the third oldest (minute 2) decides: free at 17.
        let failures: Vec<_> = (0..12).map(at).collect();
        assert_eq!(
            check(Window::default(), &failures, at(12)),
            Err(RetryAfter { minutes: 5 })
        );
    }
}
