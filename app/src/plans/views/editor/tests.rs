//! The plan editor's state model: what the page does with a plan as the
//! user edits it, without a browser.

use super::*;
use crate::domain::money::Sek;
use crate::domain::plan::{Days, GoalClass, PlanStatus};
use crate::error::AppError;
use crate::plans::dto::{Goal, Need, PlanDto, PlanRights, SaveOutcome};
use std::time::Duration;

const STYRNING: Activity = Activity::Forvaltningsstyrning;
const STOD: Activity = Activity::Anvandarstod;

fn goal(id: &str, activity: Activity, needs: &str, days_business: i64) -> Goal {
    Goal {
        id: id.into(),
        activity,
        class: GoalClass::Vm,
        text: format!("Mål {id}"),
        needs: needs.into(),
        days_business: Days::from_tenths(days_business * 10),
        days_it: Days::ZERO,
        fixed_business: Sek::ZERO,
        fixed_it: Sek::ZERO,
    }
}

fn need(id: &str, text: &str) -> Need {
    Need {
        id: id.into(),
        text: text.into(),
        ..Default::default()
    }
}

/// Three needs; goals a and c in förvaltningsstyrning, b in användarstöd.
fn plan() -> PlanContent {
    PlanContent {
        object_description: "Journalsystemet för primärvården.".into(),
        needs: vec![
            need("n1", "Långa svarstider"),
            need("n2", "Gamla integrationer"),
            need("n3", "Otydligt ägarskap"),
        ],
        goals: vec![
            goal("a", STYRNING, "1, 3", 10),
            goal("b", STOD, "2", 5),
            goal("c", STYRNING, "2, 3", 0),
        ],
        forums: vec![Forum {
            id: "f1".into(),
            kind: "beslut".into(),
            name: "Styrgrupp".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn settings() -> PlanSettings {
    PlanSettings {
        day_rate_business: Sek::from_kronor(1_000),
        day_rate_it: Sek::from_kronor(2_000),
        days_per_fte: 200,
    }
}

/// The editor on [`plan`], with the owner its signals live in (current on
/// this test's thread until it is dropped).
fn editor() -> (Owner, Editor) {
    let owner = Owner::new();
    owner.set();
    (owner, Editor::new(&plan(), settings()))
}

fn row(e: &Editor, id: &str) -> GoalRow {
    e.goals
        .get_untracked()
        .into_iter()
        .find(|g| g.id.get_value() == id)
        .unwrap()
}

fn goal_ids(e: &Editor) -> Vec<String> {
    e.goals.get_untracked().iter().map(|g| g.id.get_value()).collect()
}

fn ids_in(e: &Editor, activity: Activity) -> Vec<String> {
    e.goals_in(activity).iter().map(|g| g.id.get_value()).collect()
}

/// Each goal's need references, in the goals' order.
fn references(e: &Editor) -> Vec<String> {
    e.goals
        .get_untracked()
        .iter()
        .map(|g| g.needs.get_untracked())
        .collect()
}

fn need_texts(e: &Editor) -> Vec<String> {
    e.needs.get_untracked().iter().map(|n| n.text.get_untracked()).collect()
}

fn their_plan(content: PlanContent) -> PlanDto {
    PlanDto {
        id: 7,
        object_id: 3,
        object_name: "Journalsystemet".into(),
        family: "Vård".into(),
        year: 2027,
        revision: 1,
        status: PlanStatus::Utkast,
        version: 12,
        settings: settings(),
        roll_up: plan::roll_up(&content.costs(), settings()).unwrap(),
        content,
        decided_on: None,
        decision_minutes: String::new(),
        updated_at: chrono::Utc::now(),
        updated_by: "Lars Andersson".into(),
        events: vec![],
        adoption: Default::default(),
        rights: PlanRights::default(),
        revisions: vec![],
    }
}

#[test]
fn an_unchanged_editor_gives_back_the_plan_and_settings_it_was_made_from() {
    let (_owner, e) = editor();

    assert_eq!(e.draft(), Ok((plan(), settings())));
}

#[test]
fn stored_numbers_show_as_they_would_be_typed_and_zero_as_an_empty_field() {
    let (_owner, e) = editor();
    let a = row(&e, "a");

    assert_eq!(a.days_business.get_untracked(), "10");
    assert_eq!(a.days_it.get_untracked(), "");
    assert_eq!(a.fixed_business.get_untracked(), "");
    assert_eq!(e.rate_business.get_untracked(), "1 000");
    assert_eq!(e.days_per_fte.get_untracked(), "200");
    assert_eq!(typed::days_text(Days::from_tenths(12_345)), "1 234,5");
    assert_eq!(typed::money_text(Sek::from_ore(123_450)), "1 234,50");
    assert_eq!(typed::money_text(Sek::from_ore(1_500_000)), "15 000");
    // What a field shows is read back as the same number.
    assert_eq!(
        typed::days_or_zero(&typed::days_text(Days::from_tenths(12_345))),
        Days::from_tenths(12_345)
    );
    assert_eq!(typed::money_or_zero("15 000"), Sek::from_ore(1_500_000));
}

#[test]
fn a_goal_added_to_an_activity_is_an_empty_vm_goal_last_in_that_activity() {
    let (_owner, e) = editor();

    e.add_goal(STYRNING);

    let added = e.goals_in(STYRNING)[2];
    assert_eq!(ids_in(&e, STYRNING)[..2], ["a", "c"]);
    assert_eq!(ids_in(&e, STOD), ["b"]);
    assert_eq!(added.class.get_untracked(), GoalClass::Vm);
    assert_eq!(added.text.get_untracked(), "");
    assert_eq!(e.goal_number(added), 3);
    assert_eq!(added.days_business.get_untracked(), "");
    assert!(added.parse().is_ok());
}

#[test]
fn goals_added_one_after_another_get_different_ids() {
    let (_owner, e) = editor();

    e.add_goal(STOD);
    e.add_goal(STOD);

    let ids = ids_in(&e, STOD);
    assert_eq!(ids.len(), 3);
    assert_ne!(ids[1], ids[2]);
    assert!(!["a", "b", "c"].contains(&ids[1].as_str()));
}

#[test]
fn a_goal_moved_down_swaps_with_the_next_goal_of_its_activity_skipping_others() {
    let (_owner, e) = editor();

    e.move_goal(row(&e, "a"), 1);

    assert_eq!(goal_ids(&e), ["c", "b", "a"]);
    assert_eq!(ids_in(&e, STYRNING), ["c", "a"]);
    assert_eq!(e.goal_number(row(&e, "a")), 2);
}

#[test]
fn a_goal_at_either_end_of_its_activity_moves_no_further() {
    let (_owner, e) = editor();

    e.move_goal(row(&e, "a"), -1);
    e.move_goal(row(&e, "c"), 1);
    e.move_goal(row(&e, "b"), 1);

    assert_eq!(goal_ids(&e), ["a", "b", "c"]);
}

#[test]
fn a_removed_goal_is_gone_and_the_goals_after_it_move_up_a_number() {
    let (_owner, e) = editor();
    let (a, c) = (row(&e, "a"), row(&e, "c"));

    e.remove_goal(a);

    assert_eq!(goal_ids(&e), ["b", "c"]);
    assert_eq!(e.goal_number(c), 1);
    assert_eq!(e.goal_number(a), 0);
}

#[test]
fn a_need_moved_down_takes_the_references_of_the_goals_that_cite_it_along() {
    let (_owner, e) = editor();

    e.move_need(1, 1);

    assert_eq!(
        need_texts(&e),
        ["Gamla integrationer", "Långa svarstider", "Otydligt ägarskap"]
    );
    assert_eq!(references(&e), ["2, 3", "1", "1, 3"]);
}

#[test]
fn a_need_cannot_move_past_either_end_of_the_list() {
    let (_owner, e) = editor();

    e.move_need(1, -1);
    e.move_need(3, 1);
    e.move_need(0, 1);

    assert_eq!(
        need_texts(&e),
        ["Långa svarstider", "Gamla integrationer", "Otydligt ägarskap"]
    );
    assert_eq!(references(&e), ["1, 3", "2", "2, 3"]);
}

#[test]
fn removing_a_need_drops_the_references_to_it_and_moves_later_numbers_up() {
    let (_owner, e) = editor();

    e.remove_need(2);

    assert_eq!(need_texts(&e), ["Långa svarstider", "Otydligt ägarskap"]);
    assert_eq!(references(&e), ["1, 2", "", "2"]);
}

#[test]
fn a_need_added_is_empty_and_numbered_last() {
    let (_owner, e) = editor();

    e.add_need();

    let added = e.needs.get_untracked()[3];
    assert_eq!(added.text.get_untracked(), "");
    assert_eq!(e.need_number(added), 4);
}

#[test]
fn a_forum_added_is_an_empty_working_forum_and_a_removed_one_is_gone() {
    let (_owner, e) = editor();

    e.add_forum();
    let first = e.forums.get_untracked()[0];
    e.remove_forum(first);

    let forums: Vec<Forum> = e.forums.get_untracked().iter().map(ForumRow::forum).collect();
    assert_eq!(forums.len(), 1);
    assert_eq!(forums[0].kind, "arbete");
    assert_eq!(forums[0].name, "");
    assert_ne!(forums[0].id, "f1");
}

#[test]
fn the_live_roll_up_prices_typed_days_at_the_typed_day_rates_plus_fixed_costs() {
    let (_owner, e) = editor();
    let a = row(&e, "a");

    a.days_business.set("12,5".into());
    a.days_it.set("2".into());
    a.fixed_business.set("1 000".into());
    let r = e.roll_up(e.settings().unwrap());

    // a: 12,5 × 1 000 + 2 × 2 000 + 1 000; b: 5 × 1 000.
    assert_eq!(r.activity_total(STYRNING).kronor, Sek::from_kronor(17_500));
    assert_eq!(r.activity_total(STOD).kronor, Sek::from_kronor(5_000));
    assert_eq!(r.total.kronor, Sek::from_kronor(22_500));
    assert_eq!(r.total.days, Days::from_tenths(195));
}

#[test]
fn a_field_that_does_not_parse_counts_as_zero_in_the_roll_up_but_stops_the_save() {
    let (_owner, e) = editor();
    let before = e.roll_up(settings());

    row(&e, "a").days_it.set("tre".into());

    assert_eq!(e.roll_up(settings()), before);
    let message = "Skriv antalet dagar med siffror, till exempel 12,5.";
    assert_eq!(e.content(), Err(("a".into(), "days_it", message)));
    assert_eq!(e.draft(), Err(message.into()));
}

#[test]
fn the_first_wrong_field_of_a_goal_is_named_in_the_order_of_the_form() {
    let (_owner, e) = editor();
    let a = row(&e, "a");

    a.fixed_it.set("x".into());
    a.days_business.set("-1".into());

    assert_eq!(
        a.problem(),
        Some(("days_business", "Antalet dagar kan inte vara negativt."))
    );
}

#[test]
fn an_empty_fixed_cost_is_none_but_an_empty_day_rate_is_wrong() {
    let (_owner, e) = editor();

    row(&e, "a").fixed_business.set(" ".into());
    e.rate_business.set(String::new());

    assert_eq!(row(&e, "a").problem(), None);
    assert_eq!(
        e.settings(),
        Err(("day_rate_business", "Ange ett belopp, till exempel 1 234,50.".into()))
    );
}

#[test]
fn settings_out_of_bounds_are_refused_with_the_domains_messages() {
    let days = |typed: &str| typed::settings("1000", "1000", typed);
    let fte_message = Err((
        "days_per_fte",
        "En heltid ska vara mellan 100 och 260 arbetsdagar.".to_owned(),
    ));

    assert_eq!(days("99"), fte_message);
    assert_eq!(days("ett år"), fte_message);
    assert_eq!(days(" 260 ").map(|s| s.days_per_fte), Ok(260));
    assert_eq!(
        typed::settings("1000", "0", "200"),
        Err(("day_rate_it", "Dagpriset ska vara mellan 1 och 100 000 kr.".to_owned()))
    );
}

#[test]
fn a_wrong_days_per_fte_is_named_before_a_wrong_day_rate() {
    assert_eq!(typed::settings("0", "0", "0").map_err(|(f, _)| f), Err("days_per_fte"));
    assert_eq!(
        typed::settings("0", "0", "200").map_err(|(f, _)| f),
        Err("day_rate_business")
    );
}

#[test]
fn a_wrong_goal_stops_the_save_before_a_wrong_setting_does() {
    let (_owner, e) = editor();

    e.days_per_fte.set("1".into());
    assert_eq!(
        e.draft(),
        Err("En heltid ska vara mellan 100 och 260 arbetsdagar.".into())
    );

    row(&e, "b").fixed_it.set("1,234".into());
    assert_eq!(e.draft(), Err("Beloppet kan ha högst två decimaler.".into()));
}

#[test]
fn the_snapshot_changes_with_any_field_and_stays_the_same_without_a_change() {
    let (_owner, e) = editor();
    let before = e.snapshot();

    assert_eq!(e.snapshot(), before);
    e.forums.get_untracked()[0].name.set("Ledningsgrupp".into());
    let renamed = e.snapshot();
    assert_ne!(renamed, before);
    e.rate_it.set("2 500".into());
    assert_ne!(e.snapshot(), renamed);
}

#[test]
fn reloading_keeps_a_goal_in_both_versions_as_the_same_row_with_their_values() {
    let (_owner, e) = editor();
    let a = row(&e, "a");
    let mut theirs = plan();
    theirs.goals[0].text = "Deras mål".into();
    theirs.goals.remove(1);
    theirs.goals.push(goal("d", STOD, "", 1));

    e.load(
        &theirs,
        PlanSettings {
            days_per_fte: 190,
            ..settings()
        },
    );

    assert_eq!(goal_ids(&e), ["a", "c", "d"]);
    assert!(row(&e, "a").text == a.text, "the same row, not a new one");
    assert_eq!(a.text.get_untracked(), "Deras mål");
    assert_eq!(e.days_per_fte.get_untracked(), "190");
    assert_eq!(e.content(), Ok(theirs));
}

#[test]
fn a_goal_moved_to_another_activity_in_their_version_becomes_a_new_row() {
    let (_owner, e) = editor();
    let a = row(&e, "a");
    let mut theirs = plan();
    theirs.goals[0].activity = STOD;

    e.load(&theirs, settings());

    let now = row(&e, "a");
    assert!(now.text != a.text);
    assert_eq!(now.activity, STOD);
    assert_eq!(ids_in(&e, STOD), ["a", "b"]);
}

#[test]
fn a_change_marks_the_plan_dirty_unless_a_conflict_waits_for_a_choice() {
    let now = chrono::Utc::now();
    for state in [
        SaveState::Idle,
        SaveState::Dirty,
        SaveState::Saving,
        SaveState::Saved(now),
        SaveState::Invalid("fel".into()),
        SaveState::Failed("nere".into()),
    ] {
        assert_eq!(state.after_change(), Some(SaveState::Dirty), "{state:?}");
    }
    let conflict = SaveState::Conflict(Box::new(their_plan(plan())));
    assert_eq!(conflict.after_change(), None);
}

#[test]
fn a_save_that_returns_while_saving_shows_its_time_and_the_next_save_starts_from_its_version() {
    let at = chrono::Utc::now();
    let saved = Ok(SaveOutcome::Saved {
        version: 5,
        updated_at: at,
    });

    assert_eq!(
        SaveState::Saving.after_save(saved),
        (Some(5), Some(SaveState::Saved(at)))
    );
}

#[test]
fn a_save_that_returns_after_more_typing_keeps_the_plan_dirty_but_takes_the_new_version() {
    let saved = Ok(SaveOutcome::Saved {
        version: 5,
        updated_at: chrono::Utc::now(),
    });

    assert_eq!(SaveState::Dirty.after_save(saved), (Some(5), None));
}

#[test]
fn someone_elses_save_becomes_a_conflict_with_their_plan_and_no_new_version() {
    let theirs = Box::new(their_plan(plan()));

    let (version, state) = SaveState::Saving.after_save(Ok(SaveOutcome::Conflict(theirs.clone())));

    assert_eq!(version, None);
    assert_eq!(state, Some(SaveState::Conflict(theirs)));
}

#[test]
fn a_refused_save_is_invalid_until_fixed_and_any_other_failure_is_retried() {
    let refused = SaveState::Saving.after_save(Err(AppError::validation("goals", "Planen har för många rader.")));
    let failed = SaveState::Saving.after_save(Err(AppError::Internal));

    assert_eq!(
        refused,
        (None, Some(SaveState::Invalid("Planen har för många rader.".into())))
    );
    assert_eq!(refused.1.unwrap().autosave_delay(), None);
    assert_eq!(failed.1.unwrap().autosave_delay(), Some(Duration::from_secs(5)));
}

#[test]
fn the_autosave_saves_a_second_and_a_half_after_a_change_and_waits_otherwise() {
    assert_eq!(SaveState::Dirty.autosave_delay(), Some(Duration::from_millis(1500)));
    assert_eq!(SaveState::Idle.autosave_delay(), None);
    assert_eq!(SaveState::Saving.autosave_delay(), None);
    assert_eq!(SaveState::Saved(chrono::Utc::now()).autosave_delay(), None);
}

#[test]
fn the_plan_counts_as_unsaved_until_a_save_has_succeeded() {
    assert!(!SaveState::Idle.unsaved());
    assert!(!SaveState::Saved(chrono::Utc::now()).unsaved());
    assert!(SaveState::Dirty.unsaved());
    assert!(SaveState::Saving.unsaved());
    assert!(SaveState::Invalid("fel".into()).unsaved());
    assert!(SaveState::Failed("nere".into()).unsaved());
    assert!(SaveState::Conflict(Box::new(their_plan(plan()))).unsaved());
}

#[test]
fn a_conflict_names_the_goals_they_added_changed_and_do_not_have() {
    let mine = plan();
    let mut theirs = plan();
    theirs.goals[0].days_it = Days::from_tenths(30);
    theirs.goals.remove(1);
    theirs.goals.push(goal("d", STOD, "", 1));

    assert_eq!(
        describe_changes(&mine, &theirs),
        [
            "De ändrade målet ”Mål a”.",
            "De lade till målet ”Mål d”.",
            "Målet ”Mål b” finns inte i deras version.",
        ]
    );
}

#[test]
fn a_conflict_names_the_sections_that_differ_and_identical_plans_describe_nothing() {
    let mine = plan();
    let mut theirs = plan();
    theirs.needs.pop();
    theirs.projects = "Byte av databas".into();

    assert_eq!(describe_changes(&mine, &mine), Vec::<String>::new());
    assert_eq!(
        describe_changes(&mine, &theirs),
        [
            "Problem och behov: deras version skiljer sig.",
            "Projekt och kända förändringar: deras version skiljer sig."
        ]
    );
}

#[test]
fn financing_parties_are_added_typed_split_live_and_saved_with_their_shares() {
    let (_owner, e) = editor();
    assert!(e.content().unwrap().financing.is_empty());
    e.add_party();
    e.add_party();
    let parties = e.financing.get_untracked();
    parties[0].name.set("Region Norrvik".into());
    parties[0].share.set("66,67".into());
    parties[1].name.set("Kommunerna".into());
    parties[1].share.set("33,33".into());
    assert_eq!(
        e.split(Sek::from_ore(100)).unwrap(),
        vec![Sek::from_ore(67), Sek::from_ore(33)]
    );
    let saved = e.content().unwrap().financing;
    assert_eq!(
        saved.iter().map(|p| (p.name.as_str(), p.share)).collect::<Vec<_>>(),
        vec![("Region Norrvik", 6_667), ("Kommunerna", 3_333)]
    );

    // Shares that do not make 100 % are saved (a draft) but split nothing.
    parties[1].share.set("30".into());
    assert_eq!(
        e.split(Sek::from_ore(100)),
        Err("Andelarna blir tillsammans 96,67 %; de ska bli 100 %.".into())
    );
    assert!(e.content().is_ok());
    // A share that cannot be read is named, and nothing is saved.
    parties[1].share.set("en tredjedel".into());
    let (id, field, message) = e.content().unwrap_err();
    assert_eq!((id, field), (parties[1].id.get_value(), "share"));
    assert_eq!(message, "Skriv andelen med siffror, till exempel 33,34.");

    e.remove_party(parties[1]);
    parties[0].share.set("100".into());
    assert_eq!(e.split(Sek::from_ore(100)).unwrap(), vec![Sek::from_ore(100)]);
    // Loading another version keeps the rows that are in both.
    let mut theirs = plan();
    theirs.financing = vec![crate::plans::dto::FinancingParty {
        id: parties[0].id.get_value(),
        name: "Region Norrvik".into(),
        share: 10_000,
    }];
    e.load(&theirs, settings());
    assert_eq!(e.financing.get_untracked()[0].share.get_untracked(), "100");
}

#[test]
fn the_period_is_typed_as_dates_and_may_not_end_before_it_starts() {
    let (_owner, e) = editor();
    assert_eq!(
        (e.content().unwrap().period_start, e.content().unwrap().period_end),
        (None, None)
    );
    e.period_start.set("2027-03-01".into());
    e.period_end.set("2028-02-29".into());
    e.background.set("Införd 2019.".into());
    let c = e.content().unwrap();
    assert_eq!(c.period_start, chrono::NaiveDate::from_ymd_opt(2027, 3, 1));
    assert_eq!(c.period_end, chrono::NaiveDate::from_ymd_opt(2028, 2, 29));
    assert_eq!(c.background, "Införd 2019.");
    e.period_end.set("2027-02-01".into());
    let (id, field, _) = e.content().unwrap_err();
    assert_eq!((id.as_str(), field), ("period", "period_end"));
    e.period_end.set("1 mars".into());
    assert_eq!(
        e.content().unwrap_err().2,
        "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-01."
    );
}

#[test]
fn the_period_is_checked_on_its_own_even_while_a_goal_is_wrong() {
    let (_owner, e) = editor();
    assert_eq!(e.period(), Ok((None, None)));
    e.period_start.set("2027-03-01".into());
    e.period_end.set("2027-02-01".into());
    // A wrong goal does not hide the period's error (the whole document
    // stops at the goal, the first wrong field in the form's order).
    row(&e, "b").days_it.set("tre".into());
    assert_eq!(
        e.period(),
        Err(("period_end", "Planperioden kan inte sluta innan den börjar."))
    );
    assert_eq!(e.content().unwrap_err().0, "b");
    e.period_end.set("".into());
    assert_eq!(e.period(), Ok((chrono::NaiveDate::from_ymd_opt(2027, 3, 1), None)));
}

#[test]
fn needs_keep_their_titles_and_flags_and_each_activity_its_overall_goal() {
    let (_owner, e) = editor();
    let n = e.needs.get_untracked()[1];
    n.title.set("Integrationer".into());
    n.financed_elsewhere.set(true);
    e.overall_goals.set("En stabil journal.".into());
    e.activity_goals[1].set("Svar inom en dag.".into());
    // An overall goal of only spaces is none.
    e.activity_goals[2].set("  ".into());
    let (c, _) = e.draft().unwrap();
    assert_eq!(c.needs[1].title, "Integrationer");
    assert!(c.needs[1].financed_elsewhere && c.needs[1].flagged() && !c.needs[1].excluded);
    assert!(!c.needs[0].flagged());
    assert_eq!(c.overall_goals, "En stabil journal.");
    assert_eq!(
        c.activity_goals,
        vec![crate::plans::dto::ActivityGoal {
            activity: STOD,
            text: "Svar inom en dag.".into()
        }]
    );

    // Someone else's version loads into the same rows.
    let mut theirs = c.clone();
    theirs.needs[1].financed_elsewhere = false;
    theirs.needs[1].excluded = true;
    theirs.activity_goals.clear();
    e.load(&theirs, settings());
    assert!(e.needs.get_untracked()[1].excluded.get_untracked());
    assert_eq!(e.activity_goals[1].get_untracked(), "");
    assert_eq!(e.draft().unwrap().0, theirs);
}

#[test]
fn table_rows_are_added_typed_checked_and_kept_across_a_reload() {
    use crate::plans::dto::{ItService, Project, Staffing};
    let (_owner, e) = editor();
    e.add_row::<Staffing>(e.staffing);
    e.add_row::<Staffing>(e.staffing);
    e.add_row::<ItService>(e.it_services);
    let rows = e.staffing.get_untracked();
    rows[0].cell(0).set("Objektspecialist".into());
    rows[0].cell(1).set("Eva Strand".into());
    rows[0].cell(4).set("50".into());
    rows[1].cell(0).set("IT-tekniker".into());
    rows[1].cell(4).set("12,5".into());
    // The staffing as typed: 62,5 % of a post.
    assert_eq!(e.staffed(), 6_250);
    // A service without a level is a draft's business; an unknown share is not.
    let c = e.content().unwrap();
    assert_eq!(c.staffing[0].holder(), "Eva Strand");
    assert_eq!(c.staffing[1].holder(), "Ej tillsatt");
    assert_eq!(c.it_services[0].level, None);
    rows[1].cell(4).set("en del".into());
    let (id, field, message) = e.content().unwrap_err();
    assert_eq!((id, field), (rows[1].id.get_value(), "fte"));
    assert_eq!(message, "Skriv andelen av en heltid i procent, till exempel 50.");
    assert_eq!(e.staffed(), 5_000, "what cannot be read counts as nothing");

    e.remove_row(e.staffing, rows[1]);
    let mut theirs = plan();
    theirs.staffing = e.content().unwrap().staffing;
    theirs.staffing[0].fte = Some(2_000);
    theirs.project_list = vec![Project {
        id: "p1".into(),
        name: "Ny inloggning".into(),
        ..Default::default()
    }];
    e.load(&theirs, settings());
    let after = e.staffing.get_untracked();
    assert_eq!(after.len(), 1);
    assert!(after[0].id == rows[0].id, "the same row on screen");
    assert_eq!(after[0].cell(4).get_untracked(), "20");
    assert_eq!(e.content().unwrap().project_list[0].name, "Ny inloggning");
    assert!(e.content().unwrap().it_services.is_empty());
}
