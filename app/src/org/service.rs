//! Queries over the organisation. Generic over the connection so they run on
//! the pool or inside a transaction.

use super::dto::*;
use super::register::UnitRegister;
use crate::ctx::Ctx;
use crate::entities::{administration, cost_center, delivery_address, unit};
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::BTreeMap;

/// The most units one page (or the organisation page) returns.
pub const MAX_PAGE: u64 = 500;

pub async fn summary<C: ConnectionTrait>(_ctx: &Ctx, db: &C) -> Result<OrgSummary, AppError> {
    Ok(OrgSummary {
        administrations: administration::Entity::find().count(db).await?,
        units: unit::Entity::find().count(db).await?,
        cost_centers: cost_center::Entity::find().count(db).await?,
        delivery_addresses: delivery_address::Entity::find().count(db).await?,
    })
}

/// Filter and keyset position for [`list_units`].
#[derive(Debug, Clone, Default)]
pub struct UnitQuery {
    /// Matches unit name or code, case-insensitively.
    pub q: Option<String>,
    /// Return units with an id greater than this (the previous page's cursor).
    pub after: Option<i32>,
    pub limit: u64,
}

/// Parses an API cursor; a tampered cursor is a validation error.
pub fn parse_cursor(cursor: Option<&str>) -> Result<Option<i32>, AppError> {
    match cursor.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => c
            .parse::<i32>()
            .map(Some)
            .map_err(|_| AppError::validation("cursor", "Ogiltig sidmarkör (cursor).")),
    }
}

/// One page of units with their förvaltning, cost centres and addresses,
/// from this instance's copy of the register (`register`): no statement
/// while the copy is fresh, whatever the page size or search.
pub async fn list_units<C: ConnectionTrait>(
    _ctx: &Ctx,
    db: &C,
    register: &UnitRegister,
    query: UnitQuery,
) -> Result<UnitPage, AppError> {
    let limit = query.limit.clamp(1, MAX_PAGE) as usize;
    let q = crate::domain::search::term(query.q.as_deref().unwrap_or_default())
        .map_err(|m| AppError::validation("q", m))?;
    let register = register.get(db).await?;
    let mut items: Vec<UnitDto> = register.page(q, query.after, limit + 1).cloned().collect();
    let has_more = items.len() > limit;
    items.truncate(limit);
    let next_cursor = if has_more {
        items.last().map(|u| u.id.to_string())
    } else {
        None
    };
    Ok(UnitPage { items, next_cursor })
}

/// Units matching `q` grouped by förvaltning (sorted by name), at most
/// [`MAX_PAGE`] units.
pub async fn tree<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    register: &UnitRegister,
    q: Option<String>,
) -> Result<OrgTree, AppError> {
    let page = list_units(
        ctx,
        db,
        register,
        UnitQuery {
            q,
            after: None,
            limit: MAX_PAGE,
        },
    )
    .await?;
    let truncated = page.next_cursor.is_some();
    let mut groups: BTreeMap<(String, String), Vec<UnitDto>> = BTreeMap::new();
    for u in page.items {
        groups
            .entry((u.administration.name.clone(), u.administration.code.clone()))
            .or_default()
            .push(u);
    }
    let administrations = groups
        .into_iter()
        .map(|((name, code), mut units)| {
            units.sort_by(|a, b| a.name.cmp(&b.name));
            AdministrationNode { code, name, units }
        })
        .collect();
    Ok(OrgTree {
        administrations,
        truncated,
    })
}

/// Gives `person_id` the attester role on `cost_center_id` (`holds`) or
/// takes it away: the role that shows the Attestera page and lets them
/// charge the cost centre. Attestation calls it, inside its own
/// transaction, whenever someone's attest rights on the cost centre change;
/// calling it again changes nothing. Only an administrator changes roles.
pub async fn set_attester_role<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    person_id: i32,
    cost_center_id: i32,
    holds: bool,
) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::entities::person_role;
    use sea_orm::{ActiveModelTrait, Set};
    crate::ctx::require(ctx, crate::domain::authz::Permission::Administer)?;
    let held = person_role::Entity::find()
        .filter(person_role::Column::PersonId.eq(person_id))
        .filter(person_role::Column::Role.eq(Role::Attester.as_str()))
        .filter(person_role::Column::CostCenterId.eq(cost_center_id))
        .count(db)
        .await?
        > 0;
    if holds && !held {
        person_role::ActiveModel {
            person_id: Set(person_id),
            role: Set(Role::Attester.as_str().to_owned()),
            cost_center_id: Set(Some(cost_center_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    } else if !holds && held {
        person_role::Entity::delete_many()
            .filter(person_role::Column::PersonId.eq(person_id))
            .filter(person_role::Column::Role.eq(Role::Attester.as_str()))
            .filter(person_role::Column::CostCenterId.eq(cost_center_id))
            .exec(db)
            .await?;
    }
    Ok(())
}
