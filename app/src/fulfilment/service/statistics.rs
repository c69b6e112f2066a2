//! The automation statistics: per month of delivery, how many orders fell
//! in each category (`order_outcome`), the twelve-month trend, and lead
//! times from submit to delivered per category and per supplier, with the
//! share within the region's 60-day goal. One grouped statement for the
//! counts; the lead times of one month in two, grouped by days.

use crate::ctx::{require, Ctx};
use crate::domain::authz::Permission;
use crate::domain::automation::{lead_times, Category, Month};
use crate::entities::{order_outcome, order_part};
use crate::error::AppError;
use crate::fulfilment::dto::{AutomationReport, CategoryFigure, LeadRow, MonthFigures, StatisticsPage};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, StatementBuilder};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// At most this many months in one report.
pub const MAX_MONTHS: usize = 120;

fn month_arg(field: &str, text: &str) -> Result<Month, AppError> {
    Month::parse(text).ok_or_else(|| AppError::validation(field, "Ange månaden som ÅÅÅÅ-MM, t.ex. 2026-11."))
}

/// The months `from`–`to` as the API and the CSV take them (`YYYY-MM`);
/// both empty: the twelve months up to this one.
pub fn range(from: &str, to: &str) -> Result<Vec<Month>, AppError> {
    let this = Month::of(chrono::Local::now().date_naive());
    let (from, to) = match (from.trim(), to.trim()) {
        ("", "") => {
            let mut f = this;
            for _ in 0..11 {
                f = f.prev();
            }
            (f, this)
        }
        ("", t) => {
            let to = month_arg("to", t)?;
            (to, to)
        }
        (f, "") => (month_arg("from", f)?, this),
        (f, t) => (month_arg("from", f)?, month_arg("to", t)?),
    };
    if to < from {
        return Err(AppError::validation("to", "Slutmånaden ligger före startmånaden."));
    }
    let months = from.through(to);
    if months.len() > MAX_MONTHS {
        return Err(AppError::validation("from", "Välj högst 120 månader åt gången."));
    }
    Ok(months)
}

/// Count and share per category for each of `months` (one statement).
pub async fn figures<C: ConnectionTrait>(db: &C, months: &[Month]) -> Result<Vec<MonthFigures>, AppError> {
    let codes: Vec<String> = months.iter().map(|m| m.code()).collect();
    let rows: Vec<(String, String, i64)> = order_outcome::Entity::find()
        .select_only()
        .column(order_outcome::Column::Month)
        .column(order_outcome::Column::Category)
        // COUNT(*), not of a column: PostgreSQL counts from the index
        // alone (the month's index holds no order id).
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(order_outcome::Column::Month.is_in(codes.clone()))
        .group_by(order_outcome::Column::Month)
        .group_by(order_outcome::Column::Category)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<(String, String), u64> = HashMap::new();
    for (m, c, n) in rows {
        counts.insert((m, c), u64::try_from(n).unwrap_or(0));
    }
    Ok(codes
        .into_iter()
        .map(|m| {
            let per: Vec<(Category, u64)> = Category::ALL
                .iter()
                .map(|c| {
                    (
                        *c,
                        counts.get(&(m.clone(), c.as_str().to_owned())).copied().unwrap_or(0),
                    )
                })
                .collect();
            let total: u64 = per.iter().map(|(_, n)| n).sum();
            MonthFigures {
                month: m,
                total,
                categories: per
                    .into_iter()
                    .map(|(c, count)| {
                        let share = if total == 0 { 0.0 } else { count as f64 / total as f64 };
                        (c.as_str().to_owned(), CategoryFigure { count, share })
                    })
                    .collect::<BTreeMap<_, _>>(),
            }
        })
        .collect())
}

/// How long an instance keeps a past month's figures (see [`PastMonths`]).
pub const PAST_FOR: Duration = Duration::from_secs(60);

/// The figures and lead times of months before the current one, as this
/// instance last counted them, each for at most [`PAST_FOR`]: the page's
/// twelve-month trend counts about 100 000 outcomes at the customer's
/// volume, a month's lead times per supplier look up each of its delivered
/// orders' parts, and a past month changes only when an order delivered
/// then is touched again (or a supplier reports a delivery late). The
/// current month is always counted afresh. Derived data only: losing it
/// loses nothing.
#[derive(Clone, Debug, Default)]
pub struct PastMonths {
    figures: ByMonth<MonthFigures>,
    leads: ByMonth<Arc<MonthLeads>>,
}

/// What is kept of each month (by its code), with when it was counted.
type ByMonth<T> = Arc<Mutex<HashMap<String, (Instant, T)>>>;

/// A month's lead times: per category (and "Alla"), and per supplier.
#[derive(Debug)]
struct MonthLeads {
    by_category: Vec<LeadRow>,
    by_supplier: Vec<LeadRow>,
}

impl PastMonths {
    /// [`figures`] of `months`, those before `this` month from memory when
    /// counted less than [`PAST_FOR`] ago.
    pub async fn figures<C: ConnectionTrait>(
        &self,
        db: &C,
        months: &[Month],
        this: Month,
    ) -> Result<Vec<MonthFigures>, AppError> {
        let mut known: HashMap<String, MonthFigures> = {
            let kept = self.figures.lock().unwrap_or_else(|e| e.into_inner());
            months
                .iter()
                .filter(|m| **m < this)
                .filter_map(|m| {
                    let (at, f) = kept.get(&m.code())?;
                    (at.elapsed() < PAST_FOR).then(|| (m.code(), f.clone()))
                })
                .collect()
        };
        let missing: Vec<Month> = months
            .iter()
            .filter(|m| !known.contains_key(&m.code()))
            .copied()
            .collect();
        if !missing.is_empty() {
            let counted = figures(db, &missing).await?;
            let now = Instant::now();
            let mut kept = self.figures.lock().unwrap_or_else(|e| e.into_inner());
            kept.retain(|_, (at, _)| at.elapsed() < PAST_FOR);
            for (m, f) in missing.iter().zip(counted) {
                if *m < this {
                    kept.insert(f.month.clone(), (now, f.clone()));
                }
                known.insert(f.month.clone(), f);
            }
        }
        Ok(months.iter().filter_map(|m| known.remove(&m.code())).collect())
    }

    /// [`leads`] of `month`, from memory when it is before `this` month and
    /// was counted less than [`PAST_FOR`] ago.
    async fn leads<C: ConnectionTrait>(&self, db: &C, month: Month, this: Month) -> Result<Arc<MonthLeads>, AppError> {
        let past = month < this;
        if past {
            let kept = self.leads.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, l)) = kept.get(&month.code()) {
                if at.elapsed() < PAST_FOR {
                    return Ok(l.clone());
                }
            }
        }
        let counted = Arc::new(leads(db, month).await?);
        if past {
            let mut kept = self.leads.lock().unwrap_or_else(|e| e.into_inner());
            kept.retain(|_, (at, _)| at.elapsed() < PAST_FOR);
            kept.insert(month.code(), (Instant::now(), counted.clone()));
        }
        Ok(counted)
    }
}

/// `month`'s lead times from submit to delivery: per category (and for
/// all), and per supplier from the parts delivered.
async fn leads<C: ConnectionTrait>(db: &C, month: Month) -> Result<MonthLeads, AppError> {
    // The month's lead times as (category, days, how many): a few hundred
    // rows at most, where one row per order cost more than the rest of the
    // page.
    let rows: Vec<(String, i32, i64)> = order_outcome::Entity::find()
        .select_only()
        .column(order_outcome::Column::Category)
        .column(order_outcome::Column::LeadDays)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(order_outcome::Column::Month.eq(month.code()))
        .group_by(order_outcome::Column::Category)
        .group_by(order_outcome::Column::LeadDays)
        .into_tuple()
        .all(db)
        .await?;
    let mut per: BTreeMap<Category, Vec<i32>> = BTreeMap::new();
    let mut all: Vec<i32> = Vec::new();
    for (c, d, n) in rows {
        if let Some(c) = Category::parse(&c) {
            let n = usize::try_from(n).unwrap_or(0);
            per.entry(c).or_default().extend(std::iter::repeat_n(d, n));
            all.extend(std::iter::repeat_n(d, n));
        }
    }
    let mut by_category: Vec<LeadRow> = Category::ALL
        .iter()
        .filter_map(|c| {
            let lead = lead_times(per.get_mut(c)?)?;
            Some(LeadRow {
                label: c.label_sv().to_owned(),
                lead,
            })
        })
        .collect();
    if let Some(lead) = lead_times(&mut all) {
        by_category.push(LeadRow {
            label: "Alla".into(),
            lead,
        });
    }

    // Per supplier: each delivered part of the month's orders, by the
    // whole days from the order's submit to the part's delivery recorded
    // with it, counted and grouped by the database as (supplier, days, how
    // many); both databases answer it from the month's outcomes and
    // `idx_order_part_lead_days`.
    let parts = Query::select()
        .column((order_part::Entity, order_part::Column::SupplierId))
        .column((order_part::Entity, order_part::Column::LeadDays))
        .expr(Expr::cust("COUNT(*)"))
        .from(order_part::Entity)
        .inner_join(
            order_outcome::Entity,
            Expr::col((order_outcome::Entity, order_outcome::Column::OrderId))
                .equals((order_part::Entity, order_part::Column::OrderId)),
        )
        .and_where(Expr::col((order_outcome::Entity, order_outcome::Column::Month)).eq(month.code()))
        .and_where(Expr::col((order_part::Entity, order_part::Column::LeadDays)).is_not_null())
        .group_by_col((order_part::Entity, order_part::Column::SupplierId))
        .group_by_col((order_part::Entity, order_part::Column::LeadDays))
        .to_owned();
    let backend = db.get_database_backend();
    let mut by_supplier_days: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for row in db.query_all(StatementBuilder::build(&parts, &backend)).await? {
        let supplier: i32 = row.try_get_by_index(0)?;
        let days: i32 = row.try_get_by_index(1)?;
        let n: i64 = row.try_get_by_index(2)?;
        by_supplier_days
            .entry(supplier)
            .or_default()
            .extend(std::iter::repeat_n(days, usize::try_from(n).unwrap_or(0)));
    }
    let names = crate::catalog::service::supplier_names(db, by_supplier_days.keys().copied()).await?;
    let mut by_supplier: Vec<LeadRow> = by_supplier_days
        .into_iter()
        .filter_map(|(s, mut days)| {
            Some(LeadRow {
                label: names.get(&s).cloned().unwrap_or_default(),
                lead: lead_times(&mut days)?,
            })
        })
        .collect();
    by_supplier.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(MonthLeads {
        by_category,
        by_supplier,
    })
}

/// `GET /api/v1/statistics/automation?from=&to=`.
pub async fn automation<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    from: &str,
    to: &str,
) -> Result<AutomationReport, AppError> {
    require(ctx, Permission::ReadStatistics)?;
    let months = range(from, to)?;
    Ok(AutomationReport {
        months: figures(db, &months).await?,
    })
}

/// The statistics page for `month` (`YYYY-MM`; empty: this month).
pub async fn page<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    past: &PastMonths,
    month: &str,
) -> Result<StatisticsPage, AppError> {
    require(ctx, Permission::ReadStatistics)?;
    let this = Month::of(chrono::Local::now().date_naive());
    let month = match month.trim() {
        "" => this,
        m => month_arg("manad", m)?,
    };
    let mut first = month;
    for _ in 0..11 {
        first = first.prev();
    }
    let trend = past.figures(db, &first.through(month), this).await?;

    let leads = past.leads(db, month, this).await?;

    // The months to choose from: from the first delivery to this month
    // (the earliest month is one index lookup; a distinct over every
    // outcome would read them all).
    let first_month: Option<String> = order_outcome::Entity::find()
        .select_only()
        .column_as(Expr::col(order_outcome::Column::Month).min(), "m")
        .into_tuple::<Option<String>>()
        .one(db)
        .await?
        .flatten();
    let earliest = first_month
        .as_deref()
        .and_then(Month::parse)
        .map_or(month, |m| m.min(month));
    let latest = this.max(month);
    let mut months: Vec<Month> = earliest.through(latest);
    months.reverse();
    months.truncate(MAX_MONTHS);
    Ok(StatisticsPage {
        month: month.code(),
        month_label: month.label_sv(),
        trend,
        by_category: leads.by_category.clone(),
        by_supplier: leads.by_supplier.clone(),
        months: months.into_iter().map(|m| (m.code(), m.label_sv())).collect(),
    })
}

/// The figures of `months` as CSV: month, total, and count and share (in
/// per cent, one decimal, Swedish comma) per category.
pub async fn csv<C: ConnectionTrait>(ctx: &Ctx, db: &C, from: &str, to: &str) -> Result<String, AppError> {
    let report = automation(ctx, db, from, to).await?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![]);
    let err = |e: csv::Error| AppError::internal(e.to_string());
    let mut header = vec!["Månad".to_owned(), "Totalt".to_owned()];
    for c in Category::ALL {
        header.push(format!("{} (antal)", c.label_sv()));
        header.push(format!("{} (andel %)", c.label_sv()));
    }
    w.write_record(&header).map_err(err)?;
    for m in report.months {
        let mut row = vec![m.month.clone(), m.total.to_string()];
        for c in Category::ALL {
            let f = m
                .categories
                .get(c.as_str())
                .cloned()
                .unwrap_or(CategoryFigure { count: 0, share: 0.0 });
            row.push(f.count.to_string());
            row.push(format!("{:.1}", f.share * 100.0).replace('.', ","));
        }
        w.write_record(&row).map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal(e.to_string()))
}
