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
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, RelationDef, RelationTrait, Select,
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
    pub email: String,
    pub phone: String,
    /// Still employed: only active people sign in or are chosen.
    pub active: bool,
}

impl From<person::Model> for Person {
    fn from(p: person::Model) -> Self {
        Person {
            id: p.id,
            unit_id: p.unit_id,
            name: format!("{} {}", p.given_name, p.family_name),
            username: p.username,
            email: p.email,
            phone: p.phone,
            active: p.active,
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
    let Some(q) = crate::domain::search::term(q).map_err(|m| AppError::validation("q", m))? else {
        return Ok(vec![]);
    };
    // Two letters at least, wildcards not counted.
    let pattern = crate::domain::search::contains_pattern(q);
    if pattern.chars().count() < 2 + 2 {
        return Ok(vec![]);
    }
    let people = person::Entity::find()
        .filter(person::Column::Active.eq(true))
        .filter(
            Condition::any()
                .add(lowered(person::Column::GivenName).like(pattern.clone()))
                .add(lowered(person::Column::FamilyName).like(pattern.clone()))
                .add(lowered(person::Column::Username).like(pattern)),
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

/// The person `id`, active or not (one query).
pub async fn person<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<Person>, AppError> {
    Ok(person::Entity::find_by_id(id).one(db).await?.map(Person::from))
}

/// The person whose username is exactly `username`, active or not (one query).
pub async fn person_by_username<C: ConnectionTrait>(db: &C, username: &str) -> Result<Option<Person>, AppError> {
    Ok(person::Entity::find()
        .filter(person::Column::Username.eq(username))
        .one(db)
        .await?
        .map(Person::from))
}

/// The person whose e-mail address is `email`, compared without regard to
/// case, active or not (one query).
pub async fn person_by_email<C: ConnectionTrait>(db: &C, email: &str) -> Result<Option<Person>, AppError> {
    Ok(by_email(email).one(db).await?.map(Person::from))
}

/// `lower(column)` of the person table: what the expression indexes of
/// migration 33 hold, so that a lookup without regard to case is one.
fn lowered(c: person::Column) -> Expr {
    Expr::expr(Func::lower(Expr::col((person::Entity, c))))
}

/// The person whose lowered e-mail address is `email`'s.
fn by_email(email: &str) -> sea_orm::Select<person::Entity> {
    person::Entity::find().filter(lowered(person::Column::Email).eq(email.to_lowercase()))
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
    let mut out = HashMap::new();
    for chunk in distinct(ids).chunks(LOOKUP_CHUNK) {
        for p in person::Entity::find()
            .filter(person::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(p.id, Person::from(p));
        }
    }
    Ok(out)
}

/// `ids` once each, in order: a page's rows name the same people and cost
/// centres many times, and a long `IN` list costs its planning.
fn distinct(ids: impl IntoIterator<Item = i32>) -> Vec<i32> {
    let set: std::collections::BTreeSet<i32> = ids.into_iter().collect();
    set.into_iter().collect()
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

/// The name of unit `id`, if there is one (one query).
pub async fn unit_name<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<String>, AppError> {
    Ok(unit::Entity::find_by_id(id).one(db).await?.map(|u| u.name))
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

/// Stored role codes as roles, sorted and each once; a code this build does
/// not know is left out.
fn sorted_roles<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<Role> {
    let mut roles: Vec<Role> = codes.into_iter().filter_map(|r| r.parse().ok()).collect();
    roles.sort();
    roles.dedup();
    roles
}

/// The person's global roles (a role on a cost centre counts once), sorted
/// (one query).
pub async fn global_roles<C: ConnectionTrait>(db: &C, person_id: i32) -> Result<Vec<Role>, AppError> {
    let codes: Vec<String> = person_role::Entity::find()
        .select_only()
        .column(person_role::Column::Role)
        .filter(person_role::Column::PersonId.eq(person_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(sorted_roles(codes.iter().map(String::as_str)))
}

/// A person as a caller: who signs in, under which name, whether they may,
/// and their global roles. Read by [`with_account`] in the same statement
/// as the row that names the person (a session), so that resolving a caller
/// on every request stays one round trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub username: String,
    /// Given and family name.
    pub name: String,
    pub active: bool,
    pub roles: Vec<Role>,
}

/// The directory's columns of one row of [`with_account`]: the person and
/// one of their roles (`None`: they hold none). Nest it in the caller's row
/// type with `#[sea_orm(nested)]` and fold the rows with [`Account::of`].
#[derive(Debug, FromQueryResult)]
pub struct AccountRow {
    account_username: String,
    account_given_name: String,
    account_family_name: String,
    account_active: bool,
    account_role: Option<String>,
}

/// `select` (rows of a table that names a person) with the person's account
/// and global roles joined in: one row per role, or one row without a role.
/// `to_person` is the relation from the selected table to `person`; a row
/// whose person does not exist is left out.
///
/// `person` is that person's id as the statement can know it before any
/// join: a value, or a scalar subquery of the selected table by its key.
/// `person.id` is pinned to it, so that both databases read the person by
/// its primary key whatever their statistics say of the selected table.
/// Without it, PostgreSQL once joined a session to its person by merging
/// along `person_pkey` from the first person on: its statistics of
/// `session` (analyzed while it held only low person ids) promised an
/// early end, and the lookup that runs on every request read 520 000
/// index entries, 400 ms, until autovacuum analyzed `session` again.
pub fn with_account<E: EntityTrait>(
    select: Select<E>,
    to_person: RelationDef,
    person: sea_orm::sea_query::SimpleExpr,
) -> Select<E> {
    select
        .column_as(person::Column::Username, "account_username")
        .column_as(person::Column::GivenName, "account_given_name")
        .column_as(person::Column::FamilyName, "account_family_name")
        .column_as(person::Column::Active, "account_active")
        .column_as(person_role::Column::Role, "account_role")
        .join(JoinType::InnerJoin, to_person)
        .join(JoinType::LeftJoin, person::Relation::PersonRole.def())
        .filter(Expr::col((person::Entity, person::Column::Id)).eq(person))
}

impl Account {
    /// The account in `rows` (the rows of one person from [`with_account`]);
    /// `None` for no rows.
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a AccountRow>) -> Option<Account> {
        let mut rows = rows.into_iter().peekable();
        let first = rows.peek().copied()?;
        let mut account = Account {
            username: first.account_username.clone(),
            name: format!("{} {}", first.account_given_name, first.account_family_name),
            active: first.account_active,
            roles: vec![],
        };
        account.roles = sorted_roles(rows.filter_map(|r| r.account_role.as_deref()));
        Some(account)
    }
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
    let mut out = HashMap::new();
    for chunk in distinct(ids).chunks(LOOKUP_CHUNK) {
        for c in cost_center::Entity::find()
            .filter(cost_center::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(c.id, format!("{} {}", c.code, c.name));
        }
    }
    Ok(out)
}

pub(crate) fn address_dto(a: delivery_address::Model) -> DeliveryAddressDto {
    DeliveryAddressDto {
        id: a.id,
        label: a.label,
        street: a.street,
        postal_code: a.postal_code,
        city: a.city,
        is_stock: a.is_stock,
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

/// The email addresses of the active people among `ids` who have one, by
/// id (one statement per 500).
pub async fn emails_of<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        let rows: Vec<(i32, String)> = person::Entity::find()
            .select_only()
            .column(person::Column::Id)
            .column(person::Column::Email)
            .filter(person::Column::Id.is_in(chunk.iter().copied()))
            .filter(person::Column::Active.eq(true))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(
            rows.into_iter()
                .map(|(id, e)| (id, e.trim().to_owned()))
                .filter(|(_, e)| !e.is_empty()),
        );
    }
    Ok(out)
}

/// How many keys one `IN` list of the lookups below takes (well under
/// either database's limit on bound parameters).
const LOOKUP_CHUNK: usize = 500;

/// The cost centres among `ids`, active or not, by id.
pub async fn cost_centers<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, CostCenter>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        for c in cost_center::Entity::find()
            .filter(cost_center::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            out.insert(
                c.id,
                CostCenter {
                    id: c.id,
                    unit_id: c.unit_id,
                    code: c.code,
                    name: c.name,
                },
            );
        }
    }
    Ok(out)
}

/// The cost centres whose finance-system codes are among `codes` (exactly,
/// after trimming), by code, each with whether it is active.
pub async fn cost_centers_by_code<C: ConnectionTrait>(
    db: &C,
    codes: &[String],
) -> Result<HashMap<String, (CostCenter, bool)>, AppError> {
    let codes: Vec<String> = codes
        .iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let mut out = HashMap::new();
    for chunk in codes.chunks(LOOKUP_CHUNK) {
        for c in cost_center::Entity::find()
            .filter(cost_center::Column::Code.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            let active = c.active;
            out.insert(
                c.code.clone(),
                (
                    CostCenter {
                        id: c.id,
                        unit_id: c.unit_id,
                        code: c.code,
                        name: c.name,
                    },
                    active,
                ),
            );
        }
    }
    Ok(out)
}

/// The people whose username or email address is among `keys` (in any
/// case), active or not, by each of their username and email in lower case.
pub async fn people_by_login<C: ConnectionTrait>(db: &C, keys: &[String]) -> Result<HashMap<String, Person>, AppError> {
    let keys: Vec<String> = keys
        .iter()
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty())
        .collect();
    let mut out = HashMap::new();
    for chunk in keys.chunks(LOOKUP_CHUNK) {
        for p in by_login(chunk).all(db).await? {
            let p = Person::from(p);
            out.insert(p.email.trim().to_lowercase(), p.clone());
            out.insert(p.username.to_lowercase(), p);
        }
    }
    Ok(out)
}

/// The people whose lowered username or e-mail address is among `keys`
/// (already lowered).
fn by_login(keys: &[String]) -> sea_orm::Select<person::Entity> {
    person::Entity::find().filter(
        Condition::any()
            .add(lowered(person::Column::Username).is_in(keys.iter().cloned()))
            .add(lowered(person::Column::Email).is_in(keys.iter().cloned())),
    )
}

/// Every förvaltning as `(id, name)`, by name.
pub async fn administrations<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, String)>, AppError> {
    Ok(crate::entities::administration::Entity::find()
        .select_only()
        .column(crate::entities::administration::Column::Id)
        .column(crate::entities::administration::Column::Name)
        .order_by_asc(crate::entities::administration::Column::Name)
        .into_tuple()
        .all(db)
        .await?)
}

/// The active people who hold `role` (globally or on a cost centre), as
/// `(id, name)` by name.
pub async fn holders_of<C: ConnectionTrait>(db: &C, role: Role) -> Result<Vec<(i32, String)>, AppError> {
    let ids: Vec<i32> = person_role::Entity::find()
        .select_only()
        .column(person_role::Column::PersonId)
        .filter(person_role::Column::Role.eq(role.as_str()))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut out: Vec<(i32, String)> = people(db, ids)
        .await?
        .into_values()
        .filter(|p| p.active)
        .map(|p| (p.id, p.name))
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}
