//! What the checkout offers, the caller's orders (the page and the API's
//! listing) and one order with its lines and timeline.

use crate::ctx::{require, Ctx};
use crate::domain::money::Sek;
use crate::domain::orders::OrderStatus;
use crate::domain::roles::Role;
use crate::entities::{order_event, order_line, orders};
use crate::error::AppError;
use crate::orders::dto::{
    order_number, CheckoutOptions, CostCenterOption, MyOrder, OrderDetail, OrderEventDto, OrderLineDto, OrderSummary,
};
use crate::org::directory;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeSet;

/// What the checkout form offers when the caller orders for `recipient_id`
/// (themselves when `None`): the cost centres they may charge, the
/// recipient's and their own unit's addresses, and a fresh idempotency key.
pub async fn checkout_options<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    recipient_id: Option<i32>,
    replaces: Option<i32>,
) -> Result<CheckoutOptions, AppError> {
    require(ctx, crate::domain::authz::Permission::Order)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let (replacing, replacing_error) = match replaces {
        None => (None, None),
        Some(id) => match crate::assets::service::replaceable(ctx, db, id).await {
            Ok(a) => (Some(a), None),
            Err(AppError::Validation { message, .. }) => (None, Some(message)),
            Err(e) => return Err(e),
        },
    };
    // Replacing someone's computer orders for them unless another recipient is chosen.
    let recipient_id = recipient_id
        .or(replacing.as_ref().and_then(|a| a.user_id))
        .unwrap_or(me);
    let people = directory::active_people(db, [me, recipient_id]).await?;
    let find = |id: i32| {
        people
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| AppError::validation("recipient_id", "Mottagaren finns inte i katalogen över medarbetare."))
    };
    let (req, rec) = (find(me)?, find(recipient_id)?);
    let centers = directory::chargeable(db, req, rec).await?;
    let default_cost_center = centers
        .iter()
        .find(|c| c.unit_id == rec.unit_id)
        .or(centers.first())
        .map(|c| c.id);
    let addresses = directory::addresses(db, &[rec.unit_id, req.unit_id]).await?;
    let mut refs = directory::person_refs(db, &[req, rec]).await?;
    let requester = refs.get(&req.id).cloned().ok_or(AppError::Internal)?;
    let recipient = refs.remove(&rec.id).ok_or(AppError::Internal)?;
    Ok(CheckoutOptions {
        requester,
        recipient,
        cost_centers: centers
            .into_iter()
            .map(|c| CostCenterOption {
                id: c.id,
                code: c.code,
                name: c.name,
            })
            .collect(),
        default_cost_center,
        addresses,
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        replacing,
        replacing_error,
    })
}

/// May this caller see this order? The requester, the recipient, and roles
/// that follow orders.
fn may_see(ctx: &Ctx, o: &orders::Model) -> bool {
    let me = ctx.person_id();
    me == Some(o.requester_id) || me == Some(o.recipient_id) || ctx.has(Role::Coordinator) || ctx.has(Role::Admin)
}

pub(super) async fn summaries<C: ConnectionTrait>(
    db: &C,
    rows: Vec<orders::Model>,
) -> Result<Vec<OrderSummary>, AppError> {
    let mut people: BTreeSet<i32> = BTreeSet::new();
    for o in &rows {
        people.insert(o.requester_id);
        people.insert(o.recipient_id);
    }
    let people = directory::people(db, people).await?;
    let name = |id: i32| people.get(&id).map(|p| p.name.clone()).unwrap_or_default();
    let centers = directory::cost_center_labels(db, rows.iter().map(|o| o.cost_center_id)).await?;
    Ok(rows
        .into_iter()
        .map(|o| OrderSummary {
            id: o.id,
            number: order_number(o.id),
            status: OrderStatus::parse(&o.status).unwrap_or(OrderStatus::Submitted),
            requester_id: o.requester_id,
            requester: name(o.requester_id),
            recipient_id: o.recipient_id,
            recipient: name(o.recipient_id),
            cost_center_id: o.cost_center_id,
            cost_center: centers.get(&o.cost_center_id).cloned().unwrap_or_default(),
            one_off: Sek::from_ore(o.one_off_ore),
            monthly: Sek::from_ore(o.monthly_ore),
            commitment: Sek::from_ore(o.commitment_ore),
            created_at: o.created_at,
        })
        .collect())
}

/// The caller's orders as requester or recipient, newest first, each with
/// whom it waits for while its attestation is open.
pub async fn mine<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<MyOrder>, AppError> {
    require(ctx, crate::domain::authz::Permission::Order)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let rows = orders::Entity::find()
        .filter(
            Condition::any()
                .add(orders::Column::RequesterId.eq(me))
                .add(orders::Column::RecipientId.eq(me)),
        )
        .order_by_desc(orders::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|o| o.id).collect();
    let mut waiting = crate::attest::service::waiting_of(db, &ids).await?;
    Ok(summaries(db, rows)
        .await?
        .into_iter()
        .map(|summary| MyOrder {
            waiting: waiting.remove(&summary.id),
            summary,
        })
        .collect())
}

/// One order; `NotFound` also when the caller may not see it.
pub async fn detail<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<OrderDetail, AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let not_found = || AppError::not_found("Beställningen finns inte.");
    let o = orders::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)?;
    if !may_see(ctx, &o) {
        return Err(not_found());
    }
    detail_of(db, o).await
}

/// The detail of an order the caller may see.
pub(super) async fn detail_of<C: ConnectionTrait>(db: &C, o: orders::Model) -> Result<OrderDetail, AppError> {
    let id = o.id;
    let lines = order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(id))
        .order_by_asc(order_line::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| OrderLineDto {
            item_id: l.item_id,
            article_number: l.article_number,
            name: l.name,
            quantity: l.quantity,
            unit_one_off: Sek::from_ore(l.unit_one_off_ore),
            unit_monthly: Sek::from_ore(l.unit_monthly_ore),
            binding_months: l.binding_months,
        })
        .collect();
    let events = order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .order_by_asc(order_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| OrderEventDto {
            at: e.at,
            actor: e.actor,
            from: e.from_status.as_deref().and_then(OrderStatus::parse),
            to: OrderStatus::parse(&e.to_status).unwrap_or(OrderStatus::Submitted),
            comment: e.comment,
        })
        .collect();
    let delivery = format!(
        "{}, {}, {} {}",
        o.delivery_label, o.delivery_street, o.delivery_postal_code, o.delivery_city
    );
    let contact = format!("{}, {}", o.contact_name, o.contact_phone);
    let (reference, wanted_date, note) = (o.reference.clone(), o.wanted_date, o.note.clone());
    let replaces = match o.replaces_asset_id {
        Some(a) => crate::assets::service::replaced_ref(db, a).await?,
        None => None,
    };
    let summary = summaries(db, vec![o]).await?.pop().ok_or(AppError::Internal)?;
    let attestation = attestation_of(db, id).await?;
    let parts = crate::fulfilment::service::parts_of(db, id).await?;
    Ok(OrderDetail {
        summary,
        delivery,
        contact,
        reference,
        wanted_date,
        note,
        lines,
        events,
        attestation,
        parts,
        replaces,
    })
}

/// Where order `id`'s attestation stands; `None` for an order from before
/// attestation (it has no attestation row).
pub(super) async fn attestation_of<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<crate::attest::dto::AttestationDto>, AppError> {
    match crate::attest::service::attestation_of(db, id).await {
        Ok(a) => Ok(Some(a)),
        Err(AppError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}
