//! An order's life after submit, for the areas that move it (attestation
//! today, fulfilment next): what they may know about an order, and the one
//! way `orders.status` changes — through `domain::orders::transition`, by a
//! conditional update from the status the caller saw, with the step on the
//! order's timeline. The caller has checked the actor's right to do it.

use crate::ctx::Ctx;
use crate::domain::coordination::in_queues;
use crate::domain::money::Sek;
use crate::domain::orders::{transition, OrderEvent, OrderStatus};
use crate::entities::{open_order_category, order_event, order_line, orders};
use crate::error::AppError;
use crate::orders::dto::{OrderDetail, OrderSummary};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// What other areas may know about an order to decide on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub id: i32,
    pub requester_id: i32,
    pub recipient_id: i32,
    pub cost_center_id: i32,
    pub status: OrderStatus,
    /// Total commitment: one-off + monthly × binding months.
    pub commitment: Sek,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Where it is delivered: label, street, postal code and city.
    pub address: String,
    /// The asset it replaces, if any.
    pub replaces_asset_id: Option<i32>,
    /// Delivered to the region's stock.
    pub to_stock: bool,
}

fn address_of(o: &orders::Model) -> String {
    format!(
        "{}, {}, {} {}",
        o.delivery_label, o.delivery_street, o.delivery_postal_code, o.delivery_city
    )
}

fn facts_of(o: &orders::Model) -> Result<Facts, AppError> {
    let status = OrderStatus::parse(&o.status)
        .ok_or_else(|| AppError::internal(format!("order {} has unknown status {:?}", o.id, o.status)))?;
    Ok(Facts {
        id: o.id,
        requester_id: o.requester_id,
        recipient_id: o.recipient_id,
        cost_center_id: o.cost_center_id,
        status,
        commitment: Sek::from_ore(o.commitment_ore),
        created_at: o.created_at,
        address: address_of(o),
        replaces_asset_id: o.replaces_asset_id,
        to_stock: o.to_stock,
    })
}

/// The facts of one order; `None` when there is no such order.
pub async fn facts<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<Facts>, AppError> {
    orders::Entity::find_by_id(id)
        .one(db)
        .await?
        .as_ref()
        .map(facts_of)
        .transpose()
}

/// The facts of one order, its row locked until the caller's transaction
/// ends (`FOR UPDATE` on PostgreSQL; SQLite's writer holds the whole
/// database already): whoever moves the order's parts reads them after
/// this, so that two steps of one order follow each other.
pub async fn facts_for_update<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<Facts>, AppError> {
    orders::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?
        .as_ref()
        .map(facts_of)
        .transpose()
}

/// The facts of the orders among `ids` that exist, by id.
pub async fn facts_many<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, Facts>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for o in orders::Entity::find()
            .filter(orders::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(o.id, facts_of(&o)?);
        }
    }
    Ok(out)
}

/// Summaries of the orders among `ids`, in the order of `ids`.
pub async fn summaries_of<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<Vec<OrderSummary>, AppError> {
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        rows.extend(
            orders::Entity::find()
                .filter(orders::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        );
    }
    let at: HashMap<i32, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|o| at.get(&o.id).copied().unwrap_or(usize::MAX));
    super::queries::summaries(db, rows).await
}

/// One order with lines and timeline, for an area that has already decided
/// the caller may see it (an attester the order waits for).
pub async fn detail_unchecked<C: ConnectionTrait>(db: &C, id: i32) -> Result<OrderDetail, AppError> {
    let o = orders::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Beställningen finns inte."))?;
    super::queries::detail_of(db, o).await
}

/// The catalogue items on an order's lines.
pub async fn item_ids<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(order_line::Entity::find()
        .select_only()
        .column(order_line::Column::ItemId)
        .filter(order_line::Column::OrderId.eq(order_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// Moves order `id` from `from` by `event`, if it is still in `from`: the
/// state machine decides the new status, one conditional update writes it
/// (so of two concurrent steps from the same status exactly one happens),
/// and the step goes on the order's timeline with `comment` at `at`. A step the
/// machine refuses, or an order no longer in `from`, is a `Conflict`.
pub async fn apply<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: i32,
    from: OrderStatus,
    event: OrderEvent,
    comment: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<OrderStatus, AppError> {
    let to = transition(from, event).map_err(|m| AppError::Conflict { message: m.into() })?;
    let changed = orders::Entity::update_many()
        .col_expr(orders::Column::Status, Expr::value(to.as_str()))
        .col_expr(orders::Column::StatusSince, Expr::value(at))
        .filter(orders::Column::Id.eq(id))
        .filter(orders::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(AppError::Conflict {
            message: "Beställningen har ändrats av någon annan. Ladda om sidan.".into(),
        });
    }
    keep_open_categories(db, id, from, to, at).await?;
    step(db, ctx, id, from, to, comment, at, !event.is_automatic()).await?;
    Ok(to)
}

/// Keeps `open_order_category` with order `id`'s move from `from` to `to`
/// at `at`: its items' categories are listed while it is open, from the
/// step that opens it to the one that ends it, with its status and time in
/// it.
async fn keep_open_categories<C: ConnectionTrait>(
    db: &C,
    id: i32,
    from: OrderStatus,
    to: OrderStatus,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    match (in_queues(from), in_queues(to)) {
        (false, true) => list_open_categories(db, &[id]).await,
        (true, false) => {
            open_order_category::Entity::delete_many()
                .filter(open_order_category::Column::OrderId.eq(id))
                .exec(db)
                .await?;
            Ok(())
        }
        (true, true) => {
            open_order_category::Entity::update_many()
                .col_expr(open_order_category::Column::Status, Expr::value(to.as_str()))
                .col_expr(open_order_category::Column::StatusSince, Expr::value(at))
                .filter(open_order_category::Column::OrderId.eq(id))
                .exec(db)
                .await?;
            Ok(())
        }
        (false, false) => Ok(()),
    }
}

/// Lists in `open_order_category` the categories of the items of those of
/// orders `ids` that are open, from their lines and the catalogue's
/// categories now (an order already listed is listed anew).
async fn list_open_categories<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<(), AppError> {
    type Head = (
        i32,
        String,
        Option<chrono::DateTime<chrono::Utc>>,
        chrono::DateTime<chrono::Utc>,
    );
    let heads: HashMap<i32, (String, chrono::DateTime<chrono::Utc>)> = orders::Entity::find()
        .select_only()
        .column(orders::Column::Id)
        .column(orders::Column::Status)
        .column(orders::Column::StatusSince)
        .column(orders::Column::CreatedAt)
        .filter(orders::Column::Id.is_in(ids.iter().copied()))
        .filter(crate::db::one_of(
            orders::Column::Status,
            crate::domain::coordination::OPEN.iter().map(|s| s.as_str()),
        ))
        .into_tuple::<Head>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, status, since, created)| (id, (status, since.unwrap_or(created))))
        .collect();
    let lines: Vec<(i32, i32)> = order_line::Entity::find()
        .select_only()
        .column(order_line::Column::OrderId)
        .column(order_line::Column::ItemId)
        .filter(order_line::Column::OrderId.is_in(heads.keys().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut items: Vec<i32> = lines.iter().map(|(_, item)| *item).collect();
    items.sort_unstable();
    items.dedup();
    let category_of = crate::catalog::service::categories_of(db, &items).await?;
    let mut pairs: Vec<(i32, i32)> = lines
        .into_iter()
        .filter_map(|(order, item)| Some((order, *category_of.get(&item)?)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    open_order_category::Entity::delete_many()
        .filter(open_order_category::Column::OrderId.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    for chunk in pairs.chunks(500) {
        let rows: Vec<open_order_category::ActiveModel> = chunk
            .iter()
            .filter_map(|(order_id, category_id)| {
                let (status, since) = heads.get(order_id)?;
                Some(open_order_category::ActiveModel {
                    order_id: Set(*order_id),
                    category_id: Set(*category_id),
                    status: Set(status.clone()),
                    status_since: Set(*since),
                })
            })
            .collect();
        if !rows.is_empty() {
            open_order_category::Entity::insert_many(rows).exec(db).await?;
        }
    }
    Ok(())
}

/// Lists anew the categories of those of orders `ids` that are open: for orders
/// written or moved other than through [`apply`] and [`follow`] (the
/// bench's generated orders).
pub async fn relist_open_categories<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<(), AppError> {
    for chunk in ids.chunks(1_000) {
        list_open_categories(db, chunk).await?;
    }
    Ok(())
}

/// One step on order `id`'s timeline, with the kind of actor and whether a
/// person touched the order (`touch` is honoured for people only).
#[allow(clippy::too_many_arguments)]
async fn step<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: i32,
    from: OrderStatus,
    to: OrderStatus,
    comment: &str,
    at: chrono::DateTime<chrono::Utc>,
    touch: bool,
) -> Result<(), AppError> {
    let kind = ctx.actor_kind();
    order_event::ActiveModel {
        order_id: Set(id),
        at: Set(at),
        actor_person_id: Set(ctx.person_id()),
        actor: Set(ctx.label()),
        from_status: Set(Some(from.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        comment: Set(comment.to_owned()),
        actor_kind: Set(kind.to_owned()),
        human_touch: Set(touch && kind == "person"),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records a step of one of order `id`'s supplier parts on its timeline and
/// moves the order to `to`, the status derived from all its parts, when
/// that differs from `from` (`domain::orders::may_follow`: forward only,
/// or cancelled before anything shipped; by a conditional update from
/// `from`). A step that changes nothing of the order's own status is on
/// the timeline still, with the order's status on both sides.
#[allow(clippy::too_many_arguments)]
pub async fn follow<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: i32,
    from: OrderStatus,
    to: OrderStatus,
    comment: &str,
    at: chrono::DateTime<chrono::Utc>,
    touch: bool,
) -> Result<(), AppError> {
    if to != from {
        if !crate::domain::orders::may_follow(from, to) {
            return Err(AppError::Conflict {
                message: format!(
                    "Beställningen kan inte gå från {} till {}.",
                    from.label_sv().to_lowercase(),
                    to.label_sv().to_lowercase()
                ),
            });
        }
        let changed = orders::Entity::update_many()
            .col_expr(orders::Column::Status, Expr::value(to.as_str()))
            .col_expr(orders::Column::StatusSince, Expr::value(at))
            .filter(orders::Column::Id.eq(id))
            .filter(orders::Column::Status.eq(from.as_str()))
            .exec(db)
            .await?
            .rows_affected;
        if changed != 1 {
            return Err(AppError::Conflict {
                message: "Beställningen har ändrats av någon annan. Ladda om sidan.".into(),
            });
        }
        keep_open_categories(db, id, from, to, at).await?;
    }
    step(db, ctx, id, from, to, comment, at, touch).await
}

/// Puts a step on order `id`'s timeline that does not change its status (a
/// reminder, an escalation), as the system or the caller.
pub async fn note<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i32, comment: &str) -> Result<(), AppError> {
    remark(db, ctx, id, comment, false).await
}

/// Puts a step on order `id`'s timeline where a person touched the order
/// without changing its status (a deviation raised or resolved): the
/// automation statistics count it.
pub async fn touch<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i32, comment: &str) -> Result<(), AppError> {
    remark(db, ctx, id, comment, true).await
}

async fn remark<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i32, comment: &str, touch: bool) -> Result<(), AppError> {
    let status: Option<String> = orders::Entity::find_by_id(id)
        .select_only()
        .column(orders::Column::Status)
        .into_tuple()
        .one(db)
        .await?;
    let status = status.ok_or_else(|| AppError::not_found("Beställningen finns inte."))?;
    order_event::ActiveModel {
        order_id: Set(id),
        at: Set(chrono::Utc::now()),
        actor_person_id: Set(ctx.person_id()),
        actor: Set(ctx.label()),
        from_status: Set(Some(status.clone())),
        to_status: Set(status),
        comment: Set(comment.to_owned()),
        actor_kind: Set(ctx.actor_kind().to_owned()),
        human_touch: Set(touch && ctx.actor_kind() == "person"),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// `(line id, item id)` of each of an order's lines.
pub async fn line_items<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<Vec<(i32, i32)>, AppError> {
    Ok(order_line::Entity::find()
        .select_only()
        .column(order_line::Column::Id)
        .column(order_line::Column::ItemId)
        .filter(order_line::Column::OrderId.eq(order_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// An order line as ordered, with what the asset register needs of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedLine {
    pub id: i32,
    pub item_id: i32,
    pub name: String,
    /// `hardware`, `software_licence` or `service`, as when ordered.
    pub kind: String,
    pub quantity: i32,
    pub unit_monthly: Sek,
    pub binding_months: i32,
    pub notice_months: i32,
}

/// Lines `ids` of order `order_id`, as ordered (one statement).
pub async fn ordered_lines<C: ConnectionTrait>(
    db: &C,
    order_id: i32,
    ids: &[i32],
) -> Result<Vec<OrderedLine>, AppError> {
    Ok(order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(order_id))
        .filter(order_line::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(order_line::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| OrderedLine {
            id: l.id,
            item_id: l.item_id,
            name: l.name,
            kind: l.kind,
            quantity: l.quantity,
            unit_monthly: Sek::from_ore(l.unit_monthly_ore),
            binding_months: l.binding_months,
            notice_months: l.notice_months,
        })
        .collect())
}

/// What a supplier needs to deliver an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub number: String,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub wanted_date: Option<chrono::NaiveDate>,
    pub reference: String,
    pub requester_id: i32,
}

/// The delivery of each order among `ids` that exists, by id.
pub async fn deliveries<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, Delivery>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for o in orders::Entity::find()
            .filter(orders::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(
                o.id,
                Delivery {
                    number: crate::orders::dto::order_number(o.id),
                    address: address_of(&o),
                    contact_name: o.contact_name,
                    contact_phone: o.contact_phone,
                    wanted_date: o.wanted_date,
                    reference: o.reference,
                    requester_id: o.requester_id,
                },
            );
        }
    }
    Ok(out)
}

/// An order line as it was ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub id: i32,
    pub order_id: i32,
    pub article_number: String,
    pub name: String,
    pub quantity: i32,
    pub unit_one_off: Sek,
}

/// The lines among `ids`, by id.
pub async fn lines<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, Line>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for l in order_line::Entity::find()
            .filter(order_line::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(
                l.id,
                Line {
                    id: l.id,
                    order_id: l.order_id,
                    article_number: l.article_number,
                    name: l.name,
                    quantity: l.quantity,
                    unit_one_off: Sek::from_ore(l.unit_one_off_ore),
                },
            );
        }
    }
    Ok(out)
}

/// One step of an order's timeline as the automation statistics read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    pub actor_kind: String,
    pub human_touch: bool,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Order `id`'s timeline, oldest first.
pub async fn steps<C: ConnectionTrait>(db: &C, id: i32) -> Result<Vec<Step>, AppError> {
    use sea_orm::QueryOrder;
    Ok(order_event::Entity::find()
        .filter(order_event::Column::OrderId.eq(id))
        .order_by_asc(order_event::Column::At)
        .order_by_asc(order_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|e| {
            Some(Step {
                from: e.from_status.as_deref().and_then(OrderStatus::parse),
                to: OrderStatus::parse(&e.to_status)?,
                actor_kind: e.actor_kind,
                human_touch: e.human_touch,
                at: e.at,
            })
        })
        .collect())
}
