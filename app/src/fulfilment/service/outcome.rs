//! Each delivered order's place in the automation statistics
//! (`order_outcome`): its category by its recorded trail
//! (`domain::automation::classify`), its month of delivery and its lead
//! time. Recorded when the order becomes delivered, and again when a person
//! touches a delivered order afterwards (a deviation), so that the figures
//! are a sum over one table.

use crate::domain::automation::{classify, lead_days, Category, Month, Trail};
use crate::domain::orders::OrderStatus;
use crate::domain::roles::Role;
use crate::entities::{order_outcome, order_part};
use crate::error::AppError;
use crate::orders::service::lifecycle;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The trail of an order with its `facts` and `parts`, and its delivery
/// time (the latest of its parts'); `None` while not every part is
/// delivered.
async fn trail<C: ConnectionTrait>(
    db: &C,
    facts: &lifecycle::Facts,
    parts: &[order_part::Model],
) -> Result<Option<(Trail, chrono::DateTime<chrono::Utc>)>, AppError> {
    let order_id = facts.id;
    let delivered = parts
        .iter()
        .filter(|p| p.state != OrderStatus::Cancelled.as_str())
        .map(|p| p.delivered_at)
        .collect::<Option<Vec<_>>>();
    let Some(delivered_at) = delivered.and_then(|d| d.into_iter().max()) else {
        return Ok(None);
    };
    let steps = lifecycle::steps(db, order_id).await?;
    let decision = |s: &lifecycle::Step| {
        s.from == Some(OrderStatus::AwaitingAttestation)
            && matches!(s.to, OrderStatus::Attested | OrderStatus::Rejected)
    };
    let submit = |s: &lifecycle::Step| {
        s.from != Some(s.to) && matches!(s.to, OrderStatus::Submitted | OrderStatus::AwaitingAttestation)
    };
    let on_behalf = facts.requester_id != facts.recipient_id
        && crate::org::directory::global_roles(db, facts.requester_id)
            .await?
            .contains(&Role::Coordinator);
    let t = Trail {
        on_behalf,
        part_without_api: parts
            .iter()
            .any(|p| p.state != OrderStatus::Cancelled.as_str() && !p.via_api),
        attested_by_person: steps.iter().any(|s| decision(s) && s.human_touch),
        touched: steps.iter().any(|s| s.human_touch && !decision(s) && !submit(s)),
    };
    Ok(Some((t, delivered_at)))
}

/// Records (or records again) order `order_id`'s category, month and lead
/// time; nothing while it is not delivered.
pub async fn record<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<Option<Category>, AppError> {
    let Some(facts) = lifecycle::facts(db, order_id).await? else {
        return Ok(None);
    };
    let parts = order_part::Entity::find()
        .filter(order_part::Column::OrderId.eq(order_id))
        .all(db)
        .await?;
    record_known(db, &facts, &parts).await
}

/// [`record`] for an order whose `facts` and `parts` the caller has read
/// in its transaction.
pub async fn record_known<C: ConnectionTrait>(
    db: &C,
    facts: &lifecycle::Facts,
    parts: &[order_part::Model],
) -> Result<Option<Category>, AppError> {
    let order_id = facts.id;
    let Some((t, delivered_at)) = trail(db, facts, parts).await? else {
        return Ok(None);
    };
    let category = classify(t);
    let lead = lead_days(facts.created_at, delivered_at);
    let month = Month::of(delivered_at.with_timezone(&chrono::Local).date_naive());
    order_outcome::Entity::insert(order_outcome::ActiveModel {
        order_id: Set(order_id),
        month: Set(month.code()),
        submitted_at: Set(facts.created_at),
        delivered_at: Set(delivered_at),
        category: Set(category.as_str().to_owned()),
        lead_days: Set(lead),
    })
    .on_conflict(
        OnConflict::column(order_outcome::Column::OrderId)
            .update_columns([
                order_outcome::Column::Month,
                order_outcome::Column::DeliveredAt,
                order_outcome::Column::Category,
                order_outcome::Column::LeadDays,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(Some(category))
}

/// After a person touched order `order_id`: its category again, if it is
/// already in the statistics.
pub async fn touched<C: ConnectionTrait>(db: &C, order_id: i32) -> Result<(), AppError> {
    if order_outcome::Entity::find_by_id(order_id).one(db).await?.is_some() {
        record(db, order_id).await?;
    }
    Ok(())
}
