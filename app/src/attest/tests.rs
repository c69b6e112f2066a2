//! Service tests of attestation, on SQLite and PostgreSQL, on the demo
//! region: Erik Johansson attests Kardiologi (41210, 41220) up to 50 000 kr;
//! Eva Karlsson attests Akuten (41110, 41120) up to 300 000 kr, which makes
//! her the förvaltning's attester for Kardiologi's larger orders.

use super::service::{decide, end_substitute, name_substitute, pending, view, withdraw};
use crate::ctx::Ctx;
use crate::domain::attest::{AttestState, Decision};
use crate::domain::orders::{OrderStatus, Quantity};
use crate::entities::{auto_approval_rule, item};
use crate::error::AppError;
use crate::orders::dto::{LineInput, OrderDetail, OrderInput};
use crate::orders::in_flight::InFlight;
use crate::testing::{demo_db, TestDb};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

async fn who(t: &TestDb, username: &str) -> Ctx {
    crate::testing::person_ctx(&t.db, username).await
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// `ctx` orders `pcs` Latitude laptops with their docks for `recipient` (themselves when
/// `None`) on Kardiologi vårdavdelning (41210).
async fn order(t: &TestDb, ctx: &Ctx, recipient: Option<&str>, pcs: i32) -> OrderDetail {
    let recipient_id = match recipient {
        Some(u) => who(t, u).await.person_id().unwrap(),
        None => ctx.person_id().unwrap(),
    };
    let opts = crate::orders::service::checkout_options(ctx, &t.db, Some(recipient_id), None)
        .await
        .unwrap();
    let center = opts.cost_centers.iter().find(|c| c.code == "41210").unwrap().id;
    let article = |number: &'static str| async move {
        item::Entity::find()
            .filter(item::Column::ArticleNumber.eq(number))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let (pc, dock) = (article("DL-5450").await, article("DL-WD22TB4").await);
    let input = OrderInput {
        recipient_id,
        cost_center_id: center,
        address_id: Some(opts.addresses[0].id),
        contact_name: opts.recipient.name.clone(),
        contact_phone: "021-17 52 10".into(),
        wanted_date: String::new(),
        lines: vec![
            LineInput {
                item_id: pc,
                quantity: Quantity::new(pcs).unwrap(),
            },
            LineInput {
                item_id: dock,
                quantity: Quantity::new(pcs).unwrap(),
            },
        ],
        ..Default::default()
    };
    let key = uuid::Uuid::new_v4().to_string();
    crate::orders::service::submit(ctx, &t.db, &InFlight::default(), input, &key, today())
        .await
        .unwrap()
}

fn forbidden_because(e: AppError) -> String {
    match e {
        AppError::ForbiddenWithMessage { message } => message,
        other => panic!("expected a refusal with a reason, got {other:?}"),
    }
}

#[tokio::test]
async fn an_order_within_the_cost_centres_limit_waits_for_its_attester_who_approves_it() {
    let t = demo_db().await;
    let (anna, erik) = (who(&t, "anna.lindqvist").await, who(&t, "erik.johansson").await);
    let o = order(&t, &anna, None, 1).await;
    assert_eq!(o.summary.status, OrderStatus::AwaitingAttestation);
    assert!(
        o.events[1].comment.contains("Erik Johansson"),
        "{}",
        o.events[1].comment
    );

    let mine = pending(&erik, &t.db).await.unwrap();
    assert_eq!(mine.iter().map(|p| p.order.id).collect::<Vec<_>>(), vec![o.summary.id]);
    assert_eq!(mine[0].on_behalf_of, None);

    let done = decide(&erik, &t.db, o.summary.id, Decision::Approve, "").await.unwrap();
    assert_eq!(done.attestation.state, AttestState::Approved);
    assert_eq!(done.attestation.decided_by.as_deref(), Some("Erik Johansson"));
    let seen = crate::orders::service::detail(&anna, &t.db, o.summary.id)
        .await
        .unwrap();
    assert_eq!(seen.summary.status, OrderStatus::Attested);
    assert!(seen
        .events
        .last()
        .unwrap()
        .comment
        .starts_with("Attesterad av Erik Johansson"));
    assert!(pending(&erik, &t.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_order_above_the_limit_escalates_and_the_first_attester_is_told_why_not() {
    let t = demo_db().await;
    let (anna, erik, eva) = (
        who(&t, "anna.lindqvist").await,
        who(&t, "erik.johansson").await,
        who(&t, "eva.karlsson").await,
    );
    let o = order(&t, &anna, None, 5).await;
    assert!(o.summary.commitment.ore() > 5_000_000, "{}", o.summary.commitment);
    assert!(pending(&erik, &t.db).await.unwrap().is_empty());
    assert_eq!(pending(&eva, &t.db).await.unwrap().len(), 1);

    let v = view(&erik, &t.db, o.summary.id).await.unwrap();
    let why = v.may_decide.unwrap_err();
    assert!(why.contains("över din attestgräns på 50 000 kr"), "{why}");
    let refused = decide(&erik, &t.db, o.summary.id, Decision::Approve, "")
        .await
        .unwrap_err();
    assert!(forbidden_because(refused).contains("attestgräns"));

    decide(&eva, &t.db, o.summary.id, Decision::Approve, "").await.unwrap();
    let seen = crate::orders::service::detail(&anna, &t.db, o.summary.id)
        .await
        .unwrap();
    assert_eq!(seen.summary.status, OrderStatus::Attested);
}

#[tokio::test]
async fn nobody_attests_an_order_they_requested_or_receive_not_even_as_a_substitute() {
    let t = demo_db().await;
    let (anna, erik) = (who(&t, "anna.lindqvist").await, who(&t, "erik.johansson").await);
    // Erik orders for himself: his own rights do not count; the förvaltning's attester decides.
    let own = order(&t, &erik, None, 1).await;
    assert!(
        own.events[1].comment.contains("Eva Karlsson"),
        "{}",
        own.events[1].comment
    );
    let refused = decide(&erik, &t.db, own.summary.id, Decision::Approve, "")
        .await
        .unwrap_err();
    assert!(forbidden_because(refused).contains("själv beställt"));

    // Anna's order waits for Erik; Erik names Anna his substitute: she still may not.
    let hers = order(&t, &anna, None, 1).await;
    name_substitute(&erik, &t.db, "anna.lindqvist", today(), today())
        .await
        .unwrap();
    assert!(pending(&anna, &t.db).await.unwrap().is_empty());
    let refused = decide(&anna, &t.db, hers.summary.id, Decision::Approve, "")
        .await
        .unwrap_err();
    assert!(forbidden_because(refused).contains("själv beställt"));

    // Anna orders for Oskar: Oskar, the recipient, may not either.
    let for_oskar = order(&t, &anna, Some("oskar.lund"), 1).await;
    name_substitute(&erik, &t.db, "oskar.lund", today(), today())
        .await
        .unwrap();
    let oskar = who(&t, "oskar.lund").await;
    let refused = decide(&oskar, &t.db, for_oskar.summary.id, Decision::Approve, "")
        .await
        .unwrap_err();
    assert!(forbidden_because(refused).contains("till dig"));
}

#[tokio::test]
async fn a_substitute_decides_on_behalf_during_the_range_and_delegation_does_not_cascade() {
    let t = demo_db().await;
    let (anna, erik, eva, oskar) = (
        who(&t, "anna.lindqvist").await,
        who(&t, "erik.johansson").await,
        who(&t, "eva.karlsson").await,
        who(&t, "mohammed.ali").await,
    );
    let o = order(&t, &anna, None, 1).await;
    // Erik → Eva for today; Eva → Mohammed: Mohammed does not stand in for Erik.
    name_substitute(&erik, &t.db, "eva.karlsson", today(), today())
        .await
        .unwrap();
    name_substitute(&eva, &t.db, "mohammed.ali", today(), today())
        .await
        .unwrap();
    assert!(pending(&oskar, &t.db).await.unwrap().is_empty());
    assert!(decide(&oskar, &t.db, o.summary.id, Decision::Approve, "")
        .await
        .is_err());

    let hers = pending(&eva, &t.db).await.unwrap();
    assert_eq!(hers.len(), 1);
    assert_eq!(hers[0].on_behalf_of.as_deref(), Some("Erik Johansson"));
    let done = decide(&eva, &t.db, o.summary.id, Decision::Reject, "Fel kostnadsställe.")
        .await
        .unwrap();
    assert_eq!(done.attestation.on_behalf_of.as_deref(), Some("Erik Johansson"));
    assert!(done.attestation.summary.contains("på uppdrag av Erik Johansson"));

    // Ended: Eva no longer stands in for Erik.
    let o2 = order(&t, &anna, None, 1).await;
    let id = super::service::substitutes(&erik, &t.db).await.unwrap().mine[0].id;
    end_substitute(&erik, &t.db, id).await.unwrap();
    assert!(pending(&eva, &t.db).await.unwrap().is_empty());
    assert!(decide(&eva, &t.db, o2.summary.id, Decision::Approve, "").await.is_err());
}

#[tokio::test]
async fn a_rejection_needs_a_comment_and_a_decided_order_is_not_decided_again() {
    let t = demo_db().await;
    let (anna, erik, eva) = (
        who(&t, "anna.lindqvist").await,
        who(&t, "erik.johansson").await,
        who(&t, "eva.karlsson").await,
    );
    let o = order(&t, &anna, None, 1).await;
    let e = decide(&erik, &t.db, o.summary.id, Decision::Reject, "  ")
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::Validation { ref field, .. } if field.as_deref() == Some("comment")));
    decide(&erik, &t.db, o.summary.id, Decision::Approve, "").await.unwrap();
    name_substitute(&erik, &t.db, "eva.karlsson", today(), today())
        .await
        .unwrap();
    match decide(&eva, &t.db, o.summary.id, Decision::Reject, "För dyr.").await {
        Err(AppError::Conflict { message }) => {
            assert!(
                message.starts_with("Beställningen är redan attesterad av Erik Johansson"),
                "{message}"
            )
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Nor withdrawn by the requester.
    assert!(matches!(
        withdraw(&anna, &t.db, o.summary.id).await,
        Err(AppError::Conflict { .. })
    ));
}

#[tokio::test]
async fn two_attesters_deciding_at_once_give_exactly_one_decision() {
    let t = demo_db().await;
    let (anna, erik, eva) = (
        who(&t, "anna.lindqvist").await,
        who(&t, "erik.johansson").await,
        who(&t, "eva.karlsson").await,
    );
    name_substitute(&erik, &t.db, "eva.karlsson", today(), today())
        .await
        .unwrap();
    for _ in 0..5 {
        let o = order(&t, &anna, None, 1).await;
        let (a, b) = tokio::join!(
            decide(&erik, &t.db, o.summary.id, Decision::Approve, ""),
            decide(&eva, &t.db, o.summary.id, Decision::Reject, "Nej.")
        );
        let oks = [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count();
        assert_eq!(oks, 1, "{a:?} {b:?}");
        let loser = match (a, b) {
            (Ok(_), Err(e)) | (Err(e), Ok(_)) => e,
            other => panic!("expected exactly one decision: {other:?}"),
        };
        assert!(
            matches!(&loser, AppError::Conflict { message } if message.contains("redan")),
            "{loser:?}"
        );
        let seen = crate::orders::service::detail(&anna, &t.db, o.summary.id)
            .await
            .unwrap();
        let decided = seen
            .events
            .iter()
            .filter(|e| e.from == Some(OrderStatus::AwaitingAttestation))
            .count();
        assert_eq!(decided, 1);
    }
}

#[tokio::test]
async fn the_requester_withdraws_an_order_until_it_is_decided_and_nobody_else_can() {
    let t = demo_db().await;
    let (anna, erik) = (who(&t, "anna.lindqvist").await, who(&t, "erik.johansson").await);
    let o = order(&t, &anna, None, 1).await;
    assert!(matches!(
        withdraw(&erik, &t.db, o.summary.id).await,
        Err(AppError::NotFound { .. })
    ));
    withdraw(&anna, &t.db, o.summary.id).await.unwrap();
    let seen = crate::orders::service::detail(&anna, &t.db, o.summary.id)
        .await
        .unwrap();
    assert_eq!(seen.summary.status, OrderStatus::Cancelled);
    assert!(pending(&erik, &t.db).await.unwrap().is_empty());
    assert!(matches!(
        decide(&erik, &t.db, o.summary.id, Decision::Approve, "").await,
        Err(AppError::Conflict { .. })
    ));
}

#[tokio::test]
async fn an_auto_approval_rule_attests_at_submit_with_the_rule_as_the_reason() {
    let t = demo_db().await;
    let (anna, erik) = (who(&t, "anna.lindqvist").await, who(&t, "erik.johansson").await);
    auto_approval_rule::ActiveModel {
        name: Set("Standarddator på eget kostnadsställe".into()),
        max_commitment_ore: Set(5_000_000),
        own_cost_center_only: Set(true),
        item_kinds: Set("hardware".into()),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let o = order(&t, &anna, None, 1).await;
    assert_eq!(o.summary.status, OrderStatus::Attested);
    assert!(o.events[1].comment.contains("Standarddator på eget kostnadsställe"));
    assert!(pending(&erik, &t.db).await.unwrap().is_empty());
    // Over the rule's amount: an attester decides.
    let big = order(&t, &anna, None, 5).await;
    assert_eq!(big.summary.status, OrderStatus::AwaitingAttestation);
}

fn utc(y: i32, m: u32, d: u32, h: u32) -> chrono::DateTime<chrono::Utc> {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
        .and_utc()
}

async fn kinds(t: &TestDb, ctx: &Ctx) -> Vec<(String, String)> {
    crate::notify::service::list(ctx, &t.db, 100)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|n| (n.kind.as_str().to_owned(), n.link))
        .collect()
}

#[tokio::test]
async fn the_attester_is_notified_of_a_new_order_and_the_requester_of_the_decision() {
    let t = demo_db().await;
    let (anna, erik) = (who(&t, "anna.lindqvist").await, who(&t, "erik.johansson").await);
    let o = order(&t, &anna, None, 1).await;
    let link = format!("/attestera/{}", o.summary.id);
    assert!(kinds(&t, &erik).await.contains(&("to_attest".into(), link)));
    decide(&erik, &t.db, o.summary.id, Decision::Approve, "").await.unwrap();
    let link = format!("/bestallningar/{}", o.summary.id);
    assert!(kinds(&t, &anna).await.contains(&("decision".into(), link)));
}

#[tokio::test]
async fn a_waiting_order_reminds_after_n_working_days_once_and_escalates_after_m() {
    use super::service::reminders::{sweep, Timing};
    let t = demo_db().await;
    let (anna, erik, eva) = (
        who(&t, "anna.lindqvist").await,
        who(&t, "erik.johansson").await,
        who(&t, "eva.karlsson").await,
    );
    let o = order(&t, &anna, None, 1).await;
    let id = o.summary.id;
    // It started waiting on Monday 2026-11-23.
    crate::entities::attestation::Entity::update_many()
        .col_expr(
            crate::entities::attestation::Column::WaitingSince,
            sea_orm::sea_query::Expr::value(utc(2026, 11, 23, 8)),
        )
        .filter(crate::entities::attestation::Column::OrderId.eq(id))
        .exec(&t.db)
        .await
        .unwrap();
    let timing = Timing {
        remind_after: 2,
        escalate_after: 5,
    };
    // Wednesday: one full working day (Tuesday). Nothing yet.
    assert_eq!(sweep(&t.db, utc(2026, 11, 25, 12), timing).await.unwrap().reminded, 0);
    // Friday: three. Reminded, once.
    assert_eq!(sweep(&t.db, utc(2026, 11, 27, 12), timing).await.unwrap().reminded, 1);
    assert_eq!(sweep(&t.db, utc(2026, 11, 27, 13), timing).await.unwrap().reminded, 0);
    let reminders = kinds(&t, &erik)
        .await
        .into_iter()
        .filter(|(k, _)| k == "reminder")
        .count();
    assert_eq!(reminders, 1);
    // The weekend does not count: Monday 30th is four. Tuesday 1st is five: escalated.
    assert_eq!(sweep(&t.db, utc(2026, 11, 30, 12), timing).await.unwrap().escalated, 0);
    assert_eq!(sweep(&t.db, utc(2026, 12, 1, 12), timing).await.unwrap().escalated, 1);
    assert!(pending(&erik, &t.db).await.unwrap().is_empty());
    assert_eq!(pending(&eva, &t.db).await.unwrap().len(), 1);
    assert!(kinds(&t, &eva)
        .await
        .contains(&("escalation".into(), format!("/attestera/{id}"))));
    let timeline = crate::orders::service::detail(&anna, &t.db, id).await.unwrap().events;
    assert!(timeline.iter().any(|e| e.comment.starts_with("Påminnelse")));
    assert!(timeline.iter().any(|e| e.comment.starts_with("Eskalerad till")));
    // Escalated once: the next sweep on the same day does nothing more.
    assert_eq!(
        sweep(&t.db, utc(2026, 12, 1, 13), timing).await.unwrap(),
        Default::default()
    );
}

#[tokio::test]
async fn an_order_no_attester_may_take_waits_in_the_coordinators_queue_flagged() {
    let t = demo_db().await;
    let (anna, maria) = (who(&t, "anna.lindqvist").await, who(&t, "maria.nilsson").await);
    // 20 laptops with docks: above every demo attester's limit.
    let o = order(&t, &anna, None, 20).await;
    assert_eq!(o.summary.status, OrderStatus::AwaitingAttestation);
    assert!(
        o.events[1].comment.starts_with("Saknar attestant"),
        "{}",
        o.events[1].comment
    );
    let queue = super::service::unassigned(&maria, &t.db).await.unwrap();
    assert_eq!(queue.iter().map(|p| p.order.id).collect::<Vec<_>>(), vec![o.summary.id]);
    assert_eq!(
        super::service::unassigned(&anna, &t.db).await.unwrap_err(),
        AppError::Forbidden
    );
}

#[tokio::test]
async fn routing_level_by_level_answers_as_routing_over_the_whole_forvaltning() {
    use super::service::routing::{candidates, route_by_level};
    use crate::domain::attest::{route, OrderFacts};
    use crate::domain::money::Sek;
    let t = demo_db().await;
    let (anna, eva) = (who(&t, "anna.lindqvist").await, who(&t, "eva.karlsson").await);
    let centers: Vec<i32> = crate::entities::cost_center::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let mut levels = std::collections::BTreeSet::new();
    for cc in centers {
        let place = crate::org::structure::place(&t.db, cc).await.unwrap();
        let all = candidates(&t.db, cc, today()).await.unwrap();
        for requester in [&anna, &eva] {
            for kr in [1_000, 49_999, 50_001, 299_999, 300_001] {
                let facts = OrderFacts {
                    requester_id: requester.person_id().unwrap(),
                    recipient_id: requester.person_id().unwrap(),
                    amount: Sek::from_ore(kr * 100),
                    own_cost_center: false,
                    item_kinds: vec![],
                };
                let staged = route_by_level(&t.db, &facts, &[], place, today()).await.unwrap();
                assert_eq!(staged, route(&facts, &[], &all), "cost centre {cc}, {kr} kr");
                levels.insert(format!("{staged:?}").split(' ').next().unwrap().to_owned());
            }
        }
    }
    // The demo region exercises attesters found and nobody eligible.
    assert!(levels.len() >= 2, "{levels:?}");
}

/// Above the cost centre, routing reads the unit's and the förvaltning's
/// rights in one statement: an attester of another cost centre of the
/// order's unit comes before the förvaltning's, unless their limit does not
/// cover the order or the order is their own.
#[tokio::test]
async fn above_the_cost_centre_the_units_attester_comes_before_the_forvaltnings() {
    use super::service::routing::route_by_level;
    use crate::domain::attest::{Level, OrderFacts, Route};
    use crate::domain::money::Sek;
    use crate::entities::attest_right;
    let t = demo_db().await;
    let centers = crate::org::directory::cost_centers_by_code(&t.db, &["41210".into(), "41220".into()])
        .await
        .unwrap();
    let (own, sibling) = (centers["41210"].0.id, centers["41220"].0.id);
    let (anna, sara, eva) = (
        who(&t, "anna.lindqvist").await.person_id().unwrap(),
        who(&t, "sara.berg").await.person_id().unwrap(),
        who(&t, "eva.karlsson").await.person_id().unwrap(),
    );
    // Sara attests Kardiologi's other cost centre up to 200 000 kr.
    attest_right::ActiveModel {
        person_id: Set(sara),
        cost_center_id: Set(sibling),
        limit_ore: Set(200_000 * 100),
        valid_from: Set(today() - chrono::Days::new(1)),
        valid_to: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let place = crate::org::structure::place(&t.db, own).await.unwrap();
    let routed = |requester: i32, kr: i64| {
        let db = t.db.clone();
        async move {
            let facts = OrderFacts {
                requester_id: requester,
                recipient_id: requester,
                amount: Sek::from_ore(kr * 100),
                own_cost_center: false,
                item_kinds: vec![],
            };
            route_by_level(&db, &facts, &[], place, today()).await.unwrap()
        }
    };
    let at = |level: Level, people: Vec<i32>| Route::Attesters { level, people };
    assert_eq!(
        routed(anna, 100_000).await,
        at(Level::Unit, vec![sara]),
        "the unit's attester"
    );
    assert_eq!(
        routed(anna, 250_000).await,
        at(Level::Administration, vec![eva]),
        "over the unit attester's limit: the förvaltning's"
    );
    assert_eq!(
        routed(sara, 100_000).await,
        at(Level::Administration, vec![eva]),
        "nobody attests their own order"
    );
    assert_eq!(
        routed(anna, 20_000).await,
        at(
            Level::CostCenter,
            vec![who(&t, "erik.johansson").await.person_id().unwrap()]
        )
    );
}
