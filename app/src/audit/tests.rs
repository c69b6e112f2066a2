//! Service tests of the audit log.

use super::dto::AuditFilter;
use super::service::*;
use crate::ctx::{Actor, Ctx};
use crate::error::AppError;
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

#[tokio::test]
async fn an_area_filter_finds_every_action_of_the_area() {
    let t = test_db().await;
    for action in [
        "plan.adopted",
        "follow_up.saved",
        "logout",
        "login.success",
        "supplier_key.create",
    ] {
        record(&t.db, &admin(), action, None, None, serde_json::json!({}))
            .await
            .unwrap();
    }
    let of = |area: &'static str| {
        let db = t.db.clone();
        async move {
            let page = list(
                &admin(),
                &db,
                &AuditFilter {
                    action: Some(area.into()),
                    ..Default::default()
                },
                50,
            )
            .await
            .unwrap();
            let mut got: Vec<String> = page.entries.into_iter().map(|e| e.action).collect();
            got.sort();
            got
        }
    };
    assert_eq!(of("plan").await, ["follow_up.saved", "plan.adopted"]);
    assert_eq!(of("login").await, ["login.success", "logout"]);
    assert_eq!(of("token").await, ["supplier_key.create"]);
    assert_eq!(of("plan.adopted").await, ["plan.adopted"]);
}
