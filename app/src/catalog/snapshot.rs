//! The catalogue as sold on one day, held in memory by each app instance.
//!
//! Browsing and searching read this copy instead of joining 10 000 items
//! with their prices for every request. It is derived data only: every
//! catalogue change increments `catalog_version` in its own transaction, and
//! an instance compares that one number (a primary-key read) with its copy's
//! at most once per `ttl` (zero in tests: every time). A change made through
//! an instance has its next request compare at once; other instances behind
//! the load balancer see it within `ttl`. One build runs at a time; requests
//! that come meanwhile are answered from the day's previous copy.
//!
//! A change says what it touched (`Change`). A change of items marks them
//! with its version, and an instance re-reads only the items marked after
//! its copy and patches it: the other entries, their texts and most index
//! lists are carried over. A change of anything else, a new day, or more
//! than an eighth of the catalogue changed at once has the copy built anew.

use super::dto::{BundleSummary, ItemSummary, SortOrder};
use crate::domain::catalog::{self, ItemKind, Price, ServiceLevel};
use crate::domain::money::Sek;
use crate::entities::{bundle, catalog_version, category, item, item_price, supplier};
use crate::error::AppError;
use chrono::NaiveDate;
use hashlink::LruCache;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

mod index;
use index::{ranks, Entries, Postings, Trigrams, GONE};

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
    pub entries: Vec<Arc<Entry>>,
    /// Positions in `entries` (which are in id order) in each other sort
    /// order.
    pub by_name: Vec<u32>,
    pub by_price: Vec<u32>,
    pub by_article: Vec<u32>,
    /// Each entry's place in the name, price and article number orders
    /// (to sort a few hits without walking a whole order).
    name_rank: Vec<u32>,
    price_rank: Vec<u32>,
    article_rank: Vec<u32>,
    pub categories: Vec<category::Model>,
    pub suppliers: Vec<supplier::Model>,
    pub bundles: Vec<BundleSummary>,
    /// Every entry's name, article number and description in lower case,
    /// in `entries` order, each followed by a NUL, and where each starts.
    pub text: String,
    pub starts: Vec<usize>,
    trigrams: Trigrams,
    by_category: Postings<i32>,
    by_supplier: Postings<i32>,
    by_kind: Postings<ItemKind>,
    by_level: Postings<ServiceLevel>,
    searches: Searches,
}

/// How many texts a copy keeps the hits of.
const KEPT_SEARCHES: usize = 64;

/// A copy's most recent searches: each text sought with the entries that
/// contain it. Paging through a search's hits, sorting them another way or
/// narrowing them by category asks for the same text again, and at 100 000
/// items finding it anew means checking thousands of candidates' texts
/// (6 000 for "latitude"), most of them not in the processor's cache. Held
/// by the copy, so a changed catalogue starts with none; at most
/// `KEPT_SEARCHES` sets of one bit per entry (12 KB each at 100 000 items).
struct Searches(Mutex<LruCache<Box<[u8]>, Arc<Entries>>>);

impl Default for Searches {
    fn default() -> Self {
        Self(Mutex::new(LruCache::new(KEPT_SEARCHES)))
    }
}

impl Searches {
    fn get(&self, needle: &[u8]) -> Option<Arc<Entries>> {
        self.0.lock().ok()?.get(needle).cloned()
    }

    fn put(&self, needle: &[u8], found: Arc<Entries>) {
        if let Ok(mut kept) = self.0.lock() {
            kept.insert(needle.into(), found);
        }
    }
}

/// What a catalogue listing asks for; `None` is "any".
#[derive(Default)]
pub struct Criteria {
    /// Contained in the name, article number or description: lower case,
    /// without NUL.
    pub needle: Option<String>,
    /// Any of these categories.
    pub categories: Option<Vec<i32>>,
    pub kind: Option<ItemKind>,
    pub supplier: Option<i32>,
    pub level: Option<ServiceLevel>,
    /// One-off + monthly, öre, inclusive.
    pub min_ore: Option<i64>,
    pub max_ore: Option<i64>,
}

/// The entries a listing matched: every entry, or those in the set.
pub enum Selection {
    All,
    Only(Entries),
}

impl Snapshot {
    /// Entry `i`'s searchable text (name, article number, description).
    pub fn haystack(&self, i: usize) -> &str {
        part(&self.text, &self.starts, i)
    }

    /// Entry `i`'s searchable text as bytes (no check of where characters
    /// start: each part starts after a NUL).
    fn haystack_bytes(&self, i: usize) -> &[u8] {
        let (start, end) = bounds(&self.text, &self.starts, i);
        &self.text.as_bytes()[start..end]
    }

    /// Reads a byte of each cache line of these entries' texts, in a loop
    /// without a branch that depends on the text, so the memory system
    /// fetches them side by side. At 100 000 items the text is 12 MB and
    /// mostly not in cache: a check of each candidate in turn waited for
    /// its text, one miss after another (most of a search's time).
    fn touch(&self, entries: &[u32]) {
        let bytes = self.text.as_bytes();
        let mut seen = 0u8;
        for i in entries.iter().map(|i| *i as usize) {
            let (start, last) = bounds(&self.text, &self.starts, i);
            seen ^= bytes[start] ^ bytes[(start + 64).min(last)] ^ bytes[last];
        }
        std::hint::black_box(seen);
    }

    /// The entries that meet `c`, from the indexes: the sets of the chosen
    /// category, kind, supplier and service level intersected, the price
    /// range cut from the price order, and the text sought only in the
    /// entries that hold each of its trigrams (and the other criteria).
    pub fn select(&self, c: &Criteria) -> Selection {
        let mut set = self.facets(c);
        if let Some(needle) = &c.needle {
            let found = self.found(needle.as_bytes());
            set = Some(match set {
                Some(mut within) => {
                    within.intersect_with(&found);
                    within
                }
                None => Entries::clone(&found),
            });
        }
        set.map_or(Selection::All, Selection::Only)
    }

    /// The entries whose text contains `needle`: from this copy's recent
    /// searches, else sought and kept among them.
    fn found(&self, needle: &[u8]) -> Arc<Entries> {
        if let Some(found) = self.searches.get(needle) {
            return found;
        }
        let found = Arc::new(self.containing(needle));
        self.searches.put(needle, found.clone());
        found
    }

    /// The entries that meet `c` apart from its text; `None`: every entry.
    fn facets(&self, c: &Criteria) -> Option<Entries> {
        let n = self.entries.len();
        let mut set: Option<Entries> = None;
        let mut narrow = |other: Entries| match &mut set {
            Some(s) => s.intersect_with(&other),
            None => set = Some(other),
        };
        if let Some(categories) = &c.categories {
            narrow(self.by_category.any_of(categories.iter().copied()));
        }
        if let Some(kind) = c.kind {
            narrow(self.by_kind.any_of([kind]));
        }
        if let Some(supplier) = c.supplier {
            narrow(self.by_supplier.any_of([supplier]));
        }
        if let Some(level) = c.level {
            narrow(self.by_level.any_of([level]));
        }
        if c.min_ore.is_some() || c.max_ore.is_some() {
            let price = |i: &u32| self.entries[*i as usize].price_sum;
            let lo = c.min_ore.map_or(0, |m| self.by_price.partition_point(|i| price(i) < m));
            let hi = c
                .max_ore
                .map_or(n, |m| self.by_price.partition_point(|i| price(i) <= m));
            let mut within = Entries::with_capacity(n);
            within.extend(self.by_price[lo..hi.max(lo)].iter().map(|i| *i as usize));
            narrow(within);
        }
        set
    }

    /// The entries whose text contains `needle`.
    fn containing(&self, needle: &[u8]) -> Entries {
        let n = self.entries.len();
        let finder = memchr::memmem::Finder::new(needle);
        let mut found = Entries::with_capacity(n);
        match self.trigrams.candidates(needle) {
            Some(candidates) => {
                for chunk in candidates.chunks(256) {
                    self.touch(chunk);
                    for i in chunk.iter().map(|i| *i as usize) {
                        if finder.find(self.haystack_bytes(i)).is_some() {
                            found.insert(i);
                        }
                    }
                }
            }
            // One or two bytes: one scan of all the text.
            None => {
                for (i, hit) in matching(&self.text, &self.starts, n, &finder).into_iter().enumerate() {
                    if hit {
                        found.insert(i);
                    }
                }
            }
        }
        found
    }

    /// How many entries `selection` holds.
    pub fn count(&self, selection: &Selection) -> usize {
        match selection {
            Selection::All => self.entries.len(),
            Selection::Only(set) => set.count_ones(..),
        }
    }

    /// Entries `skip..skip + take` of `selection` in `sort`. Every entry:
    /// a slice of the order. A few: they are sorted by their places in the
    /// order. Many: the order is walked.
    pub fn page(&self, sort: SortOrder, selection: &Selection, skip: usize, take: usize) -> Vec<usize> {
        let (order, rank, reverse) = match sort {
            SortOrder::Name => (&self.by_name, &self.name_rank, false),
            SortOrder::PriceAsc => (&self.by_price, &self.price_rank, false),
            SortOrder::PriceDesc => (&self.by_price, &self.price_rank, true),
            SortOrder::ArticleNumber => (&self.by_article, &self.article_rank, false),
        };
        let walk = |keep: &dyn Fn(usize) -> bool| -> Vec<usize> {
            let kept = |i: &usize| keep(*i);
            let entries = order.iter().map(|i| *i as usize);
            if reverse {
                entries.rev().filter(kept).skip(skip).take(take).collect()
            } else {
                entries.filter(kept).skip(skip).take(take).collect()
            }
        };
        match selection {
            Selection::All => walk(&|_| true),
            Selection::Only(set) if set.count_ones(..) <= order.len() / 32 => {
                let mut hits: Vec<usize> = set.ones().collect();
                hits.sort_unstable_by_key(|i| rank[*i]);
                if reverse {
                    hits.reverse();
                }
                hits.into_iter().skip(skip).take(take).collect()
            }
            Selection::Only(set) => walk(&|i| set.contains(i)),
        }
    }

    /// Up to `take` entries that meet `c` with an id above `after`, by id.
    /// Entries are in id order, and so are a text's candidates: the walk
    /// stops at the `take`th match instead of finding every match first.
    pub fn after_id(&self, c: &Criteria, after: Option<i32>, take: usize) -> Vec<usize> {
        let start = match after {
            Some(after) => self.entries.partition_point(|e| e.summary.id <= after),
            None => 0,
        };
        let facets = self.facets(c);
        let kept = |i: &usize| facets.as_ref().is_none_or(|f| f.contains(*i));
        let Some(needle) = c.needle.as_deref().map(str::as_bytes) else {
            return (start..self.entries.len()).filter(kept).take(take).collect();
        };
        let finder = memchr::memmem::Finder::new(needle);
        let contains = |i: &usize| finder.find(self.haystack_bytes(*i)).is_some();
        match self.trigrams.candidates(needle) {
            Some(candidates) => {
                let from = candidates.partition_point(|i| (*i as usize) < start);
                candidates[from..]
                    .iter()
                    .map(|i| *i as usize)
                    .filter(|i| kept(i) && contains(i))
                    .take(take)
                    .collect()
            }
            None => (start..self.entries.len())
                .filter(|i| kept(i) && contains(i))
                .take(take)
                .collect(),
        }
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
    /// When its version was last compared with the database's; `None`:
    /// compare at the next request.
    checked_at: Option<std::time::Instant>,
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
    /// Snapshots built by this cache, and copies patched (for tests and
    /// logs).
    builds: Arc<std::sync::atomic::AtomicU64>,
    patches: Arc<std::sync::atomic::AtomicU64>,
}

impl std::fmt::Debug for CatalogCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CatalogCache")
    }
}

/// What a catalogue change touched: what each instance reads again.
#[derive(Clone, Copy, Debug)]
pub enum Change<'a> {
    /// These items: their fields, activity, prices or image (new items
    /// too). An instance re-reads only them and patches its copy.
    Items(&'a [i32]),
    /// The bundles; the items stand as they were.
    Bundles,
    /// Anything else (categories, suppliers, data loaded in bulk): every
    /// instance builds its copy anew.
    Whole,
}

/// Marks the catalogue as changed. Call it inside the transaction of the
/// change (after the items are written: new ones need their ids).
pub async fn changed<C: ConnectionTrait>(db: &C, change: Change<'_>) -> Result<(), AppError> {
    let next = Expr::col(catalog_version::Column::Version).add(1);
    let mut bump = catalog_version::Entity::update_many().col_expr(catalog_version::Column::Version, next.clone());
    if let Change::Whole = change {
        bump = bump.col_expr(catalog_version::Column::WholeIn, next);
    }
    bump.filter(catalog_version::Column::Id.eq(1)).exec(db).await?;
    if let Change::Items(ids) = change {
        let version = current_version(db).await?.version;
        for chunk in ids.chunks(1000) {
            item::Entity::update_many()
                .col_expr(item::Column::ChangedIn, Expr::value(version))
                .filter(item::Column::Id.is_in(chunk.iter().copied()))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

async fn current_version<C: ConnectionTrait>(db: &C) -> Result<catalog_version::Model, AppError> {
    Ok(catalog_version::Entity::find_by_id(1)
        .one(db)
        .await?
        .unwrap_or(catalog_version::Model {
            id: 1,
            version: 0,
            whole_in: 0,
        }))
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

    /// How many times this cache has patched its copy after a change of
    /// items instead of building it anew.
    pub fn patches(&self) -> u64 {
        self.patches.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Has the next request compare the copy's version with the
    /// database's (after a change made through this instance). Until that
    /// check is done, requests wait for it rather than being answered from
    /// the copy: whoever made the change sees it at once. (A copy that
    /// only aged past its time to live is still answered from while the
    /// check runs.)
    pub fn invalidate(&self) {
        if let Ok(mut g) = self.kept.write() {
            if let Some(k) = g.as_mut() {
                k.checked_at = None;
            }
        }
    }

    /// The copy for `day`, with when it was last checked.
    fn kept_for(&self, day: NaiveDate) -> Option<(Arc<Snapshot>, Option<std::time::Instant>)> {
        self.kept.read().ok().and_then(|g| {
            g.as_ref()
                .filter(|k| k.snapshot.day == day)
                .map(|k| (k.snapshot.clone(), k.checked_at))
        })
    }

    /// The snapshot for `day` that matches the catalogue's current version.
    pub async fn get<C: ConnectionTrait>(&self, db: &C, day: NaiveDate) -> Result<Arc<Snapshot>, AppError> {
        let fresh = |kept: &Option<(Arc<Snapshot>, Option<std::time::Instant>)>| {
            kept.as_ref()
                .filter(|(_, checked_at)| checked_at.is_some_and(|c| c.elapsed() < self.ttl))
                .map(|(s, _)| s.clone())
        };
        let kept = self.kept_for(day);
        if let Some(snapshot) = fresh(&kept) {
            return Ok(snapshot);
        }
        // One check-and-build at a time. While one runs, a request whose
        // copy of the day only aged is answered from it; one without a copy,
        // or whose copy a change through this instance made stale, waits and
        // finds the copy the build left.
        let _building = match (self.building.try_lock(), kept) {
            (Ok(guard), _) => guard,
            (Err(_), Some((snapshot, Some(_)))) => return Ok(snapshot),
            (Err(_), _) => self.building.lock().await,
        };
        let kept = self.kept_for(day);
        if let Some(snapshot) = fresh(&kept) {
            return Ok(snapshot);
        }
        let current = current_version(db).await?;
        let patched = match &kept {
            Some((s, _)) if s.version == current.version => Some(s.clone()),
            // Only items changed since the copy: they are read again and
            // put in place.
            Some((s, _)) if current.whole_in <= s.version && s.version < current.version => {
                let patched = patch(db, s, current.version).await?.map(Arc::new);
                if patched.is_some() {
                    self.patches.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                patched
            }
            _ => None,
        };
        let snapshot = match patched {
            Some(s) => s,
            None => {
                let built = Arc::new(load(db, current.version, day).await?);
                self.builds.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                built
            }
        };
        if let Ok(mut g) = self.kept.write() {
            *g = Some(Kept {
                snapshot: snapshot.clone(),
                checked_at: Some(std::time::Instant::now()),
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

/// The categories, suppliers and active bundles (a few hundred rows).
async fn outline<C: ConnectionTrait>(
    db: &C,
) -> Result<(Vec<category::Model>, Vec<supplier::Model>, Vec<BundleSummary>), AppError> {
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
    Ok((categories, suppliers, bundles))
}

/// The active items with their price in force on `day` (of overlapping
/// prices the one that started last), in id order; with `since`, only
/// those changed after that version.
async fn priced<C: ConnectionTrait>(db: &C, day: NaiveDate, since: Option<i64>) -> Result<Vec<Row>, AppError> {
    let mut query = item::Entity::find()
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
        );
    if let Some(version) = since {
        query = query.filter(item::Column::ChangedIn.gt(version));
    }
    let rows = query.into_model::<Row>().all(db).await?;
    let mut latest: HashMap<i32, Row> = HashMap::with_capacity(rows.len());
    for r in rows {
        match latest.get(&r.id) {
            Some(kept) if kept.valid_from >= r.valid_from => {}
            _ => {
                latest.insert(r.id, r);
            }
        }
    }
    let mut rows: Vec<Row> = latest.into_values().collect();
    rows.sort_unstable_by_key(|r| r.id);
    Ok(rows)
}

/// Category and supplier names by id.
struct Names<'a> {
    categories: HashMap<i32, &'a str>,
    suppliers: HashMap<i32, &'a str>,
}

impl<'a> Names<'a> {
    fn of(categories: &'a [category::Model], suppliers: &'a [supplier::Model]) -> Self {
        Names {
            categories: categories.iter().map(|c| (c.id, c.name.as_str())).collect(),
            suppliers: suppliers.iter().map(|s| (s.id, s.name.as_str())).collect(),
        }
    }

    /// The entry of a row, with its searchable text.
    fn entry(&self, r: Row) -> (Arc<Entry>, String) {
        let price = Price {
            valid_from: r.valid_from,
            valid_to: None,
            one_off: Sek::from_ore(r.one_off_ore),
            monthly: Sek::from_ore(r.monthly_ore),
        };
        let haystack = format!("{}\n{}\n{}", r.name, r.article_number, r.description).to_lowercase();
        let name = |names: &HashMap<i32, &str>, id: i32| names.get(&id).map(|s| s.to_string()).unwrap_or_default();
        let entry = Entry {
            price_sum: r.one_off_ore.saturating_add(r.monthly_ore),
            category_id: r.category_id,
            supplier_id: r.supplier_id,
            summary: ItemSummary {
                id: r.id,
                kind: ItemKind::parse(&r.kind).unwrap_or(ItemKind::Hardware),
                category: name(&self.categories, r.category_id),
                supplier: name(&self.suppliers, r.supplier_id),
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
        (Arc::new(entry), haystack)
    }
}

/// Appends a part to the snapshot's text: NUL inside it becomes a space,
/// and a NUL ends it.
fn push_text(text: &mut String, starts: &mut Vec<usize>, haystack: &str) {
    starts.push(text.len());
    text.extend(haystack.chars().map(|c| if c == '\0' { ' ' } else { c }));
    text.push('\0');
}

/// Where entry `i`'s part of `text` (as `push_text` wrote it) begins and
/// ends, without its NUL.
fn bounds(text: &str, starts: &[usize], i: usize) -> (usize, usize) {
    let end = starts.get(i + 1).copied().unwrap_or(text.len());
    (starts[i], end - 1)
}

/// Entry `i`'s part of `text`, without its NUL.
fn part<'a>(text: &'a str, starts: &[usize], i: usize) -> &'a str {
    let (start, end) = bounds(text, starts, i);
    &text[start..end]
}

/// The keys of the three sort orders (each ends in the id, so that no two
/// entries tie).
fn name_key(e: &Entry) -> (String, i32) {
    (sort_key(&e.summary.name), e.summary.id)
}
fn price_key(e: &Entry) -> (i64, i32) {
    (e.price_sum, e.summary.id)
}
fn article_key(e: &Entry) -> (String, i32) {
    (e.summary.article_number.clone(), e.summary.id)
}

/// The positions of `entries` in the order of `key`.
fn order_by<K: Ord>(entries: &[Arc<Entry>], key: fn(&Entry) -> K) -> Vec<u32> {
    let keys: Vec<K> = entries.iter().map(|e| key(e)).collect();
    let mut order: Vec<u32> = (0..entries.len() as u32).collect();
    order.sort_unstable_by(|a, b| keys[*a as usize].cmp(&keys[*b as usize]));
    order
}

/// An order of the old entries after a change: the gone ones left out,
/// the others moved (`moved`), and the `fresh` positions of `entries` put
/// in by `key`, each sought by bisection.
fn reordered<K: Ord>(
    order: &[u32],
    moved: &[u32],
    fresh: &[u32],
    entries: &[Arc<Entry>],
    key: fn(&Entry) -> K,
) -> Vec<u32> {
    let kept: Vec<u32> = order
        .iter()
        .map(|old| moved[*old as usize])
        .filter(|new| *new != GONE)
        .collect();
    let mut fresh: Vec<(K, u32)> = fresh.iter().map(|i| (key(&entries[*i as usize]), *i)).collect();
    fresh.sort_unstable();
    let mut out = Vec::with_capacity(kept.len() + fresh.len());
    let mut rest = &kept[..];
    for (k, i) in fresh {
        let at = rest.partition_point(|j| key(&entries[*j as usize]) < k);
        out.extend_from_slice(&rest[..at]);
        out.push(i);
        rest = &rest[at..];
    }
    out.extend_from_slice(rest);
    out
}

/// The parts of a snapshot that its entries give.
struct Parts {
    entries: Vec<Arc<Entry>>,
    text: String,
    starts: Vec<usize>,
    trigrams: Trigrams,
    by_name: Vec<u32>,
    by_price: Vec<u32>,
    by_article: Vec<u32>,
}

impl Snapshot {
    fn assemble(
        version: i64,
        day: NaiveDate,
        parts: Parts,
        (categories, suppliers, bundles): (Vec<category::Model>, Vec<supplier::Model>, Vec<BundleSummary>),
    ) -> Snapshot {
        let Parts {
            entries,
            text,
            starts,
            trigrams,
            by_name,
            by_price,
            by_article,
        } = parts;
        let n = entries.len();
        Snapshot {
            version,
            day,
            name_rank: ranks(&by_name),
            price_rank: ranks(&by_price),
            article_rank: ranks(&by_article),
            by_category: Postings::build(n, entries.iter().map(|e| Some(e.category_id))),
            by_supplier: Postings::build(n, entries.iter().map(|e| Some(e.supplier_id))),
            by_kind: Postings::build(n, entries.iter().map(|e| Some(e.summary.kind))),
            by_level: Postings::build(n, entries.iter().map(|e| e.summary.service_level)),
            trigrams,
            entries,
            by_name,
            by_price,
            by_article,
            categories,
            suppliers,
            bundles,
            text,
            starts,
            searches: Searches::default(),
        }
    }

    /// This copy with the items changed after it (`changed`, ascending)
    /// replaced by what they are now (`rows`, in id order: the changed
    /// items that are active and priced; the others leave). The other
    /// entries, their texts and the index lists that hold none of the
    /// changed entries are carried over.
    fn patched(
        &self,
        version: i64,
        changed: &[i32],
        rows: Vec<Row>,
        outline: (Vec<category::Model>, Vec<supplier::Model>, Vec<BundleSummary>),
    ) -> Snapshot {
        let names = Names::of(&outline.0, &outline.1);
        let mut rows = rows.into_iter().map(|r| names.entry(r)).peekable();
        let mut entries = Vec::with_capacity(self.entries.len() + rows.len());
        let mut text = String::with_capacity(self.text.len());
        let mut starts = Vec::with_capacity(self.entries.len() + rows.len());
        let mut moved = vec![GONE; self.entries.len()];
        let mut fresh = Vec::new();
        let mut put_fresh = |(entry, haystack): (Arc<Entry>, String),
                             entries: &mut Vec<Arc<Entry>>,
                             text: &mut String,
                             starts: &mut Vec<usize>| {
            fresh.push(entries.len() as u32);
            entries.push(entry);
            push_text(text, starts, &haystack);
        };
        for (old, e) in self.entries.iter().enumerate() {
            let id = e.summary.id;
            while let Some(row) = rows.next_if(|(f, _)| f.summary.id < id) {
                put_fresh(row, &mut entries, &mut text, &mut starts);
            }
            if changed.binary_search(&id).is_ok() {
                continue;
            }
            moved[old] = entries.len() as u32;
            entries.push(e.clone());
            starts.push(text.len());
            // With its NUL.
            let (start, nul) = bounds(&self.text, &self.starts, old);
            text.push_str(&self.text[start..=nul]);
        }
        for row in rows {
            put_fresh(row, &mut entries, &mut text, &mut starts);
        }
        let texts = fresh.iter().map(|i| (*i, part(&text, &starts, *i as usize)));
        let gone = moved
            .iter()
            .enumerate()
            .filter(|(_, new)| **new == GONE)
            .map(|(old, _)| self.haystack(old));
        let trigrams = self.trigrams.patched(&moved, gone, texts);
        let parts = Parts {
            by_name: reordered(&self.by_name, &moved, &fresh, &entries, name_key),
            by_price: reordered(&self.by_price, &moved, &fresh, &entries, price_key),
            by_article: reordered(&self.by_article, &moved, &fresh, &entries, article_key),
            entries,
            text,
            starts,
            trigrams,
        };
        Snapshot::assemble(version, self.day, parts, outline)
    }
}

/// The snapshot of `day`'s catalogue at `version`, read whole.
async fn load<C: ConnectionTrait>(db: &C, version: i64, day: NaiveDate) -> Result<Snapshot, AppError> {
    let outline = outline(db).await?;
    let rows = priced(db, day, None).await?;
    let names = Names::of(&outline.0, &outline.1);
    let mut entries = Vec::with_capacity(rows.len());
    let mut text = String::new();
    let mut starts = Vec::with_capacity(rows.len());
    for r in rows {
        let (entry, haystack) = names.entry(r);
        entries.push(entry);
        push_text(&mut text, &mut starts, &haystack);
    }
    let trigrams = Trigrams::build((0..starts.len()).map(|i| part(&text, &starts, i)));
    let parts = Parts {
        by_name: order_by(&entries, name_key),
        by_price: order_by(&entries, price_key),
        by_article: order_by(&entries, article_key),
        entries,
        text,
        starts,
        trigrams,
    };
    Ok(Snapshot::assemble(version, day, parts, outline))
}

/// `old` with the items changed after its version read again, or `None`
/// when building anew is as cheap (more than an eighth of the catalogue
/// changed) or needed (a category or supplier changed).
async fn patch<C: ConnectionTrait>(db: &C, old: &Snapshot, version: i64) -> Result<Option<Snapshot>, AppError> {
    let mut changed: Vec<i32> = item::Entity::find()
        .select_only()
        .column(item::Column::Id)
        .filter(item::Column::ChangedIn.gt(old.version))
        .into_tuple()
        .all(db)
        .await?;
    if changed.len() > old.entries.len() / 8 + 64 {
        return Ok(None);
    }
    let outline = outline(db).await?;
    if outline.0 != old.categories || outline.1 != old.suppliers {
        return Ok(None);
    }
    let rows = priced(db, old.day, Some(old.version)).await?;
    // An item changed between the two reads is in `rows`: it is replaced
    // too (the next check reads it again).
    changed.extend(rows.iter().map(|r| r.id));
    changed.sort_unstable();
    changed.dedup();
    Ok(Some(old.patched(version, &changed, rows, outline)))
}

#[cfg(test)]
mod tests;
