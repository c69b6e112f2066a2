//! The plan's cost split (fördelningsnyckel): financing parties with shares
//! of the plan's total, and each party's amount.
//!
//! A share is held in hundredths of a per cent (`3 334` = 33,34 %); the
//! shares of a plan's parties add up to 100 % (`WHOLE`). Amounts are whole
//! öre, split by the largest remainder: each party first gets its exact
//! amount rounded down to the öre, and the öre left over go one at a time
//! to the parties with the largest remainders (the earlier party first on
//! a tie). The parts therefore always add up to exactly the total, and no
//! part is more than one öre from its exact amount.

use super::money::Sek;

/// 100 % in hundredths of a per cent.
pub const WHOLE: u32 = 10_000;

/// Reads a share typed the Swedish way (`33,34`, `50`, `12.5 %`): more than
/// 0 and at most 100 per cent, at most two decimals.
pub fn parse_share(input: &str) -> Result<u32, &'static str> {
    use super::format::{parse_decimal, DecimalError};
    let typed = input.trim().trim_end_matches('%');
    match parse_decimal(typed, 2, i64::from(WHOLE)) {
        Ok(0) => Err("Andelen ska vara mer än 0 %."),
        Ok(h) => Ok(h as u32),
        Err(DecimalError::Empty) => Err("Ange andelen i procent, till exempel 33,34."),
        Err(DecimalError::Negative) => Err("Andelen kan inte vara negativ."),
        Err(DecimalError::NotANumber) => Err("Skriv andelen med siffror, till exempel 33,34."),
        Err(DecimalError::TooManyDecimals) => Err("Andelen kan ha högst två decimaler."),
        Err(DecimalError::TooLarge) => Err("Andelen kan vara högst 100 %."),
    }
}

/// A share as it is shown and typed back: `33,34`, `50`, `12,5`.
pub fn share_text(share: u32) -> String {
    let (whole, part) = (share / 100, share % 100);
    match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole},{}", p / 10),
        p => format!("{whole},{p:02}"),
    }
}

/// Why the shares cannot split a total, if they cannot: they must add up
/// to exactly 100 %.
pub fn sum_problem(shares: &[u32]) -> Option<String> {
    let sum: u64 = shares.iter().map(|s| u64::from(*s)).sum();
    (sum != u64::from(WHOLE)).then(|| {
        format!(
            "Andelarna blir tillsammans {} %; de ska bli 100 %.",
            share_text(u32::try_from(sum).unwrap_or(u32::MAX))
        )
    })
}

/// [`split`], or why the shares cannot split a total, in Swedish.
pub fn split_or_problem(total: Sek, shares: &[u32]) -> Result<Vec<Sek>, String> {
    if let Some(problem) = sum_problem(shares) {
        return Err(problem);
    }
    split(total, shares).ok_or_else(|| "Varje part behöver en andel över 0 %.".to_owned())
}

/// Each party's part of `total`, in the parties' order, adding up to
/// exactly `total`. `None` when the shares do not add up to 100 %, a share
/// is zero, or the total is negative.
pub fn split(total: Sek, shares: &[u32]) -> Option<Vec<Sek>> {
    if shares.is_empty() || sum_problem(shares).is_some() || shares.contains(&0) || total.ore() < 0 {
        return None;
    }
    let total = i128::from(total.ore());
    let whole = i128::from(WHOLE);
    let exact: Vec<(i128, i128)> = shares
        .iter()
        .map(|s| {
            let n = total * i128::from(*s);
            (n / whole, n % whole)
        })
        .collect();
    let mut parts: Vec<i128> = exact.iter().map(|(floor, _)| *floor).collect();
    let left = total - parts.iter().sum::<i128>();
    let mut by_remainder: Vec<usize> = (0..exact.len()).collect();
    // Largest remainder first; the sort is stable, so on a tie the earlier party.
    by_remainder.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1));
    for i in by_remainder.into_iter().take(usize::try_from(left).ok()?) {
        parts[i] += 1;
    }
    parts
        .into_iter()
        .map(|p| i64::try_from(p).ok().map(Sek::from_ore))
        .collect()
}

#[cfg(test)]
mod tests;
