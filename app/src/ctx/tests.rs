//! Tests of the acting party and the access checks.

use super::*;

fn person(roles: &[Role]) -> Ctx {
    Ctx {
        actor: Actor::Person {
            id: 1,
            username: "anna".into(),
        },
        roles: roles.to_vec(),
        ip: None,
    }
}

#[test]
fn an_anonymous_caller_is_unauthorized_not_forbidden() {
    assert_eq!(
        require(&Ctx::anonymous(), Permission::Administer),
        Err(AppError::Unauthorized)
    );
    assert_eq!(require_signed_in(&Ctx::anonymous()), Err(AppError::Unauthorized));
}

#[test]
fn a_person_without_the_role_is_forbidden_and_with_it_allowed() {
    assert_eq!(
        require(&person(&[Role::Requester]), Permission::Administer),
        Err(AppError::Forbidden)
    );
    assert_eq!(
        require(&person(&[Role::Requester, Role::Admin]), Permission::Administer),
        Ok(())
    );
    assert_eq!(require_signed_in(&person(&[])), Ok(()));
}

#[test]
fn a_scoped_grant_counts_only_in_its_own_scope() {
    use crate::domain::roles::ObjectRole;
    let leader = [Grant::Object {
        object_id: 3,
        role: ObjectRole::Forvaltningsledare,
    }];
    let p = person(&[Role::Requester]);
    assert_eq!(require_on(&p, &leader, Scope::Object(3), Permission::EditPlan), Ok(()));
    assert_eq!(
        require_on(&p, &leader, Scope::Object(4), Permission::EditPlan),
        Err(AppError::Forbidden)
    );
    assert_eq!(
        require_on(&Ctx::anonymous(), &leader, Scope::Object(3), Permission::EditPlan),
        Err(AppError::Unauthorized)
    );
}

#[test]
fn a_token_acts_for_its_owner() {
    let ctx = Ctx {
        actor: Actor::Token {
            id: 7,
            name: "leverantör".into(),
            owner_id: 3,
            permissions: vec![crate::domain::tokens::TokenPermission::OrdersRead],
        },
        roles: vec![Role::Requester],
        ip: None,
    };
    assert_eq!(ctx.person_id(), Some(3));
    assert_eq!(ctx.label(), "token:leverantör");
}
