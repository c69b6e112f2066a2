//! Plans side by side: two revisions of one object compared, and every
//! object's adopted plan summed for the region's portfolio.

use super::read::get;
use crate::ctx::{require_signed_in, Ctx};
use crate::domain::money::Sek;
use crate::domain::plan::{self, PlanStatus};
use crate::entities::{governance_object, object_family, plan as plan_e};
use crate::error::AppError;
use crate::plans::dto::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

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

/// Every object's adopted plan for `year` and the year before, summed per
/// family and for the region; read from the totals stored with each plan.
/// The objects `query` asks for are listed a page at a time: the sums are
/// of every object, the rows of one page (5 000 objects made a page of
/// several megabytes at ten times the region).
pub async fn portfolio<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
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
    // The year's and last year's sums; refused, not wrapped, if they overflow.
    let sum_too_large = || AppError::validation("year", "Årets summor blir för stora att räkna med.");
    let families = object_family::Entity::find()
        .order_by_asc(object_family::Column::SortOrder)
        .all(db)
        .await?;
    let objects = governance_object::Entity::find()
        .order_by_asc(governance_object::Column::Name)
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
    let mut out = Portfolio {
        year,
        families: vec![],
        sum: Totals::default(),
        last_year_sum: Totals::default(),
        not_adopted: 0,
        financing: vec![],
        unsplit: Sek::ZERO,
        query: PortfolioQuery::default(),
        matching: 0,
        pages: 1,
        rows: vec![],
    };
    let wanted = q.to_lowercase();
    // The listed objects, by family and name; made into rows for one page.
    let mut listed: Vec<(&object_family::Model, &governance_object::Model)> = vec![];
    let mut parties: HashMap<String, PartyTotal> = HashMap::new();
    for f in &families {
        let mut fam = PortfolioFamily {
            id: f.id,
            name: f.name.clone(),
            objects: 0,
            not_adopted: 0,
            sum: Totals::default(),
            last_year_sum: Totals::default(),
        };
        for o in objects.iter().filter(|o| o.family_id == f.id) {
            fam.objects += 1;
            if let Some(p) = adopted.get(&(o.id, year)) {
                fam.sum = fam.sum.checked_plus(totals(p)).ok_or_else(sum_too_large)?;
                split_into(&mut parties, &mut out.unsplit, p).ok_or_else(sum_too_large)?;
            } else {
                fam.not_adopted += 1;
            }
            if let Some(p) = adopted.get(&(o.id, year - 1)) {
                fam.last_year_sum = fam.last_year_sum.checked_plus(totals(p)).ok_or_else(sum_too_large)?;
            }
            if query.family.is_none_or(|id| id == f.id)
                && (wanted.is_empty() || o.name.to_lowercase().contains(&wanted))
            {
                listed.push((f, o));
            }
        }
        out.not_adopted += fam.not_adopted;
        out.sum = out.sum.checked_plus(fam.sum).ok_or_else(sum_too_large)?;
        out.last_year_sum = out
            .last_year_sum
            .checked_plus(fam.last_year_sum)
            .ok_or_else(sum_too_large)?;
        out.families.push(fam);
    }
    out.financing = parties.into_values().collect();
    out.financing
        .sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.name.cmp(&b.name)));
    out.matching = listed.len();
    out.pages = listed.len().div_ceil(PORTFOLIO_PAGE).max(1) as u64;
    let page = query.page.min(out.pages);
    out.rows = listed
        .into_iter()
        .skip((page - 1) as usize * PORTFOLIO_PAGE)
        .take(PORTFOLIO_PAGE)
        .map(|(f, o)| {
            let now = adopted.get(&(o.id, year)).copied();
            PortfolioRow {
                object_id: o.id,
                object_name: o.name.clone(),
                family_id: f.id,
                family_name: f.name.clone(),
                plan_id: now.map(|p| p.id).or_else(|| newest.get(&o.id).map(|p| p.id)),
                status: newest.get(&o.id).and_then(|p| PlanStatus::parse(&p.status)),
                adopted: now.map(totals),
                last_year: adopted.get(&(o.id, year - 1)).map(|p| totals(p)),
            }
        })
        .collect();
    out.query = PortfolioQuery {
        family: query.family,
        q,
        page,
    };
    Ok(out)
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
