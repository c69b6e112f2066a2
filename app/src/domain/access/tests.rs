//! Tests of the page access table.

use super::*;

#[test]
fn an_anonymous_caller_is_sent_to_sign_in_whatever_the_rule() {
    assert_eq!(decide(Access::SignedIn, None), Decision::SignIn);
    assert_eq!(decide(Access::Role(Role::Admin), None), Decision::SignIn);
}

#[test]
fn a_signed_in_caller_without_the_role_is_forbidden() {
    let roles = [Role::Requester];
    assert_eq!(decide(Access::Role(Role::Admin), Some(&roles)), Decision::Forbidden);
    assert_eq!(decide(Access::Role(Role::Requester), Some(&roles)), Decision::Allowed);
    assert_eq!(decide(Access::SignedIn, Some(&[])), Decision::Allowed);
}

#[test]
fn a_requester_sees_catalog_orders_own_assets_and_subscriptions_and_plans_only() {
    let labels: Vec<&str> = nav_for(&[Role::Requester]).iter().map(|i| i.label).collect();
    assert_eq!(
        labels,
        vec![
            "Katalog",
            "Mina beställningar",
            "Tillgångar",
            "Prenumerationer",
            "Förvaltning"
        ]
    );
}

#[test]
fn an_admin_who_also_orders_sees_administration_too() {
    let labels: Vec<&str> = nav_for(&[Role::Requester, Role::Admin])
        .iter()
        .map(|i| i.label)
        .collect();
    assert_eq!(
        labels,
        vec![
            "Katalog",
            "Mina beställningar",
            "Statistik",
            "Tillgångar",
            "Prenumerationer",
            "Förvaltning",
            "Administration"
        ]
    );
}

#[test]
fn the_statistics_are_for_coordinators_and_administrators() {
    for (roles, allowed) in [
        (vec![Role::Coordinator], true),
        (vec![Role::Admin], true),
        (vec![Role::Requester, Role::Attester, Role::PlanManager], false),
    ] {
        let want = if allowed {
            Decision::Allowed
        } else {
            Decision::Forbidden
        };
        assert_eq!(decide(access_of("/statistik"), Some(&roles)), want, "{roles:?}");
        assert_eq!(nav_for(&roles).iter().any(|i| i.href == "/statistik"), allowed);
    }
}

#[test]
fn the_login_page_is_public_and_nobody_passes_an_undeclared_page() {
    assert_eq!(decide(Access::Public, None), Decision::Allowed);
    assert_eq!(decide(Access::Nobody, None), Decision::SignIn);
    assert_eq!(decide(Access::Nobody, Some(&Role::ALL)), Decision::Forbidden);
    assert_eq!(declared("/finns-inte"), Access::Nobody);
    assert_eq!(access_of("/finns-inte"), Access::Nobody);
    assert_eq!(access_of("/katalogen"), Access::Nobody);
}

#[test]
fn a_request_path_finds_its_page_by_pattern() {
    assert_eq!(
        page_of("/katalog/artikel/17").map(|p| p.path),
        Some("/katalog/artikel/:id")
    );
    assert_eq!(
        page_of("/admin/katalog/paket").map(|p| p.path),
        Some("/admin/katalog/paket")
    );
    assert_eq!(
        page_of("/admin/katalog/paket/3").map(|p| p.path),
        Some("/admin/katalog/paket/:id")
    );
    assert_eq!(page_of("/").map(|p| p.path), Some("/"));
    assert_eq!(page_of("/katalog/").map(|p| p.path), Some("/katalog"));
    assert_eq!(page_of("/katalog/artikel/"), None);
    assert_eq!(page_of("/katalog/artikel/1/mer"), None);
    assert!(matches("/forvaltning/plan/{id}", "/forvaltning/plan/4"));
}

#[test]
fn every_page_is_declared_once_and_the_navigation_uses_the_declarations() {
    let mut paths: Vec<&str> = PAGES.iter().map(|p| p.path).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), PAGES.len(), "a page declared twice");
    for item in NAV {
        assert_ne!(item.access, Access::Nobody, "{} is not a declared page", item.href);
    }
}
