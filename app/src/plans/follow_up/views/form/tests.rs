//! The follow-up form's state: what a save sends, or why it cannot.

use super::*;
use crate::domain::follow_up::GoalStatus;

fn indicator(id: &str, name: &str, outcome: Option<i64>) -> Indicator {
    Indicator {
        id: id.into(),
        name: name.into(),
        budget: None,
        outcome: outcome.map(|v| Measure::entered(v).unwrap()),
        target: Some(Measure::entered(10_000).unwrap()),
        comparison: Default::default(),
    }
}

fn content() -> FollowUpContent {
    FollowUpContent {
        goals: vec![
            GoalReport {
                goal_id: "a".into(),
                status: GoalStatus::Klar,
                comment: "Infört i maj.".into(),
            },
            GoalReport {
                goal_id: "b".into(),
                ..Default::default()
            },
        ],
        indicators: vec![
            indicator("i1", "Tillgänglighet", Some(9_950)),
            indicator("i2", "Nöjda användare", None),
        ],
        actuals: vec![Actual {
            activity: crate::domain::plan::Activity::Anvandarstod,
            days_business: crate::domain::plan::Days::from_tenths(125),
            days_it: crate::domain::plan::Days::ZERO,
            kronor: crate::domain::money::Sek::from_kronor(70_000),
        }],
    }
}

/// The form on [`content`], with the owner its signals live in.
fn form() -> (Owner, Form) {
    let owner = Owner::new();
    owner.set();
    (owner, Form::new(&content()))
}

#[test]
fn an_unchanged_form_gives_back_the_follow_up_it_was_made_from() {
    let (_owner, f) = form();

    assert_eq!(f.content(), Ok(content()));
}

#[test]
fn an_indicator_without_a_name_is_refused_with_its_number() {
    let (_owner, f) = form();

    f.indicators.get_untracked()[1].name.set("  ".into());

    assert_eq!(f.content(), Err("Indikator 2 saknar namn.".into()));
}

#[test]
fn an_unreadable_value_names_the_indicator_field_and_why() {
    let (_owner, f) = form();
    let first = f.indicators.get_untracked()[0];

    first.outcome.set("tre".into());

    assert_eq!(
        first.parse(),
        Err(("outcome", "Skriv värdet med siffror, till exempel 1 234,5 eller −12."))
    );
    assert_eq!(
        f.content(),
        Err("Indikator 1: Skriv värdet med siffror, till exempel 1 234,5 eller −12.".into())
    );
    // A negative value is a value.
    first.outcome.set("−3".into());
    assert_eq!(first.parse().unwrap().outcome, Some(Measure::from_hundredths(-300)));
}

#[test]
fn an_added_indicator_is_empty_and_must_be_named_before_the_save() {
    let (_owner, f) = form();

    f.add_indicator();
    f.add_indicator();

    let added = f.indicators.get_untracked();
    assert_eq!(added.len(), 4);
    assert_ne!(added[2].id.get_value(), added[3].id.get_value());
    assert_eq!(added[2].parse().map(|i| (i.name, i.outcome)), Ok((String::new(), None)));
    assert_eq!(f.content(), Err("Indikator 3 saknar namn.".into()));
}

#[test]
fn loading_their_version_replaces_what_was_typed() {
    let (_owner, f) = form();
    f.goals.get_untracked()[0].comment.set("Mitt utkast".into());
    let mut theirs = content();
    theirs.indicators.pop();

    f.load(&theirs);

    assert_eq!(f.content(), Ok(theirs));
}

#[test]
fn actuals_are_typed_per_activity_and_a_wrong_one_is_named() {
    use crate::domain::plan::Activity;
    let (_owner, f) = form();
    let support = f.actuals[1];
    assert_eq!(support.activity, Activity::Anvandarstod);
    assert_eq!(support.days_business.get_untracked(), "12,5");
    assert_eq!(support.kronor.get_untracked(), "70 000");
    // Nothing typed for an activity is not stored.
    assert_eq!(f.content().unwrap().actuals.len(), 1);
    f.actuals[3].days_it.set("40".into());
    assert_eq!(f.content().unwrap().actuals.len(), 2);
    f.actuals[3].kronor.set("mycket".into());
    let err = f.content().unwrap_err();
    assert!(err.starts_with("Utfall för daglig IT-drift och underhåll: "), "{err}");
    assert_eq!(f.actuals[3].problem().map(|(field, _)| field), Some("kronor"));
}
