//! The editor's number fields as text: how a stored number shows in its
//! field, and what a typed one means. Plain functions, no signals.

use crate::domain::money::Sek;
use crate::domain::plan::{Days, PlanSettings};

/// Days as their field shows them: empty for none, `1 234,5` as
/// everywhere else (the spaces are read back).
pub fn days_text(d: Days) -> String {
    if d == Days::ZERO {
        String::new()
    } else {
        d.to_string()
    }
}

/// An amount as its field shows it: empty for none, `15 000` or
/// `1 234,50`.
pub fn money_text(s: Sek) -> String {
    if s == Sek::ZERO {
        String::new()
    } else {
        amount_text(s)
    }
}

/// An amount in a field, grouped as it shows elsewhere: `1 200`.
pub fn amount_text(s: Sek) -> String {
    s.to_string().trim_end_matches(" kr").to_owned()
}

/// Why typed days cannot be read, if they cannot (empty is no days).
pub fn days_problem(typed: &str) -> Option<&'static str> {
    Days::parse(typed).err()
}

/// Why a typed fixed cost cannot be read, if it cannot (empty is none).
pub fn money_problem(typed: &str) -> Option<&'static str> {
    match typed.trim() {
        "" => None,
        v => Sek::parse_kronor(v).err(),
    }
}

/// Typed days for the live roll-up: what does not parse counts as zero.
pub fn days_or_zero(typed: &str) -> Days {
    Days::parse(typed).unwrap_or_default()
}

/// A typed amount for the live roll-up: what does not parse counts as zero.
pub fn money_or_zero(typed: &str) -> Sek {
    Sek::parse_kronor(typed).unwrap_or_default()
}

/// The plan's settings as typed, or the first field that is wrong and why
/// (days per FTE first, then the business and IT day rates). The bounds are
/// the domain's, the ones the server's wire types apply.
pub fn settings(
    rate_business: &str,
    rate_it: &str,
    days_per_fte: &str,
) -> Result<PlanSettings, (&'static str, String)> {
    let rate = |typed: &str, f: &'static str| {
        Sek::parse_kronor(typed)
            .and_then(PlanSettings::day_rate)
            .map_err(|m| (f, m.to_owned()))
    };
    let days = days_per_fte
        .trim()
        .parse::<u32>()
        .map_err(|_| "En heltid ska vara mellan 100 och 260 arbetsdagar.")
        .and_then(PlanSettings::days_per_fte)
        .map_err(|m| ("days_per_fte", m.to_owned()))?;
    Ok(PlanSettings {
        day_rate_business: rate(rate_business, "day_rate_business")?,
        day_rate_it: rate(rate_it, "day_rate_it")?,
        days_per_fte: days,
    })
}
