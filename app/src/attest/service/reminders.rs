//! The reminder job: an order that has waited more than `remind_after`
//! working days (weekends and Swedish public holidays excluded) reminds its
//! attesters, once per level; after `escalate_after` working days it goes
//! one level up the organisation to the next attesters whose limit covers
//! it, and their clock starts again. Runs on one instance at a time (the
//! job runner's claim) and is idempotent: each step is a conditional update
//! of the order's attestation row, so a step runs once even if two runs
//! overlap.

use super::routing::{assign, candidates};
use crate::ctx::Ctx;
use crate::domain::attest::{escalate, AttestState, Level, OrderFacts, Route};
use crate::domain::calendar::working_days_between;
use crate::entities::{attest_assignment, attestation};
use crate::error::AppError;
use crate::notify::dto::Kind;
use crate::orders::service::lifecycle;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

/// When to remind and when to escalate, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub remind_after: u32,
    pub escalate_after: u32,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            remind_after: 2,
            escalate_after: 5,
        }
    }
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub reminded: u32,
    pub escalated: u32,
}

/// One run of the job at `now`.
pub async fn sweep<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
    timing: Timing,
) -> Result<Swept, AppError> {
    let today = now.date_naive();
    // Calendar days are never fewer than working days: a coarse filter the
    // index on (state, waiting_since) answers.
    let horizon = now - chrono::Duration::days(i64::from(timing.remind_after.min(timing.escalate_after)));
    let waiting = attestation::Entity::find()
        .filter(attestation::Column::State.eq(AttestState::Waiting.as_str()))
        .filter(attestation::Column::WaitingSince.lte(horizon))
        .all(db)
        .await?;
    let mut swept = Swept::default();
    for a in waiting {
        let waited = working_days_between(a.waiting_since.date_naive(), today);
        if waited >= timing.escalate_after {
            if escalate_one(db, &a, now).await? {
                swept.escalated += 1;
            }
        } else if waited >= timing.remind_after && a.reminded_at.is_none() && remind_one(db, &a, now, waited).await? {
            swept.reminded += 1;
        }
    }
    Ok(swept)
}

async fn assigned<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(attest_assignment::Entity::find()
        .filter(attest_assignment::Column::OrderId.eq(order_id))
        .all(db)
        .await?
        .into_iter()
        .map(|x| x.person_id)
        .collect())
}

async fn remind_one<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    a: &attestation::Model,
    now: DateTime<Utc>,
    waited: u32,
) -> Result<bool, AppError> {
    let txn = crate::db::begin_write(db).await?;
    let changed = attestation::Entity::update_many()
        .col_expr(attestation::Column::RemindedAt, Expr::value(now))
        .filter(attestation::Column::OrderId.eq(a.order_id))
        .filter(attestation::Column::State.eq(AttestState::Waiting.as_str()))
        .filter(attestation::Column::RemindedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    let people = assigned(&txn, a.order_id).await?;
    let what = format!("Beställningen har väntat {waited} arbetsdagar.");
    super::notices::to_attest(&txn, a.order_id, &people, Kind::Reminder, &what, now.date_naive()).await?;
    let ctx = Ctx::system();
    lifecycle::note(&txn, &ctx, a.order_id, &format!("Påminnelse till attestanten: {what}")).await?;
    crate::audit::service::record(
        &txn,
        &ctx,
        "attest.remind",
        Some("order"),
        Some(&a.order_id.to_string()),
        serde_json::json!({ "attesters": people, "working_days": waited }),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

async fn escalate_one<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    a: &attestation::Model,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let Some(level) = a.level.and_then(Level::from_code) else {
        return Ok(false);
    };
    let Some(facts) = lifecycle::facts(db, a.order_id).await? else {
        return Ok(false);
    };
    let order = OrderFacts {
        requester_id: facts.requester_id,
        recipient_id: facts.recipient_id,
        amount: facts.commitment,
        own_cost_center: false,
        item_kinds: vec![],
    };
    let people = candidates(db, facts.cost_center_id, now.date_naive()).await?;
    let current = assigned(db, a.order_id).await?;
    let Some(Route::Attesters { level: next, people }) = escalate(&order, &people, level, &current) else {
        // Nobody higher up: it keeps waiting where it is (reminded once).
        return Ok(false);
    };
    let txn = crate::db::begin_write(db).await?;
    let changed = attestation::Entity::update_many()
        .col_expr(attestation::Column::Level, Expr::value(next.code()))
        .col_expr(attestation::Column::WaitingSince, Expr::value(now))
        .col_expr(
            attestation::Column::RemindedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(attestation::Column::OrderId.eq(a.order_id))
        .filter(attestation::Column::State.eq(AttestState::Waiting.as_str()))
        .filter(attestation::Column::Level.eq(level.code()))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    attest_assignment::Entity::delete_many()
        .filter(attest_assignment::Column::OrderId.eq(a.order_id))
        .exec(&txn)
        .await?;
    assign(&txn, a.order_id, next, &people, now).await?;
    let names = crate::org::directory::people(&txn, people.iter().copied()).await?;
    let named = people
        .iter()
        .filter_map(|id| names.get(id).map(|p| p.name.clone()))
        .collect::<Vec<_>>()
        .join(", ");
    let line = format!(
        "Eskalerad till {named} ({}): väntade för länge på attest.",
        next.label_sv()
    );
    let ctx = Ctx::system();
    lifecycle::note(&txn, &ctx, a.order_id, &line).await?;
    super::notices::to_attest(
        &txn,
        a.order_id,
        &people,
        Kind::Escalation,
        &format!("En beställning på {} väntar på attest.", facts.commitment),
        now.date_naive(),
    )
    .await?;
    crate::audit::service::record(
        &txn,
        &ctx,
        "attest.escalate",
        Some("order"),
        Some(&a.order_id.to_string()),
        serde_json::json!({ "from_level": level.code(), "to_level": next.code(), "attesters": people }),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// The job, for the runner: `jobs.every("attest.reminders", …, move |db, now| reminders::run(db, now, timing))`.
pub async fn run(db: DatabaseConnection, now: DateTime<Utc>, timing: Timing) -> anyhow::Result<()> {
    let swept = sweep(&db, now, timing)
        .await
        .map_err(|e| anyhow::anyhow!("attest reminders: {e:?}"))?;
    if swept.reminded + swept.escalated > 0 {
        tracing::info!(
            reminded = swept.reminded,
            escalated = swept.escalated,
            "attest reminders"
        );
    }
    Ok(())
}
