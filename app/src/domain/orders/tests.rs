//! Tests of the order rules.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn statuses_round_trip_and_only_final_ones_are_closed() {
    for s in OrderStatus::ALL {
        assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
    }
    let closed: Vec<_> = OrderStatus::ALL.into_iter().filter(|s| !s.is_open()).collect();
    assert_eq!(
        closed,
        vec![OrderStatus::Rejected, OrderStatus::Closed, OrderStatus::Cancelled]
    );
}

#[test]
fn the_order_state_machine_allows_exactly_the_attestation_steps() {
    use OrderEvent::*;
    use OrderStatus::*;
    let allowed = [
        (Submitted, AwaitAttestation, AwaitingAttestation),
        (Submitted, AutoApprove, Attested),
        (AwaitingAttestation, Approve, Attested),
        (AwaitingAttestation, Reject, Rejected),
        (Submitted, Withdraw, Cancelled),
        (AwaitingAttestation, Withdraw, Cancelled),
    ];
    let events = [AwaitAttestation, AutoApprove, Approve, Reject, Withdraw];
    for from in OrderStatus::ALL {
        for event in events {
            let expected = allowed
                .iter()
                .find(|(f, e, _)| *f == from && *e == event)
                .map(|(_, _, to)| *to);
            match (transition(from, event), expected) {
                (Ok(to), Some(want)) => assert_eq!(to, want, "{from:?} {event:?}"),
                (Err(msg), None) => assert!(!msg.is_empty()),
                (got, want) => panic!("{from:?} {event:?}: got {got:?}, want {want:?}"),
            }
        }
    }
    // A decided order cannot be decided again or withdrawn.
    assert_eq!(
        transition(Attested, Reject),
        Err("Beställningen är redan attesterad eller avslagen.")
    );
    assert_eq!(
        transition(Rejected, Withdraw),
        Err("Beställningen är redan attesterad eller avslagen.")
    );
}

#[test]
fn the_order_state_machine_allows_exactly_the_fulfilment_steps() {
    use OrderEvent::*;
    use OrderStatus::*;
    let allowed = [
        (Attested, Ack, SentToSupplier),
        (SentToSupplier, Confirm, Confirmed),
        (SentToSupplier, Backorder, Confirmed),
        (Confirmed, Backorder, Confirmed),
        (SentToSupplier, Ship, Shipped),
        (Confirmed, Ship, Shipped),
        (SentToSupplier, Deliver, Delivered),
        (Confirmed, Deliver, Delivered),
        (Shipped, Deliver, Delivered),
        (Attested, Cancel, Cancelled),
        (SentToSupplier, Cancel, Cancelled),
        (Confirmed, Cancel, Cancelled),
        (Delivered, Close, Closed),
        (SentToSupplier, Resend, Attested),
    ];
    for from in OrderStatus::ALL {
        for event in OrderEvent::FULFILMENT {
            let expected = allowed
                .iter()
                .find(|(f, e, _)| *f == from && *e == event)
                .map(|(_, _, to)| *to);
            match (transition(from, event), expected) {
                (Ok(to), Some(want)) => assert_eq!(to, want, "{from:?} {event:?}"),
                (Err(msg), None) => assert!(!msg.is_empty()),
                (got, want) => panic!("{from:?} {event:?}: got {got:?}, want {want:?}"),
            }
        }
    }
    // Nothing ships after it is cancelled, and nothing is cancelled once shipped.
    assert_eq!(transition(Cancelled, Ship), Err("Beställningen är makulerad."));
    assert_eq!(
        transition(Shipped, Cancel),
        Err("Beställningen har redan skickats och kan inte makuleras.")
    );
}

#[test]
fn suppliers_report_their_progress_and_only_people_and_avrop_close() {
    use OrderEvent::*;
    let all = [
        AwaitAttestation,
        AutoApprove,
        Approve,
        Reject,
        Withdraw,
        Ack,
        Confirm,
        Backorder,
        Ship,
        Deliver,
        Cancel,
        Close,
        Resend,
    ];
    let supplier = [Ack, Confirm, Backorder, Ship, Deliver, Cancel];
    let system = [AwaitAttestation, AutoApprove, Ack, Close];
    for event in all {
        assert!(may(ActorKind::Person, event), "{event:?}");
        assert_eq!(may(ActorKind::Supplier, event), supplier.contains(&event), "{event:?}");
        assert_eq!(may(ActorKind::System, event), system.contains(&event), "{event:?}");
    }
    for k in ActorKind::ALL {
        assert_eq!(ActorKind::parse(k.as_str()), Some(k));
    }
    assert!(AutoApprove.is_automatic() && AwaitAttestation.is_automatic());
    assert!(!Approve.is_automatic() && !Deliver.is_automatic());
}

#[test]
fn an_order_follows_its_least_advanced_part_and_is_delivered_when_all_are() {
    use OrderStatus::*;
    assert_eq!(derive(&[]), None);
    assert_eq!(derive(&[Attested]), Some(Attested));
    assert_eq!(derive(&[Delivered, Confirmed]), Some(Confirmed));
    assert_eq!(derive(&[Shipped, Delivered, SentToSupplier]), Some(SentToSupplier));
    assert_eq!(derive(&[Delivered, Delivered]), Some(Delivered));
    assert_eq!(derive(&[Delivered, Cancelled]), Some(Delivered));
    assert_eq!(derive(&[Cancelled, Cancelled]), Some(Cancelled));
    assert_eq!(derive(&[Closed, Delivered]), Some(Delivered));
    assert_eq!(derive(&[Submitted]), None, "a part is never before attestation");

    assert!(may_follow(Attested, SentToSupplier));
    assert!(may_follow(Attested, Delivered), "the other part was cancelled");
    assert!(may_follow(Confirmed, Confirmed), "a back-order");
    assert!(!may_follow(Shipped, Confirmed), "never backwards");
    assert!(may_follow(SentToSupplier, Attested), "sent to the supplier again");
    assert!(!may_follow(Confirmed, Attested));
    assert!(may_follow(Confirmed, Cancelled));
    assert!(!may_follow(Shipped, Cancelled));
    assert!(!may_follow(AwaitingAttestation, SentToSupplier));
}

#[test]
fn a_delivery_date_in_the_past_on_a_weekend_or_over_a_year_ahead_is_refused() {
    let today = d(2026, 11, 25); // a Wednesday
    assert!(check_wanted_date(d(2026, 11, 24), today).is_err());
    assert!(check_wanted_date(d(2026, 11, 28), today).is_err()); // Saturday
    assert!(check_wanted_date(d(2026, 11, 29), today).is_err()); // Sunday
                                                                 // At most a year ahead: 2027-11-25 (a Thursday) is, the Friday after is not.
    assert!(check_wanted_date(d(2027, 11, 25), today).is_ok());
    assert!(check_wanted_date(d(2027, 11, 26), today).is_err());
    assert!(check_wanted_date(d(2031, 3, 4), today).is_err());
    assert_eq!(check_wanted_date(d(2026, 11, 25), today), Ok(d(2026, 11, 25)));
    assert_eq!(check_wanted_date(d(2026, 11, 30), today), Ok(d(2026, 11, 30)));
}

#[test]
fn a_quantity_is_between_one_and_999_on_the_wire_too() {
    assert_eq!(Quantity::new(1).map(Quantity::get), Ok(1));
    assert_eq!(Quantity::new(999).map(Quantity::get), Ok(999));
    for bad in [0, -1, 1_000, i32::MAX, i32::MIN] {
        assert!(Quantity::new(bad).is_err(), "{bad}");
    }
    assert_eq!(serde_json::from_str::<Quantity>("12").unwrap().get(), 12);
    for bad in ["0", "1000", "-5", "2147483648", "1.5", "\"3\""] {
        assert!(serde_json::from_str::<Quantity>(bad).is_err(), "{bad}");
    }
    assert_eq!(serde_json::to_string(&Quantity(7)).unwrap(), "7");
}

#[test]
fn the_same_item_on_several_lines_is_one_line_and_the_cap_applies_to_the_sum() {
    let q = |n| Quantity::new(n).unwrap();
    assert_eq!(
        merge_lines([(7, q(2)), (3, q(1)), (7, q(5))]),
        Ok(vec![(7, q(7)), (3, q(1))])
    );
    assert_eq!(merge_lines([(7, q(500)), (7, q(499))]), Ok(vec![(7, q(999))]));
    let err = merge_lines([(7, q(600)), (7, q(600))]).unwrap_err();
    assert!(err.contains("1200") && err.contains("999"), "{err}");
    assert!(merge_lines(std::iter::repeat_n((7, q(1)), 1_000)).is_err());
    assert_eq!(merge_lines([]), Ok(vec![]));
}

#[test]
fn an_order_has_at_most_200_different_items() {
    let one = Quantity::new(1).unwrap();
    assert_eq!(merge_lines((0..200).map(|i| (i, one))).map(|l| l.len()), Ok(200));
    assert!(merge_lines((0..201).map(|i| (i, one))).is_err());
    // The same item again and again is not a new line.
    assert!(merge_lines((0..200).chain(0..200).map(|i| (i, one))).is_ok());
}

#[test]
fn every_free_text_has_a_cap_and_the_message_names_it() {
    assert_eq!(
        check_length("contact_name", &"å".repeat(100)),
        Ok("å".repeat(100).as_str())
    );
    assert_eq!(
        check_length("contact_name", &"å".repeat(101)),
        Err("Kontaktpersonen får vara högst 100 tecken.".into())
    );
    assert_eq!(
        check_length("note", &"x".repeat(2_001)),
        Err("Meddelandet får vara högst 2 000 tecken.".into())
    );
    for (field, _, cap) in TEXT_CAPS {
        assert!(check_length(field, &"a".repeat(cap)).is_ok(), "{field}");
        assert!(check_length(field, &"a".repeat(cap + 1)).is_err(), "{field}");
    }
}

#[test]
fn phone_numbers_are_checked_loosely_but_not_carelessly() {
    assert!(parse_phone("021-17 52 10").is_ok());
    assert!(parse_phone("+46 70 123 45 67").is_ok());
    assert!(parse_phone("").is_err());
    assert!(parse_phone("ring mig").is_err());
    assert!(parse_phone("12 34").is_err());
    assert!(parse_phone("070+1234567").is_err());
}
