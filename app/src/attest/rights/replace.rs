//! `PUT /api/v1/attest/rights`: the open rights of one cost centre or one
//! person replaced by a list.

use super::batch::{open_on, open_rights_of, plan, write, Counts, Refs, Step, Wanted};
use super::{check_limit, check_period, duty, list_rights, MAX_ROWS};
use crate::attest::admin_dto::{ReplaceOutcome, RightFilter, RightsReplace};
use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::entities::attest_right;
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use std::collections::{BTreeSet, HashMap};

/// Replaces the open rights of one cost centre or one person with `input`'s
/// list (`PUT /api/v1/attest/rights`): a listed right changes the open right
/// of its person and cost centre or is created; an open right of the scope
/// that is not listed is ended. All or nothing; the first problem is the
/// answer, its field the path in the body (`rights[2].limit_ore`).
pub async fn replace_rights<C>(ctx: &Ctx, db: &C, input: &RightsReplace) -> Result<ReplaceOutcome, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, Permission::Administer)?;
    let today = crate::attest::service::today();
    let given = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let (scope_center, scope_person) = match (given(&input.cost_center), given(&input.person)) {
        (Some(c), None) => (Some(c), None),
        (None, Some(p)) => (None, Some(p)),
        _ => {
            return Err(AppError::validation(
                "cost_center",
                "Ange antingen cost_center (ett kostnadsställes kod) eller person, inte båda.",
            ))
        }
    };
    if input.rights.len() > MAX_ROWS {
        return Err(AppError::validation("rights", "Högst 20 000 attesträtter åt gången."));
    }
    let keys: Vec<String> = input
        .rights
        .iter()
        .filter_map(|r| r.person.clone())
        .chain(scope_person.clone())
        .collect();
    let codes: Vec<String> = input
        .rights
        .iter()
        .filter_map(|r| r.cost_center.clone())
        .chain(scope_center.clone())
        .collect();
    let refs = Refs::load(db, &keys, &codes).await?;
    // The scope's open rights.
    let open: Vec<attest_right::Model> = match (&scope_center, &scope_person) {
        (Some(code), _) => {
            let id = refs
                .any_center(code)
                .map_err(|m| AppError::validation("cost_center", m))?
                .0
                .id;
            let open = attest_right::Entity::find()
                .filter(attest_right::Column::CostCenterId.eq(id))
                .filter(open_on(today))
                .all(db)
                .await?;
            open
        }
        (None, Some(key)) => {
            let p = refs.person_any(key).map_err(|m| AppError::validation("person", m))?;
            duty(ctx, p)?;
            let id = p.id;
            open_rights_of(db, &[id], today).await?
        }
        (None, None) => return Err(AppError::Internal),
    };
    let mut wanted = Vec::with_capacity(input.rights.len());
    let mut seen: HashMap<(i32, i32), usize> = HashMap::new();
    for (i, item) in input.rights.iter().enumerate() {
        let field = |name: &str| format!("rights[{i}].{name}");
        let pick = |own: &Option<String>, scope: &Option<String>, name: &str| -> Result<String, AppError> {
            match (given(own), scope) {
                (Some(a), Some(b)) if a.to_lowercase() != b.to_lowercase() => Err(AppError::validation(
                    field(name),
                    format!("Raden gäller ”{a}” men anropet gäller ”{b}”."),
                )),
                (Some(a), _) => Ok(a),
                (None, Some(b)) => Ok(b.clone()),
                (None, None) => Ok(String::new()),
            }
        };
        let person = refs
            .person(&pick(&item.person, &scope_person, "person")?)
            .map_err(|m| AppError::validation(field("person"), m))?
            .clone();
        let center = refs
            .center(&pick(&item.cost_center, &scope_center, "cost_center")?)
            .map_err(|m| AppError::validation(field("cost_center"), m))?
            .clone();
        let limit = check_limit(item.limit_ore).map_err(|m| AppError::validation(field("limit_ore"), m))?;
        check_period(item.valid_from, item.valid_to, today).map_err(|m| AppError::validation(field("valid_to"), m))?;
        if let Some(earlier) = seen.insert((person.id, center.id), i) {
            return Err(AppError::validation(
                field("person"),
                format!(
                    "{} har redan en rad för {} (rights[{earlier}]).",
                    person.name,
                    center.label()
                ),
            ));
        }
        wanted.push(Wanted {
            person,
            center,
            limit,
            from: item.valid_from,
            to: item.valid_to,
        });
    }
    let mut steps = plan(wanted, &open);
    let kept: BTreeSet<i32> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Update(r, _) | Step::Same(r) => Some(r.id),
            _ => None,
        })
        .collect();
    for r in open.into_iter().filter(|r| !kept.contains(&r.id)) {
        steps.push(Step::End(r));
    }
    // Ending someone's right is changing it: never the caller's own.
    if let Some(me) = ctx.person_id() {
        if steps.iter().any(|s| !matches!(s, Step::Same(_)) && s.person_id() == me) {
            return Err(AppError::ForbiddenWithMessage {
                message: crate::domain::duties::DutyError::OwnAttestRights.message(),
            });
        }
    }
    let counts = Counts::of(&steps);
    let txn = crate::db::begin_write(db).await?;
    write(&txn, ctx, &steps, "api", today).await?;
    txn.commit().await?;
    let filter = RightFilter {
        cost_center: scope_center,
        person: scope_person,
        include_ended: false,
    };
    Ok(ReplaceOutcome {
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        ended: counts.ended,
        rights: list_rights(ctx, db, &filter).await?.rights,
    })
}
