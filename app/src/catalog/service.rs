//! Catalogue queries. Prices are stored per validity period with at most one
//! price in force per day and item, so a join picks today's price.

use super::dto::*;
use super::snapshot::{CatalogCache, Criteria};
use crate::ctx::{require_signed_in, Ctx};
use crate::domain::catalog::{self, ItemKind, Price, ServiceLevel};
use crate::domain::money::Sek;
use crate::entities::{bundle, bundle_item, category, item, item_price, item_rule, supplier};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 24;
pub const API_MAX_PAGE: u64 = 100;

#[derive(Debug, FromQueryResult)]
struct Row {
    id: i32,
    article_number: String,
    name: String,
    kind: String,
    service_level: Option<String>,
    binding_months: i32,
    notice_months: i32,
    image_path: Option<String>,
    one_off_ore: i64,
    monthly_ore: i64,
    category_name: String,
    supplier_name: String,
}

/// Active items joined with their price on `day`.
fn priced_items(day: NaiveDate) -> Select<item::Entity> {
    let price_rel = item_price::Entity::belongs_to(item::Entity)
        .from(item_price::Column::ItemId)
        .to(item::Column::Id)
        .into();
    item::Entity::find()
        .select_only()
        .columns([
            item::Column::Id,
            item::Column::ArticleNumber,
            item::Column::Name,
            item::Column::Kind,
            item::Column::ServiceLevel,
            item::Column::BindingMonths,
            item::Column::NoticeMonths,
            item::Column::ImagePath,
        ])
        .column(item_price::Column::OneOffOre)
        .column(item_price::Column::MonthlyOre)
        .column_as(category::Column::Name, "category_name")
        .column_as(supplier::Column::Name, "supplier_name")
        .join_rev(JoinType::InnerJoin, price_rel)
        .join(
            JoinType::InnerJoin,
            item::Entity::belongs_to(category::Entity)
                .from(item::Column::CategoryId)
                .to(category::Column::Id)
                .into(),
        )
        .join(
            JoinType::InnerJoin,
            item::Entity::belongs_to(supplier::Entity)
                .from(item::Column::SupplierId)
                .to(supplier::Column::Id)
                .into(),
        )
        .filter(item::Column::Active.eq(true))
        .filter(item_price::Column::ValidFrom.lte(day))
        .filter(
            Condition::any()
                .add(item_price::Column::ValidTo.is_null())
                .add(item_price::Column::ValidTo.gte(day)),
        )
}

/// A category and all below it.
fn with_descendants(categories: &[category::Model], code: &str) -> Vec<i32> {
    let Some(root) = categories.iter().find(|c| c.code == code) else {
        return vec![];
    };
    let mut ids = vec![root.id];
    let mut i = 0;
    while i < ids.len() {
        let parent = ids[i];
        ids.extend(categories.iter().filter(|c| c.parent_id == Some(parent)).map(|c| c.id));
        i += 1;
    }
    ids
}

fn summary(r: Row) -> ItemSummary {
    let price = Price {
        valid_from: NaiveDate::MIN,
        valid_to: None,
        one_off: Sek::from_ore(r.one_off_ore),
        monthly: Sek::from_ore(r.monthly_ore),
    };
    ItemSummary {
        id: r.id,
        article_number: r.article_number,
        name: r.name,
        kind: ItemKind::parse(&r.kind).unwrap_or(ItemKind::Hardware),
        category: r.category_name,
        supplier: r.supplier_name,
        service_level: r.service_level.as_deref().and_then(ServiceLevel::parse),
        one_off: price.one_off,
        monthly: price.monthly,
        binding_months: r.binding_months,
        notice_months: r.notice_months,
        total_commitment: catalog::total_commitment(price, r.binding_months.max(0) as u32, 1).unwrap_or(Sek::ZERO),
        image_url: r.image_path,
    }
}

/// The filter, checked and resolved against the snapshot's categories.
fn parse_filter(f: &CatalogFilter, categories: &[category::Model]) -> Result<Criteria, AppError> {
    let kind = match f.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(ItemKind::parse(k).ok_or_else(|| AppError::validation("kind", "Okänd artikeltyp."))?),
        None => None,
    };
    let level = match f.service_level.as_deref().filter(|l| !l.is_empty()) {
        Some(l) => {
            Some(ServiceLevel::parse(l).ok_or_else(|| AppError::validation("service_level", "Okänd servicenivå."))?)
        }
        None => None,
    };
    crate::domain::search::term(f.q.as_deref().unwrap_or_default()).map_err(|m| AppError::validation("q", m))?;
    if let (Some(min), Some(max)) = (f.min_price, f.max_price) {
        if min > max {
            return Err(AppError::validation(
                "max_price",
                "Högsta pris måste vara minst lika stort som lägsta pris.",
            ));
        }
    }
    for (field, v) in [("min_price", f.min_price), ("max_price", f.max_price)] {
        if v.is_some_and(|v| v < 0) {
            return Err(AppError::validation(field, "Priset kan inte vara negativt."));
        }
    }
    Ok(Criteria {
        needle: f
            .q
            .as_deref()
            .map(|t| t.trim().to_lowercase().replace('\0', ""))
            .filter(|t| !t.is_empty()),
        categories: f
            .category
            .as_deref()
            .filter(|c| !c.is_empty())
            .map(|code| with_descendants(categories, code)),
        kind,
        supplier: f.supplier,
        level,
        min_ore: f.min_price.map(|v| v.saturating_mul(100)),
        max_ore: f.max_price.map(|v| v.saturating_mul(100)),
    })
}

/// The catalogue page: filtered, sorted, one page of results, from the
/// instance's snapshot of the day's catalogue.
pub async fn catalog_page<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    cache: &CatalogCache,
    f: CatalogFilter,
    day: NaiveDate,
) -> Result<CatalogPage, AppError> {
    require_signed_in(ctx)?;
    let snap = cache.get(db, day).await?;
    let filter = parse_filter(&f, &snap.categories)?;
    let selection = snap.select(&filter);
    let total = snap.count(&selection) as u64;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = f.page.clamp(1, pages);
    let items = snap
        .page(
            f.sort,
            &selection,
            ((page - 1) * PAGE_SIZE) as usize,
            PAGE_SIZE as usize,
        )
        .into_iter()
        .map(|i| snap.entries[i].summary.clone())
        .collect();
    Ok(CatalogPage {
        items,
        total,
        page,
        pages,
        categories: snap
            .categories
            .iter()
            .map(|c| CategoryDto {
                id: c.id,
                code: c.code.clone(),
                name: c.name.clone(),
                parent_id: c.parent_id,
            })
            .collect(),
        suppliers: snap
            .suppliers
            .iter()
            .map(|s| SupplierDto {
                id: s.id,
                name: s.name.clone(),
            })
            .collect(),
        bundles: snap.bundles.clone(),
    })
}

/// Today's listing of these items (those retired or without a price are left out).
pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
    day: NaiveDate,
) -> Result<HashMap<i32, ItemSummary>, AppError> {
    Ok(priced_items(day)
        .filter(item::Column::Id.is_in(ids))
        .into_model::<Row>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, summary(r)))
        .collect())
}

/// The matching rules that concern these items, and for `FitsOnly` rules the
/// items among them that are models of the same category as the rule's
/// targets (the laptops a dock could be used with).
pub async fn rules_for<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<(Vec<catalog::Rule>, std::collections::BTreeSet<i32>), AppError> {
    let rows = item_rule::Entity::find()
        .filter(item_rule::Column::ItemId.is_in(ids.to_vec()))
        .all(db)
        .await?;
    let mut grouped: std::collections::BTreeMap<(String, i32), Vec<i32>> = Default::default();
    for r in &rows {
        grouped
            .entry((r.kind.clone(), r.item_id))
            .or_default()
            .push(r.target_item_id);
    }
    let mut model_ids: Vec<i32> = rows
        .iter()
        .filter(|r| r.kind == "fits_only")
        .map(|r| r.target_item_id)
        .collect();
    if model_ids.is_empty() {
        let rules = grouped
            .into_iter()
            .map(|((_, item), targets)| catalog::Rule::Requires { item, one_of: targets })
            .collect();
        return Ok((rules, Default::default()));
    }
    model_ids.extend_from_slice(ids);
    let cats: HashMap<i32, i32> = item::Entity::find()
        .filter(item::Column::Id.is_in(model_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.category_id))
        .collect();
    let mut models = std::collections::BTreeSet::new();
    let rules = grouped
        .into_iter()
        .map(|((kind, item), targets)| {
            if kind == "fits_only" {
                let model_cats: Vec<i32> = targets.iter().filter_map(|t| cats.get(t).copied()).collect();
                models.extend(
                    ids.iter()
                        .copied()
                        .filter(|i| cats.get(i).is_some_and(|c| model_cats.contains(c))),
                );
                catalog::Rule::FitsOnly { item, models: targets }
            } else {
                catalog::Rule::Requires { item, one_of: targets }
            }
        })
        .collect();
    Ok((rules, models))
}

/// The API's listing: keyset-paginated by id.
pub async fn list_items<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    cache: &CatalogCache,
    f: CatalogFilter,
    after: Option<i32>,
    limit: u64,
    day: NaiveDate,
) -> Result<ItemList, AppError> {
    require_signed_in(ctx)?;
    let snap = cache.get(db, day).await?;
    let filter = parse_filter(&f, &snap.categories)?;
    let limit = limit.clamp(1, API_MAX_PAGE) as usize;
    let mut items: Vec<ItemSummary> = snap
        .after_id(&filter, after, limit + 1)
        .into_iter()
        .map(|i| snap.entries[i].summary.clone())
        .collect();
    let more = items.len() > limit;
    items.truncate(limit);
    let next_cursor = if more {
        items.last().map(|i| i.id.to_string())
    } else {
        None
    };
    Ok(ItemList { items, next_cursor })
}

/// The supplier of each of these items, by item id.
pub async fn suppliers_of<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, i32>, AppError> {
    item_column_of(db, ids, item::Column::SupplierId).await
}

/// One integer column of each of these items, by item id, read 500 ids a
/// statement (SQLite's bound-parameter limit stays far away).
async fn item_column_of<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
    column: item::Column,
) -> Result<HashMap<i32, i32>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(i32, i32)> = item::Entity::find()
            .select_only()
            .column(item::Column::Id)
            .column(column)
            .filter(item::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The names of the suppliers among `ids`, by id.
pub async fn supplier_names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, String)> = supplier::Entity::find()
        .select_only()
        .column(supplier::Column::Id)
        .column(supplier::Column::Name)
        .filter(supplier::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// What the asset register shows of a hardware model: its supplier, its
/// agreement (`code name`) and the bundle (type configuration) it is the
/// main item of, if any. `None` when there is no such item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFacts {
    pub supplier: String,
    pub agreement: Option<String>,
    pub type_configuration: Option<String>,
}

pub async fn model_facts<C: ConnectionTrait>(db: &C, item_id: i32) -> Result<Option<ModelFacts>, AppError> {
    let Some(it) = item::Entity::find_by_id(item_id).one(db).await? else {
        return Ok(None);
    };
    let supplier = supplier::Entity::find_by_id(it.supplier_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let agreement = match it.agreement_id {
        Some(id) => crate::entities::agreement::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|a| format!("{} {}", a.code, a.name)),
        None => None,
    };
    let type_configuration = bundle::Entity::find()
        .filter(bundle::Column::MainItemId.eq(item_id))
        .order_by_desc(bundle::Column::Active)
        .order_by_asc(bundle::Column::Id)
        .one(db)
        .await?
        .map(|b| b.name);
    Ok(Some(ModelFacts {
        supplier,
        agreement,
        type_configuration,
    }))
}

/// The hardware items whose name or article number contains `q` (in any
/// case), at most `limit`: the asset register's search by model.
pub async fn hardware_matching<C: ConnectionTrait>(db: &C, q: &str, limit: usize) -> Result<Vec<i32>, AppError> {
    let needle = q.trim().to_lowercase();
    if needle.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i32, String, String)> = item::Entity::find()
        .select_only()
        .column(item::Column::Id)
        .column(item::Column::Name)
        .column(item::Column::ArticleNumber)
        .filter(item::Column::Kind.eq(ItemKind::Hardware.as_str()))
        .order_by_asc(item::Column::Name)
        .order_by_asc(item::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, name, article)| name.to_lowercase().contains(&needle) || article.to_lowercase().contains(&needle))
        .map(|(id, _, _)| id)
        .take(limit)
        .collect())
}

/// The name of hardware item (model) `id`, if it is one.
pub async fn hardware_model_name<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<String>, AppError> {
    Ok(item::Entity::find()
        .select_only()
        .column(item::Column::Name)
        .filter(item::Column::Id.eq(id))
        .filter(item::Column::Kind.eq(ItemKind::Hardware.as_str()))
        .into_tuple()
        .one(db)
        .await?)
}

/// Every supplier as `(id, name)`, by name.
pub async fn suppliers<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, String)>, AppError> {
    Ok(supplier::Entity::find()
        .select_only()
        .column(supplier::Column::Id)
        .column(supplier::Column::Name)
        .order_by_asc(supplier::Column::Name)
        .into_tuple()
        .all(db)
        .await?)
}

/// Every category as `(id, name)` in the catalogue's order, a
/// subcategory's name after its parent's (`Datorer › Bärbara`).
pub async fn categories<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, String)>, AppError> {
    let rows = category::Entity::find()
        .order_by_asc(category::Column::SortOrder)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?;
    let mut out: Vec<(i32, String)> = Vec::with_capacity(rows.len());
    for c in rows.iter().filter(|c| c.parent_id.is_none()) {
        out.push((c.id, c.name.clone()));
        for sub in rows.iter().filter(|s| s.parent_id == Some(c.id)) {
            out.push((sub.id, format!("{} › {}", c.name, sub.name)));
        }
    }
    // Deeper levels, if the catalogue ever has them, by their own name.
    let listed: std::collections::HashSet<i32> = out.iter().map(|(id, _)| *id).collect();
    out.extend(
        rows.iter()
            .filter(|c| !listed.contains(&c.id))
            .map(|c| (c.id, c.name.clone())),
    );
    Ok(out)
}

/// The statement selecting category `id` and its subcategories: for an
/// area to ask about orders in a category in one statement, without naming
/// the catalogue's tables.
pub fn category_and_subcategories_query(id: i32) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::QueryTrait;
    category::Entity::find()
        .select_only()
        .column(category::Column::Id)
        .filter(
            sea_orm::Condition::any()
                .add(category::Column::Id.eq(id))
                .add(category::Column::ParentId.eq(id)),
        )
        .into_query()
}

/// The category of each of these items, by item id.
pub async fn categories_of<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, i32>, AppError> {
    item_column_of(db, ids, item::Column::CategoryId).await
}

/// Name and article number of these items, by id.
pub async fn refs<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<HashMap<i32, ItemRef>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(item::Entity::find()
        .filter(item::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| {
            (
                i.id,
                ItemRef {
                    id: i.id,
                    article_number: i.article_number,
                    name: i.name,
                },
            )
        })
        .collect())
}

/// Everything about one item; `NotFound` for an unknown or retired id.
pub async fn item_detail<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    id: i32,
    day: NaiveDate,
) -> Result<ItemDetail, AppError> {
    require_signed_in(ctx)?;
    let not_found = || AppError::not_found("Artikeln finns inte i katalogen.");
    let row = priced_items(day)
        .filter(item::Column::Id.eq(id))
        .into_model::<Row>()
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let it = item::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)?;
    let prices: Vec<Price> = item_price::Entity::find()
        .filter(item_price::Column::ItemId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| Price {
            valid_from: p.valid_from,
            valid_to: p.valid_to,
            one_off: Sek::from_ore(p.one_off_ore),
            monthly: Sek::from_ore(p.monthly_ore),
        })
        .collect();
    let upcoming_price = catalog::next_price_after(&prices, day).map(|p| UpcomingPrice {
        valid_from: p.valid_from,
        one_off: p.one_off,
        monthly: p.monthly,
    });
    let agreement = match it.agreement_id {
        Some(a) => crate::entities::agreement::Entity::find_by_id(a)
            .one(db)
            .await?
            .map(|a| a.name),
        None => None,
    };

    let rules = item_rule::Entity::find()
        .filter(
            Condition::any()
                .add(item_rule::Column::ItemId.eq(id))
                .add(item_rule::Column::TargetItemId.eq(id)),
        )
        .all(db)
        .await?;
    let bundles = bundle::Entity::find()
        .filter(bundle::Column::MainItemId.eq(id))
        .filter(bundle::Column::Active.eq(true))
        .all(db)
        .await?;
    let parts = bundle_item::Entity::find()
        .filter(bundle_item::Column::BundleId.is_in(bundles.iter().map(|b| b.id).collect::<Vec<_>>()))
        .order_by_asc(bundle_item::Column::Id)
        .all(db)
        .await?;
    let mut wanted: Vec<i32> = rules.iter().flat_map(|r| [r.item_id, r.target_item_id]).collect();
    wanted.extend(parts.iter().map(|p| p.item_id));
    let refs = refs(db, wanted.clone()).await?;
    let part_prices: HashMap<i32, Row> = priced_items(day)
        .filter(item::Column::Id.is_in(wanted))
        .into_model::<Row>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let get = |i: i32| refs.get(&i).cloned();
    let requires: Vec<ItemRef> = rules
        .iter()
        .filter(|r| r.kind == "requires" && r.item_id == id)
        .filter_map(|r| get(r.target_item_id))
        .collect();
    let fits_only = rules
        .iter()
        .filter(|r| r.kind == "fits_only" && r.item_id == id)
        .filter_map(|r| get(r.target_item_id))
        .collect();
    let fits_with = rules
        .iter()
        .filter(|r| r.kind == "fits_only" && r.target_item_id == id)
        .filter_map(|r| get(r.item_id))
        .collect();
    let bundles = bundles
        .into_iter()
        .map(|b| BundleDto {
            id: b.id,
            code: b.code,
            name: b.name,
            description: b.description,
            parts: parts
                .iter()
                .filter(|p| p.bundle_id == b.id)
                .filter_map(|p| {
                    let price = part_prices.get(&p.item_id);
                    Some(BundlePart {
                        item: get(p.item_id)?,
                        required: p.required,
                        quantity: p.quantity,
                        one_off: Sek::from_ore(price.map(|r| r.one_off_ore).unwrap_or(0)),
                        monthly: Sek::from_ore(price.map(|r| r.monthly_ore).unwrap_or(0)),
                    })
                })
                .collect(),
        })
        .collect();
    Ok(ItemDetail {
        summary: summary(row),
        description: it.description,
        agreement,
        upcoming_price,
        bundles,
        requires_one_of: if requires.is_empty() { vec![] } else { vec![requires] },
        fits_only,
        fits_with,
    })
}

/// Whether item `id` is in the catalogue and not retired, priced today or
/// not (one query).
pub async fn item_is_active<C: ConnectionTrait>(db: &C, id: i32) -> Result<bool, AppError> {
    Ok(item::Entity::find_by_id(id).one(db).await?.is_some_and(|i| i.active))
}

/// An item of a bundle that comes with it, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequiredPart {
    pub item_id: i32,
    pub quantity: i32,
}

/// What ordering a bundle takes: one of its main item and its required parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleContents {
    pub main_item_id: i32,
    pub required: Vec<RequiredPart>,
}

/// The contents of bundle `id`; `None` when there is no such bundle or it
/// is retired (two queries).
pub async fn bundle_contents<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<BundleContents>, AppError> {
    let Some(b) = bundle::Entity::find_by_id(id).one(db).await?.filter(|b| b.active) else {
        return Ok(None);
    };
    let required = bundle_item::Entity::find()
        .filter(bundle_item::Column::BundleId.eq(b.id))
        .filter(bundle_item::Column::Required.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|p| RequiredPart {
            item_id: p.item_id,
            quantity: p.quantity,
        })
        .collect();
    Ok(Some(BundleContents {
        main_item_id: b.main_item_id,
        required,
    }))
}

/// What the monthly charging credits for an item: the cost centre of the
/// unit that delivers it and its revenue and expense accounts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChargeFacts {
    pub service_cost_center_id: Option<i32>,
    pub revenue_account: String,
    pub expense_account: String,
}

/// The charge facts of the items among `ids`, by id (one statement).
pub async fn charge_facts<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, ChargeFacts>, AppError> {
    let rows: Vec<(i32, Option<i32>, String, String)> = item::Entity::find()
        .select_only()
        .column(item::Column::Id)
        .column(item::Column::ServiceCostCenterId)
        .column(item::Column::RevenueAccount)
        .column(item::Column::ExpenseAccount)
        .filter(item::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, service_cost_center_id, revenue_account, expense_account)| {
            (
                id,
                ChargeFacts {
                    service_cost_center_id,
                    revenue_account,
                    expense_account,
                },
            )
        })
        .collect())
}

/// A hardware model of the catalogue as an asset register names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HardwareModel {
    pub id: i32,
    pub name: String,
    pub supplier_id: i32,
}

/// The hardware items whose article number is among `numbers` (exactly,
/// active or not), by article number (one statement per 500 numbers).
pub async fn hardware_by_article<C: ConnectionTrait>(
    db: &C,
    numbers: &[String],
) -> Result<HashMap<String, HardwareModel>, AppError> {
    let mut out = HashMap::new();
    for chunk in numbers.chunks(500) {
        let rows: Vec<(i32, String, String, i32)> = item::Entity::find()
            .select_only()
            .column(item::Column::Id)
            .column(item::Column::ArticleNumber)
            .column(item::Column::Name)
            .column(item::Column::SupplierId)
            .filter(item::Column::ArticleNumber.is_in(chunk.iter().cloned()))
            .filter(item::Column::Kind.eq(crate::domain::catalog::ItemKind::Hardware.as_str()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, number, name, supplier_id) in rows {
            out.insert(number, HardwareModel { id, name, supplier_id });
        }
    }
    Ok(out)
}

/// Article numbers of the items among `ids`, by id (one statement).
pub async fn article_numbers<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let rows: Vec<(i32, String)> = item::Entity::find()
        .select_only()
        .column(item::Column::Id)
        .column(item::Column::ArticleNumber)
        .filter(item::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The standard replacement of the model `item_id` (the bundle "Byt ut"
/// puts in the cart, and whose price the replacement forecast counts): the
/// active bundle with the model as its main item, else the first active
/// bundle whose main item is in the model's category; `None` when there is
/// neither.
pub async fn replacement_bundle<C: ConnectionTrait>(db: &C, item_id: i32) -> Result<Option<i32>, AppError> {
    let own = bundle::Entity::find()
        .filter(bundle::Column::MainItemId.eq(item_id))
        .filter(bundle::Column::Active.eq(true))
        .order_by_asc(bundle::Column::Id)
        .one(db)
        .await?;
    if let Some(b) = own {
        return Ok(Some(b.id));
    }
    let Some(model) = item::Entity::find_by_id(item_id).one(db).await? else {
        return Ok(None);
    };
    let same_category = item::Entity::find()
        .select_only()
        .column(item::Column::Id)
        .filter(item::Column::CategoryId.eq(model.category_id))
        .into_query();
    Ok(bundle::Entity::find()
        .filter(bundle::Column::Active.eq(true))
        .filter(bundle::Column::MainItemId.in_subquery(same_category))
        .order_by_asc(bundle::Column::Id)
        .one(db)
        .await?
        .map(|b| b.id))
}

/// The price on `day` of the standard replacement of each model among
/// `models` that has one: `(one-off, monthly)` summed over the bundle's
/// main item and required items, by model.
pub async fn replacement_prices<C: ConnectionTrait>(
    db: &C,
    models: &[i32],
    day: NaiveDate,
) -> Result<HashMap<i32, (Sek, Sek)>, AppError> {
    let mut out = HashMap::new();
    for &model in models {
        let Some(bundle) = replacement_bundle(db, model).await? else {
            continue;
        };
        let Some(contents) = bundle_contents(db, bundle).await? else {
            continue;
        };
        let parts: Vec<(i32, i32)> = std::iter::once((contents.main_item_id, 1))
            .chain(contents.required.iter().map(|p| (p.item_id, p.quantity)))
            .collect();
        let items = summaries(db, parts.iter().map(|(i, _)| *i).collect(), day).await?;
        let mut one_off = Sek::ZERO;
        let mut monthly = Sek::ZERO;
        for (id, q) in parts {
            if let Some(it) = items.get(&id) {
                one_off = one_off
                    .checked_add(it.one_off.checked_mul(i64::from(q)).unwrap_or(Sek::ZERO))
                    .unwrap_or(one_off);
                monthly = monthly
                    .checked_add(it.monthly.checked_mul(i64::from(q)).unwrap_or(Sek::ZERO))
                    .unwrap_or(monthly);
            }
        }
        out.insert(model, (one_off, monthly));
    }
    Ok(out)
}
