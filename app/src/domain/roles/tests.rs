//! Tests of the roles.

use super::*;

#[test]
fn every_role_round_trips_through_its_code() {
    for role in Role::ALL {
        assert_eq!(role.as_str().parse::<Role>(), Ok(role));
    }
}

#[test]
fn an_unknown_code_is_refused() {
    assert_eq!("superuser".parse::<Role>(), Err(UnknownRole("superuser".into())));
}

#[test]
fn attest_and_plan_roles_are_scoped_and_the_rest_global() {
    let scoped: Vec<Role> = Role::ALL.into_iter().filter(|r| r.is_scoped()).collect();
    assert_eq!(scoped, vec![Role::Attester, Role::PlanManager, Role::ObjectOwner]);
}

#[test]
fn every_object_role_round_trips_and_is_owner_leader_or_neither() {
    for role in ObjectRole::ALL {
        assert_eq!(role.as_str().parse::<ObjectRole>(), Ok(role));
        assert!(!(role.is_owner() && role.is_leader()), "{role}");
    }
    assert!("superuser".parse::<ObjectRole>().is_err());
    let owners: Vec<ObjectRole> = ObjectRole::ALL.into_iter().filter(|r| r.is_owner()).collect();
    assert_eq!(owners, vec![ObjectRole::Objektagare, ObjectRole::ObjektagareIt]);
}

#[test]
fn every_role_has_a_distinct_swedish_label() {
    let mut labels: Vec<&str> = Role::ALL.iter().map(|r| r.label_sv()).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), Role::ALL.len());
}
