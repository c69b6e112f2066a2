//! Plans side by side: two revisions of one object compared, and every
//! object's adopted plan summed for the region's portfolio.

use super::read::get;
use crate::ctx::{require_signed_in, Ctx};
use crate::domain::money::Sek;
use crate::domain::plan::{self, PlanStatus};
use crate::entities::{governance_object, object_family, plan as plan_e, portfolio_version};
use crate::error::AppError;
use crate::plans::dto::*;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// What changed from plan `from` to plan `to` (same object), for anyone who
/// may read both.
pub async fn compare<C: ConnectionTrait>(ctx: &Ctx, db: &C, from: i32, to: i32) -> Result<Comparison, AppError> {
    let a = get(ctx, db, from).await?;
    let b = get(ctx, db, to).await?;
    if a.object_id != b.object_id {
        return Err(AppError::validation(
            "to",
            "Planerna hör till olika förvaltningsobjekt.",
        ));
    }
    let r = |p: &PlanDto| PlanRef {
        id: p.id,
        year: p.year,
        revision: p.revision,
        status: p.status,
    };
    Ok(Comparison {
        object_name: b.object_name.clone(),
        from: r(&a),
        to: r(&b),
        diff: crate::plans::diff::diff(&a.content, a.settings, &b.content, b.settings),
    })
}

/// What the portfolio reads of a plan: its stored totals, not its document.
#[derive(Debug, sea_orm::FromQueryResult)]
struct PlanTotals {
    id: i32,
    object_id: i32,
    year: i32,
    status: String,
    total_ore: i64,
    vm_ore: i64,
    vu_ore: i64,
    business_ore: i64,
    it_ore: i64,
    fte_hundredths: i64,
    financing: String,
}

fn totals(p: &PlanTotals) -> Totals {
    Totals {
        total: Sek::from_ore(p.total_ore),
        vm: Sek::from_ore(p.vm_ore),
        vu: Sek::from_ore(p.vu_ore),
        business: Sek::from_ore(p.business_ore),
        it: Sek::from_ore(p.it_ore),
        fte: plan::Fte::from_hundredths(p.fte_hundredths),
    }
}

/// The stored totals and cost split of every plan of `year` and the year
/// before, oldest revision first. SQLite answers it from `idx_plan_totals`
/// alone (a test holds it to that): the table's rows carry the documents.
fn totals_query(year: i32) -> sea_orm::Select<plan_e::Entity> {
    use plan_e::Column as P;
    plan_e::Entity::find()
        .select_only()
        .columns([
            P::Id,
            P::ObjectId,
            P::Year,
            P::Status,
            P::TotalOre,
            P::VmOre,
            P::VuOre,
            P::BusinessOre,
            P::ItOre,
            P::FteHundredths,
            P::Financing,
        ])
        .filter(P::Year.is_in([year, year - 1]))
        .order_by_asc(P::Revision)
}

/// A year's portfolio before it is filtered and paged: the sums, and every
/// object's row in family and name order with its name in lower case (for
/// the name filter). Built from the database by [`build`], kept by
/// [`PortfolioCache`].
#[derive(Debug)]
struct YearPortfolio {
    /// `portfolio_version` when it was read.
    version: i64,
    /// A sum overflowed: the year is refused, not wrapped.
    too_large: bool,
    families: Vec<PortfolioFamily>,
    sum: Totals,
    last_year_sum: Totals,
    not_adopted: usize,
    financing: Vec<PartyTotal>,
    unsplit: Sek,
    rows: Vec<(PortfolioRow, String)>,
}

/// Reads and sums `year`'s portfolio (with the year before) as of
/// `version`, which the caller read first.
async fn build<C: ConnectionTrait>(db: &C, year: i32, version: i64) -> Result<YearPortfolio, AppError> {
    let families = object_family::Entity::find()
        .order_by_asc(object_family::Column::SortOrder)
        .all(db)
        .await?;
    let objects = governance_object::Entity::find()
        .select_only()
        .columns([
            governance_object::Column::Id,
            governance_object::Column::FamilyId,
            governance_object::Column::Name,
        ])
        .order_by_asc(governance_object::Column::Name)
        .into_tuple::<(i32, i32, String)>()
        .all(db)
        .await?;
    let plans = totals_query(year).into_model::<PlanTotals>().all(db).await?;
    // Later revisions overwrite earlier ones.
    let mut adopted: HashMap<(i32, i32), &PlanTotals> = HashMap::new();
    let mut newest: HashMap<i32, &PlanTotals> = HashMap::new();
    for p in &plans {
        if p.status == PlanStatus::Faststalld.as_str() {
            adopted.insert((p.object_id, p.year), p);
        }
        if p.year == year {
            newest.insert(p.object_id, p);
        }
    }
    let mut out = YearPortfolio {
        version,
        too_large: false,
        families: vec![],
        sum: Totals::default(),
        last_year_sum: Totals::default(),
        not_adopted: 0,
        financing: vec![],
        unsplit: Sek::ZERO,
        rows: Vec::with_capacity(objects.len()),
    };
    let mut by_family: HashMap<i32, Vec<&(i32, i32, String)>> = HashMap::new();
    for o in &objects {
        by_family.entry(o.1).or_default().push(o);
    }
    let mut parties: HashMap<String, PartyTotal> = HashMap::new();
    let summed = (|| {
        for f in &families {
            let mut fam = PortfolioFamily {
                id: f.id,
                name: f.name.clone(),
                objects: 0,
                not_adopted: 0,
                sum: Totals::default(),
                last_year_sum: Totals::default(),
            };
            for &&(id, _, ref name) in by_family.get(&f.id).into_iter().flatten() {
                fam.objects += 1;
                let now = adopted.get(&(id, year)).copied();
                if let Some(p) = now {
                    fam.sum = fam.sum.checked_plus(totals(p))?;
                    split_into(&mut parties, &mut out.unsplit, p)?;
                } else {
                    fam.not_adopted += 1;
                }
                let last = adopted.get(&(id, year - 1)).map(|p| totals(p));
                if let Some(t) = last {
                    fam.last_year_sum = fam.last_year_sum.checked_plus(t)?;
                }
                let row = PortfolioRow {
                    object_id: id,
                    object_name: name.clone(),
                    family_id: f.id,
                    family_name: f.name.clone(),
                    plan_id: now.map(|p| p.id).or_else(|| newest.get(&id).map(|p| p.id)),
                    status: newest.get(&id).and_then(|p| PlanStatus::parse(&p.status)),
                    adopted: now.map(totals),
                    last_year: last,
                };
                out.rows.push((row, name.to_lowercase()));
            }
            out.not_adopted += fam.not_adopted;
            out.sum = out.sum.checked_plus(fam.sum)?;
            out.last_year_sum = out.last_year_sum.checked_plus(fam.last_year_sum)?;
            out.families.push(fam);
        }
        Some(())
    })();
    out.too_large = summed.is_none();
    out.financing = parties.into_values().collect();
    out.financing
        .sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}

/// Marks the portfolio as changed: call it inside the transaction of any
/// write of what it shows (an object or family created or changed, a plan
/// or revision created, a plan moved to another status). A draft's saved
/// content is not shown, and needs none.
pub async fn changed<C: ConnectionTrait>(db: &C) -> Result<(), AppError> {
    portfolio_version::Entity::update_many()
        .col_expr(
            portfolio_version::Column::Version,
            Expr::col(portfolio_version::Column::Version).add(1),
        )
        .filter(portfolio_version::Column::Id.eq(1))
        .exec(db)
        .await?;
    Ok(())
}

async fn current_version<C: ConnectionTrait>(db: &C) -> Result<i64, AppError> {
    Ok(portfolio_version::Entity::find_by_id(1)
        .one(db)
        .await?
        .map_or(0, |v| v.version))
}

/// Years of the portfolio an instance keeps at most.
const KEPT_YEARS: usize = 4;

/// Each year's portfolio as this instance last summed it. A request reads
/// `portfolio_version` (one primary-key read) and is answered from the
/// kept sums when they are of that version; otherwise one request at a time
/// sums the year again and the others wait for it and use its sums. Every
/// change through any instance increments the version in its transaction,
/// so no instance answers from sums older than the last committed change.
/// At ten times the region (5 000 objects, 10 000 plans) summing took
/// 60-70 ms a request.
#[derive(Clone, Debug, Default)]
pub struct PortfolioCache {
    kept: Arc<Mutex<HashMap<i32, Arc<YearPortfolio>>>>,
    building: Arc<tokio::sync::Mutex<()>>,
    builds: Arc<AtomicU64>,
}

impl PortfolioCache {
    /// How many times this cache has summed a year.
    pub fn builds(&self) -> u64 {
        self.builds.load(Ordering::Relaxed)
    }

    fn kept_of(&self, year: i32, version: i64) -> Option<Arc<YearPortfolio>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(&year).filter(|y| y.version == version).cloned()
    }

    async fn year<C: ConnectionTrait>(&self, db: &C, year: i32) -> Result<Arc<YearPortfolio>, AppError> {
        let version = current_version(db).await?;
        if let Some(y) = self.kept_of(year, version) {
            return Ok(y);
        }
        let _building = self.building.lock().await;
        // Whoever held the lock may have summed this version meanwhile.
        let version = current_version(db).await?;
        if let Some(y) = self.kept_of(year, version) {
            return Ok(y);
        }
        let built = Arc::new(build(db, year, version).await?);
        self.builds.fetch_add(1, Ordering::Relaxed);
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.retain(|_, y| y.version == version);
        if kept.len() >= KEPT_YEARS {
            kept.clear();
        }
        kept.insert(year, built.clone());
        Ok(built)
    }
}

/// Every object's adopted plan for `year` and the year before, summed per
/// family and for the region; read from the totals stored with each plan,
/// through `cache`. The objects `query` asks for are listed a page at a
/// time: the sums are of every object, the rows of one page (5 000 objects
/// made a page of several megabytes at ten times the region).
pub async fn portfolio<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    cache: &PortfolioCache,
    year: i32,
    query: PortfolioQuery,
) -> Result<Portfolio, AppError> {
    require_signed_in(ctx)?;
    let year = plan::PlanYear::new(year)
        .map_err(|m| AppError::validation("year", m))?
        .get();
    let q = crate::domain::search::term(&query.q)
        .map_err(|m| AppError::validation("q", m))?
        .unwrap_or_default()
        .to_owned();
    if !(1..=PORTFOLIO_MAX_PAGE).contains(&query.page) {
        return Err(AppError::validation(
            "page",
            "Sidan ska vara ett tal mellan 1 och 100 000.",
        ));
    }
    let y = cache.year(db, year).await?;
    if y.too_large {
        return Err(AppError::validation(
            "year",
            "Årets summor blir för stora att räkna med.",
        ));
    }
    let wanted = q.to_lowercase();
    let listed: Vec<&PortfolioRow> = y
        .rows
        .iter()
        .filter(|(row, lower)| {
            query.family.is_none_or(|id| id == row.family_id) && (wanted.is_empty() || lower.contains(&wanted))
        })
        .map(|(row, _)| row)
        .collect();
    let pages = listed.len().div_ceil(PORTFOLIO_PAGE).max(1) as u64;
    let page = query.page.min(pages);
    Ok(Portfolio {
        year,
        families: y.families.clone(),
        sum: y.sum,
        last_year_sum: y.last_year_sum,
        not_adopted: y.not_adopted,
        financing: y.financing.clone(),
        unsplit: y.unsplit,
        query: PortfolioQuery {
            family: query.family,
            q,
            page,
        },
        matching: listed.len(),
        pages,
        rows: listed
            .into_iter()
            .skip((page - 1) as usize * PORTFOLIO_PAGE)
            .take(PORTFOLIO_PAGE)
            .cloned()
            .collect(),
    })
}

/// Adds an adopted plan's cost split to the parties' sums, or its total to
/// what is not split (no parties, or shares that do not make 100 %).
/// `None` if a sum overflows.
fn split_into(parties: &mut HashMap<String, PartyTotal>, unsplit: &mut Sek, p: &PlanTotals) -> Option<()> {
    let total = Sek::from_ore(p.total_ore);
    let financing: Vec<FinancingParty> = serde_json::from_str(&p.financing).unwrap_or_default();
    let shares: Vec<u32> = financing.iter().map(|f| f.share).collect();
    let Some(parts) = crate::domain::cost_split::split(total, &shares) else {
        *unsplit = unsplit.checked_add(total)?;
        return Some(());
    };
    for (party, amount) in financing.iter().zip(parts) {
        let name = party.name.trim().to_owned();
        let entry = parties.entry(name.clone()).or_insert(PartyTotal {
            name,
            amount: Sek::ZERO,
            plans: 0,
        });
        entry.amount = entry.amount.checked_add(amount)?;
        entry.plans += 1;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::QueryTrait;

    /// On SQLite the portfolio reads no plan's row, only the index: a row's
    /// later columns sit past its document (migration 27). PostgreSQL keeps
    /// the documents out of line and has nothing to check here.
    #[tokio::test]
    async fn sqlite_reads_the_totals_from_the_index_alone() {
        let t = crate::testing::test_db().await;
        let Some(steps) = crate::testing::sqlite_plan(&t, totals_query(2026).as_query()).await else {
            return;
        };
        assert!(
            steps.iter().any(|s| s.contains("COVERING INDEX idx_plan_totals")),
            "{steps:?}"
        );
    }
}
