//! Reading plans: the families with their objects and plans, and one plan
//! revision with everything its page shows.

use super::standing::{actor_of, names_of, roles_on, submitted_by, Standing};
use crate::ctx::{require_signed_in, Ctx};
use crate::domain::money::Sek;
use crate::domain::plan::{self, PlanActor, PlanEvent, PlanSettings, PlanStatus};
use crate::domain::roles::{ObjectRole, Role};
use crate::entities::{governance_object, object_family, object_person, plan as plan_e, plan_event};
use crate::error::AppError;
use crate::plans::dto::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// A stored plan status; one that does not parse is an internal error.
pub(crate) fn status_of(p: &plan_e::Model) -> Result<PlanStatus, AppError> {
    PlanStatus::parse(&p.status).ok_or_else(|| AppError::internal(format!("unknown plan status {:?}", p.status)))
}

pub(super) fn settings_of(p: &plan_e::Model) -> PlanSettings {
    PlanSettings {
        day_rate_business: Sek::from_ore(p.day_rate_business_ore),
        day_rate_it: Sek::from_ore(p.day_rate_it_ore),
        days_per_fte: p.days_per_fte.max(0) as u32,
    }
}

/// What a plan row keeps of its document's cost split (`plan.financing`).
pub(crate) fn financing_json(c: &PlanContent) -> Result<String, AppError> {
    serde_json::to_string(&c.financing).map_err(AppError::internal)
}

/// The stored plan's roll-up at its own settings (a stored plan's sums fit:
/// the save refused any that did not).
pub(crate) fn roll_up_of(p: &plan_e::Model, content: &PlanContent) -> crate::domain::plan::RollUp {
    crate::domain::plan::roll_up(&content.costs(), settings_of(p)).unwrap_or_default()
}

pub(crate) fn content_of(p: &plan_e::Model) -> Result<PlanContent, AppError> {
    serde_json::from_str(&p.content).map_err(AppError::internal)
}

/// What lists of plans read of a plan (not its document).
#[derive(Debug, sea_orm::FromQueryResult)]
struct PlanHead {
    id: i32,
    object_id: i32,
    year: i32,
    revision: i32,
    status: String,
}

impl PlanHead {
    fn to_ref(&self) -> PlanRef {
        PlanRef {
            id: self.id,
            year: self.year,
            revision: self.revision,
            status: PlanStatus::parse(&self.status).unwrap_or(PlanStatus::Utkast),
        }
    }
}

/// The plans of some objects (or of all, `None`), newest year and revision
/// first, without their documents.
async fn plan_heads<C: ConnectionTrait>(db: &C, objects: Option<Vec<i32>>) -> Result<Vec<PlanHead>, AppError> {
    let mut q = plan_e::Entity::find()
        .select_only()
        .columns([
            plan_e::Column::Id,
            plan_e::Column::ObjectId,
            plan_e::Column::Year,
            plan_e::Column::Revision,
            plan_e::Column::Status,
        ])
        .order_by_desc(plan_e::Column::Year)
        .order_by_desc(plan_e::Column::Revision);
    if let Some(ids) = objects {
        q = q.filter(plan_e::Column::ObjectId.is_in(ids));
    }
    Ok(q.into_model::<PlanHead>().all(db).await?)
}

/// An object's plan revisions for its pages, newest first.
pub(crate) async fn plan_refs<C: ConnectionTrait>(db: &C, object_id: i32) -> Result<Vec<PlanRef>, AppError> {
    Ok(plan_heads(db, Some(vec![object_id]))
        .await?
        .iter()
        .map(PlanHead::to_ref)
        .collect())
}

/// All families with their objects and plans, for anyone signed in.
pub async fn objects<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<FamilyDto>, AppError> {
    require_signed_in(ctx)?;
    let families = object_family::Entity::find()
        .order_by_asc(object_family::Column::SortOrder)
        .all(db)
        .await?;
    let objects = governance_object::Entity::find()
        .order_by_asc(governance_object::Column::Name)
        .all(db)
        .await?;
    let mut summaries = summaries(db, &objects, false).await?.into_iter();
    let mut listed: Vec<(i32, ObjectSummary)> = objects.iter().map(|o| o.family_id).zip(summaries.by_ref()).collect();
    Ok(families
        .into_iter()
        .map(|f| FamilyDto {
            id: f.id,
            objects: listed
                .extract_if(.., |(family, _)| *family == f.id)
                .map(|(_, o)| o)
                .collect(),
            name: f.name,
        })
        .collect())
}

/// The objects' list entries, in the objects' order: class, objektägare,
/// förvaltningsledare and the newest revision of each year's plan. `only`:
/// read the people and plans of these objects alone (a page of them), not
/// of all.
pub(super) async fn summaries<C: ConnectionTrait>(
    db: &C,
    objects: &[governance_object::Model],
    only: bool,
) -> Result<Vec<ObjectSummary>, AppError> {
    let ids = only.then(|| objects.iter().map(|o| o.id).collect::<Vec<_>>());
    let mut people = object_person::Entity::find();
    if let Some(ids) = &ids {
        people = people.filter(object_person::Column::ObjectId.is_in(ids.clone()));
    }
    let people = people.all(db).await?;
    let names = names_of(db, people.iter().map(|p| p.person_id).collect()).await?;
    let mut plans_of: HashMap<i32, Vec<PlanHead>> = HashMap::new();
    for p in plan_heads(db, ids).await? {
        plans_of.entry(p.object_id).or_default().push(p);
    }
    let mut people_of: HashMap<i32, Vec<&object_person::Model>> = HashMap::new();
    for p in &people {
        people_of.entry(p.object_id).or_default().push(p);
    }
    let in_role = |object: i32, pick: fn(ObjectRole) -> bool| -> Vec<String> {
        people_of
            .get(&object)
            .into_iter()
            .flatten()
            .filter(|p| p.role.parse().is_ok_and(pick))
            .filter_map(|p| names.get(&p.person_id).cloned())
            .collect()
    };
    Ok(objects
        .iter()
        .map(|o| {
            // Newest year first: the first revision seen of a year is its newest.
            let mut seen_years = Vec::new();
            let plans = plans_of
                .get(&o.id)
                .into_iter()
                .flatten()
                .filter(|p| {
                    let first = !seen_years.contains(&p.year);
                    seen_years.push(p.year);
                    first
                })
                .map(PlanHead::to_ref)
                .collect();
            ObjectSummary {
                id: o.id,
                name: o.name.clone(),
                class: class_label(&o.class).into(),
                leaders: in_role(o.id, ObjectRole::is_leader),
                owners: in_role(o.id, ObjectRole::is_owner),
                plans,
            }
        })
        .collect())
}

/// The plans a caller may see, newest year and revision first: adopted
/// plans for everyone signed in; drafts and plans under review for the
/// object's people and administrators. Filters: object, year, status.
pub async fn list<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    object_id: Option<i32>,
    year: Option<i32>,
    status: Option<PlanStatus>,
) -> Result<Vec<PlanListRow>, AppError> {
    require_signed_in(ctx)?;
    if let Some(y) = year {
        plan::PlanYear::new(y).map_err(|m| AppError::validation("year", m))?;
    }
    if object_id.is_some_and(|o| o < 1) {
        return Err(AppError::validation(
            "object",
            "Ange ett förvaltningsobjekts id, 1 eller större.",
        ));
    }
    let mut q = plan_e::Entity::find()
        .select_only()
        .columns([
            plan_e::Column::Id,
            plan_e::Column::ObjectId,
            plan_e::Column::Year,
            plan_e::Column::Revision,
            plan_e::Column::Status,
            plan_e::Column::TotalOre,
            plan_e::Column::UpdatedAt,
        ])
        .order_by_desc(plan_e::Column::Year)
        .order_by_asc(plan_e::Column::ObjectId)
        .order_by_desc(plan_e::Column::Revision);
    if let Some(id) = object_id {
        q = q.filter(plan_e::Column::ObjectId.eq(id));
    }
    if let Some(y) = year {
        q = q.filter(plan_e::Column::Year.eq(y));
    }
    if let Some(s) = status {
        q = q.filter(plan_e::Column::Status.eq(s.as_str()));
    }
    let rows = q
        .into_tuple::<(i32, i32, i32, i32, String, i64, chrono::DateTime<chrono::Utc>)>()
        .all(db)
        .await?;
    let admin = ctx.has(Role::Admin);
    let mine: Vec<i32> = match ctx.person_id() {
        Some(me) if !admin => {
            object_person::Entity::find()
                .select_only()
                .column(object_person::Column::ObjectId)
                .filter(object_person::Column::PersonId.eq(me))
                .into_tuple::<i32>()
                .all(db)
                .await?
        }
        _ => vec![],
    };
    let names: std::collections::HashMap<i32, String> = governance_object::Entity::find()
        .select_only()
        .columns([governance_object::Column::Id, governance_object::Column::Name])
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(id, object_id, year, revision, status, total_ore, updated_at)| {
            let status = PlanStatus::parse(&status)?;
            let visible = status == PlanStatus::Faststalld || admin || mine.contains(&object_id);
            visible.then(|| PlanListRow {
                id,
                object_id,
                object_name: names.get(&object_id).cloned().unwrap_or_default(),
                year,
                revision,
                status,
                total_ore,
                updated_at,
            })
        })
        .collect())
}

pub(crate) fn plan_ref(p: &plan_e::Model) -> PlanRef {
    PlanRef {
        id: p.id,
        year: p.year,
        revision: p.revision,
        status: PlanStatus::parse(&p.status).unwrap_or(PlanStatus::Utkast),
    }
}

pub(super) async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<plan_e::Model, AppError> {
    plan_e::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Planen finns inte."))
}

/// One plan revision. Adopted plans are open to everyone signed in; drafts
/// and plans under review to the object's people and administrators.
pub async fn get<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<PlanDto, AppError> {
    require_signed_in(ctx)?;
    let p = find(db, id).await?;
    let roles = roles_on(db, ctx, p.object_id).await?;
    let status = status_of(&p)?;
    if status != PlanStatus::Faststalld && !roles.on_object() && !ctx.has(Role::Admin) {
        return Err(AppError::not_found("Planen finns inte."));
    }
    dto(db, p, &roles).await
}

/// The object's family, in one query.
pub(super) async fn family_of<C: ConnectionTrait>(db: &C, object_id: i32) -> Result<object_family::Model, AppError> {
    let of_object = sea_orm::sea_query::Query::select()
        .column(governance_object::Column::FamilyId)
        .from(governance_object::Entity)
        .and_where(governance_object::Column::Id.eq(object_id))
        .to_owned();
    object_family::Entity::find()
        .filter(object_family::Column::Id.in_subquery(of_object))
        .one(db)
        .await?
        .ok_or(AppError::Internal)
}

pub(super) async fn dto<C: ConnectionTrait>(db: &C, p: plan_e::Model, roles: &Standing) -> Result<PlanDto, AppError> {
    // Four independent reads at once: one wait for the database instead of
    // four (on a busy server each wait can sit behind another page's render).
    let object = async {
        governance_object::Entity::find_by_id(p.object_id)
            .one(db)
            .await?
            .ok_or(AppError::Internal)
    };
    let family = family_of(db, p.object_id);
    let events = async {
        Ok::<_, AppError>(
            plan_event::Entity::find()
                .filter(plan_event::Column::PlanId.eq(p.id))
                .order_by_asc(plan_event::Column::Id)
                .all(db)
                .await?,
        )
    };
    let (object, family, events, revisions, approvals) = futures::try_join!(
        object,
        family,
        events,
        plan_refs(db, p.object_id),
        super::adoption::approvals(db, p.id)
    )?;
    let content = content_of(&p)?;
    let settings = settings_of(&p);
    let roll_up = plan::roll_up(&content.costs(), settings).ok_or(AppError::Internal)?;
    let status = status_of(&p)?;
    let actor = PlanActor {
        submitted: submitted_by(&events, roles.person_id),
        ..actor_of(roles)
    };
    let required = super::adoption::rule_of(&family)?;
    let round = super::adoption::round(&events);
    let adoption = AdoptionDto {
        required: required.clone(),
        approvals: match (status, round) {
            (PlanStatus::Utkast, _) | (_, None) => vec![],
            (_, Some(round)) => approvals
                .iter()
                .filter(|a| a.round == round)
                .map(super::adoption::approval_dto)
                .collect::<Result<_, _>>()?,
        },
    };
    let approval = match (status, roles.person_id) {
        (PlanStatus::UnderAvstamning, Some(me)) if plan::transition(status, PlanEvent::Adopt, actor).is_ok() => {
            super::adoption::may_approve(&required, &approvals, round, roles, me, actor.submitted).ok()
        }
        _ => None,
    };
    let events = super::adoption::timeline(events, &approvals)?;
    Ok(PlanDto {
        id: p.id,
        object_id: p.object_id,
        object_name: object.name,
        family: family.name,
        year: p.year,
        revision: p.revision,
        status,
        version: p.version,
        settings,
        content,
        roll_up,
        decided_on: p.decided_on,
        decision_minutes: p.decision_minutes,
        updated_at: p.updated_at,
        updated_by: p.updated_by,
        events,
        adoption,
        rights: PlanRights {
            edit: actor.editor && status.editable(),
            submit: plan::transition(status, PlanEvent::Submit, actor).is_ok(),
            decide: approval.is_some(),
            revise: actor.editor,
            approve_as: approval.map(|a| a.role),
            approval_adopts: approval.is_some_and(|a| a.adopts),
            send_back: plan::transition(status, PlanEvent::Return, actor).is_ok()
                && super::adoption::holds_any(roles, &required),
        },
        revisions,
    })
}
