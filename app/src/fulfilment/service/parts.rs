//! An attested order's supplier parts: splitting it at attestation, one
//! part's step through the state machine (with the order's derived status
//! following on its timeline), and the parts as the order page shows them.

use crate::ctx::Ctx;
use crate::domain::orders::{derive, transition, OrderEvent, OrderStatus};
use crate::entities::{order_part, order_part_line};
use crate::error::AppError;
use crate::fulfilment::dto::PartDto;
use crate::orders::service::lifecycle;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

pub(crate) fn state_of(p: &order_part::Model) -> Result<OrderStatus, AppError> {
    OrderStatus::parse(&p.state)
        .ok_or_else(|| AppError::internal(format!("order_part {} has unknown state {:?}", p.id, p.state)))
}

/// Splits attested order `order_id` into one part per supplier of its
/// lines, each `attested` and ready for its supplier. In the caller's
/// transaction (the attestation's).
pub async fn release<C: ConnectionTrait>(db: &C, order_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let lines = lifecycle::line_items(db, order_id).await?;
    let items: Vec<i32> = lines.iter().map(|(_, item)| *item).collect();
    let supplier_of = crate::catalog::service::suppliers_of(db, &items).await?;
    let mut by_supplier: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for (line, item) in lines {
        let supplier = supplier_of
            .get(&item)
            .ok_or_else(|| AppError::internal(format!("order {order_id}: item {item} has no supplier")))?;
        by_supplier.entry(*supplier).or_default().push(line);
    }
    for (supplier_id, lines) in by_supplier {
        let part = order_part::Entity::insert(order_part::ActiveModel {
            order_id: Set(order_id),
            supplier_id: Set(supplier_id),
            state: Set(OrderStatus::Attested.as_str().to_owned()),
            state_since: Set(now),
            expected_delivery: Set(None),
            tracking_number: Set(None),
            last_occurred_at: Set(None),
            created_at: Set(now),
            delivered_at: Set(None),
            lead_days: Set(None),
            via_api: Set(false),
            ..Default::default()
        })
        .exec(db)
        .await?
        .last_insert_id;
        order_part_line::Entity::insert_many(lines.into_iter().map(|line_id| order_part_line::ActiveModel {
            line_id: Set(line_id),
            part_id: Set(part),
            serial_numbers: Set(String::new()),
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// What a step changes besides the state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub expected_delivery: Option<NaiveDate>,
    pub tracking_number: Option<String>,
    /// When the supplier says it happened (events only).
    pub occurred_at: Option<DateTime<Utc>>,
}

/// An order and its supplier parts with their lines, read in a write
/// transaction after the order's row was locked: the parts cannot change
/// under the caller until it commits.
#[derive(Debug, Clone)]
pub struct Locked {
    pub facts: lifecycle::Facts,
    pub parts: Vec<(order_part::Model, Vec<order_part_line::Model>)>,
}

impl Locked {
    /// Supplier `supplier_id`'s part.
    pub fn part_of(&self, supplier_id: i32) -> Option<&order_part::Model> {
        self.parts.iter().map(|(p, _)| p).find(|p| p.supplier_id == supplier_id)
    }

    /// The ids of the lines of part `part_id`.
    pub fn lines_of(&self, part_id: i32) -> Vec<i32> {
        self.parts
            .iter()
            .filter(|(p, _)| p.id == part_id)
            .flat_map(|(_, lines)| lines.iter().map(|l| l.line_id))
            .collect()
    }
}

/// Locks order `order_id` and reads its parts with their lines (two
/// statements); `None` when there is no such order. In the caller's write
/// transaction.
pub async fn lock<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<Option<Locked>, AppError> {
    let Some(facts) = lifecycle::facts_for_update(db, order_id).await? else {
        return Ok(None);
    };
    let parts = order_part::Entity::find()
        .filter(order_part::Column::OrderId.eq(order_id))
        .find_with_related(order_part_line::Entity)
        .order_by_asc(order_part::Column::Id)
        .all(db)
        .await?;
    Ok(Some(Locked { facts, parts }))
}

/// Moves part `part_id` of the `locked` order by `event` as `ctx`: the
/// state machine decides (a refusal is a `StateConflict` with the part's
/// state), one conditional update writes it, and the order follows its
/// parts with `comment` on its timeline (an order that becomes delivered
/// gets its place in the automation statistics). `locked` is kept up to
/// date, so that several steps of one order can follow each other in one
/// transaction. Answers the part's new state.
#[allow(clippy::too_many_arguments)]
pub async fn step<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    locked: &mut Locked,
    part_id: i32,
    event: OrderEvent,
    changes: Changes,
    comment: &str,
    at: DateTime<Utc>,
) -> Result<OrderStatus, AppError> {
    let part = locked
        .parts
        .iter_mut()
        .map(|(p, _)| p)
        .find(|p| p.id == part_id)
        .ok_or_else(|| AppError::internal(format!("order_part {part_id} is not a part of the locked order")))?;
    let from = state_of(part)?;
    let to = transition(from, event).map_err(|m| AppError::StateConflict {
        message: m.to_owned(),
        state: from.as_str().to_owned(),
    })?;
    let mut update = order_part::Entity::update_many()
        .col_expr(order_part::Column::State, Expr::value(to.as_str()))
        .filter(order_part::Column::Id.eq(part.id))
        .filter(order_part::Column::State.eq(from.as_str()));
    part.state = to.as_str().to_owned();
    if to != from {
        update = update.col_expr(order_part::Column::StateSince, Expr::value(at));
        part.state_since = at;
    }
    if let Some(d) = changes.expected_delivery {
        update = update.col_expr(order_part::Column::ExpectedDelivery, Expr::value(d));
        part.expected_delivery = Some(d);
    }
    if let Some(t) = changes.tracking_number {
        update = update.col_expr(order_part::Column::TrackingNumber, Expr::value(t.clone()));
        part.tracking_number = Some(t);
    }
    if let Some(o) = changes.occurred_at {
        update = update.col_expr(order_part::Column::LastOccurredAt, Expr::value(o));
        part.last_occurred_at = Some(o);
    }
    if to == OrderStatus::Delivered && from != OrderStatus::Delivered {
        let when = changes.occurred_at.unwrap_or(at);
        let days = crate::domain::automation::lead_days(locked.facts.created_at, when);
        update = update
            .col_expr(order_part::Column::DeliveredAt, Expr::value(when))
            .col_expr(order_part::Column::LeadDays, Expr::value(days));
        part.delivered_at = Some(when);
        part.lead_days = Some(days);
    }
    if ctx.actor_kind() == "supplier" {
        update = update.col_expr(order_part::Column::ViaApi, Expr::value(true));
        part.via_api = true;
    }
    let supplier_id = part.supplier_id;
    let delivered_on = (to == OrderStatus::Delivered && from != OrderStatus::Delivered).then(|| {
        part.delivered_at
            .unwrap_or(at)
            .with_timezone(&chrono::Local)
            .date_naive()
    });
    if update.exec(db).await?.rows_affected != 1 {
        return Err(AppError::Conflict {
            message: "Beställningen har ändrats av någon annan. Försök igen.".into(),
        });
    }
    if let Some(on) = delivered_on {
        // The part's hardware enters the asset register with the delivery.
        let lines: Vec<(i32, Vec<String>)> = locked
            .parts
            .iter()
            .filter(|(p, _)| p.id == part_id)
            .flat_map(|(_, lines)| lines.iter())
            .map(|l| {
                let serials = l.serial_numbers.lines().map(str::to_owned).collect();
                (l.line_id, serials)
            })
            .collect();
        let line_ids: Vec<i32> = lines.iter().map(|(id, _)| *id).collect();
        let ordered = lifecycle::ordered_lines(db, locked.facts.id, &line_ids).await?;
        let delivered = crate::assets::service::Delivered {
            order_id: locked.facts.id,
            user_id: locked.facts.recipient_id,
            to_stock: locked.facts.to_stock,
            cost_center_id: locked.facts.cost_center_id,
            supplier_id,
            location: locked.facts.address.clone(),
            on,
            lines,
            ordered,
        };
        let registered = crate::assets::service::register_delivered(db, &delivered).await?;
        crate::subscriptions::service::register_delivered(db, ctx, &delivered).await?;
        // The computer it replaces goes back once the new hardware is here.
        if let (Some(old), true) = (locked.facts.replaces_asset_id, registered > 0) {
            crate::assets::service::return_replaced(db, ctx, old, locked.facts.id).await?;
        }
    }
    let states: Vec<OrderStatus> = locked
        .parts
        .iter()
        .map(|(p, _)| state_of(p))
        .collect::<Result<_, _>>()?;
    let derived =
        derive(&states).ok_or_else(|| AppError::internal(format!("order {} has no parts", locked.facts.id)))?;
    let before = locked.facts.status;
    lifecycle::follow(db, ctx, locked.facts.id, before, derived, comment, at, true).await?;
    locked.facts.status = derived;
    if derived == OrderStatus::Delivered && before != OrderStatus::Delivered {
        let parts: Vec<order_part::Model> = locked.parts.iter().map(|(p, _)| p.clone()).collect();
        super::outcome::record_known(db, &locked.facts, &parts).await?;
    }
    Ok(to)
}

/// The parts of order `order_id` for its page (the caller may see the
/// order), by supplier name.
pub async fn parts_of<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<Vec<PartDto>, AppError> {
    let parts = order_part::Entity::find()
        .filter(order_part::Column::OrderId.eq(order_id))
        .order_by_asc(order_part::Column::Id)
        .all(db)
        .await?;
    if parts.is_empty() {
        return Ok(vec![]);
    }
    let names = crate::catalog::service::supplier_names(db, parts.iter().map(|p| p.supplier_id)).await?;
    let part_lines = order_part_line::Entity::find()
        .filter(order_part_line::Column::PartId.is_in(parts.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let ids: Vec<i32> = part_lines.iter().map(|l| l.line_id).collect();
    let lines = lifecycle::lines(db, &ids).await?;
    let mut out = Vec::with_capacity(parts.len());
    for p in &parts {
        let mut articles: Vec<String> = part_lines
            .iter()
            .filter(|l| l.part_id == p.id)
            .filter_map(|l| lines.get(&l.line_id).map(|x| x.article_number.clone()))
            .collect();
        articles.sort();
        out.push(PartDto {
            supplier_id: p.supplier_id,
            supplier: names.get(&p.supplier_id).cloned().unwrap_or_default(),
            state: state_of(p)?,
            state_since: p.state_since,
            expected_delivery: p.expected_delivery,
            tracking_number: p.tracking_number.clone(),
            articles,
        });
    }
    out.sort_by(|a, b| a.supplier.cmp(&b.supplier));
    Ok(out)
}

/// Tells the requester of the `locked` order that a part is now in
/// `state`, with `body` (in the step's transaction).
pub async fn tell_requester<C: ConnectionTrait>(
    db: &C,
    locked: &Locked,
    state: OrderStatus,
    body: &str,
) -> Result<(), AppError> {
    let id = locked.facts.id;
    let title = format!(
        "Beställning {}: {}",
        crate::orders::dto::order_number(id),
        state.label_sv().to_lowercase()
    );
    crate::notify::service::notify(
        db,
        locked.facts.requester_id,
        crate::notify::dto::Kind::Delivery,
        &title,
        body,
        &format!("/bestallningar/{id}"),
    )
    .await?;
    Ok(())
}
