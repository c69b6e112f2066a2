//! The catalogue as sold on one day, held in memory by each app instance.
//!
//! Browsing and searching read this copy instead of joining 10 000 items
//! with their prices for every request. It is derived data only: every
//! catalogue change increments `catalog_version` in its own transaction, and
//! an instance compares that one number (a primary-key read) with its copy's
//! at most once per `ttl` (zero in tests: every time). Changes made through an
//! instance invalidate its copy at once; other instances behind the load
//! balancer see them within `ttl`.

use super::dto::{BundleSummary, ItemSummary};
use crate::domain::catalog::{self, ItemKind, Price, ServiceLevel};
use crate::domain::money::Sek;
use crate::entities::{bundle, catalog_version, category, item, item_price, supplier};
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// One item of the snapshot, with what the filters look at.
pub struct Entry {
    pub summary: ItemSummary,
    pub category_id: i32,
    pub supplier_id: i32,
    /// One-off + monthly, öre (the price filter and sort).
    pub price_sum: i64,
}

pub struct Snapshot {
    pub version: i64,
    pub day: NaiveDate,
    pub entries: Vec<Entry>,
    /// Indexes into `entries` in each sort order.
    pub by_name: Vec<usize>,
    pub by_price: Vec<usize>,
    pub by_article: Vec<usize>,
    pub by_id: Vec<usize>,
    pub categories: Vec<category::Model>,
    pub suppliers: Vec<supplier::Model>,
    pub bundles: Vec<BundleSummary>,
    /// Every entry's name, article number and description in lower case,
    /// in `entries` order, each followed by a NUL, and where each starts: a
    /// search of every entry scans this once.
    pub text: String,
    pub starts: Vec<usize>,
}

impl Snapshot {
    /// Entry `i`'s searchable text (name, article number, description).
    pub fn haystack(&self, i: usize) -> &str {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        &self.text[self.starts[i]..end - 1]
    }

    /// Which entries contain `needle` (lower case, without NUL).
    pub fn text_matches(&self, needle: &memchr::memmem::Finder<'_>) -> Vec<bool> {
        matching(&self.text, &self.starts, self.entries.len(), needle)
    }
}

/// One scan of `text` (parts starting at `starts`, each ending in NUL) for
/// `needle`: per part, whether it occurs. After a hit the scan resumes at
/// the next part. The needle must not contain NUL (the catalogue filter
/// removes it), so that no match spans two parts. Far cheaper than one search per part when there are
/// thousands of short parts.
pub fn matching(text: &str, starts: &[usize], parts: usize, needle: &memchr::memmem::Finder<'_>) -> Vec<bool> {
    let mut hit = vec![false; parts];
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(offset) = needle.find(&bytes[pos..]) else {
            break;
        };
        let part = starts.partition_point(|s| *s <= pos + offset) - 1;
        hit[part] = true;
        pos = starts.get(part + 1).copied().unwrap_or(bytes.len());
    }
    hit
}

struct Kept {
    snapshot: Arc<Snapshot>,
    checked_at: std::time::Instant,
}

/// The per-instance holder of the snapshot; cheap to clone.
#[derive(Clone, Default)]
pub struct CatalogCache {
    kept: Arc<RwLock<Option<Kept>>>,
    ttl: std::time::Duration,
    /// One build at a time: the requests that find no usable copy wait for
    /// the build in progress instead of each repeating it (a cold start
    /// under load once starved the pool that way).
    building: Arc<tokio::sync::Mutex<()>>,
    /// Snapshots built by this cache (for tests and logs).
    builds: Arc<std::sync::atomic::AtomicU64>,
}

impl std::fmt::Debug for CatalogCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CatalogCache")
    }
}

/// Marks the catalogue as changed. Call it inside the transaction of the change.
pub async fn changed<C: ConnectionTrait>(db: &C) -> Result<(), AppError> {
    catalog_version::Entity::update_many()
        .col_expr(
            catalog_version::Column::Version,
            Expr::col(catalog_version::Column::Version).add(1),
        )
        .filter(catalog_version::Column::Id.eq(1))
        .exec(db)
        .await?;
    Ok(())
}

async fn current_version<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    Ok(catalog_version::Entity::find_by_id(1)
        .one(db)
        .await?
        .map(|v| v.version)
        .unwrap_or(0))
}

/// Swedish alphabetical order: å, ä, ö after z.
pub fn sort_key(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' => '|',
            'ö' => '}',
            c => c,
        })
        .collect()
}

impl CatalogCache {
    /// A cache that trusts its copy for `ttl` before asking the database
    /// for the version again.
    pub fn with_ttl(ttl: std::time::Duration) -> Self {
        CatalogCache {
            ttl,
            ..Default::default()
        }
    }

    /// How many snapshots this cache has built.
    pub fn builds(&self) -> u64 {
        self.builds.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Forgets the copy (after a change made through this instance).
    pub fn invalidate(&self) {
        if let Ok(mut g) = self.kept.write() {
            *g = None;
        }
    }

    /// The copy for `day`, with when it was last checked.
    fn kept_for(&self, day: NaiveDate) -> Option<(Arc<Snapshot>, std::time::Instant)> {
        self.kept.read().ok().and_then(|g| {
            g.as_ref()
                .filter(|k| k.snapshot.day == day)
                .map(|k| (k.snapshot.clone(), k.checked_at))
        })
    }

    /// The snapshot for `day` that matches the catalogue's current version.
    pub async fn get<C: ConnectionTrait>(&self, db: &C, day: NaiveDate) -> Result<Arc<Snapshot>, AppError> {
        let fresh = |kept: &Option<(Arc<Snapshot>, std::time::Instant)>| {
            kept.as_ref()
                .filter(|(_, checked_at)| checked_at.elapsed() < self.ttl)
                .map(|(s, _)| s.clone())
        };
        let kept = self.kept_for(day);
        if let Some(snapshot) = fresh(&kept) {
            return Ok(snapshot);
        }
        // One check-and-build at a time. While one runs, a request that has
        // the day's previous copy is answered from it; one without waits and
        // finds the copy the build left.
        let _building = match (self.building.try_lock(), kept) {
            (Ok(guard), _) => guard,
            (Err(_), Some((snapshot, _))) => return Ok(snapshot),
            (Err(_), None) => self.building.lock().await,
        };
        let kept = self.kept_for(day);
        if let Some(snapshot) = fresh(&kept) {
            return Ok(snapshot);
        }
        let version = current_version(db).await?;
        let snapshot = match kept {
            Some((s, _)) if s.version == version => s,
            _ => {
                let built = Arc::new(load(db, version, day).await?);
                self.builds.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                built
            }
        };
        if let Ok(mut g) = self.kept.write() {
            *g = Some(Kept {
                snapshot: snapshot.clone(),
                checked_at: std::time::Instant::now(),
            });
        }
        Ok(snapshot)
    }
}

#[derive(Debug, FromQueryResult)]
struct Row {
    id: i32,
    article_number: String,
    name: String,
    description: String,
    kind: String,
    category_id: i32,
    supplier_id: i32,
    service_level: Option<String>,
    binding_months: i32,
    notice_months: i32,
    image_path: Option<String>,
    valid_from: NaiveDate,
    one_off_ore: i64,
    monthly_ore: i64,
}

async fn load<C: ConnectionTrait>(db: &C, version: i64, day: NaiveDate) -> Result<Snapshot, AppError> {
    let categories = category::Entity::find()
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?;
    let suppliers = supplier::Entity::find()
        .order_by_asc(supplier::Column::Name)
        .all(db)
        .await?;
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
    let rows = item::Entity::find()
        .select_only()
        .columns([
            item::Column::Id,
            item::Column::ArticleNumber,
            item::Column::Name,
            item::Column::Description,
            item::Column::Kind,
            item::Column::CategoryId,
            item::Column::SupplierId,
            item::Column::ServiceLevel,
            item::Column::BindingMonths,
            item::Column::NoticeMonths,
            item::Column::ImagePath,
        ])
        .column(item_price::Column::ValidFrom)
        .column(item_price::Column::OneOffOre)
        .column(item_price::Column::MonthlyOre)
        .join_rev(
            JoinType::InnerJoin,
            item_price::Entity::belongs_to(item::Entity)
                .from(item_price::Column::ItemId)
                .to(item::Column::Id)
                .into(),
        )
        .filter(item::Column::Active.eq(true))
        .filter(item_price::Column::ValidFrom.lte(day))
        .filter(
            Condition::any()
                .add(item_price::Column::ValidTo.is_null())
                .add(item_price::Column::ValidTo.gte(day)),
        )
        .into_model::<Row>()
        .all(db)
        .await?;
    // Of overlapping prices the one that started last is in force.
    let mut latest: HashMap<i32, Row> = HashMap::with_capacity(rows.len());
    for r in rows {
        match latest.get(&r.id) {
            Some(kept) if kept.valid_from >= r.valid_from => {}
            _ => {
                latest.insert(r.id, r);
            }
        }
    }
    let cat_names: HashMap<i32, &str> = categories.iter().map(|c| (c.id, c.name.as_str())).collect();
    let sup_names: HashMap<i32, &str> = suppliers.iter().map(|s| (s.id, s.name.as_str())).collect();
    let (entries, haystacks): (Vec<Entry>, Vec<String>) = latest
        .into_values()
        .map(|r| {
            let price = Price {
                valid_from: r.valid_from,
                valid_to: None,
                one_off: Sek::from_ore(r.one_off_ore),
                monthly: Sek::from_ore(r.monthly_ore),
            };
            let haystack = format!("{}\n{}\n{}", r.name, r.article_number, r.description).to_lowercase();
            let entry = Entry {
                price_sum: r.one_off_ore.saturating_add(r.monthly_ore),
                category_id: r.category_id,
                supplier_id: r.supplier_id,
                summary: ItemSummary {
                    id: r.id,
                    kind: ItemKind::parse(&r.kind).unwrap_or(ItemKind::Hardware),
                    category: cat_names.get(&r.category_id).map(|s| s.to_string()).unwrap_or_default(),
                    supplier: sup_names.get(&r.supplier_id).map(|s| s.to_string()).unwrap_or_default(),
                    service_level: r.service_level.as_deref().and_then(ServiceLevel::parse),
                    one_off: price.one_off,
                    monthly: price.monthly,
                    binding_months: r.binding_months,
                    notice_months: r.notice_months,
                    total_commitment: catalog::total_commitment(price, r.binding_months.max(0) as u32, 1)
                        .unwrap_or(Sek::ZERO),
                    image_url: r.image_path,
                    article_number: r.article_number,
                    name: r.name,
                },
            };
            (entry, haystack)
        })
        .unzip();
    let order = |key: &dyn Fn(&Entry) -> (String, i64, i32)| {
        let mut idx: Vec<usize> = (0..entries.len()).collect();
        let keys: Vec<(String, i64, i32)> = entries.iter().map(key).collect();
        idx.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        idx
    };
    let by_name = order(&|e| (sort_key(&e.summary.name), 0, e.summary.id));
    let by_price = order(&|e| (String::new(), e.price_sum, e.summary.id));
    let by_article = order(&|e| (e.summary.article_number.clone(), 0, e.summary.id));
    let by_id = order(&|e| (String::new(), 0, e.summary.id));
    let mut text = String::with_capacity(haystacks.iter().map(|h| h.len() + 1).sum());
    let mut starts = Vec::with_capacity(haystacks.len());
    for h in &haystacks {
        starts.push(text.len());
        text.extend(h.chars().map(|c| if c == '\0' { ' ' } else { c }));
        text.push('\0');
    }
    Ok(Snapshot {
        version,
        day,
        entries,
        by_name,
        by_price,
        by_article,
        by_id,
        categories,
        suppliers,
        bundles,
        text,
        starts,
    })
}

#[cfg(test)]
mod tests;
