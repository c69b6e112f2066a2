//! Suppliers' integration keys: created and revoked by an administrator,
//! each for one supplier, stored as a SHA-256 of the secret (shown once),
//! and resolved from the bearer header of the supplier API.

use crate::auth::service::{digest, random_secret};
use crate::ctx::{require, Actor, Ctx};
use crate::entities::supplier_token;
use crate::error::AppError;
use crate::fulfilment::dto::{CreatedSupplierKey, SupplierKeyDto, SupplierKeysPage};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// Every supplier key starts with this (and so differs from a person's
/// key, `avrop_…`, at a glance).
pub const SUPPLIER_KEY_PREFIX: &str = "avrop-lev_";

/// The supplier behind a supplier key; missing, unknown and revoked keys
/// are all `Unauthorized`.
pub async fn resolve<C: ConnectionTrait>(db: &C, secret: &str, ip: Option<String>) -> Result<Ctx, AppError> {
    if !secret.starts_with(SUPPLIER_KEY_PREFIX) {
        return Err(AppError::Unauthorized);
    }
    let Some(t) = supplier_token::Entity::find()
        .filter(supplier_token::Column::TokenHash.eq(digest(secret)))
        .one(db)
        .await?
    else {
        return Err(AppError::Unauthorized);
    };
    if t.revoked_at.is_some() {
        return Err(AppError::Unauthorized);
    }
    let now = Utc::now();
    if crate::domain::tokens::last_used_is_stale(t.last_used_at, now) {
        supplier_token::Entity::update_many()
            .col_expr(supplier_token::Column::LastUsedAt, Expr::value(now))
            .filter(supplier_token::Column::Id.eq(t.id))
            .filter(
                sea_orm::Condition::any()
                    .add(supplier_token::Column::LastUsedAt.is_null())
                    .add(supplier_token::Column::LastUsedAt.lte(now - crate::domain::tokens::LAST_USED_GRANULARITY))
                    .add(supplier_token::Column::LastUsedAt.gt(now)),
            )
            .exec(db)
            .await?;
    }
    Ok(Ctx {
        actor: Actor::Supplier {
            token_id: t.id,
            supplier_id: t.supplier_id,
            // Read when needed: a repeat of an event in progress never does.
            name: None,
        },
        roles: vec![],
        ip,
    })
}

/// The suppliers and every supplier key, newest first.
pub async fn page<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<SupplierKeysPage, AppError> {
    require(ctx, crate::domain::authz::Permission::Administer)?;
    let suppliers = crate::catalog::service::suppliers(db).await?;
    let names: HashMap<i32, String> = suppliers.iter().cloned().collect();
    let keys = supplier_token::Entity::find()
        .order_by_desc(supplier_token::Column::Id)
        .all(db)
        .await?;
    let people = crate::org::directory::people(db, keys.iter().map(|k| k.created_by)).await?;
    Ok(SupplierKeysPage {
        suppliers,
        keys: keys
            .into_iter()
            .map(|k| {
                dto(k, &names, &|id| {
                    people.get(&id).map(|p| p.name.clone()).unwrap_or_default()
                })
            })
            .collect(),
    })
}

fn dto(k: supplier_token::Model, names: &HashMap<i32, String>, person: &dyn Fn(i32) -> String) -> SupplierKeyDto {
    SupplierKeyDto {
        id: k.id,
        supplier: names.get(&k.supplier_id).cloned().unwrap_or_default(),
        name: k.name,
        prefix: k.prefix,
        created_by: person(k.created_by),
        created_at: k.created_at,
        last_used_at: k.last_used_at,
        revoked_at: k.revoked_at,
    }
}

/// A new key for supplier `supplier_id`; the secret is returned once.
pub async fn create<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    supplier_id: i32,
    name: &str,
) -> Result<CreatedSupplierKey, AppError> {
    require(ctx, crate::domain::authz::Permission::Administer)?;
    let me = ctx.person_id().ok_or(AppError::Forbidden)?;
    let names: HashMap<i32, String> = crate::catalog::service::suppliers(db).await?.into_iter().collect();
    if !names.contains_key(&supplier_id) {
        return Err(AppError::validation("supplier_id", "Välj en leverantör i listan."));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::validation("name", "Ge nyckeln ett namn på 1–100 tecken."));
    }
    let secret = format!("{SUPPLIER_KEY_PREFIX}{}", random_secret());
    let m = supplier_token::ActiveModel {
        supplier_id: Set(supplier_id),
        name: Set(name.to_owned()),
        token_hash: Set(digest(&secret)),
        prefix: Set(secret.chars().take(16).collect()),
        created_by: Set(me),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::audit::service::record(
        db,
        ctx,
        "supplier_key.create",
        Some("supplier_token"),
        Some(&m.id.to_string()),
        serde_json::json!({ "supplier_id": supplier_id, "name": m.name }),
    )
    .await?;
    let me_name = ctx.label();
    let me_name = crate::org::directory::person(db, me)
        .await?
        .map(|p| p.name)
        .unwrap_or(me_name);
    Ok(CreatedSupplierKey {
        key: dto(m, &names, &|_| me_name.clone()),
        secret,
    })
}

/// Revokes key `id` at once; revoking a revoked key changes nothing.
pub async fn revoke<C: ConnectionTrait>(ctx: &Ctx, db: &C, id: i32) -> Result<(), AppError> {
    require(ctx, crate::domain::authz::Permission::Administer)?;
    let changed = supplier_token::Entity::update_many()
        .col_expr(supplier_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(supplier_token::Column::Id.eq(id))
        .filter(supplier_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        let exists = supplier_token::Entity::find_by_id(id).one(db).await?.is_some();
        if !exists {
            return Err(AppError::not_found("Nyckeln finns inte."));
        }
        return Ok(());
    }
    crate::audit::service::record(
        db,
        ctx,
        "supplier_key.revoke",
        Some("supplier_token"),
        Some(&id.to_string()),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}
