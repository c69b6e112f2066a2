use super::*;

fn ore(parts: &[Sek]) -> Vec<i64> {
    parts.iter().map(|s| s.ore()).collect()
}

#[test]
fn three_near_thirds_split_a_total_that_does_not_divide_and_the_parts_add_up() {
    let shares = [3_334, 3_333, 3_333];
    assert_eq!(ore(&split(Sek::from_ore(100), &shares).unwrap()), vec![34, 33, 33]);
    // 1 000 000,01 kr: exact parts 33 340,0000334 / 33 330,00003333 ×2 kr.
    let parts = split(Sek::from_ore(100_000_001), &shares).unwrap();
    assert_eq!(parts.iter().map(|p| p.ore()).sum::<i64>(), 100_000_001);
    assert_eq!(ore(&parts), vec![33_340_001, 33_330_000, 33_330_000]);
}

#[test]
fn the_left_over_ore_go_to_the_largest_remainders_and_on_a_tie_to_the_earlier_party() {
    // Exact: 0,5 / 0,25 / 0,25 öre of 1 öre: the half gets it.
    assert_eq!(
        ore(&split(Sek::from_ore(1), &[5_000, 2_500, 2_500]).unwrap()),
        vec![1, 0, 0]
    );
    // Two equal halves of 1 öre: the first party.
    assert_eq!(ore(&split(Sek::from_ore(1), &[5_000, 5_000]).unwrap()), vec![1, 0]);
    // Seven parties of an awkward total always add up.
    let shares = [1_429, 1_429, 1_429, 1_429, 1_428, 1_428, 1_428];
    for total in [0, 1, 7, 99, 12_345_678_901, 100_000_000_000] {
        let parts = split(Sek::from_ore(total), &shares).unwrap();
        assert_eq!(parts.iter().map(|p| p.ore()).sum::<i64>(), total, "{total}");
        for (p, s) in parts.iter().zip(shares) {
            let exact = total as f64 * f64::from(s) / 10_000.0;
            assert!((p.ore() as f64 - exact).abs() < 1.0, "{total}: {} vs {exact}", p.ore());
        }
    }
}

#[test]
fn shares_that_do_not_make_a_hundred_per_cent_split_nothing_and_say_why() {
    assert_eq!(split(Sek::from_ore(100), &[3_333, 3_333, 3_333]), None);
    assert_eq!(
        sum_problem(&[3_333, 3_333, 3_333]).as_deref(),
        Some("Andelarna blir tillsammans 99,99 %; de ska bli 100 %.")
    );
    assert_eq!(sum_problem(&[6_000, 4_000]), None);
    assert_eq!(split(Sek::from_ore(100), &[]), None);
    assert_eq!(split(Sek::from_ore(100), &[10_000, 0]), None);
    assert_eq!(split(Sek::from_ore(-100), &[10_000]), None);
    assert_eq!(ore(&split(Sek::from_ore(i64::MAX), &[10_000]).unwrap()), vec![i64::MAX]);
}

#[test]
fn a_share_is_read_as_typed_in_swedish_and_shown_the_same_way() {
    assert_eq!(parse_share("33,34"), Ok(3_334));
    assert_eq!(parse_share(" 12.5 % "), Ok(1_250));
    assert_eq!(parse_share("100"), Ok(10_000));
    assert_eq!(parse_share("0"), Err("Andelen ska vara mer än 0 %."));
    assert_eq!(parse_share("100,01"), Err("Andelen kan vara högst 100 %."));
    assert_eq!(parse_share("33,333"), Err("Andelen kan ha högst två decimaler."));
    assert_eq!(
        parse_share("en tredjedel"),
        Err("Skriv andelen med siffror, till exempel 33,34.")
    );
    assert_eq!(parse_share(""), Err("Ange andelen i procent, till exempel 33,34."));
    assert_eq!(share_text(3_334), "33,34");
    assert_eq!(share_text(1_250), "12,5");
    assert_eq!(share_text(10_000), "100");
    assert_eq!(share_text(5), "0,05");
    for s in [1, 5, 50, 1_250, 3_334, 10_000] {
        assert_eq!(parse_share(&share_text(s)), Ok(s));
    }
}
