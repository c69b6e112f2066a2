//! Swedish presentation of numbers, dates and prices.

use super::money::Sek;
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

/// The price of one unit as a short Swedish phrase: `2 190 kr`,
/// `389 kr/mån i 36 mån`, `950 kr + 59 kr/mån`.
pub fn price_phrase(one_off: Sek, monthly: Sek, binding_months: i32) -> String {
    match (one_off.ore() > 0, monthly.ore() > 0) {
        (true, true) => format!("{one_off} + {monthly}/mån"),
        (false, true) if binding_months > 0 => format!("{monthly}/mån i {binding_months} mån"),
        (false, true) => format!("{monthly}/mån"),
        _ => one_off.to_string(),
    }
}

/// Why a typed decimal number could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalError {
    Empty,
    Negative,
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

/// Reads a non-negative number typed the Swedish way (`1 234,5`, `1234.5`;
/// spaces, no-break spaces and a trailing `kr` are ignored) as an integer
/// of `10^decimals` units, with at most `decimals` decimals and at most
/// `max` units. The callers turn the error into their own sentence.
pub fn parse_decimal(input: &str, decimals: u32, max: i64) -> Result<i64, DecimalError> {
    // One pass and no allocation: the plan editor reads a thousand of these
    // on every page.
    let mut chars = input
        .trim()
        .trim_end_matches("kr")
        .chars()
        .filter(|c| !c.is_whitespace())
        .peekable();
    match chars.peek() {
        None => return Err(DecimalError::Empty),
        Some('-') => return Err(DecimalError::Negative),
        Some(_) => {}
    }
    let (mut whole, mut whole_digits, mut overflow) = (0i64, 0u32, false);
    let (mut frac, mut frac_digits, mut in_frac) = (0i64, 0u32, false);
    for c in chars {
        match (c.to_digit(10), c) {
            (Some(d), _) if in_frac => {
                frac_digits += 1;
                if frac_digits <= decimals {
                    frac = frac * 10 + i64::from(d);
                }
            }
            (Some(d), _) => {
                whole_digits += 1;
                match whole.checked_mul(10).and_then(|w| w.checked_add(i64::from(d))) {
                    Some(w) => whole = w,
                    None => overflow = true,
                }
            }
            (None, ',' | '.') if !in_frac => in_frac = true,
            _ => return Err(DecimalError::NotANumber),
        }
    }
    if whole_digits == 0 {
        return Err(DecimalError::NotANumber);
    }
    if frac_digits > decimals {
        return Err(DecimalError::TooManyDecimals);
    }
    if overflow {
        return Err(DecimalError::TooLarge);
    }
    whole
        .checked_mul(10i64.pow(decimals))
        .and_then(|w| w.checked_add(frac * 10i64.pow(decimals - frac_digits)))
        .filter(|v| *v <= max)
        .ok_or(DecimalError::TooLarge)
}

/// `units` of `10^decimals` the Swedish way with grouping, trailing zero
/// decimals dropped: `123450, 2` → `1 234,5`.
pub fn decimal(units: i64, decimals: u32) -> String {
    let scale = 10i64.pow(decimals);
    let sign = if units < 0 { "\u{2212}" } else { "" };
    let abs = units.unsigned_abs();
    let whole = group_thousands(abs / scale as u64);
    let frac = abs % scale as u64;
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let f = format!("{frac:0width$}", width = decimals as usize);
        format!("{sign}{whole},{}", f.trim_end_matches('0'))
    }
}

/// A free text as a cell of a CSV file that people open in a spreadsheet:
/// a text that starts like a formula (`=`, `+`, `-`, `@`, tab or carriage
/// return) gets a leading apostrophe, so that Excel and LibreOffice show it
/// instead of evaluating it (OWASP "CSV injection"). Numbers are written as
/// they are, not through this.
pub fn spreadsheet_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{text}")),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests;
