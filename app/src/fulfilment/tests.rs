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

/// Anna's order of a laptop and a dock on 41210, submitted (to `recipient`,
/// or herself): its id and status.
async fn submitted_order(t: &TestDb, recipient: Option<&str>) -> (i32, OrderStatus) {
    let o = submitted_replacing(t, recipient, None).await.unwrap();
    (o.summary.id, o.summary.status)
}

/// The same, replacing asset `replaces` ("Byt ut") when given.
async fn submitted_replacing(
    t: &TestDb,
    recipient: Option<&str>,
    replaces: Option<i32>,
) -> Result<crate::orders::dto::OrderDetail, crate::error::AppError> {
    submitted_of(t, recipient, replaces, 1).await
}

/// The same, `quantity` of each.
async fn submitted_of(
    t: &TestDb,
    recipient: Option<&str>,
    replaces: Option<i32>,
    quantity: i32,
) -> Result<crate::orders::dto::OrderDetail, crate::error::AppError> {
    let anna = who(t, "anna.lindqvist").await;
    let opts = crate::orders::service::checkout_options(&anna, &t.db, None, None)
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
            quantity: Quantity::new(quantity).unwrap(),
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
        wanted_date: String::new(),
        lines,
        replaces_asset_id: replaces,
        ..Default::default()
    };
    let key = uuid::Uuid::new_v4().to_string();
    crate::orders::service::submit(&anna, &t.db, &InFlight::default(), input, &key, today()).await
}

/// The same, to `recipient` (Anna herself when `None`), attested by Erik.
async fn attested_order_for(t: &TestDb, recipient: Option<&str>) -> i32 {
    let (id, _) = submitted_order(t, recipient).await;
    let erik = who(t, "erik.johansson").await;
    crate::attest::service::decide(&erik, &t.db, id, Decision::Approve, "")
        .await
        .unwrap();
    id
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
    let first = supplier::event(&atea, &t.db, &Default::default(), confirmed.clone())
        .await
        .unwrap();
    assert_eq!((first.state, first.applied), (OrderStatus::Confirmed, true));
    // A repeat answers the same and changes nothing.
    let steps = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .all(&t.db)
        .await
        .unwrap()
        .len();
    assert_eq!(
        supplier::event(&atea, &t.db, &Default::default(), confirmed)
            .await
            .unwrap(),
        first
    );
    let after = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .all(&t.db)
        .await
        .unwrap()
        .len();
    assert_eq!(after, steps);

    let mut shipped = ev("a-2", id, SupplierEventType::Shipped, now - Duration::hours(3));
    shipped.tracking_number = Some("PN123456789SE".into());
    supplier::event(&atea, &t.db, &Default::default(), shipped)
        .await
        .unwrap();
    let mut delivered = ev("a-3", id, SupplierEventType::Delivered, now - Duration::hours(1));
    delivered.lines = vec![EventLine {
        line_id: laptop_line,
        serial_numbers: vec!["5CG1234XYZ".into()],
    }];
    supplier::event(&atea, &t.db, &Default::default(), delivered)
        .await
        .unwrap();
    // An older event arriving late is on the timeline and changes nothing.
    let mut late = ev("a-0", id, SupplierEventType::Backordered, now - Duration::hours(4));
    late.expected_delivery = Some(today() + Duration::days(20));
    let late = supplier::event(&atea, &t.db, &Default::default(), late).await.unwrap();
    assert_eq!((late.state, late.applied), (OrderStatus::Delivered, false));

    assert_eq!(
        status(&t, id).await,
        OrderStatus::SentToSupplier,
        "the dock is not delivered"
    );
    let mut dock = ev("d-1", id, SupplierEventType::Delivered, now);
    dock.lines = vec![];
    supplier::event(&dustin, &t.db, &Default::default(), dock)
        .await
        .unwrap();
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
    match supplier::event(&atea, &t.db, &Default::default(), shipped.clone()).await {
        Err(AppError::StateConflict { state, .. }) => assert_eq!(state, "attested"),
        other => panic!("shipped before acknowledged: {other:?}"),
    }
    // Nothing of the refused event was kept: once acknowledged it applies.
    supplier::ack(&atea, &t.db, id).await.unwrap();
    assert_eq!(
        supplier::event(&atea, &t.db, &Default::default(), shipped)
            .await
            .unwrap()
            .state,
        OrderStatus::Shipped
    );
    match supplier::ack(&atea, &t.db, id).await {
        Err(AppError::StateConflict { state, .. }) => assert_eq!(state, "shipped"),
        other => panic!("acknowledged twice: {other:?}"),
    }
    let mut rejected = ev("x-2", id, SupplierEventType::Rejected, Utc::now());
    rejected.reason = Some("Slut i lager".into());
    assert!(matches!(
        supplier::event(&atea, &t.db, &Default::default(), rejected).await,
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
        field(supplier::event(&atea, &t.db, &Default::default(), confirmed.clone()).await).as_deref(),
        Some("expected_delivery")
    );
    let mut far = confirmed.clone();
    far.expected_delivery = Some(today() + Duration::days(3_000));
    assert_eq!(
        field(supplier::event(&atea, &t.db, &Default::default(), far).await).as_deref(),
        Some("expected_delivery")
    );
    let mut future = confirmed.clone();
    future.expected_delivery = Some(today() + Duration::days(3));
    future.occurred_at = Utc::now() + Duration::days(1);
    assert_eq!(
        field(supplier::event(&atea, &t.db, &Default::default(), future).await).as_deref(),
        Some("occurred_at")
    );
    let mut no_id = confirmed.clone();
    no_id.event_id = " ".into();
    assert_eq!(
        field(supplier::event(&atea, &t.db, &Default::default(), no_id).await).as_deref(),
        Some("event_id")
    );
    let mut other_line = ev("m-2", id, SupplierEventType::Delivered, Utc::now());
    other_line.lines = vec![EventLine {
        line_id: i32::MAX,
        serial_numbers: vec!["X".into()],
    }];
    assert_eq!(
        field(supplier::event(&atea, &t.db, &Default::default(), other_line).await).as_deref(),
        Some("lines")
    );
    let rejected = ev("m-3", id, SupplierEventType::Rejected, Utc::now());
    assert_eq!(
        field(supplier::event(&atea, &t.db, &Default::default(), rejected).await).as_deref(),
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
    // Rounds 0–4 as two instances would see them (each its own map of
    // events in progress: the database claim decides), 5–7 as one.
    let one_instance = supplier::SupplierEvents::default();
    for round in 0..8 {
        let mut e = ev(&format!("twin-{round}"), id, SupplierEventType::Backordered, Utc::now());
        e.expected_delivery = Some(today() + Duration::days(10 + round));
        let (first, second) = if round < 5 {
            (supplier::SupplierEvents::default(), supplier::SupplierEvents::default())
        } else {
            (one_instance.clone(), one_instance.clone())
        };
        let (a, b) = tokio::join!(
            supplier::event(&atea, &t.db, &first, e.clone()),
            supplier::event(&atea, &t.db, &second, e.clone())
        );
        assert_eq!(a.unwrap(), b.unwrap(), "round {round}: both get the one answer");
    }
    let backorders = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .filter(order_event::Column::Comment.contains("restnoterar"))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(backorders.len(), 8, "one step per event id");
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

// The coordinators' workspace: queues, filters, target times, taking,
// saved filters, CSV; and deviations.

use super::dto::QueueFilter;
use super::service::{deviations, queue};

fn filter(queue: &str) -> QueueFilter {
    QueueFilter {
        queue: queue.into(),
        ..Default::default()
    }
}

fn numbers(p: &super::dto::QueuePage) -> Vec<i32> {
    p.rows.iter().map(|r| r.id).collect()
}

fn field_of(e: &AppError) -> Option<&str> {
    e.field()
}

#[tokio::test]
async fn the_queue_shows_an_attested_order_with_counts_and_every_filter_narrows_it() {
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let maria = who(&t, "maria.nilsson").await;

    let open = queue::page(&maria, &t.db, filter("")).await.unwrap();
    assert!(numbers(&open).contains(&id));
    let count = |p: &super::dto::QueuePage, code: &str| p.queues.iter().find(|q| q.code == code).unwrap().count;
    assert_eq!(count(&open, "attested"), 1);
    assert_eq!(
        count(&open, "oppna"),
        count(&open, "awaiting_attestation") + 1 + count(&open, "sent_to_supplier")
    );
    let row = open.rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(row.status, OrderStatus::Attested);
    assert_eq!(row.suppliers, "Atea Sverige AB, Dustin Sverige AB");
    assert_eq!((row.age, row.target, row.overdue), (0, Some(1), false));

    let in_queue = |f: QueueFilter| {
        let maria = maria.clone();
        let db = t.db.clone();
        async move { numbers(&queue::page(&maria, &db, f).await.unwrap()).contains(&id) }
    };
    let atea = open
        .options
        .suppliers
        .iter()
        .find(|(_, n)| n == "Atea Sverige AB")
        .unwrap()
        .0;
    let other = open
        .options
        .suppliers
        .iter()
        .find(|(_, n)| !n.contains("Atea") && !n.contains("Dustin"))
        .unwrap()
        .0;
    assert!(
        in_queue(QueueFilter {
            supplier: atea.to_string(),
            ..filter("attested")
        })
        .await
    );
    assert!(
        !in_queue(QueueFilter {
            supplier: other.to_string(),
            ..filter("attested")
        })
        .await
    );
    assert!(
        in_queue(QueueFilter {
            cost_center: "41210".into(),
            ..filter("")
        })
        .await
    );
    assert!(!in_queue(filter("confirmed")).await, "another status's queue");
    assert!(!in_queue(filter("saknar_attestant")).await);
    assert!(
        !in_queue(QueueFilter {
            deviation: true,
            ..filter("")
        })
        .await,
        "no deviation yet"
    );
    assert!(
        !in_queue(QueueFilter {
            mine: true,
            ..filter("")
        })
        .await,
        "nobody has taken it"
    );
    assert!(
        !in_queue(QueueFilter {
            overdue: true,
            ..filter("")
        })
        .await,
        "attested today"
    );
    let category = open
        .options
        .categories
        .iter()
        .find(|(_, n)| n.starts_with("Datorer"))
        .unwrap()
        .0;
    assert!(
        in_queue(QueueFilter {
            category: category.to_string(),
            ..filter("")
        })
        .await
    );

    // An administration's filter: the order's förvaltning has it, another not.
    let (mut with, mut without) = (false, false);
    for (adm, _) in &open.options.administrations {
        if in_queue(QueueFilter {
            administration: adm.to_string(),
            ..filter("")
        })
        .await
        {
            with = true;
        } else {
            without = true;
        }
    }
    assert!(with && without);
}

#[tokio::test]
async fn the_category_filter_counts_and_pages_the_open_orders_with_an_item_in_the_category_or_below() {
    use crate::entities::category;
    use crate::orders::service::queue as orders_queue;
    let t = demo_db().await;
    let attested = attested_order(&t).await;
    let (waiting, status) = submitted_order(&t, None).await;
    assert_eq!(status, OrderStatus::AwaitingAttestation);
    let maria = who(&t, "maria.nilsson").await;
    let laptop = item::Entity::find()
        .filter(item::Column::ArticleNumber.eq("DL-5450"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let own = category::Entity::find_by_id(laptop.category_id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let count = |p: &super::dto::QueuePage, code: &str| p.queues.iter().find(|q| q.code == code).unwrap().count;
    let with = |category: i32, queue: &str| QueueFilter {
        category: category.to_string(),
        ..filter(queue)
    };
    // The laptop's category, and the one above it when it has one: both
    // orders, oldest in its status first, the attested one's status since
    // its attestation, before the second order was sent.
    for c in std::iter::once(own.id).chain(own.parent_id) {
        let p = queue::page(&maria, &t.db, with(c, "")).await.unwrap();
        assert_eq!(numbers(&p), vec![attested, waiting], "category {c}");
        assert_eq!(count(&p, "attested"), 1);
        assert_eq!(count(&p, "awaiting_attestation"), 1);
        assert_eq!(count(&p, "oppna"), 2);
        let newest = queue::page(
            &maria,
            &t.db,
            QueueFilter {
                newest: true,
                ..with(c, "")
            },
        )
        .await
        .unwrap();
        assert_eq!(numbers(&newest), vec![waiting, attested]);
        let one = queue::page(&maria, &t.db, with(c, "attested")).await.unwrap();
        assert_eq!(numbers(&one), vec![attested]);
        // With another condition too, the same orders.
        let both = queue::page(
            &maria,
            &t.db,
            QueueFilter {
                cost_center: "41210".into(),
                ..with(c, "")
            },
        )
        .await
        .unwrap();
        assert_eq!(numbers(&both), vec![attested, waiting]);
        assert_eq!(count(&both, "oppna"), 2);
        // None is overdue: sent today.
        let late = queue::page(
            &maria,
            &t.db,
            QueueFilter {
                overdue: true,
                ..with(c, "")
            },
        )
        .await
        .unwrap();
        assert!(numbers(&late).is_empty());
        assert_eq!(count(&late, "oppna"), 0);
        // A page of one, and the next after its cursor.
        let q = orders_queue::OrderQuery {
            statuses: crate::domain::coordination::OPEN.to_vec(),
            categories: Some(crate::catalog::service::category_and_subcategories_query(c)),
            ..Default::default()
        };
        let (first, next) = orders_queue::page(&t.db, &q, None, 1).await.unwrap();
        assert_eq!(first.iter().map(|o| o.summary.id).collect::<Vec<_>>(), vec![attested]);
        let (second, last) = orders_queue::page(&t.db, &q, next, 1).await.unwrap();
        assert_eq!(second.iter().map(|o| o.summary.id).collect::<Vec<_>>(), vec![waiting]);
        assert_eq!(last, None);
    }
    // A category neither order has an item in: nothing, and no counts.
    let dock = item::Entity::find()
        .filter(item::Column::ArticleNumber.eq("DL-WD22TB4"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let theirs = [Some(own.id), own.parent_id, Some(dock.category_id)];
    let all = category::Entity::find().all(&t.db).await.unwrap();
    let other = all
        .iter()
        .find(|c| !theirs.contains(&Some(c.id)) && !theirs.contains(&c.parent_id))
        .expect("a category of other things");
    let p = queue::page(&maria, &t.db, with(other.id, "")).await.unwrap();
    assert!(numbers(&p).is_empty());
    assert_eq!(count(&p, "oppna"), 0);
}

#[tokio::test]
async fn a_bad_filter_is_a_field_error_and_only_coordinators_see_the_queue() {
    let t = demo_db().await;
    let maria = who(&t, "maria.nilsson").await;
    for (f, field) in [
        (filter("closed"), "ko"),
        (
            QueueFilter {
                supplier: "abc".into(),
                ..filter("")
            },
            "leverantor",
        ),
        (
            QueueFilter {
                administration: "-3".into(),
                ..filter("")
            },
            "forvaltning",
        ),
        (
            QueueFilter {
                cost_center: "99999999".into(),
                ..filter("")
            },
            "kostnadsstalle",
        ),
        (
            QueueFilter {
                cursor: "x_y".into(),
                ..filter("")
            },
            "efter",
        ),
    ] {
        let e = queue::page(&maria, &t.db, f.clone()).await.unwrap_err();
        assert_eq!(field_of(&e), Some(field), "{f:?}: {e:?}");
    }
    let anna = who(&t, "anna.lindqvist").await;
    assert!(matches!(
        queue::page(&anna, &t.db, filter("")).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        queue::export_csv(&anna, &t.db, filter("")).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        queue::page(&Ctx::anonymous(), &t.db, filter("")).await,
        Err(AppError::Unauthorized)
    ));
}

#[tokio::test]
async fn an_order_past_its_target_is_overdue_and_the_target_is_the_administrators() {
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let fresh = attested_order(&t).await;
    // The first has waited since three weeks ago.
    in_status_since(&t, id, Utc::now() - Duration::days(21)).await;
    let maria = who(&t, "maria.nilsson").await;
    let late = queue::page(
        &maria,
        &t.db,
        QueueFilter {
            overdue: true,
            ..filter("")
        },
    )
    .await
    .unwrap();
    assert_eq!(numbers(&late), vec![id]);
    assert!(late.rows[0].overdue && late.rows[0].age >= 13);
    let all = queue::page(&maria, &t.db, filter("attested")).await.unwrap();
    assert_eq!(numbers(&all), vec![id, fresh], "oldest in its status first");
    let newest = queue::page(
        &maria,
        &t.db,
        QueueFilter {
            newest: true,
            ..filter("attested")
        },
    )
    .await
    .unwrap();
    assert_eq!(numbers(&newest), vec![fresh, id]);

    // No target for "attested": nothing is overdue there.
    let set = |who: Ctx, days: &str| {
        let db = t.db.clone();
        let days = days.to_owned();
        async move { queue::set_targets(&who, &db, &[("attested".into(), days)]).await }
    };
    assert!(
        matches!(set(maria.clone(), "0").await, Err(AppError::Forbidden)),
        "a coordinator does not set targets"
    );
    let per = who(&t, "per.svensson").await;
    for bad in ["x", "-1", "61", ""] {
        let e = set(per.clone(), bad).await.unwrap_err();
        assert_eq!(field_of(&e), Some("target_attested"), "{bad}");
    }
    let e = queue::set_targets(&per, &t.db, &[("closed".into(), "3".into())])
        .await
        .unwrap_err();
    assert_eq!(field_of(&e), Some("status"));
    set(per.clone(), "0").await.unwrap();
    let late = queue::page(
        &maria,
        &t.db,
        QueueFilter {
            overdue: true,
            ..filter("")
        },
    )
    .await
    .unwrap();
    assert!(late.rows.is_empty());
    assert_eq!(
        late.targets
            .iter()
            .find(|x| x.status == OrderStatus::Attested)
            .unwrap()
            .working_days,
        0
    );
}

/// The ids of every order `q` selects, a page of one at a time.
async fn one_page_at_a_time(t: &TestDb, q: &crate::orders::service::queue::OrderQuery) -> Vec<i32> {
    let (mut seen, mut after) = (vec![], None);
    loop {
        let (rows, next) = crate::orders::service::queue::page(&t.db, q, after, 1).await.unwrap();
        seen.extend(rows.iter().map(|r| r.summary.id));
        match next {
            Some(c) => after = Some(c),
            None => return seen,
        }
    }
}

#[tokio::test]
async fn the_queue_pages_with_a_cursor_and_each_order_comes_once() {
    let t = demo_db().await;
    let mut ids = vec![];
    for _ in 0..3 {
        ids.push(attested_order(&t).await);
    }
    let q = crate::orders::service::queue::OrderQuery {
        statuses: vec![OrderStatus::Attested],
        ..Default::default()
    };
    assert_eq!(one_page_at_a_time(&t, &q).await, ids);
}

#[tokio::test]
async fn a_status_is_counted_up_to_the_cap_and_then_as_more() {
    use crate::orders::service::queue::{counts, Counted, OrderQuery};
    let t = demo_db().await;
    let mut ids = vec![];
    for _ in 0..3 {
        ids.push(attested_order(&t).await);
    }
    let attested = |q: &OrderQuery, cap| {
        let (db, q) = (t.db.clone(), q.clone());
        async move { counts(&db, &q, cap).await.unwrap()[&OrderStatus::Attested] }
    };
    let q = OrderQuery {
        statuses: vec![OrderStatus::Attested, OrderStatus::Shipped],
        ..Default::default()
    };
    assert_eq!(attested(&q, 2).await, Counted { n: 2, more: true });
    assert_eq!(attested(&q, 3).await, Counted { n: 3, more: false });
    assert_eq!(attested(&q, 10_000).await, Counted { n: 3, more: false });
    assert!(!counts(&t.db, &q, 2).await.unwrap().contains_key(&OrderStatus::Shipped));
    // With another area's condition: exact, whatever the cap.
    let filtered = OrderQuery {
        cost_center: Some(
            crate::entities::orders::Entity::find_by_id(ids[0])
                .one(&t.db)
                .await
                .unwrap()
                .unwrap()
                .cost_center_id,
        ),
        ..q.clone()
    };
    assert!(!attested(&filtered, 1).await.more);

    // As the tab shows it.
    let tab = |count, more| {
        super::dto::QueueCount {
            code: "attested".into(),
            label: "Attesterad".into(),
            count,
            more,
        }
        .text()
    };
    assert_eq!(tab(10_000, true), "10 000+");
    assert_eq!(tab(1_234, false), "1 234");
    assert_eq!(tab(0, false), "0");
}

#[tokio::test]
async fn a_coordinator_takes_orders_but_not_their_own_and_the_mine_filter_finds_them() {
    let t = demo_db().await;
    let a = attested_order(&t).await;
    let b = attested_order(&t).await;
    let maria = who(&t, "maria.nilsson").await;
    queue::take(&maria, &t.db, a, true).await.unwrap();
    let mine = queue::page(
        &maria,
        &t.db,
        QueueFilter {
            mine: true,
            ..filter("")
        },
    )
    .await
    .unwrap();
    assert_eq!(numbers(&mine), vec![a]);
    assert!(mine.rows[0].mine);
    assert_eq!(queue::take_many(&maria, &t.db, &[a, b, 999_999]).await.unwrap(), 2);
    queue::take(&maria, &t.db, a, false).await.unwrap();
    let mine = queue::page(
        &maria,
        &t.db,
        QueueFilter {
            mine: true,
            ..filter("")
        },
    )
    .await
    .unwrap();
    assert_eq!(numbers(&mine), vec![b]);
    assert_eq!(
        field_of(&queue::take_many(&maria, &t.db, &[]).await.unwrap_err()),
        Some("ids")
    );
    let anna = who(&t, "anna.lindqvist").await;
    assert!(matches!(
        queue::take(&anna, &t.db, a, true).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        queue::take(&maria, &t.db, 999_999, true).await,
        Err(AppError::NotFound { .. })
    ));
}

#[tokio::test]
async fn saved_filters_are_the_coordinators_own() {
    let t = demo_db().await;
    let maria = who(&t, "maria.nilsson").await;
    let f = QueueFilter {
        overdue: true,
        cost_center: "41210".into(),
        ..filter("confirmed")
    };
    queue::save_filter(&maria, &t.db, "Försenade på Kardiologi", &f)
        .await
        .unwrap();
    queue::save_filter(
        &maria,
        &t.db,
        "Försenade på Kardiologi",
        &QueueFilter {
            newest: true,
            ..f.clone()
        },
    )
    .await
    .unwrap();
    let saved = queue::saved(&maria, &t.db).await.unwrap();
    assert_eq!(saved.len(), 1, "the same name replaces");
    assert_eq!(
        saved[0].query,
        "ko=confirmed&kostnadsstalle=41210&forsenade=1&sortering=nyast"
    );
    let back = QueueFilter::from_params(|k| {
        url::form_urlencoded::parse(saved[0].query.as_bytes())
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())
    });
    assert_eq!(
        back,
        QueueFilter {
            newest: true,
            ..f.clone()
        }
    );
    assert_eq!(
        field_of(&queue::save_filter(&maria, &t.db, "  ", &f).await.unwrap_err()),
        Some("name")
    );
    assert_eq!(
        field_of(
            &queue::save_filter(&maria, &t.db, "Fel", &filter("nonsense"))
                .await
                .unwrap_err()
        ),
        Some("ko"),
        "a filter the queue refuses is not saved"
    );
    let per = who(&t, "per.svensson").await;
    assert!(queue::saved(&per, &t.db).await.unwrap().is_empty());
    assert!(matches!(
        queue::delete_filter(&per, &t.db, saved[0].id).await,
        Err(AppError::Forbidden | AppError::NotFound { .. })
    ));
    queue::delete_filter(&maria, &t.db, saved[0].id).await.unwrap();
    assert!(queue::saved(&maria, &t.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_csv_has_every_order_of_the_filter() {
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let maria = who(&t, "maria.nilsson").await;
    let csv = queue::export_csv(&maria, &t.db, filter("")).await.unwrap();
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("Beställning;Status;I status sedan;Arbetsdagar i status"));
    let number = crate::orders::dto::order_number(id);
    let row = csv.lines().find(|l| l.starts_with(&number)).unwrap();
    assert!(
        row.contains(";Attesterad;") && row.contains("Atea Sverige AB, Dustin Sverige AB"),
        "{row}"
    );
    let none = queue::export_csv(&maria, &t.db, filter("shipped")).await.unwrap();
    assert_eq!(none.lines().count(), 1, "the header only");
}

#[tokio::test]
async fn a_deviation_is_raised_escalated_and_resolved_and_the_requester_sees_its_note() {
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let maria = who(&t, "maria.nilsson").await;
    for (kind, note, field) in [("stulen", "Något", "kind"), ("delayed", "  ", "note")] {
        let e = deviations::raise(&maria, &t.db, id, kind, note, "").await.unwrap_err();
        assert_eq!(field_of(&e), Some(field));
    }
    assert_eq!(
        field_of(
            &deviations::raise(&maria, &t.db, id, "delayed", "Sen", "12345678")
                .await
                .unwrap_err()
        ),
        Some("owner")
    );
    let anna = who(&t, "anna.lindqvist").await;
    assert!(matches!(
        deviations::raise(&anna, &t.db, id, "delayed", "Sen", "").await,
        Err(AppError::Forbidden)
    ));
    let dev = deviations::raise(&maria, &t.db, id, "delayed", "Dockan är restnoterad hos Dustin.", "")
        .await
        .unwrap();

    // In the queues: the order with an open deviation, and the deviation.
    let with = queue::page(
        &maria,
        &t.db,
        QueueFilter {
            deviation: true,
            ..filter("")
        },
    )
    .await
    .unwrap();
    assert_eq!(numbers(&with), vec![id]);
    assert_eq!(with.rows[0].open_deviations, 1);
    let devs = queue::page(&maria, &t.db, filter("avvikelser")).await.unwrap();
    assert_eq!(devs.deviations.iter().map(|d| d.id).collect::<Vec<_>>(), vec![dev]);
    assert_eq!(devs.deviations[0].kind, "Försenad");
    assert_eq!(devs.deviations[0].owner, "Maria Nilsson");

    // The requester sees it without owner, history or resolution.
    let seen = deviations::of_order(&anna, &t.db, id).await.unwrap();
    assert!(!seen.coordinator && !seen.may_handle);
    assert_eq!(seen.deviations.len(), 1);
    assert_eq!(seen.deviations[0].note, "Dockan är restnoterad hos Dustin.");
    assert!(seen.deviations[0].owner.is_empty() && seen.deviations[0].history.is_empty());
    let lars = who(&t, "lars.andersson").await;
    let other = deviations::of_order(&lars, &t.db, id).await.unwrap();
    assert!(
        other.deviations.is_empty() && !other.coordinator,
        "someone else sees none"
    );

    // Comment, escalate (once), resolve (once).
    deviations::step(&maria, &t.db, dev, "comment", "Ringt Dustin.")
        .await
        .unwrap();
    deviations::step(&maria, &t.db, dev, "escalate", "Ingen leveransdag.")
        .await
        .unwrap();
    assert!(matches!(
        deviations::step(&maria, &t.db, dev, "escalate", "Igen").await,
        Err(AppError::Conflict { .. })
    ));
    assert_eq!(
        field_of(&deviations::step(&maria, &t.db, dev, "resolve", "").await.unwrap_err()),
        Some("body")
    );
    deviations::step(&maria, &t.db, dev, "resolve", "Ny docka skickad.")
        .await
        .unwrap();
    assert!(matches!(
        deviations::step(&maria, &t.db, dev, "comment", "Efteråt").await,
        Err(AppError::Conflict { .. })
    ));
    let full = deviations::of_order(&maria, &t.db, id).await.unwrap();
    let d = &full.deviations[0];
    assert!(!d.open && d.resolved_at.is_some());
    assert_eq!(d.resolution.as_deref(), Some("Ny docka skickad."));
    assert_eq!(
        d.history.iter().map(|h| h.what.as_str()).collect::<Vec<_>>(),
        vec!["Anmäld", "Kommentar", "Eskalerad", "Åtgärdad"]
    );
    assert!(deviations::of_order(&anna, &t.db, id).await.unwrap().deviations[0]
        .resolution
        .is_none());
    assert!(queue::page(&maria, &t.db, filter("avvikelser"))
        .await
        .unwrap()
        .deviations
        .is_empty());

    // Raising and resolving touched the order; escalating did not.
    let touches: Vec<String> = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .filter(order_event::Column::HumanTouch.eq(true))
        .order_by_asc(order_event::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.comment)
        .collect();
    assert!(touches.iter().any(|c| c.starts_with("Avvikelse anmäld: Försenad")));
    assert!(touches.iter().any(|c| c.starts_with("Avvikelse åtgärdad: Försenad")));
    assert!(!touches.iter().any(|c| c.starts_with("Avvikelse eskalerad")));
}

// The automation statistics: each delivered order in one category by its
// trail, counted in its month; lead times; the API's range rules.

use super::service::statistics;
use crate::domain::automation::Month;

/// Both suppliers take and deliver order `id` over the API.
async fn delivered_by_api(t: &TestDb, atea: &Ctx, dustin: &Ctx, id: i32) {
    for s in [atea, dustin] {
        supplier::ack(s, &t.db, id).await.unwrap();
        let e = ev(
            &format!("{id}-{}", s.label()),
            id,
            SupplierEventType::Delivered,
            Utc::now(),
        );
        supplier::event(s, &t.db, &Default::default(), e).await.unwrap();
    }
    assert_eq!(status(t, id).await, OrderStatus::Delivered);
}

#[tokio::test]
async fn two_parts_delivered_at_the_same_moment_deliver_the_order() {
    // Each event reads the other part after locking the order, so neither
    // sees the other "shipped" and leaves the order behind its parts.
    let t = demo_db().await;
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    let (dustin, _) = supplier_ctx(&t, "Dustin Sverige AB").await;
    for round in 0..3 {
        let id = attested_order(&t).await;
        for s in [&atea, &dustin] {
            supplier::ack(s, &t.db, id).await.unwrap();
        }
        let deliver = |s: &Ctx| {
            ev(
                &format!("both-{round}-{}", s.label()),
                id,
                SupplierEventType::Delivered,
                Utc::now(),
            )
        };
        // Two instances: each its own map of events in progress.
        let (here, there) = (supplier::SupplierEvents::default(), supplier::SupplierEvents::default());
        let (a, b) = tokio::join!(
            supplier::event(&atea, &t.db, &here, deliver(&atea)),
            supplier::event(&dustin, &t.db, &there, deliver(&dustin))
        );
        assert_eq!(a.unwrap().state, OrderStatus::Delivered);
        assert_eq!(b.unwrap().state, OrderStatus::Delivered);
        assert_eq!(status(&t, id).await, OrderStatus::Delivered, "round {round}");
        assert_eq!(
            category(&t, id).await.as_deref(),
            Some("automatiserad_sjalvservice"),
            "round {round}: counted once delivered"
        );
    }
}

async fn category(t: &TestDb, id: i32) -> Option<String> {
    crate::entities::order_outcome::Entity::find_by_id(id)
        .one(&t.db)
        .await
        .unwrap()
        .map(|o| o.category)
}

#[tokio::test]
async fn delivered_orders_fall_in_one_category_each_by_their_trail() {
    let t = demo_db().await;
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    let (dustin, _) = supplier_ctx(&t, "Dustin Sverige AB").await;
    let maria = who(&t, "maria.nilsson").await;

    // Attested by Erik, both parts over the API: self-service.
    let api = attested_order(&t).await;
    assert_eq!(category(&t, api).await, None, "not delivered yet");
    delivered_by_api(&t, &atea, &dustin, api).await;
    assert_eq!(category(&t, api).await.as_deref(), Some("automatiserad_sjalvservice"));

    // A deviation afterwards (an invoice that does not match): the
    // coordinator touched it.
    deviations::raise(&maria, &t.db, api, "invoice", "Fakturan har fel pris.", "")
        .await
        .unwrap();
    assert_eq!(category(&t, api).await.as_deref(), Some("automatiserad_order"));

    // One part over the API, the other recorded by hand: not automated.
    let mixed = attested_order(&t).await;
    supplier::ack(&atea, &t.db, mixed).await.unwrap();
    supplier::event(
        &atea,
        &t.db,
        &Default::default(),
        ev("m-1", mixed, SupplierEventType::Delivered, Utc::now()),
    )
    .await
    .unwrap();
    let dustin_id = parts_of(&t.db, mixed).await.unwrap()[1].supplier_id;
    for action in ["ack", "deliver"] {
        super::service::manual::handle(
            &maria,
            &t.db,
            mixed,
            super::service::manual::ManualInput {
                supplier_id: dustin_id,
                action: action.into(),
                reason: "Beställd och kvitterad per e-post".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    assert_eq!(status(&t, mixed).await, OrderStatus::Delivered);
    assert_eq!(category(&t, mixed).await.as_deref(), Some("ej_automatiserad"));

    // Auto-approved by a rule, both parts over the API: no human touch.
    use sea_orm::ActiveModelTrait;
    crate::entities::auto_approval_rule::ActiveModel {
        name: sea_orm::Set("Allt under 50 000 kr".into()),
        max_commitment_ore: sea_orm::Set(5_000_000),
        own_cost_center_only: sea_orm::Set(false),
        item_kinds: sea_orm::Set("hardware".into()),
        active: sea_orm::Set(true),
        created_at: sea_orm::Set(Utc::now()),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let auto = attested_order_without_decision(&t).await;
    delivered_by_api(&t, &atea, &dustin, auto).await;
    assert_eq!(category(&t, auto).await.as_deref(), Some("automatiserad_leverans"));

    // This month's figures: one in each but self-service.
    let this = Month::of(chrono::Local::now().date_naive()).code();
    let per = who(&t, "per.svensson").await;
    let report = statistics::automation(&per, &t.db, &this, &this).await.unwrap();
    let m = &report.months[0];
    assert_eq!(m.month, this);
    assert_eq!(m.total, 3);
    let count = |c: &str| m.categories[c].count;
    assert_eq!(
        (
            count("automatiserad_leverans"),
            count("automatiserad_sjalvservice"),
            count("automatiserad_order"),
            count("ej_automatiserad")
        ),
        (1, 0, 1, 1)
    );
    assert!((m.categories["ej_automatiserad"].share - 1.0 / 3.0).abs() < 1e-9);

    // The page: lead times per category and per supplier, all same-day.
    let page = statistics::page(&maria, &t.db, &Default::default(), "").await.unwrap();
    assert_eq!(page.month, this);
    assert_eq!(page.trend.len(), 12);
    let all = page.by_category.iter().find(|r| r.label == "Alla").unwrap();
    assert_eq!(
        (all.lead.count, all.lead.median_days, all.lead.within_goal_permille),
        (3, 0, 1000)
    );
    assert_eq!(
        page.by_supplier
            .iter()
            .map(|r| (r.label.as_str(), r.lead.count))
            .collect::<Vec<_>>(),
        vec![("Atea Sverige AB", 3), ("Dustin Sverige AB", 3)]
    );
    let csv = statistics::csv(&maria, &t.db, &this, &this).await.unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with(&format!("{this};3;1;33,3;0;0,0;1;33,3;1;33,3")),
        "{csv}"
    );

    // Each delivered part recorded its lead time with the delivery: whole
    // days from the order's submit (`lead_days`, whose truncation its unit
    // test holds). Parts of ten days, nine (ten less a second) and 61 give
    // per supplier the median 10, the 90th percentile 61 and two in three
    // within the goal.
    use crate::entities::{order_outcome, order_part, orders};
    use sea_orm::sea_query::Expr;
    let ids: Vec<i32> = order_outcome::Entity::find()
        .filter(order_outcome::Column::Month.eq(this.clone()))
        .order_by_asc(order_outcome::Column::OrderId)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.order_id)
        .collect();
    assert_eq!(ids.len(), 3);
    for id in &ids {
        let submitted = orders::Entity::find_by_id(*id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .created_at;
        let parts = order_part::Entity::find()
            .filter(order_part::Column::OrderId.eq(*id))
            .all(&t.db)
            .await
            .unwrap();
        assert_eq!(parts.len(), 2);
        for p in parts {
            let delivered = p.delivered_at.unwrap();
            assert_eq!(
                p.lead_days,
                Some(crate::domain::automation::lead_days(submitted, delivered))
            );
        }
    }
    for (id, days) in ids.iter().zip([10, 9, 61]) {
        order_part::Entity::update_many()
            .col_expr(order_part::Column::LeadDays, Expr::value(days))
            .filter(order_part::Column::OrderId.eq(*id))
            .exec(&t.db)
            .await
            .unwrap();
    }
    let page = statistics::page(&maria, &t.db, &Default::default(), "").await.unwrap();
    for r in &page.by_supplier {
        assert_eq!(
            (
                r.lead.count,
                r.lead.median_days,
                r.lead.p90_days,
                r.lead.within_goal_permille
            ),
            (3, 10, 61, 666),
            "{}",
            r.label
        );
    }

    // A past month's figures are kept a while; the current month's are
    // always counted afresh.
    let now = Month::of(chrono::Local::now().date_naive());
    let before = now.prev();
    let past = statistics::PastMonths::default();
    let totals = |f: Vec<crate::fulfilment::dto::MonthFigures>| f.iter().map(|m| m.total).collect::<Vec<_>>();
    assert_eq!(totals(past.figures(&t.db, &[before, now], now).await.unwrap()), [0, 3]);
    order_outcome::Entity::update_many()
        .col_expr(order_outcome::Column::Month, Expr::value(before.code()))
        .filter(order_outcome::Column::OrderId.eq(ids[0]))
        .exec(&t.db)
        .await
        .unwrap();
    assert_eq!(totals(past.figures(&t.db, &[before, now], now).await.unwrap()), [0, 2]);
    let fresh = statistics::PastMonths::default();
    assert_eq!(totals(fresh.figures(&t.db, &[before, now], now).await.unwrap()), [1, 2]);

    // So are a past month's lead times (per category and supplier); the
    // current month's are counted afresh.
    let all = |p: &crate::fulfilment::dto::StatisticsPage| {
        let count = |rows: &[crate::fulfilment::dto::LeadRow]| rows.iter().map(|r| r.lead.count).max();
        (count(&p.by_category), count(&p.by_supplier))
    };
    let kept = statistics::PastMonths::default();
    let page_of = |past: &statistics::PastMonths, m: Month| {
        let (maria, db, past) = (maria.clone(), t.db.clone(), past.clone());
        async move { statistics::page(&maria, &db, &past, &m.code()).await.unwrap() }
    };
    assert_eq!(all(&page_of(&kept, before).await), (Some(1), Some(1)));
    assert_eq!(all(&page_of(&kept, now).await), (Some(2), Some(2)));
    order_outcome::Entity::update_many()
        .col_expr(order_outcome::Column::Month, Expr::value(before.code()))
        .filter(order_outcome::Column::OrderId.eq(ids[1]))
        .exec(&t.db)
        .await
        .unwrap();
    assert_eq!(all(&page_of(&kept, before).await), (Some(1), Some(1)), "kept");
    assert_eq!(all(&page_of(&kept, now).await), (Some(1), Some(1)), "counted afresh");
    let fresh = statistics::PastMonths::default();
    assert_eq!(all(&page_of(&fresh, before).await), (Some(2), Some(2)));
}

/// Anna's order when an auto-approval rule attests it at submit; its id.
async fn attested_order_without_decision(t: &TestDb) -> i32 {
    let (id, status) = submitted_order(t, None).await;
    assert_eq!(status, OrderStatus::Attested, "the rule attested it");
    id
}

#[tokio::test]
async fn the_statistics_refuse_bad_months_and_callers_without_the_role() {
    let t = demo_db().await;
    let maria = who(&t, "maria.nilsson").await;
    for (from, to, field) in [
        ("2026-13", "2026-12", "from"),
        ("2026-01", "26-12", "to"),
        ("2026-12", "2026-01", "to"),
        ("2000-01", "2026-12", "from"),
    ] {
        let e = statistics::automation(&maria, &t.db, from, to).await.unwrap_err();
        assert_eq!(e.field(), Some(field), "{from}–{to}");
    }
    let twelve = statistics::automation(&maria, &t.db, "", "").await.unwrap();
    assert_eq!(twelve.months.len(), 12);
    assert!(twelve.months.iter().all(|m| m.total == 0 && m.categories.len() == 4));
    assert_eq!(
        statistics::page(&maria, &t.db, &Default::default(), "nov")
            .await
            .unwrap_err()
            .field(),
        Some("manad")
    );
    let anna = who(&t, "anna.lindqvist").await;
    assert!(matches!(
        statistics::automation(&anna, &t.db, "", "").await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        statistics::page(&anna, &t.db, &Default::default(), "").await,
        Err(AppError::Forbidden)
    ));
}

// Closing delivered orders: 30 days after delivery, unless a deviation is
// open; by the system, so the automation category stays.

use super::service::closing;

#[tokio::test]
async fn delivered_orders_are_closed_thirty_days_on_unless_a_deviation_is_open() {
    let t = demo_db().await;
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    let (dustin, _) = supplier_ctx(&t, "Dustin Sverige AB").await;
    let maria = who(&t, "maria.nilsson").await;
    let plain = attested_order(&t).await;
    delivered_by_api(&t, &atea, &dustin, plain).await;
    let disputed = attested_order(&t).await;
    delivered_by_api(&t, &atea, &dustin, disputed).await;
    let raised = deviations::raise(&maria, &t.db, disputed, "invoice", "Fakturan har fel pris.", "")
        .await
        .unwrap();
    let before = category(&t, plain).await;

    // 29 days on: nothing yet.
    closing::close_due(&t.db, Utc::now() + Duration::days(29))
        .await
        .unwrap();
    assert_eq!(status(&t, plain).await, OrderStatus::Delivered);

    // 31 days on: the plain one is closed, parts and all; the disputed one waits.
    let later = Utc::now() + Duration::days(31);
    assert!(closing::close_due(&t.db, later).await.unwrap() >= 1);
    assert_eq!(status(&t, plain).await, OrderStatus::Closed);
    let listed = |id: i32| {
        crate::entities::open_order_category::Entity::find()
            .filter(crate::entities::open_order_category::Column::OrderId.eq(id))
            .all(&t.db)
    };
    assert!(
        listed(plain).await.unwrap().is_empty(),
        "closed: out of the category filter's table"
    );
    assert!(
        !listed(disputed).await.unwrap().is_empty(),
        "still open: its items' categories"
    );
    assert!(parts_of(&t.db, plain)
        .await
        .unwrap()
        .iter()
        .all(|p| p.state == OrderStatus::Closed));
    assert_eq!(status(&t, disputed).await, OrderStatus::Delivered);
    assert_eq!(category(&t, plain).await, before, "closing is no human touch");
    let last = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(plain))
        .order_by_desc(order_event::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(last.to_status, "closed");
    assert_eq!(last.actor_kind, "system");
    assert!(!last.human_touch);
    assert_eq!(last.comment, "Avslutad automatiskt 30 dagar efter leveransen.");

    // Once the deviation is resolved, the next run closes it too; a run
    // after that finds nothing.
    deviations::step(&maria, &t.db, raised, "resolve", "Kreditfaktura mottagen.")
        .await
        .unwrap();
    closing::close_due(&t.db, later).await.unwrap();
    assert_eq!(status(&t, disputed).await, OrderStatus::Closed);
    assert_eq!(closing::close_due(&t.db, later).await.unwrap(), 0);
}

/// Sets order `id`'s time in its status.
async fn in_status_since(t: &TestDb, id: i32, since: chrono::DateTime<Utc>) {
    crate::entities::orders::Entity::update_many()
        .col_expr(
            crate::entities::orders::Column::StatusSince,
            sea_orm::sea_query::Expr::value(since),
        )
        .filter(crate::entities::orders::Column::Id.eq(id))
        .exec(&t.db)
        .await
        .unwrap();
    // An order awaiting attestation has waited for it as long as it has
    // been in that status (the two are written together on submission).
    crate::entities::attestation::Entity::update_many()
        .col_expr(
            crate::entities::attestation::Column::WaitingSince,
            sea_orm::sea_query::Expr::value(since),
        )
        .filter(crate::entities::attestation::Column::OrderId.eq(id))
        .filter(crate::entities::attestation::Column::DecidedAt.is_null())
        .exec(&t.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_orders_nobody_may_attest_are_found_when_they_are_the_newest_awaiting() {
    use crate::orders::service::queue::OrderQuery;
    let t = demo_db().await;
    let maria = who(&t, "maria.nilsson").await;
    // Older orders waiting for Erik; newer ones above every attester's
    // limit (20 laptops with docks), which nobody may attest.
    let now = Utc::now();
    for day in 10..14 {
        let o = submitted_of(&t, None, None, 1).await.unwrap();
        assert_eq!(o.summary.status, OrderStatus::AwaitingAttestation);
        in_status_since(&t, o.summary.id, now - Duration::days(day)).await;
    }
    let mut unassigned = vec![];
    // The last two at the same time: the order's id breaks the tie.
    for day in [3, 2, 2] {
        let o = submitted_of(&t, None, None, 20).await.unwrap();
        assert_eq!(o.summary.status, OrderStatus::AwaitingAttestation);
        assert!(o.events[1].comment.starts_with("Saknar attestant"));
        in_status_since(&t, o.summary.id, now - Duration::days(day)).await;
        unassigned.push(o.summary.id);
    }
    let count = |p: &super::dto::QueuePage, code: &str| p.queues.iter().find(|q| q.code == code).unwrap().count;

    // The queue: those, oldest first, or newest first; counted.
    let p = queue::page(&maria, &t.db, filter("saknar_attestant")).await.unwrap();
    assert_eq!(numbers(&p), unassigned);
    assert_eq!(count(&p, "saknar_attestant"), 3);
    assert!(count(&p, "awaiting_attestation") >= 7);
    let newest = queue::page(
        &maria,
        &t.db,
        QueueFilter {
            newest: true,
            ..filter("saknar_attestant")
        },
    )
    .await
    .unwrap();
    assert_eq!(numbers(&newest), unassigned.iter().rev().copied().collect::<Vec<_>>());
    // A page of one at a time: each once, in order.
    let q = OrderQuery {
        statuses: vec![OrderStatus::AwaitingAttestation],
        within: vec![crate::attest::service::unassigned_query()],
        ..Default::default()
    };
    assert_eq!(one_page_at_a_time(&t, &q).await, unassigned);
    // From the attestations, one at a time either way, and those that have
    // waited since before a time.
    for newest in [false, true] {
        let mut seen = vec![];
        let mut after = None;
        while let Some((id, since)) = crate::attest::service::unassigned_page(&t.db, None, newest, after, 1)
            .await
            .unwrap()
            .pop()
        {
            seen.push(id);
            after = Some((since, id));
        }
        let mut expected = unassigned.clone();
        if newest {
            expected.reverse();
        }
        assert_eq!(seen, expected, "newest first: {newest}");
    }
    let before = now - Duration::days(2) - Duration::hours(12);
    let waited = crate::attest::service::unassigned_page(&t.db, Some(before), false, None, 10)
        .await
        .unwrap();
    assert_eq!(
        waited.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        vec![unassigned[0]]
    );
    let counted_before = crate::attest::service::unassigned_count(&t.db, Some(before), 10)
        .await
        .unwrap();
    assert_eq!(counted_before, crate::db::Counted::exact(1));
    let capped = crate::attest::service::unassigned_count(&t.db, None, 2).await.unwrap();
    assert_eq!(capped, crate::db::Counted { n: 2, more: true });

    // The CSV of the queue: those three under the header, oldest first.
    let csv = queue::export_csv(&maria, &t.db, filter("saknar_attestant"))
        .await
        .unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    for (row, id) in rows.iter().zip(&unassigned) {
        assert!(row.starts_with(&crate::orders::dto::order_number(*id)), "{row}");
    }

    // Counted alike from any queue (from the attestations alone), under the
    // orders' own conditions (a category, overdue), and under another
    // area's (a cost centre); and one fewer when its requester withdraws one.
    let laptops = p
        .options
        .categories
        .iter()
        .find(|(_, n)| n.starts_with("Datorer"))
        .unwrap()
        .0;
    let counted = |left: u64| {
        let t = &t;
        let maria = &maria;
        async move {
            for f in [
                filter(""),
                filter("attested"),
                filter("saknar_attestant"),
                QueueFilter {
                    category: laptops.to_string(),
                    ..filter("")
                },
                QueueFilter {
                    cost_center: "41210".into(),
                    ..filter("")
                },
            ] {
                let p = queue::page(maria, &t.db, f.clone()).await.unwrap();
                assert_eq!(count(&p, "saknar_attestant"), left, "{f:?}");
            }
            let overdue = queue::page(
                maria,
                &t.db,
                QueueFilter {
                    overdue: true,
                    ..filter("saknar_attestant")
                },
            )
            .await
            .unwrap();
            // Overdue (by working days, so how many depends on the weekday):
            // counted as its page shows them.
            assert!(count(&overdue, "saknar_attestant") <= left);
            assert_eq!(count(&overdue, "saknar_attestant") as usize, overdue.rows.len());
        }
    };
    counted(3).await;
    // Its page in a category they are in, either way.
    for newest in [false, true] {
        let f = QueueFilter {
            category: laptops.to_string(),
            newest,
            ..filter("saknar_attestant")
        };
        let p = queue::page(&maria, &t.db, f).await.unwrap();
        let mut expected = unassigned.clone();
        if newest {
            expected.reverse();
        }
        assert_eq!(numbers(&p), expected, "newest first: {newest}");
    }
    let anna = who(&t, "anna.lindqvist").await;
    crate::attest::service::withdraw(&anna, &t.db, unassigned[1])
        .await
        .unwrap();
    counted(2).await;
    let p = queue::page(&maria, &t.db, filter("saknar_attestant")).await.unwrap();
    assert_eq!(numbers(&p), vec![unassigned[0], unassigned[2]]);
}

#[tokio::test]
async fn the_queue_pages_alike_with_and_without_a_filter_in_either_order() {
    use crate::orders::service::queue::{matching, page_of, OrderQuery};
    let t = demo_db().await;
    let mut mine = vec![];
    for _ in 0..3 {
        mine.push(attested_order(&t).await);
    }
    // The same time in status for two of them: the id breaks the tie.
    let at = Utc::now() - Duration::days(3);
    for (id, since) in mine.iter().zip([at, at, at - Duration::days(1)]) {
        in_status_since(&t, *id, since).await;
    }
    for newest_first in [false, true] {
        let q = OrderQuery {
            statuses: crate::domain::coordination::OPEN.to_vec(),
            newest_first,
            ..Default::default()
        };
        let by_status = one_page_at_a_time(&t, &q).await;
        let found = matching(&t.db, &q).await.unwrap();
        let (mut at_once, mut after) = (vec![], None);
        loop {
            let (rows, next) = page_of(&t.db, found.clone(), newest_first, after, 2).await.unwrap();
            at_once.extend(rows.iter().map(|r| r.summary.id));
            match next {
                Some(c) => after = Some(c),
                None => break,
            }
        }
        assert_eq!(by_status, at_once, "newest first: {newest_first}");
        let ours: Vec<i32> = by_status.iter().copied().filter(|id| mine.contains(id)).collect();
        let expected = if newest_first {
            vec![mine[1], mine[0], mine[2]]
        } else {
            vec![mine[2], mine[0], mine[1]]
        };
        assert_eq!(ours, expected, "newest first: {newest_first}");
    }
}

#[tokio::test]
async fn a_coordinator_sends_an_unconfirmed_part_to_its_supplier_again_and_it_is_new_there_once_more() {
    use super::service::manual::{handle, ManualInput};
    let t = demo_db().await;
    let id = attested_order(&t).await;
    let maria = who(&t, "maria.nilsson").await;
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    let atea_id = atea.supplier_id().unwrap();
    let resend = |reason: &str| ManualInput {
        supplier_id: atea_id,
        action: "resend".into(),
        reason: reason.into(),
        expected_delivery: None,
        tracking_number: None,
    };
    let listed = |page: crate::fulfilment::dto::SupplierOrderPage| page.orders.iter().any(|o| o.order_id == id);
    // Not yet taken: nothing to send again.
    match handle(&maria, &t.db, id, resend("Hörs inget")).await {
        Err(AppError::StateConflict { state, .. }) => assert_eq!(state, "attested"),
        other => panic!("resent before it was taken: {other:?}"),
    }
    supplier::ack(&atea, &t.db, id).await.unwrap();
    assert!(!listed(supplier::orders(&atea, &t.db, None, None).await.unwrap()));
    handle(&maria, &t.db, id, resend("Leverantören hittar inte beställningen"))
        .await
        .unwrap();
    let part = parts_of(&t.db, id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.supplier_id == atea_id)
        .unwrap();
    assert_eq!(part.state, OrderStatus::Attested);
    assert_eq!(status(&t, id).await, OrderStatus::Attested, "the order follows back");
    assert!(
        listed(supplier::orders(&atea, &t.db, None, None).await.unwrap()),
        "new to the supplier again"
    );
    let step = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .order_by_desc(order_event::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert!(step.human_touch);
    assert!(step
        .comment
        .contains("skickad på nytt till leverantören. Leverantören hittar inte beställningen"));
    // The supplier takes it again.
    supplier::ack(&atea, &t.db, id).await.unwrap();
    assert_eq!(
        parts_of(&t.db, id)
            .await
            .unwrap()
            .iter()
            .find(|p| p.supplier_id == atea_id)
            .unwrap()
            .state,
        OrderStatus::SentToSupplier
    );
}

// The asset register is fed by deliveries.

#[tokio::test]
async fn a_delivered_part_registers_its_hardware_as_the_recipients_assets_once() {
    use crate::entities::asset;
    let t = demo_db().await;
    // Anna orders for her colleague Johan.
    let id = attested_order_for(&t, Some("johan.ek")).await;
    let johan = who(&t, "johan.ek").await.person_id().unwrap();
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    supplier::ack(&atea, &t.db, id).await.unwrap();
    let laptop_line = supplier::orders(&atea, &t.db, Some("sent_to_supplier"), None)
        .await
        .unwrap()
        .orders[0]
        .lines[0]
        .line_id;
    let assets_of = || async {
        asset::Entity::find()
            .filter(asset::Column::OrderId.eq(id))
            .order_by_asc(asset::Column::Id)
            .all(&t.db)
            .await
            .unwrap()
    };
    let mut shipped = ev("s-1", id, SupplierEventType::Shipped, Utc::now() - Duration::hours(2));
    shipped.tracking_number = Some("PN1".into());
    supplier::event(&atea, &t.db, &Default::default(), shipped)
        .await
        .unwrap();
    assert!(assets_of().await.is_empty(), "nothing before the delivery");

    let mut delivered = ev("s-2", id, SupplierEventType::Delivered, Utc::now());
    delivered.lines = vec![EventLine {
        line_id: laptop_line,
        serial_numbers: vec!["5CG999ABC".into()],
    }];
    // Sent twice, to two instances at once: registered once.
    let (here, there) = (supplier::SupplierEvents::default(), supplier::SupplierEvents::default());
    let (a, b) = tokio::join!(
        supplier::event(&atea, &t.db, &here, delivered.clone()),
        supplier::event(&atea, &t.db, &there, delivered.clone())
    );
    assert_eq!(a.unwrap(), b.unwrap());
    supplier::event(&atea, &t.db, &Default::default(), delivered)
        .await
        .unwrap();

    let found = assets_of().await;
    assert_eq!(found.len(), 1, "Atea's part is the laptop alone: {found:?}");
    let laptop = &found[0];
    assert_eq!(laptop.tag, crate::domain::assets::tag_for(laptop_line, 1));
    assert_eq!(laptop.serial_number.as_deref(), Some("5CG999ABC"));
    assert_eq!(laptop.user_id, Some(johan), "the recipient's, not the requester's");
    assert_eq!(laptop.status, "in_use");
    assert_eq!(laptop.delivered_on, Some(today()));
    assert_eq!(laptop.warranty_end, Some(crate::domain::assets::warranty_end(today())));
    assert!(laptop.location.contains(','), "{}", laptop.location);
    assert_eq!(laptop.order_line_id, Some(laptop_line));

    // The dock, delivered by hand by a coordinator, without a serial number.
    let maria = who(&t, "maria.nilsson").await;
    let dustin = parts_of(&t.db, id).await.unwrap()[1].supplier_id;
    for action in ["ack", "deliver"] {
        super::service::manual::handle(
            &maria,
            &t.db,
            id,
            super::service::manual::ManualInput {
                supplier_id: dustin,
                action: action.into(),
                reason: "Levererad enligt Dustins följesedel".into(),
                expected_delivery: None,
                tracking_number: None,
            },
        )
        .await
        .unwrap();
    }
    let found = assets_of().await;
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[1].serial_number.as_deref(), found[1].user_id),
        (None, Some(johan))
    );

    // The laptop's monthly price became one subscription on it, once.
    use crate::entities::{order_line, subscription};
    let subs = subscription::Entity::find()
        .filter(subscription::Column::OrderId.eq(id))
        .all(&t.db)
        .await
        .unwrap();
    let monthly: Vec<order_line::Model> = order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(id))
        .filter(order_line::Column::UnitMonthlyOre.gt(0))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(
        subs.len() as i32,
        monthly.iter().map(|l| l.quantity).sum::<i32>(),
        "{subs:?}"
    );
    let s = subs
        .iter()
        .find(|s| s.order_line_id == Some(laptop_line))
        .expect("the laptop's subscription");
    let line = monthly.iter().find(|l| l.id == laptop_line).unwrap();
    assert_eq!(s.asset_id, Some(laptop.id));
    assert_eq!(
        (s.user_id, s.monthly_ore, s.start_on),
        (Some(johan), line.unit_monthly_ore, today())
    );
    assert_eq!(
        s.binding_end,
        crate::domain::subscriptions::binding_end(today(), line.binding_months)
    );
    assert_eq!(s.notice_months, line.notice_months);
    assert_eq!(
        (s.revenue_account.as_str(), s.expense_account.as_str()),
        ("3521", "6421")
    );
    assert!(s.service_cost_center_id.is_some());
}

#[tokio::test]
async fn hardware_delivered_to_a_stock_address_is_registered_in_stock_and_nobodys() {
    use crate::entities::{asset, delivery_address, orders};
    use sea_orm::sea_query::Expr;
    let t = demo_db().await;
    // The stock address is offered to the people of its unit and copied
    // onto the order with its mark.
    let maria = who(&t, "maria.nilsson").await;
    let opts = crate::orders::service::checkout_options(&maria, &t.db, None, None)
        .await
        .unwrap();
    let stock = opts
        .addresses
        .iter()
        .find(|a| a.is_stock)
        .expect("IT-lagret is offered");
    assert_eq!(stock.label, crate::demo::org::STOCK_ADDRESS);
    let stored = delivery_address::Entity::find_by_id(stock.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.is_stock);

    let id = attested_order(&t).await;
    orders::Entity::update_many()
        .col_expr(orders::Column::ToStock, Expr::value(true))
        .filter(orders::Column::Id.eq(id))
        .exec(&t.db)
        .await
        .unwrap();
    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    supplier::ack(&atea, &t.db, id).await.unwrap();
    supplier::event(
        &atea,
        &t.db,
        &Default::default(),
        ev("st-1", id, SupplierEventType::Delivered, Utc::now()),
    )
    .await
    .unwrap();
    let found = asset::Entity::find()
        .filter(asset::Column::OrderId.eq(id))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].status.as_str(), found[0].user_id), ("in_stock", None));
}

#[tokio::test]
async fn a_delivered_replacement_sends_the_replaced_computer_back_for_retirement() {
    use crate::entities::asset;
    let t = demo_db().await;
    let tag_of = |id: i32| {
        let db = &t.db;
        async move { asset::Entity::find_by_id(id).one(db).await.unwrap().unwrap() }
    };
    let erik_laptop = asset::Entity::find()
        .filter(asset::Column::Tag.eq("NRV-100410"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    // Anna may not replace Erik's computer, nor hers for Johan.
    let theirs = submitted_replacing(&t, None, Some(erik_laptop)).await.unwrap_err();
    assert!(
        matches!(&theirs, crate::error::AppError::Validation { field: Some(f), .. } if f == "replaces_asset_id"),
        "{theirs:?}"
    );
    let other = submitted_replacing(&t, Some("johan.ek"), Some(1)).await.unwrap_err();
    assert!(other.to_string().contains("används av Anna Lindqvist"), "{other}");

    // Her own laptop: the order names it.
    let o = submitted_replacing(&t, None, Some(1)).await.unwrap();
    let id = o.summary.id;
    assert_eq!(o.replaces.as_ref().map(|a| a.tag.as_str()), Some("NRV-100231"));
    let erik = who(&t, "erik.johansson").await;
    crate::attest::service::decide(&erik, &t.db, id, Decision::Approve, "")
        .await
        .unwrap();
    let anna = who(&t, "anna.lindqvist").await;
    let shown = crate::orders::service::detail(&anna, &t.db, id).await.unwrap();
    assert_eq!(shown.replaces.map(|a| a.id), Some(1));
    assert_eq!(
        tag_of(1).await.status,
        "in_use",
        "still in use until the new one is here"
    );

    let (atea, _) = supplier_ctx(&t, "Atea Sverige AB").await;
    supplier::ack(&atea, &t.db, id).await.unwrap();
    let delivered = ev("r-1", id, SupplierEventType::Delivered, Utc::now());
    supplier::event(&atea, &t.db, &Default::default(), delivered.clone())
        .await
        .unwrap();
    let old = tag_of(1).await;
    assert_eq!(old.status, "collected");
    let change = crate::entities::asset_change::Entity::find()
        .filter(crate::entities::asset_change::Column::AssetId.eq(1))
        .order_by_desc(crate::entities::asset_change::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        change.reason.contains(&crate::orders::dto::order_number(id)),
        "{}",
        change.reason
    );
    // Repeated: nothing more happens to it.
    supplier::event(&atea, &t.db, &Default::default(), delivered)
        .await
        .unwrap();
    assert_eq!(tag_of(1).await.version, old.version);
}
