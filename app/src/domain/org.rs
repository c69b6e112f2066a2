//! Value types of the organisation: codes and postal addresses, parsed once
//! at the edge so the rest of the code can trust them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Error from parsing a value the user typed; the message is Swedish and
/// ready to show next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub &'static str);

/// An organisation code (förvaltning, enhet or kostnadsställe): 2–16
/// characters, digits, capital letters and hyphens, e.g. `41210` or `HSF`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgCode(String);

impl OrgCode {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let s = input.trim().to_uppercase();
        if s.len() < 2 || s.len() > 16 {
            return Err(ParseError("Koden ska vara 2–16 tecken lång."));
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || c == '-')
        {
            return Err(ParseError(
                "Koden får bara innehålla siffror, bokstäverna A–Z och bindestreck.",
            ));
        }
        Ok(OrgCode(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OrgCode {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        OrgCode::parse(&value)
    }
}

impl From<OrgCode> for String {
    fn from(value: OrgCode) -> Self {
        value.0
    }
}

impl fmt::Display for OrgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Swedish postal code, normalised to `NNN NN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);

impl PostalCode {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 5 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(ParseError("Postnumret ska ha fem siffror, till exempel 721 89."));
        }
        if digits.starts_with('0') {
            return Err(ParseError("Svenska postnummer börjar inte med 0."));
        }
        Ok(PostalCode(format!("{} {}", &digits[..3], &digits[3..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PostalCode {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PostalCode::parse(&value)
    }
}

impl From<PostalCode> for String {
    fn from(value: PostalCode) -> Self {
        value.0
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests;
