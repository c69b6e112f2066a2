//! Tests of the login rate limit.

use super::*;

fn at(min: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap() + Duration::minutes(min)
}

#[test]
fn nine_failures_still_allow_a_tenth_try() {
    let failures: Vec<_> = (0..9).map(at).collect();
    assert_eq!(check(Window::default(), &failures, at(10)), Ok(()));
}

#[test]
fn ten_failures_refuse_the_eleventh_until_the_oldest_ages_out() {
    let failures: Vec<_> = (0..10).map(at).collect();
    // The first failure (minute 0) leaves the 15-minute window at minute 15.
    assert_eq!(
        check(Window::default(), &failures, at(10)),
        Err(RetryAfter { minutes: 5 })
    );
    assert_eq!(check(Window::default(), &failures, at(15)), Ok(()));
}

#[test]
fn failures_older_than_the_window_do_not_count() {
    let failures: Vec<_> = (-40..-30).map(at).collect();
    assert_eq!(check(Window::default(), &failures, at(0)), Ok(()));
}

#[test]
fn the_wait_is_rounded_up_to_whole_minutes_and_never_zero() {
    let mut failures: Vec<_> = (0..10).map(at).collect();
    failures.reverse();
    let now = at(14) + Duration::seconds(59);
    assert_eq!(check(Window::default(), &failures, now), Err(RetryAfter { minutes: 1 }));
    assert_eq!(
        RetryAfter { minutes: 1 }.message(),
        "För många misslyckade inloggningsförsök. Försök igen om 1 minut."
    );
    assert!(RetryAfter { minutes: 5 }.message().ends_with("5 minuter."));
}

#[test]
fn with_more_failures_than_the_limit_the_wait_follows_the_right_one() {
    // 12 failures at minutes 0..=11, limit 10: three must age out to get
    // below the limit, so the third oldest (minute 2) decides: free at 17.
    let failures: Vec<_> = (0..12).map(at).collect();
    assert_eq!(
        check(Window::default(), &failures, at(12)),
        Err(RetryAfter { minutes: 5 })
    );
}
