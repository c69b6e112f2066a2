//! A plan's workflow (submit, adopt, return) and the new drafts an adopted
//! plan leads to: a new revision of the same year, or next year's plan.

use super::read::{find, get, status_of};
use super::standing::{actor_name, actor_of, roles_on, submitted_by};
use crate::audit::service::record;
use crate::ctx::{require_signed_in, Ctx};
use crate::domain::plan::{self, PlanActor, PlanEvent, PlanStatus};
use crate::entities::{plan as plan_e, plan_event};
use crate::error::AppError;
use crate::plans::dto::*;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

/// Moves the plan through its workflow (submit, adopt, return).
pub async fn decide<C>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    event: PlanEvent,
    comment: &str,
    decided_on: Option<chrono::NaiveDate>,
) -> Result<PlanDto, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require_signed_in(ctx)?;
    let p = find(db, id).await?;
    let roles = roles_on(db, ctx, p.object_id).await?;
    let from = status_of(&p)?;
    // Only the newest step into review matters for who submitted it.
    let last_submit = plan_event::Entity::find()
        .filter(plan_event::Column::PlanId.eq(p.id))
        .filter(plan_event::Column::ToStatus.eq(PlanStatus::UnderAvstamning.as_str()))
        .order_by_desc(plan_event::Column::Id)
        .limit(1)
        .all(db)
        .await?;
    let actor = PlanActor {
        submitted: submitted_by(&last_submit, roles.person_id),
        ..actor_of(&roles)
    };
    let to = plan::transition(from, event, actor).map_err(|m| AppError::ForbiddenWithMessage { message: m.into() })?;
    if event == PlanEvent::Submit {
        super::save::ready_for_review(&super::read::content_of(&p)?)?;
    }
    if event == PlanEvent::Return {
        let required = super::adoption::rule_of_object(db, p.object_id).await?;
        if !super::adoption::holds_any(&roles, &required) {
            return Err(AppError::ForbiddenWithMessage {
                message: format!(
                    "I den här objektfamiljen skickas planen tillbaka av {}.",
                    crate::domain::adoption::phrase_list(&required)
                ),
            });
        }
    }
    let comment = comment.trim();
    if event == PlanEvent::Return && comment.is_empty() {
        return Err(AppError::validation(
            "comment",
            "Skriv vad som behöver ändras innan planen skickas tillbaka.",
        ));
    }
    if comment.chars().count() > 5_000 {
        return Err(AppError::validation(
            "comment",
            "Kommentaren får ha högst 5 000 tecken.",
        ));
    }
    let decided_on = match event {
        PlanEvent::Adopt => {
            let day = decided_on.ok_or_else(|| {
                AppError::validation("decided_on", "Ange datum för beslutet, till exempel 2026-11-24.")
            })?;
            let today = chrono::Local::now().date_naive();
            Some(
                crate::domain::plan::check_decision_date(day, today)
                    .map_err(|m| AppError::validation("decided_on", m))?,
            )
        }
        _ => p.decided_on,
    };
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let by = actor_name(db, ctx).await?;
    let txn = crate::db::begin_write(db).await?;
    // Lock the plan's row first (and refuse if someone moved it on): two
    // approvals at once are then taken one after the other, and the second
    // sees the first.
    let locked = plan_e::Entity::update_many()
        .col_expr(plan_e::Column::Version, Expr::col(plan_e::Column::Version).add(1))
        .filter(plan_e::Column::Id.eq(id))
        .filter(plan_e::Column::Status.eq(from.as_str()))
        .exec(&txn)
        .await?;
    if locked.rows_affected == 0 {
        return Err(AppError::conflict("Planen ändrades av någon annan. Läs in den igen."));
    }
    if event == PlanEvent::Adopt {
        let approval = super::adoption::record_approval(
            &txn,
            ctx,
            id,
            p.object_id,
            last_submit.first().map(|e| e.id),
            &roles,
            actor.submitted,
            &by,
            decided_on.ok_or(AppError::Internal)?,
            comment,
            now,
        )
        .await?;
        if !approval.adopts {
            txn.commit().await?;
            return get(ctx, db, id).await;
        }
    }
    let mut update = plan_e::Entity::update_many()
        .col_expr(plan_e::Column::Status, Expr::value(to.as_str()))
        .col_expr(plan_e::Column::DecidedOn, Expr::value(decided_on))
        .filter(plan_e::Column::Id.eq(id));
    if event == PlanEvent::Adopt {
        update = update.col_expr(plan_e::Column::DecisionMinutes, Expr::value(comment.to_owned()));
    }
    update.exec(&txn).await?;
    super::portfolio::changed(&txn).await?;
    plan_event::ActiveModel {
        plan_id: Set(id),
        at: Set(now),
        actor: Set(by),
        actor_id: Set(roles.person_id),
        from_status: Set(Some(from.as_str().into())),
        to_status: Set(to.as_str().into()),
        comment: Set(comment.to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        ctx,
        match event {
            PlanEvent::Submit => "plan.submitted",
            PlanEvent::Adopt => "plan.adopted",
            PlanEvent::Return => "plan.returned",
        },
        Some("plan"),
        Some(&id.to_string()),
        serde_json::json!({ "from": from.as_str(), "to": to.as_str() }),
    )
    .await?;
    txn.commit().await?;
    get(ctx, db, id).await
}

async fn insert_copy<C: ConnectionTrait>(
    db: &C,
    from: &plan_e::Model,
    year: i32,
    revision: i32,
    by: &str,
) -> Result<plan_e::Model, AppError> {
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let copy = plan_e::ActiveModel {
        object_id: Set(from.object_id),
        year: Set(year),
        revision: Set(revision),
        status: Set(PlanStatus::Utkast.as_str().into()),
        version: Set(1),
        content: Set(from.content.clone()),
        day_rate_business_ore: Set(from.day_rate_business_ore),
        day_rate_it_ore: Set(from.day_rate_it_ore),
        days_per_fte: Set(from.days_per_fte),
        total_ore: Set(from.total_ore),
        vm_ore: Set(from.vm_ore),
        vu_ore: Set(from.vu_ore),
        business_ore: Set(from.business_ore),
        it_ore: Set(from.it_ore),
        fte_hundredths: Set(from.fte_hundredths),
        financing: Set(from.financing.clone()),
        decided_on: Set(None),
        decision_minutes: Set(String::new()),
        updated_at: Set(now),
        updated_by: Set(by.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // The portfolio shows each object's newest plan of the year.
    super::portfolio::changed(db).await?;
    Ok(copy)
}

async fn require_editor<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: &plan_e::Model) -> Result<(), AppError> {
    if actor_of(&roles_on(db, ctx, p.object_id).await?).editor {
        Ok(())
    } else {
        Err(AppError::ForbiddenWithMessage {
            message: "Bara objektets förvaltningsledare kan starta en ny plan eller revision.".into(),
        })
    }
}

/// Starts a new draft revision of an adopted plan (same year). If a newer
/// revision exists already, that one is returned instead.
pub async fn new_revision<C>(ctx: &Ctx, db: &C, id: i32) -> Result<i32, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require_signed_in(ctx)?;
    let p = find(db, id).await?;
    require_editor(db, ctx, &p).await?;
    if PlanStatus::parse(&p.status) != Some(PlanStatus::Faststalld) {
        return Err(AppError::conflict("Bara en fastställd plan kan få en ny revision."));
    }
    let newest = plan_e::Entity::find()
        .filter(plan_e::Column::ObjectId.eq(p.object_id))
        .filter(plan_e::Column::Year.eq(p.year))
        .order_by_desc(plan_e::Column::Revision)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    if newest.revision > p.revision {
        return Ok(newest.id);
    }
    let by = actor_name(db, ctx).await?;
    let txn = crate::db::begin_write(db).await?;
    let revision = p.revision.checked_add(1).ok_or(AppError::Internal)?;
    let copy = insert_copy(&txn, &p, p.year, revision, &by).await?;
    record(
        &txn,
        ctx,
        "plan.revision_started",
        Some("plan"),
        Some(&copy.id.to_string()),
        serde_json::json!({ "from": p.id, "revision": copy.revision }),
    )
    .await?;
    txn.commit().await?;
    Ok(copy.id)
}

/// Copies this plan's structure into a draft for the next year. If that
/// year has a plan already, it is returned instead.
pub async fn next_year<C>(ctx: &Ctx, db: &C, id: i32) -> Result<i32, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require_signed_in(ctx)?;
    let p = find(db, id).await?;
    require_editor(db, ctx, &p).await?;
    let year = plan::PlanYear::new(p.year)
        .ok()
        .and_then(|y| y.step(1))
        .ok_or_else(|| {
            AppError::validation(
                "year",
                format!("Planer görs för åren 2000–2100, så {} har inget nästa år.", p.year),
            )
        })?
        .get();
    if let Some(existing) = plan_e::Entity::find()
        .filter(plan_e::Column::ObjectId.eq(p.object_id))
        .filter(plan_e::Column::Year.eq(year))
        .order_by_desc(plan_e::Column::Revision)
        .one(db)
        .await?
    {
        return Ok(existing.id);
    }
    let by = actor_name(db, ctx).await?;
    let txn = crate::db::begin_write(db).await?;
    let copy = insert_copy(&txn, &p, year, 1, &by).await?;
    record(
        &txn,
        ctx,
        "plan.next_year_started",
        Some("plan"),
        Some(&copy.id.to_string()),
        serde_json::json!({ "from": p.id, "year": copy.year }),
    )
    .await?;
    txn.commit().await?;
    Ok(copy.id)
}
