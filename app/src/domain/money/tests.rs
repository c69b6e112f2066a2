//! Tests of amounts in kronor and öre.

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
    assert_eq!(Sek::from_ore(-1205).to_string(), "\u{2212}12,05 kr");
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
fn an_entered_amount_is_between_zero_and_a_billion_kronor() {
    assert_eq!(Sek::entered(0), Ok(Sek::ZERO));
    assert_eq!(Sek::entered(100_000_000_000), Ok(Sek::from_kronor(1_000_000_000)));
    assert_eq!(Sek::entered(-1), Err("Beloppet kan inte vara negativt."));
    assert!(Sek::entered(100_000_000_001).is_err());
    assert!(Sek::entered(i64::MIN).is_err());
    assert_eq!(Sek::parse_kronor("1 000 000 000"), Ok(Sek::MAX_ENTERED));
    assert_eq!(Sek::parse_kronor("1 000 000 000,01"), Sek::entered(100_000_000_001));
}

#[test]
fn an_entered_amount_deserializes_only_within_the_forms_bounds() {
    #[derive(Debug, Deserialize)]
    struct Wire {
        #[serde(deserialize_with = "deserialize_entered")]
        fixed: Sek,
    }
    let read = |json: &str| serde_json::from_str::<Wire>(json).map(|w| w.fixed);
    assert_eq!(read(r#"{"fixed": 89900}"#).unwrap(), Sek::from_kronor(899));
    assert_eq!(read(r#"{"fixed": 100000000000}"#).unwrap(), Sek::MAX_ENTERED);
    for bad in ["-1", "-9223372036854775808", "100000000001", "\"tio\"", "1.5"] {
        assert!(read(&format!(r#"{{"fixed": {bad}}}"#)).is_err(), "{bad}");
    }
    let err = read(r#"{"fixed": -5}"#).unwrap_err().to_string();
    assert!(err.starts_with("Beloppet kan inte vara negativt."), "{err}");
}

#[test]
fn arithmetic_refuses_to_overflow() {
    assert_eq!(Sek::from_ore(i64::MAX).checked_add(Sek::from_ore(1)), None);
    assert_eq!(Sek::from_kronor(5600).checked_mul(3), Some(Sek::from_kronor(16800)));
}
