//! Orders as the coordinators' queue asks for them: in some statuses, with
//! conditions other areas contribute as statements of order ids (a
//! supplier's parts, open deviations, "saknar attestant") or of cost
//! centres (a förvaltning), oldest in its status first, a page at a time
//! after a cursor; and how many there are per status. The caller has
//! checked the right to see them.

use super::queries::summaries;
use crate::domain::orders::OrderStatus;
use crate::entities::{open_order_category, orders};
use crate::error::AppError;
use crate::orders::dto::OrderSummary;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, SelectStatement, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;

/// Which orders: every condition must hold.
#[derive(Debug, Clone, Default)]
pub struct OrderQuery {
    /// In one of these statuses (empty: none).
    pub statuses: Vec<OrderStatus>,
    /// Charged to one of the cost centres this statement selects.
    pub cost_centers: Option<SelectStatement>,
    /// Charged to this cost centre.
    pub cost_center: Option<i32>,
    /// The order's id is among those each statement selects.
    pub within: Vec<SelectStatement>,
    /// The order's id is among none of those each statement selects.
    pub not_within: Vec<SelectStatement>,
    /// Open, with an item in one of the categories this statement selects
    /// (as the catalogue had them when the order opened). Alone, or with
    /// overdue, it is answered from `open_order_category` without reading
    /// the orders (see [`page`] and [`counts`]).
    pub categories: Option<SelectStatement>,
    /// Taken by this coordinator.
    pub coordinator: Option<i32>,
    /// In its status since before this time, per status (statuses not
    /// named here do not match): "overdue".
    pub since_before: Option<Vec<(OrderStatus, DateTime<Utc>)>>,
    /// Newest in its status first (oldest first otherwise).
    pub newest_first: bool,
}

/// An order in the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub summary: OrderSummary,
    pub status_since: DateTime<Utc>,
    pub coordinator_id: Option<i32>,
    pub wanted_date: Option<NaiveDate>,
}

/// Where a page ends: the last row's time in its status and id.
pub type Cursor = (DateTime<Utc>, i32);

/// The statement selecting the ids of the open orders (awaiting attestation
/// to delivered) with an item in one of the categories `categories`
/// selects (as the catalogue had them when the order opened).
fn in_categories_query(categories: SelectStatement) -> SelectStatement {
    open_order_category::Entity::find()
        .select_only()
        .column(open_order_category::Column::OrderId)
        .filter(open_order_category::Column::CategoryId.in_subquery(categories))
        .into_query()
}

/// The lowest id of an order in one of `statuses` (one index lookup per
/// status); `i32::MAX` when there is none. A condition on another area's
/// rows about orders (lines, parts) bounded by it reads only the rows of
/// orders from that one on — the queue's recent weeks, not years of closed
/// orders.
pub async fn lowest_id<C: ConnectionTrait>(db: &C, statuses: &[OrderStatus]) -> Result<i32, AppError> {
    let mut lowest = i32::MAX;
    for s in statuses {
        let first: Option<i32> = orders::Entity::find()
            .select_only()
            .column(orders::Column::Id)
            .filter(orders::Column::Status.eq(s.as_str()))
            .order_by_asc(orders::Column::Id)
            .limit(1)
            .into_tuple()
            .one(db)
            .await?;
        lowest = lowest.min(first.unwrap_or(i32::MAX));
    }
    Ok(lowest)
}

/// The time in its status: the migration filled it for every order and
/// every status change sets it, so the index on (status, status_since, id)
/// serves the queue as it is.
fn since() -> SimpleExpr {
    Expr::col(orders::Column::StatusSince).into()
}

fn filtered(q: &OrderQuery) -> Select<orders::Entity> {
    // The statuses as literals: see `crate::db::one_of`.
    let mut select = orders::Entity::find().filter(crate::db::one_of(
        orders::Column::Status,
        q.statuses.iter().map(|s| s.as_str()),
    ));
    if let Some(centers) = &q.cost_centers {
        select = select.filter(orders::Column::CostCenterId.in_subquery(centers.clone()));
    }
    if let Some(id) = q.cost_center {
        select = select.filter(orders::Column::CostCenterId.eq(id));
    }
    for ids in &q.within {
        select = select.filter(orders::Column::Id.in_subquery(ids.clone()));
    }
    for ids in &q.not_within {
        select = select.filter(orders::Column::Id.not_in_subquery(ids.clone()));
    }
    if let Some(categories) = &q.categories {
        select = select.filter(orders::Column::Id.in_subquery(in_categories_query(categories.clone())));
    }
    if let Some(me) = q.coordinator {
        select = select.filter(orders::Column::CoordinatorId.eq(me));
    }
    if let Some(limits) = &q.since_before {
        let mut any = Condition::any();
        for (status, before) in limits {
            any = any.add(
                Condition::all()
                    .add(orders::Column::Status.eq(status.as_str()))
                    .add(Expr::expr(since()).lt(*before)),
            );
        }
        select = select.filter(any);
    }
    select
}

/// A page of at most `limit` orders after `after`, and the cursor of the
/// next page when there is one.
///
/// Asked one status at a time, each walking the index on (status,
/// status_since, id) in order and stopping after `limit + 1` rows, then
/// merged: one statement over several statuses would have to read and sort
/// every order in them (a busy region has tens of thousands delivered and
/// not yet closed) to find the oldest few.
///
/// A query with conditions besides statuses, categories and overdue
/// ([`is_filtered`]) reads the orders it selects first ([`matching`]) and
/// pages those ([`page_of`]). Walking the index in order and testing each
/// order against the condition stops early only when matching orders are
/// spread evenly, and they seldom are: the orders nobody may attest
/// ("saknar attestant") are the newest of those awaiting attestation, and
/// PostgreSQL walked all 100 000 older ones to find the first 51 (3 s a
/// page at ten times the region).
pub async fn page<C: ConnectionTrait>(
    db: &C,
    q: &OrderQuery,
    after: Option<Cursor>,
    limit: u64,
) -> Result<(Vec<Queued>, Option<Cursor>), AppError> {
    if is_filtered(q) {
        return page_of(db, matching(db, q).await?, q.newest_first, after, limit).await;
    }
    if let Some(categories) = categories_alone(q) {
        return page_in_categories(db, q, categories, after, limit).await;
    }
    let order = if q.newest_first {
        sea_orm::Order::Desc
    } else {
        sea_orm::Order::Asc
    };
    let mut rows = Vec::new();
    for status in &q.statuses {
        let Some(one) = for_status(q, *status) else {
            continue;
        };
        let mut select = filtered(&one);
        if let Some(at) = after {
            select = select.filter(crate::db::beyond_cursor(
                since(),
                orders::Column::Id,
                at,
                q.newest_first,
            ));
        }
        rows.extend(
            select
                .order_by(since(), order.clone())
                .order_by(orders::Column::Id, order.clone())
                .limit(limit + 1)
                .all(db)
                .await?,
        );
    }
    let key = |o: &orders::Model| (o.status_since.unwrap_or(o.created_at), o.id);
    rows.sort_by_key(key);
    if q.newest_first {
        rows.reverse();
    }
    finish(db, rows, limit).await
}

/// The page of `rows` (in the queue's order, at most `limit + 1`): the
/// first `limit` as the queue shows them, and the cursor of the next page
/// when there is one.
async fn finish<C: ConnectionTrait>(
    db: &C,
    mut rows: Vec<orders::Model>,
    limit: u64,
) -> Result<(Vec<Queued>, Option<Cursor>), AppError> {
    rows.truncate(limit as usize + 1);
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next = if more {
        rows.last().map(|o| (o.status_since.unwrap_or(o.created_at), o.id))
    } else {
        None
    };
    let extra: Vec<(DateTime<Utc>, Option<i32>, Option<NaiveDate>)> = rows
        .iter()
        .map(|o| (o.status_since.unwrap_or(o.created_at), o.coordinator_id, o.wanted_date))
        .collect();
    let out = summaries(db, rows)
        .await?
        .into_iter()
        .zip(extra)
        .map(|(summary, (status_since, coordinator_id, wanted_date))| Queued {
            summary,
            status_since,
            coordinator_id,
            wanted_date,
        })
        .collect();
    Ok((out, next))
}

/// Whether `q` has conditions besides its statuses (then the index on
/// status alone does not answer it, and [`matching`] reads the orders it
/// selects once instead of once per question).
///
/// "Overdue" alone is not such a condition: per status it is a range of the
/// index on (status, status_since, id), which [`page`] and [`counts`] walk
/// one status at a time.
pub fn is_filtered(q: &OrderQuery) -> bool {
    !q.within.is_empty()
        || !q.not_within.is_empty()
        || q.cost_centers.is_some()
        || q.cost_center.is_some()
        || q.coordinator.is_some()
}

/// Whether `q` has a condition besides its statuses (and its order): then
/// not every order of its statuses matches.
pub fn has_conditions(q: &OrderQuery) -> bool {
    is_filtered(q) || q.categories.is_some() || q.since_before.is_some()
}

/// `q`'s categories when they are its only condition besides statuses and
/// overdue: then `open_order_category` answers it alone (its index on
/// (category, status, status_since, order) holds every column the queue
/// orders, pages and counts by), not the orders.
fn categories_alone(q: &OrderQuery) -> Option<&SelectStatement> {
    q.categories.as_ref().filter(|_| !is_filtered(q))
}

/// The rows of `open_order_category` in categories `categories` and status
/// `status`, under `one`'s overdue limit (`one` is [`for_status`]'s).
fn in_categories(
    categories: &SelectStatement,
    status: OrderStatus,
    one: &OrderQuery,
) -> Select<open_order_category::Entity> {
    let mut select = open_order_category::Entity::find()
        .filter(open_order_category::Column::CategoryId.in_subquery(categories.clone()))
        .filter(open_order_category::Column::Status.eq(status.as_str()));
    for (_, before) in one.since_before.iter().flatten() {
        select = select.filter(open_order_category::Column::StatusSince.lt(*before));
    }
    select
}

/// [`page`] for orders in `categories` (see [`categories_alone`]): per
/// status the first `limit + 1` (time in status, order) from the index,
/// then those orders.
async fn page_in_categories<C: ConnectionTrait>(
    db: &C,
    q: &OrderQuery,
    categories: &SelectStatement,
    after: Option<Cursor>,
    limit: u64,
) -> Result<(Vec<Queued>, Option<Cursor>), AppError> {
    use open_order_category::Column as C;
    let order = if q.newest_first {
        sea_orm::Order::Desc
    } else {
        sea_orm::Order::Asc
    };
    let mut found: Vec<(DateTime<Utc>, i32)> = Vec::new();
    for status in &q.statuses {
        let Some(one) = for_status(q, *status) else {
            continue;
        };
        let mut select = in_categories(categories, *status, &one);
        if let Some(at) = after {
            select = select.filter(crate::db::beyond_cursor(
                Expr::col(C::StatusSince).into(),
                C::OrderId,
                at,
                q.newest_first,
            ));
        }
        found.extend(
            select
                .select_only()
                .column(C::StatusSince)
                .column(C::OrderId)
                .distinct()
                .order_by(C::StatusSince, order.clone())
                .order_by(C::OrderId, order.clone())
                .limit(limit + 1)
                .into_tuple::<(DateTime<Utc>, i32)>()
                .all(db)
                .await?,
        );
    }
    found.sort_unstable();
    found.dedup();
    if q.newest_first {
        found.reverse();
    }
    found.truncate(limit as usize + 1);
    let ids: Vec<i32> = found.iter().map(|(_, id)| *id).collect();
    finish_ids(db, &ids, limit).await
}

/// [`counts`] for orders in `categories` (see [`categories_alone`]): from
/// the index, a status at a time.
async fn counts_in_categories<C: ConnectionTrait>(
    db: &C,
    q: &OrderQuery,
    categories: &SelectStatement,
) -> Result<HashMap<OrderStatus, u64>, AppError> {
    let mut out = HashMap::new();
    for status in &q.statuses {
        let Some(one) = for_status(q, *status) else {
            continue;
        };
        let n: Option<i64> = in_categories(categories, *status, &one)
            .select_only()
            .column_as(
                Expr::expr(sea_orm::sea_query::Func::count_distinct(Expr::col(
                    open_order_category::Column::OrderId,
                ))),
                "n",
            )
            .into_tuple()
            .one(db)
            .await?;
        let n = u64::try_from(n.unwrap_or(0)).unwrap_or(0);
        if n > 0 {
            out.insert(*status, n);
        }
    }
    Ok(out)
}

/// `q` for status `status` alone, its overdue limit that status's; `None`
/// when `q` asks for overdue orders and the status has no target (none of
/// its orders is overdue).
fn for_status(q: &OrderQuery, status: OrderStatus) -> Option<OrderQuery> {
    let since_before = match &q.since_before {
        None => None,
        Some(limits) => Some(vec![*limits.iter().find(|(s, _)| *s == status)?]),
    };
    Some(OrderQuery {
        statuses: vec![status],
        since_before,
        ..q.clone()
    })
}

/// An order `q` selects: its id, status and time in its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub id: i32,
    pub status: OrderStatus,
    pub since: DateTime<Utc>,
}

/// Every order `q` selects, in one statement (each condition's statement
/// evaluated once); orders in categories alone (see [`categories_alone`])
/// from `open_order_category`'s index, a status at a time, without reading
/// the orders.
pub async fn matching<C: ConnectionTrait>(db: &C, q: &OrderQuery) -> Result<Vec<Match>, AppError> {
    if let Some(categories) = categories_alone(q) {
        return matching_in_categories(db, q, categories).await;
    }
    type Row = (i32, String, Option<DateTime<Utc>>, DateTime<Utc>);
    let rows: Vec<Row> = filtered(q)
        .select_only()
        .column(orders::Column::Id)
        .column(orders::Column::Status)
        .column(orders::Column::StatusSince)
        .column(orders::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, status, since, created)| {
            Some(Match {
                id,
                status: OrderStatus::parse(&status)?,
                since: since.unwrap_or(created),
            })
        })
        .collect())
}

/// [`matching`] for orders in `categories` (see [`categories_alone`]): the
/// (order, time in status) rows of each status from the index on
/// (category, status, status_since, order), each order once.
async fn matching_in_categories<C: ConnectionTrait>(
    db: &C,
    q: &OrderQuery,
    categories: &SelectStatement,
) -> Result<Vec<Match>, AppError> {
    use open_order_category::Column as C;
    let mut out = Vec::new();
    for status in &q.statuses {
        let Some(one) = for_status(q, *status) else {
            continue;
        };
        let rows: Vec<(i32, DateTime<Utc>)> = in_categories(categories, *status, &one)
            .select_only()
            .column(C::OrderId)
            .column(C::StatusSince)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, since)| Match {
            id,
            status: *status,
            since,
        }));
    }
    // An order with items in several of the categories is a row for each.
    out.sort_unstable_by_key(|m| m.id);
    out.dedup_by_key(|m| m.id);
    Ok(out)
}

/// A page of at most `limit` of the orders `found` (from [`matching`]),
/// oldest in its status first (newest with `newest_first`), after `after`;
/// and the cursor of the next page when there is one.
pub async fn page_of<C: ConnectionTrait>(
    db: &C,
    mut found: Vec<Match>,
    newest_first: bool,
    after: Option<Cursor>,
    limit: u64,
) -> Result<(Vec<Queued>, Option<Cursor>), AppError> {
    if let Some(at) = after {
        found.retain(|m| {
            if newest_first {
                (m.since, m.id) < at
            } else {
                (m.since, m.id) > at
            }
        });
    }
    found.sort_by_key(|m| (m.since, m.id));
    if newest_first {
        found.reverse();
    }
    found.truncate(limit as usize + 1);
    let ids: Vec<i32> = found.iter().map(|m| m.id).collect();
    finish_ids(db, &ids, limit).await
}

/// [`finish`] for the orders `ids` (in the queue's order, at most
/// `limit + 1`), read in one statement.
async fn finish_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
    limit: u64,
) -> Result<(Vec<Queued>, Option<Cursor>), AppError> {
    let mut by_id: HashMap<i32, orders::Model> = orders::Entity::find()
        .filter(orders::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let rows = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    finish(db, rows, limit).await
}

pub use crate::db::Counted;

/// How many orders match, per status (statuses with none are absent),
/// counting at most `cap` in each status of a query without other areas'
/// conditions: a status holding more is `more` than `cap`. A coordinator
/// needs to know that a queue is long, not whether it holds 10 000 or
/// 100 385, and every page view read every open order from the index to
/// count them (26 ms alone at ten times the region; 9 ms capped).
///
/// Counted a status at a time; a query with other areas' conditions
/// ([`is_filtered`]) in one grouped statement, exactly (a limit would let
/// the planner walk the index testing each order, see [`page`]); orders in
/// categories from their own index, exactly.
pub async fn counts<C: ConnectionTrait>(
    db: &C,
    q: &OrderQuery,
    cap: u64,
) -> Result<HashMap<OrderStatus, Counted>, AppError> {
    let exact = |m: HashMap<OrderStatus, u64>| m.into_iter().map(|(s, n)| (s, Counted::exact(n))).collect();
    if let Some(categories) = categories_alone(q) {
        return Ok(exact(counts_in_categories(db, q, categories).await?));
    }
    if is_filtered(q) {
        return Ok(exact(grouped_counts(db, q).await?));
    }
    let mut out = HashMap::new();
    for status in &q.statuses {
        let Some(one) = for_status(q, *status) else {
            continue;
        };
        let rows = filtered(&one).select_only().column(orders::Column::Id).into_query();
        let c = crate::db::count_capped(db, rows, cap).await?;
        if c.n > 0 {
            out.insert(*status, c);
        }
    }
    Ok(out)
}

/// How many orders match, per status, exactly, in one grouped statement
/// (a status at a time with overdue).
async fn grouped_counts<C: ConnectionTrait>(db: &C, q: &OrderQuery) -> Result<HashMap<OrderStatus, u64>, AppError> {
    let asked: Vec<OrderQuery> = if q.since_before.is_some() {
        q.statuses.iter().filter_map(|s| for_status(q, *s)).collect()
    } else {
        vec![q.clone()]
    };
    let mut out = HashMap::new();
    for one in &asked {
        let rows: Vec<(String, i64)> = filtered(one)
            .select_only()
            .column(orders::Column::Status)
            .column_as(orders::Column::Id.count(), "n")
            .group_by(orders::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .filter_map(|(s, n)| Some((OrderStatus::parse(&s)?, u64::try_from(n).unwrap_or(0)))),
        );
    }
    Ok(out)
}

/// Gives order `id` to coordinator `coordinator` (or to nobody), whatever
/// its status. `false` when there is no such order.
pub async fn assign<C: ConnectionTrait>(db: &C, id: i32, coordinator: Option<i32>) -> Result<bool, AppError> {
    let changed = orders::Entity::update_many()
        .col_expr(orders::Column::CoordinatorId, Expr::value(coordinator))
        .filter(orders::Column::Id.eq(id))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// The coordinator of each of the orders among `ids` that has one.
pub async fn coordinators_of<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, i32>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(i32, Option<i32>)> = orders::Entity::find()
            .select_only()
            .column(orders::Column::Id)
            .column(orders::Column::CoordinatorId)
            .filter(orders::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().filter_map(|(id, c)| Some((id, c?))));
    }
    Ok(out)
}
