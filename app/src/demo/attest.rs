//! The demo's attest rights: every demo attester may attest orders on their
//! cost centres up to 50 000 kr; Eva Karlsson (Akutmottagningen) also
//! attests for the whole Hälso- och sjukvårdsförvaltning up to 300 000 kr
//! through her own cost centres — the förvaltning level an order above a
//! cost centre's limit escalates to. Valid from the start of the year,
//! open-ended. A database seeded before attestation existed gets them too.

use crate::domain::roles::Role;
use crate::entities::{attest_right, person, person_role};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

/// The everyday limit of a demo attester, in kronor.
pub const LIMIT_KR: i64 = 50_000;
/// The higher limit of the förvaltning's demo attester, in kronor.
pub const HIGH_LIMIT_KR: i64 = 300_000;
/// Who holds the higher limit.
pub const HIGH_LIMIT_PERSON: &str = "eva.karlsson";

pub async fn seed_attest<C: ConnectionTrait>(txn: &C) -> Result<(), DbErr> {
    if attest_right::Entity::find().count(txn).await? > 0 {
        return Ok(());
    }
    let high = person::Entity::find()
        .filter(person::Column::Username.eq(HIGH_LIMIT_PERSON))
        .one(txn)
        .await?
        .map(|p| p.id);
    let roles = person_role::Entity::find()
        .filter(person_role::Column::Role.eq(Role::Attester.as_str()))
        .filter(person_role::Column::CostCenterId.is_not_null())
        .all(txn)
        .await?;
    let now = chrono::Utc::now();
    let year_start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let rows: Vec<attest_right::ActiveModel> = roles
        .into_iter()
        .filter_map(|r| {
            let limit = if Some(r.person_id) == high {
                HIGH_LIMIT_KR
            } else {
                LIMIT_KR
            };
            Some(attest_right::ActiveModel {
                person_id: Set(r.person_id),
                cost_center_id: Set(r.cost_center_id?),
                limit_ore: Set(limit * 100),
                valid_from: Set(year_start),
                valid_to: Set(None),
                created_at: Set(now),
                ..Default::default()
            })
        })
        .collect();
    if !rows.is_empty() {
        attest_right::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}
