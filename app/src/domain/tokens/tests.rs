//! Tests of API token permissions and secrets.

use super::*;
use TokenPermission::*;

#[test]
fn every_permission_round_trips_through_its_code() {
    for p in TokenPermission::ALL {
        assert_eq!(TokenPermission::parse(p.as_str()), Ok(p));
        assert_eq!(p.to_string(), p.as_str());
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, format!("\"{}\"", p.as_str()));
        assert_eq!(serde_json::from_str::<TokenPermission>(&json).unwrap(), p);
    }
}

#[test]
fn a_list_round_trips_through_its_stored_form_in_a_fixed_order() {
    let stored = format_list(&[PlansRead, OrdersRead, OrdersRead]);
    assert_eq!(stored, "orders:read plans:read");
    assert_eq!(parse_list(&stored), Ok(vec![OrdersRead, PlansRead]));
    assert_eq!(parse_list("  plans:read   org:read "), Ok(vec![OrgRead, PlansRead]));
    assert_eq!(parse_list(""), Ok(vec![]));
    let all = format_list(&TokenPermission::ALL);
    assert_eq!(parse_list(&all), Ok(TokenPermission::ALL.to_vec()));
    assert!(all.len() <= 255, "fits the column");
}

#[test]
fn an_unknown_permission_is_refused_and_refuses_its_whole_list() {
    assert_eq!(TokenPermission::parse("read"), Err(UnknownPermission("read".into())));
    assert_eq!(
        TokenPermission::parse("ORDERS:READ"),
        Err(UnknownPermission("ORDERS:READ".into()))
    );
    assert_eq!(parse_list("orders:read admin"), Err(UnknownPermission("admin".into())));
    assert!(serde_json::from_str::<TokenPermission>("\"read\"").is_err());
}

#[test]
fn every_permission_has_a_distinct_swedish_label() {
    let mut labels: Vec<&str> = TokenPermission::ALL.iter().map(|p| p.label_sv()).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), TokenPermission::ALL.len());
}

#[test]
fn a_creator_grants_only_what_their_roles_hold() {
    use Role::*;
    type Row<'a> = (&'a [TokenPermission], &'a [Role], Result<(), TokenPermission>);
    let table: &[Row] = &[
        // Reading the organisation, the catalogue and plans: anyone signed in.
        (&[OrgRead, CatalogRead, PlansRead], &[], Ok(())),
        // Attesting: anyone signed in (a substitute need hold no role);
        // the attest rights decide each order.
        (&[AttestRead, AttestWrite], &[], Ok(())),
        (&[CatalogWrite], &[CatalogManager], Ok(())),
        (&[CatalogWrite], &[Admin, Requester], Err(CatalogWrite)),
        (&[OrdersRead, OrdersWrite], &[Requester], Ok(())),
        (&[OrdersRead], &[Admin], Err(OrdersRead)),
        (&[OrdersWrite], &[Coordinator], Err(OrdersWrite)),
        (&[PlansWrite], &[PlanManager], Ok(())),
        (&[PlansWrite], &[ObjectOwner], Ok(())),
        (&[PlansWrite], &[Admin, Requester], Err(PlansWrite)),
        (&[AuditRead], &[Admin], Ok(())),
        (&[AttestRights], &[Admin], Ok(())),
        (&[AttestRights], &[Attester, CatalogManager], Err(AttestRights)),
        (&[AuditRead], &[Coordinator, CatalogManager], Err(AuditRead)),
        // The first permission the creator cannot give is named.
        (&[OrgRead, AuditRead, CatalogWrite], &[Requester], Err(AuditRead)),
        (&TokenPermission::ALL, &Role::ALL, Ok(())),
        (&[], &[], Ok(())),
    ];
    for (permissions, roles, expected) in table {
        assert_eq!(grantable(permissions, roles), *expected, "{permissions:?} by {roles:?}");
    }
}

#[test]
fn last_used_is_written_at_most_once_a_minute() {
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    assert!(last_used_is_stale(None, now), "never used");
    assert!(!last_used_is_stale(Some(now), now));
    assert!(!last_used_is_stale(Some(now - chrono::TimeDelta::seconds(59)), now));
    assert!(last_used_is_stale(Some(now - chrono::TimeDelta::seconds(60)), now));
    assert!(
        last_used_is_stale(Some(now + chrono::TimeDelta::hours(1)), now),
        "a clock that went back"
    );
}
