use super::*;
use crate::domain::plan::{Days, GoalClass};

fn goal(id: &str, activity: Activity, days: i64) -> Goal {
    Goal {
        id: id.into(),
        activity,
        class: GoalClass::Vm,
        text: format!("Mål {id}"),
        needs: String::new(),
        days_business: Days::from_tenths(days * 10),
        days_it: Days::ZERO,
        fixed_business: Sek::ZERO,
        fixed_it: Sek::ZERO,
    }
}

fn content(goals: Vec<Goal>) -> PlanContent {
    PlanContent {
        goals,
        ..Default::default()
    }
}

#[test]
fn goals_are_added_removed_and_changed_by_id_with_money_per_activity() {
    let s = PlanSettings::default();
    let before = content(vec![
        goal("a", Activity::Anvandarstod, 10),
        goal("b", Activity::DagligDrift, 5),
    ]);
    let mut changed = goal("a", Activity::Anvandarstod, 20);
    changed.class = GoalClass::Vu;
    let after = content(vec![changed, goal("c", Activity::Andringshantering, 1)]);
    let d = diff(&before, s, &after, s);
    let kinds: Vec<(ChangeKind, &str)> = d.goals.iter().map(|g| (g.kind, g.text.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (ChangeKind::Changed, "Mål a"),
            (ChangeKind::Added, "Mål c"),
            (ChangeKind::Removed, "Mål b"),
        ]
    );
    assert_eq!(d.goals[0].details, vec!["VM → VU", "dagar verksamhet 10 → 20"]);
    let support = &d.activities[1].1;
    assert_eq!(support.kronor(), Sek::from_kronor(56_000));
    assert_eq!(support.kronor_change(), "+56 000 kr");
    assert_eq!(support.percent(), "+100,0 %");
    assert_eq!(d.activities[2].1.percent(), "ny");
    assert_eq!(d.activities[3].1.percent(), "−100,0 %");
    assert!(
        d.activities[3].1.kronor_change().starts_with("−"),
        "the minus sign, not a hyphen"
    );
    assert_eq!(d.total.kronor(), Sek::from_kronor(56_000 + 5_600 - 28_000));
    assert!(d.sections.is_empty());
}

#[test]
fn percentages_round_to_one_decimal_and_unchanged_is_plus_minus_zero() {
    let cell = |kr: i64| Cell {
        kronor: Sek::from_kronor(kr),
        ..Default::default()
    };
    let d = |a: i64, b: i64| Delta {
        before: cell(a),
        after: cell(b),
    };
    assert_eq!(d(3, 4).percent(), "+33,3 %");
    assert_eq!(d(3, 2).percent(), "−33,3 %");
    assert_eq!(d(8, 9).percent(), "+12,5 %");
    assert_eq!(d(100, 100).percent(), "±0,0 %");
    assert_eq!(d(0, 0).percent(), "±0,0 %");
}

#[test]
fn changed_texts_are_named() {
    let s = PlanSettings::default();
    let before = PlanContent::default();
    let after = PlanContent {
        current_state: "Nytt nuläge".into(),
        ..Default::default()
    };
    assert_eq!(diff(&before, s, &after, s).sections, vec!["Nulägesbeskrivning"]);
}
