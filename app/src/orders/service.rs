//! Checkout and order queries.

use super::dto::*;
use crate::audit::service as audit;
use crate::catalog::service as catalog;
use crate::ctx::{require, Ctx};
use crate::domain::catalog::Totals;
use crate::domain::money::Sek;
use crate::domain::orders::{
    check_length, check_wanted_date, merge_lines, parse_phone, route_after_submit, OrderStatus,
};
use crate::domain::org::PostalCode;
use crate::domain::roles::Role;
use crate::entities::{
    cart_line, cost_center, delivery_address, order_event, order_line, order_request, orders, person, person_role, unit,
};
use crate::error::AppError;
use crate::org::dto::DeliveryAddressDto;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::{BTreeSet, HashMap};

fn person_ref(p: &person::Model, unit: &str) -> PersonRef {
    PersonRef {
        id: p.id,
        name: format!("{} {}", p.given_name, p.family_name),
        username: p.username.clone(),
        unit: unit.to_owned(),
        phone: p.phone.clone(),
    }
}

async fn load_person<C: ConnectionTrait>(db: &C, id: i32) -> Result<(person::Model, unit::Model), AppError> {
    let p = person::Entity::find_by_id(id)
        .filter(person::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| AppError::validation("recipient_id", "Mottagaren finns inte i katalogen över medarbetare."))?;
    let u = unit::Entity::find_by_id(p.unit_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok((p, u))
}

/// People whose name, username or e-mail contains `q` (at most 10).
pub async fn search_people<C: ConnectionTrait>(ctx: &Ctx, db: &C, q: &str) -> Result<Vec<PersonRef>, AppError> {
    require(ctx, crate::domain::authz::Permission::Order)?;
    let q = q.trim().to_lowercase().replace(['%', '_'], "");
    if q.chars().count() < 2 {
        return Ok(vec![]);
    }
    use sea_orm::sea_query::{Expr, Func};
    let lower = |c: person::Column| Expr::expr(Func::lower(Expr::col((person::Entity, c))));
    let pattern = format!("%{q}%");
    let people = person::Entity::find()
        .filter(person::Column::Active.eq(true))
        .filter(
            Condition::any()
                .add(lower(person::Column::GivenName).like(pattern.clone()))
                .add(lower(person::Column::FamilyName).like(pattern.clone()))
                .add(lower(person::Column::Username).like(pattern)),
        )
        .order_by_asc(person::Column::FamilyName)
        .limit(10)
        .all(db)
        .await?;
    let units: HashMap<i32, String> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(people.iter().map(|p| p.unit_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(people
        .iter()
        .map(|p| person_ref(p, units.get(&p.unit_id).map(String::as_str).unwrap_or("")))
        .collect())
}

/// The cost centres a requester may charge when ordering for `recipient`:
/// their own unit's, those they attest, and the recipient's unit's.
pub async fn chargeable<C: ConnectionTrait>(
    db: &C,
    requester: &person::Model,
    recipient: &person::Model,
) -> Result<Vec<cost_center::Model>, AppError> {
    use sea_orm::sea_query::{Query, UnionType};
    use sea_orm::{FromQueryResult, Iterable};
    // One statement whose two halves both databases answer from an index (an
    // `OR` over the two sources, or an empty `IN` list, would leave
    // PostgreSQL a sequential scan of every cost centre).
    let columns = || cost_center::Column::iter().map(|c| (cost_center::Entity, c));
    let attested = Query::select()
        .columns(columns())
        .from(cost_center::Entity)
        .inner_join(
            person_role::Entity,
            Expr::col((person_role::Entity, person_role::Column::CostCenterId))
                .equals((cost_center::Entity, cost_center::Column::Id)),
        )
        .and_where(Expr::col((person_role::Entity, person_role::Column::PersonId)).eq(requester.id))
        .and_where(Expr::col((person_role::Entity, person_role::Column::Role)).eq(Role::Attester.as_str()))
        .and_where(Expr::col((cost_center::Entity, cost_center::Column::Active)).eq(true))
        .to_owned();
    let query = Query::select()
        .columns(columns())
        .from(cost_center::Entity)
        .and_where(
            Expr::col((cost_center::Entity, cost_center::Column::UnitId)).is_in([requester.unit_id, recipient.unit_id]),
        )
        .and_where(Expr::col((cost_center::Entity, cost_center::Column::Active)).eq(true))
        .union(UnionType::Distinct, attested)
        .to_owned();
    let mut centers = cost_center::Model::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await?;
    centers.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(centers)
}

pub async fn checkout_options<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    recipient_id: Option<i32>,
) -> Result<CheckoutOptions, AppError> {
    require(ctx, crate::domain::authz::Permission::Order)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let (req, req_unit) = load_person(db, me).await?;
    let (rec, rec_unit) = load_person(db, recipient_id.unwrap_or(me)).await?;
    let centers = chargeable(db, &req, &rec).await?;
    let default_cost_center = centers
        .iter()
        .find(|c| c.unit_id == rec.unit_id)
        .or(centers.first())
        .map(|c| c.id);
    let addresses = delivery_address::Entity::find()
        .filter(delivery_address::Column::UnitId.is_in([rec.unit_id, req.unit_id]))
        .order_by_asc(delivery_address::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| DeliveryAddressDto {
            id: a.id,
            label: a.label,
            street: a.street,
            postal_code: a.postal_code,
            city: a.city,
        })
        .collect();
    Ok(CheckoutOptions {
        requester: person_ref(&req, &req_unit.name),
        recipient: person_ref(&rec, &rec_unit.name),
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
    })
}

struct Delivery {
    label: String,
    street: String,
    postal_code: String,
    city: String,
}

/// Where the order goes: an address of one of `units` (the recipient's and
/// the requester's, as the checkout offers them), or the new one typed.
async fn delivery<C: ConnectionTrait>(db: &C, input: &OrderInput, units: [i32; 2]) -> Result<Delivery, AppError> {
    if let Some(id) = input.address_id {
        let a = delivery_address::Entity::find_by_id(id)
            .filter(delivery_address::Column::UnitId.is_in(units))
            .one(db)
            .await?
            .ok_or_else(|| {
                AppError::validation(
                    "address_id",
                    "Välj en av mottagarens eller din enhets leveransadresser, eller skriv en ny.",
                )
            })?;
        return Ok(Delivery {
            label: a.label,
            street: a.street,
            postal_code: a.postal_code,
            city: a.city,
        });
    }
    let street = input.new_street.trim();
    if street.is_empty() {
        return Err(AppError::validation(
            "new_street",
            "Fyll i gatuadress för den nya leveransadressen.",
        ));
    }
    let postal = PostalCode::parse(&input.new_postal_code).map_err(|e| AppError::validation("new_postal_code", e.0))?;
    let city = input.new_city.trim();
    if city.is_empty() {
        return Err(AppError::validation(
            "new_city",
            "Fyll i ort för den nya leveransadressen.",
        ));
    }
    let label = if input.new_label.trim().is_empty() {
        street.to_owned()
    } else {
        input.new_label.trim().to_owned()
    };
    Ok(Delivery {
        label,
        street: street.to_owned(),
        postal_code: postal.to_string(),
        city: city.to_owned(),
    })
}

/// Creates the order with frozen prices in one transaction. The
/// transaction first claims the idempotency key (`order_request`) and ends
/// by storing its answer there: a second request with the same key — a
/// double click, a retry — waits on that claim and then replays the answer,
/// without validating or reading anything else (as the IETF
/// `Idempotency-Key` draft asks: the same response as the first time). A
/// refused submission releases its claim with the rest of the transaction.
pub async fn submit<C>(
    ctx: &Ctx,
    db: &C,
    input: OrderInput,
    key: &str,
    today: NaiveDate,
    clear_cart: bool,
) -> Result<OrderDetail, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::Order)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let key = checked_key(key)?;
    // Microseconds: what both databases keep, so the answer equals a re-read.
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let txn = db.begin().await?;
    let claim = order_request::Entity::insert(order_request::ActiveModel {
        requester_id: Set(me),
        idempotency_key: Set(key.to_owned()),
        created_at: Set(now),
        order_id: Set(None),
        response: Set(None),
    })
    .exec_without_returning(&txn)
    .await;
    match claim {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {
            txn.rollback().await?;
            return replay(db, me, key).await;
        }
        Err(e) => return Err(e.into()),
    }
    match create(ctx, &txn, me, input, key, today, now, clear_cart).await {
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

/// [`submit`], except that a duplicate arriving while the first request
/// with its key is in progress on this instance waits for that request's
/// order instead of waiting on the key's claim in the database (see
/// [`super::in_flight`]). Checks the caller's role first, like `submit`.
pub async fn submit_once<C>(
    in_flight: &super::in_flight::InFlight,
    ctx: &Ctx,
    db: &C,
    input: OrderInput,
    key: &str,
    today: NaiveDate,
    clear_cart: bool,
) -> Result<OrderDetail, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    use super::in_flight::Turn;
    require(ctx, crate::domain::authz::Permission::Order)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    match in_flight.join(me, checked_key(key)?) {
        Turn::Lead(lead) => {
            let result = submit(ctx, db, input, key, today, clear_cart).await;
            lead.done(result.as_ref().ok());
            result
        }
        Turn::Follow(follow) => match follow.answer().await {
            Some(order) => Ok(order),
            None => submit(ctx, db, input, key, today, clear_cart).await,
        },
    }
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

fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// The answer an earlier request with this key gave.
async fn replay<C: ConnectionTrait>(db: &C, me: i32, key: &str) -> Result<OrderDetail, AppError> {
    let claim = order_request::Entity::find_by_id((me, key.to_owned())).one(db).await?;
    match claim.and_then(|c| c.response) {
        Some(json) => serde_json::from_str(&json).map_err(|_| AppError::Internal),
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

enum Created {
    Order(Box<OrderDetail>),
    /// The key was used by an order from before claims were recorded.
    AlreadyThere,
}

/// Validates the submission and writes the order, its lines, its first
/// event and the audit row on `txn`, which holds the key's claim.
#[allow(clippy::too_many_arguments)]
async fn create<C: ConnectionTrait>(
    ctx: &Ctx,
    txn: &C,
    me: i32,
    input: OrderInput,
    key: &str,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
    clear_cart: bool,
) -> Result<Created, AppError> {
    let db = txn;
    // Validate everything before writing anything; what needs no database first.
    for (field, text) in [
        ("contact_name", &input.contact_name),
        ("contact_phone", &input.contact_phone),
        ("reference", &input.reference),
        ("note", &input.note),
        ("new_label", &input.new_label),
        ("new_street", &input.new_street),
        ("new_city", &input.new_city),
    ] {
        check_length(field, text.trim()).map_err(|m| AppError::validation(field, m))?;
    }
    let quantities = merge_lines(input.lines.iter().map(|l| (l.item_id, l.quantity)))
        .map_err(|m| AppError::validation("lines", m))?;
    if quantities.is_empty() {
        return Err(AppError::validation("lines", "Beställningen har inga artiklar."));
    }
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in([me, input.recipient_id]))
        .filter(person::Column::Active.eq(true))
        .all(db)
        .await?;
    let req = people
        .iter()
        .find(|p| p.id == me)
        .cloned()
        .ok_or(AppError::Unauthorized)?;
    let rec = people
        .iter()
        .find(|p| p.id == input.recipient_id)
        .cloned()
        .ok_or_else(|| AppError::validation("recipient_id", "Mottagaren finns inte i katalogen över medarbetare."))?;
    let centers = chargeable(db, &req, &rec).await?;
    if !centers.iter().any(|c| c.id == input.cost_center_id) {
        return Err(AppError::validation(
            "cost_center_id",
            "Du kan inte debitera det kostnadsstället. Välj ett i listan.",
        ));
    }
    let delivery = delivery(db, &input, [rec.unit_id, req.unit_id]).await?;
    let contact_name = input.contact_name.trim();
    if contact_name.is_empty() {
        return Err(AppError::validation(
            "contact_name",
            "Fyll i en kontaktperson för leveransen.",
        ));
    }
    let contact_phone = parse_phone(&input.contact_phone).map_err(|m| AppError::validation("contact_phone", m))?;
    let wanted_date = match input.wanted_date.trim() {
        "" => None,
        s => {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| AppError::validation("wanted_date", "Skriv datumet som ÅÅÅÅ-MM-DD."))?;
            Some(check_wanted_date(d, today).map_err(|m| AppError::validation("wanted_date", m))?)
        }
    };
    let ids: Vec<i32> = quantities.iter().map(|(i, _)| *i).collect();
    let items = catalog::summaries(db, ids.clone(), today).await?;
    if let Some((missing, _)) = quantities.iter().find(|(i, _)| !items.contains_key(i)) {
        return Err(AppError::validation(
            "lines",
            format!("Artikel {missing} finns inte i katalogen."),
        ));
    }
    let problems = crate::cart::service::problems(db, &ids).await?;
    if !problems.is_empty() {
        let text: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(AppError::validation("lines", text.join(" ")));
    }

    let lines = quantities.iter().map(|(id, q)| {
        let it = &items[id];
        Totals::of_units(it.one_off, it.monthly, it.total_commitment, q.get())
    });
    let Totals {
        one_off,
        monthly,
        commitment,
    } = lines
        .collect::<Option<Vec<_>>>()
        .and_then(Totals::sum)
        .ok_or_else(crate::cart::service::overflow)?;
    let status = route_after_submit();
    let inserted = orders::ActiveModel {
        requester_id: Set(me),
        recipient_id: Set(rec.id),
        cost_center_id: Set(input.cost_center_id),
        delivery_label: Set(delivery.label),
        delivery_street: Set(delivery.street),
        delivery_postal_code: Set(delivery.postal_code),
        delivery_city: Set(delivery.city),
        contact_name: Set(contact_name.to_owned()),
        contact_phone: Set(contact_phone),
        reference: Set(input.reference.trim().to_owned()),
        wanted_date: Set(wanted_date),
        note: Set(input.note.trim().to_owned()),
        status: Set(status.as_str().to_owned()),
        one_off_ore: Set(one_off.ore()),
        monthly_ore: Set(monthly.ore()),
        commitment_ore: Set(commitment.ore()),
        idempotency_key: Set(key.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await;
    let order = match inserted {
        Ok(o) => o,
        Err(e) if is_unique_violation(&e) => return Ok(Created::AlreadyThere),
        Err(e) => return Err(e.into()),
    };
    let line_models: Vec<order_line::ActiveModel> = quantities
        .iter()
        .map(|(id, q)| {
            let it = &items[id];
            order_line::ActiveModel {
                order_id: Set(order.id),
                item_id: Set(*id),
                article_number: Set(it.article_number.clone()),
                name: Set(it.name.clone()),
                quantity: Set(q.get()),
                unit_one_off_ore: Set(it.one_off.ore()),
                unit_monthly_ore: Set(it.monthly.ore()),
                binding_months: Set(it.binding_months),
                ..Default::default()
            }
        })
        .collect();
    order_line::Entity::insert_many(line_models).exec(txn).await?;
    order_event::ActiveModel {
        order_id: Set(order.id),
        at: Set(now),
        actor_person_id: Set(Some(me)),
        actor: Set(ctx.label()),
        from_status: Set(None),
        to_status: Set(status.as_str().to_owned()),
        comment: Set("Beställningen skickades.".into()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        ctx,
        "order.submit",
        Some("order"),
        Some(&order.id.to_string()),
        serde_json::json!({
            "number": order_number(order.id), "lines": quantities.len(), "commitment_ore": commitment.ore()
        }),
    )
    .await?;
    if clear_cart {
        cart_line::Entity::delete_many()
            .filter(cart_line::Column::PersonId.eq(me))
            .exec(txn)
            .await?;
    }
    // Everything the answer shows is at hand: no need to read it back.
    let name = |p: &person::Model| format!("{} {}", p.given_name, p.family_name);
    let center = centers
        .iter()
        .find(|c| c.id == order.cost_center_id)
        .map(|c| format!("{} {}", c.code, c.name))
        .unwrap_or_default();
    Ok(Created::Order(Box::new(OrderDetail {
        summary: OrderSummary {
            id: order.id,
            number: order_number(order.id),
            status,
            requester: name(&req),
            recipient: name(&rec),
            cost_center: center,
            one_off,
            monthly,
            commitment,
            created_at: order.created_at,
        },
        delivery: format!(
            "{}, {}, {} {}",
            order.delivery_label, order.delivery_street, order.delivery_postal_code, order.delivery_city
        ),
        contact: format!("{}, {}", order.contact_name, order.contact_phone),
        reference: order.reference,
        wanted_date: order.wanted_date,
        note: order.note,
        lines: quantities
            .iter()
            .map(|(id, q)| {
                let it = &items[id];
                OrderLineDto {
                    item_id: *id,
                    article_number: it.article_number.clone(),
                    name: it.name.clone(),
                    quantity: q.get(),
                    unit_one_off: it.one_off,
                    unit_monthly: it.monthly,
                    binding_months: it.binding_months,
                }
            })
            .collect(),
        events: vec![OrderEventDto {
            at: now,
            actor: ctx.label(),
            from: None,
            to: status,
            comment: "Beställningen skickades.".into(),
        }],
    })))
}

/// May this caller see this order? The requester, the recipient, and roles
/// that follow orders.
fn may_see(ctx: &Ctx, o: &orders::Model) -> bool {
    let me = ctx.person_id();
    me == Some(o.requester_id) || me == Some(o.recipient_id) || ctx.has(Role::Coordinator) || ctx.has(Role::Admin)
}

async fn summaries<C: ConnectionTrait>(db: &C, rows: Vec<orders::Model>) -> Result<Vec<OrderSummary>, AppError> {
    let mut people: BTreeSet<i32> = BTreeSet::new();
    for o in &rows {
        people.insert(o.requester_id);
        people.insert(o.recipient_id);
    }
    let names: HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} {}", p.given_name, p.family_name)))
        .collect();
    let centers: HashMap<i32, String> = cost_center::Entity::find()
        .filter(cost_center::Column::Id.is_in(rows.iter().map(|o| o.cost_center_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, format!("{} {}", c.code, c.name)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|o| OrderSummary {
            id: o.id,
            number: order_number(o.id),
            status: OrderStatus::parse(&o.status).unwrap_or(OrderStatus::Submitted),
            requester: names.get(&o.requester_id).cloned().unwrap_or_default(),
            recipient: names.get(&o.recipient_id).cloned().unwrap_or_default(),
            cost_center: centers.get(&o.cost_center_id).cloned().unwrap_or_default(),
            one_off: Sek::from_ore(o.one_off_ore),
            monthly: Sek::from_ore(o.monthly_ore),
            commitment: Sek::from_ore(o.commitment_ore),
            created_at: o.created_at,
        })
        .collect())
}

/// The caller's orders as requester or recipient, newest first.
pub async fn mine<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<OrderSummary>, AppError> {
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
    summaries(db, rows).await
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
async fn detail_of<C: ConnectionTrait>(db: &C, o: orders::Model) -> Result<OrderDetail, AppError> {
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
    let summary = summaries(db, vec![o]).await?.pop().ok_or(AppError::Internal)?;
    Ok(OrderDetail {
        summary,
        delivery,
        contact,
        reference,
        wanted_date,
        note,
        lines,
        events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{item, item_price};
    use crate::testing::{test_db, TestDb};

    async fn person_ctx(t: &TestDb, username: &str) -> Ctx {
        crate::testing::person_ctx(&t.db, username).await
    }

    async fn article(t: &TestDb, number: &str) -> i32 {
        item::Entity::find()
            .filter(item::Column::ArticleNumber.eq(number))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn q(n: i32) -> crate::domain::orders::Quantity {
        crate::domain::orders::Quantity::new(n).unwrap()
    }

    async fn input(t: &TestDb, ctx: &Ctx) -> OrderInput {
        let opts = checkout_options(ctx, &t.db, None).await.unwrap();
        OrderInput {
            recipient_id: opts.recipient.id,
            cost_center_id: opts.default_cost_center.unwrap(),
            address_id: Some(opts.addresses[0].id),
            contact_name: opts.recipient.name.clone(),
            contact_phone: opts.recipient.phone.clone(),
            wanted_date: "2026-12-01".into(),
            lines: vec![
                LineInput {
                    item_id: article(t, "DL-5450").await,
                    quantity: q(1),
                },
                LineInput {
                    item_id: article(t, "DL-WD22TB4").await,
                    quantity: q(1),
                },
                LineInput {
                    item_id: article(t, "JB-E40").await,
                    quantity: q(2),
                },
            ],
            ..Default::default()
        }
    }

    async fn seeded() -> TestDb {
        let t = test_db().await;
        crate::demo::seed_demo(&t.db).await.unwrap();
        t
    }

    #[tokio::test]
    async fn a_submitted_order_keeps_its_prices_when_the_catalogue_changes() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        let order = submit(&anna, &t.db, input(&t, &anna).await, "k1", today(), false)
            .await
            .unwrap();
        assert_eq!(order.summary.status, OrderStatus::Submitted);
        assert_eq!(order.summary.one_off, Sek::from_kronor(2890 + 2 * 1190));

        let headset = article(&t, "JB-E40").await;
        item_price::Entity::delete_many()
            .filter(item_price::Column::ItemId.eq(headset))
            .exec(&t.db)
            .await
            .unwrap();
        item_price::ActiveModel {
            item_id: Set(headset),
            valid_from: Set(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
            valid_to: Set(None),
            one_off_ore: Set(999_900),
            monthly_ore: Set(0),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();

        let again = detail(&anna, &t.db, order.summary.id).await.unwrap();
        let line = again.lines.iter().find(|l| l.article_number == "JB-E40").unwrap();
        assert_eq!(line.unit_one_off, Sek::from_kronor(1190));
        assert_eq!(again.summary.one_off, order.summary.one_off);
        assert_eq!(again.events.len(), 1);
        assert_eq!(again.events[0].to, OrderStatus::Submitted);
    }

    #[tokio::test]
    async fn the_same_idempotency_key_creates_one_order() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        let a = submit(&anna, &t.db, input(&t, &anna).await, "same", today(), false)
            .await
            .unwrap();
        let b = submit(&anna, &t.db, input(&t, &anna).await, "same", today(), false)
            .await
            .unwrap();
        assert_eq!(a.summary.id, b.summary.id);
        assert_eq!(a, b, "the retry replays the first answer");
        let reread = detail(&anna, &t.db, a.summary.id).await.unwrap();
        assert_eq!(a, reread, "the answer built in memory equals the order read back");
        let claim = order_request::Entity::find_by_id((anna.person_id().unwrap(), "same".to_owned()))
            .one(&t.db)
            .await
            .unwrap()
            .expect("the claim is kept");
        assert_eq!(claim.order_id, Some(a.summary.id));
        assert_eq!(mine(&anna, &t.db).await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn the_same_key_sent_twice_at_once_creates_one_order() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        let (i, j) = (input(&t, &anna).await, input(&t, &anna).await);
        let (a, b) = tokio::join!(
            submit(&anna, &t.db, i, "twice", today(), false),
            submit(&anna, &t.db, j, "twice", today(), false)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.summary.id, b.summary.id);
        assert_eq!(a.lines, b.lines);
        assert_eq!(mine(&anna, &t.db).await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_refused_submission_does_not_use_up_its_key() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        let mut bad = input(&t, &anna).await;
        bad.contact_phone = "ring".into();
        let err = submit(&anna, &t.db, bad, "fix-and-retry", today(), false)
            .await
            .unwrap_err();
        assert_eq!(err.field(), Some("contact_phone"));
        let claims = order_request::Entity::find().all(&t.db).await.unwrap();
        assert!(claims.is_empty(), "the claim went with the refused transaction");
        let fixed = submit(&anna, &t.db, input(&t, &anna).await, "fix-and-retry", today(), false)
            .await
            .unwrap();
        assert_eq!(mine(&anna, &t.db).await.unwrap().len(), 1);
        assert_eq!(fixed.summary.status, OrderStatus::Submitted);
    }

    #[tokio::test]
    async fn chargeable_centres_are_both_units_and_the_attested_once_each_in_code_order() {
        let t = seeded().await;
        let anna = person::Entity::find()
            .filter(person::Column::Username.eq("anna.lindqvist"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        for seed in crate::demo::org::PEOPLE {
            let p = person::Entity::find()
                .filter(person::Column::Username.eq(seed.0))
                .one(&t.db)
                .await
                .unwrap()
                .unwrap();
            let mut expected: BTreeSet<String> = cost_center::Entity::find()
                .filter(cost_center::Column::Active.eq(true))
                .filter(cost_center::Column::UnitId.is_in([p.unit_id, anna.unit_id]))
                .all(&t.db)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.code)
                .collect();
            expected.extend(
                seed.5
                    .iter()
                    .filter_map(|(role, code)| (*role == Role::Attester).then(|| code.map(str::to_owned)).flatten()),
            );
            let got: Vec<String> = chargeable(&t.db, &p, &anna)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.code)
                .collect();
            assert_eq!(got, expected.into_iter().collect::<Vec<_>>(), "{}", seed.0);
        }
    }

    #[tokio::test]
    async fn a_requester_cannot_charge_a_cost_centre_they_may_not_use() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        let tandvard = cost_center::Entity::find()
            .filter(cost_center::Column::Code.eq("72110"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let mut i = input(&t, &anna).await;
        i.cost_center_id = tandvard.id;
        let err = submit(&anna, &t.db, i, "k2", today(), false).await.unwrap_err();
        assert_eq!(err.field(), Some("cost_center_id"));
        assert!(mine(&anna, &t.db).await.unwrap().is_empty(), "nothing was written");
    }

    #[tokio::test]
    async fn another_persons_order_is_not_found() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        let order = submit(&anna, &t.db, input(&t, &anna).await, "k3", today(), false)
            .await
            .unwrap();
        let oskar = person_ctx(&t, "oskar.lund").await;
        assert!(matches!(
            detail(&oskar, &t.db, order.summary.id).await,
            Err(AppError::NotFound { .. })
        ));
        let coordinator = person_ctx(&t, "maria.nilsson").await;
        assert!(detail(&coordinator, &t.db, order.summary.id).await.is_ok());
    }

    #[tokio::test]
    async fn the_delivery_address_is_one_of_the_recipients_or_the_requesters_units() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        let oskar = person::Entity::find()
            .filter(person::Column::Username.eq("oskar.lund"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let me = person::Entity::find_by_id(anna.person_id().unwrap())
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let address_of = |unit: i32| {
            let db = t.db.clone();
            async move {
                delivery_address::Entity::find()
                    .filter(delivery_address::Column::UnitId.eq(unit))
                    .one(&db)
                    .await
                    .unwrap()
            }
        };
        let other = delivery_address::Entity::find()
            .filter(delivery_address::Column::UnitId.is_not_in([me.unit_id, oskar.unit_id]))
            .one(&t.db)
            .await
            .unwrap()
            .expect("a third unit's address");
        let mut i = input(&t, &anna).await;
        i.address_id = Some(other.id);
        let err = submit(&anna, &t.db, i, "other", today(), false).await.unwrap_err();
        assert_eq!(err.field(), Some("address_id"), "{err:?}");
        assert!(mine(&anna, &t.db).await.unwrap().is_empty());

        // Ordering for Oskar: his unit's address and Anna's own both do.
        let mut keys = 0;
        for unit in [oskar.unit_id, me.unit_id] {
            let Some(a) = address_of(unit).await else { continue };
            let mut i = input(&t, &anna).await;
            i.recipient_id = oskar.id;
            i.address_id = Some(a.id);
            keys += 1;
            let order = submit(&anna, &t.db, i, &format!("for-oskar-{keys}"), today(), false)
                .await
                .unwrap();
            assert!(order.delivery.contains(&a.street), "{}", order.delivery);
        }
        assert!(keys > 0);
    }

    #[tokio::test]
    async fn one_item_on_several_lines_is_one_line_and_the_cap_applies_to_the_sum() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        let headset = article(&t, "JB-E40").await;
        let mut i = input(&t, &anna).await;
        i.lines = vec![
            LineInput {
                item_id: headset,
                quantity: q(600),
            };
            2
        ];
        let err = submit(&anna, &t.db, i.clone(), "twice", today(), false)
            .await
            .unwrap_err();
        assert_eq!(err.field(), Some("lines"));
        assert!(err.to_string().contains("999"), "{err}");
        i.lines[0].quantity = q(2);
        i.lines[1].quantity = q(3);
        let order = submit(&anna, &t.db, i, "merged", today(), false).await.unwrap();
        assert_eq!(order.lines.len(), 1);
        assert_eq!(order.lines[0].quantity, 5);
        assert_eq!(order.summary.one_off, Sek::from_kronor(5 * 1190));
    }

    #[tokio::test]
    async fn an_overlong_free_text_names_its_field_and_writes_nothing() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        for (field, _, cap) in crate::domain::orders::TEXT_CAPS {
            let mut i = input(&t, &anna).await;
            let long = "x".repeat(cap + 1);
            match field {
                "contact_name" => i.contact_name = long,
                "contact_phone" => i.contact_phone = long,
                "reference" => i.reference = long,
                "note" => i.note = long,
                "new_label" => i.new_label = long,
                "new_street" => i.new_street = long,
                "new_city" => i.new_city = long,
                other => panic!("no case for {other}"),
            }
            let err = submit(&anna, &t.db, i, field, today(), false).await.unwrap_err();
            assert_eq!(err.field(), Some(field), "{err:?}");
        }
        // Surrounding spaces do not count.
        let mut i = input(&t, &anna).await;
        i.contact_name = format!("  {}  ", "x".repeat(100));
        let order = submit(&anna, &t.db, i, "trimmed", today(), false).await.unwrap();
        assert!(order.contact.starts_with(&"x".repeat(100)));
    }

    #[tokio::test]
    async fn bad_input_names_the_field_and_writes_nothing() {
        let t = seeded().await;
        let anna = person_ctx(&t, "anna.lindqvist").await;
        type Change = Box<dyn Fn(&mut OrderInput)>;
        let cases: Vec<(&str, Change)> = vec![
            ("wanted_date", Box::new(|i| i.wanted_date = "2026-11-28".into())),
            ("contact_phone", Box::new(|i| i.contact_phone = "ring".into())),
            (
                "new_postal_code",
                Box::new(|i| {
                    i.address_id = None;
                    i.new_street = "Storgatan 1".into();
                    i.new_postal_code = "1234".into();
                    i.new_city = "Norrvik".into();
                }),
            ),
            ("lines", Box::new(|i| i.lines.retain(|l| l.quantity.get() == 2))),
        ];
        for (field, change) in cases {
            let mut i = input(&t, &anna).await;
            change(&mut i);
            if field == "lines" {
                i.lines.push(LineInput {
                    item_id: i.lines[0].item_id,
                    quantity: q(1),
                });
                i.lines.clear();
            }
            let err = submit(&anna, &t.db, i, field, today(), false).await.unwrap_err();
            assert_eq!(err.field(), Some(field), "{err:?}");
        }
        // A laptop without its dock breaks a rule.
        let mut i = input(&t, &anna).await;
        i.lines.remove(1);
        let err = submit(&anna, &t.db, i, "rule", today(), false).await.unwrap_err();
        assert!(err.to_string().contains("kräver Dell WD22TB4"), "{err}");
        assert!(mine(&anna, &t.db).await.unwrap().is_empty());
    }
}
