//! The header's counts, on SQLite and PostgreSQL.

use super::*;
use crate::ctx::{Actor, Ctx};
use crate::domain::roles::Role;
use crate::notify::{dto::Kind, service as notify};
use crate::testing::{demo_db, item_id, person_ctx};

#[tokio::test]
async fn the_header_counts_the_callers_cart_units_and_unread_notifications_in_one_read() {
    let t = demo_db().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let me = anna.person_id().unwrap();
    let before = counts(&anna, &t.db).await.unwrap();
    assert_eq!(before.cart, Some(0), "an empty cart counts nothing");

    crate::cart::service::add(&anna, &t.db, item_id(&t.db, "DL-WD22TB4").await, 2)
        .await
        .unwrap();
    crate::cart::service::add(&anna, &t.db, item_id(&t.db, "JB-E40").await, 3)
        .await
        .unwrap();
    let first = notify::notify(&t.db, me, Kind::Decision, "Godkänd", "b", "/bestallningar/1")
        .await
        .unwrap();
    notify::notify(&t.db, me, Kind::Delivery, "Levererad", "b", "/bestallningar/1")
        .await
        .unwrap();
    notify::mark_read(&anna, &t.db, first).await.unwrap();
    let now = counts(&anna, &t.db).await.unwrap();
    assert_eq!(now.cart, Some(5), "every unit in the cart");
    assert_eq!(now.unread, before.unread + 1, "the read one is not counted");
    assert_eq!(now.cart, Some(crate::cart::service::count(&anna, &t.db).await.unwrap()));
    assert_eq!(now.unread, notify::unread_count(&anna, &t.db).await.unwrap());

    // Someone else's counts are their own.
    let erik = person_ctx(&t.db, "erik.johansson").await;
    let theirs = counts(&erik, &t.db).await.unwrap();
    assert_eq!(theirs.unread, notify::unread_count(&erik, &t.db).await.unwrap());
    assert_ne!(theirs.cart, Some(5));

    // A caller who may not order has no cart count; an anonymous one none.
    let no_orders = Ctx {
        roles: anna.roles.iter().copied().filter(|r| *r != Role::Requester).collect(),
        ..anna.clone()
    };
    let without = counts(&no_orders, &t.db).await.unwrap();
    assert_eq!(
        without,
        HeaderCounts {
            cart: None,
            unread: now.unread
        }
    );
    assert_eq!(
        counts(&Ctx::anonymous(), &t.db).await.unwrap_err(),
        AppError::Unauthorized
    );
    let supplier = Ctx {
        actor: Actor::Supplier {
            token_id: 1,
            supplier_id: 1,
            name: None,
        },
        ..anna.clone()
    };
    assert_eq!(counts(&supplier, &t.db).await.unwrap_err(), AppError::Unauthorized);
}
