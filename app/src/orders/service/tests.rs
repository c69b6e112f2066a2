//! Service tests of orders, on SQLite and PostgreSQL.

use super::*;
use crate::ctx::Ctx;
use crate::domain::money::Sek;
use crate::domain::orders::OrderStatus;
use crate::entities::{cart_line, cost_center, delivery_address, item, item_price, order_request, person};
use crate::error::AppError;
use crate::orders::dto::{CheckoutInput, LineInput, OrderDetail, OrderInput};
use crate::orders::in_flight::InFlight;
use crate::testing::{test_db, TestDb};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// [`submit`] on its own: nothing else in flight on this instance, so a
/// second request with the key meets the first one's claim in the database.
async fn send(ctx: &Ctx, t: &TestDb, input: OrderInput, key: &str) -> Result<OrderDetail, AppError> {
    submit(ctx, &t.db, &InFlight::default(), input, key, today()).await
}

async fn person_ctx(t: &TestDb, username: &str) -> Ctx {
    crate::testing::person_ctx(&t.db, username).await
}

async fn article(t: &TestDb, number: &str) -> i32 {
    item::Entity::find()
        .filter(item::Column::ArticleNumber.eq(number))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn q(n: i32) -> crate::domain::orders::Quantity {
    crate::domain::orders::Quantity::new(n).unwrap()
}

/// A weekday about two weeks ahead, as `YYYY-MM-DD`: a wanted date that
/// stays valid whenever the tests run.
fn a_weekday_ahead() -> String {
    use chrono::Datelike;
    let mut d = chrono::Local::now().date_naive() + chrono::Days::new(14);
    while matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
        d = d + chrono::Days::new(1);
    }
    d.format("%Y-%m-%d").to_string()
}

async fn input(t: &TestDb, ctx: &Ctx) -> OrderInput {
    let opts = checkout_options(ctx, &t.db, None, None).await.unwrap();
    OrderInput {
        recipient_id: opts.recipient.id,
        cost_center_id: opts.default_cost_center.unwrap(),
        address_id: Some(opts.addresses[0].id),
        contact_name: opts.recipient.name.clone(),
        contact_phone: opts.recipient.phone.clone(),
        wanted_date: a_weekday_ahead(),
        lines: vec![
            LineInput {
                item_id: article(t, "DL-5450").await,
                quantity: q(1),
            },
            LineInput {
                item_id: article(t, "DL-WD22TB4").await,
                quantity: q(1),
            },
            LineInput {
                item_id: article(t, "JB-E40").await,
                quantity: q(2),
            },
        ],
        ..Default::default()
    }
}

async fn seeded() -> TestDb {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    t
}

#[tokio::test]
async fn a_submitted_order_keeps_its_prices_when_the_catalogue_changes() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let order = send(&anna, &t, input(&t, &anna).await, "k1").await.unwrap();
    assert_eq!(order.summary.status, OrderStatus::AwaitingAttestation);
    assert_eq!(order.summary.one_off, Sek::from_kronor(2890 + 2 * 1190));

    let headset = article(&t, "JB-E40").await;
    item_price::Entity::delete_many()
        .filter(item_price::Column::ItemId.eq(headset))
        .exec(&t.db)
        .await
        .unwrap();
    item_price::ActiveModel {
        item_id: Set(headset),
        valid_from: Set(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
        valid_to: Set(None),
        one_off_ore: Set(999_900),
        monthly_ore: Set(0),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();

    let again = detail(&anna, &t.db, order.summary.id).await.unwrap();
    let line = again.lines.iter().find(|l| l.article_number == "JB-E40").unwrap();
    assert_eq!(line.unit_one_off, Sek::from_kronor(1190));
    assert_eq!(again.summary.one_off, order.summary.one_off);
    assert_eq!(again.events.len(), 2);
    assert_eq!(again.events[0].to, OrderStatus::Submitted);
    assert_eq!(again.events[1].to, OrderStatus::AwaitingAttestation);
}

#[tokio::test]
async fn the_same_idempotency_key_creates_one_order() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let a = send(&anna, &t, input(&t, &anna).await, "same").await.unwrap();
    let b = send(&anna, &t, input(&t, &anna).await, "same").await.unwrap();
    assert_eq!(a.summary.id, b.summary.id);
    assert_eq!(a, b, "the retry replays the first answer");
    let reread = detail(&anna, &t.db, a.summary.id).await.unwrap();
    assert_eq!(a, reread, "the answer built in memory equals the order read back");
    let claim = order_request::Entity::find_by_id((anna.person_id().unwrap(), "same".to_owned()))
        .one(&t.db)
        .await
        .unwrap()
        .expect("the claim is kept");
    assert_eq!(claim.order_id, Some(a.summary.id));
    assert_eq!(mine(&anna, &t.db).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_same_key_sent_twice_at_once_creates_one_order() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let (i, j) = (input(&t, &anna).await, input(&t, &anna).await);
    let (a, b) = tokio::join!(send(&anna, &t, i, "twice"), send(&anna, &t, j, "twice"));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.summary.id, b.summary.id);
    assert_eq!(a.lines, b.lines);
    assert_eq!(mine(&anna, &t.db).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_refused_submission_does_not_use_up_its_key() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let mut bad = input(&t, &anna).await;
    bad.contact_phone = "ring".into();
    let err = send(&anna, &t, bad, "fix-and-retry").await.unwrap_err();
    assert_eq!(err.field(), Some("contact_phone"));
    let claims = order_request::Entity::find().all(&t.db).await.unwrap();
    assert!(claims.is_empty(), "the claim went with the refused transaction");
    let fixed = send(&anna, &t, input(&t, &anna).await, "fix-and-retry").await.unwrap();
    assert_eq!(mine(&anna, &t.db).await.unwrap().len(), 1);
    assert_eq!(fixed.summary.status, OrderStatus::AwaitingAttestation);
}

#[tokio::test]
async fn a_requester_cannot_charge_a_cost_centre_they_may_not_use() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let tandvard = cost_center::Entity::find()
        .filter(cost_center::Column::Code.eq("72110"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let mut i = input(&t, &anna).await;
    i.cost_center_id = tandvard.id;
    let err = send(&anna, &t, i, "k2").await.unwrap_err();
    assert_eq!(err.field(), Some("cost_center_id"));
    assert!(mine(&anna, &t.db).await.unwrap().is_empty(), "nothing was written");
}

#[tokio::test]
async fn another_persons_order_is_not_found() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let order = send(&anna, &t, input(&t, &anna).await, "k3").await.unwrap();
    let oskar = person_ctx(&t, "oskar.lund").await;
    assert!(matches!(
        detail(&oskar, &t.db, order.summary.id).await,
        Err(AppError::NotFound { .. })
    ));
    let coordinator = person_ctx(&t, "maria.nilsson").await;
    assert!(detail(&coordinator, &t.db, order.summary.id).await.is_ok());
}

#[tokio::test]
async fn the_delivery_address_is_one_of_the_recipients_or_the_requesters_units() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let oskar = person::Entity::find()
        .filter(person::Column::Username.eq("oskar.lund"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let me = person::Entity::find_by_id(anna.person_id().unwrap())
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let address_of = |unit: i32| {
        let db = t.db.clone();
        async move {
            delivery_address::Entity::find()
                .filter(delivery_address::Column::UnitId.eq(unit))
                .one(&db)
                .await
                .unwrap()
        }
    };
    let other = delivery_address::Entity::find()
        .filter(delivery_address::Column::UnitId.is_not_in([me.unit_id, oskar.unit_id]))
        .one(&t.db)
        .await
        .unwrap()
        .expect("a third unit's address");
    let mut i = input(&t, &anna).await;
    i.address_id = Some(other.id);
    let err = send(&anna, &t, i, "other").await.unwrap_err();
    assert_eq!(err.field(), Some("address_id"), "{err:?}");
    assert!(mine(&anna, &t.db).await.unwrap().is_empty());

    // Ordering for Oskar: his unit's address and Anna's own both do.
    let mut keys = 0;
    for unit in [oskar.unit_id, me.unit_id] {
        let Some(a) = address_of(unit).await else { continue };
        let mut i = input(&t, &anna).await;
        i.recipient_id = oskar.id;
        i.address_id = Some(a.id);
        keys += 1;
        let order = send(&anna, &t, i, &format!("for-oskar-{keys}")).await.unwrap();
        assert!(order.delivery.contains(&a.street), "{}", order.delivery);
    }
    assert!(keys > 0);
}

#[tokio::test]
async fn one_item_on_several_lines_is_one_line_and_the_cap_applies_to_the_sum() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let headset = article(&t, "JB-E40").await;
    let mut i = input(&t, &anna).await;
    i.lines = vec![
        LineInput {
            item_id: headset,
            quantity: q(600),
        };
        2
    ];
    let err = send(&anna, &t, i.clone(), "twice").await.unwrap_err();
    assert_eq!(err.field(), Some("lines"));
    assert!(err.to_string().contains("999"), "{err}");
    i.lines[0].quantity = q(2);
    i.lines[1].quantity = q(3);
    let order = send(&anna, &t, i, "merged").await.unwrap();
    assert_eq!(order.lines.len(), 1);
    assert_eq!(order.lines[0].quantity, 5);
    assert_eq!(order.summary.one_off, Sek::from_kronor(5 * 1190));
}

#[tokio::test]
async fn an_overlong_free_text_names_its_field_and_writes_nothing() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    for (field, _, cap) in crate::domain::orders::TEXT_CAPS {
        let mut i = input(&t, &anna).await;
        let long = "x".repeat(cap + 1);
        match field {
            "contact_name" => i.contact_name = long,
            "contact_phone" => i.contact_phone = long,
            "reference" => i.reference = long,
            "note" => i.note = long,
            "new_label" => i.new_label = long,
            "new_street" => i.new_street = long,
            "new_city" => i.new_city = long,
            other => panic!("no case for {other}"),
        }
        let err = send(&anna, &t, i, field).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err:?}");
    }
    // Surrounding spaces do not count.
    let mut i = input(&t, &anna).await;
    i.contact_name = format!("  {}  ", "x".repeat(100));
    let order = send(&anna, &t, i, "trimmed").await.unwrap();
    assert!(order.contact.starts_with(&"x".repeat(100)));
}

#[tokio::test]
async fn bad_input_names_the_field_and_writes_nothing() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    type Change = Box<dyn Fn(&mut OrderInput)>;
    let cases: Vec<(&str, Change)> = vec![
        ("wanted_date", Box::new(|i| i.wanted_date = "2026-11-28".into())),
        ("contact_phone", Box::new(|i| i.contact_phone = "ring".into())),
        (
            "new_postal_code",
            Box::new(|i| {
                i.address_id = None;
                i.new_street = "Storgatan 1".into();
                i.new_postal_code = "1234".into();
                i.new_city = "Norrvik".into();
            }),
        ),
        ("lines", Box::new(|i| i.lines.retain(|l| l.quantity.get() == 2))),
    ];
    for (field, change) in cases {
        let mut i = input(&t, &anna).await;
        change(&mut i);
        if field == "lines" {
            i.lines.push(LineInput {
                item_id: i.lines[0].item_id,
                quantity: q(1),
            });
            i.lines.clear();
        }
        let err = send(&anna, &t, i, field).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err:?}");
    }
    // A laptop without its dock breaks a rule.
    let mut i = input(&t, &anna).await;
    i.lines.remove(1);
    let err = send(&anna, &t, i, "rule").await.unwrap_err();
    assert!(err.to_string().contains("kräver Dell WD22TB4"), "{err}");
    assert!(mine(&anna, &t.db).await.unwrap().is_empty());
}

/// Puts the lines of [`input`] in `ctx`'s cart.
async fn fill_cart(t: &TestDb, ctx: &Ctx) {
    for (number, quantity) in [("DL-5450", 1), ("DL-WD22TB4", 1), ("JB-E40", 2)] {
        crate::cart::service::add(ctx, &t.db, article(t, number).await, quantity)
            .await
            .unwrap();
    }
}

async fn cart_rows(t: &TestDb, ctx: &Ctx) -> usize {
    cart_line::Entity::find()
        .filter(cart_line::Column::PersonId.eq(ctx.person_id().unwrap()))
        .all(&t.db)
        .await
        .unwrap()
        .len()
}

/// The checkout's fields without lines: the browser sends none.
async fn checkout(t: &TestDb, ctx: &Ctx) -> OrderInput {
    OrderInput {
        lines: vec![],
        ..input(t, ctx).await
    }
}

#[tokio::test]
async fn the_cart_becomes_the_order_once_and_is_emptied_even_when_sent_twice() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    fill_cart(&t, &anna).await;
    let in_flight = InFlight::default();
    let (i, j) = (checkout(&t, &anna).await, checkout(&t, &anna).await);

    let (a, b) = tokio::join!(
        submit_cart(&anna, &t.db, &in_flight, i, "dubbelklick", today()),
        submit_cart(&anna, &t.db, &in_flight, j, "dubbelklick", today())
    );

    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a, b, "the duplicate gets the first request's order");
    assert_eq!(a.lines.len(), 3);
    assert_eq!(a.summary.one_off, Sek::from_kronor(2890 + 2 * 1190));
    assert_eq!(cart_rows(&t, &anna).await, 0, "the cart is emptied");
    let retry = submit_cart(
        &anna,
        &t.db,
        &in_flight,
        checkout(&t, &anna).await,
        "dubbelklick",
        today(),
    )
    .await
    .unwrap();
    assert_eq!(
        retry, a,
        "a later retry replays the answer, though the cart is empty now"
    );
    assert_eq!(mine(&anna, &t.db).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_refused_checkout_leaves_the_cart_as_it_was() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    fill_cart(&t, &anna).await;
    let mut bad = checkout(&t, &anna).await;
    bad.contact_phone = "ring".into();

    let err = submit_cart(&anna, &t.db, &InFlight::default(), bad, "fel", today())
        .await
        .unwrap_err();

    assert_eq!(err.field(), Some("contact_phone"));
    assert_eq!(cart_rows(&t, &anna).await, 3);
    assert!(mine(&anna, &t.db).await.unwrap().is_empty());
    let empty = person_ctx(&t, "oskar.lund").await;
    let err = submit_cart(
        &empty,
        &t.db,
        &InFlight::default(),
        checkout(&t, &empty).await,
        "tom",
        today(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("lines"), "an empty cart is no order");
}

#[tokio::test]
async fn an_item_the_catalogue_no_longer_offers_is_left_out_of_the_cart_as_the_cart_page_leaves_it_out() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    fill_cart(&t, &anna).await;
    let headset = article(&t, "JB-E40").await;
    item::Entity::update_many()
        .col_expr(item::Column::Active, sea_orm::sea_query::Expr::value(false))
        .filter(item::Column::Id.eq(headset))
        .exec(&t.db)
        .await
        .unwrap();
    let shown = crate::cart::service::get(&anna, &t.db, today()).await.unwrap();

    let order = submit_cart(
        &anna,
        &t.db,
        &InFlight::default(),
        checkout(&t, &anna).await,
        "k",
        today(),
    )
    .await
    .unwrap();

    let ordered: Vec<i32> = order.lines.iter().map(|l| l.item_id).collect();
    let shown: Vec<i32> = shown.lines.iter().map(|l| l.item.id).collect();
    assert_eq!(ordered, shown);
    assert!(!ordered.contains(&headset));
    assert_eq!(cart_rows(&t, &anna).await, 0);
}

#[test]
fn the_checkout_form_names_a_known_address_by_its_id_or_a_new_one_by_ny() {
    let form = |address: &str| CheckoutInput {
        address: address.into(),
        idempotency_key: "nyckel".into(),
        ..Default::default()
    };
    let (order, key) = form("12").into_order().unwrap();
    assert_eq!((order.address_id, key.as_str()), (Some(12), "nyckel"));
    assert_eq!(form("ny").into_order().unwrap().0.address_id, None);
    assert_eq!(form("tolv").into_order().unwrap_err().field(), Some("address_id"));
}

#[tokio::test]
async fn every_wrong_field_is_answered_at_once() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let mut i = input(&t, &anna).await;
    i.wanted_date = "2026-11-28".into();
    i.contact_phone = String::new();
    i.contact_name = "  ".into();
    i.address_id = None;
    i.new_street = "Storgatan 1".into();
    i.new_postal_code = "1234".into();
    i.new_city = String::new();
    let err = send(&anna, &t, i, "all-at-once").await.unwrap_err();
    assert_eq!(err.status(), 422);
    let mut fields: Vec<String> = err.problems().into_iter().map(|p| p.field).collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "contact_name",
            "contact_phone",
            "new_city",
            "new_postal_code",
            "wanted_date"
        ]
    );
    assert!(err.message_for("wanted_date").is_some_and(|m| !m.is_empty()));
    assert!(mine(&anna, &t.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_same_key_with_another_request_is_refused_and_the_first_order_stands() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let first = send(&anna, &t, input(&t, &anna).await, "once").await.unwrap();
    // The same request again replays the answer.
    let again = send(&anna, &t, input(&t, &anna).await, "once").await.unwrap();
    assert_eq!(again.summary.id, first.summary.id);
    // Another request under the same key is refused, naming the key.
    let mut other = input(&t, &anna).await;
    other.reference = "En annan beställning".into();
    let err = send(&anna, &t, other, "once").await.unwrap_err();
    assert_eq!(err.status(), 422);
    assert_eq!(err.field(), Some("idempotency_key"));
    assert_eq!(mine(&anna, &t.db).await.unwrap().len(), 1);
}

/// The categories `open_order_category` lists for order `id`, with the
/// status and time in it each row holds.
async fn open_categories(t: &TestDb, id: i32) -> Vec<(i32, String, chrono::DateTime<chrono::Utc>)> {
    use crate::entities::open_order_category;
    use sea_orm::QueryOrder;
    open_order_category::Entity::find()
        .filter(open_order_category::Column::OrderId.eq(id))
        .order_by_asc(open_order_category::Column::CategoryId)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.category_id, r.status, r.status_since))
        .collect()
}

/// The categories of the three items [`input`] orders, in order.
async fn input_categories(t: &TestDb) -> Vec<i32> {
    let items = [
        article(t, "DL-5450").await,
        article(t, "DL-WD22TB4").await,
        article(t, "JB-E40").await,
    ];
    let of = crate::catalog::service::categories_of(&t.db, &items).await.unwrap();
    let mut categories: Vec<i32> = items.iter().map(|i| of[i]).collect();
    categories.sort_unstable();
    categories.dedup();
    categories
}

fn ids_of(rows: &[(i32, String, chrono::DateTime<chrono::Utc>)]) -> Vec<i32> {
    rows.iter().map(|(c, _, _)| *c).collect()
}

#[tokio::test]
async fn an_order_lists_its_categories_for_the_category_filter_while_it_is_open() {
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let categories = input_categories(&t).await;
    assert!(
        categories.len() >= 2,
        "the laptop and the headset are in different categories"
    );
    let order = send(&anna, &t, input(&t, &anna).await, "open-1").await.unwrap();
    assert_eq!(order.summary.status, OrderStatus::AwaitingAttestation);
    let listed = open_categories(&t, order.summary.id).await;
    assert_eq!(ids_of(&listed), categories, "open from its submit");
    let facts = lifecycle::facts(&t.db, order.summary.id).await.unwrap().unwrap();
    assert!(listed
        .iter()
        .all(|(_, s, at)| s == "awaiting_attestation" && *at == facts.created_at));

    // Rejected: no longer open, no longer listed.
    let erik = person_ctx(&t, "erik.johansson").await;
    crate::attest::service::decide(
        &erik,
        &t.db,
        order.summary.id,
        crate::domain::attest::Decision::Reject,
        "Fel kostnadsställe.",
    )
    .await
    .unwrap();
    assert_eq!(
        lifecycle::facts(&t.db, order.summary.id).await.unwrap().unwrap().status,
        OrderStatus::Rejected
    );
    assert!(open_categories(&t, order.summary.id).await.is_empty());

    // Attested: still open, in its new status since the decision.
    let other = send(&anna, &t, input(&t, &anna).await, "open-2").await.unwrap();
    crate::attest::service::decide(
        &erik,
        &t.db,
        other.summary.id,
        crate::domain::attest::Decision::Approve,
        "",
    )
    .await
    .unwrap();
    let listed = open_categories(&t, other.summary.id).await;
    assert_eq!(ids_of(&listed), categories);
    assert!(listed
        .iter()
        .all(|(_, s, at)| s == "attested" && *at > other.summary.created_at));

    // Listed anew from the orders' statuses: the open one is listed again
    // as it was, the rejected one not.
    crate::entities::open_order_category::Entity::delete_many()
        .exec(&t.db)
        .await
        .unwrap();
    lifecycle::relist_open_categories(&t.db, &[order.summary.id, other.summary.id])
        .await
        .unwrap();
    assert_eq!(open_categories(&t, other.summary.id).await, listed);
    assert!(open_categories(&t, order.summary.id).await.is_empty());
}

#[tokio::test]
async fn the_migration_lists_the_categories_of_the_orders_open_when_it_runs() {
    use migrations::{Migrator, MigratorTrait};
    let t = seeded().await;
    let anna = person_ctx(&t, "anna.lindqvist").await;
    let open = send(&anna, &t, input(&t, &anna).await, "m-open").await.unwrap();
    let rejected = send(&anna, &t, input(&t, &anna).await, "m-rejected").await.unwrap();
    let erik = person_ctx(&t, "erik.johansson").await;
    crate::attest::service::decide(
        &erik,
        &t.db,
        rejected.summary.id,
        crate::domain::attest::Decision::Reject,
        "Fel kostnadsställe.",
    )
    .await
    .unwrap();
    let expected = open_categories(&t, open.summary.id).await;
    assert_eq!(ids_of(&expected), input_categories(&t).await);
    let all = Migrator::migrations();
    let at = all
        .iter()
        .position(|m| m.name() == "m20261215_000031_open_order_category")
        .expect("the migration is registered");
    // Taken down to before it (the table goes) and up again: filled from
    // the orders.
    Migrator::down(&t.db, Some((all.len() - at) as u32)).await.unwrap();
    Migrator::up(&t.db, None).await.unwrap();
    assert_eq!(open_categories(&t, open.summary.id).await, expected);
    assert!(open_categories(&t, rejected.summary.id).await.is_empty());
}
