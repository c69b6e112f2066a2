//! Service tests of the organisation, on the demo region.

use super::service::*;
use crate::ctx::Ctx;
use crate::testing::test_db;

#[tokio::test]
async fn the_org_tree_of_the_demo_region_groups_units_by_administration() {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();

    let tree = tree(&Ctx::system(), &t.db, None).await.unwrap();

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

    let tree = tree(&Ctx::system(), &t.db, Some("VÅRDCENTRALEN".into())).await.unwrap();

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
