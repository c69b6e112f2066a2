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

#[tokio::test]
async fn a_pages_session_read_gives_the_same_counts_as_the_header_reads_alone() {
    use crate::auth::service::{resolve_session_with, start_session};
    use crate::state::AuthConfig;
    let t = demo_db().await;
    let cfg = AuthConfig::default();
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let me = anna.person_id().unwrap();
    crate::cart::service::add(&anna, &t.db, item_id(&t.db, "DL-WD22TB4").await, 4)
        .await
        .unwrap();
    notify::notify(&t.db, me, Kind::Decision, "Godkänd", "b", "/bestallningar/1")
        .await
        .unwrap();
    let with_session = |person: i32| {
        let (db, cfg) = (&t.db, &cfg);
        async move {
            let secret = start_session(db, cfg, person, None, None, None).await.unwrap();
            let (ctx, _, values) = resolve_session_with(db, cfg, &secret, None, columns)
                .await
                .unwrap()
                .expect("a live session");
            (from_columns(&ctx, &values), counts(&ctx, db).await.unwrap())
        }
    };
    let (read, alone) = with_session(me).await;
    assert_eq!(read, Some(alone), "the same counts, whichever statement reads them");
    assert_eq!(alone.cart, Some(4));
    assert!(alone.unread >= 1);

    // A person with several roles is one row per role: still their counts,
    // and no cart count for one who may not order.
    for username in ["per.svensson", "maria.nilsson", "lars.andersson"] {
        let person = person_ctx(&t.db, username).await;
        let (read, alone) = with_session(person.person_id().unwrap()).await;
        assert_eq!(read, Some(alone), "{username}");
        assert_eq!(
            alone.cart.is_some(),
            crate::ctx::require(&person, crate::domain::authz::Permission::Order).is_ok(),
            "{username}"
        );
    }

    // Without columns beside it, the session's read gives no values; an
    // unknown secret no session.
    let secret = start_session(&t.db, &cfg, me, None, None, None).await.unwrap();
    let (_, _, values) = resolve_session_with(&t.db, &cfg, &secret, None, |_| Vec::new())
        .await
        .unwrap()
        .unwrap();
    assert!(values.is_empty());
    assert!(resolve_session_with(&t.db, &cfg, "no-such-secret", None, columns)
        .await
        .unwrap()
        .is_none());
}
