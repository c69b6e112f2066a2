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
        Actor::Anonymous | Actor::System => (None, None),
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
    if let Some(actor) = filter.actor.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pattern = format!("%{}%", actor.to_lowercase().replace(['%', '_'], ""));
        q = q.filter(Expr::expr(Func::lower(Expr::col((audit_log::Entity, audit_log::Column::Actor)))).like(pattern));
    }
    if let Some(action) = filter.action.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            sea_orm::Condition::any()
                .add(audit_log::Column::Action.eq(action))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::test_db;

    fn admin() -> Ctx {
        Ctx {
            actor: Actor::Person {
                id: 1,
                username: "per.svensson".into(),
            },
            roles: vec![crate::domain::roles::Role::Admin],
            ip: Some("10.1.2.3".into()),
        }
    }

    #[tokio::test]
    async fn entries_come_newest_first_in_pages_and_filter_by_action_prefix() {
        let t = test_db().await;
        for i in 0..5 {
            record(
                &t.db,
                &admin(),
                "login.success",
                Some("person"),
                Some(&i.to_string()),
                serde_json::json!({}),
            )
            .await
            .unwrap();
        }
        record(
            &t.db,
            &admin(),
            "token.create",
            Some("api_token"),
            Some("1"),
            serde_json::json!({"name": "x"}),
        )
        .await
        .unwrap();

        let first = list(&admin(), &t.db, &AuditFilter::default(), 4).await.unwrap();
        assert_eq!(first.entries.len(), 4);
        assert_eq!(first.entries[0].action, "token.create");
        let rest = list(
            &admin(),
            &t.db,
            &AuditFilter {
                before: first.next_before,
                ..Default::default()
            },
            4,
        )
        .await
        .unwrap();
        assert_eq!(rest.entries.len(), 2);
        assert_eq!(rest.next_before, None);

        let logins = list(
            &admin(),
            &t.db,
            &AuditFilter {
                action: Some("login".into()),
                ..Default::default()
            },
            50,
        )
        .await
        .unwrap();
        assert_eq!(logins.entries.len(), 5);
        assert_eq!(logins.entries[0].ip.as_deref(), Some("10.1.2.3"));
    }

    #[tokio::test]
    async fn only_an_admin_reads_the_log() {
        let t = test_db().await;
        let requester = Ctx {
            roles: vec![crate::domain::roles::Role::Requester],
            ..admin()
        };
        assert_eq!(
            list(&requester, &t.db, &AuditFilter::default(), 10).await.unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            list(&Ctx::anonymous(), &t.db, &AuditFilter::default(), 10)
                .await
                .unwrap_err(),
            AppError::Unauthorized
        );
    }

    #[tokio::test]
    async fn the_csv_export_has_a_header_and_one_line_per_entry() {
        let t = test_db().await;
        record(&t.db, &admin(), "logout", None, None, serde_json::json!({}))
            .await
            .unwrap();
        let csv = String::from_utf8(export_csv(&admin(), &t.db, &AuditFilter::default()).await.unwrap()).unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("id;tid;vem;handling"));
        assert!(lines[1].contains(";per.svensson;logout;"));
    }

    #[tokio::test]
    async fn every_cell_of_the_csv_that_starts_like_a_formula_is_written_as_text() {
        let t = test_db().await;
        // An address as older entries could hold it (taken from a
        // client-written X-Forwarded-For), and texts someone typed.
        let forged = Ctx {
            actor: Actor::Anonymous,
            roles: vec![],
            ip: Some("=HYPERLINK(\"https://evil.example\")".into()),
        };
        record(
            &t.db,
            &forged,
            "login.failure",
            Some("+person"),
            Some("@SUM(1)"),
            serde_json::json!({}),
        )
        .await
        .unwrap();
        let csv = String::from_utf8(export_csv(&admin(), &t.db, &AuditFilter::default()).await.unwrap()).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[4], "'+person");
        assert_eq!(&row[5], "'@SUM(1)");
        assert_eq!(&row[6], "'=HYPERLINK(\"https://evil.example\")");
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }

    #[tokio::test]
    async fn a_bad_date_filter_names_its_field() {
        let t = test_db().await;
        let err = list(
            &admin(),
            &t.db,
            &AuditFilter {
                from: Some("24/11".into()),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap_err();
        assert_eq!(err.field(), Some("from"));
    }
}
