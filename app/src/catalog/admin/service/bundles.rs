//! Bundles: a main item with the items that are required or optional.

use super::super::dto::{AdminBundle, BundlePartRow};
use super::items::{item_by_article, item_ref};
use crate::audit::service::record;
use crate::catalog::dto::ItemRef;
use crate::catalog::snapshot::{self, Change};
use crate::ctx::{require, Ctx};
use crate::entities::{bundle, bundle_item, item};
use crate::error::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

/// All bundles with their parts.
pub async fn bundles<C: ConnectionTrait>(ctx: &Ctx, db: &C) -> Result<Vec<AdminBundle>, AppError> {
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let bundles = bundle::Entity::find()
        .order_by_asc(bundle::Column::Name)
        .all(db)
        .await?;
    let parts = bundle_item::Entity::find()
        .order_by_asc(bundle_item::Column::Id)
        .all(db)
        .await?;
    let mut ids: Vec<i32> = parts.iter().map(|p| p.item_id).collect();
    ids.extend(bundles.iter().map(|b| b.main_item_id));
    let items: HashMap<i32, ItemRef> = item::Entity::find()
        .filter(item::Column::Id.is_in(ids))
        .all(db)
        .await?
        .iter()
        .map(|i| (i.id, item_ref(i)))
        .collect();
    Ok(bundles
        .into_iter()
        .filter_map(|b| {
            Some(AdminBundle {
                id: b.id,
                main_item: items.get(&b.main_item_id)?.clone(),
                parts: parts
                    .iter()
                    .filter(|p| p.bundle_id == b.id)
                    .filter_map(|p| {
                        Some(BundlePartRow {
                            id: p.id,
                            item: items.get(&p.item_id)?.clone(),
                            required: p.required,
                            quantity: p.quantity,
                        })
                    })
                    .collect(),
                code: b.code,
                name: b.name,
                description: b.description,
                active: b.active,
            })
        })
        .collect())
}

/// The fields of a bundle as typed.
#[derive(Debug, Clone, Default)]
pub struct BundleForm {
    pub code: String,
    pub name: String,
    pub description: String,
    pub main_article: String,
    pub active: bool,
}

/// Creates (`id` = `None`) or updates a bundle; returns its id.
pub async fn save_bundle<C>(ctx: &Ctx, db: &C, id: Option<i32>, form: BundleForm) -> Result<i32, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let code = form.code.trim().to_uppercase();
    if code.is_empty()
        || code.chars().count() > 32
        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(AppError::validation(
            "code",
            "Koden får ha 1–32 tecken: bokstäver A–Z, siffror, - och _.",
        ));
    }
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::validation("name", "Ange ett namn (högst 200 tecken)."));
    }
    let main = item_by_article(db, &form.main_article, "main_article").await?;
    let mut taken = bundle::Entity::find().filter(bundle::Column::Code.eq(code.clone()));
    if let Some(id) = id {
        taken = taken.filter(bundle::Column::Id.ne(id));
    }
    if taken.count(db).await? > 0 {
        return Err(AppError::validation("code", format!("Koden {code} används redan.")));
    }
    let txn = crate::db::begin_write(db).await?;
    let mut model = match id {
        Some(id) => bundle::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| AppError::not_found("Paketet finns inte."))?
            .into_active_model(),
        None => bundle::ActiveModel { ..Default::default() },
    };
    model.code = Set(code.clone());
    model.name = Set(name.to_owned());
    model.description = Set(form.description.trim().to_owned());
    model.main_item_id = Set(main.id);
    model.active = Set(form.active);
    let saved = match id {
        Some(_) => model.update(&txn).await?,
        None => model.insert(&txn).await?,
    };
    snapshot::changed(&txn, Change::Bundles).await?;
    record(
        &txn,
        ctx,
        if id.is_some() {
            "catalog.bundle_updated"
        } else {
            "catalog.bundle_created"
        },
        Some("bundle"),
        Some(&saved.id.to_string()),
        json!({ "code": code, "main_item": main.article_number, "active": form.active }),
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// Adds an item to a bundle, required or optional.
pub async fn add_bundle_part<C>(
    ctx: &Ctx,
    db: &C,
    bundle_id: i32,
    article: &str,
    required: bool,
    quantity: &str,
) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let b = bundle::Entity::find_by_id(bundle_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Paketet finns inte."))?;
    let quantity = match quantity.trim().parse::<i32>() {
        Ok(q) if (1..=99).contains(&q) => q,
        _ => return Err(AppError::validation("quantity", "Ange ett antal mellan 1 och 99.")),
    };
    let it = item_by_article(db, article, "part_article").await?;
    if it.id == b.main_item_id {
        return Err(AppError::validation(
            "part_article",
            "Huvudartikeln ingår redan i paketet.",
        ));
    }
    let exists = bundle_item::Entity::find()
        .filter(bundle_item::Column::BundleId.eq(bundle_id))
        .filter(bundle_item::Column::ItemId.eq(it.id))
        .count(db)
        .await?
        > 0;
    if exists {
        return Err(AppError::validation("part_article", "Artikeln ingår redan i paketet."));
    }
    let txn = crate::db::begin_write(db).await?;
    bundle_item::ActiveModel {
        bundle_id: Set(bundle_id),
        item_id: Set(it.id),
        required: Set(required),
        quantity: Set(quantity),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    snapshot::changed(&txn, Change::Bundles).await?;
    record(
        &txn,
        ctx,
        "catalog.bundle_part_added",
        Some("bundle"),
        Some(&bundle_id.to_string()),
        json!({ "item": it.article_number, "required": required, "quantity": quantity }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_bundle_part<C>(ctx: &Ctx, db: &C, part_id: i32) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let part = bundle_item::Entity::find_by_id(part_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Delen finns inte i paketet."))?;
    let txn = crate::db::begin_write(db).await?;
    bundle_item::Entity::delete_by_id(part_id).exec(&txn).await?;
    snapshot::changed(&txn, Change::Bundles).await?;
    record(
        &txn,
        ctx,
        "catalog.bundle_part_removed",
        Some("bundle"),
        Some(&part.bundle_id.to_string()),
        json!({ "item_id": part.item_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
