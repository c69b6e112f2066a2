//! Attest rights maintained by an administrator: list, add, change and end
//! one; replace those of a cost centre or a person (the API); import the
//! finance system's file ([`import`]); and the auto-approval rules
//! ([`auto_rules`]).
//!
//! The rules every write keeps:
//! - only an administrator changes attest rights, and never their own
//!   (`domain::duties::check_attest_rights`);
//! - a limit is more than 0 kr and at most [`MAX_LIMIT`]; a right's last day
//!   is neither before its first nor in the past; the person is employed
//!   and the cost centre active;
//! - a person has at most one open (current or coming) right per cost
//!   centre: a second one for the same pair changes the first;
//! - the person holds the attester role on the cost centre (what shows the
//!   Attestera page) exactly while they hold an open right there — kept by
//!   the organisation's `set_attester_role` in the same transaction, with an
//!   audit row for every right written.

pub mod auto_rules;
mod batch;
pub mod import;
mod replace;

pub(crate) use batch::{open_on, open_rights_of, plan, write, Counts, Refs, Step, Wanted};
pub use replace::replace_rights;

#[cfg(test)]
mod tests;

use super::admin_dto::*;
use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::domain::duties::check_attest_rights;
use crate::domain::format::{parse_decimal, DecimalError};
use crate::domain::money::Sek;
use crate::entities::attest_right;
use crate::error::AppError;
use crate::org::directory::Person;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};

/// The highest attest limit: 100 000 000 kr per order.
pub const MAX_LIMIT: Sek = Sek::from_kronor(100_000_000);
/// The most rights one list returns (narrow the filter for the rest).
pub const LIST_LIMIT: u64 = 500;
/// The most rights one replacement or one file carries.
pub const MAX_ROWS: usize = 20_000;

const DATE_HINT: &str = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-01.";

/// An amount in öre, checked: more than 0 kr and at most [`MAX_LIMIT`].
/// `noun` names it in the message (`Attestgränsen`, `Beloppet`).
pub fn check_amount(ore: i64, noun: &str) -> Result<Sek, String> {
    if ore <= 0 {
        Err(format!("{noun} måste vara större än 0 kr."))
    } else if ore > MAX_LIMIT.ore() {
        Err(format!("{noun} kan vara högst 100 000 000 kr."))
    } else {
        Sek::entered(ore).map_err(str::to_owned)
    }
}

/// An amount typed in kronor the Swedish way (`50 000`, `12 500,50 kr`),
/// checked as [`check_amount`].
pub fn parse_amount(input: &str, noun: &str) -> Result<Sek, String> {
    match parse_decimal(input, 2, MAX_LIMIT.ore()) {
        Ok(ore) => check_amount(ore, noun),
        Err(DecimalError::Empty) => Err(format!("Ange {} i kronor, till exempel 50 000.", noun.to_lowercase())),
        Err(DecimalError::Negative) => Err(format!("{noun} måste vara större än 0 kr.")),
        Err(DecimalError::NotANumber) => Err(format!(
            "Skriv {} med siffror, till exempel 50 000.",
            noun.to_lowercase()
        )),
        Err(DecimalError::TooManyDecimals) => Err(format!("{noun} kan ha högst två decimaler.")),
        Err(DecimalError::TooLarge) => Err(format!("{noun} kan vara högst 100 000 000 kr.")),
    }
}

/// An attest limit in öre, checked.
pub fn check_limit(ore: i64) -> Result<Sek, String> {
    check_amount(ore, "Attestgränsen")
}

/// An attest limit typed in kronor.
pub fn parse_limit(input: &str) -> Result<Sek, String> {
    parse_amount(input, "Attestgränsen")
}

/// A date typed as `YYYY-MM-DD`.
pub fn parse_day(input: &str) -> Result<NaiveDate, &'static str> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| DATE_HINT)
}

/// An optional date: empty is `None` (until further notice).
pub fn parse_optional_day(input: &str) -> Result<Option<NaiveDate>, &'static str> {
    match input.trim() {
        "" => Ok(None),
        s => parse_day(s).map(Some),
    }
}

/// A right's period, checked on `today`: the last day neither before the
/// first nor already past (ending a right is its own action).
pub fn check_period(from: NaiveDate, to: Option<NaiveDate>, today: NaiveDate) -> Result<(), &'static str> {
    match to {
        Some(to) if to < from => Err("Slutdatum kan inte ligga före startdatum."),
        Some(to) if to < today => Err("Slutdatum har redan passerat. Avsluta attesträtten i stället."),
        _ => Ok(()),
    }
}

/// Segregation of duties: `ctx` may change `person`'s attest rights.
pub(crate) fn duty(ctx: &Ctx, person: &Person) -> Result<(), AppError> {
    check_attest_rights(ctx.person_id().unwrap_or(0), &ctx.global_grants(), person.id)
        .map_err(|e| AppError::ForbiddenWithMessage { message: e.message() })
}

/// The rights of `models` as the browser and the API show them.
async fn dtos<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    models: Vec<attest_right::Model>,
    today: NaiveDate,
) -> Result<Vec<AttestRightDto>, AppError> {
    let people = crate::org::directory::people(db, models.iter().map(|r| r.person_id)).await?;
    let centers = crate::org::directory::cost_centers(db, models.iter().map(|r| r.cost_center_id)).await?;
    let me = ctx.person_id();
    let mut out: Vec<AttestRightDto> = models
        .into_iter()
        .map(|r| {
            let p = people.get(&r.person_id).ok_or(AppError::Internal)?;
            let c = centers.get(&r.cost_center_id).ok_or(AppError::Internal)?;
            Ok(AttestRightDto {
                id: r.id,
                person_id: r.person_id,
                person: p.name.clone(),
                username: p.username.clone(),
                cost_center_id: r.cost_center_id,
                cost_center_code: c.code.clone(),
                cost_center_name: c.name.clone(),
                limit: Sek::from_ore(r.limit_ore),
                valid_from: r.valid_from,
                valid_to: r.valid_to,
                state: RightState::of(r.valid_from, r.valid_to, today),
                mine: me == Some(r.person_id),
            })
        })
        .collect::<Result<_, AppError>>()?;
    out.sort_by(|a, b| {
        (&a.cost_center_code, &a.person, a.valid_from).cmp(&(&b.cost_center_code, &b.person, b.valid_from))
    });
    Ok(out)
}

/// The people a list filter's `person` means: the one with that username or
/// email address, else the employed people whose name contains it.
async fn people_matching<C: ConnectionTrait>(ctx: &Ctx, db: &C, q: &str) -> Result<Vec<i32>, AppError> {
    let exact = crate::org::directory::people_by_login(db, &[q.to_owned()]).await?;
    if let Some(p) = exact.get(&q.to_lowercase()) {
        return Ok(vec![p.id]);
    }
    Ok(crate::org::directory::search_people(ctx, db, q)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// Attest rights by cost centre code and person name, current and coming
/// ones (and ended ones when asked), at most [`LIST_LIMIT`].
pub async fn list_rights<C: ConnectionTrait>(ctx: &Ctx, db: &C, filter: &RightFilter) -> Result<RightList, AppError> {
    require(ctx, Permission::Administer)?;
    let today = crate::attest::service::today();
    let mut select = attest_right::Entity::find();
    if let Some(code) = filter.cost_center.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        let centers = crate::org::directory::cost_centers_by_code(db, &[code.to_owned()]).await?;
        let Some((c, _)) = centers.get(code) else {
            return Ok(RightList::default());
        };
        select = select.filter(attest_right::Column::CostCenterId.eq(c.id));
    }
    if let Some(q) = filter.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        let ids = people_matching(ctx, db, q).await?;
        if ids.is_empty() {
            return Ok(RightList::default());
        }
        select = select.filter(attest_right::Column::PersonId.is_in(ids));
    }
    if !filter.include_ended {
        select = select.filter(open_on(today));
    }
    let mut models = select
        .order_by_asc(attest_right::Column::CostCenterId)
        .order_by_asc(attest_right::Column::PersonId)
        .order_by_asc(attest_right::Column::ValidFrom)
        .limit(LIST_LIMIT + 1)
        .all(db)
        .await?;
    let truncated = models.len() as u64 > LIST_LIMIT;
    models.truncate(LIST_LIMIT as usize);
    Ok(RightList {
        rights: dtos(db, ctx, models, today).await?,
        truncated,
    })
}

/// One right by id, as the list shows it.
async fn one<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: i32, today: NaiveDate) -> Result<AttestRightDto, AppError> {
    let row = attest_right::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Attesträtten finns inte."))?;
    dtos(db, ctx, vec![row], today).await?.pop().ok_or(AppError::Internal)
}

/// Gives a person attest rights on a cost centre (the add form).
pub async fn add_right<C>(ctx: &Ctx, db: &C, form: &RightForm) -> Result<AttestRightDto, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::Administer)?;
    let today = crate::attest::service::today();
    let refs = Refs::load(
        db,
        std::slice::from_ref(&form.person),
        std::slice::from_ref(&form.cost_center),
    )
    .await?;
    let person = refs
        .person(&form.person)
        .map_err(|m| AppError::validation("person", m))?
        .clone();
    duty(ctx, &person)?;
    let center = refs
        .center(&form.cost_center)
        .map_err(|m| AppError::validation("cost_center", m))?
        .clone();
    let limit = parse_limit(&form.limit).map_err(|m| AppError::validation("limit", m))?;
    let from = parse_day(&form.valid_from).map_err(|m| AppError::validation("valid_from", m))?;
    let to = parse_optional_day(&form.valid_to).map_err(|m| AppError::validation("valid_to", m))?;
    check_period(from, to, today).map_err(|m| AppError::validation("valid_to", m))?;
    let open = open_rights_of(db, &[person.id], today).await?;
    if let Some(r) = open.iter().find(|r| r.cost_center_id == center.id) {
        return Err(AppError::validation(
            "person",
            format!(
                "{} har redan attesträtt för {} (upp till {}). Ändra den i stället.",
                person.name,
                center.label(),
                Sek::from_ore(r.limit_ore)
            ),
        ));
    }
    let steps = vec![Step::Create(Wanted {
        person,
        center,
        limit,
        from,
        to,
    })];
    let txn = crate::db::begin_write(db).await?;
    let ids = write(&txn, ctx, &steps, "form", today).await?;
    txn.commit().await?;
    one(db, ctx, ids.first().copied().ok_or(AppError::Internal)?, today).await
}

/// Changes the limit or the dates of an open right (the person and the cost
/// centre stay: for another, end this one and add a new).
pub async fn change_right<C>(ctx: &Ctx, db: &C, change: &RightChange) -> Result<AttestRightDto, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::Administer)?;
    let today = crate::attest::service::today();
    let row = attest_right::Entity::find_by_id(change.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Attesträtten finns inte."))?;
    let person = crate::org::directory::person(db, row.person_id)
        .await?
        .ok_or(AppError::Internal)?;
    duty(ctx, &person)?;
    if row.valid_to.is_some_and(|t| t < today) {
        return Err(AppError::conflict(
            "Attesträtten är redan avslutad. Lägg till en ny i stället.",
        ));
    }
    let limit = parse_limit(&change.limit).map_err(|m| AppError::validation("limit", m))?;
    let from = parse_day(&change.valid_from).map_err(|m| AppError::validation("valid_from", m))?;
    let to = parse_optional_day(&change.valid_to).map_err(|m| AppError::validation("valid_to", m))?;
    check_period(from, to, today).map_err(|m| AppError::validation("valid_to", m))?;
    let center = crate::org::directory::cost_centers(db, [row.cost_center_id])
        .await?
        .remove(&row.cost_center_id)
        .ok_or(AppError::Internal)?;
    let steps = plan(
        vec![Wanted {
            person,
            center,
            limit,
            from,
            to,
        }],
        std::slice::from_ref(&row),
    );
    let txn = crate::db::begin_write(db).await?;
    write(&txn, ctx, &steps, "form", today).await?;
    txn.commit().await?;
    one(db, ctx, row.id, today).await
}

/// Ends a right: from today it no longer holds (one that has not started is
/// removed). Ending an ended right changes nothing.
pub async fn end_right<C>(ctx: &Ctx, db: &C, id: i32) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::Administer)?;
    let today = crate::attest::service::today();
    let row = attest_right::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Attesträtten finns inte."))?;
    let person = crate::org::directory::person(db, row.person_id)
        .await?
        .ok_or(AppError::Internal)?;
    duty(ctx, &person)?;
    if row.valid_to.is_some_and(|t| t < today) {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    write(&txn, ctx, &[Step::End(row)], "form", today).await?;
    txn.commit().await?;
    Ok(())
}
