//! Joint adoption (`domain::adoption`): the object family's rule of who
//! approves its plans, the approvals of a plan's review rounds, and the
//! timeline they appear on. The approval itself is a step of
//! [`super::workflow::decide`].

use super::standing::{object_role, Standing};
use crate::audit::service::record;
use crate::ctx::{require, Ctx};
use crate::domain::adoption::{self, Approval, Given};
use crate::domain::authz::{Grant, Permission};
use crate::domain::plan::PlanStatus;
use crate::domain::roles::ObjectRole;
use crate::entities::{object_family, plan_approval, plan_event};
use crate::error::AppError;
use crate::plans::dto::{ApprovalDto, PlanEventDto};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};

/// Every approval of a plan, oldest first.
pub(super) async fn approvals<C: ConnectionTrait>(db: &C, plan_id: i32) -> Result<Vec<plan_approval::Model>, AppError> {
    Ok(plan_approval::Entity::find()
        .filter(plan_approval::Column::PlanId.eq(plan_id))
        .order_by_asc(plan_approval::Column::Id)
        .all(db)
        .await?)
}

/// The plan's current review round: its newest step into review (`None`:
/// never sent, or sent before steps were kept).
pub(super) fn round(events: &[plan_event::Model]) -> Option<i32> {
    events
        .iter()
        .rev()
        .find(|e| e.to_status == PlanStatus::UnderAvstamning.as_str())
        .map(|e| e.id)
}

pub(super) fn approval_dto(a: &plan_approval::Model) -> Result<ApprovalDto, AppError> {
    Ok(ApprovalDto {
        role: object_role(&a.role)?,
        name: a.name.clone(),
        decided_on: a.decided_on,
        comment: a.comment.clone(),
        at: a.at,
    })
}

/// The roles the caller holds on the object.
fn held(roles: &Standing) -> Vec<ObjectRole> {
    roles
        .grants
        .iter()
        .filter_map(|g| match g {
            Grant::Object { object_id, role } if *object_id == roles.object_id => Some(*role),
            _ => None,
        })
        .collect()
}

/// Holds one of the roles the family's rule requires.
pub(super) fn holds_any(roles: &Standing, required: &[ObjectRole]) -> bool {
    held(roles).iter().any(|r| required.contains(r))
}

/// The approvals given in `round`.
fn given(approvals: &[plan_approval::Model], round: i32) -> Result<Vec<Given>, AppError> {
    approvals
        .iter()
        .filter(|a| a.round == round)
        .map(|a| {
            Ok(Given {
                role: object_role(&a.role)?,
                person: a.person_id,
            })
        })
        .collect()
}

/// The approval `me` may give in the plan's round, or why not.
pub(super) fn may_approve(
    required: &[ObjectRole],
    approvals: &[plan_approval::Model],
    round: Option<i32>,
    roles: &Standing,
    me: i32,
    submitted: bool,
) -> Result<Approval, String> {
    let given = given(approvals, round.unwrap_or(0)).map_err(|e| e.to_string())?;
    adoption::approve(required, &given, &held(roles), me, submitted)
}

/// The workflow steps and the approvals on one timeline. The last approval
/// of a round is the step to `faststalld` (same person, same instant) and
/// is shown on it rather than twice.
pub(super) fn timeline(
    events: Vec<plan_event::Model>,
    approvals: &[plan_approval::Model],
) -> Result<Vec<PlanEventDto>, AppError> {
    let mut steps: Vec<PlanEventDto> = Vec::with_capacity(events.len() + approvals.len());
    let mut adopting = Vec::new();
    for e in events {
        let to = PlanStatus::parse(&e.to_status).unwrap_or(PlanStatus::Utkast);
        let approval = approvals
            .iter()
            .find(|a| to == PlanStatus::Faststalld && a.at == e.at && e.actor_id == Some(a.person_id));
        if let Some(a) = approval {
            adopting.push(a.id);
        }
        steps.push(PlanEventDto {
            at: e.at,
            actor: e.actor,
            from: e.from_status.as_deref().and_then(PlanStatus::parse),
            to,
            comment: e.comment,
            approved_as: approval.map(|a| object_role(&a.role)).transpose()?,
        });
    }
    for a in approvals.iter().filter(|a| !adopting.contains(&a.id)) {
        steps.push(PlanEventDto {
            at: a.at,
            actor: a.name.clone(),
            from: Some(PlanStatus::UnderAvstamning),
            to: PlanStatus::UnderAvstamning,
            comment: a.comment.clone(),
            approved_as: Some(object_role(&a.role)?),
        });
    }
    steps.sort_by_key(|s| s.at);
    Ok(steps)
}

/// Records the caller's approval in the plan's current round, inside the
/// workflow's transaction (which has locked the plan's row). Says whether
/// it was the last one required: then the plan is adopted.
#[allow(clippy::too_many_arguments)]
pub(super) async fn record_approval<C: ConnectionTrait>(
    txn: &C,
    ctx: &Ctx,
    plan_id: i32,
    object_id: i32,
    round: Option<i32>,
    roles: &Standing,
    submitted: bool,
    name: &str,
    decided_on: chrono::NaiveDate,
    comment: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Approval, AppError> {
    let me = roles.person_id.ok_or(AppError::Forbidden)?;
    let required = rule_of_object(txn, object_id).await?;
    // Read after the lock: an approval committed meanwhile counts.
    let approval = may_approve(&required, &approvals(txn, plan_id).await?, round, roles, me, submitted)
        .map_err(|message| AppError::ForbiddenWithMessage { message })?;
    let row = plan_approval::ActiveModel {
        plan_id: sea_orm::Set(plan_id),
        round: sea_orm::Set(round.unwrap_or(0)),
        role: sea_orm::Set(approval.role.as_str().into()),
        person_id: sea_orm::Set(me),
        name: sea_orm::Set(name.to_owned()),
        decided_on: sea_orm::Set(decided_on),
        comment: sea_orm::Set(comment.to_owned()),
        at: sea_orm::Set(at),
        ..Default::default()
    };
    match plan_approval::Entity::insert(row).exec(txn).await {
        Ok(_) => {}
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::conflict(
                "Någon annan godkände planen samtidigt. Läs in den igen.",
            ))
        }
        Err(e) => return Err(e.into()),
    }
    record(
        txn,
        ctx,
        "plan.approved",
        Some("plan"),
        Some(&plan_id.to_string()),
        serde_json::json!({ "role": approval.role.as_str(), "adopts": approval.adopts }),
    )
    .await?;
    Ok(approval)
}

/// The rule of the object's family.
pub(super) async fn rule_of_object<C: ConnectionTrait>(db: &C, object_id: i32) -> Result<Vec<ObjectRole>, AppError> {
    let family = super::read::family_of(db, object_id).await?;
    adoption::parse(&family.adopters).map_err(AppError::internal)
}

/// Sets which object roles must each approve the family's plans
/// (administrators). Plans already in review follow the new rule from their
/// next approval.
pub async fn save_adopters<C>(
    ctx: &Ctx,
    db: &C,
    family_id: i32,
    roles: Vec<ObjectRole>,
) -> Result<Vec<ObjectRole>, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::ManageGovernance)?;
    let roles = adoption::check(&roles).map_err(|m| AppError::validation("adopters", m))?;
    object_family::Entity::find_by_id(family_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Objektfamiljen finns inte."))?;
    let txn = crate::db::begin_write(db).await?;
    object_family::Entity::update_many()
        .col_expr(object_family::Column::Adopters, Expr::value(adoption::store(&roles)))
        .filter(object_family::Column::Id.eq(family_id))
        .exec(&txn)
        .await?;
    record(
        &txn,
        ctx,
        "object_family.adopters_saved",
        Some("object_family"),
        Some(&family_id.to_string()),
        serde_json::json!({ "adopters": adoption::store(&roles) }),
    )
    .await?;
    txn.commit().await?;
    Ok(roles)
}

/// A family's rule, as the template page shows it.
pub(super) fn rule_of(family: &object_family::Model) -> Result<Vec<ObjectRole>, AppError> {
    adoption::parse(&family.adopters).map_err(AppError::internal)
}
