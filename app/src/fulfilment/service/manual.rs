//! A coordinator's hand on an order's supplier part: for a supplier
//! without the API (or whose system is down) the coordinator records what
//! happened, with a required reason. Every such step is a human touch (the
//! automation statistics count it), goes through the same state machine,
//! and tells the requester as a supplier's event would. Nobody handles an
//! order they requested or receive.

use super::parts::{lock, step, tell_requester, Changes};
use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::domain::orders::{may, ActorKind, OrderEvent};
use crate::error::AppError;
use crate::orders::service::lifecycle;
use chrono::{NaiveDate, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

/// What a coordinator records, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManualInput {
    pub supplier_id: i32,
    /// `ack`, `confirm`, `backorder`, `ship`, `deliver`, `cancel` or `close`.
    pub action: String,
    pub reason: String,
    pub expected_delivery: Option<NaiveDate>,
    pub tracking_number: Option<String>,
}

fn event_of(action: &str) -> Option<OrderEvent> {
    Some(match action {
        "ack" => OrderEvent::Ack,
        "confirm" => OrderEvent::Confirm,
        "backorder" => OrderEvent::Backorder,
        "ship" => OrderEvent::Ship,
        "deliver" => OrderEvent::Deliver,
        "cancel" => OrderEvent::Cancel,
        "close" => OrderEvent::Close,
        "resend" => OrderEvent::Resend,
        _ => return None,
    })
}

/// Records a coordinator's step on order `order_id`'s part from
/// `input.supplier_id`.
pub async fn handle<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    order_id: i32,
    input: ManualInput,
) -> Result<(), AppError> {
    require(ctx, Permission::Coordinate)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let not_found = || AppError::not_found("Beställningen eller leverantörens del av den finns inte.");
    let facts = lifecycle::facts(db, order_id).await?.ok_or_else(not_found)?;
    if me == facts.requester_id || me == facts.recipient_id {
        return Err(AppError::ForbiddenWithMessage {
            message: "Du kan inte hantera en beställning som du själv har gjort eller som är till dig.".into(),
        });
    }
    let event = event_of(input.action.trim())
        .filter(|e| may(ActorKind::Person, *e))
        .ok_or_else(|| AppError::validation("action", "Välj vad som har hänt."))?;
    let reason = input.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::validation(
            "reason",
            "Skriv varför du ändrar för hand (1–500 tecken): det syns i beställningens historik.",
        ));
    }
    let today = chrono::Local::now().date_naive();
    if matches!(event, OrderEvent::Confirm | OrderEvent::Backorder) {
        match input.expected_delivery {
            None => {
                return Err(AppError::validation(
                    "expected_delivery",
                    "Ange förväntat leveransdatum.",
                ))
            }
            Some(d) if d < today || d > today + chrono::Duration::days(730) => {
                return Err(AppError::validation(
                    "expected_delivery",
                    "Leveransdatumet ska ligga mellan i dag och två år framåt.",
                ))
            }
            Some(_) => {}
        }
    }
    let tracking = input
        .tracking_number
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    if tracking.as_ref().is_some_and(|t| t.chars().count() > 100) {
        return Err(AppError::validation(
            "tracking_number",
            "Spårningsnumret får vara högst 100 tecken.",
        ));
    }
    let supplier = crate::catalog::service::supplier_names(db, [input.supplier_id])
        .await?
        .remove(&input.supplier_id)
        .ok_or_else(not_found)?;
    let who = crate::org::directory::person(db, me)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let what = match event {
        OrderEvent::Ack => "mottagen av leverantören",
        OrderEvent::Confirm => "bekräftad, leverans",
        OrderEvent::Backorder => "restnoterad, ny leveransdag",
        OrderEvent::Ship => "skickad",
        OrderEvent::Deliver => "levererad",
        OrderEvent::Cancel => "makulerad",
        OrderEvent::Resend => "skickad på nytt till leverantören",
        _ => "avslutad",
    };
    let date = input
        .expected_delivery
        .map(|d| format!(" {}", crate::domain::format::date(d)))
        .unwrap_or_default();
    let track = tracking
        .as_deref()
        .map(|t| format!(", spårningsnummer {t}"))
        .unwrap_or_default();
    let comment = format!("{who} (för hand, {supplier}): {what}{date}{track}. {reason}");
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let mut locked = lock(&txn, order_id).await?.ok_or_else(not_found)?;
    let part = locked.part_of(input.supplier_id).ok_or_else(not_found)?.id;
    let state = step(
        &txn,
        ctx,
        &mut locked,
        part,
        event,
        Changes {
            expected_delivery: input.expected_delivery,
            tracking_number: tracking,
            occurred_at: None,
        },
        &comment,
        now,
    )
    .await?;
    if !matches!(event, OrderEvent::Ack | OrderEvent::Close | OrderEvent::Resend) {
        let body = format!("{supplier}: {what}{date}{track}.");
        tell_requester(&txn, &locked, state, &body).await?;
    }
    super::outcome::touched(&txn, order_id).await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "fulfilment.manual",
        Some("order"),
        Some(&order_id.to_string()),
        serde_json::json!({ "supplier_id": input.supplier_id, "action": input.action.trim(), "reason": reason, "state": state.as_str() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
