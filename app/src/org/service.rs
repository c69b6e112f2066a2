//! Queries over the organisation. Generic over the connection so they run on
//! the pool or inside a transaction.

use super::dto::*;
use crate::ctx::Ctx;
use crate::entities::{administration, cost_center, delivery_address, unit};
use crate::error::AppError;
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter};
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

/// One row of [`list_units`]' statement: a unit with its förvaltning
/// (`part` 0), one of its cost centres (1) or one of its delivery addresses
/// (2); `a`–`d` and `flag` hold each part's own fields.
#[derive(Debug, FromQueryResult)]
struct UnitRow {
    part: i32,
    unit_id: i32,
    id: i32,
    a: String,
    b: String,
    c: String,
    d: String,
    flag: bool,
}

/// One page of units with their förvaltning, cost centres and addresses, in
/// one statement whatever the page size: the page's unit ids are chosen
/// once (a common table expression), and the units, their cost centres and
/// their addresses are read from it as the three parts of one `UNION ALL`.
pub async fn list_units<C: ConnectionTrait>(_ctx: &Ctx, db: &C, query: UnitQuery) -> Result<UnitPage, AppError> {
    use sea_orm::sea_query::{
        Alias, CommonTableExpression, ExprTrait, Order, Query, SelectStatement, UnionType, WithClause,
    };
    let limit = query.limit.clamp(1, MAX_PAGE);
    let q = crate::domain::search::term(query.q.as_deref().unwrap_or_default())
        .map_err(|m| AppError::validation("q", m))?;
    let mut page = Query::select();
    page.column(unit::Column::Id)
        .from(unit::Entity)
        .order_by(unit::Column::Id, Order::Asc)
        .limit(limit + 1);
    if let Some(after) = query.after {
        page.and_where(Expr::col(unit::Column::Id).gt(after));
    }
    if let Some(q) = q {
        let pattern = crate::domain::search::contains_pattern(q);
        page.cond_where(
            sea_orm::Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(unit::Column::Name))).like(pattern.clone()))
                .add(Expr::expr(Func::lower(Expr::col(unit::Column::Code))).like(pattern)),
        );
    }
    let on_page = || {
        Query::select()
            .column(Alias::new("id"))
            .from(Alias::new("page"))
            .to_owned()
    };
    let part = |n: i32, unit_id: SimpleExpr, id: SimpleExpr, fields: [SimpleExpr; 5]| {
        let mut s = Query::select();
        s.expr_as(Expr::cust(n.to_string()), Alias::new("part"))
            .expr_as(unit_id.clone(), Alias::new("unit_id"))
            .expr_as(id, Alias::new("id"));
        for (field, name) in fields.into_iter().zip(["a", "b", "c", "d", "flag"]) {
            s.expr_as(field, Alias::new(name));
        }
        s.and_where(unit_id.in_subquery(on_page()));
        s
    };
    let col = |table: Alias, c: &str| SimpleExpr::from(Expr::col((table, Alias::new(c))));
    let (u, a, cc, da) = (Alias::new("u"), Alias::new("a"), Alias::new("cc"), Alias::new("da"));
    let mut units: SelectStatement = part(
        0,
        col(u.clone(), "id"),
        col(u.clone(), "id"),
        [
            col(u.clone(), "code"),
            col(u.clone(), "name"),
            col(a.clone(), "code"),
            col(a.clone(), "name"),
            Expr::cust("false"),
        ],
    );
    units.from_as(unit::Entity, u.clone()).inner_join(
        sea_orm::sea_query::TableRef::TableAlias(
            sea_orm::sea_query::SeaRc::new(administration::Entity),
            sea_orm::sea_query::SeaRc::new(a.clone()),
        ),
        Expr::col((a.clone(), Alias::new("id"))).equals((u.clone(), Alias::new("administration_id"))),
    );
    let mut centers = part(
        1,
        col(cc.clone(), "unit_id"),
        col(cc.clone(), "id"),
        [
            col(cc.clone(), "code"),
            col(cc.clone(), "name"),
            Expr::cust("''"),
            Expr::cust("''"),
            col(cc.clone(), "active"),
        ],
    );
    centers.from_as(cost_center::Entity, cc.clone());
    let mut addresses = part(
        2,
        col(da.clone(), "unit_id"),
        col(da.clone(), "id"),
        [
            col(da.clone(), "label"),
            col(da.clone(), "street"),
            col(da.clone(), "postal_code"),
            col(da.clone(), "city"),
            col(da.clone(), "is_stock"),
        ],
    );
    addresses.from_as(delivery_address::Entity, da);
    let statement = units
        .union(UnionType::All, centers)
        .union(UnionType::All, addresses)
        .to_owned()
        .with(
            WithClause::new()
                .cte(
                    CommonTableExpression::new()
                        .query(page)
                        .table_name(Alias::new("page"))
                        .to_owned(),
                )
                .to_owned(),
        );
    let mut rows = UnitRow::find_by_statement(db.get_database_backend().build(&statement))
        .all(db)
        .await?;
    // Units in id order, each followed by its cost centres in code order and
    // its addresses in id order.
    rows.sort_by(|x, y| {
        (x.unit_id, x.part)
            .cmp(&(y.unit_id, y.part))
            .then_with(|| match x.part {
                1 => x.a.cmp(&y.a).then(x.id.cmp(&y.id)),
                _ => x.id.cmp(&y.id),
            })
    });
    let mut items: Vec<UnitDto> = Vec::new();
    for r in rows {
        match r.part {
            0 => items.push(UnitDto {
                id: r.id,
                code: r.a,
                name: r.b,
                administration: AdministrationRef { code: r.c, name: r.d },
                cost_centers: Vec::new(),
                delivery_addresses: Vec::new(),
            }),
            1 => {
                if let Some(unit) = items.last_mut().filter(|u| u.id == r.unit_id) {
                    unit.cost_centers.push(CostCenterDto {
                        id: r.id,
                        code: r.a,
                        name: r.b,
                        active: r.flag,
                    });
                }
            }
            _ => {
                if let Some(unit) = items.last_mut().filter(|u| u.id == r.unit_id) {
                    unit.delivery_addresses.push(DeliveryAddressDto {
                        id: r.id,
                        label: r.a,
                        street: r.b,
                        postal_code: r.c,
                        city: r.d,
                        is_stock: r.flag,
                    });
                }
            }
        }
    }
    let has_more = items.len() as u64 > limit;
    items.truncate(limit as usize);
    let next_cursor = if has_more {
        items.last().map(|u| u.id.to_string())
    } else {
        None
    };
    Ok(UnitPage { items, next_cursor })
}

/// Units matching `q` grouped by förvaltning (sorted by name), at most
/// [`MAX_PAGE`] units.
pub async fn tree<C: ConnectionTrait>(ctx: &Ctx, db: &C, q: Option<String>) -> Result<OrgTree, AppError> {
    let page = list_units(
        ctx,
        db,
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
