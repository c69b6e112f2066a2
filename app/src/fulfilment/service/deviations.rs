//! Deviations (*avvikelser*) on orders: a coordinator raises one on an open
//! order with a kind, a public note and an owner; coordinators comment,
//! escalate and resolve it with a resolution. Each step is kept in its
//! history; raising and resolving are human touches on the order's
//! timeline. The requester sees that a deviation exists, its public note
//! and when it was resolved; the requester is told when one is raised and
//! resolved. Nobody handles a deviation on an order they requested or
//! receive.

use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::domain::coordination::{deviation_step, DeviationKind, DeviationState, DeviationStep};
use crate::domain::orders::OrderStatus;
use crate::domain::roles::Role;
use crate::entities::{deviation, deviation_note};
use crate::error::AppError;
use crate::fulfilment::dto::{DeviationDto, DeviationNoteDto, OrderDeviations};
use crate::orders::service::lifecycle;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use std::collections::HashMap;

const NOTE_MAX: usize = 2000;

fn text(field: &str, value: &str, what: &str) -> Result<String, AppError> {
    let v = value.trim();
    if v.is_empty() || v.chars().count() > NOTE_MAX {
        return Err(AppError::validation(field, format!("Skriv {what} (1–2 000 tecken).")));
    }
    Ok(v.to_owned())
}

/// The caller, a coordinator who may handle order `order_id`: its facts.
async fn handler<C: ConnectionTrait>(ctx: &Ctx, db: &C, order_id: i32) -> Result<(i32, lifecycle::Facts), AppError> {
    require(ctx, Permission::Coordinate)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let facts = lifecycle::facts(db, order_id)
        .await?
        .ok_or_else(|| AppError::not_found("Beställningen finns inte."))?;
    if me == facts.requester_id || me == facts.recipient_id {
        return Err(AppError::ForbiddenWithMessage {
            message: "Du kan inte hantera avvikelser på en beställning som du själv har gjort eller som är till dig."
                .into(),
        });
    }
    Ok((me, facts))
}

async fn tell<C: ConnectionTrait>(db: &C, order_id: i32, title: &str, body: &str) -> Result<(), AppError> {
    if let Some(d) = lifecycle::deliveries(db, &[order_id]).await?.remove(&order_id) {
        crate::notify::service::notify(
            db,
            d.requester_id,
            crate::notify::dto::Kind::Delivery,
            &format!("Beställning {}: {title}", d.number),
            body,
            &format!("/bestallningar/{order_id}"),
        )
        .await?;
    }
    Ok(())
}

/// Raises a deviation on order `order_id`. `owner` is a coordinator's id
/// as the form sends it (empty: the caller). The order must not be closed,
/// cancelled or rejected.
pub async fn raise<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    order_id: i32,
    kind: &str,
    note: &str,
    owner: &str,
) -> Result<i32, AppError> {
    let (me, facts) = handler(ctx, db, order_id).await?;
    if matches!(
        facts.status,
        OrderStatus::Closed | OrderStatus::Cancelled | OrderStatus::Rejected | OrderStatus::Draft
    ) {
        return Err(AppError::Conflict {
            message: format!(
                "Beställningen är {}: avvikelser anmäls på pågående och levererade beställningar.",
                facts.status.label_sv().to_lowercase()
            ),
        });
    }
    let kind = DeviationKind::parse(kind).ok_or_else(|| AppError::validation("kind", "Välj typ av avvikelse."))?;
    let note = text("note", note, "vad som har hänt")?;
    let owner = match owner.trim() {
        "" => me,
        o => {
            let id = o.parse::<i32>().ok();
            let coordinators = crate::org::directory::holders_of(db, Role::Coordinator).await?;
            id.filter(|id| coordinators.iter().any(|(c, _)| c == id))
                .ok_or_else(|| AppError::validation("owner", "Välj en koordinator i listan som ansvarig."))?
        }
    };
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let d = deviation::ActiveModel {
        order_id: Set(order_id),
        kind: Set(kind.as_str().to_owned()),
        note: Set(note.clone()),
        state: Set(DeviationState::Open.as_str().to_owned()),
        owner_id: Set(owner),
        raised_by: Set(me),
        raised_at: Set(now),
        escalated_at: Set(None),
        resolution: Set(None),
        resolved_by: Set(None),
        resolved_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    history(&txn, d.id, me, "raise", &note).await?;
    lifecycle::touch(
        &txn,
        ctx,
        order_id,
        &format!("Avvikelse anmäld: {}. {note}", kind.label_sv()),
    )
    .await?;
    super::outcome::touched(&txn, order_id).await?;
    tell(
        &txn,
        order_id,
        "avvikelse",
        &format!("{}: {note} Koordinatorerna arbetar med den.", kind.label_sv()),
    )
    .await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "deviation.raise",
        Some("order"),
        Some(&order_id.to_string()),
        serde_json::json!({ "deviation": d.id, "kind": kind.as_str(), "owner": owner }),
    )
    .await?;
    txn.commit().await?;
    Ok(d.id)
}

async fn history<C: ConnectionTrait>(db: &C, id: i32, author: i32, kind: &str, body: &str) -> Result<(), AppError> {
    deviation_note::ActiveModel {
        deviation_id: Set(id),
        author_id: Set(author),
        at: Set(Utc::now()),
        kind: Set(kind.to_owned()),
        body: Set(body.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Comments on, escalates or resolves deviation `id` (`step` as the form
/// sends it) with `body`: the comment, why it is escalated, or the
/// resolution.
pub async fn step<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    step: &str,
    body: &str,
) -> Result<(), AppError> {
    require(ctx, Permission::Coordinate)?;
    let not_found = || AppError::not_found("Avvikelsen finns inte.");
    let d = deviation::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)?;
    let (me, _) = handler(ctx, db, d.order_id).await?;
    let step = DeviationStep::parse(step).ok_or_else(|| AppError::validation("step", "Välj vad du vill göra."))?;
    let state = DeviationState::parse(&d.state)
        .ok_or_else(|| AppError::internal(format!("deviation {id} has unknown state {:?}", d.state)))?;
    let to = deviation_step(state, step).map_err(|m| AppError::Conflict { message: m.into() })?;
    let body = text(
        "body",
        body,
        match step {
            DeviationStep::Comment => "en kommentar",
            DeviationStep::Escalate => "varför avvikelsen eskaleras",
            DeviationStep::Resolve => "hur avvikelsen åtgärdades",
        },
    )?;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let mut update = deviation::Entity::update_many()
        .col_expr(deviation::Column::State, Expr::value(to.as_str()))
        .filter(deviation::Column::Id.eq(id))
        .filter(deviation::Column::State.eq(state.as_str()));
    match step {
        DeviationStep::Escalate => update = update.col_expr(deviation::Column::EscalatedAt, Expr::value(now)),
        DeviationStep::Resolve => {
            update = update
                .col_expr(deviation::Column::Resolution, Expr::value(body.clone()))
                .col_expr(deviation::Column::ResolvedBy, Expr::value(me))
                .col_expr(deviation::Column::ResolvedAt, Expr::value(now));
        }
        DeviationStep::Comment => {}
    }
    if update.exec(&txn).await?.rows_affected != 1 {
        return Err(AppError::Conflict {
            message: "Avvikelsen har ändrats av någon annan. Ladda om sidan.".into(),
        });
    }
    history(&txn, id, me, step.as_str(), &body).await?;
    let kind = DeviationKind::parse(&d.kind)
        .map(|k| k.label_sv())
        .unwrap_or("Avvikelse");
    match step {
        DeviationStep::Resolve => {
            lifecycle::touch(&txn, ctx, d.order_id, &format!("Avvikelse åtgärdad: {kind}. {body}")).await?;
            super::outcome::touched(&txn, d.order_id).await?;
            tell(&txn, d.order_id, "avvikelsen är åtgärdad", &format!("{kind}: {body}")).await?;
        }
        DeviationStep::Escalate => {
            lifecycle::note(&txn, ctx, d.order_id, &format!("Avvikelse eskalerad: {kind}. {body}")).await?;
        }
        DeviationStep::Comment => {}
    }
    crate::audit::service::record(
        &txn,
        ctx,
        &format!("deviation.{}", step.as_str()),
        Some("order"),
        Some(&d.order_id.to_string()),
        serde_json::json!({ "deviation": id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The deviations of order `order_id` as the caller may see them: all of
/// it for coordinators; the public part for the requester and recipient;
/// none for anyone else.
pub async fn of_order<C: ConnectionTrait>(ctx: &Ctx, db: &C, order_id: i32) -> Result<OrderDeviations, AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let coordinator = require(ctx, Permission::Coordinate).is_ok();
    let facts = lifecycle::facts(db, order_id).await?;
    let party = facts
        .as_ref()
        .is_some_and(|f| me == f.requester_id || me == f.recipient_id);
    if !coordinator && !party {
        // Someone else who sees the order (its attester) sees no
        // deviations; nobody learns here whether an order exists.
        return Ok(OrderDeviations {
            coordinator: false,
            may_handle: false,
            taken_by_me: false,
            taken_by: None,
            deviations: Vec::new(),
            coordinators: Vec::new(),
        });
    }
    if facts.is_none() {
        return Err(AppError::not_found("Beställningen finns inte."));
    }
    let rows = deviation::Entity::find()
        .filter(deviation::Column::OrderId.eq(order_id))
        .order_by_asc(deviation::Column::RaisedAt)
        .order_by_asc(deviation::Column::Id)
        .all(db)
        .await?;
    let notes: Vec<deviation_note::Model> = if coordinator && !rows.is_empty() {
        deviation_note::Entity::find()
            .filter(deviation_note::Column::DeviationId.is_in(rows.iter().map(|d| d.id)))
            .order_by_asc(deviation_note::Column::At)
            .order_by_asc(deviation_note::Column::Id)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let taken: Option<i32> = if coordinator {
        crate::orders::service::queue::coordinators_of(db, &[order_id])
            .await?
            .remove(&order_id)
    } else {
        None
    };
    let mut people_ids: Vec<i32> = rows.iter().map(|d| d.owner_id).collect();
    people_ids.extend(notes.iter().map(|n| n.author_id));
    people_ids.extend(taken);
    let people: HashMap<i32, String> = crate::org::directory::people(db, people_ids)
        .await?
        .into_iter()
        .map(|(id, p)| (id, p.name))
        .collect();
    let name = |id: i32| people.get(&id).cloned().unwrap_or_default();
    let deviations = rows
        .into_iter()
        .map(|d| {
            let state = DeviationState::parse(&d.state).unwrap_or(DeviationState::Open);
            DeviationDto {
                id: d.id,
                kind: DeviationKind::parse(&d.kind)
                    .map(|k| k.label_sv().to_owned())
                    .unwrap_or_default(),
                note: d.note,
                state: state.label_sv().to_owned(),
                open: state.is_open(),
                escalated: state == DeviationState::Escalated,
                raised_at: d.raised_at,
                resolved_at: d.resolved_at,
                resolution: if coordinator { d.resolution } else { None },
                owner: if coordinator { name(d.owner_id) } else { String::new() },
                history: notes
                    .iter()
                    .filter(|n| n.deviation_id == d.id)
                    .map(|n| DeviationNoteDto {
                        author: name(n.author_id),
                        at: n.at,
                        what: match n.kind.as_str() {
                            "raise" => "Anmäld",
                            "escalate" => "Eskalerad",
                            "resolve" => "Åtgärdad",
                            _ => "Kommentar",
                        }
                        .to_owned(),
                        body: n.body.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(OrderDeviations {
        coordinator,
        may_handle: coordinator && !party,
        taken_by_me: coordinator && taken == Some(me),
        taken_by: taken.map(name),
        deviations,
        coordinators: if coordinator && !party {
            crate::org::directory::holders_of(db, Role::Coordinator).await?
        } else {
            Vec::new()
        },
    })
}
