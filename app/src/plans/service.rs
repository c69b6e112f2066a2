//! Governance objects and plans: who may read, edit and decide is checked
//! here against the caller's roles on the plan's object.

use super::dto::*;
use crate::audit::service::record;
use crate::ctx::{require_signed_in, Actor, Ctx};
use crate::domain::authz::{permits, Grant, Permission, Scope};
use crate::domain::money::Sek;
use crate::domain::plan::{self, PlanActor, PlanEvent, PlanSettings, PlanStatus, RollUp};
use crate::domain::roles::ObjectRole;
use crate::domain::roles::Role;
use crate::entities::{governance_object, object_family, object_person, person, plan as plan_e, plan_event};
use crate::error::AppError;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::HashMap;

/// The caller's standing on one governance object: their global roles and
/// their roles on the object, as grants for `domain::authz::permits`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Standing {
    pub object_id: i32,
    pub person_id: Option<i32>,
    pub grants: Vec<Grant>,
}

impl Standing {
    pub fn can(&self, permission: Permission) -> bool {
        permits(&self.grants, Scope::Object(self.object_id), permission)
    }

    /// Holds any role on the object (reads its drafts).
    pub fn on_object(&self) -> bool {
        self.grants.iter().any(|g| matches!(g, Grant::Object { .. }))
    }
}

/// A stored object role; one that does not parse is an internal error
/// (fail closed), never a default.
pub(crate) fn object_role(code: &str) -> Result<ObjectRole, AppError> {
    code.parse().map_err(AppError::internal)
}

/// A stored plan status; one that does not parse is an internal error.
pub(crate) fn status_of(p: &plan_e::Model) -> Result<PlanStatus, AppError> {
    PlanStatus::parse(&p.status).ok_or_else(|| AppError::internal(format!("unknown plan status {:?}", p.status)))
}

/// The caller's standing on an object.
pub(crate) async fn roles_on<C: ConnectionTrait>(db: &C, ctx: &Ctx, object_id: i32) -> Result<Standing, AppError> {
    let mut grants = ctx.global_grants();
    let person_id = match &ctx.actor {
        Actor::Person { id, .. } | Actor::Token { owner_id: id, .. } => Some(*id),
        Actor::Anonymous | Actor::System => None,
    };
    if let Some(me) = person_id {
        for r in object_person::Entity::find()
            .filter(object_person::Column::ObjectId.eq(object_id))
            .filter(object_person::Column::PersonId.eq(me))
            .all(db)
            .await?
        {
            grants.push(Grant::Object {
                object_id,
                role: object_role(&r.role)?,
            });
        }
    }
    Ok(Standing {
        object_id,
        person_id,
        grants,
    })
}

/// The caller's name as people know it (for "saved by" and the timeline).
pub(crate) async fn actor_name<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> Result<String, AppError> {
    let Some(id) = ctx.person_id() else {
        return Ok(ctx.label());
    };
    Ok(person::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .unwrap_or_else(|| ctx.label()))
}

pub(crate) fn actor_of(s: &Standing) -> PlanActor {
    PlanActor {
        editor: s.can(Permission::EditPlan),
        owner: s.can(Permission::DecidePlan),
        submitted: false,
    }
}

/// Whether `person` sent the plan for its current review: the newest step
/// into review is theirs. Steps from before person ids were kept count as
/// nobody's.
fn submitted_by(events: &[plan_event::Model], person: Option<i32>) -> bool {
    events
        .iter()
        .rev()
        .find(|e| e.to_status == PlanStatus::UnderAvstamning.as_str())
        .is_some_and(|e| person.is_some() && e.actor_id == person)
}

fn settings_of(p: &plan_e::Model) -> PlanSettings {
    PlanSettings {
        day_rate_business: Sek::from_ore(p.day_rate_business_ore),
        day_rate_it: Sek::from_ore(p.day_rate_it_ore),
        days_per_fte: p.days_per_fte.max(0) as u32,
    }
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

/// The plans of one object (or of all, `None`), newest year and revision
/// first, without their documents.
async fn plan_heads<C: ConnectionTrait>(db: &C, object_id: Option<i32>) -> Result<Vec<PlanHead>, AppError> {
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
    if let Some(id) = object_id {
        q = q.filter(plan_e::Column::ObjectId.eq(id));
    }
    Ok(q.into_model::<PlanHead>().all(db).await?)
}

/// An object's plan revisions for its pages, newest first.
pub(crate) async fn plan_refs<C: ConnectionTrait>(db: &C, object_id: i32) -> Result<Vec<PlanRef>, AppError> {
    Ok(plan_heads(db, Some(object_id))
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
    let people = object_person::Entity::find().all(db).await?;
    let names: HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(people.iter().map(|p| p.person_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} {}", p.given_name, p.family_name)))
        .collect();
    let plans = plan_heads(db, None).await?;
    let in_role = |object: i32, pick: fn(ObjectRole) -> bool| -> Vec<String> {
        people
            .iter()
            .filter(|p| p.object_id == object && p.role.parse().is_ok_and(pick))
            .filter_map(|p| names.get(&p.person_id).cloned())
            .collect()
    };
    Ok(families
        .into_iter()
        .map(|f| FamilyDto {
            objects: objects
                .iter()
                .filter(|o| o.family_id == f.id)
                .map(|o| {
                    let mut seen_years = Vec::new();
                    let plans = plans
                        .iter()
                        .filter(|p| p.object_id == o.id)
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
                .collect(),
            name: f.name,
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

async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<plan_e::Model, AppError> {
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

async fn dto<C: ConnectionTrait>(db: &C, p: plan_e::Model, roles: &Standing) -> Result<PlanDto, AppError> {
    // Four independent reads at once: one wait for the database instead of
    // four (on a busy server each wait can sit behind another page's render).
    let object = async {
        governance_object::Entity::find_by_id(p.object_id)
            .one(db)
            .await?
            .ok_or(AppError::Internal)
    };
    let family = async {
        let of_object = sea_orm::sea_query::Query::select()
            .column(governance_object::Column::FamilyId)
            .from(governance_object::Entity)
            .and_where(governance_object::Column::Id.eq(p.object_id))
            .to_owned();
        Ok::<_, AppError>(
            object_family::Entity::find()
                .filter(object_family::Column::Id.in_subquery(of_object))
                .one(db)
                .await?
                .map(|f| f.name)
                .unwrap_or_default(),
        )
    };
    let events = async {
        Ok::<_, AppError>(
            plan_event::Entity::find()
                .filter(plan_event::Column::PlanId.eq(p.id))
                .order_by_asc(plan_event::Column::Id)
                .all(db)
                .await?,
        )
    };
    let (object, family, events, revisions) = futures::try_join!(object, family, events, plan_refs(db, p.object_id))?;
    let content = content_of(&p)?;
    let settings = settings_of(&p);
    let roll_up = plan::roll_up(&content.costs(), settings).ok_or(AppError::Internal)?;
    let status = status_of(&p)?;
    let actor = PlanActor {
        submitted: submitted_by(&events, roles.person_id),
        ..actor_of(roles)
    };
    let events = events
        .into_iter()
        .map(|e| PlanEventDto {
            at: e.at,
            actor: e.actor,
            from: e.from_status.as_deref().and_then(PlanStatus::parse),
            to: PlanStatus::parse(&e.to_status).unwrap_or(PlanStatus::Utkast),
            comment: e.comment,
        })
        .collect();
    Ok(PlanDto {
        id: p.id,
        object_id: p.object_id,
        object_name: object.name,
        family,
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
        rights: PlanRights {
            edit: actor.editor && status.editable(),
            submit: plan::transition(status, PlanEvent::Submit, actor).is_ok(),
            decide: plan::transition(status, PlanEvent::Adopt, actor).is_ok(),
            revise: actor.editor,
        },
        revisions,
    })
}

/// Day rates above zero and at most 100 000 kr; 100–260 working days an FTE.
pub fn check_settings(s: PlanSettings) -> Result<PlanSettings, AppError> {
    s.check()
        .map_err(|(field, message)| AppError::validation(field, message))
}

/// Checks what a save may store: texts within limits, need references that
/// exist, and money that adds up without overflow.
pub fn validate(content: &PlanContent, settings: PlanSettings) -> Result<RollUp, AppError> {
    let long = |s: &str, max: usize| s.chars().count() > max;
    for (field, text, max) in [
        ("object_description", &content.object_description, 20_000),
        ("products", &content.products, 20_000),
        ("current_state", &content.current_state, 20_000),
        ("organisation", &content.organisation, 20_000),
        ("projects", &content.projects, 20_000),
    ] {
        if long(text, max) {
            return Err(AppError::validation(field, "Texten är för lång (högst 20 000 tecken)."));
        }
    }
    if content.goals.len() > 1_000 || content.needs.len() > 500 || content.forums.len() > 100 {
        return Err(AppError::validation("goals", "Planen har för många rader."));
    }
    for (i, g) in content.goals.iter().enumerate() {
        if long(&g.text, 2_000) {
            return Err(AppError::validation(
                "goals",
                format!("Mål {} är för långt (högst 2 000 tecken).", i + 1),
            ));
        }
        for n in g.needs.split([',', ' ']).map(str::trim).filter(|n| !n.is_empty()) {
            match n.parse::<usize>() {
                Ok(k) if (1..=content.needs.len()).contains(&k) => {}
                _ => {
                    return Err(AppError::validation(
                        "goals",
                        format!("Mål {} hänvisar till behov {n}, som inte finns.", i + 1),
                    ))
                }
            }
        }
    }
    plan::roll_up(&content.costs(), settings).ok_or_else(too_large)
}

/// A plan whose sums do not fit: refused, never wrapped or saturated.
fn too_large() -> AppError {
    AppError::validation("goals", "Beloppen blir för stora att räkna med.")
}

/// Saves a draft if nobody else has saved since `version`; otherwise
/// returns the plan as it now is and writes nothing.
pub async fn save<C>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    version: i32,
    content: PlanContent,
    settings: Option<PlanSettings>,
) -> Result<SaveOutcome, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require_signed_in(ctx)?;
    let next = plan::next_version(version, 1)
        .ok_or_else(|| AppError::validation("version", "Planen har ingen sådan version. Läs in den igen."))?;
    let p = find(db, id).await?;
    let roles = roles_on(db, ctx, p.object_id).await?;
    if !actor_of(&roles).editor {
        return Err(AppError::ForbiddenWithMessage {
            message: "Bara objektets förvaltningsledare kan ändra planen.".into(),
        });
    }
    let status = status_of(&p)?;
    if !status.editable() {
        return Err(AppError::conflict(match status {
            PlanStatus::Faststalld => "Planen är fastställd och kan inte ändras. Starta en ny revision.",
            _ => "Planen är skickad på avstämning och kan inte ändras förrän den skickas tillbaka.",
        }));
    }
    let settings = match settings {
        Some(s) => check_settings(s)?,
        None => settings_of(&p),
    };
    let roll_up = validate(&content, settings)?;
    let by = actor_name(db, ctx).await?;
    let json = serde_json::to_string(&content).map_err(AppError::internal)?;
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let t = Totals::checked_of(&roll_up).ok_or_else(too_large)?;
    let res = plan_e::Entity::update_many()
        .col_expr(plan_e::Column::Content, Expr::value(json))
        .col_expr(plan_e::Column::Version, Expr::value(next))
        .col_expr(
            plan_e::Column::DayRateBusinessOre,
            Expr::value(settings.day_rate_business.ore()),
        )
        .col_expr(plan_e::Column::DayRateItOre, Expr::value(settings.day_rate_it.ore()))
        .col_expr(plan_e::Column::DaysPerFte, Expr::value(settings.days_per_fte as i32))
        .col_expr(plan_e::Column::TotalOre, Expr::value(t.total.ore()))
        .col_expr(plan_e::Column::VmOre, Expr::value(t.vm.ore()))
        .col_expr(plan_e::Column::VuOre, Expr::value(t.vu.ore()))
        .col_expr(plan_e::Column::BusinessOre, Expr::value(t.business.ore()))
        .col_expr(plan_e::Column::ItOre, Expr::value(t.it.ore()))
        .col_expr(plan_e::Column::FteHundredths, Expr::value(t.fte.hundredths()))
        .col_expr(plan_e::Column::UpdatedAt, Expr::value(now))
        .col_expr(plan_e::Column::UpdatedBy, Expr::value(by))
        .filter(plan_e::Column::Id.eq(id))
        .filter(plan_e::Column::Version.eq(version))
        .filter(plan_e::Column::Status.eq(PlanStatus::Utkast.as_str()))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        let current = find(db, id).await?;
        return Ok(SaveOutcome::Conflict(Box::new(dto(db, current, &roles).await?)));
    }
    Ok(SaveOutcome::Saved {
        version: next,
        updated_at: now,
    })
}

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
    let decided_on =
        match event {
            PlanEvent::Adopt => Some(decided_on.ok_or_else(|| {
                AppError::validation("decided_on", "Ange datum för beslutet, till exempel 2026-11-24.")
            })?),
            _ => p.decided_on,
        };
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let by = actor_name(db, ctx).await?;
    let txn = db.begin().await?;
    let mut update = plan_e::Entity::update_many()
        .col_expr(plan_e::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            plan_e::Column::Version,
            Expr::value(plan::next_version(p.version, 1).ok_or(AppError::Internal)?),
        )
        .col_expr(plan_e::Column::DecidedOn, Expr::value(decided_on))
        .filter(plan_e::Column::Id.eq(id))
        .filter(plan_e::Column::Status.eq(from.as_str()));
    if event == PlanEvent::Adopt {
        update = update.col_expr(plan_e::Column::DecisionMinutes, Expr::value(comment.to_owned()));
    }
    if update.exec(&txn).await?.rows_affected == 0 {
        return Err(AppError::conflict("Planen ändrades av någon annan. Läs in den igen."));
    }
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
    Ok(plan_e::ActiveModel {
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
        decided_on: Set(None),
        decision_minutes: Set(String::new()),
        updated_at: Set(now),
        updated_by: Set(by.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?)
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
    let txn = db.begin().await?;
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
    let txn = db.begin().await?;
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

/// What changed from plan `from` to plan `to` (same object), for anyone who
/// may read both.
pub async fn compare<C: ConnectionTrait>(ctx: &Ctx, db: &C, from: i32, to: i32) -> Result<Comparison, AppError> {
    let a = get(ctx, db, from).await?;
    let b = get(ctx, db, to).await?;
    if a.object_id != b.object_id {
        return Err(AppError::validation(
            "to",
            "Planerna hör till olika förvaltningsobjekt.",
        ));
    }
    let r = |p: &PlanDto| PlanRef {
        id: p.id,
        year: p.year,
        revision: p.revision,
        status: p.status,
    };
    Ok(Comparison {
        object_name: b.object_name.clone(),
        from: r(&a),
        to: r(&b),
        diff: super::diff::diff(&a.content, a.settings, &b.content, b.settings),
    })
}

/// What the portfolio reads of a plan: its stored totals, not its document.
#[derive(Debug, sea_orm::FromQueryResult)]
struct PlanTotals {
    id: i32,
    object_id: i32,
    year: i32,
    status: String,
    total_ore: i64,
    vm_ore: i64,
    vu_ore: i64,
    business_ore: i64,
    it_ore: i64,
    fte_hundredths: i64,
}

fn totals(p: &PlanTotals) -> Totals {
    Totals {
        total: Sek::from_ore(p.total_ore),
        vm: Sek::from_ore(p.vm_ore),
        vu: Sek::from_ore(p.vu_ore),
        business: Sek::from_ore(p.business_ore),
        it: Sek::from_ore(p.it_ore),
        fte: plan::Fte::from_hundredths(p.fte_hundredths),
    }
}

/// Every object's adopted plan for `year` and the year before, summed per
/// family and for the region; read from the totals stored with each plan.
pub async fn portfolio<C: ConnectionTrait>(ctx: &Ctx, db: &C, year: i32) -> Result<Portfolio, AppError> {
    require_signed_in(ctx)?;
    let year = plan::PlanYear::new(year)
        .map_err(|m| AppError::validation("year", m))?
        .get();
    // The year's and last year's sums; refused, not wrapped, if they overflow.
    let sum_too_large = || AppError::validation("year", "Årets summor blir för stora att räkna med.");
    let families = object_family::Entity::find()
        .order_by_asc(object_family::Column::SortOrder)
        .all(db)
        .await?;
    let objects = governance_object::Entity::find()
        .order_by_asc(governance_object::Column::Name)
        .all(db)
        .await?;
    use plan_e::Column as P;
    let plans = plan_e::Entity::find()
        .select_only()
        .columns([
            P::Id,
            P::ObjectId,
            P::Year,
            P::Status,
            P::TotalOre,
            P::VmOre,
            P::VuOre,
            P::BusinessOre,
            P::ItOre,
            P::FteHundredths,
        ])
        .filter(P::Year.is_in([year, year - 1]))
        .order_by_asc(P::Revision)
        .into_model::<PlanTotals>()
        .all(db)
        .await?;
    // Later revisions overwrite earlier ones.
    let mut adopted: HashMap<(i32, i32), &PlanTotals> = HashMap::new();
    let mut newest: HashMap<i32, &PlanTotals> = HashMap::new();
    for p in &plans {
        if p.status == PlanStatus::Faststalld.as_str() {
            adopted.insert((p.object_id, p.year), p);
        }
        if p.year == year {
            newest.insert(p.object_id, p);
        }
    }
    let mut out = Portfolio {
        year,
        families: vec![],
        sum: Totals::default(),
        last_year_sum: Totals::default(),
        not_adopted: 0,
    };
    for f in families {
        let mut fam = PortfolioFamily {
            name: f.name,
            rows: vec![],
            sum: Totals::default(),
            last_year_sum: Totals::default(),
        };
        for o in objects.iter().filter(|o| o.family_id == f.id) {
            let now = adopted.get(&(o.id, year)).copied();
            let before = adopted.get(&(o.id, year - 1)).copied();
            if let Some(p) = now {
                fam.sum = fam.sum.checked_plus(totals(p)).ok_or_else(sum_too_large)?;
            } else {
                out.not_adopted += 1;
            }
            if let Some(p) = before {
                fam.last_year_sum = fam.last_year_sum.checked_plus(totals(p)).ok_or_else(sum_too_large)?;
            }
            fam.rows.push(PortfolioRow {
                object_id: o.id,
                object_name: o.name.clone(),
                plan_id: now.map(|p| p.id).or_else(|| newest.get(&o.id).map(|p| p.id)),
                status: newest.get(&o.id).and_then(|p| PlanStatus::parse(&p.status)),
                adopted: now.map(totals),
                last_year: before.map(totals),
            });
        }
        out.sum = out.sum.checked_plus(fam.sum).ok_or_else(sum_too_large)?;
        out.last_year_sum = out
            .last_year_sum
            .checked_plus(fam.last_year_sum)
            .ok_or_else(sum_too_large)?;
        out.families.push(fam);
    }
    Ok(out)
}
