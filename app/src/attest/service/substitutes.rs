//! An attester names a substitute (ersättare) for a date range; the
//! substitute sees and decides the attester's orders "på uppdrag av" while
//! it lasts. Delegation does not cascade: a substitute's own substitute
//! stands in for the substitute only.

use super::today;
use crate::attest::dto::{SubstituteDto, Substitutes};
use crate::ctx::Ctx;
use crate::entities::{attest_right, attest_substitute};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};

/// Longest substitution, in days (a long absence is a change of attest
/// rights, made by an administrator).
pub const MAX_DAYS: i64 = 366;

/// The caller's substitutes (current and coming) and whom they stand in for.
pub async fn substitutes<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Substitutes, AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let day = today();
    let mine = attest_substitute::Entity::find()
        .filter(attest_substitute::Column::AttesterId.eq(me))
        .filter(attest_substitute::Column::ValidTo.gte(day))
        .order_by_asc(attest_substitute::Column::ValidFrom)
        .all(db)
        .await?;
    let others = attest_substitute::Entity::find()
        .filter(attest_substitute::Column::SubstituteId.eq(me))
        .filter(attest_substitute::Column::ValidTo.gte(day))
        .order_by_asc(attest_substitute::Column::ValidFrom)
        .all(db)
        .await?;
    let ids = mine
        .iter()
        .map(|s| s.substitute_id)
        .chain(others.iter().map(|s| s.attester_id));
    let people = crate::org::directory::people(db, ids).await?;
    Ok(Substitutes {
        mine: mine
            .iter()
            .map(|s| SubstituteDto {
                id: s.id,
                substitute: people.get(&s.substitute_id).map(|p| p.name.clone()).unwrap_or_default(),
                substitute_username: people
                    .get(&s.substitute_id)
                    .map(|p| p.username.clone())
                    .unwrap_or_default(),
                valid_from: s.valid_from,
                valid_to: s.valid_to,
            })
            .collect(),
        for_others: others
            .iter()
            .map(|s| {
                (
                    people.get(&s.attester_id).map(|p| p.name.clone()).unwrap_or_default(),
                    s.valid_from,
                    s.valid_to,
                )
            })
            .collect(),
    })
}

/// The caller, an attester, names `substitute` (a username) from `from` to
/// `to` inclusive. Only someone holding attest rights names a substitute;
/// nobody names themselves; ranges are checked.
pub async fn name_substitute<C: ConnectionTrait + TransactionTrait>(
    ctx: &Ctx,
    db: &C,
    substitute: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i32, AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let day = today();
    let holds_rights = attest_right::Entity::find()
        .filter(attest_right::Column::PersonId.eq(me))
        .all(db)
        .await?
        .iter()
        .any(|r| r.valid_to.is_none_or(|t| t >= day));
    if !holds_rights {
        return Err(AppError::ForbiddenWithMessage {
            message: "Du har ingen attesträtt och kan därför inte utse någon ersättare.".into(),
        });
    }
    let who = crate::org::directory::person_by_username(db, substitute.trim())
        .await?
        .filter(|p| p.active)
        .ok_or_else(|| AppError::validation("substitute", "Välj en ersättare bland de anställda."))?;
    if who.id == me {
        return Err(AppError::validation(
            "substitute",
            "Du kan inte vara din egen ersättare.",
        ));
    }
    if from < day {
        return Err(AppError::validation(
            "valid_from",
            "Startdatum kan inte ligga före i dag.",
        ));
    }
    if to < from {
        return Err(AppError::validation(
            "valid_to",
            "Slutdatum kan inte ligga före startdatum.",
        ));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(AppError::validation(
            "valid_to",
            "En ersättare kan utses för högst ett år i taget.",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let row = attest_substitute::ActiveModel {
        attester_id: Set(me),
        substitute_id: Set(who.id),
        valid_from: Set(from),
        valid_to: Set(to),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::service::record(
        &txn,
        ctx,
        "attest.substitute.name",
        Some("person"),
        Some(&who.id.to_string()),
        serde_json::json!({ "from": from, "to": to }),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The caller ends a substitution they named: from today it no longer
/// holds (a coming one is removed).
pub async fn end_substitute<C: ConnectionTrait + TransactionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<(), AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let me = ctx.person_id().ok_or(AppError::Unauthorized)?;
    let row = attest_substitute::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|s| s.attester_id == me)
        .ok_or_else(|| AppError::not_found("Ersättaren finns inte."))?;
    let day = today();
    let txn = crate::db::begin_write(db).await?;
    if row.valid_from >= day {
        attest_substitute::Entity::delete_by_id(id).exec(&txn).await?;
    } else {
        let yesterday = day.pred_opt().unwrap_or(day);
        let mut active: attest_substitute::ActiveModel = row.clone().into();
        active.valid_to = Set(yesterday.max(row.valid_from));
        active.update(&txn).await?;
    }
    crate::audit::service::record(
        &txn,
        ctx,
        "attest.substitute.end",
        Some("person"),
        Some(&row.substitute_id.to_string()),
        serde_json::json!({ "id": id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
