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
mod tests;
