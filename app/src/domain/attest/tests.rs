use super::*;

const REQUESTER: i32 = 1;
const RECIPIENT: i32 = 2;

fn order(kr: i64) -> OrderFacts {
    OrderFacts {
        requester_id: REQUESTER,
        recipient_id: RECIPIENT,
        amount: Sek::from_kronor(kr),
        own_cost_center: true,
        item_kinds: vec!["service".into()],
    }
}

fn c(person_id: i32, level: Level, limit_kr: i64) -> Candidate {
    Candidate {
        person_id,
        level,
        limit: Sek::from_kronor(limit_kr),
    }
}

fn at(level: Level, people: &[i32]) -> Route {
    Route::Attesters {
        level,
        people: people.to_vec(),
    }
}

#[test]
fn routing_follows_the_limits_up_the_organisation() {
    use Level::*;
    let people = [
        c(10, CostCenter, 50_000),
        c(11, CostCenter, 20_000),
        c(20, Unit, 200_000),
        c(30, Administration, 1_000_000),
    ];
    let cases: &[(i64, Route)] = &[
        // Below, equal to and above the cost centre's limits.
        (19_999, at(CostCenter, &[10, 11])),
        (20_000, at(CostCenter, &[10, 11])),
        (20_001, at(CostCenter, &[10])),
        (50_000, at(CostCenter, &[10])),
        // Above every cost-centre limit: the unit's attester.
        (50_001, at(Unit, &[20])),
        (200_000, at(Unit, &[20])),
        // Above the unit's: the förvaltning's.
        (200_001, at(Administration, &[30])),
        (1_000_000, at(Administration, &[30])),
        // Above everyone's: nobody, never silently stuck.
        (1_000_001, Route::NoAttester),
    ];
    for (kr, expected) in cases {
        assert_eq!(&route(&order(*kr), &[], &people), expected, "{kr} kr");
    }
}

#[test]
fn the_requester_and_the_recipient_are_never_routed_to_even_with_the_highest_limit() {
    use Level::*;
    let people = [
        c(REQUESTER, CostCenter, 1_000_000),
        c(RECIPIENT, CostCenter, 1_000_000),
        c(20, Unit, 100_000),
    ];
    assert_eq!(route(&order(5_000), &[], &people), at(Unit, &[20]));
    let only_conflicted = [c(REQUESTER, CostCenter, 1_000_000), c(RECIPIENT, Unit, 1_000_000)];
    assert_eq!(route(&order(5_000), &[], &only_conflicted), Route::NoAttester);
    assert!(conflict_of_interest(&order(1), REQUESTER).is_some());
    assert!(conflict_of_interest(&order(1), RECIPIENT).is_some());
    assert_eq!(conflict_of_interest(&order(1), 99), None);
}

#[test]
fn nobody_near_the_cost_centre_means_no_attester() {
    assert_eq!(route(&order(1), &[], &[]), Route::NoAttester);
}

#[test]
fn an_auto_approval_rule_attests_at_once_within_its_conditions_only() {
    let rule = AutoRule {
        id: 7,
        name: "Tjänster upp till 2 000 kr".into(),
        max_commitment: Sek::from_kronor(2_000),
        own_cost_center_only: true,
        item_kinds: vec!["service".into()],
    };
    let people = [c(10, Level::CostCenter, 50_000)];
    let auto = Route::Auto {
        rule_id: 7,
        reason: "Automatiskt attesterad enligt regeln ”Tjänster upp till 2 000 kr”.".into(),
    };
    assert_eq!(route(&order(2_000), std::slice::from_ref(&rule), &people), auto);
    // One krona above the threshold: an attester decides.
    assert_eq!(
        route(&order(2_001), std::slice::from_ref(&rule), &people),
        at(Level::CostCenter, &[10])
    );
    // Another unit's cost centre.
    let mut other = order(100);
    other.own_cost_center = false;
    assert_eq!(
        route(&other, std::slice::from_ref(&rule), &people),
        at(Level::CostCenter, &[10])
    );
    // A kind the rule does not list.
    let mut pc = order(100);
    pc.item_kinds.push("hardware".into());
    assert_eq!(
        route(&pc, std::slice::from_ref(&rule), &people),
        at(Level::CostCenter, &[10])
    );
    // A rule for any kind and any cost centre.
    let open = AutoRule {
        own_cost_center_only: false,
        item_kinds: vec![],
        ..rule
    };
    assert!(open.matches(&pc) && open.matches(&other));
}

#[test]
fn escalation_goes_one_level_up_to_the_next_level_with_an_eligible_attester() {
    use Level::*;
    let people = [c(10, CostCenter, 50_000), c(30, Administration, 100_000)];
    // No unit attester: from the cost centre straight to the förvaltning.
    assert_eq!(
        escalate(&order(1_000), &people, CostCenter, &[10]),
        Some(at(Administration, &[30]))
    );
    // Nothing above the top.
    assert_eq!(escalate(&order(1_000), &people, Administration, &[30]), None);
    // Nobody eligible above: the order stays where it is.
    assert_eq!(
        escalate(&order(1_000), &[c(10, CostCenter, 50_000)], CostCenter, &[10]),
        None
    );
    // The cost centre's attester who also attests another cost centre of the
    // unit is not the level above.
    let both = [
        c(10, CostCenter, 50_000),
        c(10, Unit, 50_000),
        c(30, Administration, 100_000),
    ];
    assert_eq!(
        escalate(&order(1_000), &both, CostCenter, &[10]),
        Some(at(Administration, &[30]))
    );
}

#[test]
fn a_rejection_needs_a_comment_and_comments_are_capped() {
    assert_eq!(check_comment(Decision::Approve, "  "), Ok(String::new()));
    assert!(check_comment(Decision::Reject, "  ").is_err());
    assert_eq!(
        check_comment(Decision::Reject, " Fel kostnadsställe. "),
        Ok("Fel kostnadsställe.".into())
    );
    assert!(check_comment(Decision::Approve, &"x".repeat(MAX_COMMENT + 1)).is_err());
    assert_eq!(Decision::parse("approve"), Some(Decision::Approve));
    assert_eq!(Decision::parse("godkänn"), None);
}

#[test]
fn states_and_levels_round_trip_through_their_codes() {
    for s in AttestState::ALL {
        assert_eq!(AttestState::parse(s.as_str()), Some(s));
    }
    for l in Level::ALL {
        assert_eq!(Level::from_code(l.code()), Some(l));
    }
    assert_eq!(AttestState::parse("okänd"), None);
    assert!(AttestState::Waiting.is_open() && AttestState::Unassigned.is_open());
    assert!(!AttestState::Approved.is_open() && !AttestState::Withdrawn.is_open());
}
