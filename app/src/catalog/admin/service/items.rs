//! Items: the list, one item with everything about it, saving and retiring.

use super::super::dto::*;
use super::item_fields::{apply, first_problem, refs, validate_item};
use super::prices::{price_rows, price_state};
use crate::audit::service::record;
use crate::catalog::dto::ItemRef;
use crate::catalog::snapshot::{self, Change};
use crate::ctx::{require, Ctx};
use crate::domain::catalog::ItemKind;
use crate::domain::money::Sek;
use crate::entities::{bundle, bundle_item, item, item_price, item_rule};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

pub const ADMIN_PAGE_SIZE: u64 = 50;

/// All items, retired ones included, filtered by text, a page at a time.
pub async fn list<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    q: &str,
    page: u64,
    today: NaiveDate,
) -> Result<AdminItemList, AppError> {
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let refs = refs(db).await?;
    let mut query = item::Entity::find()
        .order_by_asc(item::Column::ArticleNumber)
        .order_by_asc(item::Column::Id);
    if let Some(q) = crate::domain::search::term(q).map_err(|m| AppError::validation("q", m))? {
        let pattern = crate::domain::search::contains_pattern(q);
        let lower = |c: item::Column| Expr::expr(Func::lower(Expr::col((item::Entity, c))));
        query = query.filter(
            Condition::any()
                .add(lower(item::Column::Name).like(pattern.clone()))
                .add(lower(item::Column::ArticleNumber).like(pattern)),
        );
    }
    let paginator = query.paginate(db, ADMIN_PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let page = page.clamp(1, counts.number_of_pages.max(1));
    let items = paginator.fetch_page(page - 1).await?;
    let prices = price_rows(db, items.iter().map(|i| i.id).collect()).await?;
    let names = |id: i32, list: &[(i32, &str)]| {
        list.iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.to_string())
            .unwrap_or_default()
    };
    let cats: Vec<(i32, &str)> = refs.categories.iter().map(|c| (c.id, c.name.as_str())).collect();
    let sups: Vec<(i32, &str)> = refs.suppliers.iter().map(|s| (s.id, s.name.as_str())).collect();
    Ok(AdminItemList {
        items: items
            .into_iter()
            .map(|i| {
                let mine: Vec<&item_price::Model> = prices.iter().filter(|p| p.item_id == i.id).collect();
                let current = mine
                    .iter()
                    .filter(|p| price_state(p, today) == PriceState::Current)
                    .max_by_key(|p| p.valid_from);
                AdminItemRow {
                    id: i.id,
                    article_number: i.article_number,
                    name: i.name,
                    kind: ItemKind::parse(&i.kind).unwrap_or(ItemKind::Hardware),
                    category: names(i.category_id, &cats),
                    supplier: names(i.supplier_id, &sups),
                    active: i.active,
                    one_off: current.map(|p| Sek::from_ore(p.one_off_ore)),
                    monthly: current.map(|p| Sek::from_ore(p.monthly_ore)),
                    next_price_from: mine.iter().filter(|p| p.valid_from > today).map(|p| p.valid_from).min(),
                }
            })
            .collect(),
        total: counts.number_of_items,
        page,
        pages: counts.number_of_pages.max(1),
    })
}

pub(super) async fn find_item<C: ConnectionTrait>(db: &C, id: i32) -> Result<item::Model, AppError> {
    item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Artikeln finns inte."))
}

pub(super) async fn item_by_article<C: ConnectionTrait>(
    db: &C,
    article: &str,
    field: &str,
) -> Result<item::Model, AppError> {
    let article = article.trim();
    if article.is_empty() {
        return Err(AppError::validation(field, "Ange ett artikelnummer."));
    }
    item::Entity::find()
        .filter(item::Column::ArticleNumber.eq(article))
        .one(db)
        .await?
        .ok_or_else(|| AppError::validation(field, format!("Det finns ingen artikel med artikelnummer {article}.")))
}

pub(super) fn item_ref(i: &item::Model) -> ItemRef {
    ItemRef {
        id: i.id,
        article_number: i.article_number.clone(),
        name: i.name.clone(),
    }
}

/// One item with its prices, rules and bundles, or an empty form for a new one.
pub async fn get_item<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    id: Option<i32>,
    today: NaiveDate,
) -> Result<AdminItem, AppError> {
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let refs = refs(db).await?;
    let Some(id) = id else {
        return Ok(AdminItem {
            id: None,
            form: ItemForm {
                kind: ItemKind::Hardware.as_str().into(),
                binding_months: "0".into(),
                notice_months: "0".into(),
                ..Default::default()
            },
            active: true,
            prices: vec![],
            rules: vec![],
            bundles: vec![],
            image_url: None,
            options: refs.options(),
        });
    };
    let it = find_item(db, id).await?;
    let prices = price_rows(db, vec![id]).await?;
    let rules = item_rule::Entity::find()
        .filter(item_rule::Column::ItemId.eq(id))
        .order_by_asc(item_rule::Column::Id)
        .all(db)
        .await?;
    let targets: HashMap<i32, item::Model> = item::Entity::find()
        .filter(item::Column::Id.is_in(rules.iter().map(|r| r.target_item_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let part_of: Vec<i32> = bundle_item::Entity::find()
        .filter(bundle_item::Column::ItemId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.bundle_id)
        .collect();
    let bundles = bundle::Entity::find()
        .filter(
            Condition::any()
                .add(bundle::Column::MainItemId.eq(id))
                .add(bundle::Column::Id.is_in(part_of)),
        )
        .order_by_asc(bundle::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.name)
        .collect();
    Ok(AdminItem {
        id: Some(id),
        form: ItemForm {
            article_number: it.article_number.clone(),
            name: it.name.clone(),
            description: it.description.clone(),
            kind: it.kind.clone(),
            category_id: it.category_id.to_string(),
            supplier_id: it.supplier_id.to_string(),
            agreement_id: it.agreement_id.map(|a| a.to_string()).unwrap_or_default(),
            service_level: it.service_level.clone().unwrap_or_default(),
            binding_months: it.binding_months.to_string(),
            notice_months: it.notice_months.to_string(),
        },
        active: it.active,
        prices: prices
            .iter()
            .rev()
            .map(|p| PriceRow {
                id: p.id,
                valid_from: p.valid_from,
                valid_to: p.valid_to,
                one_off: Sek::from_ore(p.one_off_ore),
                monthly: Sek::from_ore(p.monthly_ore),
                state: price_state(p, today),
            })
            .collect(),
        rules: rules
            .iter()
            .filter_map(|r| {
                Some(RuleRow {
                    id: r.id,
                    kind: r.kind.clone(),
                    target: item_ref(targets.get(&r.target_item_id)?),
                })
            })
            .collect(),
        bundles,
        image_url: it.image_path.clone(),
        options: refs.options(),
    })
}

async fn article_taken<C: ConnectionTrait>(db: &C, article: &str, except: Option<i32>) -> Result<bool, AppError> {
    let mut q = item::Entity::find().filter(item::Column::ArticleNumber.eq(article));
    if let Some(id) = except {
        q = q.filter(item::Column::Id.ne(id));
    }
    Ok(q.count(db).await? > 0)
}

/// Creates (`id` = `None`) or updates an item; returns its id.
pub async fn save_item<C>(ctx: &Ctx, db: &C, id: Option<i32>, form: ItemForm) -> Result<i32, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let refs = refs(db).await?;
    let valid = validate_item(&form, &refs).map_err(first_problem)?;
    if article_taken(db, &valid.article_number, id).await? {
        return Err(AppError::validation(
            "article_number",
            format!(
                "Artikelnumret {} används redan av en annan artikel.",
                valid.article_number
            ),
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let (saved, action) = match id {
        Some(id) => {
            let mut model = find_item(&txn, id).await?.into_active_model();
            apply(&mut model, &valid);
            (model.update(&txn).await?, "catalog.item_updated")
        }
        None => {
            let mut model = item::ActiveModel {
                active: Set(true),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            };
            apply(&mut model, &valid);
            (model.insert(&txn).await?, "catalog.item_created")
        }
    };
    snapshot::changed(&txn, Change::Items(&[saved.id])).await?;
    record(
        &txn,
        ctx,
        action,
        Some("item"),
        Some(&saved.id.to_string()),
        json!({ "article_number": saved.article_number, "name": saved.name }),
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// Retires (`active` = false) or brings back an item. A retired item leaves
/// the catalogue; orders already placed keep it.
pub async fn set_active<C>(ctx: &Ctx, db: &C, id: i32, active: bool) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let txn = crate::db::begin_write(db).await?;
    let mut model = find_item(&txn, id).await?.into_active_model();
    model.active = Set(active);
    let saved = model.update(&txn).await?;
    let action = if active {
        "catalog.item_reactivated"
    } else {
        "catalog.item_retired"
    };
    snapshot::changed(&txn, Change::Items(&[id])).await?;
    record(
        &txn,
        ctx,
        action,
        Some("item"),
        Some(&id.to_string()),
        json!({ "article_number": saved.article_number }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
