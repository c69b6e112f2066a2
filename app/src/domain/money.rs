//! Money in Swedish kronor, stored as integer öre (never floats).

use serde::{Deserialize, Serialize};
use std::fmt;

const NEGATIVE: &str = "Beloppet kan inte vara negativt.";
const TOO_LARGE: &str = "Beloppet är för stort (högst 1 000 000 000 kr).";

/// An amount in SEK, held as whole öre.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sek(i64);

impl Sek {
    pub const ZERO: Sek = Sek(0);

    pub const fn from_ore(ore: i64) -> Self {
        Sek(ore)
    }

    pub const fn from_kronor(kronor: i64) -> Self {
        Sek(kronor * 100)
    }

    pub const fn ore(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Sek) -> Option<Sek> {
        self.0.checked_add(other.0).map(Sek)
    }

    pub fn checked_mul(self, factor: i64) -> Option<Sek> {
        self.0.checked_mul(factor).map(Sek)
    }

    /// The largest amount a person enters in one field: 1 000 000 000 kr.
    pub const MAX_ENTERED: Sek = Sek(100_000_000_000);

    /// An amount a person enters (a price, a fixed cost): from 0 to
    /// [`Sek::MAX_ENTERED`]. What the form's [`Sek::parse_kronor`] and the
    /// wire's [`deserialize_entered`] both end in.
    pub fn entered(ore: i64) -> Result<Sek, &'static str> {
        if ore < 0 {
            Err(NEGATIVE)
        } else if ore > Self::MAX_ENTERED.0 {
            Err(TOO_LARGE)
        } else {
            Ok(Sek(ore))
        }
    }

    /// Reads an amount typed the Swedish way: `1 234,50`, `1234.5`, `899 kr`.
    /// Not negative, at most two decimals. The error is a Swedish sentence.
    pub fn parse_kronor(input: &str) -> Result<Sek, &'static str> {
        use super::format::{parse_decimal, DecimalError};
        match parse_decimal(input, 2, Self::MAX_ENTERED.0) {
            Ok(ore) => Sek::entered(ore),
            Err(DecimalError::Empty) => Err("Ange ett belopp, till exempel 1 234,50."),
            Err(DecimalError::Negative) => Err(NEGATIVE),
            Err(DecimalError::NotANumber) => Err("Skriv beloppet med siffror, till exempel 1 234,50."),
            Err(DecimalError::TooManyDecimals) => Err("Beloppet kan ha högst två decimaler."),
            Err(DecimalError::TooLarge) => Err(TOO_LARGE),
        }
    }

    /// The amount as a user would type it back: `1234,50` or `899`.
    pub fn to_input(self) -> String {
        let (k, o) = (self.0 / 100, (self.0 % 100).abs());
        if o == 0 {
            k.to_string()
        } else {
            format!("{k},{o:02}")
        }
    }
}

/// Deserializes an amount a person entered (öre) through [`Sek::entered`]:
/// `#[serde(deserialize_with = "crate::domain::money::deserialize_entered")]`
/// on a wire field, so the API and the server functions take no amount the
/// form would refuse.
pub fn deserialize_entered<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Sek, D::Error> {
    Sek::entered(i64::deserialize(d)?).map_err(serde::de::Error::custom)
}

impl fmt::Display for Sek {
    /// Swedish style: `6 199 695 kr`, `1 234,50 kr`, `−12,05 kr` (the
    /// minus sign, not a hyphen).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let kronor = super::format::group_thousands(abs / 100);
        let ore = abs % 100;
        let sign = if negative { "\u{2212}" } else { "" };
        if ore == 0 {
            write!(f, "{sign}{kronor} kr")
        } else {
            write!(f, "{sign}{kronor},{ore:02} kr")
        }
    }
}

#[cfg(test)]
mod tests;
