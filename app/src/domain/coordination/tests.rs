use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn every_queue_code_reads_back_as_its_queue_and_unknown_codes_are_refused() {
    for q in Queue::all() {
        assert_eq!(Queue::parse(q.code()), Some(q), "{q:?}");
        assert!(!q.label_sv().is_empty());
    }
    assert_eq!(Queue::parse(""), Some(Queue::Open));
    assert_eq!(Queue::parse("closed"), None, "finished orders are not a queue");
    assert_eq!(Queue::parse("nonsense"), None);
}

#[test]
fn the_open_queue_is_every_status_still_worked_but_delivered() {
    let open = Queue::Open.statuses();
    assert!(!open.contains(&OrderStatus::Delivered));
    assert!(!open.contains(&OrderStatus::Closed) && !open.contains(&OrderStatus::Cancelled));
    assert!(open.contains(&OrderStatus::AwaitingAttestation) && open.contains(&OrderStatus::Shipped));
    assert!(
        Queue::Deviations.statuses().is_empty(),
        "deviations are listed, not orders"
    );
}

#[test]
fn overdue_counts_working_days_not_calendar_days() {
    // Friday 2026-11-27: the weekend is not counted.
    let friday = d("2026-11-27");
    assert_eq!(age(friday, d("2026-11-30")), 0, "Monday: no full working day yet");
    assert_eq!(age(friday, d("2026-12-01")), 1);
    assert!(!overdue(friday, d("2026-12-01"), 2));
    assert!(overdue(friday, d("2026-12-02"), 2));
    assert!(!overdue(friday, d("2027-06-01"), 0), "no target, never overdue");
    // Over Christmas: 24, 25, 26 and 31 December and 1 January are not working days.
    assert_eq!(age(d("2026-12-23"), d("2027-01-04")), 3, "28, 29 and 30 December");
}

#[test]
fn overdue_before_is_the_day_from_which_orders_are_in_time() {
    for today in ["2026-11-30", "2026-12-02", "2026-12-28", "2027-01-04", "2027-04-06"] {
        let today = d(today);
        for target in 1..=12 {
            let cut = overdue_before(today, target);
            for offset in 0..40 {
                let since = today - chrono::Duration::days(offset);
                assert_eq!(
                    since < cut,
                    overdue(since, today, target),
                    "today {today}, target {target}, since {since}, cut {cut}"
                );
            }
        }
    }
}

#[test]
fn deviation_kinds_and_states_read_back() {
    for k in DeviationKind::ALL {
        assert_eq!(DeviationKind::parse(k.as_str()), Some(k));
    }
    for s in DeviationState::ALL {
        assert_eq!(DeviationState::parse(s.as_str()), Some(s));
    }
    for s in DeviationStep::ALL {
        assert_eq!(DeviationStep::parse(s.as_str()), Some(s));
    }
    assert_eq!(DeviationKind::parse("stulen"), None);
}

#[test]
fn a_deviation_moves_open_escalated_resolved_and_resolved_is_final() {
    use DeviationState::*;
    use DeviationStep::*;
    let table = [
        (Open, Comment, Ok(Open)),
        (Open, Escalate, Ok(Escalated)),
        (Open, Resolve, Ok(Resolved)),
        (Escalated, Comment, Ok(Escalated)),
        (Escalated, Escalate, Err(())),
        (Escalated, Resolve, Ok(Resolved)),
        (Resolved, Comment, Err(())),
        (Resolved, Escalate, Err(())),
        (Resolved, Resolve, Err(())),
    ];
    for (state, step, want) in table {
        assert_eq!(
            deviation_step(state, step).map_err(|_| ()),
            want,
            "{state:?} × {step:?}"
        );
    }
    assert!(Open.is_open() && Escalated.is_open() && !Resolved.is_open());
}

#[test]
fn an_order_is_in_the_queues_from_awaiting_attestation_until_it_ends() {
    let queued: Vec<_> = OrderStatus::ALL.into_iter().filter(|s| in_queues(*s)).collect();
    assert_eq!(queued, OPEN.to_vec());
    for s in [
        OrderStatus::Draft,
        OrderStatus::Submitted,
        OrderStatus::Rejected,
        OrderStatus::Closed,
        OrderStatus::Cancelled,
    ] {
        assert!(!in_queues(s), "{s:?}");
    }
}
