//! Tests of the catalogue rules: prices over time, matching, pictures.

use super::*;

#[test]
fn pictures_are_recognised_by_their_first_bytes_not_their_name() {
    assert_eq!(image_type(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
    assert_eq!(image_type(&[0xff, 0xd8, 0xff, 0xe0, 0]), Some("image/jpeg"));
    assert_eq!(image_type(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
    assert_eq!(image_type(b"<svg xmlns="), None);
    assert_eq!(image_type(b""), None);
}

#[test]
fn a_future_price_closes_todays_price_the_day_before_and_replaces_later_ones() {
    let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    let today = d(1, 10);
    let existing = [(1, d(1, 1), None), (2, d(3, 1), None), (3, d(6, 1), None)];
    let change = plan_price_change(&existing[..1], d(2, 1), today).unwrap();
    assert_eq!(change.close, vec![(1, d(1, 31))]);
    assert!(change.delete.is_empty());
    // A price from 1 March replaces the one entered for that day and later.
    let change = plan_price_change(&existing, d(3, 1), today).unwrap();
    assert_eq!(change.delete, vec![2, 3]);
    assert_eq!(change.close, vec![(1, d(2, 28))]);
}

#[test]
fn a_price_from_today_is_allowed_but_not_one_in_the_past() {
    let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    let existing = [(1, d(1, 1), Some(d(1, 5)))];
    let change = plan_price_change(&existing, d(1, 10), d(1, 10)).unwrap();
    assert_eq!(change, PriceChange::default(), "an ended price is left alone");
    assert!(plan_price_change(&existing, d(1, 9), d(1, 10)).is_err());
}

#[test]
fn kinds_and_levels_are_read_by_code_or_swedish_name() {
    assert_eq!(ItemKind::parse_any("Tjänst"), Some(ItemKind::Service));
    assert_eq!(ItemKind::parse_any("HARDWARE"), Some(ItemKind::Hardware));
    assert_eq!(ServiceLevel::parse_any("järn"), Some(ServiceLevel::Jarn));
    assert_eq!(ServiceLevel::parse_any("Guld"), Some(ServiceLevel::Guld));
    assert_eq!(ItemKind::parse_any("dator"), None);
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn price(from: NaiveDate, to: Option<NaiveDate>, one_off: i64, monthly: i64) -> Price {
    Price {
        valid_from: from,
        valid_to: to,
        one_off: Sek::from_kronor(one_off),
        monthly: Sek::from_kronor(monthly),
    }
}

#[test]
fn the_price_in_force_is_the_latest_started_valid_one() {
    let prices = [price(d(2026, 1, 1), None, 9000, 0), price(d(2027, 1, 1), None, 9500, 0)];
    assert_eq!(
        price_on(&prices, d(2026, 11, 24)).unwrap().one_off,
        Sek::from_kronor(9000)
    );
    assert_eq!(
        price_on(&prices, d(2027, 1, 1)).unwrap().one_off,
        Sek::from_kronor(9500)
    );
    assert_eq!(price_on(&prices, d(2025, 12, 31)), None);
    assert_eq!(
        next_price_after(&prices, d(2026, 11, 24)).unwrap().valid_from,
        d(2027, 1, 1)
    );
}

#[test]
fn an_expired_price_no_longer_applies() {
    let prices = [price(d(2026, 1, 1), Some(d(2026, 6, 30)), 100, 0)];
    assert!(price_on(&prices, d(2026, 6, 30)).is_some());
    assert!(price_on(&prices, d(2026, 7, 1)).is_none());
}

#[test]
fn total_commitment_is_one_off_plus_monthly_times_binding_in_ore() {
    let p = Price {
        valid_from: d(2026, 1, 1),
        valid_to: None,
        one_off: Sek::from_ore(123_450),
        monthly: Sek::from_ore(19_990),
    };
    // 1 234,50 + 36 × 199,90 = 8 430,90 per unit; two units 16 861,80.
    assert_eq!(total_commitment(p, 36, 1), Some(Sek::from_ore(843_090)));
    assert_eq!(total_commitment(p, 36, 2), Some(Sek::from_ore(1_686_180)));
    assert_eq!(total_commitment(p, 0, 1), Some(Sek::from_ore(123_450)));
}

#[test]
fn totals_multiply_by_quantity_and_add_up_in_ore() {
    let laptop = Totals::of_units(Sek::ZERO, Sek::from_kronor(389), Sek::from_kronor(389 * 36), 2).unwrap();
    let dock = Totals::of_units(Sek::from_ore(289_050), Sek::ZERO, Sek::from_ore(289_050), 1).unwrap();
    let sum = Totals::sum([laptop, dock]).unwrap();
    assert_eq!(sum.one_off, Sek::from_ore(289_050));
    assert_eq!(sum.monthly, Sek::from_kronor(778));
    assert_eq!(sum.commitment, Sek::from_ore(2 * 1_400_400 + 289_050));
    assert_eq!(Totals::sum([]), Some(Totals::default()));
    assert_eq!(Totals::of_units(Sek::from_ore(i64::MAX), Sek::ZERO, Sek::ZERO, 2), None);
}

#[test]
fn rules_table() {
    // 1 laptop A, 2 laptop B, 3 dock (fits only A), 4 installation, 5 disk destruction,
    // 6 monitor requiring cable 7 or 8.
    let rules = vec![
        Rule::FitsOnly {
            item: 3,
            models: vec![1],
        },
        Rule::Requires {
            item: 1,
            one_of: vec![4],
        },
        Rule::Requires {
            item: 6,
            one_of: vec![7, 8],
        },
    ];
    let set = |v: &[i32]| v.iter().copied().collect::<BTreeSet<i32>>();
    let laptops = |v: &[i32]| set(&v.iter().copied().filter(|i| [1, 2].contains(i)).collect::<Vec<_>>());
    let cases: &[(&[i32], Vec<Violation>)] = &[
        (&[1, 4], vec![]),
        (
            &[1],
            vec![Violation::MissingRequired {
                items: vec![1],
                one_of: vec![4],
            }],
        ),
        (&[1, 3, 4], vec![]),
        (
            &[2, 3],
            vec![Violation::DoesNotFit {
                items: vec![3],
                with: vec![2],
                models: vec![1],
            }],
        ),
        (&[1, 2, 3, 4], vec![]),
        (&[3], vec![]),
        (
            &[6],
            vec![Violation::MissingRequired {
                items: vec![6],
                one_of: vec![7, 8],
            }],
        ),
        (&[6, 8], vec![]),
    ];
    for (order, expected) in cases {
        assert_eq!(
            &evaluate(&set(order), &rules, &laptops(order)),
            expected,
            "order {order:?}"
        );
    }
}

#[test]
fn violations_read_as_swedish_sentences() {
    let name = |i: i32| {
        [
            "",
            "Latitude 5450",
            "OptiPlex",
            "Dockningsstation WD22",
            "Installation på plats",
        ][i as usize]
            .to_owned()
    };
    let missing = Violation::MissingRequired {
        items: vec![1],
        one_of: vec![4],
    };
    assert_eq!(
        missing.message(name),
        "Latitude 5450 kräver Installation på plats i samma beställning."
    );
    let unfit = Violation::DoesNotFit {
        items: vec![3],
        with: vec![2],
        models: vec![1],
    };
    assert_eq!(
        unfit.message(name),
        "Dockningsstation WD22 passar inte till OptiPlex. Den passar bara till Latitude 5450."
    );
    assert_eq!(join_or(&["a".into(), "b".into(), "c".into()]), "a, b eller c");
    let both = Violation::MissingRequired {
        items: vec![1, 2],
        one_of: vec![3, 4],
    };
    assert_eq!(
        both.message(name),
        "Latitude 5450 och OptiPlex kräver Dockningsstation WD22 eller Installation på plats i samma beställning."
    );
    assert_eq!(join_and(&["a".into(), "b".into(), "c".into()]), "a, b och c");
}

#[test]
fn items_that_ask_for_the_same_thing_are_one_violation() {
    // Two screens (1, 2) need one of the docks 3 or 4; the laptop 5 needs
    // dock 3 alone: two sentences, not three.
    let rules = vec![
        Rule::Requires {
            item: 1,
            one_of: vec![3, 4],
        },
        Rule::Requires {
            item: 5,
            one_of: vec![3],
        },
        Rule::Requires {
            item: 2,
            one_of: vec![4, 3],
        },
    ];
    let order: BTreeSet<i32> = [1, 2, 5].into_iter().collect();
    assert_eq!(
        evaluate(&order, &rules, &BTreeSet::new()),
        vec![
            Violation::MissingRequired {
                items: vec![1, 2],
                one_of: vec![3, 4],
            },
            Violation::MissingRequired {
                items: vec![5],
                one_of: vec![3],
            },
        ]
    );
}

#[test]
fn kinds_and_levels_round_trip_through_their_codes() {
    for k in ItemKind::ALL {
        assert_eq!(ItemKind::parse(k.as_str()), Some(k));
    }
    for l in ServiceLevel::ALL {
        assert_eq!(ServiceLevel::parse(l.as_str()), Some(l));
    }
    assert!(ServiceLevel::Jarn < ServiceLevel::Platina);
}
