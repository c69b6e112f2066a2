//! Tests of the segregation-of-duties rules.

use super::*;
use crate::domain::roles::Role;
use ObjectRole::*;

const OBJ: i32 = 1;
const ADMIN: i32 = 10;
const OWNER: i32 = 11;
const LEADER: i32 = 12;
const X: i32 = 13;

fn grants_of(person: i32) -> Vec<Grant> {
    match person {
        ADMIN => vec![Grant::Global(Role::Admin)],
        OWNER => vec![Grant::Object {
            object_id: OBJ,
            role: Objektagare,
        }],
        LEADER => vec![Grant::Object {
            object_id: OBJ,
            role: Forvaltningsledare,
        }],
        _ => vec![],
    }
}

const TODAY: &[Appointment] = &[(OWNER, Objektagare), (LEADER, Forvaltningsledare)];

fn with(extra: &[Appointment]) -> Vec<Appointment> {
    TODAY.iter().chain(extra).copied().collect()
}

fn without(gone: Appointment) -> Vec<Appointment> {
    TODAY.iter().copied().filter(|a| *a != gone).collect()
}

#[test]
fn the_segregation_rules_hold_for_each_actor_and_change() {
    type Row = (&'static str, i32, Vec<Appointment>, Result<usize, DutyError>);
    let table: Vec<Row> = vec![
        ("nothing changes", LEADER, with(&[]), Ok(0)),
        ("admin appoints an owner", ADMIN, with(&[(X, ObjektagareIt)]), Ok(1)),
        (
            "admin appoints a leader",
            ADMIN,
            with(&[(X, ForvaltningsledareIt)]),
            Ok(1),
        ),
        (
            "admin appoints themselves",
            ADMIN,
            with(&[(ADMIN, Objektagare)]),
            Err(DutyError::OwnRoles),
        ),
        (
            "owner appoints a leader",
            OWNER,
            with(&[(X, ForvaltningsledareIt)]),
            Ok(1),
        ),
        ("owner appoints a specialist", OWNER, with(&[(X, Driftansvarig)]), Ok(1)),
        (
            "owner removes the leader",
            OWNER,
            without((LEADER, Forvaltningsledare)),
            Ok(1),
        ),
        (
            "owner appoints another owner",
            OWNER,
            with(&[(X, ObjektagareIt)]),
            Err(DutyError::MayNotAppoint(ObjektagareIt)),
        ),
        (
            "owner widens their own rights",
            OWNER,
            with(&[(OWNER, ObjektagareIt)]),
            Err(DutyError::OwnRoles),
        ),
        (
            "owner removes themselves",
            OWNER,
            without((OWNER, Objektagare)),
            Err(DutyError::OwnRoles),
        ),
        (
            "leader makes themselves owner",
            LEADER,
            with(&[(LEADER, Objektagare)]),
            Err(DutyError::OwnRoles),
        ),
        (
            "leader appoints a specialist",
            LEADER,
            with(&[(X, Objektspecialist)]),
            Err(DutyError::MayNotAppoint(Objektspecialist)),
        ),
        (
            "leader appoints an owner",
            LEADER,
            with(&[(X, Objektagare)]),
            Err(DutyError::MayNotAppoint(Objektagare)),
        ),
        (
            "leader removes the owner",
            LEADER,
            without((OWNER, Objektagare)),
            Err(DutyError::MayNotAppoint(Objektagare)),
        ),
        (
            "outsider appoints anyone",
            X,
            with(&[(X + 1, Verksamhetsstod)]),
            Err(DutyError::MayNotAppoint(Verksamhetsstod)),
        ),
        (
            "admin makes one person write and adopt",
            ADMIN,
            with(&[(LEADER, ObjektagareIt)]),
            Err(DutyError::WritesAndAdopts(LEADER)),
        ),
        (
            "owner makes themselves-free person write and adopt",
            OWNER,
            with(&[(X, Forvaltningsledare), (X, Objektagare)]),
            Err(DutyError::MayNotAppoint(Objektagare)),
        ),
    ];
    for (what, actor, after, expected) in table {
        let got = check_people(actor, &grants_of(actor), OBJ, TODAY, &after).map(|c| c.len());
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn changes_list_removals_then_additions_and_ignore_order_and_repeats() {
    let before = [(1, Objektagare), (2, Forvaltningsledare)];
    let after = [(3, Driftansvarig), (2, Forvaltningsledare), (3, Driftansvarig)];
    assert_eq!(
        changes(&before, &after),
        vec![Change::Removed((1, Objektagare)), Change::Added((3, Driftansvarig))]
    );
}

#[test]
fn every_refusal_has_a_swedish_message() {
    assert!(DutyError::OwnRoles.message().contains("dina egna roller"));
    assert!(DutyError::MayNotAppoint(Objektagare)
        .message()
        .contains("Bara en administratör kan"));
    assert!(DutyError::MayNotAppoint(Driftansvarig)
        .message()
        .contains("objektägare"));
    assert!(DutyError::WritesAndAdopts(1).message().contains("fastställer"));
}

#[test]
fn attest_rights_are_changed_by_an_administrator_and_never_for_themselves() {
    const ATTESTER: i32 = 20;
    let attester = vec![Grant::CostCenter {
        cost_center_id: 7,
        role: Role::Attester,
    }];
    type Row = (&'static str, i32, Vec<Grant>, i32, Result<(), DutyError>);
    let table: Vec<Row> = vec![
        ("admin gives another attest rights", ADMIN, grants_of(ADMIN), X, Ok(())),
        (
            "admin gives themselves attest rights",
            ADMIN,
            grants_of(ADMIN),
            ADMIN,
            Err(DutyError::OwnAttestRights),
        ),
        (
            "attester raises a colleague's limit",
            ATTESTER,
            attester.clone(),
            X,
            Err(DutyError::MayNotGrantAttestRights),
        ),
        (
            "attester raises their own limit",
            ATTESTER,
            attester,
            ATTESTER,
            Err(DutyError::OwnAttestRights),
        ),
        (
            "objektägare gives attest rights",
            OWNER,
            grants_of(OWNER),
            X,
            Err(DutyError::MayNotGrantAttestRights),
        ),
        (
            "nobody gives attest rights",
            X,
            vec![],
            X + 1,
            Err(DutyError::MayNotGrantAttestRights),
        ),
    ];
    for (what, actor, grants, person, expected) in table {
        assert_eq!(check_attest_rights(actor, &grants, person), expected, "{what}");
    }
    assert!(DutyError::OwnAttestRights.message().contains("för dig själv"));
    assert!(DutyError::MayNotGrantAttestRights
        .message()
        .contains("Bara en administratör"));
}
