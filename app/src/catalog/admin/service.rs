//! Catalogue administration: every function requires the catalogue manager
//! role first, validates everything before writing, writes multi-row
//! changes in one transaction and records each change in the audit log.

use super::dto::*;
use crate::audit::service::record;
use crate::catalog::dto::{CategoryDto, ItemRef, SupplierDto};
use crate::ctx::{require, Ctx};
use crate::domain::catalog::{self, ItemKind, ServiceLevel};
use crate::domain::money::Sek;
use crate::entities::{agreement, bundle, bundle_item, category, item, item_image, item_price, item_rule, supplier};
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

/// The reference data item fields point at.
pub struct Refs {
    pub categories: Vec<category::Model>,
    pub suppliers: Vec<supplier::Model>,
    pub agreements: Vec<agreement::Model>,
}

pub async fn refs<C: ConnectionTrait>(db: &C) -> Result<Refs, AppError> {
    Ok(Refs {
        categories: category::Entity::find()
            .order_by_asc(category::Column::SortOrder)
            .all(db)
            .await?,
        suppliers: supplier::Entity::find()
            .order_by_asc(supplier::Column::Name)
            .all(db)
            .await?,
        agreements: agreement::Entity::find()
            .order_by_asc(agreement::Column::Name)
            .all(db)
            .await?,
    })
}

impl Refs {
    fn options(&self) -> AdminOptions {
        AdminOptions {
            categories: self
                .categories
                .iter()
                .map(|c| CategoryDto {
                    id: c.id,
                    code: c.code.clone(),
                    name: c.name.clone(),
                    parent_id: c.parent_id,
                })
                .collect(),
            suppliers: self
                .suppliers
                .iter()
                .map(|s| SupplierDto {
                    id: s.id,
                    name: s.name.clone(),
                })
                .collect(),
            agreements: self
                .agreements
                .iter()
                .map(|a| AgreementDto {
                    id: a.id,
                    supplier_id: a.supplier_id,
                    name: a.name.clone(),
                })
                .collect(),
        }
    }
}

/// An item's fields once validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidItem {
    pub article_number: String,
    pub name: String,
    pub description: String,
    pub kind: ItemKind,
    pub category_id: i32,
    pub supplier_id: i32,
    pub agreement_id: Option<i32>,
    pub service_level: Option<ServiceLevel>,
    pub binding_months: i32,
    pub notice_months: i32,
}

fn months(value: &str, field: &'static str, problems: &mut Vec<(&'static str, String)>) -> i32 {
    let v = value.trim();
    if v.is_empty() {
        return 0;
    }
    match v.parse::<i32>() {
        Ok(n) if (0..=120).contains(&n) => n,
        _ => {
            problems.push((field, "Ange ett helt antal månader mellan 0 och 120.".into()));
            0
        }
    }
}

/// Checks every field of an item and returns all problems, each with the
/// form field it belongs to. The category and supplier are given as ids
/// (the form) and resolved against `refs`.
pub fn validate_item(form: &ItemForm, refs: &Refs) -> Result<ValidItem, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let article_number = form.article_number.trim().to_owned();
    if article_number.is_empty() {
        problems.push(("article_number", "Ange ett artikelnummer.".into()));
    } else if article_number.chars().count() > 32
        || !article_number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        problems.push((
            "article_number",
            "Artikelnumret får ha högst 32 tecken: bokstäver A–Z, siffror och - _ . /".into(),
        ));
    }
    let name = form.name.trim().to_owned();
    if name.is_empty() {
        problems.push(("name", "Ange ett namn.".into()));
    } else if name.chars().count() > 200 {
        problems.push(("name", "Namnet får ha högst 200 tecken.".into()));
    }
    let description = form.description.trim().to_owned();
    if description.chars().count() > 4000 {
        problems.push(("description", "Beskrivningen får ha högst 4 000 tecken.".into()));
    }
    let kind = ItemKind::parse_any(&form.kind);
    if kind.is_none() {
        problems.push(("kind", "Välj typ: hårdvara, programlicens eller tjänst.".into()));
    }
    let category_id = form
        .category_id
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|id| refs.categories.iter().any(|c| c.id == *id));
    if category_id.is_none() {
        problems.push(("category_id", "Välj en kategori i listan.".into()));
    }
    let supplier_id = form
        .supplier_id
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|id| refs.suppliers.iter().any(|s| s.id == *id));
    if supplier_id.is_none() {
        problems.push(("supplier_id", "Välj en leverantör i listan.".into()));
    }
    let agreement_id = match form.agreement_id.trim() {
        "" => None,
        a => match a
            .parse::<i32>()
            .ok()
            .and_then(|id| refs.agreements.iter().find(|x| x.id == id))
        {
            Some(agr) if Some(agr.supplier_id) == supplier_id || supplier_id.is_none() => Some(agr.id),
            Some(_) => {
                problems.push(("agreement_id", "Avtalet hör till en annan leverantör.".into()));
                None
            }
            None => {
                problems.push(("agreement_id", "Välj ett avtal som finns.".into()));
                None
            }
        },
    };
    let service_level = match form.service_level.trim() {
        "" => None,
        l => match ServiceLevel::parse_any(l) {
            Some(level) => Some(level),
            None => {
                problems.push((
                    "service_level",
                    "Välj servicenivå: Järn, Brons, Silver, Guld eller Platina.".into(),
                ));
                None
            }
        },
    };
    if service_level.is_some() && kind.is_some_and(|k| k != ItemKind::Service) {
        problems.push(("service_level", "Servicenivå gäller bara tjänster.".into()));
    }
    let binding_months = months(&form.binding_months, "binding_months", &mut problems);
    let notice_months = months(&form.notice_months, "notice_months", &mut problems);
    match (kind, category_id, supplier_id) {
        (Some(kind), Some(category_id), Some(supplier_id)) if problems.is_empty() => Ok(ValidItem {
            article_number,
            name,
            description,
            kind,
            category_id,
            supplier_id,
            agreement_id,
            service_level,
            binding_months,
            notice_months,
        }),
        _ => Err(problems),
    }
}

fn first_problem(problems: Vec<(&'static str, String)>) -> AppError {
    problems
        .into_iter()
        .next()
        .map(|(field, message)| AppError::validation(field, message))
        .unwrap_or(AppError::Internal)
}

async fn price_rows<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<Vec<item_price::Model>, AppError> {
    Ok(item_price::Entity::find()
        .filter(item_price::Column::ItemId.is_in(ids))
        .order_by_asc(item_price::Column::ValidFrom)
        .all(db)
        .await?)
}

fn price_state(p: &item_price::Model, today: NaiveDate) -> PriceState {
    if p.valid_from > today {
        PriceState::Upcoming
    } else if p.valid_to.is_some_and(|to| to < today) {
        PriceState::Past
    } else {
        PriceState::Current
    }
}

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
    let q = q.trim().to_lowercase().replace(['%', '_'], "");
    if !q.is_empty() {
        let pattern = format!("%{q}%");
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

async fn find_item<C: ConnectionTrait>(db: &C, id: i32) -> Result<item::Model, AppError> {
    item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Artikeln finns inte."))
}

async fn item_by_article<C: ConnectionTrait>(db: &C, article: &str, field: &str) -> Result<item::Model, AppError> {
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

fn item_ref(i: &item::Model) -> ItemRef {
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

/// Copies validated fields onto an item (the form and the import share it).
pub(super) fn apply(model: &mut item::ActiveModel, v: &ValidItem) {
    model.article_number = Set(v.article_number.clone());
    model.name = Set(v.name.clone());
    model.description = Set(v.description.clone());
    model.kind = Set(v.kind.as_str().to_owned());
    model.category_id = Set(v.category_id);
    model.supplier_id = Set(v.supplier_id);
    model.agreement_id = Set(v.agreement_id);
    model.service_level = Set(v.service_level.map(|l| l.as_str().to_owned()));
    model.binding_months = Set(v.binding_months);
    model.notice_months = Set(v.notice_months);
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
    let txn = db.begin().await?;
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
    crate::catalog::snapshot::changed(&txn).await?;
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
    let txn = db.begin().await?;
    let mut model = find_item(&txn, id).await?.into_active_model();
    model.active = Set(active);
    let saved = model.update(&txn).await?;
    let action = if active {
        "catalog.item_reactivated"
    } else {
        "catalog.item_retired"
    };
    crate::catalog::snapshot::changed(&txn).await?;
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

/// Parses a day typed as `2026-11-24`.
pub fn parse_day(value: &str, field: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation(field, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-01."))
}

/// Writes a new open-ended price from `from` (see [`catalog::plan_price_change`]).
pub async fn write_price<C: ConnectionTrait>(
    db: &C,
    item_id: i32,
    from: NaiveDate,
    one_off: Sek,
    monthly: Sek,
    today: NaiveDate,
) -> Result<(), AppError> {
    let existing: Vec<(i32, NaiveDate, Option<NaiveDate>)> = price_rows(db, vec![item_id])
        .await?
        .into_iter()
        .map(|p| (p.id, p.valid_from, p.valid_to))
        .collect();
    let change =
        catalog::plan_price_change(&existing, from, today).map_err(|m| AppError::validation("valid_from", m))?;
    if !change.delete.is_empty() {
        item_price::Entity::delete_many()
            .filter(item_price::Column::Id.is_in(change.delete))
            .exec(db)
            .await?;
    }
    for (id, to) in change.close {
        item_price::Entity::update_many()
            .col_expr(item_price::Column::ValidTo, Expr::value(to))
            .filter(item_price::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    item_price::ActiveModel {
        item_id: Set(item_id),
        valid_from: Set(from),
        valid_to: Set(None),
        one_off_ore: Set(one_off.ore()),
        monthly_ore: Set(monthly.ore()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Enters a price valid from a day (today or later); the price in force
/// until then stays what customers see and order at.
pub async fn add_price<C>(
    ctx: &Ctx,
    db: &C,
    item_id: i32,
    valid_from: &str,
    one_off: &str,
    monthly: &str,
    today: NaiveDate,
) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let from = parse_day(valid_from, "valid_from")?;
    let amount = |v: &str, field: &str| -> Result<Sek, AppError> {
        if v.trim().is_empty() {
            return Ok(Sek::ZERO);
        }
        Sek::parse_kronor(v).map_err(|m| AppError::validation(field, m))
    };
    let one_off = amount(one_off, "one_off")?;
    let monthly = amount(monthly, "monthly")?;
    let it = find_item(db, item_id).await?;
    let txn = db.begin().await?;
    write_price(&txn, item_id, from, one_off, monthly, today).await?;
    crate::catalog::snapshot::changed(&txn).await?;
    record(
        &txn,
        ctx,
        "catalog.price_added",
        Some("item"),
        Some(&item_id.to_string()),
        json!({ "article_number": it.article_number, "valid_from": from, "one_off_ore": one_off.ore(), "monthly_ore": monthly.ore() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

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
    let txn = db.begin().await?;
    item_rule::ActiveModel {
        kind: Set(kind.to_owned()),
        item_id: Set(item_id),
        target_item_id: Set(target.id),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::catalog::snapshot::changed(&txn).await?;
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
    let txn = db.begin().await?;
    item_rule::Entity::delete_by_id(rule_id).exec(&txn).await?;
    crate::catalog::snapshot::changed(&txn).await?;
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
    let txn = db.begin().await?;
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
    crate::catalog::snapshot::changed(&txn).await?;
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
    let txn = db.begin().await?;
    bundle_item::ActiveModel {
        bundle_id: Set(bundle_id),
        item_id: Set(it.id),
        required: Set(required),
        quantity: Set(quantity),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::catalog::snapshot::changed(&txn).await?;
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
    let txn = db.begin().await?;
    bundle_item::Entity::delete_by_id(part_id).exec(&txn).await?;
    crate::catalog::snapshot::changed(&txn).await?;
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

/// Stores the item's picture, given as base64 (PNG, JPEG or WebP, at most
/// 1 MiB), replacing any earlier one.
pub async fn set_image<C>(ctx: &Ctx, db: &C, item_id: i32, image_base64: &str) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    use base64::Engine as _;
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(image_base64.trim())
        .map_err(|_| AppError::validation("image", "Bilden kunde inte läsas. Välj filen igen."))?;
    if bytes.len() > catalog::MAX_IMAGE_BYTES {
        return Err(AppError::validation(
            "image",
            "Bilden är större än 1 MB. Spara den i en mindre storlek och försök igen.",
        ));
    }
    let content_type = catalog::image_type(&bytes)
        .ok_or_else(|| AppError::validation("image", "Välj en bild i formatet PNG, JPEG eller WebP."))?;
    let it = find_item(db, item_id).await?;
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    item_image::Entity::delete_by_id(item_id).exec(&txn).await?;
    item_image::ActiveModel {
        item_id: Set(item_id),
        content_type: Set(content_type.to_owned()),
        bytes: Set(bytes),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let mut model = it.into_active_model();
    model.image_path = Set(Some(format!("/katalog/bild/{item_id}?v={}", now.timestamp())));
    model.update(&txn).await?;
    crate::catalog::snapshot::changed(&txn).await?;
    record(
        &txn,
        ctx,
        "catalog.image_set",
        Some("item"),
        Some(&item_id.to_string()),
        json!({ "content_type": content_type }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_image<C>(ctx: &Ctx, db: &C, item_id: i32) -> Result<(), AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(ctx, crate::domain::authz::Permission::ManageCatalog)?;
    let it = find_item(db, item_id).await?;
    let txn = db.begin().await?;
    item_image::Entity::delete_by_id(item_id).exec(&txn).await?;
    let mut model = it.into_active_model();
    model.image_path = Set(None);
    model.update(&txn).await?;
    crate::catalog::snapshot::changed(&txn).await?;
    record(
        &txn,
        ctx,
        "catalog.image_removed",
        Some("item"),
        Some(&item_id.to_string()),
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The picture of an item for anyone signed in: content type and bytes.
pub async fn image<C: ConnectionTrait>(ctx: &Ctx, db: &C, item_id: i32) -> Result<(String, Vec<u8>), AppError> {
    crate::ctx::require_signed_in(ctx)?;
    let img = item_image::Entity::find_by_id(item_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Artikeln har ingen bild."))?;
    Ok((img.content_type, img.bytes))
}
