//! The order built from its lines: everything checked before anything is
//! written, then the order with frozen prices, its lines, its first event
//! and its audit row, on the transaction that holds the key's claim.

use super::submission::Claim;
use crate::audit::service as audit;
use crate::catalog::service as catalog;
use crate::ctx::Ctx;
use crate::db::is_unique_violation;
use crate::domain::catalog::Totals;
use crate::domain::orders::{check_length, check_wanted_date, merge_lines, parse_phone, OrderStatus};
use crate::domain::org::PostalCode;
use crate::entities::{order_event, order_line, orders};
use crate::error::{AppError, Problems};
use crate::orders::dto::{order_number, OrderDetail, OrderEventDto, OrderInput, OrderLineDto, OrderSummary};
use crate::org::directory;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

pub(super) enum Created {
    Order(Box<OrderDetail>),
    /// The key was used by an order from before claims were recorded.
    AlreadyThere,
}

struct Delivery {
    label: String,
    street: String,
    postal_code: String,
    city: String,
    to_stock: bool,
}

/// Where the order goes: an address of one of `units` (the recipient's and
/// the requester's, as the checkout offers them), or the new one typed.
/// What is wrong is kept in `problems` (`None` then).
async fn delivery<C: ConnectionTrait>(
    db: &C,
    input: &OrderInput,
    units: [i32; 2],
    problems: &mut Problems,
) -> Result<Option<Delivery>, AppError> {
    if let Some(id) = input.address_id {
        let Some(a) = directory::address_of(db, id, &units).await? else {
            problems.add(
                "address_id",
                "Välj en av mottagarens eller din enhets leveransadresser, eller skriv en ny.",
            );
            return Ok(None);
        };
        return Ok(Some(Delivery {
            label: a.label,
            street: a.street,
            postal_code: a.postal_code,
            city: a.city,
            to_stock: a.is_stock,
        }));
    }
    let street = input.new_street.trim();
    if street.is_empty() {
        problems.add("new_street", "Fyll i gatuadress för den nya leveransadressen.");
    }
    let postal = PostalCode::parse(&input.new_postal_code)
        .map_err(|e| problems.add("new_postal_code", e.0))
        .ok();
    let city = input.new_city.trim();
    if city.is_empty() {
        problems.add("new_city", "Fyll i ort för den nya leveransadressen.");
    }
    let Some(postal) = postal.filter(|_| !street.is_empty() && !city.is_empty()) else {
        return Ok(None);
    };
    let label = if input.new_label.trim().is_empty() {
        street.to_owned()
    } else {
        input.new_label.trim().to_owned()
    };
    Ok(Some(Delivery {
        label,
        street: street.to_owned(),
        postal_code: postal.to_string(),
        city: city.to_owned(),
        to_stock: false,
    }))
}

/// Validates the submission and writes the order, its lines, its first
/// event and the audit row on `txn`, which holds `claim`.
pub(super) async fn create<C: ConnectionTrait>(
    ctx: &Ctx,
    txn: &C,
    claim: &Claim<'_>,
    input: OrderInput,
    today: NaiveDate,
) -> Result<Created, AppError> {
    let (db, me, now) = (txn, claim.me, claim.now);
    // Check everything before writing anything, and answer every wrong
    // field at once; what needs no database first.
    let mut problems = Problems::default();
    for (field, text) in [
        ("contact_name", &input.contact_name),
        ("contact_phone", &input.contact_phone),
        ("reference", &input.reference),
        ("note", &input.note),
        ("new_label", &input.new_label),
        ("new_street", &input.new_street),
        ("new_city", &input.new_city),
    ] {
        if let Err(m) = check_length(field, text.trim()) {
            problems.add(field, m);
        }
    }
    let quantities = merge_lines(input.lines.iter().map(|l| (l.item_id, l.quantity)))
        .map_err(|m| AppError::validation("lines", m))?;
    if quantities.is_empty() {
        return Err(AppError::validation("lines", "Beställningen har inga artiklar."));
    }
    let people = directory::active_people(db, [me, input.recipient_id]).await?;
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
    let replaces = match input.replaces_asset_id {
        Some(id) => match problems.take(crate::assets::service::replaceable(ctx, db, id).await)? {
            Some(a) if a.user_id != Some(rec.id) => {
                problems.add(
                    "replaces_asset_id",
                    format!(
                        "{} används av {}. Välj den personen som mottagare för att ersätta den.",
                        a.tag,
                        a.user.clone().unwrap_or_else(|| "ingen".into())
                    ),
                );
                None
            }
            a => a,
        },
        None => None,
    };
    let centers = directory::chargeable(db, &req, &rec).await?;
    if !centers.iter().any(|c| c.id == input.cost_center_id) {
        problems.add(
            "cost_center_id",
            "Du kan inte debitera det kostnadsstället. Välj ett i listan.",
        );
    }
    let delivery = delivery(db, &input, [rec.unit_id, req.unit_id], &mut problems).await?;
    let contact_name = input.contact_name.trim();
    if contact_name.is_empty() {
        problems.add("contact_name", "Fyll i en kontaktperson för leveransen.");
    }
    let contact_phone = parse_phone(&input.contact_phone)
        .map_err(|m| problems.add("contact_phone", m))
        .ok();
    let wanted_date = match input.wanted_date.trim() {
        "" => None,
        s => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Err(_) => {
                problems.add("wanted_date", "Skriv datumet som ÅÅÅÅ-MM-DD.");
                None
            }
            Ok(d) => check_wanted_date(d, today)
                .map_err(|m| problems.add("wanted_date", m))
                .ok(),
        },
    };
    let ids: Vec<i32> = quantities.iter().map(|(i, _)| *i).collect();
    let items = catalog::summaries(db, ids.clone(), today).await?;
    if let Some((missing, _)) = quantities.iter().find(|(i, _)| !items.contains_key(i)) {
        return Err(AppError::validation(
            "lines",
            format!("Artikel {missing} finns inte i katalogen."),
        ));
    }
    let rules = crate::cart::service::problems(db, &ids).await?.problems;
    if !rules.is_empty() {
        let text: Vec<String> = rules.into_iter().map(|p| p.message).collect();
        problems.add("lines", text.join(" "));
    }
    problems.finish()?;
    let (Some(delivery), Some(contact_phone)) = (delivery, contact_phone) else {
        return Err(AppError::internal("a checked order lacks its delivery or phone"));
    };

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
    let submitted = OrderStatus::Submitted;
    let inserted = orders::ActiveModel {
        requester_id: Set(me),
        recipient_id: Set(rec.id),
        cost_center_id: Set(input.cost_center_id),
        delivery_label: Set(delivery.label),
        delivery_street: Set(delivery.street),
        delivery_postal_code: Set(delivery.postal_code),
        delivery_city: Set(delivery.city),
        to_stock: Set(delivery.to_stock),
        contact_name: Set(contact_name.to_owned()),
        contact_phone: Set(contact_phone),
        reference: Set(input.reference.trim().to_owned()),
        wanted_date: Set(wanted_date),
        note: Set(input.note.trim().to_owned()),
        status: Set(submitted.as_str().to_owned()),
        one_off_ore: Set(one_off.ore()),
        monthly_ore: Set(monthly.ore()),
        commitment_ore: Set(commitment.ore()),
        idempotency_key: Set(claim.key.to_owned()),
        created_at: Set(now),
        status_since: Set(Some(now)),
        replaces_asset_id: Set(replaces.as_ref().map(|a| a.id)),
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
                kind: Set(it.kind.as_str().to_owned()),
                notice_months: Set(it.notice_months),
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
        to_status: Set(submitted.as_str().to_owned()),
        comment: Set("Beställningen skickades.".into()),
        // Submitting is where every order starts: not a touch of its own.
        actor_kind: Set(ctx.actor_kind().to_owned()),
        human_touch: Set(false),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    // Attestation decides where it goes next, in this transaction.
    let mut kinds: Vec<String> = quantities
        .iter()
        .map(|(id, _)| items[id].kind.as_str().to_owned())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let routed = crate::attest::service::route_submitted(
        txn,
        ctx,
        &crate::attest::service::Submitted {
            order_id: order.id,
            requester_id: me,
            recipient_id: rec.id,
            cost_center_id: order.cost_center_id,
            amount: commitment,
            item_kinds: kinds,
        },
        now,
    )
    .await?;
    let status = super::lifecycle::apply(txn, ctx, order.id, submitted, routed.event, &routed.comment, now).await?;
    if status == OrderStatus::Attested {
        // Auto-approved: its suppliers' parts are ready for them at once.
        crate::fulfilment::service::release(txn, order.id, now).await?;
    }
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
    // The attestation as routing wrote it (names and all); everything else
    // the answer shows is at hand: no need to read it back.
    let attestation = super::queries::attestation_of(txn, order.id).await?;
    let parts = if status == OrderStatus::Attested {
        crate::fulfilment::service::parts_of(txn, order.id).await?
    } else {
        vec![]
    };
    let center = centers
        .iter()
        .find(|c| c.id == order.cost_center_id)
        .map(|c| c.label())
        .unwrap_or_default();
    Ok(Created::Order(Box::new(OrderDetail {
        summary: OrderSummary {
            id: order.id,
            number: order_number(order.id),
            status,
            requester_id: me,
            requester: req.name,
            recipient_id: rec.id,
            recipient: rec.name,
            cost_center_id: order.cost_center_id,
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
        events: vec![
            OrderEventDto {
                at: now,
                actor: ctx.label(),
                from: None,
                to: submitted,
                comment: "Beställningen skickades.".into(),
            },
            OrderEventDto {
                at: now,
                actor: ctx.label(),
                from: Some(submitted),
                to: status,
                comment: routed.comment,
            },
        ],
        attestation,
        parts,
        replaces,
    })))
}
