//! Money in Swedish kronor, stored as integer öre (never floats).

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in SEK, held as whole öre.
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

    /// Reads an amount typed the Swedish way: `1 234,50`, `1234.5`, `899 kr`.
    /// Not negative, at most two decimals. The error is a Swedish sentence.
    pub fn parse_kronor(input: &str) -> Result<Sek, &'static str> {
        use super::format::{parse_decimal, DecimalError};
        parse_decimal(input, 2, 100_000_000_000).map(Sek).map_err(|e| match e {
            DecimalError::Empty => "Ange ett belopp, till exempel 1 234,50.",
            DecimalError::Negative => "Beloppet kan inte vara negativt.",
            DecimalError::NotANumber => "Skriv beloppet med siffror, till exempel 1 234,50.",
            DecimalError::TooManyDecimals => "Beloppet kan ha högst två decimaler.",
            DecimalError::TooLarge => "Beloppet är för stort.",
        })
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

impl fmt::Display for Sek {
    /// Swedish style: `6 199 695 kr`, `1 234,50 kr`, `-12,05 kr`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let kronor = super::format::group_thousands(abs / 100);
        let ore = abs % 100;
        let sign = if negative { "-" } else { "" };
        if ore == 0 {
            write!(f, "{sign}{kronor} kr")
        } else {
            write!(f, "{sign}{kronor},{ore:02} kr")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_kronor_are_shown_without_decimals_and_grouped_by_thousands() {
        assert_eq!(Sek::from_kronor(6_199_695).to_string(), "6 199 695 kr");
    }

    #[test]
    fn ore_are_shown_with_two_decimals_after_a_comma() {
        assert_eq!(Sek::from_ore(123_450).to_string(), "1 234,50 kr");
        assert_eq!(Sek::from_ore(5).to_string(), "0,05 kr");
    }

    #[test]
    fn small_and_negative_amounts_keep_their_sign() {
        assert_eq!(Sek::from_ore(-1205).to_string(), "-12,05 kr");
        assert_eq!(Sek::ZERO.to_string(), "0 kr");
        assert_eq!(Sek::from_kronor(999).to_string(), "999 kr");
    }

    #[test]
    fn amounts_are_read_the_way_swedes_type_them() {
        for (typed, ore) in [
            ("1 234,50", 123_450),
            ("1234.5", 123_450),
            ("899 kr", 89_900),
            ("0", 0),
            ("12\u{a0}000", 1_200_000),
            (" 7,05 ", 705),
        ] {
            assert_eq!(Sek::parse_kronor(typed), Ok(Sek::from_ore(ore)), "{typed}");
        }
    }

    #[test]
    fn a_negative_or_garbled_amount_is_refused_in_swedish() {
        assert_eq!(Sek::parse_kronor("-5"), Err("Beloppet kan inte vara negativt."));
        assert_eq!(Sek::parse_kronor("1,234"), Err("Beloppet kan ha högst två decimaler."));
        assert!(Sek::parse_kronor("tio").is_err());
        assert!(Sek::parse_kronor("").is_err());
        assert!(Sek::parse_kronor("1,2,3").is_err());
        assert!(Sek::parse_kronor("99999999999999999999").is_err());
    }

    #[test]
    fn an_amount_round_trips_through_the_input_format() {
        for ore in [0, 5, 123_450, 89_900] {
            assert_eq!(
                Sek::parse_kronor(&Sek::from_ore(ore).to_input()),
                Ok(Sek::from_ore(ore))
            );
        }
    }

    #[test]
    fn arithmetic_refuses_to_overflow() {
        assert_eq!(Sek::from_ore(i64::MAX).checked_add(Sek::from_ore(1)), None);
        assert_eq!(Sek::from_kronor(5600).checked_mul(3), Some(Sek::from_kronor(16800)));
    }
}
