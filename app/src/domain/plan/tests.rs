use super::*;

fn goal(activity: Activity, class: GoalClass, days_b: i64, days_it: i64, fixed_b: i64, fixed_it: i64) -> GoalCost {
    GoalCost {
        activity,
        class,
        days_business: Days::from_tenths(days_b * 10),
        days_it: Days::from_tenths(days_it * 10),
        fixed_business: Sek::from_kronor(fixed_b),
        fixed_it: Sek::from_kronor(fixed_it),
    }
}

#[test]
fn kronor_are_days_times_the_day_rate_plus_fixed_costs_per_column() {
    let goals = [
        goal(Activity::Forvaltningsstyrning, GoalClass::Vm, 20, 10, 0, 50_000),
        goal(Activity::Forvaltningsstyrning, GoalClass::Vu, 5, 0, 1_000, 0),
    ];
    let r = roll_up(&goals, PlanSettings::default()).unwrap();
    let a = Activity::Forvaltningsstyrning;
    assert_eq!(r.cell(a, Column::BusinessVm).kronor, Sek::from_kronor(112_000));
    assert_eq!(r.cell(a, Column::ItVm).kronor, Sek::from_kronor(56_000 + 50_000));
    assert_eq!(r.cell(a, Column::BusinessVu).kronor, Sek::from_kronor(28_000 + 1_000));
    assert_eq!(r.cell(a, Column::ItVu).kronor, Sek::ZERO);
    assert_eq!(r.activity_total(a).kronor, Sek::from_kronor(112_000 + 106_000 + 29_000));
    assert_eq!(r.total.days, Days::from_tenths(350));
}

#[test]
fn a_plan_of_only_fixed_costs_has_money_but_no_ftes() {
    let goals = [goal(Activity::DagligDrift, GoalClass::Vm, 0, 0, 120_000, 480_000)];
    let r = roll_up(&goals, PlanSettings::default()).unwrap();
    assert_eq!(r.total.kronor, Sek::from_kronor(600_000));
    assert_eq!(r.total.fte, Fte::default());
    assert_eq!(r.column_total(Column::ItVm).kronor, Sek::from_kronor(480_000));
}

#[test]
fn it_days_only_land_in_the_it_columns() {
    let goals = [goal(Activity::Andringshantering, GoalClass::Vu, 0, 95, 0, 0)];
    let r = roll_up(&goals, PlanSettings::default()).unwrap();
    assert_eq!(r.column_total(Column::ItVu).fte.to_string(), "0,50");
    assert_eq!(r.column_total(Column::BusinessVu), Cell::default());
    assert_eq!(r.column_total(Column::BusinessVm), Cell::default());
}

#[test]
fn an_activity_with_only_development_goals_has_empty_maintenance_columns() {
    let goals = [
        goal(Activity::Anvandarstod, GoalClass::Vu, 10, 10, 0, 0),
        goal(Activity::Anvandarstod, GoalClass::Vu, 5, 0, 0, 0),
    ];
    let r = roll_up(&goals, PlanSettings::default()).unwrap();
    let a = Activity::Anvandarstod;
    assert_eq!(r.cell(a, Column::BusinessVm), Cell::default());
    assert_eq!(r.cell(a, Column::ItVm), Cell::default());
    assert_eq!(r.cell(a, Column::BusinessVu).days, Days::from_tenths(150));
}

#[test]
fn fte_is_rounded_half_up_to_two_decimals_and_totals_use_their_own_days() {
    // 486,4 days / 190 = 2,56 (2,5600…); 1 day / 190 = 0,0052… → 0,01.
    assert_eq!(Fte::of(Days::from_tenths(4864), 190).to_string(), "2,56");
    assert_eq!(Fte::of(Days::from_tenths(10), 190).to_string(), "0,01");
    assert_eq!(Fte::of(Days::from_tenths(9), 190).to_string(), "0,00");
    assert_eq!(Fte::of(Days::from_tenths(950), 190).to_string(), "0,50");
    // Three cells of 0,0052… FTE each round to 0,01; their total is 0,02.
    let goals = [
        goal(Activity::Forvaltningsstyrning, GoalClass::Vm, 1, 0, 0, 0),
        goal(Activity::Anvandarstod, GoalClass::Vm, 1, 0, 0, 0),
        goal(Activity::DagligDrift, GoalClass::Vm, 1, 0, 0, 0),
    ];
    let r = roll_up(&goals, PlanSettings::default()).unwrap();
    assert_eq!(r.activity_total(Activity::DagligDrift).fte.to_string(), "0,01");
    assert_eq!(r.total.fte.to_string(), "0,02");
}

#[test]
fn the_settings_change_the_arithmetic() {
    let settings = PlanSettings {
        day_rate_business: Sek::from_kronor(4_000),
        day_rate_it: Sek::from_ore(650_050),
        days_per_fte: 200,
    };
    let goals = [GoalCost {
        activity: Activity::DagligDrift,
        class: GoalClass::Vm,
        days_business: Days::from_tenths(15),
        days_it: Days::from_tenths(15),
        fixed_business: Sek::ZERO,
        fixed_it: Sek::ZERO,
    }];
    let r = roll_up(&goals, settings).unwrap();
    assert_eq!(r.column_total(Column::BusinessVm).kronor, Sek::from_kronor(6_000));
    // 1,5 × 6 500,50 kr = 9 750,75 kr
    assert_eq!(r.column_total(Column::ItVm).kronor, Sek::from_ore(975_075));
    assert_eq!(r.total.fte.to_string(), "0,02");
}

#[test]
fn an_empty_plan_rolls_up_to_zero() {
    let r = roll_up(&[], PlanSettings::default()).unwrap();
    assert_eq!(r.total, Cell::default());
    assert_eq!(r.total.kronor.to_string(), "0 kr");
}

#[test]
fn days_are_read_with_at_most_one_decimal_and_never_negative() {
    assert_eq!(Days::parse("12,5"), Ok(Days::from_tenths(125)));
    assert_eq!(Days::parse("12.5"), Ok(Days::from_tenths(125)));
    assert_eq!(Days::parse(" 7 "), Ok(Days::from_tenths(70)));
    assert_eq!(Days::parse(""), Ok(Days::ZERO));
    assert_eq!(Days::parse("1,25"), Err("Ange dagar med högst en decimal."));
    assert_eq!(Days::parse("-3"), Err("Antalet dagar kan inte vara negativt."));
    assert!(Days::parse("tre").is_err());
    assert_eq!(Days::from_tenths(125).to_string(), "12,5");
    assert_eq!(Days::from_tenths(12_000).to_string(), "1 200");
}

#[test]
fn an_estimate_is_between_zero_and_a_hundred_thousand_days() {
    assert_eq!(Days::estimate(0), Ok(Days::ZERO));
    assert_eq!(Days::estimate(1_000_000), Ok(Days::MAX_ESTIMATE));
    assert_eq!(Days::estimate(-1), Err("Antalet dagar kan inte vara negativt."));
    assert!(Days::estimate(1_000_001).is_err());
    assert!(Days::estimate(i64::MAX).is_err());
    assert_eq!(Days::parse("100 000"), Ok(Days::MAX_ESTIMATE));
    assert_eq!(Days::parse("100 000,1"), Days::estimate(1_000_001));
}

#[test]
fn an_estimate_deserializes_only_within_the_editors_bounds() {
    #[derive(Debug, Deserialize)]
    struct Wire {
        #[serde(deserialize_with = "deserialize_estimate")]
        days: Days,
    }
    let read = |v: &str| serde_json::from_str::<Wire>(&format!(r#"{{"days": {v}}}"#)).map(|w| w.days);
    assert_eq!(read("125").unwrap(), Days::from_tenths(125));
    assert_eq!(read("1000000").unwrap(), Days::MAX_ESTIMATE);
    for bad in ["-10", "1000001", "9223372036854775807", "12.5", "\"12\"", "null"] {
        assert!(read(bad).is_err(), "{bad}");
    }
}

#[test]
fn settings_deserialize_only_within_the_editors_bounds() {
    let read = |rate_b: i64, rate_it: i64, days: i64| {
        serde_json::from_value::<PlanSettings>(serde_json::json!({
            "day_rate_business": rate_b, "day_rate_it": rate_it, "days_per_fte": days,
        }))
    };
    let ok = read(560_000, 10_000_000, 190).unwrap();
    assert_eq!(ok.check(), Ok(ok));
    assert_eq!(ok.day_rate_it, Sek::from_kronor(100_000));
    for (b, it, days) in [
        (0, 560_000, 190),
        (560_000, -1, 190),
        (560_000, 10_000_001, 190),
        (560_000, 560_000, 99),
        (560_000, 560_000, 261),
        (560_000, 560_000, -190),
        (560_000, 560_000, 4_294_967_486),
    ] {
        assert!(read(b, it, days).is_err(), "{b} {it} {days}");
    }
    let wrong = PlanSettings {
        days_per_fte: 300,
        ..PlanSettings::default()
    };
    assert_eq!(wrong.check().map_err(|(f, _)| f), Err("days_per_fte"));
    assert_eq!(PlanSettings::default().check(), Ok(PlanSettings::default()));
}

#[test]
fn a_plan_year_is_between_2000_and_2100_and_steps_stay_inside() {
    assert_eq!(PlanYear::new(2026).map(PlanYear::get), Ok(2026));
    for bad in [1999, 2101, i32::MAX, i32::MIN, 0] {
        assert_eq!(PlanYear::new(bad), Err(PlanYear::OUT_OF_RANGE), "{bad}");
    }
    let last = PlanYear::new(2100).unwrap();
    assert_eq!(last.step(1), None);
    assert_eq!(last.step(-1).map(PlanYear::get), Some(2099));
    assert_eq!(PlanYear::new(2000).unwrap().step(-1), None);
    assert_eq!(last.step(i32::MAX), None);
    assert_eq!(serde_json::from_str::<PlanYear>("2027").unwrap().get(), 2027);
    assert!(serde_json::from_str::<PlanYear>("2147483647").is_err());
    assert_eq!(serde_json::to_string(&last).unwrap(), "2100");
}

#[test]
fn the_next_version_exists_only_for_a_version_a_document_can_have() {
    assert_eq!(next_version(1, 1), Some(2));
    assert_eq!(next_version(0, 0), Some(1));
    assert_eq!(next_version(0, 1), None);
    assert_eq!(next_version(-1, 0), None);
    assert_eq!(next_version(i32::MAX, 1), None);
    assert_eq!(next_version(i32::MAX - 1, 1), Some(i32::MAX));
}

#[test]
fn fte_of_any_number_of_days_does_not_overflow() {
    assert_eq!(
        Fte::of(Days::from_tenths(i64::MAX), 100).hundredths(),
        i64::MAX / 10 + 1
    );
    assert_eq!(Fte::of(Days::from_tenths(i64::MAX), 1).hundredths(), i64::MAX);
    assert_eq!(
        Fte::from_hundredths(i64::MAX).checked_add(Fte::from_hundredths(1)),
        None
    );
}

#[test]
fn the_workflow_moves_only_as_the_roles_allow() {
    use PlanEvent::*;
    use PlanStatus::*;
    let editor = PlanActor {
        editor: true,
        ..PlanActor::default()
    };
    let owner = PlanActor {
        owner: true,
        ..PlanActor::default()
    };
    // An owner who also submitted it (say, as förvaltningsledare before
    // becoming objektägare) returns it but does not adopt it.
    let submitter = PlanActor {
        owner: true,
        submitted: true,
        ..PlanActor::default()
    };
    let reader = PlanActor::default();
    let table = [
        (Utkast, Submit, editor, Ok(UnderAvstamning)),
        (Utkast, Submit, owner, Err(())),
        (Utkast, Submit, reader, Err(())),
        (Utkast, Adopt, owner, Err(())),
        (Utkast, Return, owner, Err(())),
        (UnderAvstamning, Adopt, owner, Ok(Faststalld)),
        (UnderAvstamning, Adopt, submitter, Err(())),
        (UnderAvstamning, Return, submitter, Ok(Utkast)),
        (UnderAvstamning, Return, owner, Ok(Utkast)),
        (UnderAvstamning, Adopt, editor, Err(())),
        (UnderAvstamning, Return, editor, Err(())),
        (UnderAvstamning, Submit, editor, Err(())),
        (UnderAvstamning, Adopt, reader, Err(())),
        (Faststalld, Submit, editor, Err(())),
        (Faststalld, Return, owner, Err(())),
        (Faststalld, Adopt, owner, Err(())),
    ];
    for (from, event, actor, expected) in table {
        assert_eq!(
            transition(from, event, actor).map_err(|_| ()),
            expected,
            "{from:?} {event:?} {actor:?}"
        );
    }
    assert!(Utkast.editable());
    assert!(!UnderAvstamning.editable());
    assert!(!Faststalld.editable());
}

#[test]
fn a_decision_date_is_today_or_earlier() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    assert!(check_decision_date(today, today).is_ok());
    assert!(check_decision_date(today.pred_opt().unwrap(), today).is_ok());
    assert!(check_decision_date(chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(), today).is_err());
}

#[test]
fn an_activity_inside_a_sentence_keeps_its_abbreviation() {
    assert_eq!(Activity::DagligDrift.in_sentence(), "daglig IT-drift och underhåll");
    for a in Activity::ALL {
        let first = a.in_sentence().chars().next().unwrap();
        assert!(first.is_lowercase(), "{a:?}");
        assert_eq!(a.in_sentence().to_lowercase(), a.label_sv().to_lowercase());
    }
}
