use super::*;
use ObjectRole::*;

const BOTH: [ObjectRole; 2] = [Objektagare, ObjektagareIt];

fn given(role: ObjectRole, person: i32) -> Given {
    Given { role, person }
}

#[test]
fn the_rule_is_one_or_both_owner_roles_in_their_order() {
    assert_eq!(check(&[ObjektagareIt, Objektagare, ObjektagareIt]), Ok(BOTH.to_vec()));
    assert_eq!(check(&[ObjektagareIt]), Ok(vec![ObjektagareIt]));
    assert!(check(&[]).is_err());
    assert!(check(&[Objektagare, Forvaltningsledare]).is_err());
    assert_eq!(parse(DEFAULT), Ok(vec![Objektagare]));
    assert_eq!(parse(&store(&BOTH)), Ok(BOTH.to_vec()));
    // A stored rule that does not parse is refused, not read as a default.
    assert!(parse("").is_err());
    assert!(parse("objektagare,styrgrupp").is_err());
    assert!(parse("forvaltningsledare").is_err());
}

#[test]
fn one_of_two_approvals_leaves_the_plan_in_review_and_the_second_adopts_it() {
    let first = approve(&BOTH, &[], &[Objektagare], 1, false).unwrap();
    assert_eq!(
        first,
        Approval {
            role: Objektagare,
            adopts: false
        }
    );
    let second = approve(&BOTH, &[given(Objektagare, 1)], &[ObjektagareIt], 2, false).unwrap();
    assert_eq!(
        second,
        Approval {
            role: ObjektagareIt,
            adopts: true
        }
    );
    // In either order.
    let it_first = approve(&BOTH, &[], &[ObjektagareIt], 2, false).unwrap();
    assert!(!it_first.adopts);
    assert!(
        approve(&BOTH, &[given(ObjektagareIt, 2)], &[Objektagare], 1, false)
            .unwrap()
            .adopts
    );
    assert_eq!(waiting(&BOTH, &[given(ObjektagareIt, 2)]), vec![Objektagare]);
}

#[test]
fn a_single_required_role_adopts_at_once() {
    let a = approve(&[Objektagare], &[], &[Objektagare, Objektspecialist], 1, false).unwrap();
    assert_eq!(
        a,
        Approval {
            role: Objektagare,
            adopts: true
        }
    );
}

#[test]
fn the_submitter_approves_nothing() {
    let err = approve(&BOTH, &[], &BOTH, 1, true).unwrap_err();
    assert!(err.contains("kan inte själv godkänna"), "{err}");
}

#[test]
fn one_person_gives_one_approval_even_holding_both_roles() {
    let a = approve(&BOTH, &[], &BOTH, 1, false).unwrap();
    assert_eq!(a.role, Objektagare);
    assert!(!a.adopts);
    let err = approve(&BOTH, &[given(Objektagare, 1)], &BOTH, 1, false).unwrap_err();
    assert_eq!(
        err,
        "Du har redan godkänt planen som objektägare. Den fastställs när objektägare IT också har godkänt."
    );
}

#[test]
fn a_role_approved_by_someone_else_or_not_required_gives_nothing() {
    // A second objektägare when the objektägare has approved already.
    let err = approve(&BOTH, &[given(Objektagare, 1)], &[Objektagare], 3, false).unwrap_err();
    assert_eq!(
        err,
        "Planen är redan godkänd av objektets objektägare. Nu väntar den på objektägare IT."
    );
    // The objektägare IT where the family requires the objektägare alone.
    let err = approve(&[Objektagare], &[], &[ObjektagareIt], 2, false).unwrap_err();
    assert_eq!(
        err,
        "I den här objektfamiljen fastställs planen av objektägare; du har ingen av de rollerna på objektet."
    );
    assert!(approve(&BOTH, &[], &[Forvaltningsledare, Objektspecialist], 4, false).is_err());
}

#[test]
fn roles_read_inside_a_sentence() {
    assert_eq!(phrase(ObjektagareIt), "objektägare IT");
    assert_eq!(phrase_list(&BOTH), "objektägare och objektägare IT");
    assert_eq!(
        phrase_list(&[Objektagare, ObjektagareIt, Forvaltningsledare]),
        "objektägare, objektägare IT och förvaltningsledare"
    );
    assert_eq!(phrase_list(&[]), "");
}
