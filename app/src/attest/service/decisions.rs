//! Approve or reject, exactly once; the requester's withdrawal.
//!
//! Eligibility is read first; then the decision is the transaction's first
//! write, a conditional update of the order's attestation row (`WHERE state
//! = 'waiting'`). Of two attesters deciding at the same moment, one update
//! changes the row and the other changes nothing and answers who decided
//! first — on PostgreSQL by the row lock, on SQLite by the database's
//! single writer.

use super::pending::attestation_of;
use super::today;
use crate::attest::dto::DecisionOutcome;
use crate::ctx::Ctx;
use crate::domain::attest::{check_comment, conflict_of_interest, AttestState, Decision, OrderFacts};
use crate::domain::format::date_time;
use crate::domain::orders::{OrderEvent, OrderStatus};
use crate::entities::{attest_assignment, attest_right, attestation};
use crate::error::AppError;
use crate::orders::service::lifecycle::{self, Facts};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

fn not_waiting() -> AppError {
    AppError::not_found("Beställningen finns inte eller väntar inte på attest.")
}

/// Why an order that is no longer open cannot be decided: who decided it
/// and when.
pub(crate) async fn decided_message<C: ConnectionTrait>(db: &C, a: &attestation::Model) -> Result<String, AppError> {
    let state = AttestState::parse(&a.state)
        .ok_or_else(|| AppError::internal(format!("attestation {} has unknown state {:?}", a.order_id, a.state)))?;
    let who = match a.decided_by {
        Some(id) => crate::org::directory::person(db, id)
            .await?
            .map(|p| p.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let when = a
        .decided_at
        .map(|t| {
            let s = date_time(t);
            match s.split_once(' ') {
                Some((day, time)) => format!("{day} kl. {time}"),
                None => s,
            }
        })
        .unwrap_or_default();
    Ok(match state {
        AttestState::Approved => format!("Beställningen är redan attesterad av {who} {when}."),
        AttestState::Rejected => format!("Beställningen är redan avslagen av {who} {when}."),
        AttestState::AutoApproved => format!("Beställningen attesterades automatiskt {when}."),
        AttestState::Withdrawn => format!("Beställningen drogs tillbaka av beställaren {when}."),
        AttestState::Waiting | AttestState::Unassigned => "Beställningen väntar på attest.".into(),
    })
}

fn routing_facts(f: &Facts) -> OrderFacts {
    OrderFacts {
        requester_id: f.requester_id,
        recipient_id: f.recipient_id,
        amount: f.commitment,
        own_cost_center: false,
        item_kinds: vec![],
    }
}

/// Whether `me` may decide the order now: `Ok(None)` as one of its
/// attesters, `Ok(Some(attester))` as that attester's substitute today, or
/// `Err(why not)` in Swedish. Segregation of duties holds in every
/// capacity: the requester and the recipient never decide.
pub(crate) async fn eligibility<C: ConnectionTrait>(
    db: &C,
    me: i32,
    a: &attestation::Model,
    facts: &Facts,
    day: NaiveDate,
) -> Result<Result<Option<i32>, String>, AppError> {
    match AttestState::parse(&a.state) {
        Some(AttestState::Waiting) => {}
        Some(AttestState::Unassigned) => {
            return Ok(Err(
                "Ingen attestant har en attestgräns som räcker. Beställningen ligger hos koordinatorerna.".into(),
            ))
        }
        Some(_) => return Ok(Err(decided_message(db, a).await?)),
        None => return Err(AppError::internal(format!("unknown attestation state {:?}", a.state))),
    }
    if let Some(why) = conflict_of_interest(&routing_facts(facts), me) {
        return Ok(Err(why.into()));
    }
    let assigned: Vec<i32> = attest_assignment::Entity::find()
        .filter(attest_assignment::Column::OrderId.eq(a.order_id))
        .all(db)
        .await?
        .into_iter()
        .map(|x| x.person_id)
        .collect();
    if assigned.contains(&me) {
        return Ok(Ok(None));
    }
    let represented = super::represented(db, me, day).await?;
    if let Some(attester) = assigned.iter().copied().find(|p| represented.contains(p)) {
        return Ok(Ok(Some(attester)));
    }
    let names = crate::org::directory::people(db, assigned.iter().copied()).await?;
    let waiting_for = assigned
        .iter()
        .filter_map(|id| names.get(id).map(|p| p.name.clone()))
        .collect::<Vec<_>>()
        .join(", ");
    let my_limit = attest_right::Entity::find()
        .filter(attest_right::Column::PersonId.eq(me))
        .filter(attest_right::Column::CostCenterId.eq(facts.cost_center_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|r| r.valid_from <= day && r.valid_to.is_none_or(|to| to >= day))
        .map(|r| r.limit_ore)
        .max();
    Ok(Err(match my_limit {
        Some(limit) if limit < facts.commitment.ore() => format!(
            "Beställningen på {} är över din attestgräns på {}. Den väntar på attest hos {waiting_for}.",
            facts.commitment,
            crate::domain::money::Sek::from_ore(limit)
        ),
        _ => format!("Beställningen väntar på attest hos {waiting_for}, inte hos dig."),
    }))
}

async fn load<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<(attestation::Model, Facts), AppError> {
    let a = attestation::Entity::find_by_id(order_id)
        .one(db)
        .await?
        .ok_or_else(not_waiting)?;
    let facts = lifecycle::facts(db, order_id).await?.ok_or_else(not_waiting)?;
    Ok((a, facts))
}

/// Approves or rejects order `order_id` as the caller (or as the substitute
/// of one of its attesters). `Forbidden` with the reason when the caller may
/// not; `Conflict` naming who decided when someone already did; a rejection
/// without a comment is a validation error.
pub async fn decide<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    order_id: i32,
    decision: Decision,
    comment: &str,
) -> Result<DecisionOutcome, AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let (a, facts) = load(db, order_id).await?;
    let on_behalf_of = match eligibility(db, me, &a, &facts, today()).await? {
        Ok(on_behalf_of) => on_behalf_of,
        Err(why) if !AttestState::parse(&a.state).is_some_and(AttestState::is_open) => {
            return Err(AppError::Conflict { message: why })
        }
        Err(why) => {
            // Someone may have decided while we read: then that is the answer.
            let (fresh, _) = load(db, order_id).await?;
            if !AttestState::parse(&fresh.state).is_some_and(AttestState::is_open) {
                return Err(AppError::Conflict {
                    message: decided_message(db, &fresh).await?,
                });
            }
            return Err(AppError::ForbiddenWithMessage { message: why });
        }
    };
    let comment = check_comment(decision, comment).map_err(|m| AppError::validation("comment", m))?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let changed = attestation::Entity::update_many()
        .col_expr(attestation::Column::State, Expr::value(decision.state().as_str()))
        .col_expr(attestation::Column::DecidedBy, Expr::value(me))
        .col_expr(attestation::Column::OnBehalfOf, Expr::value(on_behalf_of))
        .col_expr(attestation::Column::DecidedAt, Expr::value(now))
        .col_expr(attestation::Column::Comment, Expr::value(comment.clone()))
        .filter(attestation::Column::OrderId.eq(order_id))
        .filter(attestation::Column::State.eq(AttestState::Waiting.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        txn.rollback().await?;
        let (a, _) = load(db, order_id).await?;
        return Err(AppError::Conflict {
            message: decided_message(db, &a).await?,
        });
    }
    attest_assignment::Entity::delete_many()
        .filter(attest_assignment::Column::OrderId.eq(order_id))
        .exec(&txn)
        .await?;
    let people = crate::org::directory::people(&txn, [Some(me), on_behalf_of].into_iter().flatten()).await?;
    let name = |id: i32| people.get(&id).map(|p| p.name.clone()).unwrap_or_default();
    let behalf = on_behalf_of
        .map(|a| format!(" på uppdrag av {}", name(a)))
        .unwrap_or_default();
    let (event, verb) = match decision {
        Decision::Approve => (OrderEvent::Approve, "Attesterad"),
        Decision::Reject => (OrderEvent::Reject, "Avslagen"),
    };
    let line = if comment.is_empty() {
        format!("{verb} av {}{behalf}.", name(me))
    } else {
        format!("{verb} av {}{behalf}: {comment}", name(me))
    };
    lifecycle::apply(&txn, ctx, order_id, OrderStatus::AwaitingAttestation, event, &line, now).await?;
    if decision == Decision::Approve {
        // Attested: its suppliers' parts are ready for them.
        crate::fulfilment::service::release(&txn, order_id, now).await?;
    }
    super::notices::decided(&txn, order_id, facts.requester_id, decision == Decision::Approve, &line).await?;
    crate::audit::service::record(
        &txn,
        ctx,
        match decision {
            Decision::Approve => "attest.approve",
            Decision::Reject => "attest.reject",
        },
        Some("order"),
        Some(&order_id.to_string()),
        serde_json::json!({ "on_behalf_of": on_behalf_of, "comment": comment, "amount_ore": facts.commitment.ore() }),
    )
    .await?;
    txn.commit().await?;
    Ok(DecisionOutcome {
        order_id,
        attestation: attestation_of(db, order_id).await?,
    })
}

/// The requester withdraws their order before anyone has decided it.
pub async fn withdraw<C: ConnectionTrait + TransactionTrait>(ctx: &Ctx, db: &C, order_id: i32) -> Result<(), AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let not_found = || AppError::not_found("Beställningen finns inte.");
    let facts = lifecycle::facts(db, order_id).await?.ok_or_else(not_found)?;
    if facts.requester_id != me {
        return Err(not_found());
    }
    let a = attestation::Entity::find_by_id(order_id).one(db).await?;
    let txn = crate::db::begin_write(db).await?;
    if let Some(a) = &a {
        let changed = attestation::Entity::update_many()
            .col_expr(attestation::Column::State, Expr::value(AttestState::Withdrawn.as_str()))
            .col_expr(attestation::Column::DecidedBy, Expr::value(me))
            .col_expr(attestation::Column::DecidedAt, Expr::value(chrono::Utc::now()))
            .filter(attestation::Column::OrderId.eq(order_id))
            .filter(attestation::Column::State.is_in([AttestState::Waiting.as_str(), AttestState::Unassigned.as_str()]))
            .exec(&txn)
            .await?
            .rows_affected;
        if changed != 1 {
            txn.rollback().await?;
            let fresh = attestation::Entity::find_by_id(order_id).one(db).await?;
            return Err(AppError::Conflict {
                message: decided_message(db, fresh.as_ref().unwrap_or(a)).await?,
            });
        }
        attest_assignment::Entity::delete_many()
            .filter(attest_assignment::Column::OrderId.eq(order_id))
            .exec(&txn)
            .await?;
    }
    lifecycle::apply(
        &txn,
        ctx,
        order_id,
        facts.status,
        OrderEvent::Withdraw,
        "Beställningen drogs tillbaka av beställaren.",
        chrono::Utc::now(),
    )
    .await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "order.withdraw",
        Some("order"),
        Some(&order_id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
