//! Submitting an order once per idempotency key.
//!
//! The order's transaction first claims the key (`order_request`) and ends
//! by storing its answer there: a second request with the same key — a
//! double click, a retry — waits on that claim and then replays the answer,
//! without validating or reading anything else (as the IETF
//! `Idempotency-Key` draft asks: the same response as the first time). A
//! refused submission releases its claim with the rest of the transaction.
//! A duplicate arriving while the first request is in progress on this
//! instance waits for that request's answer instead (see
//! [`crate::orders::in_flight`]).

use super::creation::{create, Created};
use super::queries::detail_of;
use crate::ctx::{require, Ctx};
use crate::domain::orders::Quantity;
use crate::entities::{order_request, orders};
use crate::error::AppError;
use crate::orders::dto::{LineInput, OrderDetail, OrderInput};
use crate::orders::in_flight::{InFlight, Turn};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

/// Submits the order `input` with the lines it gives (the API).
pub async fn submit<C>(
    ctx: &Ctx,
    db: &C,
    in_flight: &InFlight,
    input: OrderInput,
    key: &str,
    today: NaiveDate,
) -> Result<OrderDetail, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    once(ctx, db, in_flight, input, Lines::Given, key, today).await
}

/// Submits the order `input` with the lines of the caller's cart in place
/// of `input.lines` (the browser's checkout). The cart is emptied in the
/// order's transaction: a refused order leaves it as it was.
pub async fn submit_cart<C>(
    ctx: &Ctx,
    db: &C,
    in_flight: &InFlight,
    input: OrderInput,
    key: &str,
    today: NaiveDate,
) -> Result<OrderDetail, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    once(ctx, db, in_flight, input, Lines::Cart, key, today).await
}

/// Where an order's lines come from.
enum Lines {
    /// `OrderInput::lines`.
    Given,
    /// The caller's cart, taken in the order's transaction.
    Cart,
}

/// What the order's transaction holds: `me`'s claim on `key`, made `now`.
pub(super) struct Claim<'a> {
    pub me: i32,
    pub key: &'a str,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// Checks the caller, then submits unless a request with the same key is in
/// progress on this instance, whose answer it then takes.
async fn once<C>(
    ctx: &Ctx,
    db: &C,
    in_flight: &InFlight,
    input: OrderInput,
    lines: Lines,
    key: &str,
    today: NaiveDate,
) -> Result<OrderDetail, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::Order)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let key = checked_key(key)?;
    match in_flight.join(me, key) {
        Turn::Lead(lead) => {
            let result = claimed(ctx, db, me, input, lines, key, today).await;
            lead.done(result.as_ref().ok());
            result
        }
        Turn::Follow(follow) => match follow.answer().await {
            Some(order) => Ok(order),
            None => claimed(ctx, db, me, input, lines, key, today).await,
        },
    }
}

/// Creates the order in one transaction that claims `key` first; replays
/// the answer when the key is already claimed.
async fn claimed<C>(
    ctx: &Ctx,
    db: &C,
    me: i32,
    mut input: OrderInput,
    lines: Lines,
    key: &str,
    today: NaiveDate,
) -> Result<OrderDetail, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    // Microseconds: what both databases keep, so the answer equals a re-read.
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let hash = request_hash(&input, &lines);
    let txn = crate::db::begin_write(db).await?;
    let claim = order_request::Entity::insert(order_request::ActiveModel {
        requester_id: Set(me),
        idempotency_key: Set(key.to_owned()),
        created_at: Set(now),
        order_id: Set(None),
        response: Set(None),
        request_hash: Set(Some(hash.clone())),
    })
    .exec_without_returning(&txn)
    .await;
    match claim {
        Ok(_) => {}
        Err(e) if crate::db::is_unique_violation(&e) => {
            txn.rollback().await?;
            return replay(db, me, key, &hash).await;
        }
        Err(e) => return Err(e.into()),
    }
    let created = async {
        if let Lines::Cart = lines {
            input.lines = cart_lines(ctx, &txn, today).await?;
        }
        create(ctx, &txn, &Claim { me, key, now }, input, today).await
    }
    .await;
    match created {
        Ok(Created::Order(detail)) => {
            let response = serde_json::to_string(&detail).map_err(|_| AppError::Internal)?;
            order_request::Entity::update_many()
                .col_expr(order_request::Column::OrderId, Expr::value(detail.summary.id))
                .col_expr(order_request::Column::Response, Expr::value(response))
                .filter(order_request::Column::RequesterId.eq(me))
                .filter(order_request::Column::IdempotencyKey.eq(key))
                .exec(&txn)
                .await?;
            txn.commit().await?;
            crate::metrics::order_submitted();
            Ok(*detail)
        }
        Ok(Created::AlreadyThere) => {
            txn.rollback().await?;
            existing(db, me, key).await
        }
        Err(e) => {
            txn.rollback().await?;
            Err(e)
        }
    }
}

/// The caller's cart as order lines, taken out of the cart on `txn`.
async fn cart_lines<C: ConnectionTrait>(ctx: &Ctx, txn: &C, today: NaiveDate) -> Result<Vec<LineInput>, AppError> {
    crate::cart::service::take(ctx, txn, today)
        .await?
        .into_iter()
        .map(|l| {
            Ok(LineInput {
                item_id: l.item_id,
                quantity: Quantity::new(l.quantity).map_err(|m| AppError::validation("lines", m))?,
            })
        })
        .collect()
}

/// An idempotency key without its surrounding spaces: 1–64 characters.
fn checked_key(key: &str) -> Result<&str, AppError> {
    let key = key.trim();
    if key.is_empty() || key.len() > 64 {
        return Err(AppError::validation(
            "idempotency_key",
            "Idempotency-Key saknas eller är för lång (högst 64 tecken).",
        ));
    }
    Ok(key)
}

/// What identifies a request besides its key: its input (without the key)
/// and where its lines come from, as SHA-256 hex.
fn request_hash(input: &OrderInput, lines: &Lines) -> String {
    use sha2::{Digest, Sha256};
    let mut body = serde_json::to_value(input).unwrap_or_default();
    if let Some(fields) = body.as_object_mut() {
        fields.remove("idempotency_key");
    }
    let source = match lines {
        Lines::Given => "lines",
        Lines::Cart => "cart",
    };
    let digest = Sha256::digest(format!("{source}\n{body}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The answer an earlier request with this key gave; a key used for
/// another request is refused.
async fn replay<C: ConnectionTrait>(db: &C, me: i32, key: &str, hash: &str) -> Result<OrderDetail, AppError> {
    let claim = order_request::Entity::find_by_id((me, key.to_owned())).one(db).await?;
    if claim
        .as_ref()
        .and_then(|c| c.request_hash.as_deref())
        .is_some_and(|h| h != hash)
    {
        return Err(AppError::validation(
            "idempotency_key",
            "Idempotency-Key har redan använts för en annan beställning. Skicka en ny nyckel för en ny beställning.",
        ));
    }
    match claim.and_then(|c| c.response) {
        // An answer stored before the order's shape last grew (ids,
        // attestation) no longer reads: the order is read anew.
        Some(json) => match serde_json::from_str(&json) {
            Ok(detail) => Ok(detail),
            Err(_) => existing(db, me, key).await,
        },
        None => existing(db, me, key).await,
    }
}

/// The order an earlier request with this key created, read anew.
async fn existing<C: ConnectionTrait>(db: &C, me: i32, key: &str) -> Result<OrderDetail, AppError> {
    let o = orders::Entity::find()
        .filter(orders::Column::RequesterId.eq(me))
        .filter(orders::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    detail_of(db, o).await
}
