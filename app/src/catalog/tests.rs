//! Service tests of the catalogue, on the demo catalogue.

use super::dto::*;
use super::service::*;
use super::snapshot::CatalogCache;
use crate::ctx::{Actor, Ctx};
use crate::domain::money::Sek;
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::testing::test_db;
use chrono::NaiveDate;

fn anna() -> Ctx {
    Ctx {
        actor: Actor::Person {
            id: 1,
            username: "anna.lindqvist".into(),
        },
        roles: vec![Role::Requester],
        ip: None,
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn seeded() -> crate::testing::TestDb {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    t
}

#[tokio::test]
async fn search_finds_items_by_name_article_number_and_description_in_any_case() {
    let t = seeded().await;
    let find = |q: &str| CatalogFilter {
        q: Some(q.into()),
        ..Default::default()
    };
    for (q, expected) in [
        ("LATITUDE 5450", "DL-5450"),
        ("dl-wd22", "DL-WD22TB4"),
        ("hemtjänst", "SA-XC7"),
    ] {
        let page = catalog_page(&anna(), &t.db, &CatalogCache::default(), find(q), day(2026, 11, 24))
            .await
            .unwrap();
        assert!(
            page.items.iter().any(|i| i.article_number == expected),
            "{q} → {:?}",
            page.items
        );
    }
}

#[tokio::test]
async fn the_price_shown_is_the_one_in_force_on_the_day() {
    let t = seeded().await;
    let f = CatalogFilter {
        q: Some("DL-5450".into()),
        ..Default::default()
    };
    let now = catalog_page(&anna(), &t.db, &CatalogCache::default(), f.clone(), day(2026, 12, 31))
        .await
        .unwrap();
    let later = catalog_page(&anna(), &t.db, &CatalogCache::default(), f, day(2027, 1, 1))
        .await
        .unwrap();
    assert_eq!(now.items[0].monthly, Sek::from_kronor(389));
    assert_eq!(now.items[0].total_commitment, Sek::from_kronor(389 * 36));
    assert_eq!(later.items[0].monthly, Sek::from_kronor(399));
}

#[tokio::test]
async fn a_category_includes_its_subcategories_and_filters_combine() {
    let t = seeded().await;
    let computers = CatalogFilter {
        category: Some("DATORER".into()),
        ..Default::default()
    };
    let page = catalog_page(&anna(), &t.db, &CatalogCache::default(), computers, day(2026, 11, 24))
        .await
        .unwrap();
    assert_eq!(page.total, 8);
    let cheap_services = CatalogFilter {
        kind: Some("service".into()),
        max_price: Some(500),
        sort: SortOrder::PriceAsc,
        ..Default::default()
    };
    let page = catalog_page(
        &anna(),
        &t.db,
        &CatalogCache::default(),
        cheap_services,
        day(2026, 11, 24),
    )
    .await
    .unwrap();
    let prices: Vec<Sek> = page
        .items
        .iter()
        .map(|i| i.one_off.checked_add(i.monthly).unwrap())
        .collect();
    assert!(!prices.is_empty());
    assert!(prices.windows(2).all(|w| w[0] <= w[1]), "sorted by price: {prices:?}");
    assert!(prices.iter().all(|p| *p <= Sek::from_kronor(500)));
}

#[tokio::test]
async fn a_reversed_price_range_names_the_field() {
    let t = seeded().await;
    let f = CatalogFilter {
        min_price: Some(500),
        max_price: Some(100),
        ..Default::default()
    };
    let err = catalog_page(&anna(), &t.db, &CatalogCache::default(), f, day(2026, 11, 24))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("max_price"));
}

#[tokio::test]
async fn the_item_page_shows_bundle_rules_and_the_coming_price() {
    let t = seeded().await;
    let page = catalog_page(
        &anna(),
        &t.db,
        &CatalogCache::default(),
        CatalogFilter {
            q: Some("DL-5450".into()),
            ..Default::default()
        },
        day(2026, 11, 24),
    )
    .await
    .unwrap();
    let d = item_detail(&anna(), &t.db, page.items[0].id, day(2026, 11, 24))
        .await
        .unwrap();
    // What the server function and the API send reads back as it was (a
    // field twice, once flattened from the summary, would not).
    let sent = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<ItemDetail>(&sent).unwrap(), d);
    assert_eq!(d.summary.notice_months, 3);
    assert_eq!(d.upcoming_price.unwrap().valid_from, day(2027, 1, 1));
    assert_eq!(d.bundles[0].name, "Standardarbetsplats bärbar");
    assert!(d.bundles[0]
        .parts
        .iter()
        .any(|p| p.item.article_number == "DL-WD22TB4" && p.required));
    assert!(d.fits_with.iter().any(|i| i.article_number == "DL-WD22TB4"));
    assert_eq!(d.requires_one_of[0][0].article_number, "DL-WD22TB4");
}

#[tokio::test]
async fn api_pages_follow_each_other_and_an_unknown_item_is_not_found() {
    let t = seeded().await;
    let mut after = None;
    let mut seen = 0;
    loop {
        let list = list_items(
            &anna(),
            &t.db,
            &CatalogCache::default(),
            CatalogFilter::default(),
            after,
            10,
            day(2026, 11, 24),
        )
        .await
        .unwrap();
        seen += list.items.len();
        match list.next_cursor {
            Some(c) => after = c.parse().ok(),
            None => break,
        }
    }
    assert_eq!(seen, crate::demo::catalog::ITEMS.len());
    assert!(matches!(
        item_detail(&anna(), &t.db, 99_999, day(2026, 11, 24)).await,
        Err(AppError::NotFound { .. })
    ));
    assert_eq!(
        item_detail(&Ctx::anonymous(), &t.db, 1, day(2026, 11, 24))
            .await
            .unwrap_err(),
        AppError::Unauthorized
    );
}

#[tokio::test]
async fn an_item_is_active_until_retired_and_a_bundle_holds_its_main_item_and_required_parts() {
    use crate::entities::{bundle, bundle_item, item};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let t = seeded().await;
    let b = bundle::Entity::find()
        .filter(bundle::Column::Code.eq("STD-BARBAR"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let mut required: Vec<RequiredPart> = bundle_item::Entity::find()
        .filter(bundle_item::Column::BundleId.eq(b.id))
        .filter(bundle_item::Column::Required.eq(true))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| RequiredPart {
            item_id: p.item_id,
            quantity: p.quantity,
        })
        .collect();

    let mut contents = bundle_contents(&t.db, b.id).await.unwrap().unwrap();
    required.sort_by_key(|p| p.item_id);
    contents.required.sort_by_key(|p| p.item_id);

    assert_eq!(contents.main_item_id, b.main_item_id);
    assert!(!required.is_empty());
    assert_eq!(contents.required, required);
    assert!(bundle_contents(&t.db, 999_999).await.unwrap().is_none());
    assert!(item_is_active(&t.db, b.main_item_id).await.unwrap());
    assert!(!item_is_active(&t.db, 999_999).await.unwrap());
    bundle::Entity::update_many()
        .col_expr(bundle::Column::Active, Expr::value(false))
        .filter(bundle::Column::Id.eq(b.id))
        .exec(&t.db)
        .await
        .unwrap();
    item::Entity::update_many()
        .col_expr(item::Column::Active, Expr::value(false))
        .filter(item::Column::Id.eq(b.main_item_id))
        .exec(&t.db)
        .await
        .unwrap();
    assert!(bundle_contents(&t.db, b.id).await.unwrap().is_none());
    assert!(!item_is_active(&t.db, b.main_item_id).await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_requests_at_a_cold_start_cause_one_build_and_all_get_it() {
    let t = seeded().await;
    let cache = CatalogCache::with_ttl(std::time::Duration::from_secs(60));
    let db = std::sync::Arc::new(t.db.clone());
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (cache, db) = (cache.clone(), db.clone());
        tasks.push(tokio::spawn(
            async move { cache.get(db.as_ref(), day(2026, 11, 24)).await },
        ));
    }
    let mut versions = Vec::new();
    for task in tasks {
        let snapshot = task.await.unwrap().unwrap();
        versions.push(std::sync::Arc::as_ptr(&snapshot) as usize);
    }
    assert_eq!(cache.builds(), 1, "one build for fifty waiting requests");
    versions.dedup();
    assert_eq!(versions.len(), 1, "every request got the same snapshot");

    // A change made through this instance: fifty requests at once cause one
    // build more, and every one of them gets the changed catalogue (none is
    // answered from the stale copy while the build runs).
    super::snapshot::changed(&t.db, super::snapshot::Change::Whole)
        .await
        .unwrap();
    cache.invalidate();
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (cache, db) = (cache.clone(), db.clone());
        tasks.push(tokio::spawn(
            async move { cache.get(db.as_ref(), day(2026, 11, 24)).await },
        ));
    }
    let mut versions = Vec::new();
    for task in tasks {
        versions.push(task.await.unwrap().unwrap().version);
    }
    assert_eq!(cache.builds(), 2, "one build after the change");
    let now = cache.get(&t.db, day(2026, 11, 24)).await.unwrap().version;
    assert!(versions.iter().all(|v| *v == now), "{versions:?}");
    assert_eq!(cache.builds(), 2);

    // A copy that only aged past its time to live (a change made through
    // another instance) is answered from while one request checks: the
    // requests get the previous copy or the new one, and one build runs.
    let aging = CatalogCache::with_ttl(std::time::Duration::ZERO);
    let before = aging.get(&t.db, day(2026, 11, 24)).await.unwrap().version;
    super::snapshot::changed(&t.db, super::snapshot::Change::Whole)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (cache, db) = (aging.clone(), db.clone());
        tasks.push(tokio::spawn(
            async move { cache.get(db.as_ref(), day(2026, 11, 24)).await },
        ));
    }
    for task in tasks {
        let v = task.await.unwrap().unwrap().version;
        assert!(v == before || v == before + 1, "{v} after {before}");
    }
    assert_eq!(aging.get(&t.db, day(2026, 11, 24)).await.unwrap().version, before + 1);
}
