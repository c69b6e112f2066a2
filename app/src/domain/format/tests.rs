//! Tests of the Swedish presentation of numbers, dates and prices.

use super::*;

#[test]
fn decimals_are_read_the_swedish_way() {
    assert_eq!(parse_decimal("1 234,5", 2, i64::MAX), Ok(123_450));
    assert_eq!(parse_decimal("1234.05", 2, i64::MAX), Ok(123_405));
    assert_eq!(parse_decimal("7", 1, i64::MAX), Ok(70));
    assert_eq!(parse_decimal("899 kr", 2, i64::MAX), Ok(89_900));
    assert_eq!(parse_decimal(" ", 2, 10), Err(DecimalError::Empty));
    assert_eq!(parse_decimal("-1", 2, 10), Err(DecimalError::Negative));
    assert_eq!(parse_decimal("1,2,3", 2, 10), Err(DecimalError::NotANumber));
    assert_eq!(parse_decimal("tio", 2, 10), Err(DecimalError::NotANumber));
    assert_eq!(parse_decimal(",5", 2, 10), Err(DecimalError::NotANumber));
    assert_eq!(parse_decimal("1-2", 2, 1000), Err(DecimalError::NotANumber));
    assert_eq!(parse_decimal("5,", 2, i64::MAX), Ok(500));
    assert_eq!(
        parse_decimal("\u{a0}1\u{202f}000\u{a0}000,5 kr ", 2, i64::MAX),
        Ok(100_000_050)
    );
    assert_eq!(parse_decimal("kr", 2, 10), Err(DecimalError::Empty));
    assert_eq!(parse_decimal("1,25", 1, i64::MAX), Err(DecimalError::TooManyDecimals));
    assert_eq!(parse_decimal("11", 0, 10), Err(DecimalError::TooLarge));
    assert_eq!(
        parse_decimal("99999999999999999999", 2, i64::MAX),
        Err(DecimalError::TooLarge)
    );
}

#[test]
fn decimals_are_shown_the_swedish_way() {
    assert_eq!(decimal(123_450, 2), "1 234,5");
    assert_eq!(decimal(123_405, 2), "1 234,05");
    assert_eq!(decimal(100, 2), "1");
    assert_eq!(decimal(-250, 2), "\u{2212}2,5");
    for units in [0, 5, 10, 99, 12_345_678] {
        assert_eq!(parse_decimal(&decimal(units, 2), 2, i64::MAX), Ok(units));
    }
}

#[test]
fn thousands_are_grouped_with_spaces() {
    assert_eq!(group_thousands(0), "0");
    assert_eq!(group_thousands(999), "999");
    assert_eq!(group_thousands(1000), "1 000");
    assert_eq!(group_thousands(52_000), "52 000");
    assert_eq!(group_thousands(1_234_567), "1 234 567");
}

#[test]
fn dates_are_written_year_month_day() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 4).unwrap();
    assert_eq!(date(d), "2026-11-04");
    let t = d.and_hms_opt(9, 5, 0).unwrap().and_utc();
    assert_eq!(date_time(t), "2026-11-04 09:05");
}

#[test]
fn prices_read_as_short_swedish_phrases() {
    assert_eq!(price_phrase(Sek::from_kronor(2190), Sek::ZERO, 0), "2 190 kr");
    assert_eq!(
        price_phrase(Sek::ZERO, Sek::from_kronor(389), 36),
        "389 kr/mån i 36 mån"
    );
    assert_eq!(price_phrase(Sek::ZERO, Sek::from_kronor(389), 0), "389 kr/mån");
    assert_eq!(
        price_phrase(Sek::from_kronor(950), Sek::from_kronor(59), 12),
        "950 kr + 59 kr/mån"
    );
    assert_eq!(price_phrase(Sek::ZERO, Sek::ZERO, 0), "0 kr");
}

#[test]
fn a_text_that_looks_like_a_formula_stays_text_in_a_spreadsheet() {
    for (text, cell) in [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+46 21 17 52 10", "'+46 21 17 52 10"),
        ("-5 dagar", "'-5 dagar"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tflik", "'\tflik"),
        ("Vanlig kommentar", "Vanlig kommentar"),
        ("", ""),
        ("Kostnad 5-10 kr", "Kostnad 5-10 kr"),
    ] {
        assert_eq!(spreadsheet_text(text), cell, "{text}");
    }
}
