//! Closing delivered orders: a background job (`fulfilment.close`, hourly)
//! closes an order [`CLOSE_AFTER_DAYS`] days after it was delivered,
//! unless a deviation on it is still open — then it waits until a
//! coordinator has resolved it, and a later run closes it. Each of its
//! delivered parts goes `delivered → closed` as the system and the order
//! follows; the step is automatic (not a human touch), so the order's
//! automation category stays what it was at delivery, and the requester is
//! not notified (there is nothing for them to do). Without it the
//! coordinators' "Levererad" queue would hold every order ever delivered.

use super::parts::{lock, step, Changes};
use crate::ctx::Ctx;
use crate::domain::orders::{OrderEvent, OrderStatus};
use crate::error::AppError;
use crate::orders::service::{lifecycle, queue as orders_queue};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

/// Days from delivery to closing.
pub const CLOSE_AFTER_DAYS: i64 = 30;
const COMMENT: &str = "Avslutad automatiskt 30 dagar efter leveransen.";

/// The job: closes every order due at `now`.
pub async fn run(db: DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    let closed = close_due(&db, now).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    if closed > 0 {
        tracing::info!(closed, "delivered orders closed");
    }
    Ok(())
}

/// Closes the orders delivered at least [`CLOSE_AFTER_DAYS`] days before
/// `now` without an open deviation (their ids read in one statement);
/// answers how many. One transaction per order: one that changed meanwhile
/// is left for the next run.
pub async fn close_due<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, AppError> {
    let cutoff = now - Duration::days(CLOSE_AFTER_DAYS);
    let query = orders_queue::OrderQuery {
        statuses: vec![OrderStatus::Delivered],
        since_before: Some(vec![(OrderStatus::Delivered, cutoff)]),
        not_within: vec![super::queue::open_deviation_orders_query()],
        ..Default::default()
    };
    let ctx = Ctx::system();
    let mut closed = 0;
    for due in orders_queue::matching(db, &query).await? {
        match close(db, &ctx, due.id, now).await {
            Ok(()) => closed += 1,
            Err(e) => tracing::warn!(order = due.id, error = %e, "a delivered order was not closed"),
        }
    }
    Ok(closed)
}

async fn close<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    ctx: &Ctx,
    order_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let Some(mut locked) = lock(&txn, order_id).await? else {
        return Ok(());
    };
    let delivered: Vec<i32> = locked
        .parts
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.state == OrderStatus::Delivered.as_str())
        .map(|p| p.id)
        .collect();
    if locked.parts.is_empty() {
        // An order delivered before orders had supplier parts.
        lifecycle::follow(
            &txn,
            ctx,
            order_id,
            locked.facts.status,
            OrderStatus::Closed,
            COMMENT,
            now,
            false,
        )
        .await?;
    }
    for part in delivered {
        step(
            &txn,
            ctx,
            &mut locked,
            part,
            OrderEvent::Close,
            Changes::default(),
            COMMENT,
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
