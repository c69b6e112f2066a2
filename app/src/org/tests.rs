//! Service tests of the organisation, on the demo region.

use super::dto::{AdministrationRef, CostCenterDto, UnitDto};
use super::service::*;
use crate::ctx::Ctx;
use crate::testing::test_db;

#[tokio::test]
async fn the_org_tree_of_the_demo_region_groups_units_by_administration() {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();

    let tree = tree(&Ctx::system(), &t.db, &Default::default(), None).await.unwrap();

    assert!(!tree.truncated);
    assert!(tree.administrations.len() >= 3);
    let hsf = tree
        .administrations
        .iter()
        .find(|a| a.code == "HSF")
        .expect("HSF is in the tree");
    let kard = hsf
        .units
        .iter()
        .find(|u| u.code == "HSF-KARD")
        .expect("Kardiologkliniken is in HSF");
    let codes: Vec<&str> = kard.cost_centers.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, vec!["41210", "41220"]);
    assert!(!kard.delivery_addresses.is_empty());
    let units: usize = tree.administrations.iter().map(|a| a.units.len()).sum();
    assert!(units >= 10);
}

#[tokio::test]
async fn a_filter_matches_unit_names_case_insensitively() {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();

    let tree = tree(&Ctx::system(), &t.db, &Default::default(), Some("VÅRDCENTRALEN".into()))
        .await
        .unwrap();

    let names: Vec<&str> = tree
        .administrations
        .iter()
        .flat_map(|a| a.units.iter().map(|u| u.name.as_str()))
        .collect();
    assert_eq!(names, vec!["Vårdcentralen Norrby", "Vårdcentralen Strandå"]);
}

#[tokio::test]
async fn pages_of_units_follow_each_other_without_gaps_or_repeats() {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    let ctx = Ctx::system();

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = list_units(
            &ctx,
            &t.db,
            &Default::default(),
            UnitQuery {
                q: None,
                after,
                limit: 4,
            },
        )
        .await
        .unwrap();
        assert!(page.items.len() <= 4);
        seen.extend(page.items.iter().map(|u| u.id));
        match page.next_cursor {
            Some(c) => after = parse_cursor(Some(&c)).unwrap(),
            None => break,
        }
    }

    let total = summary(&ctx, &t.db).await.unwrap().units as usize;
    let mut sorted = seen.clone();
    sorted.dedup();
    assert_eq!(seen.len(), total);
    assert_eq!(sorted.len(), total);
}

#[test]
fn a_cursor_that_is_not_a_number_is_a_validation_error() {
    assert_eq!(parse_cursor(Some("abc")).unwrap_err().field(), Some("cursor"));
    assert_eq!(parse_cursor(Some("")).unwrap(), None);
    assert_eq!(parse_cursor(Some("12")).unwrap(), Some(12));
}

/// `list_units` gives each unit of the page exactly
/// its förvaltning, its cost centres (code order) and its addresses (id
/// order), as the tables hold them; with a search too.
#[tokio::test]
async fn a_page_of_units_carries_each_units_forvaltning_cost_centres_and_addresses() {
    use crate::entities::{administration, cost_center, delivery_address, unit};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    let ctx = Ctx::system();
    // An inactive cost centre, so that each part's flag is read as its own.
    let first = cost_center::Entity::find().one(&t.db).await.unwrap().unwrap();
    cost_center::Entity::update_many()
        .col_expr(cost_center::Column::Active, Expr::value(false))
        .filter(cost_center::Column::Id.eq(first.id))
        .exec(&t.db)
        .await
        .unwrap();
    let units = unit::Entity::find()
        .order_by_asc(unit::Column::Id)
        .all(&t.db)
        .await
        .unwrap();
    let admins = administration::Entity::find().all(&t.db).await.unwrap();
    let centers = cost_center::Entity::find()
        .order_by_asc(cost_center::Column::Code)
        .all(&t.db)
        .await
        .unwrap();
    let addresses = delivery_address::Entity::find()
        .order_by_asc(delivery_address::Column::Id)
        .all(&t.db)
        .await
        .unwrap();
    let expected = |u: &unit::Model| {
        let a = admins.iter().find(|a| a.id == u.administration_id).unwrap();
        UnitDto {
            id: u.id,
            code: u.code.clone(),
            name: u.name.clone(),
            administration: AdministrationRef {
                code: a.code.clone(),
                name: a.name.clone(),
            },
            cost_centers: centers
                .iter()
                .filter(|c| c.unit_id == u.id)
                .map(|c| CostCenterDto {
                    id: c.id,
                    code: c.code.clone(),
                    name: c.name.clone(),
                    active: c.active,
                })
                .collect(),
            delivery_addresses: addresses
                .iter()
                .filter(|d| d.unit_id == u.id)
                .cloned()
                .map(crate::org::directory::address_dto)
                .collect(),
        }
    };
    assert!(centers.iter().any(|c| !c.active));
    assert!(addresses.iter().any(|d| d.is_stock), "the demo has a stock address");

    let page = list_units(
        &ctx,
        &t.db,
        &Default::default(),
        UnitQuery {
            q: None,
            after: Some(units[1].id),
            limit: 5,
        },
    )
    .await
    .unwrap();
    let want: Vec<UnitDto> = units[2..7].iter().map(expected).collect();
    assert_eq!(page.items, want);
    assert_eq!(page.next_cursor, Some(units[6].id.to_string()));

    let all = list_units(
        &ctx,
        &t.db,
        &Default::default(),
        UnitQuery {
            q: None,
            after: None,
            limit: MAX_PAGE,
        },
    )
    .await
    .unwrap();
    assert_eq!(all.items, units.iter().map(expected).collect::<Vec<_>>());
    assert_eq!(all.next_cursor, None);

    let found = list_units(
        &ctx,
        &t.db,
        &Default::default(),
        UnitQuery {
            q: Some("VÅRDCENTRAL".into()),
            after: None,
            limit: 100,
        },
    )
    .await
    .unwrap();
    let want: Vec<UnitDto> = units
        .iter()
        .filter(|u| u.name.to_lowercase().contains("vårdcentral") || u.code.to_lowercase().contains("vårdcentral"))
        .map(expected)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(found.items, want);
}

/// Fifty first requests at once read the register once; a kept copy is
/// served until its time is up, and then the register is read again.
#[tokio::test]
async fn the_unit_register_is_read_once_for_many_requests_and_again_after_its_time() {
    use crate::entities::unit;
    use crate::org::register::UnitRegister;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    let register = UnitRegister::with_ttl(std::time::Duration::from_secs(3600));
    let counts =
        futures::future::join_all((0..50).map(|_| async { register.get(&t.db).await.unwrap().units.len() })).await;
    let total = summary(&Ctx::system(), &t.db).await.unwrap().units as usize;
    assert!(counts.iter().all(|n| *n == total));
    assert_eq!(register.reads(), 1);

    let first = unit::Entity::find().one(&t.db).await.unwrap().unwrap();
    unit::Entity::update_many()
        .col_expr(unit::Column::Name, Expr::value("Omdöpt enhet"))
        .filter(unit::Column::Id.eq(first.id))
        .exec(&t.db)
        .await
        .unwrap();
    let q = |q: &str| UnitQuery {
        q: Some(q.into()),
        after: None,
        limit: 10,
    };
    let ctx = Ctx::system();
    let kept = list_units(&ctx, &t.db, &register, q("omdöpt")).await.unwrap();
    assert!(kept.items.is_empty(), "the kept copy is served until its time is up");
    assert_eq!(register.reads(), 1);
    let fresh = list_units(&ctx, &t.db, &UnitRegister::default(), q("OMDÖPT"))
        .await
        .unwrap();
    assert_eq!(fresh.items.iter().map(|u| u.id).collect::<Vec<_>>(), [first.id]);
    // A NUL typed into a search is dropped: in the copy it separates a
    // unit's name from its code, and a search never spans the two.
    let nul = list_units(&ctx, &t.db, &UnitRegister::default(), q(&format!("{}\0", first.code)))
        .await
        .unwrap();
    assert!(nul.items.iter().any(|u| u.id == first.id));
}
