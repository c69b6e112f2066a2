use super::*;
use chrono::NaiveDate;

#[test]
fn periods_have_codes_labels_and_order() {
    let t1 = Period::Tertial { year: 2026, n: 1 };
    assert_eq!(t1.code(), "2026-T1");
    assert_eq!(Period::parse("2026-T1"), Some(t1));
    assert_eq!(t1.label_sv(), "Tertial 1 2026 (januari–april)");
    assert_eq!(
        Period::parse("2026-T3").unwrap().label_sv(),
        "Tertial 3 2026 (september–december)"
    );
    let march = Period::parse("2026-03").unwrap();
    assert_eq!(march, Period::Month { year: 2026, month: 3 });
    assert_eq!(march.label_sv(), "Mars 2026");
    assert_eq!(march.code(), "2026-03");
    for bad in [
        "2026-T4", "2026-T0", "2026-13", "2026-00", "2026-3", "26-T1", "2026", "", "x-T1",
    ] {
        assert_eq!(Period::parse(bad), None, "{bad}");
    }
    assert_eq!(Period::all_of(2026).len(), 15);
    assert!(Period::all_of(2026)
        .iter()
        .all(|p| Period::parse(&p.code()) == Some(*p)));
    assert_eq!(t1.last_month(), 4);
    assert_eq!(
        Period::tertial_of(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()).code(),
        "2026-T3"
    );
    assert_eq!(
        Period::tertial_of(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()).code(),
        "2026-T2"
    );
    assert_eq!(
        Period::tertial_of(NaiveDate::from_ymd_opt(2026, 4, 30).unwrap()).code(),
        "2026-T1"
    );
    assert_eq!(Period::parse("2026-T2").unwrap().previous(), Some(t1));
    assert_eq!(t1.previous(), None);
    assert_eq!(march.previous(), Period::parse("2026-02"));
    let json = serde_json::to_string(&march).unwrap();
    assert_eq!(json, "\"2026-03\"");
    assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), march);
    assert!(serde_json::from_str::<Period>("\"2026-T9\"").is_err());
}

#[test]
fn statuses_round_trip() {
    for s in GoalStatus::ALL {
        assert_eq!(GoalStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(GoalStatus::default().label_sv(), "Ej påbörjad");
    assert_eq!(GoalStatus::parse("done"), None);
}

#[test]
fn every_activity_has_a_report_kind() {
    for a in Activity::ALL {
        assert!(!report_kind(a).is_empty());
    }
    assert_eq!(
        report_kind(Activity::DagligDrift),
        "Stabil och säker drift (daglig IT-drift och underhåll)"
    );
    assert_eq!(
        report_kind(Activity::Forvaltningsstyrning),
        "Objektstyrning (förvaltningsstyrning)"
    );
    assert_eq!(report_kind(Activity::Anvandarstod), "Användarstöd");
}

#[test]
fn measures_parse_empty_as_unreported() {
    assert_eq!(Measure::parse(""), Ok(None));
    assert_eq!(Measure::parse("1 234,5"), Ok(Some(Measure(123_450))));
    assert_eq!(Measure::parse("-1"), Ok(Some(Measure(-100))));
    assert_eq!(Measure::parse("−1 234,5"), Ok(Some(Measure(-123_450))));
    assert!(Measure::parse("-").is_err());
    assert!(Measure::parse("--1").is_err());
    assert_eq!(Measure::parse("1,234"), Err("Värdet kan ha högst två decimaler."));
    assert!(Measure::parse("mycket").is_err());
    assert_eq!(Measure(123_450).to_string(), "1 234,5");
    assert_eq!(Measure(123_450).to_input(), "1 234,5");
    assert_eq!(Measure(413_313_000).to_input(), "4 133 130");
    assert_eq!(Measure::parse(&Measure(123_450).to_input()), Ok(Some(Measure(123_450))));
}

#[test]
fn an_entered_measure_deserializes_only_within_the_forms_bounds() {
    #[derive(Debug, Deserialize)]
    struct Wire {
        #[serde(default, deserialize_with = "deserialize_entered")]
        value: Option<Measure>,
    }
    let read = |json: &str| serde_json::from_str::<Wire>(json).map(|w| w.value);
    assert_eq!(read(r#"{"value": 1250}"#).unwrap(), Some(Measure(1_250)));
    assert_eq!(read(r#"{"value": null}"#).unwrap(), None);
    assert_eq!(read("{}").unwrap(), None);
    assert_eq!(
        read(r#"{"value": 100000000000000}"#).unwrap(),
        Some(Measure::MAX_ENTERED)
    );
    assert_eq!(read(r#"{"value": -1250}"#).unwrap(), Some(Measure(-1_250)));
    for bad in ["100000000000001", "-100000000000001", "-9223372036854775808", "\"tio\""] {
        assert!(read(&format!(r#"{{"value": {bad}}}"#)).is_err(), "{bad}");
    }
    assert_eq!(Measure::entered(i64::MIN), Err("Värdet är för stort."));
    assert_eq!(
        Measure::parse(&Measure(-123_450).to_input()),
        Ok(Some(Measure(-123_450)))
    );
    assert_eq!(Measure::parse("1 000 000 000 000"), Ok(Some(Measure::MAX_ENTERED)));
}

#[test]
fn a_period_is_of_a_plan_year() {
    assert_eq!(Period::parse("2100-12").map(Period::year), Some(2100));
    for bad in ["1999-T1", "2101-01", "0000-T1", "9999-12"] {
        assert_eq!(Period::parse(bad), None, "{bad}");
    }
    assert!(serde_json::from_str::<Period>("\"9999-T1\"").is_err());
}

#[test]
fn fulfilment_is_outcome_over_target_rounded_half_up() {
    let m = |v: i64| Some(Measure(v * 100));
    let share = |o, t| match fulfilment(o, t, Comparison::Share) {
        Some(Fulfilment::Share(p)) => Some(p),
        None => None,
        other => panic!("a share, not {other:?}"),
    };
    assert_eq!(share(m(45), m(50)).map(|p| p.to_string()), Some("90 %".into()));
    assert_eq!(share(m(7), m(8)).map(|p| p.to_string()), Some("87,5 %".into()));
    // 1/3 = 33,333… → 33,3 ; 2/3 = 66,666… → 66,7
    assert_eq!(share(m(1), m(3)).unwrap().tenths(), 333);
    assert_eq!(share(m(2), m(3)).unwrap().tenths(), 667);
    // 1/8 = 12,5 % exactly; 1/16 = 6,25 % → 6,3 (half up)
    assert_eq!(share(m(1), m(16)).unwrap().tenths(), 63);
    assert_eq!(share(m(120), m(100)).unwrap().to_string(), "120 %");
    assert_eq!(share(m(5), m(0)), None);
    assert_eq!(share(None, m(5)), None);
    assert_eq!(share(m(5), None), None);
    assert_eq!(
        share(Some(Measure(100_000_000_000_000)), Some(Measure(1)))
            .unwrap()
            .tenths(),
        100_000_000_000_000_000
    );
}

#[test]
fn a_negative_outcome_is_a_negative_share_and_a_negative_target_needs_a_comparison() {
    let m = |v: i64| Some(Measure(v * 100));
    let share = |o, t| fulfilment(o, t, Comparison::Share).map(|f| f.to_string());
    // −1/16 = −6,25 % → −6,2 (half up, toward +∞); −2/3 = −66,67 → −66,7.
    assert_eq!(share(m(-1), m(16)), Some("\u{2212}6,2 %".into()));
    assert_eq!(share(m(-2), m(3)), Some("\u{2212}66,7 %".into()));
    // A share of a target of zero or below says nothing.
    assert_eq!(share(m(-5), m(-10)), None);
    assert_eq!(share(m(3), m(0)), None);
}

#[test]
fn comparison_targets_are_met_or_not() {
    let m = |v: i64| Some(Measure(v * 100));
    let judge = |o, t, c| fulfilment(o, t, c);
    // "> 0": a result above zero.
    assert_eq!(judge(m(1), m(0), Comparison::Above), Some(Fulfilment::Met));
    assert_eq!(judge(m(0), m(0), Comparison::Above), Some(Fulfilment::NotMet));
    assert_eq!(judge(m(-3), m(0), Comparison::Above), Some(Fulfilment::NotMet));
    // "≤ 5": at most five incidents.
    assert_eq!(judge(m(5), m(5), Comparison::AtMost), Some(Fulfilment::Met));
    assert_eq!(judge(m(6), m(5), Comparison::AtMost), Some(Fulfilment::NotMet));
    assert_eq!(judge(m(-2), m(-1), Comparison::Below), Some(Fulfilment::Met));
    assert_eq!(judge(m(95), m(95), Comparison::AtLeast), Some(Fulfilment::Met));
    assert_eq!(judge(None, m(5), Comparison::AtMost), None);
    assert_eq!(Fulfilment::NotMet.to_string(), "Ej uppfyllt");
    assert_eq!(Comparison::AtMost.target_text(Measure(500)), "≤ 5");
    assert_eq!(Comparison::Share.target_text(Measure(-250)), "\u{2212}2,5");
    for c in Comparison::ALL {
        assert_eq!(Comparison::parse(c.as_str()), Some(c));
    }
}

#[test]
fn deviation_is_outcome_minus_budget() {
    let m = |v: i64| Some(Measure(v));
    assert_eq!(deviation(m(1000), m(1200)), m(200));
    assert_eq!(deviation(m(1000), m(800)), m(-200));
    assert_eq!(deviation(None, m(800)), None);
    assert_eq!(Measure(-20_050).to_string(), "\u{2212}200,5");
    assert_eq!(Measure(-15_113_000).signed(), "\u{2212}151 130");
    assert_eq!(Measure(20_000).signed(), "+200");
    assert_eq!(Measure(0).signed(), "±0");
}

#[test]
fn a_period_has_its_share_of_the_plan_year_and_its_figures_to_date() {
    let t2 = Period::parse("2026-T2").unwrap();
    let march = Period::parse("2026-03").unwrap();
    assert_eq!((t2.months(), march.months()), (4, 1));
    // A third of 100 days is 33,3 days (tenths, rounded half up).
    assert_eq!(pro_rata(1_000, 4), 333);
    assert_eq!(pro_rata(1_000, 8), 667);
    assert_eq!(pro_rata(1_000, 12), 1_000);
    assert_eq!(pro_rata(6, 1), 1, "half an öre rounds up");
    assert_eq!(pro_rata(i64::MAX, 12), i64::MAX);
    assert!(t2.to_date_includes(Period::parse("2026-T1").unwrap()));
    assert!(t2.to_date_includes(t2));
    assert!(!t2.to_date_includes(Period::parse("2026-T3").unwrap()));
    assert!(!t2.to_date_includes(march), "months are not tertials");
    assert!(!t2.to_date_includes(Period::parse("2025-T1").unwrap()));
}

#[test]
fn variance_is_actual_minus_plan_in_kronor_and_per_cent_of_the_plan() {
    assert_eq!(variance(1_000, 800), (-200, Some(Percent(-200))));
    assert_eq!(variance(1_000, 1_000), (0, Some(Percent(0))));
    assert_eq!(variance(300, 400).1.unwrap().to_string(), "33,3 %");
    assert_eq!(variance(0, 50), (50, None), "nothing planned: no per cent");
    assert_eq!(share(3, 8).unwrap().to_string(), "37,5 %");
}
