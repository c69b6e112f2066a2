use super::dto::{AuditEntry, AuditFilter, AuditPage};
use crate::ctx::{require, Actor, Ctx};
use crate::entities::audit_log;
use crate::error::AppError;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

pub const PAGE_SIZE: u64 = 50;

/// Appends one entry. Call it inside the same transaction as the change it
/// records, so that the two are written together or not at all.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    action: &str,
    object_type: Option<&str>,
    object_id: Option<&str>,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    let (person, token) = match &ctx.actor {
        Actor::Person { id, .. } => (Some(*id), None),
        Actor::Token { id, owner_id, .. } => (Some(*owner_id), Some(*id)),
        Actor::Anonymous | Actor::System | Actor::Supplier { .. } => (None, None),
    };
    audit_log::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_person_id: Set(person),
        actor_token_id: Set(token),
        actor: Set(ctx.label()),
        action: Set(action.to_owned()),
        object_type: Set(object_type.map(str::to_owned)),
        object_id: Set(object_id.map(str::to_owned)),
        ip: Set(ctx.ip.clone()),
        detail: Set(detail.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn parse_day(value: &Option<String>, field: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
    match value.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::validation(field, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-24.")),
    }
}

/// Newest first, `limit` at a time, filtered.
pub async fn list<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    filter: &AuditFilter,
    limit: u64,
) -> Result<AuditPage, AppError> {
    require(ctx, crate::domain::authz::Permission::ReadAudit)?;
    let from = parse_day(&filter.from, "from")?;
    let to = parse_day(&filter.to, "to")?;
    let mut q = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(before) = filter.before {
        q = q.filter(audit_log::Column::Id.lt(before));
    }
    let actor = crate::domain::search::term(filter.actor.as_deref().unwrap_or_default())
        .map_err(|m| AppError::validation("actor", m))?;
    if let Some(actor) = actor {
        let pattern = crate::domain::search::contains_pattern(actor);
        q = q.filter(Expr::expr(Func::lower(Expr::col((audit_log::Entity, audit_log::Column::Actor)))).like(pattern));
    }
    if let Some(action) = filter.action.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        // An area (`login`) is its actions and whatever a later version
        // records under its prefix; an action itself and its sub-actions.
        q = q.filter(
            sea_orm::Condition::any()
                .add(audit_log::Column::Action.is_in(super::labels::actions_of(action)))
                .add(audit_log::Column::Action.like(format!("{}.%", action.replace(['%', '_'], "")))),
        );
    }
    if let Some(from) = from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        q = q.filter(audit_log::Column::At.gte(from.and_utc()));
    }
    if let Some(to) = to.and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)) {
        q = q.filter(audit_log::Column::At.lt(to.and_utc()));
    }
    let mut rows = q.limit(limit + 1).all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next_before = if more { rows.last().map(|r| r.id) } else { None };
    let entries = rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor: r.actor,
            action: r.action,
            object_type: r.object_type,
            object_id: r.object_id,
            ip: r.ip,
            detail: r.detail,
        })
        .collect();
    Ok(AuditPage { entries, next_before })
}

/// The whole filtered log as CSV (UTF-8 with BOM so Excel reads å, ä, ö).
pub async fn export_csv<C: ConnectionTrait>(ctx: &Ctx, db: &C, filter: &AuditFilter) -> Result<Vec<u8>, AppError> {
    require(ctx, crate::domain::authz::Permission::ReadAudit)?;
    use crate::domain::format::spreadsheet_text;
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    out.write_record([
        "id",
        "tid",
        "vem",
        "handling",
        "objekttyp",
        "objekt-id",
        "ip",
        "detaljer",
    ])
    .map_err(AppError::internal)?;
    let mut f = filter.clone();
    loop {
        let page = list(ctx, db, &f, 1000).await?;
        for e in &page.entries {
            // Every cell through the formula guard: the address too, which
            // older entries took from a client-written header.
            let id = e.id.to_string();
            let at = e.at.format("%Y-%m-%d %H:%M:%S").to_string();
            let cells = [
                id.as_str(),
                at.as_str(),
                &e.actor,
                &e.action,
                e.object_type.as_deref().unwrap_or_default(),
                e.object_id.as_deref().unwrap_or_default(),
                e.ip.as_deref().unwrap_or_default(),
                &e.detail,
            ];
            out.write_record(cells.map(spreadsheet_text).iter().map(|c| c.as_bytes()))
                .map_err(AppError::internal)?;
        }
        match page.next_before {
            Some(b) => f.before = Some(b),
            None => break,
        }
    }
    out.into_inner().map_err(AppError::internal)
}
