//! The import of an older register, on SQLite and PostgreSQL, on the demo
//! region: Sara Berg keeps the register (IT Asset Manager).

use super::*;
use crate::assets::dto::ImportPhase;
use crate::domain::assets::AssetStatus;
use crate::entities::{asset, asset_change, asset_import, audit_log};
use crate::testing::{demo_db, person_ctx, TestDb};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn who(t: &TestDb, username: &str) -> Ctx {
    person_ctx(&t.db, username).await
}

async fn assets(t: &TestDb) -> u64 {
    asset::Entity::find().count(&t.db).await.unwrap()
}

const CLEAN: &str = "\u{feff}Tagg;Serienummer;Modell;Artikelnummer;Användare;Kostnadsställe;Plats;Leveransdatum;Garanti till;Status;Inventerad
GML-0001;5CG111AAA;;DL-5450;anna.lindqvist;41210;Hus 14, plan 3;2022-03-01;2025-03-01;I drift;2026-05-04
GML-0002;;HP EliteDesk 800 G6;;Johan.Ek@regionnorrvik.se;41210;IT-lagret;2021-09-15;;på lager;
GML-0003;CN0XYZ;Dell P2422H;;;41220;;;;in_repair;
";

#[test]
fn column_names_and_statuses_are_read_as_people_write_them() {
    assert_eq!(normalize(" Kostnadsställe "), "kostnadsstalle");
    assert_eq!(normalize("Garanti till"), "garanti_till");
    assert_eq!(normalize("ANVÄNDARE"), "anvandare");
    assert_eq!(parse_status("I drift"), Some(AssetStatus::InUse));
    assert_eq!(parse_status("på LAGER"), Some(AssetStatus::InStock));
    assert_eq!(parse_status("retired"), Some(AssetStatus::Retired));
    assert_eq!(parse_status("Trasig"), None);
}

#[tokio::test]
async fn a_clean_file_is_checked_without_writing_and_then_imported_whole_with_its_history() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let before = assets(&t).await;
    let id = start(&sara, &t.db, "gamla-registret.csv", CLEAN.as_bytes(), true)
        .await
        .unwrap();
    assert!(run(&t.db, id, "w1", Utc::now()).await.unwrap());
    assert_eq!(assets(&t).await, before, "a check writes nothing");
    let checked = get(&sara, &t.db, id).await.unwrap();
    assert_eq!(
        (checked.phase, checked.rows_total, checked.problem_count, checked.mine),
        (ImportPhase::Checked, 3, 0, true),
        "{:?}",
        checked.problems
    );
    assert!(
        !run(&t.db, id, "w2", Utc::now()).await.unwrap(),
        "a finished check is not run again"
    );

    confirm(&sara, &t.db, id).await.unwrap();
    assert!(run(&t.db, id, "w1", Utc::now()).await.unwrap());
    let done = get(&sara, &t.db, id).await.unwrap();
    assert_eq!((done.phase, done.rows_written), (ImportPhase::Done, 3));
    assert_eq!(assets(&t).await, before + 3);
    let stored = asset_import::Entity::find_by_id(id).one(&t.db).await.unwrap().unwrap();
    assert!(stored.content.is_none(), "the file is not kept after the import");

    let by_tag = |tag: &'static str| {
        let db = t.db.clone();
        async move {
            asset::Entity::find()
                .filter(asset::Column::Tag.eq(tag))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let laptop = by_tag("GML-0001").await;
    let anna = who(&t, "anna.lindqvist").await.person_id();
    assert_eq!(laptop.user_id, anna);
    assert!(
        laptop.item_id.is_some() && laptop.supplier_id.is_some(),
        "linked to the catalogue's model"
    );
    assert!(laptop.model.contains("5450"), "{}", laptop.model);
    assert_eq!(laptop.status, "in_use");
    assert_eq!(
        (
            laptop.delivered_on,
            laptop.warranty_end,
            laptop.inventoried_on,
            laptop.inventory_found
        ),
        (
            NaiveDate::from_ymd_opt(2022, 3, 1),
            NaiveDate::from_ymd_opt(2025, 3, 1),
            NaiveDate::from_ymd_opt(2026, 5, 4),
            Some(true)
        )
    );
    let desktop = by_tag("GML-0002").await;
    assert_eq!(
        desktop.user_id,
        who(&t, "johan.ek").await.person_id(),
        "found by email in any case"
    );
    assert_eq!((desktop.status.as_str(), desktop.serial_number), ("in_stock", None));
    assert_eq!(by_tag("GML-0003").await.status, "in_repair");

    let history = asset_change::Entity::find()
        .filter(asset_change::Column::AssetId.eq(laptop.id))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].field, "imported");
    assert_eq!(history[0].new_value.as_deref(), Some("gamla-registret.csv, rad 2"));
    assert_eq!(history[0].actor_person_id, sara.person_id());
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("assets.imported"))
        .one(&t.db)
        .await
        .unwrap()
        .expect("the import is in the audit log");
    assert!(audit.detail.contains("\"assets\":3"), "{}", audit.detail);

    assert!(matches!(
        confirm(&sara, &t.db, id).await,
        Err(AppError::Conflict { .. })
    ));
    let recent = recent(&sara, &t.db).await.unwrap();
    assert_eq!(recent.imports[0].id, id);
    assert_eq!(recent.imports[0].created_by, "Sara Berg");
}

#[tokio::test]
async fn every_wrong_row_is_reported_with_its_line_and_column_and_nothing_is_written() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let taken = asset::Entity::find().one(&t.db).await.unwrap().unwrap().tag;
    let before = assets(&t).await;
    let file = format!(
        "tagg;modell;anvandare;kostnadsstalle;leveransdatum;garanti_till;status;artikelnummer
OK-1;Dell Latitude 5440;;41210;2023-01-10;;I drift;
OK-2;Dell Latitude 5440;nobody.here;41210;;;I drift;
OK-3;Dell Latitude 5440;;99999;;;I drift;
OK-4;Dell Latitude 5440;;41210;2023-13-01;;I drift;
OK-5;Dell Latitude 5440;;41210;2099-01-01;;I drift;
OK-1;Dell Latitude 5440;;41210;;;I drift;
{taken};Dell Latitude 5440;;41210;;;I drift;
OK-8;Dell Latitude 5440;;41210;;;Trasig;
;Dell Latitude 5440;;41210;;;I drift;
OK-10;;;41210;;;I drift;NO-SUCH
OK-11;Dell Latitude 5440;;41210;2024-05-01;2024-04-30;I drift;
OK-12;Dell Latitude 5440;;41210
"
    );
    // A real import, not a check: still nothing is written.
    let id = start(&sara, &t.db, "fel.csv", file.as_bytes(), false).await.unwrap();
    run(&t.db, id, "w1", Utc::now()).await.unwrap();
    assert_eq!(assets(&t).await, before);
    let failed = get(&sara, &t.db, id).await.unwrap();
    assert_eq!(failed.phase, ImportPhase::Failed);
    assert_eq!(failed.rows_total, 12);
    let at: Vec<(u64, &str)> = failed.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
    assert_eq!(
        at,
        vec![
            (3, "anvandare"),
            (4, "kostnadsstalle"),
            (5, "leveransdatum"),
            (6, "leveransdatum"),
            (7, "tagg"),
            (8, "tagg"),
            (9, "status"),
            (10, "tagg"),
            (11, "artikelnummer"),
            (11, "modell"),
            (12, "garanti_till"),
            (13, ""),
        ],
        "{:#?}",
        failed.problems
    );
    assert_eq!(failed.problem_count, 12);
    assert!(
        failed.problems[4].message.contains("rad 2"),
        "{}",
        failed.problems[4].message
    );
    assert!(failed.problems[5].message.contains("finns redan i registret"));
    assert!(
        confirm(&sara, &t.db, id).await.is_err(),
        "a failed import cannot be confirmed"
    );

    // A header without a required column stops at line 1.
    let id = start(
        &sara,
        &t.db,
        "rubrik.csv",
        b"tagg;modell;status;farg\nA;B;I drift;bla\n",
        true,
    )
    .await
    .unwrap();
    run(&t.db, id, "w1", Utc::now()).await.unwrap();
    let header = get(&sara, &t.db, id).await.unwrap();
    let at: Vec<(u64, &str)> = header.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
    assert_eq!(at, vec![(1, "farg"), (1, "kostnadsstalle")]);
    assert_eq!(header.phase, ImportPhase::Checked);
}

#[tokio::test]
async fn only_the_asset_manager_imports_and_a_file_must_be_text() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    for user in ["anna.lindqvist", "maria.nilsson", "per.svensson"] {
        let ctx = who(&t, user).await;
        assert!(
            matches!(
                start(&ctx, &t.db, "x.csv", CLEAN.as_bytes(), true).await,
                Err(AppError::Forbidden)
            ),
            "{user}"
        );
        assert!(matches!(recent(&ctx, &t.db).await, Err(AppError::Forbidden)), "{user}");
    }
    let id = start(&sara, &t.db, "x.csv", CLEAN.as_bytes(), true).await.unwrap();
    let per = who(&t, "per.svensson").await;
    assert!(matches!(get(&per, &t.db, id).await, Err(AppError::Forbidden)));
    assert!(matches!(confirm(&per, &t.db, id).await, Err(AppError::Forbidden)));
    for bad in [&b"\xff\xfe\x00t"[..], b"", b"\xef\xbb\xbf  \n"] {
        let e = start(&sara, &t.db, "x.csv", bad, true).await.unwrap_err();
        assert!(matches!(e, AppError::Validation { .. }), "{e:?}");
    }
}

#[tokio::test]
async fn an_import_is_run_by_one_worker_and_taken_over_when_its_worker_stopped() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let id = start(&sara, &t.db, "x.csv", CLEAN.as_bytes(), true).await.unwrap();
    let (a, b) = tokio::join!(run(&t.db, id, "w1", Utc::now()), run(&t.db, id, "w2", Utc::now()));
    assert_eq!(
        [a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(),
        1,
        "exactly one worker ran it"
    );

    // A worker that stopped mid-check: the job takes the import over.
    let id = start(&sara, &t.db, "y.csv", CLEAN.as_bytes(), true).await.unwrap();
    let long_ago = Utc::now() - chrono::Duration::minutes(10);
    asset_import::Entity::update_many()
        .col_expr(asset_import::Column::Status, Expr::value("checking"))
        .col_expr(asset_import::Column::Worker, Expr::value("gone"))
        .col_expr(asset_import::Column::HeartbeatAt, Expr::value(long_ago))
        .filter(asset_import::Column::Id.eq(id))
        .exec(&t.db)
        .await
        .unwrap();
    resume(t.db.clone(), Utc::now()).await.unwrap();
    assert_eq!(get(&sara, &t.db, id).await.unwrap().phase, ImportPhase::Checked);
}
