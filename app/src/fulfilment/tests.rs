//! Service tests of fulfilment, on SQLite and PostgreSQL, on the demo
//! region: Anna Lindqvist orders a Dell Latitude (Atea) and its dock
//! (Dustin) on Kardiologi; Erik Johansson attests it; each supplier then
//! reports over its integration key.

use super::dto::{EventLine, EventOutcome, SupplierEventInput, SupplierEventType};
use super::service::{keys, parts_of, supplier};
use crate::ctx::Ctx;
use crate::domain::attest::Decision;
use crate::domain::orders::{OrderStatus, Quantity};
use crate::entities::{item, order_event};
use crate::error::AppError;
use crate::orders::dto::{LineInput, OrderInput};
use crate::orders::in_flight::InFlight;
use crate::testing::{demo_db, TestDb};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn who(t: &TestDb, username: &str) -> Ctx {
    crate::testing::person_ctx(&t.db, username).await
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Anna's order of a laptop (Atea) and a dock (Dustin), attested by Erik;
/// its id.
async fn attested_order(t: &TestDb) -> i32 {
    attested_order_for(t, None).await
}

/// The same, to `recipient` (Anna herself when `None`).
async fn attested_order_for(t: &TestDb, recipient: Option<&str>) -> i32 {
    let anna = who(t, "anna.lindqvist").await;
    let opts = crate::orders::service::checkout_options(&anna, &t.db, None)
        .await
        .unwrap();
    let center = opts.cost_centers.iter().find(|c| c.code == "41210").unwrap().id;
    let mut lines = vec![];
    for number in ["DL-5450", "DL-WD22TB4"] {
        let id = item::Entity::find()
            .filter(item::Column::ArticleNumber.eq(number))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        lines.push(LineInput {
            item_id: id,
            quantity: Quantity::new(1).unwrap(),
        });
    }
    let recipient_id = match recipient {
        Some(u) => who(t, u).await.person_id().unwrap(),
        None => anna.person_id().unwrap(),
    };
    let input = OrderInput {
        recipient_id,
        cost_center_id: center,
        address_id: Some(opts.addresses[0].id),
        contact_name: opts.recipient.name.clone(),
        contact_phone: "021-17 52 10".into(),
        wanted_date: "2027-01-11".into(),
        lines,
        ..Default::default()
    };
    let key = uuid::Uuid::new_v4().to_string();
    let o = crate::orders::service::submit(&anna, &t.db, &InFlight::default(), input, &key, today())
        .await
        .unwrap();
    let erik = who(t, "erik.johansson").await;
    crate::attest::service::decide(&erik, &t.db, o.summary.id, Decision::Approve, "")
        .await
        .unwrap();
    o.summary.id
}

/// A key for the supplier named `name`, created by the administrator, and
/// the caller behind it.
async fn supplier_ctx(t: &TestDb, name: &str) -> (Ctx, String) {
    let per = who(t, "per.svensson").await;
    let page = keys::page(&per, &t.db).await.unwrap();
    let id = page.suppliers.iter().find(|(_, n)| n == name).unwrap().0;
    let created = keys::create(&per, &t.db, id, "Ordersystem").await.unwrap();
    let ctx = keys::resolve(&t.db, &created.secret, None).await.unwrap();
    (ctx, created.secret)
}

fn ev(id: &str, order_id: i32, kind: SupplierEventType, at: chrono::DateTime<Utc>) -> SupplierEventInput {
    SupplierEventInput {
        event_id: id.into(),
        order_id,
        kind,
        occurred_at: at,
        expected_delivery: None,
        tracking_number: None,
        reason: None,
        lines: vec![],
    }
}

async fn status(t: &TestDb, id: i32) -> OrderStatus {
    crate::orders::service::lifecycle::facts(&t.db, id)
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn an_attested_order_is_split_per_supplier_and_follows_its_parts_to_delivered() {
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let parts = parts_of(&t.db, id).await.unwrap();
    assert_eq!(
        parts.iter().map(|p| (p.supplier.as_str(), p.state)).collect::<Vec<_>>(),
        vec![
            ("Atea Sverige AB", OrderStatus::Attested),
            ("Dustin Sverige AB", OrderStatus::Attested)
        ]
    );
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    let (dustin, _) = supplier_ctx(&t, "Dustin Sverige AB").await;

    // Each supplier sees its own part only, with what it needs to deliver.
    let page = supplier::orders(&atea, &t.db, None, None).await.unwrap();
    assert_eq!(page.orders.len(), 1);
    let mine = &page.orders[0];
    assert_eq!(mine.order_id, id);
    assert_eq!(
        mine.lines.iter().map(|l| l.article_number.as_str()).collect::<Vec<_>>(),
        vec!["DL-5450"]
    );
    assert!(mine.delivery_address.contains(','), "{}", mine.delivery_address);
    assert_eq!(mine.contact_phone, "021-17 52 10");
    let laptop_line = mine.lines[0].line_id;

    supplier::ack(&atea, &t.db, id).await.unwrap();
    assert_eq!(
        status(&t, id).await,
        OrderStatus::Attested,
        "Dustin has not taken its part"
    );
    supplier::ack(&dustin, &t.db, id).await.unwrap();
    assert_eq!(status(&t, id).await, OrderStatus::SentToSupplier);
    assert!(supplier::orders(&atea, &t.db, None, None)
        .await
        .unwrap()
        .orders
        .is_empty());

    let now = Utc::now();
    let mut confirmed = ev("a-1", id, SupplierEventType::Confirmed, now - Duration::hours(5));
    confirmed.expected_delivery = Some(today() + Duration::days(7));
    let first = supplier::event(&atea, &t.db, confirmed.clone()).await.unwrap();
    assert_eq!((first.state, first.applied), (OrderStatus::Confirmed, true));
    // A repeat answers the same and changes nothing.
    let steps = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .all(&t.db)
        .await
        .unwrap()
        .len();
    assert_eq!(supplier::event(&atea, &t.db, confirmed).await.unwrap(), first);
    let after = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .all(&t.db)
        .await
        .unwrap()
        .len();
    assert_eq!(after, steps);

    let mut shipped = ev("a-2", id, SupplierEventType::Shipped, now - Duration::hours(3));
    shipped.tracking_number = Some("PN123456789SE".into());
    supplier::event(&atea, &t.db, shipped).await.unwrap();
    let mut delivered = ev("a-3", id, SupplierEventType::Delivered, now - Duration::hours(1));
    delivered.lines = vec![EventLine {
        line_id: laptop_line,
        serial_numbers: vec!["5CG1234XYZ".into()],
    }];
    supplier::event(&atea, &t.db, delivered).await.unwrap();
    // An older event arriving late is on the timeline and changes nothing.
    let mut late = ev("a-0", id, SupplierEventType::Backordered, now - Duration::hours(4));
    late.expected_delivery = Some(today() + Duration::days(20));
    let late = supplier::event(&atea, &t.db, late).await.unwrap();
    assert_eq!((late.state, late.applied), (OrderStatus::Delivered, false));

    assert_eq!(
        status(&t, id).await,
        OrderStatus::SentToSupplier,
        "the dock is not delivered"
    );
    let mut dock = ev("d-1", id, SupplierEventType::Delivered, now);
    dock.lines = vec![];
    supplier::event(&dustin, &t.db, dock).await.unwrap();
    assert_eq!(status(&t, id).await, OrderStatus::Delivered);

    let parts = parts_of(&t.db, id).await.unwrap();
    assert_eq!(parts[0].tracking_number.as_deref(), Some("PN123456789SE"));
    assert_eq!(parts[0].expected_delivery, Some(today() + Duration::days(7)));
    let delivered = supplier::orders(&atea, &t.db, Some("delivered"), None).await.unwrap();
    assert_eq!(delivered.orders[0].lines[0].serial_numbers, vec!["5CG1234XYZ"]);

    // The trail: the attestation was a person's touch, the suppliers' steps not.
    let trail = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .order_by_asc(order_event::Column::Id)
        .all(&t.db)
        .await
        .unwrap();
    let touched: Vec<(&str, bool)> = trail.iter().map(|e| (e.actor_kind.as_str(), e.human_touch)).collect();
    assert_eq!(touched[0], ("person", false), "submitting is not a touch");
    assert!(touched.contains(&("person", true)), "the attestation: {touched:?}");
    assert!(trail
        .iter()
        .filter(|e| e.actor_kind == "supplier")
        .all(|e| !e.human_touch));
    assert!(trail.iter().any(|e| e.comment.contains("PN123456789SE")));

    // And Anna was told.
    let anna = who(&t, "anna.lindqvist").await;
    let notices = crate::notify::service::list(&anna, &t.db, 50).await.unwrap().items;
    assert!(
        notices.iter().any(|n| n.title.contains("levererad")),
        "{:?}",
        notices.iter().map(|n| &n.title).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn another_suppliers_order_is_not_found_and_impossible_steps_answer_the_state() {
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    let (telia, _) = supplier_ctx(&t, "Telia Sverige AB").await;
    assert!(matches!(
        supplier::ack(&telia, &t.db, id).await,
        Err(AppError::NotFound { .. })
    ));
    let shipped = ev("x-1", id, SupplierEventType::Shipped, Utc::now());
    match supplier::event(&atea, &t.db, shipped.clone()).await {
        Err(AppError::StateConflict { state, .. }) => assert_eq!(state, "attested"),
        other => panic!("shipped before acknowledged: {other:?}"),
    }
    // Nothing of the refused event was kept: once acknowledged it applies.
    supplier::ack(&atea, &t.db, id).await.unwrap();
    assert_eq!(
        supplier::event(&atea, &t.db, shipped).await.unwrap().state,
        OrderStatus::Shipped
    );
    match supplier::ack(&atea, &t.db, id).await {
        Err(AppError::StateConflict { state, .. }) => assert_eq!(state, "shipped"),
        other => panic!("acknowledged twice: {other:?}"),
    }
    let mut rejected = ev("x-2", id, SupplierEventType::Rejected, Utc::now());
    rejected.reason = Some("Slut i lager".into());
    assert!(matches!(
        supplier::event(&atea, &t.db, rejected).await,
        Err(AppError::StateConflict { .. })
    ));
}

#[tokio::test]
async fn malformed_events_are_refused_with_the_field() {
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    supplier::ack(&atea, &t.db, id).await.unwrap();
    let field = |r: Result<EventOutcome, AppError>| r.unwrap_err().field().map(str::to_owned);
    let confirmed = ev("m-1", id, SupplierEventType::Confirmed, Utc::now());
    assert_eq!(
        field(supplier::event(&atea, &t.db, confirmed.clone()).await).as_deref(),
        Some("expected_delivery")
    );
    let mut far = confirmed.clone();
    far.expected_delivery = Some(today() + Duration::days(3_000));
    assert_eq!(
        field(supplier::event(&atea, &t.db, far).await).as_deref(),
        Some("expected_delivery")
    );
    let mut future = confirmed.clone();
    future.expected_delivery = Some(today() + Duration::days(3));
    future.occurred_at = Utc::now() + Duration::days(1);
    assert_eq!(
        field(supplier::event(&atea, &t.db, future).await).as_deref(),
        Some("occurred_at")
    );
    let mut no_id = confirmed.clone();
    no_id.event_id = " ".into();
    assert_eq!(
        field(supplier::event(&atea, &t.db, no_id).await).as_deref(),
        Some("event_id")
    );
    let mut other_line = ev("m-2", id, SupplierEventType::Delivered, Utc::now());
    other_line.lines = vec![EventLine {
        line_id: i32::MAX,
        serial_numbers: vec!["X".into()],
    }];
    assert_eq!(
        field(supplier::event(&atea, &t.db, other_line).await).as_deref(),
        Some("lines")
    );
    let rejected = ev("m-3", id, SupplierEventType::Rejected, Utc::now());
    assert_eq!(
        field(supplier::event(&atea, &t.db, rejected).await).as_deref(),
        Some("reason")
    );
    assert!(matches!(
        supplier::orders(&atea, &t.db, Some("bortglömd"), None).await,
        Err(AppError::Validation { .. })
    ));
    assert!(matches!(
        supplier::orders(&atea, &t.db, None, Some("abc")).await,
        Err(AppError::Validation { .. })
    ));
}

#[tokio::test]
async fn an_event_sent_twice_at_once_is_applied_once() {
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    supplier::ack(&atea, &t.db, id).await.unwrap();
    for round in 0..5 {
        let mut e = ev(&format!("twin-{round}"), id, SupplierEventType::Backordered, Utc::now());
        e.expected_delivery = Some(today() + Duration::days(10 + round));
        let (a, b) = tokio::join!(
            supplier::event(&atea, &t.db, e.clone()),
            supplier::event(&atea, &t.db, e.clone())
        );
        assert_eq!(a.unwrap(), b.unwrap(), "round {round}: both get the one answer");
    }
    let backorders = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .filter(order_event::Column::Comment.contains("restnoterar"))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(backorders.len(), 5, "one step per event id");
}

#[tokio::test]
async fn only_an_administrator_makes_supplier_keys_and_a_revoked_key_is_refused() {
    let t = demo_db().await;
    let maria = who(&t, "maria.nilsson").await;
    assert!(matches!(keys::page(&maria, &t.db).await, Err(AppError::Forbidden)));
    assert!(keys::create(&maria, &t.db, 1, "x").await.is_err());
    let per = who(&t, "per.svensson").await;
    assert_eq!(
        keys::create(&per, &t.db, i32::MAX, "x").await.unwrap_err().field(),
        Some("supplier_id")
    );
    let (ctx, secret) = supplier_ctx(&t, "Atea Sverige AB").await;
    assert!(ctx.supplier_id().is_some() && !ctx.is_signed_in() && ctx.person_id().is_none());
    let id = keys::page(&per, &t.db).await.unwrap().keys[0].id;
    keys::revoke(&per, &t.db, id).await.unwrap();
    assert!(matches!(
        keys::resolve(&t.db, &secret, None).await,
        Err(AppError::Unauthorized)
    ));
    assert!(matches!(
        keys::resolve(&t.db, "avrop-lev_fel", None).await,
        Err(AppError::Unauthorized)
    ));
    // A person's key is not a supplier's, nor the other way round.
    assert!(matches!(
        keys::resolve(&t.db, "avrop_abc", None).await,
        Err(AppError::Unauthorized)
    ));
    assert!(supplier::orders(&per, &t.db, None, None).await.is_err());
}

#[tokio::test]
async fn a_coordinator_records_a_suppliers_steps_by_hand_with_a_reason_as_a_human_touch() {
    use super::service::manual::{handle, ManualInput};
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let maria = who(&t, "maria.nilsson").await;
    let atea = keys::page(&who(&t, "per.svensson").await, &t.db)
        .await
        .unwrap()
        .suppliers
        .into_iter()
        .find(|(_, n)| n == "Atea Sverige AB")
        .unwrap()
        .0;
    let input = |action: &str, reason: &str| ManualInput {
        supplier_id: atea,
        action: action.into(),
        reason: reason.into(),
        expected_delivery: None,
        tracking_number: None,
    };
    let field = |e: AppError| e.field().map(str::to_owned);
    assert_eq!(
        field(handle(&maria, &t.db, id, input("ack", " ")).await.unwrap_err()).as_deref(),
        Some("reason")
    );
    assert_eq!(
        field(handle(&maria, &t.db, id, input("explode", "x")).await.unwrap_err()).as_deref(),
        Some("action")
    );
    handle(&maria, &t.db, id, input("ack", "Beställd per e-post"))
        .await
        .unwrap();
    assert_eq!(
        field(
            handle(&maria, &t.db, id, input("confirm", "Per telefon"))
                .await
                .unwrap_err()
        )
        .as_deref(),
        Some("expected_delivery")
    );
    let mut confirm = input("confirm", "Per telefon");
    confirm.expected_delivery = Some(today() + Duration::days(5));
    handle(&maria, &t.db, id, confirm).await.unwrap();
    // A step the part cannot take is refused with its state.
    match handle(&maria, &t.db, id, input("close", "För tidigt")).await {
        Err(AppError::StateConflict { state, .. }) => assert_eq!(state, "confirmed"),
        other => panic!("closed before delivered: {other:?}"),
    }
    let parts = parts_of(&t.db, id).await.unwrap();
    assert_eq!(parts[0].state, OrderStatus::Confirmed);
    let step = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .order_by_desc(order_event::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((step.actor_kind.as_str(), step.human_touch), ("person", true));
    assert!(
        step.comment.contains("för hand, Atea Sverige AB") && step.comment.contains("Per telefon"),
        "{}",
        step.comment
    );

    // Only coordinators, and never on an order of their own.
    let anna = who(&t, "anna.lindqvist").await;
    assert!(matches!(
        handle(&anna, &t.db, id, input("ship", "x")).await,
        Err(AppError::Forbidden)
    ));
    let hers = attested_order_for(&t, Some("maria.nilsson")).await;
    assert!(matches!(
        handle(&maria, &t.db, hers, input("ack", "x")).await,
        Err(AppError::ForbiddenWithMessage { .. })
    ));
}
