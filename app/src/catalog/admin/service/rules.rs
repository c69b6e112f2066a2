//! Matching rules: "requires one of" and "fits only" between items.

use super::items::{find_item, item_by_article};
use crate::audit::service::record;
use crate::ctx::{require, Ctx};
use crate::entities::item_rule;
use crate::error::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;

/// Adds "this item requires one of …" or "this item fits only …" for a
/// target given by article number. Several rules of the same kind on one
/// item together form the "one of" set.
pub async fn add_rule<C>(ctx: &Ctx, db: &C, item_id: i32, kind: &str, target_article: &str) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    if !matches!(kind, "requires" | "fits_only") {
        return Err(AppError::validation("rule_kind", "Välj vilken sorts regel det är."));
    }
    let it = find_item(db, item_id).await?;
    let target = item_by_article(db, target_article, "target_article").await?;
    if target.id == it.id {
        return Err(AppError::validation(
            "target_article",
            "En artikel kan inte ha en regel mot sig själv.",
        ));
    }
    let exists = item_rule::Entity::find()
        .filter(item_rule::Column::ItemId.eq(item_id))
        .filter(item_rule::Column::Kind.eq(kind))
        .filter(item_rule::Column::TargetItemId.eq(target.id))
        .count(db)
        .await?
        > 0;
    if exists {
        return Err(AppError::validation("target_article", "Regeln finns redan."));
    }
    let txn = crate::db::begin_write(db).await?;
    item_rule::ActiveModel {
        kind: Set(kind.to_owned()),
        item_id: Set(item_id),
        target_item_id: Set(target.id),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        ctx,
        "catalog.rule_added",
        Some("item"),
        Some(&item_id.to_string()),
        json!({ "kind": kind, "item": it.article_number, "target": target.article_number }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_rule<C>(ctx: &Ctx, db: &C, rule_id: i32) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let rule = item_rule::Entity::find_by_id(rule_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Regeln finns inte."))?;
    let txn = crate::db::begin_write(db).await?;
    item_rule::Entity::delete_by_id(rule_id).exec(&txn).await?;
    record(
        &txn,
        ctx,
        "catalog.rule_removed",
        Some("item"),
        Some(&rule.item_id.to_string()),
        json!({ "kind": rule.kind, "target_item_id": rule.target_item_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
