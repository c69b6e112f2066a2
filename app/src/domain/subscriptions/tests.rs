use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

#[test]
fn periods_parse_only_a_month() {
    assert_eq!(Period::parse("2026-11"), Some(Period { year: 2026, month: 11 }));
    assert_eq!(Period::parse(" 2026-01 "), Some(Period { year: 2026, month: 1 }));
    for bad in [
        "",
        "2026",
        "2026-13",
        "2026-00",
        "2026-1",
        "26-11",
        "2026-11-01",
        "abcd-ef",
        "1999-12",
        "+026-11",
        "2026-+1",
    ] {
        assert_eq!(Period::parse(bad), None, "{bad}");
    }
    assert_eq!(p("2026-11").to_string(), "2026-11");
}

#[test]
fn periods_know_their_days() {
    assert_eq!(p("2026-02").days(), 28);
    assert_eq!(p("2028-02").days(), 29);
    assert_eq!(p("2100-02").days(), 28);
    assert_eq!(p("2000-02").days(), 29);
    assert_eq!(p("2026-12").days(), 31);
    assert_eq!(p("2026-12").last(), d(2026, 12, 31));
    assert_eq!(p("2026-12").next(), p("2027-01"));
    assert_eq!(p("2027-01").prev(), p("2026-12"));
    assert_eq!(Period::of(d(2026, 11, 30)), p("2026-11"));
}

#[test]
fn binding_ends_the_day_before_the_anniversary() {
    assert_eq!(binding_end(d(2026, 11, 15), 0), None);
    assert_eq!(binding_end(d(2026, 11, 15), 36), Some(d(2029, 11, 14)));
    assert_eq!(binding_end(d(2026, 1, 1), 12), Some(d(2026, 12, 31)));
    // A month without the day: the month's last day, then the day before.
    assert_eq!(binding_end(d(2026, 1, 31), 1), Some(d(2026, 2, 27)));
    assert_eq!(binding_end(d(2027, 2, 29 - 1), 12), Some(d(2028, 2, 27)));
    assert_eq!(binding_end(d(2028, 2, 29), 12), Some(d(2029, 2, 27)));
}

#[test]
fn notice_runs_from_the_end_of_the_month() {
    // (today, notice, binding end, earliest)
    let cases = [
        (d(2026, 11, 30), 3, None, d(2027, 2, 28)),
        (d(2026, 11, 1), 3, None, d(2027, 2, 28)),
        (d(2027, 11, 30), 3, None, d(2028, 2, 29)),
        (d(2026, 11, 30), 0, None, d(2026, 11, 30)),
        (d(2026, 11, 12), 0, None, d(2026, 11, 30)),
        (d(2026, 12, 15), 1, None, d(2027, 1, 31)),
        (d(2026, 10, 31), 1, None, d(2026, 11, 30)),
        (d(2026, 11, 30), -2, None, d(2026, 11, 30)),
        // The binding is later than the notice: the binding wins.
        (d(2026, 11, 30), 3, Some(d(2029, 11, 14)), d(2029, 11, 14)),
        // The binding has run out: the notice alone.
        (d(2026, 11, 30), 3, Some(d(2026, 1, 31)), d(2027, 2, 28)),
        (d(2026, 11, 30), 3, Some(d(2027, 2, 28)), d(2027, 2, 28)),
    ];
    for (today, notice, binding, earliest) in cases {
        assert_eq!(
            earliest_end(today, notice, binding),
            earliest,
            "{today} {notice} {binding:?}"
        );
    }
}

#[test]
fn an_end_before_the_earliest_is_refused_with_the_rule_that_says_no() {
    let today = d(2026, 11, 30);
    assert_eq!(end_on(today, None, 3, None, None), Ok(d(2027, 2, 28)));
    assert_eq!(end_on(today, Some(d(2027, 6, 30)), 3, None, None), Ok(d(2027, 6, 30)));
    assert_eq!(end_on(today, Some(d(2027, 2, 28)), 3, None, None), Ok(d(2027, 2, 28)));
    let early = end_on(today, Some(d(2027, 1, 31)), 3, None, None).unwrap_err();
    assert_eq!(
        early,
        EndRefusal::Notice {
            earliest: d(2027, 2, 28),
            notice_months: 3
        }
    );
    assert_eq!(
        early.message_sv(),
        "Uppsägningstiden är 3 månader räknat från månadsskiftet. Tidigaste slutdatum är 2027-02-28."
    );
    let bound = end_on(today, Some(d(2027, 6, 30)), 3, Some(d(2029, 11, 14)), None).unwrap_err();
    assert_eq!(
        bound,
        EndRefusal::Binding {
            binding_end: d(2029, 11, 14)
        }
    );
    assert_eq!(
        bound.message_sv(),
        "Prenumerationen är bunden till och med 2029-11-14. Den kan inte sluta tidigare."
    );
    assert_eq!(end_on(today, None, 3, Some(d(2029, 11, 14)), None), Ok(d(2029, 11, 14)));
    assert_eq!(
        end_on(today, None, 1, None, Some(d(2026, 12, 31))),
        Err(EndRefusal::AlreadyTerminated {
            end_on: d(2026, 12, 31)
        })
    );
    assert!(EndRefusal::Notice {
        earliest: today,
        notice_months: 1
    }
    .message_sv()
    .contains("1 månad räknat"));
}

#[test]
fn status_follows_the_end_day() {
    let today = d(2026, 11, 30);
    assert_eq!(SubscriptionStatus::of(None, today), SubscriptionStatus::Active);
    assert_eq!(
        SubscriptionStatus::of(Some(today), today),
        SubscriptionStatus::Terminated
    );
    assert_eq!(
        SubscriptionStatus::of(Some(d(2026, 11, 29)), today),
        SubscriptionStatus::Ended
    );
    for s in [
        SubscriptionStatus::Active,
        SubscriptionStatus::Terminated,
        SubscriptionStatus::Ended,
    ] {
        assert_eq!(SubscriptionStatus::parse(s.as_str()), Some(s));
    }
}

#[test]
fn active_days_count_both_ends() {
    let nov = p("2026-11");
    assert_eq!(active_days(d(2026, 1, 1), None, nov), 30);
    assert_eq!(active_days(d(2026, 11, 16), None, nov), 15);
    assert_eq!(active_days(d(2026, 11, 30), None, nov), 1);
    assert_eq!(active_days(d(2026, 12, 1), None, nov), 0);
    assert_eq!(active_days(d(2026, 1, 1), Some(d(2026, 11, 1)), nov), 1);
    assert_eq!(active_days(d(2026, 1, 1), Some(d(2026, 10, 31)), nov), 0);
    assert_eq!(active_days(d(2026, 11, 10), Some(d(2026, 11, 19)), nov), 10);
    assert_eq!(active_days(d(2028, 2, 1), None, p("2028-02")), 29);
}

#[test]
fn proration_is_per_day_rounded_half_up() {
    // 389 kr a month, 15 of 30 days: 194,50 kr.
    assert_eq!(prorate(38_900, 15, 30), 19_450);
    assert_eq!(prorate(38_900, 30, 30), 38_900);
    assert_eq!(prorate(38_900, 31, 30), 38_900);
    assert_eq!(prorate(38_900, 0, 30), 0);
    assert_eq!(prorate(38_900, 5, 0), 0);
    // 59 kr for 1 of 31 days: 190,32… öre → 190.
    assert_eq!(prorate(5_900, 1, 31), 190);
    // 1 öre for 1 of 2 days: a half rounds up.
    assert_eq!(prorate(1, 1, 2), 1);
    // 99 kr for 10 of 29 days (leap February): 3 413,79… → 3 414.
    assert_eq!(prorate(9_900, 10, 29), 3_414);
    // No overflow on the largest price.
    assert_eq!(prorate(i64::MAX, 1, 31), i64::MAX / 31);
}
