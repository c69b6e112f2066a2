//! Tests of the working-day calendar.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_holidays_of_2026_are_the_swedish_ones_in_date_order() {
    let got: Vec<(String, &str, bool)> = holidays(2026)
        .into_iter()
        .map(|h| (h.date.to_string(), h.name, h.official))
        .collect();
    let want = [
        ("2026-01-01", "nyårsdagen", true),
        ("2026-01-06", "trettondedag jul", true),
        ("2026-04-03", "långfredagen", true),
        ("2026-04-05", "påskdagen", true),
        ("2026-04-06", "annandag påsk", true),
        ("2026-05-01", "första maj", true),
        ("2026-05-14", "Kristi himmelsfärdsdag", true),
        ("2026-05-24", "pingstdagen", true),
        ("2026-06-06", "Sveriges nationaldag", true),
        ("2026-06-19", "midsommarafton", false),
        ("2026-06-20", "midsommardagen", true),
        ("2026-10-31", "alla helgons dag", true),
        ("2026-12-24", "julafton", false),
        ("2026-12-25", "juldagen", true),
        ("2026-12-26", "annandag jul", true),
        ("2026-12-31", "nyårsafton", false),
    ];
    let want: Vec<(String, &str, bool)> = want.iter().map(|(a, b, c)| (a.to_string(), *b, *c)).collect();
    assert_eq!(got, want);
}

#[test]
fn easter_sunday_follows_the_gregorian_computus() {
    for (year, easter) in [
        (1818, "1818-03-22"), // the earliest possible
        (1943, "1943-04-25"), // the latest possible
        (2000, "2000-04-23"),
        (2019, "2019-04-21"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ] {
        assert_eq!(easter_sunday(year), Some(d(easter)), "{year}");
    }
}

#[test]
fn midsommar_and_alla_helgons_dag_move_with_the_weekday() {
    for (date, name) in [
        ("2025-06-20", "midsommarafton"),
        ("2025-06-21", "midsommardagen"),
        ("2027-06-25", "midsommarafton"),
        ("2027-06-26", "midsommardagen"),
        ("2025-11-01", "alla helgons dag"),
        ("2027-11-06", "alla helgons dag"),
        ("2024-03-29", "långfredagen"),
        ("2024-05-09", "Kristi himmelsfärdsdag"),
    ] {
        assert_eq!(holiday(d(date)).map(|h| h.name), Some(name), "{date}");
    }
    // The other days of the windows are ordinary.
    for date in ["2026-06-26", "2026-06-27", "2026-11-01", "2026-11-06", "2027-10-31"] {
        assert_eq!(holiday(d(date)), None, "{date}");
    }
}

#[test]
fn weekends_and_holidays_are_not_working_days() {
    for (date, working) in [
        ("2026-01-09", true),  // Friday
        ("2026-01-10", false), // Saturday
        ("2026-01-11", false), // Sunday
        ("2026-01-12", true),  // Monday
        ("2026-04-03", false), // långfredagen
        ("2026-04-06", false), // annandag påsk
        ("2026-05-14", false), // Kristi himmelsfärdsdag
        ("2026-05-15", true),  // the Friday after (a klämdag is still a working day)
        ("2026-06-19", false), // midsommarafton
        ("2026-12-24", false), // julafton
        ("2026-12-25", false), // juldagen
        ("2026-12-28", true),
        ("2026-12-31", false), // nyårsafton
        ("2027-01-01", false), // nyårsdagen
        ("2027-01-06", false), // trettondedag jul
    ] {
        assert_eq!(is_working_day(d(date)), working, "{date}");
    }
}

#[test]
fn working_days_are_added_past_weekends_and_holidays() {
    for (from, n, want) in [
        ("2026-01-12", 0, "2026-01-12"),
        ("2026-01-12", 1, "2026-01-13"),
        ("2026-01-09", 1, "2026-01-12"), // Friday + 1: Monday
        ("2026-01-10", 1, "2026-01-12"), // from a Saturday
        ("2026-01-09", 5, "2026-01-16"),
        ("2026-04-02", 1, "2026-04-07"), // over påsk
        ("2026-05-13", 1, "2026-05-15"), // over Kristi himmelsfärd
        ("2026-06-18", 1, "2026-06-22"), // over midsommar
        ("2026-12-23", 1, "2026-12-28"), // over jul
        ("2026-12-23", 4, "2027-01-04"), // and over nyår
    ] {
        assert_eq!(add_working_days(d(from), n), d(want), "{from} + {n}");
    }
}

#[test]
fn the_full_working_days_waited_leave_out_the_first_and_the_last_day() {
    for (from, to, want) in [
        ("2026-01-12", "2026-01-12", 0),
        ("2026-01-12", "2026-01-13", 0), // Monday to Tuesday: Monday was begun, Tuesday is not over
        ("2026-01-12", "2026-01-14", 1),
        ("2026-01-14", "2026-01-12", 0), // backwards
        ("2026-01-09", "2026-01-13", 1), // over a weekend: only Monday
        ("2026-01-08", "2026-01-13", 2),
        ("2026-12-23", "2027-01-04", 3), // over jul and nyår: 28, 29 and 30 December
        ("2026-12-22", "2027-01-05", 5),
        ("2026-06-17", "2026-06-23", 2), // over midsommar: 18 and 22 June
        ("2026-04-01", "2026-04-08", 2), // over påsk: 2 and 7 April
    ] {
        assert_eq!(working_days_between(d(from), d(to)), want, "{from} → {to}");
    }
}

#[test]
fn waiting_n_working_days_is_the_same_as_passing_the_nth_working_day() {
    let start = d("2026-11-20");
    for from in start.iter_days().take(60) {
        for n in 1..8 {
            let nth = add_working_days(from, n);
            for to in from.iter_days().take(30) {
                assert_eq!(working_days_between(from, to) >= n, to > nth, "{from} → {to}, n = {n}");
            }
        }
    }
}

#[test]
fn a_year_outside_the_calendar_has_no_holidays() {
    assert_eq!(holidays(i32::MAX), vec![]);
    assert_eq!(easter_sunday(i32::MAX), None);
}
