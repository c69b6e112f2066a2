//! The directory: who people are, which unit they belong to, which cost
//! centres they may charge and where a unit takes deliveries. Other areas
//! ask these questions here instead of reading the organisation's tables;
//! their services check the caller first, so these reads take no `Ctx`
//! (except the people search, which is a question the browser asks).

use super::dto::{DeliveryAddressDto, PersonRef};
use crate::ctx::Ctx;
use crate::domain::roles::Role;
use crate::entities::{cost_center, delivery_address, person, person_role, unit};
use crate::error::AppError;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

#[cfg(test)]
mod tests;

/// A person of the directory, as another area's service sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i32,
    pub unit_id: i32,
    /// Given and family name.
    pub name: String,
    pub username: String,
    pub phone: String,
}

impl From<person::Model> for Person {
    fn from(p: person::Model) -> Self {
        Person {
            id: p.id,
            unit_id: p.unit_id,
            name: format!("{} {}", p.given_name, p.family_name),
            username: p.username,
            phone: p.phone,
        }
    }
}

impl Person {
    fn to_ref(&self, unit: &str) -> PersonRef {
        PersonRef {
            id: self.id,
            name: self.name.clone(),
            username: self.username.clone(),
            unit: unit.to_owned(),
            phone: self.phone.clone(),
        }
    }
}

/// An active cost centre someone may charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostCenter {
    pub id: i32,
    pub unit_id: i32,
    /// The finance system's code, e.g. `41210`.
    pub code: String,
    pub name: String,
}

impl CostCenter {
    /// Code and name, as orders show it: `41210 Kardiologi`.
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.name)
    }
}

/// Active people whose name or username contains `q` (from two characters;
/// at most 10), for choosing a colleague: the recipient of an order, a
/// person on a governance object. The region's directory is open to
/// everyone signed in (names, usernames and units, nothing more).
pub async fn search_people<C: ConnectionTrait>(ctx: &Ctx, db: &C, q: &str) -> Result<Vec<PersonRef>, AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let q = q.trim().to_lowercase().replace(['%', '_'], "");
    if q.chars().count() < 2 {
        return Ok(vec![]);
    }
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
    let units = unit_names(db, people.iter().map(|p| p.unit_id)).await?;
    Ok(people
        .into_iter()
        .map(|p| {
            let unit = units.get(&p.unit_id).cloned().unwrap_or_default();
            Person::from(p).to_ref(&unit)
        })
        .collect())
}

/// The active people among `ids`, in no particular order (one query).
pub async fn active_people<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<Vec<Person>, AppError> {
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .filter(person::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(Person::from)
        .collect())
}

/// The people among `ids`, active or not, by id (one query).
pub async fn people<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, Person>, AppError> {
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, Person::from(p)))
        .collect())
}

/// How many of `ids` are people of the directory, active or not.
pub async fn count_people<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = i32>) -> Result<u64, AppError> {
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .count(db)
        .await?)
}

/// `people` as the browser shows them, with their unit's name, by id; a
/// unit that is missing is an internal error.
pub async fn person_refs<C: ConnectionTrait>(db: &C, people: &[&Person]) -> Result<HashMap<i32, PersonRef>, AppError> {
    let units = unit_names(db, people.iter().map(|p| p.unit_id)).await?;
    people
        .iter()
        .map(|p| Ok((p.id, p.to_ref(units.get(&p.unit_id).ok_or(AppError::Internal)?))))
        .collect()
}

async fn unit_names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    Ok(unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// The cost centres a requester may charge when ordering for `recipient`:
/// their own unit's, those they attest, and the recipient's unit's; active
/// ones only, each once, in code order.
pub async fn chargeable<C: ConnectionTrait>(
    db: &C,
    requester: &Person,
    recipient: &Person,
) -> Result<Vec<CostCenter>, AppError> {
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
    let mut centers: Vec<CostCenter> = cost_center::Model::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await?
        .into_iter()
        .map(|c| CostCenter {
            id: c.id,
            unit_id: c.unit_id,
            code: c.code,
            name: c.name,
        })
        .collect();
    centers.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(centers)
}

/// Code and name of the cost centres among `ids` (active or not), by id.
pub async fn cost_center_labels<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    Ok(cost_center::Entity::find()
        .filter(cost_center::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, format!("{} {}", c.code, c.name)))
        .collect())
}

fn address_dto(a: delivery_address::Model) -> DeliveryAddressDto {
    DeliveryAddressDto {
        id: a.id,
        label: a.label,
        street: a.street,
        postal_code: a.postal_code,
        city: a.city,
    }
}

/// The delivery addresses of `units`, in id order.
pub async fn addresses<C: ConnectionTrait>(db: &C, units: &[i32]) -> Result<Vec<DeliveryAddressDto>, AppError> {
    Ok(delivery_address::Entity::find()
        .filter(delivery_address::Column::UnitId.is_in(units.iter().copied()))
        .order_by_asc(delivery_address::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(address_dto)
        .collect())
}

/// The delivery address `id` if it is one of `units`' addresses.
pub async fn address_of<C: ConnectionTrait>(
    db: &C,
    id: i32,
    units: &[i32],
) -> Result<Option<DeliveryAddressDto>, AppError> {
    Ok(delivery_address::Entity::find_by_id(id)
        .filter(delivery_address::Column::UnitId.is_in(units.iter().copied()))
        .one(db)
        .await?
        .map(address_dto))
}
