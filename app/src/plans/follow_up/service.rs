//! Follow-up of adopted plans. Anyone signed in reads (like adopted
//! plans); only the object's förvaltningsledare report.

use super::dto::*;
use crate::audit::service::record;
use crate::ctx::{require_signed_in, Ctx};
use crate::domain::follow_up::{report_kind, share, GoalStatus, Period, REPORT_KINDS};
use crate::domain::money::Sek;
use crate::domain::plan::Activity;
use crate::domain::plan::PlanStatus;
use crate::entities::{follow_up as fu, governance_object, object_family, plan as plan_e};
use crate::error::AppError;
use crate::plans::dto::PlanContent;
use crate::plans::service::{actor_name, actor_of, content_of, plan_ref, roles_on, roll_up_of};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
    TransactionTrait,
};
use std::collections::HashMap;

const MAX_COMMENT: usize = 2_000;
const MAX_INDICATORS: usize = 30;

/// The newest adopted revision of an object's plan for a year.
async fn adopted_plan<C: ConnectionTrait>(db: &C, object_id: i32, year: i32) -> Result<plan_e::Model, AppError> {
    plan_e::Entity::find()
        .filter(plan_e::Column::ObjectId.eq(object_id))
        .filter(plan_e::Column::Year.eq(year))
        .filter(plan_e::Column::Status.eq(PlanStatus::Faststalld.as_str()))
        .order_by_desc(plan_e::Column::Revision)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::not_found(format!(
                "Objektet har ingen fastställd förvaltningsplan för {year}. Uppföljningen görs mot den fastställda planen."
            ))
        })
}

fn parse_content(m: &fu::Model) -> Result<FollowUpContent, AppError> {
    serde_json::from_str(&m.content).map_err(AppError::internal)
}

/// An object's follow-up for a period. Before the period is first saved,
/// statuses and indicators are prefilled from the latest earlier period of
/// the same kind (comments start empty: they are per period).
pub async fn get<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    object_id: i32,
    period: Period,
) -> Result<FollowUpDto, AppError> {
    require_signed_in(ctx)?;
    let object = governance_object::Entity::find_by_id(object_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("Förvaltningsobjektet finns inte."))?;
    let family = object_family::Entity::find_by_id(object.family_id)
        .one(db)
        .await?
        .map(|f| f.name)
        .unwrap_or_default();
    let plan = adopted_plan(db, object_id, period.year()).await?;
    let plan_content = content_of(&plan)?;
    let roles = roles_on(db, ctx, object_id).await?;
    let saved = fu::Entity::find()
        .filter(fu::Column::ObjectId.eq(object_id))
        .filter(fu::Column::Year.eq(period.year()))
        .all(db)
        .await?;
    let mut reported: Vec<Period> = saved.iter().filter_map(|m| Period::parse(&m.period)).collect();
    reported.sort();
    let this = saved.iter().find(|m| m.period == period.code());
    let (content, version, updated_at, updated_by, carried_from) = match this {
        Some(m) => (
            parse_content(m)?,
            m.version,
            Some(m.updated_at),
            m.updated_by.clone(),
            None,
        ),
        None => {
            let mut earlier = period.previous();
            let mut found = None;
            while let Some(p) = earlier {
                if let Some(m) = saved.iter().find(|m| m.period == p.code()) {
                    found = Some((p, m));
                    break;
                }
                earlier = p.previous();
            }
            match found {
                Some((p, m)) => {
                    let mut c = parse_content(m)?;
                    for g in &mut c.goals {
                        g.comment.clear();
                    }
                    // What was used is per period, like the comments.
                    c.actuals.clear();
                    (c, 0, None, String::new(), Some(p))
                }
                None => (FollowUpContent::default(), 0, None, String::new(), None),
            }
        }
    };
    let roll_up = roll_up_of(&plan, &plan_content);
    let planned = Activity::ALL
        .into_iter()
        .map(|a| Planned::of(&roll_up, a, period.months()))
        .collect();
    let content = FollowUpContent {
        goals: plan_content.goals.iter().map(|g| content.report_of(&g.id)).collect(),
        indicators: content.indicators,
        actuals: Activity::ALL
            .into_iter()
            .filter_map(|a| content.actuals.iter().find(|x| x.activity == a).copied())
            .collect(),
    };
    Ok(FollowUpDto {
        object_id,
        object_name: object.name,
        family,
        period,
        plan: plan_ref(&plan),
        goals: plan_content.goals,
        planned,
        content,
        version,
        updated_at,
        updated_by,
        carried_from,
        can_edit: actor_of(&roles).editor,
        reported,
    })
}

/// Checks a follow-up against the plan it reports on.
pub fn validate(content: &FollowUpContent, plan: &PlanContent) -> Result<(), AppError> {
    for r in &content.goals {
        let Some(i) = plan.goals.iter().position(|g| g.id == r.goal_id) else {
            return Err(AppError::validation(
                "goals",
                "Ett av målen finns inte längre i den fastställda planen. Läs in sidan igen.",
            ));
        };
        if r.comment.chars().count() > MAX_COMMENT {
            return Err(AppError::validation(
                format!("comment-{}", r.goal_id),
                format!("Kommentaren till mål {} är för lång (högst 2 000 tecken).", i + 1),
            ));
        }
    }
    for (i, a) in content.actuals.iter().enumerate() {
        if content.actuals[..i].iter().any(|o| o.activity == a.activity) {
            return Err(AppError::validation(
                "actuals",
                format!("Utfallet för {} är angivet två gånger.", a.activity.in_sentence()),
            ));
        }
    }
    if content.indicators.len() > MAX_INDICATORS {
        return Err(AppError::validation("indicators", "Högst 30 indikatorer per objekt."));
    }
    for (i, ind) in content.indicators.iter().enumerate() {
        let name = ind.name.trim();
        if name.is_empty() {
            return Err(AppError::validation(
                format!("indicator-{}", ind.id),
                format!("Indikator {} saknar namn.", i + 1),
            ));
        }
        if name.chars().count() > 200 {
            return Err(AppError::validation(
                format!("indicator-{}", ind.id),
                format!("Namnet på indikator {} är för långt (högst 200 tecken).", i + 1),
            ));
        }
    }
    Ok(())
}

/// Saves the period's follow-up if nobody else has saved since `version`
/// (0: not saved before); otherwise returns it as it now is and writes
/// nothing.
pub async fn save<C>(
    ctx: &Ctx,
    db: &C,
    object_id: i32,
    period: Period,
    version: i32,
    mut content: FollowUpContent,
) -> Result<FollowUpSaved, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require_signed_in(ctx)?;
    // 0: the period's first save.
    let next = crate::domain::plan::next_version(version, 0)
        .ok_or_else(|| AppError::validation("version", "Uppföljningen har ingen sådan version. Läs in sidan igen."))?;
    if !actor_of(&roles_on(db, ctx, object_id).await?).editor {
        return Err(AppError::ForbiddenWithMessage {
            message: "Bara objektets förvaltningsledare kan rapportera uppföljningen.".into(),
        });
    }
    let plan = adopted_plan(db, object_id, period.year()).await?;
    validate(&content, &content_of(&plan)?)?;
    for ind in &mut content.indicators {
        ind.name = ind.name.trim().to_owned();
    }
    let by = actor_name(db, ctx).await?;
    let json = serde_json::to_string(&content).map_err(AppError::internal)?;
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let txn = crate::db::begin_write(db).await?;
    let written = if version == 0 {
        let exists = fu::Entity::find()
            .filter(fu::Column::ObjectId.eq(object_id))
            .filter(fu::Column::Period.eq(period.code()))
            .one(&txn)
            .await?
            .is_some();
        // The unique index settles a race between two first saves.
        !exists
            && match (fu::ActiveModel {
                object_id: Set(object_id),
                year: Set(period.year()),
                period: Set(period.code()),
                version: Set(1),
                content: Set(json),
                updated_at: Set(now),
                updated_by: Set(by),
                ..Default::default()
            }
            .insert(&txn)
            .await)
            {
                Ok(_) => true,
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => false,
                Err(e) => return Err(e.into()),
            }
    } else {
        fu::Entity::update_many()
            .col_expr(fu::Column::Content, Expr::value(json))
            .col_expr(fu::Column::Version, Expr::value(next))
            .col_expr(fu::Column::UpdatedAt, Expr::value(now))
            .col_expr(fu::Column::UpdatedBy, Expr::value(by))
            .filter(fu::Column::ObjectId.eq(object_id))
            .filter(fu::Column::Period.eq(period.code()))
            .filter(fu::Column::Version.eq(version))
            .exec(&txn)
            .await?
            .rows_affected
            == 1
    };
    if !written {
        drop(txn);
        return Ok(FollowUpSaved::Conflict(Box::new(
            get(ctx, db, object_id, period).await?,
        )));
    }
    record(
        &txn,
        ctx,
        "follow_up.saved",
        Some("governance_object"),
        Some(&object_id.to_string()),
        serde_json::json!({ "period": period.code(), "version": next }),
    )
    .await?;
    txn.commit().await?;
    Ok(FollowUpSaved::Saved {
        version: next,
        updated_at: now,
    })
}

/// What the report reads of the documents it does not show, kept on each
/// instance: a region of thousands of objects has hundreds of megabytes of
/// plans and follow-ups a year, and the report's summary, overview and
/// staffing need a few numbers of each. A plan or follow-up is kept by its
/// id with the version it was read at, and every save increments the
/// version (an adopted plan is frozen: a change is a new revision with an
/// id of its own), so a kept figure is never stale. Derived data only:
/// losing it loses nothing.
///
/// Reads of what is missing take turns: the first report after a start
/// reads every document once, and the reports asked meanwhile wait for it
/// instead of each reading them all again.
#[derive(Clone, Debug, Default)]
pub struct ReportFigures {
    kept: std::sync::Arc<std::sync::Mutex<Kept>>,
    reading: std::sync::Arc<tokio::sync::Mutex<()>>,
}

#[derive(Debug, Default)]
struct Kept {
    /// Plan id → (version, its figures).
    plans: HashMap<i32, (i32, PlanFigures)>,
    /// Follow-up id → (version, person-days in tenths, kronor).
    used: HashMap<i32, (i32, i64, Sek)>,
    /// (plan id, version, follow-up id, version; 0, 0 for none) → the plan's
    /// goals per status under that follow-up.
    statuses: HashMap<(i32, i32, i32, i32), [u32; 4]>,
    /// How many reports have read documents beyond their own page.
    reads: u64,
}

/// Most documents kept of each kind; past it the kept figures start over.
const KEPT_MAX: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct PlanFigures {
    /// The year's person-days (tenths) and kronor by the plan's roll-up.
    days: i64,
    kronor: Sek,
}

impl ReportFigures {
    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many reports have read documents beyond their own page.
    pub fn reads(&self) -> u64 {
        self.lock().reads
    }
}

/// What the report knows of a follow-up without its document.
#[derive(Debug)]
struct Head {
    id: i32,
    object_id: i32,
    version: i32,
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct PlanHead {
    id: i32,
    object_id: i32,
    version: i32,
    revision: i32,
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct FollowUpHead {
    id: i32,
    object_id: i32,
    version: i32,
    period: String,
}

/// Goals per status: each of `goals` with its report in `fc` (none: "ej
/// påbörjad").
fn statuses_of(goals: &[crate::plans::dto::Goal], fc: &FollowUpContent) -> [u32; 4] {
    let reports: HashMap<&str, GoalStatus> = fc.goals.iter().map(|r| (r.goal_id.as_str(), r.status)).collect();
    let mut counts = [0u32; 4];
    for g in goals {
        let status = reports.get(g.id.as_str()).copied().unwrap_or(GoalStatus::EjPaborjad);
        counts[GoalStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)] += 1;
    }
    counts
}

/// The rows of `E` with ids `ids` (column `id`), whole, a chunk at a time,
/// by id.
async fn by_id<E, C>(
    db: &C,
    id: E::Column,
    ids: &[i32],
    id_of: impl Fn(&E::Model) -> i32,
) -> Result<HashMap<i32, E::Model>, AppError>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for m in E::find().filter(id.is_in(chunk.iter().copied())).all(db).await? {
            out.insert(id_of(&m), m);
        }
    }
    Ok(out)
}

/// Objects per page of the report's goals: a region of thousands of objects
/// with a hundred goals each is read a page at a time (the CSV has them all).
pub const REPORT_PAGE: u32 = 25;

/// Which objects' goals a report carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPart {
    /// Every object's (the CSV).
    All,
    /// A page of `REPORT_PAGE` objects, of one family or of all; a page past
    /// the last is the last.
    Page { family: Option<i32>, page: u32 },
}

/// The region-wide report for a period: per family and object the adopted
/// plan's goals grouped by activity kind with status and comment, the
/// indicators and the plan's projects. Objects without an adopted plan for
/// the year are listed without goals. The summary, the families' overview
/// and the staffing cover every object; the goals are those of `part`. The
/// documents of the objects whose goals are not carried are read only when
/// `figures` does not yet hold what the report needs of them.
pub async fn report<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    figures: &ReportFigures,
    period: Period,
    part: ReportPart,
) -> Result<FollowUpReport, AppError> {
    require_signed_in(ctx)?;
    let families = object_family::Entity::find()
        .order_by_asc(object_family::Column::SortOrder)
        .order_by_asc(object_family::Column::Name)
        .all(db)
        .await?;
    let chosen = match part {
        ReportPart::Page { family: Some(id), .. } if !families.iter().any(|f| f.id == id) => {
            return Err(AppError::validation("familj", "Objektfamiljen finns inte."));
        }
        ReportPart::Page { family, .. } => family,
        ReportPart::All => None,
    };
    let objects = governance_object::Entity::find()
        .order_by_asc(governance_object::Column::Name)
        .all(db)
        .await?;
    // Each object's adopted plan: its newest adopted revision of the year.
    let mut plans: HashMap<i32, PlanHead> = HashMap::new();
    for p in plan_e::Entity::find()
        .select_only()
        .column(plan_e::Column::Id)
        .column(plan_e::Column::ObjectId)
        .column(plan_e::Column::Version)
        .column(plan_e::Column::Revision)
        .filter(plan_e::Column::Year.eq(period.year()))
        .filter(plan_e::Column::Status.eq(PlanStatus::Faststalld.as_str()))
        .into_model::<PlanHead>()
        .all(db)
        .await?
    {
        match plans.get(&p.object_id) {
            Some(q) if q.revision >= p.revision => {}
            _ => {
                plans.insert(p.object_id, p);
            }
        }
    }
    // The year's follow-ups to date: this period's is the report's; all of
    // them give what each object has used so far.
    let mut to_date: Vec<Head> = Vec::new();
    let mut this_period: HashMap<i32, Head> = HashMap::new();
    for m in fu::Entity::find()
        .select_only()
        .column(fu::Column::Id)
        .column(fu::Column::ObjectId)
        .column(fu::Column::Version)
        .column(fu::Column::Period)
        .filter(fu::Column::Year.eq(period.year()))
        .into_model::<FollowUpHead>()
        .all(db)
        .await?
    {
        if !Period::parse(&m.period).is_some_and(|p| period.to_date_includes(p)) {
            continue;
        }
        to_date.push(Head {
            id: m.id,
            object_id: m.object_id,
            version: m.version,
        });
        if m.period == period.code() {
            this_period.insert(
                m.object_id,
                Head {
                    id: m.id,
                    object_id: m.object_id,
                    version: m.version,
                },
            );
        }
    }

    // The objects whose goals are carried: the chosen ones' page.
    let in_scope = |family_id: i32| chosen.is_none_or(|id| id == family_id);
    let (shown, paging) = match part {
        ReportPart::All => (0..u32::MAX, None),
        ReportPart::Page { page, .. } => {
            let total = objects.iter().filter(|o| in_scope(o.family_id)).count() as u32;
            let pages = total.div_ceil(REPORT_PAGE).max(1);
            let page = page.clamp(1, pages);
            let from = (page - 1) * REPORT_PAGE;
            let to = (from + REPORT_PAGE).min(total);
            let paging = ReportPaging {
                family: chosen,
                page,
                pages,
                first: if total == 0 { 0 } else { from + 1 },
                shown: to - from,
                total,
            };
            (from..to, Some(paging))
        }
    };
    let mut carried: std::collections::HashSet<i32> = std::collections::HashSet::new();
    let mut place = 0u32;
    for f in &families {
        if !in_scope(f.id) {
            continue;
        }
        for o in objects.iter().filter(|o| o.family_id == f.id) {
            if shown.contains(&place) {
                carried.insert(o.id);
            }
            place += 1;
        }
    }

    // What is not kept yet is read whole, with the carried objects' documents.
    let wanted = |kept: &Kept| -> (Vec<i32>, Vec<i32>, bool) {
        let missing = |p: &PlanHead| {
            kept.plans.get(&p.id).is_none_or(|(v, _)| *v != p.version)
                || !kept
                    .statuses
                    .contains_key(&status_key(p, this_period.get(&p.object_id)))
        };
        let plan_ids: Vec<i32> = plans
            .values()
            .filter(|p| carried.contains(&p.object_id) || missing(p))
            .map(|p| p.id)
            .collect();
        let mut ids: Vec<i32> = to_date
            .iter()
            .filter(|m| kept.used.get(&m.id).is_none_or(|(v, ..)| *v != m.version))
            .map(|m| m.id)
            .collect();
        let reads_more = !ids.is_empty() || plans.values().any(|p| !carried.contains(&p.object_id) && missing(p));
        // The period's follow-ups of the plans read whole (their statuses).
        let read: std::collections::HashSet<i32> = plan_ids.iter().copied().collect();
        ids.extend(
            plans
                .values()
                .filter(|p| read.contains(&p.id))
                .filter_map(|p| this_period.get(&p.object_id))
                .map(|m| m.id),
        );
        ids.sort_unstable();
        ids.dedup();
        (plan_ids, ids, reads_more)
    };
    let (mut plan_ids, mut follow_up_ids, reads_more) = {
        let mut kept = figures.lock();
        if kept.plans.len() > KEPT_MAX || kept.used.len() > KEPT_MAX || kept.statuses.len() > KEPT_MAX {
            *kept = Kept {
                reads: kept.reads,
                ..Kept::default()
            };
        }
        wanted(&kept)
    };
    // More than the page's own documents: one report at a time reads them,
    // and a report that waited reads only what is still missing.
    let _turn = if reads_more {
        let turn = figures.reading.lock().await;
        let still;
        (plan_ids, follow_up_ids, still) = wanted(&figures.lock());
        if still {
            figures.lock().reads += 1;
        }
        Some(turn)
    } else {
        None
    };
    let plan_docs = by_id::<plan_e::Entity, _>(db, plan_e::Column::Id, &plan_ids, |p| p.id).await?;
    let follow_up_docs = by_id::<fu::Entity, _>(db, fu::Column::Id, &follow_up_ids, |m| m.id).await?;
    let mut plan_contents: HashMap<i32, PlanContent> = HashMap::new();
    let mut follow_up_contents: HashMap<i32, FollowUpContent> = HashMap::new();
    for (id, m) in &follow_up_docs {
        follow_up_contents.insert(*id, parse_content(m)?);
    }
    {
        let mut kept = figures.lock();
        for (id, m) in &follow_up_docs {
            let content = &follow_up_contents[id];
            let (mut days, mut kronor) = (0i64, Sek::ZERO);
            for a in &content.actuals {
                days = days.saturating_add(a.days());
                kronor = kronor.checked_add(a.kronor).unwrap_or(kronor);
            }
            kept.used.insert(*id, (m.version, days, kronor));
        }
        for (id, p) in &plan_docs {
            let content = content_of(p)?;
            let roll_up = roll_up_of(p, &content);
            kept.plans.insert(
                *id,
                (
                    p.version,
                    PlanFigures {
                        days: roll_up.total.days.tenths(),
                        kronor: roll_up.total.kronor,
                    },
                ),
            );
            let saved = this_period.get(&p.object_id);
            let counts = match saved.and_then(|m| follow_up_contents.get(&m.id)) {
                Some(fc) => statuses_of(&content.goals, fc),
                None => statuses_of(&content.goals, &FollowUpContent::default()),
            };
            let head = PlanHead {
                id: p.id,
                object_id: p.object_id,
                version: p.version,
                revision: p.revision,
            };
            kept.statuses.insert(status_key(&head, saved), counts);
            if carried.contains(&p.object_id) {
                plan_contents.insert(*id, content);
            }
        }
    }
    let kept = figures.lock();
    let mut used: HashMap<i32, (i64, Sek)> = HashMap::new();
    for m in &to_date {
        let (_, days, kronor) = kept.used.get(&m.id).copied().unwrap_or((m.version, 0, Sek::ZERO));
        let sum = used.entry(m.object_id).or_insert((0, Sek::ZERO));
        sum.0 = sum.0.saturating_add(days);
        sum.1 = sum.1.checked_add(kronor).unwrap_or(sum.1);
    }

    let mut staffing = Vec::new();
    let mut status_counts = [0u32; 4];
    let (mut objects_reported, mut objects_with_plan) = (0, 0);
    let mut overview = Vec::new();
    let mut out = Vec::new();
    for f in families {
        let mut summary = FamilySummary {
            id: f.id,
            name: f.name.clone(),
            objects: 0,
            with_plan: 0,
            reported: 0,
            status_counts: [0; 4],
        };
        let mut list = Vec::new();
        for o in objects.iter().filter(|o| o.family_id == f.id) {
            summary.objects += 1;
            let shows = carried.contains(&o.id);
            let Some(p) = plans.get(&o.id) else {
                if shows {
                    list.push(ReportObject {
                        object_id: o.id,
                        name: o.name.clone(),
                        plan_id: None,
                        reported: false,
                        updated_by: String::new(),
                        updated_at: None,
                        kinds: vec![],
                        indicators: vec![],
                        projects: String::new(),
                    });
                }
                continue;
            };
            objects_with_plan += 1;
            summary.with_plan += 1;
            let saved = this_period.get(&o.id);
            if saved.is_some() {
                objects_reported += 1;
                summary.reported += 1;
            }
            let plan_figures = kept
                .plans
                .get(&p.id)
                .map(|(_, f)| *f)
                .ok_or_else(|| AppError::internal("a plan's figures were not read"))?;
            let counts = kept
                .statuses
                .get(&status_key(p, saved))
                .copied()
                .ok_or_else(|| AppError::internal("a plan's statuses were not read"))?;
            for (i, n) in counts.iter().enumerate() {
                status_counts[i] += n;
                summary.status_counts[i] += n;
            }
            // The plan's figures from the year's start to the period's end.
            let to_date = |annual: i64| crate::domain::follow_up::pro_rata(annual, period.last_month());
            let planned_days = to_date(plan_figures.days);
            let (actual_days, actual_kronor) = used.get(&o.id).copied().unwrap_or((0, Sek::ZERO));
            staffing.push(StaffingRow {
                object_id: o.id,
                name: o.name.clone(),
                family: f.name.clone(),
                planned_days,
                actual_days,
                planned_kronor: Sek::from_ore(to_date(plan_figures.kronor.ore())),
                actual_kronor,
                staffed: share(actual_days, planned_days),
            });
            if !shows {
                continue;
            }
            let content = plan_contents
                .remove(&p.id)
                .ok_or_else(|| AppError::internal("a carried plan was not read"))?;
            let empty = FollowUpContent::default();
            let fc = saved.and_then(|m| follow_up_contents.get(&m.id)).unwrap_or(&empty);
            let reports: HashMap<&str, &GoalReport> = fc.goals.iter().map(|r| (r.goal_id.as_str(), r)).collect();
            let kinds = REPORT_KINDS
                .iter()
                .filter_map(|(activity, _)| {
                    let goals: Vec<ReportGoal> = content
                        .goals
                        .iter()
                        .filter(|g| g.activity == *activity)
                        .map(|g| {
                            let r = reports.get(g.id.as_str());
                            ReportGoal {
                                text: g.text.clone(),
                                class: g.class.label_sv().into(),
                                status: r.map_or(GoalStatus::EjPaborjad, |r| r.status),
                                comment: r.map(|r| r.comment.clone()).unwrap_or_default(),
                            }
                        })
                        .collect();
                    (!goals.is_empty()).then(|| ReportKind {
                        kind: report_kind(*activity),
                        goals,
                    })
                })
                .collect();
            let saved_doc = saved.and_then(|m| follow_up_docs.get(&m.id));
            list.push(ReportObject {
                object_id: o.id,
                name: o.name.clone(),
                plan_id: Some(p.id),
                reported: saved.is_some(),
                updated_by: saved_doc.map(|m| m.updated_by.clone()).unwrap_or_default(),
                updated_at: saved_doc.map(|m| m.updated_at),
                kinds,
                indicators: fc.indicators.clone(),
                projects: content.projects,
            });
        }
        if summary.objects > 0 {
            overview.push(summary);
        }
        if !list.is_empty() {
            out.push(ReportFamily {
                name: f.name,
                objects: list,
            });
        }
    }
    drop(kept);
    // Furthest behind first; objects whose plan pays for no days last.
    staffing.sort_by_key(|s| (s.staffed.is_none(), s.staffed, s.name.clone()));
    Ok(FollowUpReport {
        period,
        overview,
        families: out,
        paging,
        status_counts,
        objects_reported,
        objects_with_plan,
        staffing_total: staffing.len() as u32,
        staffing,
    })
}

/// Rows of the staffing on the report's page (the CSV has every object).
pub const STAFFING_SHOWN: usize = 20;

/// The report as its page shows it: the staffing's first
/// [`STAFFING_SHOWN`] rows, not a region's thousands.
pub fn for_page(mut r: FollowUpReport) -> FollowUpReport {
    r.staffing.truncate(STAFFING_SHOWN);
    r
}

/// The key of a plan's statuses under the period's follow-up `saved`.
fn status_key(p: &PlanHead, saved: Option<&Head>) -> (i32, i32, i32, i32) {
    let (id, version) = saved.map_or((0, 0), |m| (m.id, m.version));
    (p.id, p.version, id, version)
}

/// Planned against actual staffing and cost to date per object, furthest
/// behind first, as CSV for a spreadsheet (semicolon-separated UTF-8 with a
/// byte-order mark; days with one decimal, kronor with two, an ASCII minus).
pub fn staffing_csv(r: &FollowUpReport) -> Result<String, AppError> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![]);
    w.write_record([
        "Period",
        "Objektfamilj",
        "Objekt",
        "Planerade dagar till och med perioden",
        "Rapporterade dagar",
        "Bemanning mot plan",
        "Planerade kronor till och med perioden",
        "Rapporterade kronor",
        "Avvikelse kronor",
    ])
    .map_err(AppError::internal)?;
    let text = crate::domain::format::spreadsheet_text;
    let number = |units: i64, decimals: u32| {
        crate::domain::format::decimal(units, decimals)
            .replace('\u{2212}', "-")
            .replace([' ', '\u{a0}', '\u{202f}'], "")
    };
    for s in &r.staffing {
        w.write_record([
            r.period.code().as_str(),
            &text(&s.family),
            &text(&s.name),
            &number(s.planned_days, 1),
            &number(s.actual_days, 1),
            &s.staffed.map(|p| p.to_string()).unwrap_or_default(),
            &number(s.planned_kronor.ore(), 2),
            &number(s.actual_kronor.ore(), 2),
            &number(s.actual_kronor.ore().saturating_sub(s.planned_kronor.ore()), 2),
        ])
        .map_err(AppError::internal)?;
    }
    let bytes = w.into_inner().map_err(AppError::internal)?;
    let body = String::from_utf8(bytes).map_err(AppError::internal)?;
    Ok(format!("\u{feff}{body}"))
}

/// The report as CSV for a spreadsheet: semicolon-separated UTF-8 with a
/// byte-order mark, one row per goal and per indicator.
pub fn report_csv(r: &FollowUpReport) -> Result<String, AppError> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![]);
    w.write_record([
        "Period",
        "Objektfamilj",
        "Objekt",
        "Typ",
        "Aktivitet",
        "Namn",
        "VM/VU",
        "Status",
        "Kommentar",
        "Ackumulerad budget",
        "Utfall",
        "Målvärde",
        "Måluppfyllnad",
    ])
    .map_err(AppError::internal)?;
    let period = r.period.code();
    // Numbers with an ASCII minus, which spreadsheets read as a number.
    let ascii = |s: String| s.replace('\u{2212}', "-");
    let opt = |m: Option<crate::domain::follow_up::Measure>| m.map(|v| ascii(v.to_string())).unwrap_or_default();
    let text = crate::domain::format::spreadsheet_text;
    for f in &r.families {
        for o in &f.objects {
            if o.plan_id.is_none() {
                w.write_record([
                    period.as_str(),
                    &text(&f.name),
                    &text(&o.name),
                    "Objekt",
                    "",
                    "",
                    "",
                    "Ingen fastställd plan",
                    "",
                    "",
                    "",
                    "",
                    "",
                ])
                .map_err(AppError::internal)?;
                continue;
            }
            for k in &o.kinds {
                for g in &k.goals {
                    w.write_record([
                        period.as_str(),
                        &text(&f.name),
                        &text(&o.name),
                        "Mål",
                        &k.kind,
                        &text(&g.text),
                        &g.class,
                        g.status.label_sv(),
                        &text(&g.comment),
                        "",
                        "",
                        "",
                        "",
                    ])
                    .map_err(AppError::internal)?;
                }
            }
            for i in &o.indicators {
                w.write_record([
                    period.as_str(),
                    &text(&f.name),
                    &text(&o.name),
                    "Indikator",
                    "",
                    &text(&i.name),
                    "",
                    "",
                    "",
                    &opt(i.budget),
                    &opt(i.outcome),
                    &i.target.map(|t| ascii(i.comparison.target_text(t))).unwrap_or_default(),
                    &i.fulfilment().map(|p| ascii(p.to_string())).unwrap_or_default(),
                ])
                .map_err(AppError::internal)?;
            }
        }
    }
    let bytes = w.into_inner().map_err(AppError::internal)?;
    let body = String::from_utf8(bytes).map_err(AppError::internal)?;
    Ok(format!("\u{feff}{body}"))
}
