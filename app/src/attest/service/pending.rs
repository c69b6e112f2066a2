//! What waits for the caller, one order as its attester sees it, and where
//! an order's attestation stands (for the requester's pages too).

use super::decisions::eligibility;
use super::today;
use crate::attest::dto::{AttestView, AttestationDto, PendingOrder, Waiting};
use crate::ctx::Ctx;
use crate::domain::attest::AttestState;
use crate::entities::{attest_assignment, attestation};
use crate::error::AppError;
use crate::orders::service::lifecycle;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select};
use std::collections::HashMap;

/// Most orders the list shows at once (oldest first).
pub const PENDING_LIMIT: usize = 500;

/// Full working days between `since` and now.
fn working_days(since: chrono::DateTime<chrono::Utc>) -> i64 {
    i64::from(crate::domain::calendar::working_days_between(
        since.date_naive(),
        today(),
    ))
}

/// Orders waiting for the caller's decision — as one of their attesters, or
/// as substitute today for one of them — oldest first. Orders the caller
/// requested or receives are never in it.
pub async fn pending<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<PendingOrder>, AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let mut people = super::represented(db, me, today()).await?;
    people.push(me);
    let assignments = attest_assignment::Entity::find()
        .filter(attest_assignment::Column::PersonId.is_in(people.iter().copied()))
        .order_by_asc(attest_assignment::Column::OrderId)
        .all(db)
        .await?;
    // Each order once: directly mine beats on behalf of someone.
    let mut via: HashMap<i32, Option<i32>> = HashMap::new();
    for a in &assignments {
        let entry = via.entry(a.order_id).or_insert(Some(a.person_id));
        if a.person_id == me {
            *entry = None;
        }
    }
    let ids: Vec<i32> = via.keys().copied().collect();
    let mut waiting: Vec<attestation::Model> = Vec::new();
    // By key only: with the state in the query SQLite walks the state index
    // (every waiting order in the region) instead of the primary key.
    for chunk in ids.chunks(500) {
        waiting.extend(
            attestation::Entity::find()
                .filter(attestation::Column::OrderId.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .filter(|a| a.state == AttestState::Waiting.as_str()),
        );
    }
    waiting.sort_by_key(|a| (a.waiting_since, a.order_id));
    let facts = lifecycle::facts_many(db, &waiting.iter().map(|a| a.order_id).collect::<Vec<_>>()).await?;
    waiting.retain(|a| {
        facts
            .get(&a.order_id)
            .is_some_and(|f| f.requester_id != me && f.recipient_id != me)
    });
    waiting.truncate(PENDING_LIMIT);
    let order_ids: Vec<i32> = waiting.iter().map(|a| a.order_id).collect();
    let summaries = lifecycle::summaries_of(db, &order_ids).await?;
    let behalf_ids = waiting.iter().filter_map(|a| via.get(&a.order_id).copied().flatten());
    let names = crate::org::directory::people(db, behalf_ids).await?;
    Ok(waiting
        .iter()
        .zip(summaries)
        .map(|(a, order)| PendingOrder {
            order,
            waiting_since: a.waiting_since,
            working_days: working_days(a.waiting_since),
            on_behalf_of: via
                .get(&a.order_id)
                .copied()
                .flatten()
                .and_then(|id| names.get(&id).map(|p| p.name.clone())),
        })
        .collect())
}

/// Whom each of `order_ids` waits for, for those whose attestation is open
/// (waiting for attesters, or unassigned in the coordinators' queue).
/// Three statements for a page of orders; the caller checked that the
/// orders are the caller's to see.
pub async fn waiting_of<C: ConnectionTrait>(db: &C, order_ids: &[i32]) -> Result<HashMap<i32, Waiting>, AppError> {
    let mut open: Vec<attestation::Model> = Vec::new();
    for chunk in order_ids.chunks(500) {
        open.extend(
            attestation::Entity::find()
                .filter(attestation::Column::OrderId.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .filter(|a| a.state == AttestState::Waiting.as_str() || a.state == AttestState::Unassigned.as_str()),
        );
    }
    let mut assigned: HashMap<i32, Vec<i32>> = HashMap::new();
    let waiting: Vec<i32> = open
        .iter()
        .filter(|a| a.state == AttestState::Waiting.as_str())
        .map(|a| a.order_id)
        .collect();
    for chunk in waiting.chunks(500) {
        for x in attest_assignment::Entity::find()
            .filter(attest_assignment::Column::OrderId.is_in(chunk.iter().copied()))
            .order_by_asc(attest_assignment::Column::PersonId)
            .all(db)
            .await?
        {
            assigned.entry(x.order_id).or_default().push(x.person_id);
        }
    }
    let names = crate::org::directory::people(db, assigned.values().flatten().copied()).await?;
    Ok(open
        .into_iter()
        .map(|a| {
            let attesters = assigned
                .get(&a.order_id)
                .map(|ids| {
                    ids.iter()
                        .filter_map(|id| names.get(id).map(|p| p.name.clone()))
                        .collect()
                })
                .unwrap_or_default();
            (
                a.order_id,
                Waiting {
                    attesters,
                    since: a.waiting_since,
                },
            )
        })
        .collect())
}

/// Where order `order_id`'s attestation stands, for whoever may see the
/// order (the caller checked that).
pub async fn attestation_of<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<AttestationDto, AppError> {
    let a = attestation::Entity::find_by_id(order_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Beställningen har ingen attest."))?;
    dto_of(db, &a).await
}

pub(crate) async fn dto_of<C: ConnectionTrait>(db: &C, a: &attestation::Model) -> Result<AttestationDto, AppError> {
    let state = AttestState::parse(&a.state)
        .ok_or_else(|| AppError::internal(format!("attestation {} has unknown state {:?}", a.order_id, a.state)))?;
    let assigned: Vec<i32> = attest_assignment::Entity::find()
        .filter(attest_assignment::Column::OrderId.eq(a.order_id))
        .order_by_asc(attest_assignment::Column::PersonId)
        .all(db)
        .await?
        .into_iter()
        .map(|x| x.person_id)
        .collect();
    let ids = assigned.iter().copied().chain(a.decided_by).chain(a.on_behalf_of);
    let people = crate::org::directory::people(db, ids).await?;
    let name = |id: i32| people.get(&id).map(|p| p.name.clone()).unwrap_or_default();
    let waiting_for: Vec<String> = assigned.iter().map(|id| name(*id)).collect();
    let since = crate::domain::format::date(a.waiting_since.date_naive());
    let summary = match state {
        AttestState::Waiting => format!("Väntar på attest hos {} sedan {since}.", waiting_for.join(", ")),
        AttestState::Unassigned => format!("Saknar attestant sedan {since}: ligger hos koordinatorerna."),
        AttestState::AutoApproved => a.reason.clone(),
        AttestState::Approved | AttestState::Rejected | AttestState::Withdrawn => {
            let verb = match state {
                AttestState::Approved => "Attesterad",
                AttestState::Rejected => "Avslagen",
                _ => "Tillbakadragen",
            };
            let by = a.decided_by.map(name).unwrap_or_default();
            let behalf = a
                .on_behalf_of
                .map(|id| format!(" på uppdrag av {}", name(id)))
                .unwrap_or_default();
            let when = a.decided_at.map(crate::domain::format::date_time).unwrap_or_default();
            format!("{verb} av {by}{behalf} {when}.")
        }
    };
    Ok(AttestationDto {
        state,
        summary,
        waiting_for,
        waiting_since: a.waiting_since,
        decided_by: a.decided_by.map(name),
        on_behalf_of: a.on_behalf_of.map(name),
        decided_at: a.decided_at,
        comment: a.comment.clone(),
        reason: a.reason.clone(),
    })
}

/// Whether `person` holds attest rights on `cost_center_id` today (at any
/// limit): such an attester may open the centre's orders and read why one
/// is not theirs to decide.
async fn holds_right_on<C: ConnectionTrait>(db: &C, person: i32, cost_center_id: i32) -> Result<bool, AppError> {
    use crate::entities::attest_right;
    let day = today();
    Ok(attest_right::Entity::find()
        .filter(attest_right::Column::PersonId.eq(person))
        .filter(attest_right::Column::CostCenterId.eq(cost_center_id))
        .all(db)
        .await?
        .iter()
        .any(|r| r.valid_from <= day && r.valid_to.is_none_or(|to| to >= day)))
}

/// One order as an attester sees it: lines, timeline, where it stands and
/// whether the caller may decide it now (and why not). `NotFound` unless
/// the caller is, or stands in for, one of its attesters, or decided it.
pub async fn view<C: ConnectionTrait>(ctx: &Ctx, db: &C, order_id: i32) -> Result<AttestView, AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let not_found = || AppError::not_found("Beställningen finns inte eller väntar inte på dig.");
    let a = attestation::Entity::find_by_id(order_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let facts = lifecycle::facts(db, order_id).await?.ok_or_else(not_found)?;
    let may_decide = eligibility(db, me, &a, &facts, today()).await?;
    let involved = may_decide.is_ok()
        || a.decided_by == Some(me)
        || a.on_behalf_of == Some(me)
        || attest_assignment::Entity::find()
            .filter(attest_assignment::Column::OrderId.eq(order_id))
            .filter(attest_assignment::Column::PersonId.eq(me))
            .one(db)
            .await?
            .is_some()
        || holds_right_on(db, me, facts.cost_center_id).await?;
    if !involved {
        return Err(not_found());
    }
    let may_decide = match may_decide {
        Ok(Some(attester)) => Ok(Some(
            crate::org::directory::person(db, attester)
                .await?
                .map(|p| p.name)
                .unwrap_or_default(),
        )),
        Ok(None) => Ok(None),
        Err(why) => Err(why),
    };
    Ok(AttestView {
        order: lifecycle::detail_unchecked(db, order_id).await?,
        attestation: dto_of(db, &a).await?,
        may_decide,
    })
}

/// The statement selecting the ids of the orders nobody is eligible to
/// attest ("saknar attestant"), for the coordinators' queue to filter by.
pub fn unassigned_query() -> sea_orm::sea_query::SelectStatement {
    unassigned_ids(None)
}

/// [`unassigned_query`] for the orders that have waited since before
/// `before` (any time when `None`).
fn unassigned_ids(before: Option<DateTime<Utc>>) -> sea_orm::sea_query::SelectStatement {
    unassigned_since(before)
        .select_only()
        .column(attestation::Column::OrderId)
        .into_query()
}

/// The attestations of the orders nobody is eligible to attest that have
/// waited since before `before` (any time when `None`).
fn unassigned_since(before: Option<DateTime<Utc>>) -> Select<attestation::Entity> {
    let mut select =
        attestation::Entity::find().filter(attestation::Column::State.eq(AttestState::Unassigned.as_str()));
    if let Some(before) = before {
        select = select.filter(attestation::Column::WaitingSince.lt(before));
    }
    select
}

/// How many orders nobody is eligible to attest (waiting since before
/// `before`, when given), counting at most `cap`: from the attestation's
/// own index on (state, waiting_since), without reading the orders.
///
/// This answers for the orders because an attestation is open exactly
/// while its order awaits attestation (the decision, the withdrawal and the
/// routing change both in one transaction), and "saknar attestant" is
/// decided once, when the order is submitted: it waits since the moment
/// its order entered "väntar på attest" (`waiting_since` is the order's
/// `status_since`, written with the same time).
pub async fn unassigned_count<C: ConnectionTrait>(
    db: &C,
    before: Option<DateTime<Utc>>,
    cap: u64,
) -> Result<crate::db::Counted, AppError> {
    Ok(crate::db::count_capped(db, unassigned_ids(before), cap).await?)
}

/// A page of the orders nobody is eligible to attest (waiting since before
/// `before`, when given), by the time they have waited and then by order,
/// oldest first (newest with `newest_first`), after cursor `after`: at most
/// `limit` of `(order, waiting since)`, from the index on (state,
/// waiting_since). The same order as the coordinators' queue by time in
/// status (see [`unassigned_count`]).
pub async fn unassigned_page<C: ConnectionTrait>(
    db: &C,
    before: Option<DateTime<Utc>>,
    newest_first: bool,
    after: Option<(DateTime<Utc>, i32)>,
    limit: u64,
) -> Result<Vec<(i32, DateTime<Utc>)>, AppError> {
    use attestation::Column as A;
    let order = if newest_first {
        sea_orm::Order::Desc
    } else {
        sea_orm::Order::Asc
    };
    let mut select = unassigned_since(before);
    if let Some(at) = after {
        select = select.filter(crate::db::beyond_cursor(
            sea_orm::sea_query::Expr::col(A::WaitingSince).into(),
            A::OrderId,
            at,
            newest_first,
        ));
    }
    Ok(select
        .select_only()
        .column(A::OrderId)
        .column(A::WaitingSince)
        .order_by(A::WaitingSince, order.clone())
        .order_by(A::OrderId, order)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}

/// Orders nobody is eligible to attest ("saknar attestant"), oldest first:
/// the coordinators' queue, so that none is silently stuck.
pub async fn unassigned<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<PendingOrder>, AppError> {
    crate::ctx::require(ctx, crate::domain::authz::Permission::Coordinate)?;
    let rows = attestation::Entity::find()
        .filter(attestation::Column::State.eq(AttestState::Unassigned.as_str()))
        .order_by_asc(attestation::Column::WaitingSince)
        .all(db)
        .await?;
    let rows: Vec<attestation::Model> = rows.into_iter().take(PENDING_LIMIT).collect();
    let ids: Vec<i32> = rows.iter().map(|a| a.order_id).collect();
    let summaries = lifecycle::summaries_of(db, &ids).await?;
    Ok(rows
        .iter()
        .zip(summaries)
        .map(|(a, order)| PendingOrder {
            order,
            waiting_since: a.waiting_since,
            working_days: working_days(a.waiting_since),
            on_behalf_of: None,
        })
        .collect())
}
