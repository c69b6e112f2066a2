//! Who the caller is on a governance object: their standing (global and
//! object roles as grants), what that lets them do with a plan, and people's
//! names as the plan pages show them.

use crate::ctx::{Actor, Ctx};
use crate::domain::authz::{permits, Grant, Permission, Scope};
use crate::domain::plan::PlanActor;
use crate::domain::plan::PlanStatus;
use crate::domain::roles::ObjectRole;
use crate::entities::{object_person, plan_event};
use crate::error::AppError;
use crate::org::directory;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
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

/// The caller's standing on an object.
pub(crate) async fn roles_on<C: ConnectionTrait>(db: &C, ctx: &Ctx, object_id: i32) -> Result<Standing, AppError> {
    let mut grants = ctx.global_grants();
    let person_id = match &ctx.actor {
        Actor::Person { id, .. } | Actor::Token { owner_id: id, .. } => Some(*id),
        Actor::Anonymous | Actor::System | Actor::Supplier { .. } => None,
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
    Ok(directory::person(db, id)
        .await?
        .map(|p| p.name)
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
pub(super) fn submitted_by(events: &[plan_event::Model], person: Option<i32>) -> bool {
    events
        .iter()
        .rev()
        .find(|e| e.to_status == PlanStatus::UnderAvstamning.as_str())
        .is_some_and(|e| person.is_some() && e.actor_id == person)
}

/// People's names by id, as the pages show them ("Förnamn Efternamn").
pub(super) async fn names_of<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<HashMap<i32, String>, AppError> {
    Ok(directory::people(db, ids)
        .await?
        .into_iter()
        .map(|(id, p)| (id, p.name))
        .collect())
}
