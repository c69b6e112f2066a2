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

/// Moves `part` by `event` as `ctx`, if it is still in the state it was
/// read in: the state machine decides (a refusal is a `StateConflict` with
/// the part's state), one conditional update writes it, and the order
/// follows its parts with `comment` on its timeline. Answers the part's
/// new state.
pub async fn step<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    part: &order_part::Model,
    event: OrderEvent,
    changes: Changes,
    comment: &str,
    at: DateTime<Utc>,
) -> Result<OrderStatus, AppError> {
    let from = state_of(part)?;
    let to = transition(from, event).map_err(|m| AppError::StateConflict {
        message: m.to_owned(),
        state: from.as_str().to_owned(),
    })?;
    let mut update = order_part::Entity::update_many()
        .col_expr(order_part::Column::State, Expr::value(to.as_str()))
        .filter(order_part::Column::Id.eq(part.id))
        .filter(order_part::Column::State.eq(from.as_str()));
    if to != from {
        update = update.col_expr(order_part::Column::StateSince, Expr::value(at));
    }
    if let Some(d) = changes.expected_delivery {
        update = update.col_expr(order_part::Column::ExpectedDelivery, Expr::value(d));
    }
    if let Some(t) = changes.tracking_number {
        update = update.col_expr(order_part::Column::TrackingNumber, Expr::value(t));
    }
    if let Some(o) = changes.occurred_at {
        update = update.col_expr(order_part::Column::LastOccurredAt, Expr::value(o));
    }
    if to == OrderStatus::Delivered && from != OrderStatus::Delivered {
        update = update.col_expr(
            order_part::Column::DeliveredAt,
            Expr::value(changes.occurred_at.unwrap_or(at)),
        );
    }
    if ctx.actor_kind() == "supplier" {
        update = update.col_expr(order_part::Column::ViaApi, Expr::value(true));
    }
    if update.exec(db).await?.rows_affected != 1 {
        return Err(AppError::Conflict {
            message: "Beställningen har ändrats av någon annan. Försök igen.".into(),
        });
    }
    let states: Vec<OrderStatus> = order_part::Entity::find()
        .filter(order_part::Column::OrderId.eq(part.order_id))
        .all(db)
        .await?
        .iter()
        .map(state_of)
        .collect::<Result<_, _>>()?;
    let derived = derive(&states).ok_or_else(|| AppError::internal(format!("order {} has no parts", part.order_id)))?;
    let order = lifecycle::facts(db, part.order_id)
        .await?
        .ok_or_else(|| AppError::internal(format!("order_part {} without its order", part.id)))?;
    lifecycle::follow(db, ctx, part.order_id, order.status, derived, comment, at, true).await?;
    if derived == OrderStatus::Delivered && order.status != OrderStatus::Delivered {
        super::outcome::record(db, part.order_id).await?;
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

/// Tells the requester of order `order_id` that a part is now in `state`,
/// with `body` (in the step's transaction).
pub async fn tell_requester<C: ConnectionTrait>(
    db: &C,
    order_id: i32,
    state: OrderStatus,
    body: &str,
) -> Result<(), AppError> {
    if let Some(d) = lifecycle::deliveries(db, &[order_id]).await?.remove(&order_id) {
        let title = format!("Beställning {}: {}", d.number, state.label_sv().to_lowercase());
        let link = format!("/bestallningar/{order_id}");
        crate::notify::service::notify(
            db,
            d.requester_id,
            crate::notify::dto::Kind::Delivery,
            &title,
            body,
            &link,
        )
        .await?;
    }
    Ok(())
}
