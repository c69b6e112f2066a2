//! Service tests of the cart, on the demo catalogue.

use super::service::*;
use crate::ctx::{Actor, Ctx};
use crate::domain::money::Sek;
use crate::entities::{bundle, item};
use crate::error::AppError;
use crate::testing::test_db;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};

async fn setup() -> (crate::testing::TestDb, Ctx, HashMap<String, i32>) {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    let anna = crate::entities::person::Entity::find()
        .filter(crate::entities::person::Column::Username.eq("anna.lindqvist"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let ctx = Ctx {
        actor: Actor::Person {
            id: anna.id,
            username: anna.username,
        },
        roles: vec![crate::domain::roles::Role::Requester],
        ip: None,
    };
    let ids = item::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.article_number, i.id))
        .collect();
    (t, ctx, ids)
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

#[tokio::test]
async fn a_bundle_adds_its_main_and_required_items_and_breaks_no_rule() {
    let (t, ctx, _) = setup().await;
    let b = bundle::Entity::find()
        .filter(bundle::Column::Code.eq("STD-BARBAR"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    add_bundle(&ctx, &t.db, b.id).await.unwrap();
    let cart = get(&ctx, &t.db, day()).await.unwrap();
    let articles: Vec<&str> = cart.lines.iter().map(|l| l.item.article_number.as_str()).collect();
    assert_eq!(
        articles,
        vec!["DL-5450", "DL-WD22TB4", "DL-P2425H", "LG-MK295", "TJ-INST"]
    );
    assert!(cart.problems.is_empty(), "{:?}", cart.problems);
    // 2 890 + 2 190 + 399 + 950 one-off; 389/month × 36 for the laptop.
    assert_eq!(cart.one_off, Sek::from_kronor(6429));
    assert_eq!(cart.monthly, Sek::from_kronor(389));
    assert_eq!(cart.commitment, Sek::from_kronor(6429 + 389 * 36));
}

#[tokio::test]
async fn removing_the_dock_explains_what_is_missing_and_offers_it() {
    let (t, ctx, ids) = setup().await;
    add(&ctx, &t.db, ids["DL-5450"], 1).await.unwrap();
    let cart = get(&ctx, &t.db, day()).await.unwrap();
    assert_eq!(cart.problems.len(), 1);
    assert_eq!(
        cart.problems[0].message,
        "Dell Latitude 5450 kräver Dell WD22TB4 Thunderbolt-docka i samma beställning."
    );
    assert_eq!(cart.problems[0].rule, "Behöver något mer");
    assert_eq!(cart.fixes.len(), 1);
    assert_eq!(cart.fixes[0].item.article_number, "DL-WD22TB4");
    add(&ctx, &t.db, ids["DL-WD22TB4"], 1).await.unwrap();
    assert!(get(&ctx, &t.db, day()).await.unwrap().problems.is_empty());
}

#[tokio::test]
async fn two_screens_and_a_laptop_without_a_dock_are_two_problems_and_the_dock_is_offered_once() {
    let (t, ctx, ids) = setup().await;
    for a in ["DL-5450", "DL-P2425H", "DL-P2725H"] {
        add(&ctx, &t.db, ids[a], 1).await.unwrap();
    }
    let cart = get(&ctx, &t.db, day()).await.unwrap();
    let messages: Vec<&str> = cart.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Dell P2425H") && m.contains(" och Dell P2725H") && m.contains(" kräver ")),
        "{messages:?}"
    );
    let offered: Vec<&str> = cart.fixes.iter().map(|f| f.item.article_number.as_str()).collect();
    let unique: BTreeSet<&str> = offered.iter().copied().collect();
    assert_eq!(offered.len(), unique.len(), "each fix once: {offered:?}");
    assert_eq!(offered.len(), 6, "{offered:?}");
    // The dock fixes both problems and comes first.
    assert_eq!(offered[0], "DL-WD22TB4");
    assert_eq!(cart.fixes[0].solves, 2);
    assert!(cart.fixes[1..].iter().all(|f| f.solves == 1));
}

#[tokio::test]
async fn a_dock_for_another_brand_does_not_fit() {
    let (t, ctx, ids) = setup().await;
    add(&ctx, &t.db, ids["HP-840"], 1).await.unwrap();
    add(&ctx, &t.db, ids["DL-WD22TB4"], 1).await.unwrap();
    let cart = get(&ctx, &t.db, day()).await.unwrap();
    let messages: Vec<&str> = cart.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        messages.contains(&"Dell WD22TB4 Thunderbolt-docka passar inte till HP EliteBook 840 G11. Den passar bara till Dell Latitude 5450 eller Dell Latitude 7450."),
        "{messages:?}"
    );
}

#[tokio::test]
async fn quantities_add_up_and_zero_removes_and_limits_are_checked() {
    let (t, ctx, ids) = setup().await;
    let dock = ids["DL-WD22TB4"];
    add(&ctx, &t.db, dock, 2).await.unwrap();
    add(&ctx, &t.db, dock, 3).await.unwrap();
    assert_eq!(get(&ctx, &t.db, day()).await.unwrap().lines[0].quantity, 5);
    add(&ctx, &t.db, ids["JB-E40"], 1).await.unwrap();
    assert_eq!(count(&ctx, &t.db).await.unwrap(), 6, "the header's count is every unit");
    set_quantity(&ctx, &t.db, ids["JB-E40"], 0).await.unwrap();
    assert_eq!(
        set_quantity(&ctx, &t.db, dock, 1000).await.unwrap_err().field(),
        Some("quantity")
    );
    set_quantity(&ctx, &t.db, dock, 0).await.unwrap();
    assert!(get(&ctx, &t.db, day()).await.unwrap().lines.is_empty());
    assert!(matches!(
        add(&ctx, &t.db, 999_999, 1).await,
        Err(AppError::NotFound { .. })
    ));
}

#[tokio::test]
async fn adds_at_once_cannot_pass_the_cap_together() {
    let (t, ctx, ids) = setup().await;
    let dock = ids["DL-WD22TB4"];
    add(&ctx, &t.db, dock, 500).await.unwrap();
    let (a, b) = tokio::join!(add(&ctx, &t.db, dock, 499), add(&ctx, &t.db, dock, 499));
    assert!(a.is_ok() || b.is_ok());
    let quantity = get(&ctx, &t.db, day()).await.unwrap().lines[0].quantity;
    assert_eq!(quantity, 999);
}

#[tokio::test]
async fn each_person_has_their_own_cart() {
    let (t, ctx, ids) = setup().await;
    add(&ctx, &t.db, ids["JB-E40"], 1).await.unwrap();
    let other = Ctx {
        actor: Actor::Person {
            id: ctx.person_id().unwrap() + 1,
            username: "x".into(),
        },
        ..ctx.clone()
    };
    assert!(get(&other, &t.db, day()).await.unwrap().lines.is_empty());
    assert_eq!(count(&other, &t.db).await.unwrap(), 0);
    assert_eq!(
        get(&Ctx::anonymous(), &t.db, day()).await.unwrap_err(),
        AppError::Unauthorized
    );
}
