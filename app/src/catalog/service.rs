//! Catalogue queries. Prices are stored per validity period with at most one
//! price in force per day and item, so a join picks today's price.

use super::dto::*;
use crate::ctx::{require_signed_in, Ctx};
use crate::domain::catalog::{self, ItemKind, Price, ServiceLevel};
use crate::domain::money::Sek;
use crate::entities::{bundle, bundle_item, category, item, item_price, item_rule, supplier};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
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
    category_id: i32,
    supplier_id: i32,
    service_level: Option<String>,
    binding_months: i32,
    one_off_ore: i64,
    monthly_ore: i64,
}

fn price_sum() -> SimpleExpr {
    Expr::col((item_price::Entity, item_price::Column::OneOffOre))
        .add(Expr::col((item_price::Entity, item_price::Column::MonthlyOre)))
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
            item::Column::CategoryId,
            item::Column::SupplierId,
            item::Column::ServiceLevel,
            item::Column::BindingMonths,
        ])
        .column(item_price::Column::OneOffOre)
        .column(item_price::Column::MonthlyOre)
        .join_rev(JoinType::InnerJoin, price_rel)
        .filter(item::Column::Active.eq(true))
        .filter(item_price::Column::ValidFrom.lte(day))
        .filter(
            Condition::any()
                .add(item_price::Column::ValidTo.is_null())
                .add(item_price::Column::ValidTo.gte(day)),
        )
}

fn text_filter(q: &str) -> Condition {
    let pattern = format!("%{}%", q.trim().to_lowercase().replace(['%', '_'], ""));
    let lower = |c: item::Column| Expr::expr(Func::lower(Expr::col((item::Entity, c))));
    Condition::any()
        .add(lower(item::Column::Name).like(pattern.clone()))
        .add(lower(item::Column::ArticleNumber).like(pattern.clone()))
        .add(lower(item::Column::Description).like(pattern))
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

struct Names {
    categories: HashMap<i32, String>,
    suppliers: HashMap<i32, String>,
}

fn summary(r: Row, names: &Names) -> ItemSummary {
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
        category: names.categories.get(&r.category_id).cloned().unwrap_or_default(),
        supplier: names.suppliers.get(&r.supplier_id).cloned().unwrap_or_default(),
        service_level: r.service_level.as_deref().and_then(ServiceLevel::parse),
        one_off: price.one_off,
        monthly: price.monthly,
        binding_months: r.binding_months,
        total_commitment: catalog::total_commitment(price, r.binding_months.max(0) as u32, 1).unwrap_or(Sek::ZERO),
    }
}

async fn names<C: ConnectionTrait>(db: &C) -> Result<(Vec<category::Model>, Vec<supplier::Model>, Names), AppError> {
    let categories = category::Entity::find()
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?;
    let suppliers = supplier::Entity::find()
        .order_by_asc(supplier::Column::Name)
        .all(db)
        .await?;
    let n = Names {
        categories: categories.iter().map(|c| (c.id, c.name.clone())).collect(),
        suppliers: suppliers.iter().map(|s| (s.id, s.name.clone())).collect(),
    };
    Ok((categories, suppliers, n))
}

fn parse_filter(
    f: &CatalogFilter,
    categories: &[category::Model],
    day: NaiveDate,
) -> Result<Select<item::Entity>, AppError> {
    let mut q = priced_items(day);
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(text_filter(text));
    }
    if let Some(code) = f.category.as_deref().filter(|c| !c.is_empty()) {
        q = q.filter(item::Column::CategoryId.is_in(with_descendants(categories, code)));
    }
    if let Some(kind) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        let kind = ItemKind::parse(kind).ok_or_else(|| AppError::validation("kind", "Okänd artikeltyp."))?;
        q = q.filter(item::Column::Kind.eq(kind.as_str()));
    }
    if let Some(s) = f.supplier {
        q = q.filter(item::Column::SupplierId.eq(s));
    }
    if let Some(level) = f.service_level.as_deref().filter(|l| !l.is_empty()) {
        let level =
            ServiceLevel::parse(level).ok_or_else(|| AppError::validation("service_level", "Okänd servicenivå."))?;
        q = q.filter(item::Column::ServiceLevel.eq(level.as_str()));
    }
    if let (Some(min), Some(max)) = (f.min_price, f.max_price) {
        if min > max {
            return Err(AppError::validation(
                "max_price",
                "Högsta pris måste vara minst lika stort som lägsta pris.",
            ));
        }
    }
    if let Some(min) = f.min_price {
        if min < 0 {
            return Err(AppError::validation("min_price", "Priset kan inte vara negativt."));
        }
        q = q.filter(price_sum().gte(min.saturating_mul(100)));
    }
    if let Some(max) = f.max_price {
        if max < 0 {
            return Err(AppError::validation("max_price", "Priset kan inte vara negativt."));
        }
        q = q.filter(price_sum().lte(max.saturating_mul(100)));
    }
    Ok(q)
}

/// The catalogue page: filtered, sorted, one page of results.
pub async fn catalog_page<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    f: CatalogFilter,
    day: NaiveDate,
) -> Result<CatalogPage, AppError> {
    require_signed_in(ctx)?;
    let (categories, suppliers, names) = names(db).await?;
    let mut q = parse_filter(&f, &categories, day)?;
    q = match f.sort {
        SortOrder::Name => q.order_by(item::Column::Name, Order::Asc),
        SortOrder::PriceAsc => q.order_by(price_sum(), Order::Asc),
        SortOrder::PriceDesc => q.order_by(price_sum(), Order::Desc),
        SortOrder::ArticleNumber => q.order_by(item::Column::ArticleNumber, Order::Asc),
    }
    .order_by(item::Column::Id, Order::Asc);
    let paginator = q.into_model::<Row>().paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let page = f.page.clamp(1, counts.number_of_pages.max(1));
    let rows = paginator.fetch_page(page - 1).await?;
    let bundles = bundle::Entity::find()
        .filter(bundle::Column::Active.eq(true))
        .order_by_asc(bundle::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|b| BundleSummary {
            id: b.id,
            code: b.code,
            name: b.name,
            description: b.description,
            main_item_id: b.main_item_id,
        })
        .collect();
    Ok(CatalogPage {
        items: rows.into_iter().map(|r| summary(r, &names)).collect(),
        total: counts.number_of_items,
        page,
        pages: counts.number_of_pages.max(1),
        categories: categories
            .into_iter()
            .map(|c| CategoryDto {
                id: c.id,
                code: c.code,
                name: c.name,
                parent_id: c.parent_id,
            })
            .collect(),
        suppliers: suppliers
            .into_iter()
            .map(|s| SupplierDto { id: s.id, name: s.name })
            .collect(),
        bundles,
    })
}

/// Today's listing of these items (those retired or without a price are left out).
pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
    day: NaiveDate,
) -> Result<HashMap<i32, ItemSummary>, AppError> {
    let (_, _, names) = names(db).await?;
    Ok(priced_items(day)
        .filter(item::Column::Id.is_in(ids))
        .into_model::<Row>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, summary(r, &names)))
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
    f: CatalogFilter,
    after: Option<i32>,
    limit: u64,
    day: NaiveDate,
) -> Result<ItemList, AppError> {
    require_signed_in(ctx)?;
    let (categories, _, names) = names(db).await?;
    let mut q = parse_filter(&f, &categories, day)?.order_by(item::Column::Id, Order::Asc);
    if let Some(after) = after {
        q = q.filter(item::Column::Id.gt(after));
    }
    let limit = limit.clamp(1, API_MAX_PAGE);
    let mut rows = q.limit(limit + 1).into_model::<Row>().all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| r.id.to_string())
    } else {
        None
    };
    Ok(ItemList {
        items: rows.into_iter().map(|r| summary(r, &names)).collect(),
        next_cursor,
    })
}

/// Name and article number of these items, by id.
pub async fn refs<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<HashMap<i32, ItemRef>, AppError> {
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
    let (_, _, names) = names(db).await?;
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
        summary: summary(row, &names),
        description: it.description,
        agreement,
        notice_months: it.notice_months,
        upcoming_price,
        bundles,
        requires_one_of: if requires.is_empty() { vec![] } else { vec![requires] },
        fits_only,
        fits_with,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctx::Actor;
    use crate::domain::roles::Role;
    use crate::testing::test_db;

    fn anna() -> Ctx {
        Ctx {
            actor: Actor::Person {
                id: 1,
                username: "anna.lindqvist".into(),
            },
            roles: vec![Role::Requester],
            ip: None,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    async fn seeded() -> crate::testing::TestDb {
        let t = test_db().await;
        crate::org::seed::seed_demo(&t.db).await.unwrap();
        t
    }

    #[tokio::test]
    async fn search_finds_items_by_name_article_number_and_description_in_any_case() {
        let t = seeded().await;
        let find = |q: &str| CatalogFilter {
            q: Some(q.into()),
            ..Default::default()
        };
        for (q, expected) in [
            ("LATITUDE 5450", "DL-5450"),
            ("dl-wd22", "DL-WD22TB4"),
            ("hemtjänst", "SA-XC7"),
        ] {
            let page = catalog_page(&anna(), &t.db, find(q), day(2026, 11, 24)).await.unwrap();
            assert!(
                page.items.iter().any(|i| i.article_number == expected),
                "{q} → {:?}",
                page.items
            );
        }
    }

    #[tokio::test]
    async fn the_price_shown_is_the_one_in_force_on_the_day() {
        let t = seeded().await;
        let f = CatalogFilter {
            q: Some("DL-5450".into()),
            ..Default::default()
        };
        let now = catalog_page(&anna(), &t.db, f.clone(), day(2026, 12, 31))
            .await
            .unwrap();
        let later = catalog_page(&anna(), &t.db, f, day(2027, 1, 1)).await.unwrap();
        assert_eq!(now.items[0].monthly, Sek::from_kronor(389));
        assert_eq!(now.items[0].total_commitment, Sek::from_kronor(389 * 36));
        assert_eq!(later.items[0].monthly, Sek::from_kronor(399));
    }

    #[tokio::test]
    async fn a_category_includes_its_subcategories_and_filters_combine() {
        let t = seeded().await;
        let computers = CatalogFilter {
            category: Some("DATORER".into()),
            ..Default::default()
        };
        let page = catalog_page(&anna(), &t.db, computers, day(2026, 11, 24))
            .await
            .unwrap();
        assert_eq!(page.total, 8);
        let cheap_services = CatalogFilter {
            kind: Some("service".into()),
            max_price: Some(500),
            sort: SortOrder::PriceAsc,
            ..Default::default()
        };
        let page = catalog_page(&anna(), &t.db, cheap_services, day(2026, 11, 24))
            .await
            .unwrap();
        let prices: Vec<Sek> = page
            .items
            .iter()
            .map(|i| i.one_off.checked_add(i.monthly).unwrap())
            .collect();
        assert!(!prices.is_empty());
        assert!(prices.windows(2).all(|w| w[0] <= w[1]), "sorted by price: {prices:?}");
        assert!(prices.iter().all(|p| *p <= Sek::from_kronor(500)));
    }

    #[tokio::test]
    async fn a_reversed_price_range_names_the_field() {
        let t = seeded().await;
        let f = CatalogFilter {
            min_price: Some(500),
            max_price: Some(100),
            ..Default::default()
        };
        let err = catalog_page(&anna(), &t.db, f, day(2026, 11, 24)).await.unwrap_err();
        assert_eq!(err.field(), Some("max_price"));
    }

    #[tokio::test]
    async fn the_item_page_shows_bundle_rules_and_the_coming_price() {
        let t = seeded().await;
        let page = catalog_page(
            &anna(),
            &t.db,
            CatalogFilter {
                q: Some("DL-5450".into()),
                ..Default::default()
            },
            day(2026, 11, 24),
        )
        .await
        .unwrap();
        let d = item_detail(&anna(), &t.db, page.items[0].id, day(2026, 11, 24))
            .await
            .unwrap();
        assert_eq!(d.upcoming_price.unwrap().valid_from, day(2027, 1, 1));
        assert_eq!(d.bundles[0].name, "Standardarbetsplats bärbar");
        assert!(d.bundles[0]
            .parts
            .iter()
            .any(|p| p.item.article_number == "DL-WD22TB4" && p.required));
        assert!(d.fits_with.iter().any(|i| i.article_number == "DL-WD22TB4"));
        assert_eq!(d.requires_one_of[0][0].article_number, "DL-WD22TB4");
    }

    #[tokio::test]
    async fn api_pages_follow_each_other_and_an_unknown_item_is_not_found() {
        let t = seeded().await;
        let mut after = None;
        let mut seen = 0;
        loop {
            let list = list_items(&anna(), &t.db, CatalogFilter::default(), after, 10, day(2026, 11, 24))
                .await
                .unwrap();
            seen += list.items.len();
            match list.next_cursor {
                Some(c) => after = c.parse().ok(),
                None => break,
            }
        }
        assert_eq!(seen, super::super::seed::ITEMS.len());
        assert!(matches!(
            item_detail(&anna(), &t.db, 99_999, day(2026, 11, 24)).await,
            Err(AppError::NotFound { .. })
        ));
        assert_eq!(
            item_detail(&Ctx::anonymous(), &t.db, 1, day(2026, 11, 24))
                .await
                .unwrap_err(),
            AppError::Unauthorized
        );
    }
}
