//! Rounds of two concurrent decisions on one order: two tasks on the pool
//! call `attest::service::decide` at the same moment (one approves, the
//! other rejects), either two attesters of the order or an attester and
//! their substitute. A round passes when exactly one decision stands — the
//! other caller got "redan attesterad/avslagen av …" — and the database
//! holds the winner's decision. Afterwards every order raced is put back as
//! it was (waiting, its assignments, its status; the decisions' timeline
//! rows removed; their audit rows stay), so the data serves the next run.

use super::{ctx_of, row, ATTESTER_PREFIX};
use anyhow::Context as _;
use app::attest::service::decide;
use app::ctx::Ctx;
use app::domain::attest::{AttestState, Decision};
use app::domain::orders::OrderStatus;
use app::entities::{attest_assignment, attest_substitute, attestation, order_event, orders, person};
use app::error::AppError;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One round: the order and the two people deciding it; `on_behalf_of`
/// is set when the second is the first's substitute.
struct Round {
    order_id: i32,
    first: i32,
    second: i32,
    substitute_for: Option<i32>,
}

/// What one caller got.
enum Got {
    Decided,
    AlreadyDecided,
    Other(String),
}

/// Orders waiting for two generated attesters, and orders waiting for one
/// generated attester who has a substitute today; half the rounds of each
/// as far as there are orders. Orders `bench.attestant` is assigned to are
/// left alone (its list stays as the page bench sees it).
async fn rounds(
    db: &DatabaseConnection,
    n: u32,
) -> anyhow::Result<(Vec<Round>, BTreeMap<i32, Vec<attest_assignment::Model>>)> {
    let generated: HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Username.starts_with(ATTESTER_PREFIX))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.username))
        .collect();
    anyhow::ensure!(!generated.is_empty(), "no generated attesters: run attest-data first");
    let today = chrono::Local::now().date_naive();
    let substitute_of: HashMap<i32, i32> = attest_substitute::Entity::find()
        .filter(attest_substitute::Column::ValidFrom.lte(today))
        .filter(attest_substitute::Column::ValidTo.gte(today))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| generated.contains_key(&s.attester_id) && generated.contains_key(&s.substitute_id))
        .map(|s| (s.attester_id, s.substitute_id))
        .collect();
    let mut by_order: BTreeMap<i32, Vec<attest_assignment::Model>> = BTreeMap::new();
    for a in attest_assignment::Entity::find().all(db).await? {
        by_order.entry(a.order_id).or_default().push(a);
    }
    let (mut pairs, mut substituted) = (Vec::new(), Vec::new());
    for (order_id, assigned) in &by_order {
        if assigned.iter().any(|a| !generated.contains_key(&a.person_id)) {
            continue;
        }
        match assigned.as_slice() {
            [one] => {
                if let Some(sub) = substitute_of.get(&one.person_id) {
                    substituted.push(Round {
                        order_id: *order_id,
                        first: one.person_id,
                        second: *sub,
                        substitute_for: Some(one.person_id),
                    });
                }
            }
            [a, b, ..] => pairs.push(Round {
                order_id: *order_id,
                first: a.person_id,
                second: b.person_id,
                substitute_for: None,
            }),
            [] => {}
        }
    }
    let half = (n as usize / 2).min(substituted.len());
    let mut chosen: Vec<Round> = substituted.into_iter().take(half).collect();
    chosen.extend(pairs.into_iter().take(n as usize - half));
    anyhow::ensure!(
        chosen.len() == n as usize,
        "only {} orders fit for {n} rounds of concurrent decisions",
        chosen.len()
    );
    chosen.sort_by_key(|r| r.order_id);
    let saved = chosen
        .iter()
        .filter_map(|r| by_order.remove(&r.order_id).map(|a| (r.order_id, a)))
        .collect();
    Ok((chosen, saved))
}

async fn one(
    db: DatabaseConnection,
    ctx: Ctx,
    order_id: i32,
    decision: Decision,
    gate: Arc<tokio::sync::Barrier>,
) -> (Got, Duration) {
    gate.wait().await;
    let t = Instant::now();
    let comment = match decision {
        Decision::Approve => "",
        Decision::Reject => "Avslås i bänktestet.",
    };
    let got = match decide(&ctx, &db, order_id, decision, comment).await {
        Ok(_) => Got::Decided,
        Err(AppError::Conflict { message }) if message.contains("redan") => Got::AlreadyDecided,
        Err(e) => Got::Other(format!("{e:?}")),
    };
    (got, t.elapsed())
}

/// Runs `n` rounds, puts the orders back, prints the row; an error when a
/// round did not end in exactly one decision.
pub(super) async fn run(db: &DatabaseConnection, label: &str, n: u32) -> anyhow::Result<()> {
    let (rounds, saved) = rounds(db, n).await?;
    let mut ctxs: HashMap<i32, Ctx> = HashMap::new();
    for r in &rounds {
        for p in [r.first, r.second] {
            if let std::collections::hash_map::Entry::Vacant(e) = ctxs.entry(p) {
                e.insert(ctx_of(db, p).await?);
            }
        }
    }
    let mut times = Vec::with_capacity(2 * rounds.len());
    let (mut exactly_one, mut substituted, mut failures) = (0u32, 0u32, Vec::new());
    for (i, r) in rounds.iter().enumerate() {
        // Alternate who approves and who rejects.
        let (d1, d2) = if i % 2 == 0 {
            (Decision::Approve, Decision::Reject)
        } else {
            (Decision::Reject, Decision::Approve)
        };
        let gate = Arc::new(tokio::sync::Barrier::new(2));
        let a = tokio::spawn(one(db.clone(), ctxs[&r.first].clone(), r.order_id, d1, gate.clone()));
        let b = tokio::spawn(one(db.clone(), ctxs[&r.second].clone(), r.order_id, d2, gate));
        let ((ga, ta), (gb, tb)) = (a.await?, b.await?);
        times.extend([ta, tb]);
        let winner = match (&ga, &gb) {
            (Got::Decided, Got::AlreadyDecided) => Some((r.first, d1, None)),
            (Got::AlreadyDecided, Got::Decided) => Some((r.second, d2, r.substitute_for)),
            _ => None,
        };
        let stored = attestation::Entity::find_by_id(r.order_id).one(db).await?;
        let holds = match (winner, &stored) {
            (Some((by, decision, behalf)), Some(s)) => {
                s.state == decision.state().as_str() && s.decided_by == Some(by) && s.on_behalf_of == behalf
            }
            _ => false,
        };
        if holds {
            exactly_one += 1;
            substituted += u32::from(r.substitute_for.is_some());
        } else if failures.len() < 5 {
            let show = |g: &Got| match g {
                Got::Decided => "decided".to_owned(),
                Got::AlreadyDecided => "already decided".to_owned(),
                Got::Other(e) => e.clone(),
            };
            failures.push(format!("order {}: {} | {}", r.order_id, show(&ga), show(&gb)));
        }
    }
    let restored = restore(db, &rounds, saved).await;
    row(
        label,
        "two concurrent attest::service::decide on one order (approve vs reject), per call",
        &format!("{n} rounds"),
        times,
        "exactly one decision every round",
        &format!(
            "{exactly_one}/{n} rounds exactly one ({} two attesters, {substituted} attester and substitute)",
            exactly_one - substituted
        ),
    );
    for f in &failures {
        eprintln!("round failed: {f}");
    }
    restored.context("putting the raced orders back")?;
    anyhow::ensure!(
        exactly_one == n,
        "{} of {n} rounds did not end in exactly one decision",
        n - exactly_one
    );
    Ok(())
}

/// Puts the raced orders back: waiting again, their assignments as they
/// were, their status back, the decisions' timeline rows and the supplier
/// parts an approval released removed.
async fn restore(
    db: &DatabaseConnection,
    rounds: &[Round],
    mut saved: BTreeMap<i32, Vec<attest_assignment::Model>>,
) -> anyhow::Result<()> {
    for chunk in rounds.chunks(200) {
        let ids: Vec<i32> = chunk.iter().map(|r| r.order_id).collect();
        let txn = db.begin().await?;
        attestation::Entity::update_many()
            .col_expr(attestation::Column::State, Expr::value(AttestState::Waiting.as_str()))
            .col_expr(attestation::Column::DecidedBy, Expr::value(Option::<i32>::None))
            .col_expr(attestation::Column::OnBehalfOf, Expr::value(Option::<i32>::None))
            .col_expr(
                attestation::Column::DecidedAt,
                Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
            )
            .col_expr(attestation::Column::Comment, Expr::value(""))
            .filter(attestation::Column::OrderId.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        orders::Entity::update_many()
            .col_expr(
                orders::Column::Status,
                Expr::value(OrderStatus::AwaitingAttestation.as_str()),
            )
            .filter(orders::Column::Id.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        // A rejected order is open again.
        app::orders::service::lifecycle::relist_open_categories(&txn, &ids).await?;
        order_event::Entity::delete_many()
            .filter(order_event::Column::OrderId.is_in(ids.clone()))
            .filter(order_event::Column::FromStatus.eq(OrderStatus::AwaitingAttestation.as_str()))
            .exec(&txn)
            .await?;
        attest_assignment::Entity::delete_many()
            .filter(attest_assignment::Column::OrderId.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        unrelease(&txn, &ids).await?;
        let back: Vec<attest_assignment::ActiveModel> = ids
            .iter()
            .filter_map(|id| saved.remove(id))
            .flatten()
            .map(|a| attest_assignment::ActiveModel {
                order_id: sea_orm::ActiveValue::Set(a.order_id),
                person_id: sea_orm::ActiveValue::Set(a.person_id),
                level: sea_orm::ActiveValue::Set(a.level),
                assigned_at: sea_orm::ActiveValue::Set(a.assigned_at),
                ..Default::default()
            })
            .collect();
        if !back.is_empty() {
            attest_assignment::Entity::insert_many(back).exec(&txn).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

/// Removes the supplier parts of `ids` (an approval releases them).
async fn unrelease<C: sea_orm::ConnectionTrait>(db: &C, ids: &[i32]) -> anyhow::Result<()> {
    use app::entities::{order_part, order_part_line};
    use sea_orm::QuerySelect;
    let parts: Vec<i32> = order_part::Entity::find()
        .select_only()
        .column(order_part::Column::Id)
        .filter(order_part::Column::OrderId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    if !parts.is_empty() {
        order_part_line::Entity::delete_many()
            .filter(order_part_line::Column::PartId.is_in(parts.clone()))
            .exec(db)
            .await?;
        order_part::Entity::delete_many()
            .filter(order_part::Column::Id.is_in(parts))
            .exec(db)
            .await?;
    }
    Ok(())
}
