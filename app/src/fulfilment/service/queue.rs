//! The coordinators' workspace: queues by status with counts, the orders
//! of one queue with their age in working days against the status's target
//! time, filters, a page at a time; the CSV of the current filter; taking
//! an order; the target times; and each coordinator's saved filters.

use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::domain::coordination::{self, DeviationState, Queue};
use crate::domain::orders::OrderStatus;
use crate::entities::{deviation, order_part, saved_filter, state_target};
use crate::error::AppError;
use crate::fulfilment::dto::{
    DeviationRow, QueueCount, QueueFilter, QueueOptions, QueuePage, QueueRow, SavedFilterDto, TargetDto,
};
use crate::orders::service::queue::{self as orders_queue, Counted, Cursor, OrderQuery, Queued};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};
use std::collections::{BTreeMap, HashMap};

/// Orders per page of the queue.
pub const PAGE: u64 = 50;
/// Rows at most in one CSV export.
pub const EXPORT_LIMIT: u64 = 20_000;
/// Orders counted at most per status without a filter: a longer queue is
/// shown as "10 000+" (see `orders_queue::counts`).
pub const COUNT_CAP: u64 = 10_000;

/// The filter, checked: what `OrderQuery` needs, or a field error.
struct Checked {
    queue: Queue,
    /// The filter's conditions, in no status yet.
    base: OrderQuery,
    after: Option<Cursor>,
}

/// The orders of `queue` under the filter's conditions `base`.
fn in_queue(queue: Queue, base: &OrderQuery) -> OrderQuery {
    let mut q = OrderQuery {
        statuses: queue.statuses(),
        ..base.clone()
    };
    if queue == Queue::Unassigned {
        q.within.push(crate::attest::service::unassigned_query());
    }
    q
}

fn number(field: &str, text: &str, message: &str) -> Result<Option<i32>, AppError> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or_else(|| AppError::validation(field, message))
}

fn parse_cursor(text: &str) -> Result<Option<Cursor>, AppError> {
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || AppError::validation("efter", "Sidan finns inte längre: börja om från första sidan.");
    let (at, id) = text.split_once('_').ok_or_else(bad)?;
    let at = at
        .parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(bad)?;
    let id = id.parse::<i32>().map_err(|_| bad())?;
    Ok(Some((at, id)))
}

fn cursor_text((at, id): Cursor) -> String {
    format!("{}_{id}", at.timestamp_micros())
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The target time of each status that has one, in working days.
pub async fn targets<C: ConnectionTrait>(db: &C) -> Result<HashMap<OrderStatus, u32>, AppError> {
    Ok(state_target::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| Some((OrderStatus::parse(&t.status)?, u32::try_from(t.working_days).ok()?)))
        .filter(|(_, d)| *d > 0)
        .collect())
}

async fn check<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    f: &QueueFilter,
    targets: &HashMap<OrderStatus, u32>,
) -> Result<Checked, AppError> {
    let queue = Queue::parse(&f.queue).ok_or_else(|| AppError::validation("ko", "Kön finns inte."))?;
    let mut q = OrderQuery {
        newest_first: f.newest,
        ..Default::default()
    };
    if let Some(id) = number("forvaltning", &f.administration, "Välj en förvaltning i listan.")? {
        q.cost_centers = Some(crate::org::structure::administration_centers_query(id, 0));
    }
    if !f.cost_center.is_empty() {
        let found = crate::org::directory::cost_centers_by_code(db, std::slice::from_ref(&f.cost_center)).await?;
        let center = found.get(&f.cost_center).ok_or_else(|| {
            AppError::validation(
                "kostnadsstalle",
                format!("Kostnadsstället ”{}” finns inte.", f.cost_center),
            )
        })?;
        q.cost_center = Some(center.0.id);
    }
    let supplier = number("leverantor", &f.supplier, "Välj en leverantör i listan.")?;
    let category = number("kategori", &f.category, "Välj en kategori i listan.")?;
    if let Some(id) = supplier {
        // Parts are read from the oldest open order on.
        let from = orders_queue::lowest_id(db, &coordination::OPEN).await?;
        q.within.push(supplier_orders_query(id, from));
    }
    if let Some(id) = category {
        q.categories = Some(crate::catalog::service::category_and_subcategories_query(id));
    }
    if f.deviation {
        q.within.push(open_deviation_orders_query());
    }
    if f.mine {
        q.coordinator = Some(ctx.person_id().ok_or(AppError::Unauthorized)?);
    }
    if f.overdue {
        let today = today();
        q.since_before = Some(
            targets
                .iter()
                .map(|(s, days)| {
                    let day = coordination::overdue_before(today, *days);
                    (*s, day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
                })
                .collect(),
        );
    }
    Ok(Checked {
        queue,
        base: q,
        after: parse_cursor(&f.cursor)?,
    })
}

/// The statement selecting the orders with a part from supplier `id` that
/// is still current: not closed, not cancelled. (Through the index on
/// (order, supplier) from order `from` on: the supplier's closed parts,
/// years of them, are never read.)
fn supplier_orders_query(id: i32, from: i32) -> SelectStatement {
    let current = [
        OrderStatus::Attested,
        OrderStatus::SentToSupplier,
        OrderStatus::Confirmed,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
    ];
    order_part::Entity::find()
        .select_only()
        .column(order_part::Column::OrderId)
        .filter(order_part::Column::OrderId.gte(from))
        .filter(order_part::Column::SupplierId.eq(id))
        .filter(crate::db::one_of(
            order_part::Column::State,
            current.map(|s| s.as_str()),
        ))
        .into_query()
}

/// The statement selecting the orders with an open or escalated deviation.
pub fn open_deviation_orders_query() -> SelectStatement {
    deviation::Entity::find()
        .select_only()
        .column(deviation::Column::OrderId)
        .filter(deviation::Column::State.ne(DeviationState::Resolved.as_str()))
        .into_query()
}

/// Whether the attestations alone answer "saknar attestant" under the
/// filter's conditions `base`: `None` when the orders must be read (a
/// category, or another area's condition); else the time those orders
/// have waited since before (overdue: "väntar på attest"'s limit, or the
/// epoch when it has no target time), `Some(None)` for any time.
///
/// An order nobody may attest has waited since it entered "väntar på
/// attest" (see `attest::service::unassigned_count`), so its attestation's
/// index orders, pages and bounds the queue as the orders' would.
fn unassigned_waited(base: &OrderQuery) -> Option<Option<DateTime<Utc>>> {
    if orders_queue::is_filtered(base) || base.categories.is_some() {
        return None;
    }
    Some(base.since_before.as_ref().map(|limits| {
        limits
            .iter()
            .find(|(s, _)| *s == OrderStatus::AwaitingAttestation)
            .map_or(DateTime::UNIX_EPOCH, |(_, before)| *before)
    }))
}

/// The workspace under filter `f`.
pub async fn page<C: ConnectionTrait>(ctx: &Ctx, db: &C, f: QueueFilter) -> Result<QueuePage, AppError> {
    require(ctx, Permission::Coordinate)?;
    let targets = targets(db).await?;
    let checked = check(ctx, db, &f, &targets).await?;
    let (queues, rows, deviations, next) = if orders_queue::is_filtered(&checked.base) {
        // The filter's orders read once; counts and page from them.
        let all = OrderQuery {
            statuses: coordination::OPEN.to_vec(),
            ..checked.base.clone()
        };
        let found = orders_queue::matching(db, &all).await?;
        // Which of them nobody may attest: asked only when some await
        // attestation (a supplier's orders never do).
        let unassigned = if found.iter().any(|m| m.status == OrderStatus::AwaitingAttestation) {
            ids_of(db, crate::attest::service::unassigned_query()).await?
        } else {
            Default::default()
        };
        let in_it = |q: Queue, m: &orders_queue::Match| {
            q.statuses().contains(&m.status) && (q != Queue::Unassigned || unassigned.contains(&m.id))
        };
        let deviations = open_deviation_count(db).await?;
        let queues = queue_counts(deviations, |q| {
            Counted::exact(found.iter().filter(|m| in_it(q, m)).count() as u64)
        });
        if checked.queue == Queue::Deviations {
            (queues, Vec::new(), open_deviations(db).await?, None)
        } else {
            let mine: Vec<orders_queue::Match> = found.into_iter().filter(|m| in_it(checked.queue, m)).collect();
            let (orders, next) =
                orders_queue::page_of(db, mine, checked.base.newest_first, checked.after, PAGE).await?;
            (queues, rows_of(ctx, db, orders, &targets).await?, Vec::new(), next)
        }
    } else {
        // "Saknar attestant" from the attestations alone when they answer
        // it; with a category, the orders awaiting attestation in it (from
        // the category index) that nobody may attest, counted and paged
        // from that set.
        let waited = unassigned_waited(&checked.base);
        let read = match waited {
            None => {
                let awaiting = OrderQuery {
                    statuses: Queue::Unassigned.statuses(),
                    ..checked.base.clone()
                };
                let mut found = orders_queue::matching(db, &awaiting).await?;
                let unassigned = ids_of(db, crate::attest::service::unassigned_query()).await?;
                found.retain(|m| unassigned.contains(&m.id));
                Some(found)
            }
            Some(_) => None,
        };
        let in_unassigned = match (&read, waited) {
            (Some(found), _) => Counted::exact(found.len() as u64),
            (None, before) => crate::attest::service::unassigned_count(db, before.flatten(), COUNT_CAP).await?,
        };
        let queues = counts(db, &checked.base, in_unassigned).await?;
        if checked.queue == Queue::Deviations {
            (queues, Vec::new(), open_deviations(db).await?, None)
        } else {
            let newest = checked.base.newest_first;
            let (orders, next) = if checked.queue == Queue::Unassigned {
                let found = match read {
                    Some(found) => found,
                    None => {
                        crate::attest::service::unassigned_page(db, waited.flatten(), newest, checked.after, PAGE + 1)
                            .await?
                            .into_iter()
                            .map(|(id, since)| orders_queue::Match {
                                id,
                                status: OrderStatus::AwaitingAttestation,
                                since,
                            })
                            .collect()
                    }
                };
                orders_queue::page_of(db, found, newest, checked.after, PAGE).await?
            } else {
                orders_queue::page(db, &in_queue(checked.queue, &checked.base), checked.after, PAGE).await?
            };
            (queues, rows_of(ctx, db, orders, &targets).await?, Vec::new(), next)
        }
    };
    Ok(QueuePage {
        filter: f,
        queues,
        rows,
        deviations,
        next_cursor: next.map(cursor_text),
        options: QueueOptions {
            administrations: crate::org::directory::administrations(db).await?,
            suppliers: crate::catalog::service::suppliers(db).await?,
            categories: crate::catalog::service::categories(db).await?,
        },
        targets: target_list(&targets),
        may_set_targets: require(ctx, Permission::Administer).is_ok(),
        saved: saved(ctx, db).await?,
    })
}

fn target_list(targets: &HashMap<OrderStatus, u32>) -> Vec<TargetDto> {
    coordination::OPEN[..coordination::OPEN.len() - 1]
        .iter()
        .map(|s| TargetDto {
            status: *s,
            label: s.label_sv().to_owned(),
            working_days: targets.get(s).copied().unwrap_or(0),
        })
        .collect()
}

async fn open_deviation_count<C: ConnectionTrait>(db: &C) -> Result<u64, AppError> {
    Ok(deviation::Entity::find()
        .filter(deviation::Column::State.ne(DeviationState::Resolved.as_str()))
        .count(db)
        .await?)
}

/// The order ids statement `stmt` selects.
async fn ids_of<C: ConnectionTrait>(db: &C, stmt: SelectStatement) -> Result<std::collections::HashSet<i32>, AppError> {
    let backend = db.get_database_backend();
    db.query_all(sea_orm::StatementBuilder::build(&stmt, &backend))
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0).map_err(AppError::from))
        .collect()
}

/// How many each queue holds under the filter's conditions `base`, with
/// `unassigned` in "saknar attestant".
async fn counts<C: ConnectionTrait>(
    db: &C,
    base: &OrderQuery,
    unassigned: Counted,
) -> Result<Vec<QueueCount>, AppError> {
    let all = OrderQuery {
        statuses: coordination::OPEN.to_vec(),
        ..base.clone()
    };
    let per_status = orders_queue::counts(db, &all, COUNT_CAP).await?;
    let deviations = open_deviation_count(db).await?;
    Ok(queue_counts(deviations, |q| match q {
        Queue::Unassigned => unassigned,
        q => q
            .statuses()
            .iter()
            .filter_map(|s| per_status.get(s))
            .fold(Counted::default(), |sum, c| sum.plus(*c)),
    }))
}

/// Every queue with its count: `deviations` for the deviations' queue,
/// `orders_in` for the others.
fn queue_counts(deviations: u64, orders_in: impl Fn(Queue) -> Counted) -> Vec<QueueCount> {
    Queue::all()
        .into_iter()
        .map(|q| {
            let c = if q == Queue::Deviations {
                Counted::exact(deviations)
            } else {
                orders_in(q)
            };
            QueueCount {
                code: q.code().to_owned(),
                label: q.label_sv().to_owned(),
                count: c.n,
                more: c.more,
            }
        })
        .collect()
}

async fn rows_of<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    orders: Vec<Queued>,
    targets: &HashMap<OrderStatus, u32>,
) -> Result<Vec<QueueRow>, AppError> {
    let ids: Vec<i32> = orders.iter().map(|o| o.summary.id).collect();
    let mut suppliers_of: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    let mut deviations_of: HashMap<i32, u32> = HashMap::new();
    for chunk in ids.chunks(500) {
        let parts: Vec<(i32, i32)> = order_part::Entity::find()
            .select_only()
            .column(order_part::Column::OrderId)
            .column(order_part::Column::SupplierId)
            .filter(order_part::Column::OrderId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (order, supplier) in parts {
            suppliers_of.entry(order).or_default().push(supplier);
        }
        let open: Vec<i32> = deviation::Entity::find()
            .select_only()
            .column(deviation::Column::OrderId)
            .filter(deviation::Column::OrderId.is_in(chunk.iter().copied()))
            .filter(deviation::Column::State.ne(DeviationState::Resolved.as_str()))
            .into_tuple()
            .all(db)
            .await?;
        for order in open {
            *deviations_of.entry(order).or_default() += 1;
        }
    }
    let names =
        crate::catalog::service::supplier_names(db, suppliers_of.values().flatten().copied().collect::<Vec<_>>())
            .await?;
    let people = crate::org::directory::people(db, orders.iter().filter_map(|o| o.coordinator_id)).await?;
    let me = ctx.person_id();
    let today = today();
    Ok(orders
        .into_iter()
        .map(|o| {
            let status = o.summary.status;
            let target = targets.get(&status).copied();
            let age = coordination::age(o.status_since.date_naive(), today);
            let mut suppliers: Vec<String> = suppliers_of
                .get(&o.summary.id)
                .map(|ids| ids.iter().filter_map(|s| names.get(s).cloned()).collect())
                .unwrap_or_default();
            suppliers.sort();
            QueueRow {
                id: o.summary.id,
                number: o.summary.number,
                status,
                since: o.status_since,
                age,
                target,
                overdue: target.is_some_and(|t| coordination::overdue(o.status_since.date_naive(), today, t)),
                requester: o.summary.requester,
                recipient: o.summary.recipient,
                cost_center: o.summary.cost_center,
                suppliers: suppliers.join(", "),
                open_deviations: deviations_of.get(&o.summary.id).copied().unwrap_or(0),
                coordinator: o.coordinator_id.and_then(|c| people.get(&c).map(|p| p.name.clone())),
                mine: me.is_some() && o.coordinator_id == me,
                wanted_date: o.wanted_date,
            }
        })
        .collect())
}

/// The open and escalated deviations, oldest first.
async fn open_deviations<C: ConnectionTrait>(db: &C) -> Result<Vec<DeviationRow>, AppError> {
    let rows = deviation::Entity::find()
        .filter(deviation::Column::State.ne(DeviationState::Resolved.as_str()))
        .order_by_asc(deviation::Column::RaisedAt)
        .order_by_asc(deviation::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let owners = crate::org::directory::people(db, rows.iter().map(|d| d.owner_id)).await?;
    let today = today();
    Ok(rows
        .into_iter()
        .map(|d| {
            let state = DeviationState::parse(&d.state).unwrap_or(DeviationState::Open);
            DeviationRow {
                id: d.id,
                order_id: d.order_id,
                number: crate::orders::dto::order_number(d.order_id),
                kind: coordination::DeviationKind::parse(&d.kind)
                    .map(|k| k.label_sv().to_owned())
                    .unwrap_or_default(),
                note: d.note,
                state: state.label_sv().to_owned(),
                escalated: state == DeviationState::Escalated,
                owner: owners.get(&d.owner_id).map(|p| p.name.clone()).unwrap_or_default(),
                raised_at: d.raised_at,
                age: coordination::age(d.raised_at.date_naive(), today),
            }
        })
        .collect())
}

/// The orders of filter `f` (every page, at most [`EXPORT_LIMIT`]) as CSV
/// for a spreadsheet: semicolons, a header row, dates as `2026-11-24`.
pub async fn export_csv<C: ConnectionTrait>(ctx: &Ctx, db: &C, f: QueueFilter) -> Result<String, AppError> {
    require(ctx, Permission::Coordinate)?;
    let targets = targets(db).await?;
    let checked = check(ctx, db, &f, &targets).await?;
    let query = if checked.queue == Queue::Deviations {
        let mut q = in_queue(Queue::Open, &checked.base);
        q.statuses = coordination::OPEN.to_vec();
        q.within.push(open_deviation_orders_query());
        q
    } else {
        in_queue(checked.queue, &checked.base)
    };
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![]);
    let csv_err = |e: csv::Error| AppError::internal(e.to_string());
    w.write_record([
        "Beställning",
        "Status",
        "I status sedan",
        "Arbetsdagar i status",
        "Måltid (arbetsdagar)",
        "Försenad",
        "Beställare",
        "Mottagare",
        "Kostnadsställe",
        "Leverantörer",
        "Öppna avvikelser",
        "Koordinator",
        "Önskat leveransdatum",
    ])
    .map_err(csv_err)?;
    // A filter's orders are read once, not once a page (see `orders_queue::page`).
    let found = if orders_queue::is_filtered(&query) {
        Some(orders_queue::matching(db, &query).await?)
    } else {
        None
    };
    let mut after = None;
    let mut written = 0u64;
    loop {
        let (orders, next) = match &found {
            Some(found) => orders_queue::page_of(db, found.clone(), query.newest_first, after, 500).await?,
            None => orders_queue::page(db, &query, after, 500).await?,
        };
        for r in rows_of(ctx, db, orders, &targets).await? {
            w.write_record([
                r.number,
                r.status.label_sv().to_owned(),
                crate::domain::format::date(r.since.date_naive()),
                r.age.to_string(),
                r.target.map(|t| t.to_string()).unwrap_or_default(),
                if r.overdue { "ja" } else { "nej" }.to_owned(),
                r.requester,
                r.recipient,
                r.cost_center,
                r.suppliers,
                r.open_deviations.to_string(),
                r.coordinator.unwrap_or_default(),
                r.wanted_date.map(crate::domain::format::date).unwrap_or_default(),
            ])
            .map_err(csv_err)?;
            written += 1;
        }
        match next {
            Some(c) if written < EXPORT_LIMIT => after = Some(c),
            _ => break,
        }
    }
    let bytes = w.into_inner().map_err(|e| AppError::internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal(e.to_string()))
}

/// The caller takes order `order_id` (or lets go of it with `take` false).
/// Nobody takes an order they requested or receive.
pub async fn take<C: ConnectionTrait>(ctx: &Ctx, db: &C, order_id: i32, take: bool) -> Result<(), AppError> {
    require(ctx, Permission::Coordinate)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let facts = crate::orders::service::lifecycle::facts(db, order_id)
        .await?
        .ok_or_else(|| AppError::not_found("Beställningen finns inte."))?;
    if take && (facts.requester_id == me || facts.recipient_id == me) {
        return Err(AppError::ForbiddenWithMessage {
            message: "Du kan inte ta en beställning som du själv har gjort eller som är till dig.".into(),
        });
    }
    orders_queue::assign(db, order_id, take.then_some(me)).await?;
    crate::audit::service::record(
        db,
        ctx,
        if take { "fulfilment.take" } else { "fulfilment.release" },
        Some("order"),
        Some(&order_id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// The caller takes every order of `ids` they may (not their own): how
/// many they took. At most 200 at a time.
pub async fn take_many<C: ConnectionTrait>(ctx: &Ctx, db: &C, ids: &[i32]) -> Result<u32, AppError> {
    require(ctx, Permission::Coordinate)?;
    if ids.is_empty() {
        return Err(AppError::validation("ids", "Markera minst en beställning."));
    }
    if ids.len() > 200 {
        return Err(AppError::validation(
            "ids",
            "Markera högst 200 beställningar åt gången.",
        ));
    }
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let facts = crate::orders::service::lifecycle::facts_many(db, ids).await?;
    let mut taken = 0;
    for id in ids {
        let Some(f) = facts.get(id) else { continue };
        if f.requester_id == me || f.recipient_id == me {
            continue;
        }
        if orders_queue::assign(db, *id, Some(me)).await? {
            taken += 1;
        }
    }
    crate::audit::service::record(
        db,
        ctx,
        "fulfilment.take",
        Some("order"),
        None,
        serde_json::json!({ "orders": ids, "taken": taken }),
    )
    .await?;
    Ok(taken)
}

/// Sets the target times: `(status code, working days as typed)`. Only
/// statuses of the open queues; 0 means no target; at most 60.
pub async fn set_targets<C: ConnectionTrait>(ctx: &Ctx, db: &C, input: &[(String, String)]) -> Result<(), AppError> {
    require(ctx, Permission::Administer)?;
    let allowed = &coordination::OPEN[..coordination::OPEN.len() - 1];
    let mut rows = Vec::new();
    for (code, days) in input {
        let status = OrderStatus::parse(code.trim())
            .filter(|s| allowed.contains(s))
            .ok_or_else(|| AppError::validation("status", "Statusen har ingen måltid."))?;
        let field = format!("target_{}", status.as_str());
        let days = days
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|d| (0..=60).contains(d))
            .ok_or_else(|| {
                AppError::validation(
                    &field,
                    format!(
                        "Måltiden för ”{}” ska vara ett heltal mellan 0 och 60 arbetsdagar.",
                        status.label_sv()
                    ),
                )
            })?;
        rows.push((status, days));
    }
    for (status, days) in &rows {
        state_target::Entity::insert(state_target::ActiveModel {
            status: Set(status.as_str().to_owned()),
            working_days: Set(*days),
        })
        .on_conflict(
            OnConflict::column(state_target::Column::Status)
                .update_column(state_target::Column::WorkingDays)
                .to_owned(),
        )
        .exec(db)
        .await?;
    }
    crate::audit::service::record(
        db,
        ctx,
        "fulfilment.targets",
        None,
        None,
        serde_json::json!(rows.iter().map(|(s, d)| (s.as_str(), d)).collect::<BTreeMap<_, _>>()),
    )
    .await?;
    Ok(())
}

/// The caller's saved filters, by name.
pub async fn saved<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<SavedFilterDto>, AppError> {
    let Some(me) = ctx.person_id() else {
        return Ok(Vec::new());
    };
    Ok(saved_filter::Entity::find()
        .filter(saved_filter::Column::PersonId.eq(me))
        .order_by_asc(saved_filter::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SavedFilterDto {
            id: s.id,
            name: s.name,
            query: s.query,
        })
        .collect())
}

/// Saves filter `f` under `name` for the caller (replacing one of the
/// same name). At most 30 per coordinator.
pub async fn save_filter<C: ConnectionTrait>(ctx: &Ctx, db: &C, name: &str, f: &QueueFilter) -> Result<(), AppError> {
    require(ctx, Permission::Coordinate)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::validation("name", "Ge filtret ett namn (1–100 tecken)."));
    }
    // The filter must be one the queue accepts.
    let targets = targets(db).await?;
    check(ctx, db, f, &targets).await?;
    let query = f.to_query();
    let existing = saved_filter::Entity::find()
        .filter(saved_filter::Column::PersonId.eq(me))
        .filter(saved_filter::Column::Name.eq(name))
        .one(db)
        .await?;
    match existing {
        Some(s) => {
            saved_filter::Entity::update_many()
                .col_expr(saved_filter::Column::Query, Expr::value(query))
                .filter(saved_filter::Column::Id.eq(s.id))
                .exec(db)
                .await?;
        }
        None => {
            let count = saved_filter::Entity::find()
                .filter(saved_filter::Column::PersonId.eq(me))
                .count(db)
                .await?;
            if count >= 30 {
                return Err(AppError::validation(
                    "name",
                    "Du har redan 30 sparade filter: ta bort något först.",
                ));
            }
            saved_filter::ActiveModel {
                person_id: Set(me),
                name: Set(name.to_owned()),
                query: Set(query),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Removes one of the caller's saved filters.
pub async fn delete_filter<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<(), AppError> {
    require(ctx, Permission::Coordinate)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let gone = saved_filter::Entity::delete_many()
        .filter(saved_filter::Column::Id.eq(id))
        .filter(saved_filter::Column::PersonId.eq(me))
        .exec(db)
        .await?
        .rows_affected;
    if gone == 0 {
        return Err(AppError::not_found("Filtret finns inte."));
    }
    Ok(())
}
