//! Tests of the organisation's codes.

use super::*;

#[test]
fn a_postal_code_without_a_space_is_normalised() {
    assert_eq!(PostalCode::parse("72189").unwrap().as_str(), "721 89");
    assert_eq!(PostalCode::parse(" 721 89 ").unwrap().as_str(), "721 89");
}

#[test]
fn a_postal_code_with_letters_or_the_wrong_length_is_refused() {
    assert!(PostalCode::parse("7218").is_err());
    assert!(PostalCode::parse("721890").is_err());
    assert!(PostalCode::parse("72a89").is_err());
    assert!(PostalCode::parse("").is_err());
}

#[test]
fn a_postal_code_starting_with_zero_is_refused() {
    assert!(PostalCode::parse("01234").is_err());
}

#[test]
fn an_org_code_is_trimmed_and_upper_cased() {
    assert_eq!(OrgCode::parse(" hsf ").unwrap().as_str(), "HSF");
    assert_eq!(OrgCode::parse("41210").unwrap().as_str(), "41210");
}

#[test]
fn an_org_code_with_spaces_or_symbols_is_refused() {
    assert!(OrgCode::parse("41 210").is_err());
    assert!(OrgCode::parse("A").is_err());
    assert!(OrgCode::parse("ÅÄÖ").is_err());
    assert!(OrgCode::parse("X".repeat(17).as_str()).is_err());
}
