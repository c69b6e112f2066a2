//! Subscriptions: created from delivered lines, moved with their asset,
//! terminated by their user or a keeper of the register (or with their
//! retired asset), listed and shown with their history.

use super::dto::{SubscriptionChangeDto, SubscriptionDetail, SubscriptionFilter, SubscriptionPage, SubscriptionRow};
use crate::ctx::{require, require_signed_in, Ctx};
use crate::domain::authz::Permission;
use crate::domain::money::Sek;
use crate::domain::subscriptions::{self as rules, Period, SubscriptionStatus};
use crate::entities::{subscription, subscription_change, subscription_cost_center};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use std::collections::HashMap;

/// Rows on one page of the list.
pub const PAGE: u64 = 50;

const REASON_MAX: usize = 1000;

use crate::assets::service::day;

fn manager(ctx: &Ctx) -> bool {
    require(ctx, Permission::ManageAssets).is_ok()
}

fn change_row(
    ctx: &Ctx,
    subscription_id: i32,
    at: DateTime<Utc>,
    field: &str,
    old_value: Option<String>,
    new_value: Option<String>,
    reason: &str,
) -> subscription_change::ActiveModel {
    subscription_change::ActiveModel {
        subscription_id: Set(subscription_id),
        at: Set(at),
        actor_person_id: Set(ctx.person_id()),
        actor: Set(ctx.label()),
        field: Set(field.to_owned()),
        old_value: Set(old_value),
        new_value: Set(new_value.map(|v| v.chars().take(500).collect())),
        reason: Set(reason.chars().take(REASON_MAX).collect()),
        ..Default::default()
    }
}

/// Creates a subscription for each unit of each line of a delivered part
/// that has a monthly price: price, binding and notice as ordered, the
/// service's cost centre and accounts from its catalogue item, charged to
/// the order's cost centre from the delivery day. A hardware unit's
/// subscription belongs to its asset; a service's or licence's to the
/// order's computer when the order delivered exactly one piece of
/// hardware. In the delivery's transaction; a unit that has one already
/// is left as it is, so a repeated delivery creates nothing. Returns how
/// many were new.
pub async fn register_delivered<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    d: &crate::assets::service::Delivered,
) -> Result<u64, AppError> {
    let lines: Vec<_> = d
        .ordered
        .iter()
        .filter(|l| l.unit_monthly.ore() > 0 && l.quantity > 0)
        .collect();
    if lines.is_empty() {
        return Ok(0);
    }
    let existing: Vec<(Option<i32>, i32)> = subscription::Entity::find()
        .select_only()
        .column(subscription::Column::OrderLineId)
        .column(subscription::Column::Unit)
        .filter(subscription::Column::OrderLineId.is_in(lines.iter().map(|l| l.id)))
        .into_tuple()
        .all(db)
        .await?;
    let assets = crate::assets::service::tags_of_order(db, d.order_id).await?;
    let by_tag: HashMap<&str, i32> = assets.iter().map(|(id, tag)| (tag.as_str(), *id)).collect();
    let sole_asset = match assets.as_slice() {
        [(id, _)] => Some(*id),
        _ => None,
    };
    let facts = crate::catalog::service::charge_facts(db, lines.iter().map(|l| l.item_id)).await?;
    let now = Utc::now();
    let from_month = Period::of(d.on).first();
    let mut created = 0;
    for line in &lines {
        let hardware = line.kind == crate::domain::catalog::ItemKind::Hardware.as_str();
        let f = facts.get(&line.item_id).cloned().unwrap_or_default();
        for n in 1..=line.quantity {
            if existing.contains(&(Some(line.id), n)) {
                continue;
            }
            let asset_id = if hardware {
                by_tag.get(crate::domain::assets::tag_for(line.id, n).as_str()).copied()
            } else {
                sole_asset
            };
            let inserted = subscription::Entity::insert(subscription::ActiveModel {
                item_id: Set(line.item_id),
                service: Set(line.name.chars().take(200).collect()),
                monthly_ore: Set(line.unit_monthly.ore()),
                order_id: Set(Some(d.order_id)),
                order_line_id: Set(Some(line.id)),
                unit: Set(n),
                asset_id: Set(asset_id),
                user_id: Set((!d.to_stock).then_some(d.user_id)),
                cost_center_id: Set(d.cost_center_id),
                service_cost_center_id: Set(f.service_cost_center_id),
                revenue_account: Set(f.revenue_account.clone()),
                expense_account: Set(f.expense_account.clone()),
                start_on: Set(d.on),
                binding_end: Set(rules::binding_end(d.on, line.binding_months)),
                notice_months: Set(line.notice_months),
                end_on: Set(None),
                terminated_at: Set(None),
                terminated_by: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec(db)
            .await?;
            let id = inserted.last_insert_id;
            subscription_cost_center::Entity::insert(subscription_cost_center::ActiveModel {
                subscription_id: Set(id),
                from_month: Set(from_month),
                cost_center_id: Set(d.cost_center_id),
                ..Default::default()
            })
            .exec(db)
            .await?;
            subscription_change::Entity::insert(change_row(
                ctx,
                id,
                now,
                "created",
                None,
                Some(format!("{} {} i månaden", line.name, line.unit_monthly)),
                &format!(
                    "Levererad på beställning {}",
                    crate::orders::dto::order_number(d.order_id)
                ),
            ))
            .exec(db)
            .await?;
            created += 1;
        }
    }
    Ok(created)
}

/// Asset `asset_id` was moved (in the transfer's transaction): its
/// subscriptions that are still running follow it, to `user` and to the
/// customer cost centre `cost_center` (id, label), the cost centre charged
/// from the month after `today`. Each change on their history.
pub async fn follow_asset<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    asset_id: i32,
    user: Option<(i32, String)>,
    cost_center: Option<(i32, String)>,
    today: NaiveDate,
    reason: &str,
) -> Result<(), AppError> {
    if user.is_none() && cost_center.is_none() {
        return Ok(());
    }
    let subs = subscription::Entity::find()
        .filter(subscription::Column::AssetId.eq(asset_id))
        .filter(
            Condition::any()
                .add(subscription::Column::EndOn.is_null())
                .add(subscription::Column::EndOn.gte(today)),
        )
        .all(db)
        .await?;
    if subs.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let next = Period::of(today).next();
    let ids: Vec<i32> = subs.iter().map(|s| s.id).collect();
    let mut update = subscription::Entity::update_many()
        .col_expr(
            subscription::Column::Version,
            Expr::col(subscription::Column::Version).add(1),
        )
        .col_expr(subscription::Column::UpdatedAt, Expr::value(now))
        .filter(subscription::Column::Id.is_in(ids.clone()));
    let mut history = Vec::new();
    let people = crate::org::directory::people(db, subs.iter().filter_map(|s| s.user_id)).await?;
    let centers = crate::org::directory::cost_center_labels(db, subs.iter().map(|s| s.cost_center_id)).await?;
    if let Some((uid, name)) = &user {
        update = update.col_expr(subscription::Column::UserId, Expr::value(*uid));
        for s in subs.iter().filter(|s| s.user_id != Some(*uid)) {
            let before = s.user_id.and_then(|u| people.get(&u)).map(|p| p.name.clone());
            history.push(change_row(ctx, s.id, now, "user", before, Some(name.clone()), reason));
        }
    }
    if let Some((cid, label)) = &cost_center {
        update = update.col_expr(subscription::Column::CostCenterId, Expr::value(*cid));
        let moved: Vec<_> = subs.iter().filter(|s| s.cost_center_id != *cid).collect();
        if !moved.is_empty() {
            subscription_cost_center::Entity::insert_many(moved.iter().map(|s| {
                subscription_cost_center::ActiveModel {
                    subscription_id: Set(s.id),
                    from_month: Set(next.first()),
                    cost_center_id: Set(*cid),
                    ..Default::default()
                }
            }))
            .on_conflict(
                OnConflict::columns([
                    subscription_cost_center::Column::SubscriptionId,
                    subscription_cost_center::Column::FromMonth,
                ])
                .update_column(subscription_cost_center::Column::CostCenterId)
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        }
        for s in moved {
            history.push(change_row(
                ctx,
                s.id,
                now,
                "cost_center",
                centers.get(&s.cost_center_id).cloned(),
                Some(format!("{label} (debiteras från {next})")),
                reason,
            ));
        }
    }
    update.exec(db).await?;
    if !history.is_empty() {
        subscription_change::Entity::insert_many(history).exec(db).await?;
    }
    Ok(())
}

/// Asset `asset_id` was retired (in that transaction): each of its
/// subscriptions not yet terminated ends on the earliest day its notice
/// and binding allow, on its history.
pub async fn terminate_for_asset<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    asset_id: i32,
    today: NaiveDate,
    reason: &str,
) -> Result<u64, AppError> {
    let subs = subscription::Entity::find()
        .filter(subscription::Column::AssetId.eq(asset_id))
        .filter(subscription::Column::EndOn.is_null())
        .all(db)
        .await?;
    let now = Utc::now();
    let mut history = Vec::new();
    for s in &subs {
        let end = rules::earliest_end(today, s.notice_months, s.binding_end);
        subscription::Entity::update_many()
            .col_expr(subscription::Column::EndOn, Expr::value(end))
            .col_expr(subscription::Column::TerminatedAt, Expr::value(now))
            .col_expr(subscription::Column::TerminatedBy, Expr::value(ctx.person_id()))
            .col_expr(
                subscription::Column::Version,
                Expr::col(subscription::Column::Version).add(1),
            )
            .col_expr(subscription::Column::UpdatedAt, Expr::value(now))
            .filter(subscription::Column::Id.eq(s.id))
            .exec(db)
            .await?;
        history.push(change_row(
            ctx,
            s.id,
            now,
            "end_on",
            None,
            Some(crate::domain::format::date(end)),
            &format!("Tillgången avvecklades: {reason}"),
        ));
    }
    if !history.is_empty() {
        subscription_change::Entity::insert_many(history).exec(db).await?;
    }
    Ok(subs.len() as u64)
}

async fn visible<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<subscription::Model, AppError> {
    require_signed_in(ctx)?;
    let not_found = || AppError::not_found("Prenumerationen finns inte.");
    let s = subscription::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    if manager(ctx) || (s.user_id.is_some() && s.user_id == ctx.person_id()) {
        Ok(s)
    } else {
        Err(not_found())
    }
}

async fn rows_of<C: ConnectionTrait>(
    db: &C,
    found: Vec<subscription::Model>,
    today: NaiveDate,
) -> Result<Vec<SubscriptionRow>, AppError> {
    let people = crate::org::directory::people(db, found.iter().filter_map(|s| s.user_id)).await?;
    let centers = crate::org::directory::cost_center_labels(db, found.iter().map(|s| s.cost_center_id)).await?;
    let tags = crate::assets::service::tags(db, found.iter().filter_map(|s| s.asset_id)).await?;
    Ok(found
        .into_iter()
        .map(|s| SubscriptionRow {
            id: s.id,
            monthly: Sek::from_ore(s.monthly_ore),
            status: SubscriptionStatus::of(s.end_on, today),
            start_on: s.start_on,
            end_on: s.end_on,
            binding_end: s.binding_end,
            user: s.user_id.and_then(|u| people.get(&u)).map(|p| p.name.clone()),
            cost_center: centers.get(&s.cost_center_id).cloned().unwrap_or_default(),
            asset: s.asset_id.and_then(|a| tags.get(&a).map(|t| (a, t.clone()))),
            service: s.service,
        })
        .collect())
}

/// The subscriptions under `f` the caller may see (all for the register's
/// keepers, one's own for anyone else), newest first, a page at a time.
pub async fn page<C: ConnectionTrait>(ctx: &Ctx, db: &C, f: SubscriptionFilter) -> Result<SubscriptionPage, AppError> {
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let manager = manager(ctx);
    let today = day(Utc::now());
    let mut q = subscription::Entity::find();
    if !manager {
        q = q.filter(subscription::Column::UserId.eq(me));
    }
    let text = crate::domain::search::term(&f.q)
        .map_err(|m| AppError::validation("q", m))?
        .unwrap_or_default();
    if !text.is_empty() {
        let mut any = Condition::any().add(subscription::Column::Service.contains(text));
        if manager {
            let people = crate::org::directory::search_people(ctx, db, text).await?;
            if !people.is_empty() {
                any = any.add(subscription::Column::UserId.is_in(people.iter().map(|p| p.id)));
            }
        }
        q = q.filter(any);
    }
    match f.status.as_str() {
        "" => {}
        s => match SubscriptionStatus::parse(s) {
            Some(SubscriptionStatus::Active) => q = q.filter(subscription::Column::EndOn.is_null()),
            Some(SubscriptionStatus::Terminated) => q = q.filter(subscription::Column::EndOn.gte(today)),
            Some(SubscriptionStatus::Ended) => q = q.filter(subscription::Column::EndOn.lt(today)),
            None => return Err(AppError::validation("status", "Välj en status i listan.")),
        },
    }
    if !f.cost_center.is_empty() {
        let found = crate::org::directory::cost_centers_by_code(db, std::slice::from_ref(&f.cost_center)).await?;
        let (center, _) = found.get(&f.cost_center).ok_or_else(|| {
            AppError::validation(
                "kostnadsstalle",
                format!("Det finns inget kostnadsställe med koden {}.", f.cost_center),
            )
        })?;
        q = q.filter(subscription::Column::CostCenterId.eq(center.id));
    }
    if !f.cursor.is_empty() {
        let after = f
            .cursor
            .parse::<i32>()
            .map_err(|_| AppError::validation("efter", "Sidan finns inte: börja om från första sidan."))?;
        q = q.filter(subscription::Column::Id.lt(after));
    }
    let mut found = q
        .order_by_desc(subscription::Column::Id)
        .limit(PAGE + 1)
        .all(db)
        .await?;
    let more = found.len() as u64 > PAGE;
    found.truncate(PAGE as usize);
    let next_cursor = more.then(|| found.last().map(|s| s.id.to_string())).flatten();
    let rows = rows_of(db, found, today).await?;
    let monthly_total = rows
        .iter()
        .filter(|r| r.status != SubscriptionStatus::Ended)
        .fold(Sek::ZERO, |sum, r| sum.checked_add(r.monthly).unwrap_or(sum));
    Ok(SubscriptionPage {
        filter: f,
        rows,
        next_cursor,
        manager,
        monthly_total,
    })
}

/// The subscriptions of asset `asset_id` (the caller may see the asset).
pub async fn of_asset<C: ConnectionTrait>(db: &C, asset_id: i32) -> Result<Vec<SubscriptionRow>, AppError> {
    let found = subscription::Entity::find()
        .filter(subscription::Column::AssetId.eq(asset_id))
        .order_by_asc(subscription::Column::Id)
        .all(db)
        .await?;
    rows_of(db, found, day(Utc::now())).await
}

fn field_label(field: &str) -> String {
    match field {
        "created" => "Skapad",
        "user" => "Användare",
        "cost_center" => "Kostnadsställe",
        "end_on" => "Slutdatum",
        other => other,
    }
    .to_owned()
}

/// Subscription `id` with its history, newest first.
pub async fn detail<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<SubscriptionDetail, AppError> {
    let s = visible(ctx, db, id).await?;
    let today = day(Utc::now());
    let changes = subscription_change::Entity::find()
        .filter(subscription_change::Column::SubscriptionId.eq(s.id))
        .order_by_desc(subscription_change::Column::Id)
        .all(db)
        .await?;
    let people = crate::org::directory::people(db, changes.iter().filter_map(|c| c.actor_person_id)).await?;
    let later: Option<(NaiveDate, i32)> = subscription_cost_center::Entity::find()
        .select_only()
        .column(subscription_cost_center::Column::FromMonth)
        .column(subscription_cost_center::Column::CostCenterId)
        .filter(subscription_cost_center::Column::SubscriptionId.eq(s.id))
        .filter(subscription_cost_center::Column::FromMonth.gt(today))
        .order_by_desc(subscription_cost_center::Column::FromMonth)
        .into_tuple()
        .one(db)
        .await?;
    let labels =
        crate::org::directory::cost_center_labels(db, later.iter().map(|(_, c)| *c).chain(s.service_cost_center_id))
            .await?;
    let article_number = crate::catalog::service::article_numbers(db, [s.item_id])
        .await?
        .remove(&s.item_id)
        .unwrap_or_default();
    let may_terminate = s.end_on.is_none() && (manager(ctx) || s.user_id == ctx.person_id());
    let history = changes
        .into_iter()
        .map(|c| SubscriptionChangeDto {
            at: c.at,
            actor: c
                .actor_person_id
                .and_then(|p| people.get(&p))
                .map(|p| p.name.clone())
                .unwrap_or(c.actor),
            field: field_label(&c.field),
            old_value: c.old_value,
            new_value: c.new_value,
            reason: c.reason,
        })
        .collect();
    let earliest_end = s
        .end_on
        .is_none()
        .then(|| rules::earliest_end(today, s.notice_months, s.binding_end));
    let (version, notice_months, order_id) = (s.version, s.notice_months, s.order_id);
    let (revenue_account, expense_account) = (s.revenue_account.clone(), s.expense_account.clone());
    let service_cost_center = s.service_cost_center_id.and_then(|c| labels.get(&c).cloned());
    let row = rows_of(db, vec![s], today)
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("subscription row vanished"))?;
    Ok(SubscriptionDetail {
        row,
        article_number,
        service_cost_center,
        revenue_account,
        expense_account,
        notice_months,
        order_id,
        order_number: order_id.map(crate::orders::dto::order_number),
        next_cost_center: later.map(|(from, c)| {
            (
                Period::of(from).to_string(),
                labels.get(&c).cloned().unwrap_or_default(),
            )
        }),
        earliest_end,
        may_terminate,
        version,
        history,
    })
}

/// Terminates subscription `id` (its user or a keeper of the register):
/// it ends on `wanted`, or on the earliest day its notice and binding
/// allow when none is wanted; a day before that is refused in words
/// (`domain::subscriptions::end_on`). A stale form is refused (409).
pub async fn terminate<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    version: i32,
    wanted: Option<NaiveDate>,
    reason: &str,
) -> Result<SubscriptionDetail, AppError> {
    require_signed_in(ctx)?;
    let reason = reason.trim();
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::validation("reason", "Skälet får vara högst 1 000 tecken."));
    }
    let txn = crate::db::begin_write(db).await?;
    let s = visible(ctx, &txn, id).await?;
    if !(manager(ctx) || s.user_id == ctx.person_id()) {
        return Err(AppError::Forbidden);
    }
    if s.version != version {
        return Err(AppError::conflict(
            "Prenumerationen har ändrats sedan du öppnade den. Ladda om sidan och försök igen.",
        ));
    }
    let now = Utc::now();
    let today = day(now);
    let end = rules::end_on(today, wanted, s.notice_months, s.binding_end, s.end_on).map_err(|r| match r {
        rules::EndRefusal::AlreadyTerminated { .. } => AppError::StateConflict {
            message: r.message_sv(),
            state: SubscriptionStatus::Terminated.as_str().to_owned(),
        },
        _ => AppError::validation("end_on", r.message_sv()),
    })?;
    let updated = subscription::Entity::update_many()
        .col_expr(subscription::Column::EndOn, Expr::value(end))
        .col_expr(subscription::Column::TerminatedAt, Expr::value(now))
        .col_expr(subscription::Column::TerminatedBy, Expr::value(ctx.person_id()))
        .col_expr(
            subscription::Column::Version,
            Expr::col(subscription::Column::Version).add(1),
        )
        .col_expr(subscription::Column::UpdatedAt, Expr::value(now))
        .filter(subscription::Column::Id.eq(s.id))
        .filter(subscription::Column::Version.eq(version))
        .filter(subscription::Column::EndOn.is_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::conflict(
            "Prenumerationen har ändrats sedan du öppnade den. Ladda om sidan och försök igen.",
        ));
    }
    subscription_change::Entity::insert(change_row(
        ctx,
        s.id,
        now,
        "end_on",
        None,
        Some(crate::domain::format::date(end)),
        if reason.is_empty() { "Uppsägning" } else { reason },
    ))
    .exec(&txn)
    .await?;
    txn.commit().await?;
    detail(ctx, db, id).await
}
