use super::*;

#[test]
fn every_trail_falls_in_exactly_one_category() {
    // (on_behalf, part_without_api, attested_by_person, touched) → category
    use Category::*;
    let table = [
        ((false, false, false, false), AutomatiseradLeverans),
        ((false, false, true, false), AutomatiseradSjalvservice),
        ((false, false, false, true), AutomatiseradOrder),
        ((false, false, true, true), AutomatiseradOrder),
        ((true, false, false, false), EjAutomatiserad),
        ((true, false, true, true), EjAutomatiserad),
        ((false, true, false, false), EjAutomatiserad),
        ((false, true, true, true), EjAutomatiserad),
        ((true, true, true, true), EjAutomatiserad),
    ];
    for ((on_behalf, part_without_api, attested_by_person, touched), want) in table {
        let t = Trail {
            on_behalf,
            part_without_api,
            attested_by_person,
            touched,
        };
        assert_eq!(classify(t), want, "{t:?}");
    }
    // All 16 trails are classified, each into one of the four.
    for bits in 0..16u8 {
        let t = Trail {
            on_behalf: bits & 1 != 0,
            part_without_api: bits & 2 != 0,
            attested_by_person: bits & 4 != 0,
            touched: bits & 8 != 0,
        };
        assert!(Category::ALL.contains(&classify(t)));
    }
}

#[test]
fn categories_read_back_and_say_what_they_mean() {
    for c in Category::ALL {
        assert_eq!(Category::parse(c.as_str()), Some(c));
        assert!(!c.label_sv().is_empty() && c.definition_sv().ends_with('.'));
    }
    assert_eq!(Category::parse("manuell"), None);
}

#[test]
fn months_parse_step_and_span_years() {
    let nov = Month::parse("2026-11").unwrap();
    assert_eq!(nov.code(), "2026-11");
    assert_eq!(nov.next().next().code(), "2027-01");
    assert_eq!(
        Month::parse("2027-01").unwrap().prev(),
        Month::parse("2026-12").unwrap()
    );
    assert_eq!(nov.through(Month::parse("2027-02").unwrap()).len(), 4);
    assert!(Month::parse("2027-02").unwrap().through(nov).is_empty());
    for bad in [
        "2026-13",
        "2026-00",
        "26-11",
        "2026-1",
        "abcd-ef",
        "",
        "1999-12",
        "2026-11-01",
    ] {
        assert_eq!(Month::parse(bad), None, "{bad}");
    }
    assert_eq!(nov.label_sv(), "november 2026");
    assert_eq!(
        Month::of(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()).code(),
        "2026-02"
    );
}

#[test]
fn percentiles_are_nearest_rank_and_lead_times_count_the_goal() {
    assert_eq!(percentile(&[], 50), None);
    assert_eq!(percentile(&[7], 90), Some(7));
    let ten: Vec<i32> = (1..=10).collect();
    assert_eq!(percentile(&ten, 50), Some(5));
    assert_eq!(percentile(&ten, 90), Some(9));
    assert_eq!(percentile(&ten, 100), Some(10));
    assert_eq!(percentile(&ten, 0), Some(1));
    let mut days = vec![70, 3, 10, 61, 5];
    let l = lead_times(&mut days).unwrap();
    assert_eq!(
        (l.count, l.median_days, l.p90_days, l.within_goal_permille),
        (5, 10, 70, 600)
    );
    assert_eq!(lead_times(&mut []), None);
}

#[test]
fn lead_days_are_whole_days_truncated_and_never_negative() {
    use chrono::{Duration, TimeZone, Utc};
    let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap();
    let days = |s: i64| lead_days(t0, t0 + Duration::seconds(s));
    assert_eq!(days(10 * 86_400), 10);
    assert_eq!(days(10 * 86_400 - 1), 9);
    assert_eq!(days(61 * 86_400), 61);
    assert_eq!(days(0), 0);
    assert_eq!(days(-86_400 * 3), 0);
}
