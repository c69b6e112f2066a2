//! The supplier API's service: a supplier (through its integration key)
//! lists its parts, acknowledges them and reports events. Another
//! supplier's order is not found; an event is applied once per event id
//! (claimed with its answer in its transaction, after the order's lock; a
//! repeat gets the stored answer, a copy in progress on this instance the
//! first copy's); an
//! event older than the latest one applied goes on the timeline only; a
//! step the state machine refuses is a 409 with the part's state, and
//! nothing of it is written.

use super::parts::{lock, state_of, step, tell_requester, Changes};
use crate::ctx::Ctx;
use crate::domain::orders::{may, ActorKind, OrderEvent, OrderStatus};
use crate::entities::{order_part, order_part_line, supplier_event};
use crate::error::AppError;
use crate::fulfilment::dto::{
    EventOutcome, SupplierEventInput, SupplierEventType, SupplierLine, SupplierOrder, SupplierOrderPage,
};
use crate::orders::service::lifecycle;
use crate::state::in_flight::Turn;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Most parts one page lists.
pub const PAGE: u64 = 100;
/// Most serial numbers on one line, and their longest length.
const MAX_SERIALS: usize = 999;
const MAX_SERIAL_LEN: usize = 100;

fn supplier_of(ctx: &Ctx) -> Result<i32, AppError> {
    ctx.supplier_id().ok_or(AppError::ForbiddenWithMessage {
        message: "Leverantörs-API:t kräver en leverantörsnyckel.".into(),
    })
}

fn not_found() -> AppError {
    AppError::not_found("Beställningen finns inte hos den här leverantören.")
}

/// The supplier's name, once [`named`] has read it.
fn name_of(ctx: &Ctx) -> String {
    match &ctx.actor {
        crate::ctx::Actor::Supplier { name: Some(name), .. } => name.clone(),
        _ => "Leverantören".into(),
    }
}

/// `ctx` with its supplier's name, for the timeline and the audit log
/// (one read, by whoever writes).
async fn named<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Ctx, AppError> {
    let mut ctx = ctx.clone();
    if let crate::ctx::Actor::Supplier { supplier_id, name, .. } = &mut ctx.actor {
        if name.is_none() {
            *name = crate::catalog::service::supplier_names(db, [*supplier_id])
                .await?
                .remove(supplier_id);
        }
    }
    Ok(ctx)
}

/// The caller's parts in `state` (default `attested`: new ones), after
/// `cursor`, oldest first, with lines, delivery address and contact.
pub async fn orders<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    state: Option<&str>,
    cursor: Option<&str>,
) -> Result<SupplierOrderPage, AppError> {
    let supplier = supplier_of(ctx)?;
    let state = match state.map(str::trim).filter(|s| !s.is_empty()) {
        None => OrderStatus::Attested,
        Some(s) => OrderStatus::parse(s)
            .filter(|s| crate::domain::orders::derive(&[*s]).is_some() || *s == OrderStatus::Cancelled)
            .ok_or_else(|| {
                AppError::validation(
                    "state",
                    "Okänt tillstånd: ange attested, sent_to_supplier, confirmed, shipped, delivered, closed eller cancelled.",
                )
            })?,
    };
    let after = match cursor.map(str::trim).filter(|c| !c.is_empty()) {
        None => 0,
        Some(c) => c.parse::<i32>().ok().filter(|c| *c >= 0).ok_or_else(|| {
            AppError::validation("cursor", "Ogiltig markör: använd next_cursor från föregående svar.")
        })?,
    };
    let mut parts = order_part::Entity::find()
        .filter(order_part::Column::SupplierId.eq(supplier))
        .filter(order_part::Column::State.eq(state.as_str()))
        .filter(order_part::Column::Id.gt(after))
        .order_by_asc(order_part::Column::Id)
        .limit(PAGE + 1)
        .all(db)
        .await?;
    let more = parts.len() as u64 > PAGE;
    parts.truncate(PAGE as usize);
    let part_lines = if parts.is_empty() {
        vec![]
    } else {
        order_part_line::Entity::find()
            .filter(order_part_line::Column::PartId.is_in(parts.iter().map(|p| p.id)))
            .order_by_asc(order_part_line::Column::LineId)
            .all(db)
            .await?
    };
    let line_ids: Vec<i32> = part_lines.iter().map(|l| l.line_id).collect();
    let lines = lifecycle::lines(db, &line_ids).await?;
    let order_ids: Vec<i32> = parts.iter().map(|p| p.order_id).collect();
    let deliveries = lifecycle::deliveries(db, &order_ids).await?;
    let mut by_part: HashMap<i32, Vec<SupplierLine>> = HashMap::new();
    for pl in &part_lines {
        if let Some(l) = lines.get(&pl.line_id) {
            by_part.entry(pl.part_id).or_default().push(SupplierLine {
                line_id: l.id,
                article_number: l.article_number.clone(),
                name: l.name.clone(),
                quantity: l.quantity,
                unit_one_off_ore: l.unit_one_off.ore(),
                serial_numbers: serials(&pl.serial_numbers),
            });
        }
    }
    let mut out = Vec::with_capacity(parts.len());
    for p in &parts {
        let d = deliveries
            .get(&p.order_id)
            .ok_or_else(|| AppError::internal(format!("order_part {} without its order", p.id)))?;
        out.push(SupplierOrder {
            order_id: p.order_id,
            number: d.number.clone(),
            state: state_of(p)?,
            state_since: p.state_since,
            delivery_address: d.address.clone(),
            contact_name: d.contact_name.clone(),
            contact_phone: d.contact_phone.clone(),
            wanted_date: d.wanted_date,
            reference: d.reference.clone(),
            expected_delivery: p.expected_delivery,
            tracking_number: p.tracking_number.clone(),
            lines: by_part.remove(&p.id).unwrap_or_default(),
        });
    }
    Ok(SupplierOrderPage {
        next_cursor: if more {
            parts.last().map(|p| p.id.to_string())
        } else {
            None
        },
        orders: out,
    })
}

fn serials(stored: &str) -> Vec<String> {
    stored.lines().filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The supplier has taken order `order_id`'s part: `sent_to_supplier`.
pub async fn ack<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    order_id: i32,
) -> Result<EventOutcome, AppError> {
    let supplier = supplier_of(ctx)?;
    let ctx = &named(ctx, db).await?;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let mut locked = lock(&txn, order_id).await?.ok_or_else(not_found)?;
    let part = locked.part_of(supplier).ok_or_else(not_found)?.id;
    let comment = format!("{} har tagit emot beställningen.", name_of(ctx));
    let state = step(
        &txn,
        ctx,
        &mut locked,
        part,
        OrderEvent::Ack,
        Changes::default(),
        &comment,
        now,
    )
    .await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "fulfilment.ack",
        Some("order"),
        Some(&order_id.to_string()),
        serde_json::json!({ "supplier_id": supplier }),
    )
    .await?;
    txn.commit().await?;
    Ok(EventOutcome {
        event_id: String::new(),
        order_id,
        state,
        applied: true,
    })
}

/// A supplier event, checked: the event it is, what it changes, the line
/// of the timeline, and the requester's notice.
struct Checked {
    event: OrderEvent,
    changes: Changes,
    serials: Vec<(i32, String)>,
    comment: String,
    notice: String,
}

fn check(ctx: &Ctx, input: &SupplierEventInput, today: chrono::NaiveDate) -> Result<Checked, AppError> {
    let event_id = input.event_id.trim();
    if event_id.is_empty() || event_id.chars().count() > 100 {
        return Err(AppError::validation("event_id", "event_id ska vara 1–100 tecken."));
    }
    let tracking = match input.tracking_number.as_deref().map(str::trim) {
        Some(t) if t.chars().count() > 100 => {
            return Err(AppError::validation(
                "tracking_number",
                "Spårningsnumret får vara högst 100 tecken.",
            ))
        }
        Some(t) if !t.is_empty() => Some(t.to_owned()),
        _ => None,
    };
    if let Some(d) = input.expected_delivery {
        let latest = today + chrono::Duration::days(730);
        if d < today - chrono::Duration::days(30) || d > latest {
            return Err(AppError::validation(
                "expected_delivery",
                "Leveransdatumet ska ligga mellan 30 dagar bakåt och två år framåt.",
            ));
        }
    }
    let now = Utc::now();
    if input.occurred_at > now + chrono::Duration::minutes(5) {
        return Err(AppError::validation("occurred_at", "occurred_at ligger i framtiden."));
    }
    let mut serial_rows = Vec::new();
    for l in &input.lines {
        if l.serial_numbers.len() > MAX_SERIALS
            || l.serial_numbers.iter().any(|s| {
                let s = s.trim();
                s.is_empty() || s.chars().count() > MAX_SERIAL_LEN || s.contains(['\n', '\r'])
            })
        {
            return Err(AppError::validation(
                "lines",
                format!(
                    "Serienumren på rad {} ska vara 1–100 tecken vardera, högst 999 stycken.",
                    l.line_id
                ),
            ));
        }
        let joined = l.serial_numbers.iter().map(|s| s.trim()).collect::<Vec<_>>().join("\n");
        serial_rows.push((l.line_id, joined));
    }
    let who = name_of(ctx);
    let date = |d: Option<chrono::NaiveDate>| d.map(crate::domain::format::date).unwrap_or_default();
    let (event, comment, notice) = match input.kind {
        SupplierEventType::Confirmed | SupplierEventType::Backordered => {
            if input.expected_delivery.is_none() {
                return Err(AppError::validation(
                    "expected_delivery",
                    "Ange expected_delivery (förväntat leveransdatum) för confirmed och backordered.",
                ));
            }
            if input.kind == SupplierEventType::Confirmed {
                (
                    OrderEvent::Confirm,
                    format!(
                        "{who} bekräftar beställningen, leverans {}.",
                        date(input.expected_delivery)
                    ),
                    format!(
                        "Leverantören har bekräftat beställningen. Förväntad leverans {}.",
                        date(input.expected_delivery)
                    ),
                )
            } else {
                (
                    OrderEvent::Backorder,
                    format!("{who} restnoterar: ny leveransdag {}.", date(input.expected_delivery)),
                    format!(
                        "Beställningen är restnoterad. Ny förväntad leverans {}.",
                        date(input.expected_delivery)
                    ),
                )
            }
        }
        SupplierEventType::Shipped => {
            let t = tracking
                .as_deref()
                .map(|t| format!(", spårningsnummer {t}"))
                .unwrap_or_default();
            (
                OrderEvent::Ship,
                format!("{who} har skickat leveransen{t}."),
                format!("Beställningen är skickad från leverantören{t}."),
            )
        }
        SupplierEventType::Delivered => {
            let n: usize = input.lines.iter().map(|l| l.serial_numbers.len()).sum();
            let s = if n > 0 {
                format!(" ({n} serienummer)")
            } else {
                String::new()
            };
            (
                OrderEvent::Deliver,
                format!("{who}: levererad{s}."),
                "Beställningen är levererad.".to_owned(),
            )
        }
        SupplierEventType::Rejected => {
            let reason = input.reason.as_deref().map(str::trim).unwrap_or_default();
            if reason.is_empty() || reason.chars().count() > 500 {
                return Err(AppError::validation(
                    "reason",
                    "Ange varför beställningen avvisas (1–500 tecken).",
                ));
            }
            (
                OrderEvent::Cancel,
                format!("{who} avvisar beställningen: {reason}"),
                format!("Leverantören kunde inte leverera beställningen: {reason}"),
            )
        }
    };
    if !may(ActorKind::Supplier, event) {
        return Err(AppError::Forbidden);
    }
    Ok(Checked {
        event,
        changes: Changes {
            expected_delivery: input.expected_delivery,
            tracking_number: tracking,
            occurred_at: Some(input.occurred_at),
        },
        serials: serial_rows,
        comment,
        notice,
    })
}

/// How long a supplier's name read for its events is used before it is
/// read again (a renamed supplier shows its new name on the timeline after
/// at most this long).
const NAME_FOR: Duration = Duration::from_secs(60);

/// What this instance keeps between supplier events: the events in
/// progress, by supplier and event id (`state::in_flight`: a copy sent
/// while the first is being applied waits for its answer), and each
/// supplier's name for the timeline, read at most once per [`NAME_FOR`].
/// Both only save work: the claim in the database decides what is applied.
#[derive(Clone, Debug, Default)]
pub struct SupplierEvents {
    in_flight: crate::state::in_flight::InFlight<EventOutcome>,
    names: Arc<Mutex<HashMap<i32, (String, Instant)>>>,
}

impl SupplierEvents {
    /// `ctx` with its supplier's name, from this instance's memory when it
    /// was read less than [`NAME_FOR`] ago.
    async fn named<C: ConnectionTrait>(&self, ctx: &Ctx, db: &C) -> Result<Ctx, AppError> {
        let Some(supplier) = ctx.supplier_id() else {
            return Ok(ctx.clone());
        };
        let known = {
            let names = self.names.lock().unwrap_or_else(|e| e.into_inner());
            names
                .get(&supplier)
                .filter(|(_, read)| read.elapsed() < NAME_FOR)
                .map(|(name, _)| name.clone())
        };
        let mut ctx = ctx.clone();
        if let crate::ctx::Actor::Supplier { name, .. } = &mut ctx.actor {
            match known {
                Some(known) => *name = Some(known),
                None => {
                    *name = crate::catalog::service::supplier_names(db, [supplier])
                        .await?
                        .remove(&supplier);
                    if let Some(read) = name {
                        let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
                        names.insert(supplier, (read.clone(), Instant::now()));
                    }
                }
            }
        }
        Ok(ctx)
    }
}

/// Applies a supplier event exactly once (see the module). The event is
/// checked first. A copy of an event in progress on this instance waits
/// for the first copy's answer; otherwise [`once`] applies it.
pub async fn event<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    desk: &SupplierEvents,
    input: SupplierEventInput,
) -> Result<EventOutcome, AppError> {
    let supplier = supplier_of(ctx)?;
    // Checked before anything is read; [`once`] words it again with the
    // supplier's name.
    check(ctx, &input, chrono::Local::now().date_naive())?;
    let event_id = input.event_id.trim().to_owned();
    match desk.in_flight.join(supplier, &event_id) {
        Turn::Follow(first) => match first.answer().await {
            Some(answer) => answer_for(answer, &event_id, input.order_id),
            None => once(&desk.named(ctx, db).await?, db, supplier, &input, &event_id).await,
        },
        Turn::Lead(lead) => {
            let result = match desk.named(ctx, db).await {
                Ok(ctx) => once(&ctx, db, supplier, &input, &event_id).await,
                Err(e) => Err(e),
            };
            lead.done(result.as_ref().ok());
            result
        }
    }
}

/// The step of [`event`] and the claim of its id in one transaction. The
/// order is locked first, so that a copy being applied elsewhere has
/// committed (claim and all) before this one reads anything: a copy whose
/// step succeeds again (a second backorder) finds the id claimed when it
/// claims it, one whose step is refused finds the earlier claim; both roll
/// back and answer what the first one answered.
async fn once<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    supplier: i32,
    input: &SupplierEventInput,
    event_id: &str,
) -> Result<EventOutcome, AppError> {
    let checked = check(ctx, input, chrono::Local::now().date_naive())?;
    let now = chrono::SubsecRound::trunc_subsecs(Utc::now(), 6);
    let txn = crate::db::begin_write(db).await?;
    let outcome = match apply(ctx, &txn, supplier, input, checked, event_id, now).await {
        Ok(outcome) => outcome,
        Err(e) => {
            // Nothing of a refused event is kept, its claim neither: sent
            // again once the part can take it, it applies.
            let earlier = claimed(&txn, supplier, event_id).await;
            txn.rollback().await?;
            return match earlier {
                Ok(Some(first)) => answer_for(first, event_id, input.order_id),
                _ => Err(e),
            };
        }
    };
    let answer = serde_json::to_string(&outcome).map_err(AppError::internal)?;
    let claimed_now = supplier_event::Entity::insert(supplier_event::ActiveModel {
        supplier_id: Set(supplier),
        event_id: Set(event_id.to_owned()),
        order_id: Set(input.order_id),
        received_at: Set(now),
        status: Set(200),
        answer: Set(answer),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([supplier_event::Column::SupplierId, supplier_event::Column::EventId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if claimed_now == 1 {
        txn.commit().await?;
        return Ok(outcome);
    }
    // The id was taken meanwhile (for another order: its order was locked,
    // not this one).
    txn.rollback().await?;
    let first = claimed(db, supplier, event_id)
        .await?
        .ok_or_else(|| AppError::internal(format!("supplier_event {supplier}/{event_id} vanished")))?;
    answer_for(first, event_id, input.order_id)
}

/// The answer stored with `event_id`'s claim, if it was claimed.
async fn claimed<C: ConnectionTrait>(db: &C, supplier: i32, event_id: &str) -> Result<Option<EventOutcome>, AppError> {
    let stored = supplier_event::Entity::find()
        .filter(supplier_event::Column::SupplierId.eq(supplier))
        .filter(supplier_event::Column::EventId.eq(event_id))
        .one(db)
        .await?;
    stored
        .map(|s| serde_json::from_str(&s.answer).map_err(AppError::internal))
        .transpose()
}

async fn apply<C: ConnectionTrait>(
    ctx: &Ctx,
    txn: &C,
    supplier: i32,
    input: &SupplierEventInput,
    checked: Checked,
    event_id: &str,
    now: DateTime<Utc>,
) -> Result<EventOutcome, AppError> {
    let mut locked = lock(txn, input.order_id).await?.ok_or_else(not_found)?;
    let part = locked.part_of(supplier).cloned().ok_or_else(not_found)?;
    let part_lines = locked.lines_of(part.id);
    if let Some(l) = input.lines.iter().find(|l| !part_lines.contains(&l.line_id)) {
        return Err(AppError::validation(
            "lines",
            format!("Raden {} hör inte till leverantörens del av beställningen.", l.line_id),
        ));
    }
    for (line_id, serials) in &checked.serials {
        if !serials.is_empty() {
            order_part_line::Entity::update_many()
                .col_expr(order_part_line::Column::SerialNumbers, Expr::value(serials.clone()))
                .filter(order_part_line::Column::LineId.eq(*line_id))
                .filter(order_part_line::Column::PartId.eq(part.id))
                .exec(txn)
                .await?;
            // What the step (a delivery registering assets) reads next.
            for (_, lines) in locked.parts.iter_mut().filter(|(p, _)| p.id == part.id) {
                for l in lines.iter_mut().filter(|l| l.line_id == *line_id) {
                    l.serial_numbers = serials.clone();
                }
            }
        }
    }
    let late = part.last_occurred_at.is_some_and(|last| input.occurred_at < last);
    let state = if late {
        let line = format!(
            "{} (rapporterat i efterhand; händelsen {} skedde före den senaste).",
            checked.comment.trim_end_matches('.'),
            event_id
        );
        lifecycle::note(txn, ctx, part.order_id, &line).await?;
        state_of(&part)?
    } else {
        let state = step(
            txn,
            ctx,
            &mut locked,
            part.id,
            checked.event,
            checked.changes,
            &checked.comment,
            now,
        )
        .await?;
        tell_requester(txn, &locked, state, &checked.notice).await?;
        state
    };
    // The claim keeps the event and its answer, and the order's timeline
    // the step with its actor: the audit log has nothing to add.
    Ok(EventOutcome {
        event_id: event_id.to_owned(),
        order_id: part.order_id,
        state,
        applied: !late,
    })
}

/// The first answer to `event_id`, for a repeat about `order_id`: the same
/// answer, or a conflict when the id was used for another order.
fn answer_for(first: EventOutcome, event_id: &str, order_id: i32) -> Result<EventOutcome, AppError> {
    if first.order_id != order_id {
        return Err(AppError::conflict(format!(
            "Händelsen {event_id} är redan använd för en annan beställning."
        )));
    }
    Ok(first)
}
