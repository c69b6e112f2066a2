//! Service tests of the asset register, on SQLite and PostgreSQL, on the
//! demo region: Sara Berg keeps the register (IT Asset Manager); Anna
//! Lindqvist and Johan Ek each have a laptop. (Registration at delivery is
//! tested with fulfilment, where deliveries happen.)

use super::dto::AssetFilter;
use super::service::{self, StatusChange};
use crate::ctx::Ctx;
use crate::domain::assets::AssetStatus;
use crate::entities::{asset, asset_change, cost_center};
use crate::error::AppError;
use crate::testing::{demo_db, person_ctx, TestDb};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

async fn who(t: &TestDb, username: &str) -> Ctx {
    person_ctx(&t.db, username).await
}

/// The demo region without its register, for tests that count.
async fn without_demo_assets() -> TestDb {
    let t = demo_db().await;
    asset_change::Entity::delete_many().exec(&t.db).await.unwrap();
    asset::Entity::delete_many().exec(&t.db).await.unwrap();
    t
}

/// An asset of `user` in use, delivered on `on`; its id.
async fn laptop(t: &TestDb, tag: &str, serial: &str, user: &Ctx, on: NaiveDate) -> i32 {
    let center = cost_center::Entity::find().one(&t.db).await.unwrap().unwrap().id;
    let now = Utc::now();
    asset::ActiveModel {
        tag: Set(tag.into()),
        serial_number: Set(Some(serial.into())),
        item_id: Set(None),
        model: Set("Dell Latitude 5450".into()),
        supplier_id: Set(None),
        user_id: Set(user.person_id()),
        cost_center_id: Set(center),
        location: Set("Norrviks sjukhus, Storgatan 1, 721 89 Norrvik".into()),
        delivered_on: Set(Some(on)),
        order_id: Set(None),
        order_line_id: Set(None),
        warranty_end: Set(Some(crate::domain::assets::warranty_end(on))),
        status: Set("in_use".into()),
        status_since: Set(now),
        inventoried_on: Set(None),
        inventoried_by: Set(None),
        inventory_found: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap()
    .id
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn to(version: i32, status: AssetStatus, reason: &str) -> StatusChange {
    StatusChange {
        version,
        to: status,
        reason: reason.into(),
        certificate: None,
    }
}

#[tokio::test]
async fn the_asset_manager_sends_a_laptop_to_repair_and_back_and_the_history_says_so() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let id = laptop(&t, "IT-1-1", "5CG1", &anna, d("2026-03-02")).await;

    let a = service::set_status(&sara, &t.db, id, to(1, AssetStatus::InRepair, "Trasig skärm"))
        .await
        .unwrap();
    assert_eq!((a.status, a.version), (AssetStatus::InRepair, 2));
    let a = service::set_status(&sara, &t.db, id, to(2, AssetStatus::InUse, "Lagad av Atea"))
        .await
        .unwrap();
    assert_eq!((a.status, a.version), (AssetStatus::InUse, 3));
    let steps: Vec<(&str, Option<&str>, Option<&str>, &str)> = a
        .history
        .iter()
        .map(|c| {
            (
                c.field.as_str(),
                c.old_value.as_deref(),
                c.new_value.as_deref(),
                c.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            ("Status", Some("På reparation"), Some("I drift"), "Lagad av Atea"),
            ("Status", Some("I drift"), Some("På reparation"), "Trasig skärm"),
        ]
    );
    assert_eq!(a.history[0].actor, "Sara Berg");
    assert_eq!(a.user.as_deref(), Some("Anna Lindqvist"));
}

#[tokio::test]
async fn a_change_on_an_old_version_or_outside_the_lifecycle_changes_nothing() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let id = laptop(&t, "IT-2-1", "5CG2", &anna, d("2026-03-02")).await;
    service::set_status(&sara, &t.db, id, to(1, AssetStatus::InRepair, "Trasig"))
        .await
        .unwrap();
    // Someone else's form, opened on version 1.
    let stale = service::set_status(&sara, &t.db, id, to(1, AssetStatus::Lost, "Borta"))
        .await
        .unwrap_err();
    assert!(matches!(stale, AppError::Conflict { .. }), "{stale:?}");
    // In repair cannot be retired directly: 409 with the status.
    let refused = service::set_status(&sara, &t.db, id, to(2, AssetStatus::Retired, "Skrotas"))
        .await
        .unwrap_err();
    match refused {
        AppError::StateConflict { state, message } => {
            assert_eq!(state, "in_repair");
            assert!(message.contains("Möjliga nästa steg"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // Wiping needs the certificate; a reason is always needed.
    service::set_status(&sara, &t.db, id, to(2, AssetStatus::Collected, "Ersatt av ny dator"))
        .await
        .unwrap();
    let no_certificate = service::set_status(&sara, &t.db, id, to(3, AssetStatus::Wiped, "Raderad"))
        .await
        .unwrap_err();
    assert_eq!(no_certificate.field(), Some("certificate"));
    let no_reason = service::set_status(&sara, &t.db, id, to(3, AssetStatus::InStock, "  "))
        .await
        .unwrap_err();
    assert_eq!(no_reason.field(), Some("reason"));
    let a = service::detail(&sara, &t.db, id).await.unwrap();
    assert_eq!((a.status, a.version, a.history.len()), (AssetStatus::Collected, 3, 2));

    let mut wipe = to(3, AssetStatus::Wiped, "Disken förstörd");
    wipe.certificate = Some("DD-2026-0042".into());
    let a = service::set_status(&sara, &t.db, id, wipe).await.unwrap();
    assert_eq!(a.history[0].new_value.as_deref(), Some("Raderad"));
    assert!(a
        .history
        .iter()
        .any(|c| c.field == "Intyg om diskdestruktion" && c.new_value.as_deref() == Some("DD-2026-0042")));
    let a = service::set_status(&sara, &t.db, id, to(4, AssetStatus::Retired, "Avvecklad"))
        .await
        .unwrap();
    assert!(a.next.is_empty(), "retired is final");
    let after = service::set_status(&sara, &t.db, id, to(5, AssetStatus::InStock, "Hittad"))
        .await
        .unwrap_err();
    assert!(matches!(after, AppError::StateConflict { .. }), "{after:?}");
}

#[tokio::test]
async fn everyone_sees_their_own_assets_and_only_the_asset_manager_changes_them() {
    let t = without_demo_assets().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let johan = who(&t, "johan.ek").await;
    let annas = laptop(&t, "IT-3-1", "5CG3", &anna, d("2026-03-02")).await;
    let johans = laptop(&t, "IT-4-1", "5CG4", &johan, d("2026-04-02")).await;

    let mine = service::page(&anna, &t.db, AssetFilter::default()).await.unwrap();
    assert!(!mine.manager);
    assert_eq!(mine.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![annas]);
    assert!(service::detail(&anna, &t.db, annas).await.unwrap().next.is_empty());
    let other = service::detail(&anna, &t.db, johans).await.unwrap_err();
    assert!(matches!(other, AppError::NotFound { .. }), "{other:?}");
    let refused = service::set_status(&anna, &t.db, annas, to(1, AssetStatus::Lost, "Borta"))
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Forbidden), "{refused:?}");

    let all = service::page(&sara, &t.db, AssetFilter::default()).await.unwrap();
    assert!(all.manager);
    assert_eq!(all.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![johans, annas]);
}

#[tokio::test]
async fn the_list_finds_by_tag_serial_and_user_and_filters_and_pages() {
    let t = without_demo_assets().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let johan = who(&t, "johan.ek").await;
    let old = laptop(&t, "IT-5-1", "5CG5", &anna, d("2019-05-02")).await;
    let new = laptop(&t, "IT-6-1", "ABC6", &johan, d("2026-06-02")).await;
    service::set_status(&sara, &t.db, old, to(1, AssetStatus::InStock, "Åter i lager"))
        .await
        .unwrap();
    let ids = |f: AssetFilter| {
        let sara = sara.clone();
        let db = t.db.clone();
        async move {
            service::page(&sara, &db, f)
                .await
                .unwrap()
                .rows
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        }
    };
    let f = |set: &dyn Fn(&mut AssetFilter)| {
        let mut f = AssetFilter::default();
        set(&mut f);
        f
    };
    assert_eq!(ids(f(&|f| f.q = "it-6-1".into())).await, vec![new], "a tag in any case");
    assert_eq!(ids(f(&|f| f.q = "5CG5".into())).await, vec![old], "a serial number");
    assert_eq!(ids(f(&|f| f.q = "johan".into())).await, vec![new], "a user's name");
    assert_eq!(ids(f(&|f| f.status = "in_stock".into())).await, vec![old]);
    assert_eq!(ids(f(&|f| f.warranty = "utgangen".into())).await, vec![old]);
    assert_eq!(ids(f(&|f| f.older_than = "3".into())).await, vec![old]);
    assert_eq!(ids(f(&|f| f.sort = "aldst".into())).await, vec![old, new]);
    assert_eq!(
        ids(f(&|f| f.cursor = new.to_string())).await,
        vec![old],
        "the page after"
    );

    for (field, bad) in [
        ("status", f(&|f| f.status = "trasig".into())),
        ("garanti", f(&|f| f.warranty = "kanske".into())),
        ("aldre_an", f(&|f| f.older_than = "-1".into())),
        ("kostnadsstalle", f(&|f| f.cost_center = "00000".into())),
        ("sortering", f(&|f| f.sort = "slump".into())),
        ("efter", f(&|f| f.cursor = "x".into())),
    ] {
        let err = service::page(&sara, &t.db, bad).await.unwrap_err();
        assert_eq!(err.field(), Some(field), "{err:?}");
    }
}

#[tokio::test]
async fn the_demo_register_has_assets_in_every_state_of_use() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let all = service::page(&sara, &t.db, AssetFilter::default()).await.unwrap();
    assert!(all.rows.len() >= 15, "{}", all.rows.len());
    for status in [
        AssetStatus::InUse,
        AssetStatus::InStock,
        AssetStatus::InRepair,
        AssetStatus::Stolen,
    ] {
        assert!(all.rows.iter().any(|r| r.status == status), "{status:?}");
    }
    let anna = who(&t, "anna.lindqvist").await;
    let hers = service::page(&anna, &t.db, AssetFilter::default()).await.unwrap();
    assert_eq!(hers.rows.len(), 3);
    assert!(hers.rows.iter().all(|r| r.user.as_deref() == Some("Anna Lindqvist")));
    let repaired = all.rows.iter().find(|r| r.status == AssetStatus::InRepair).unwrap();
    let detail = service::detail(&sara, &t.db, repaired.id).await.unwrap();
    assert_eq!(detail.history.len(), 1);
    assert_eq!(detail.supplier.as_deref(), Some("Dustin Sverige AB"));
}

#[tokio::test]
async fn a_transfer_moves_user_cost_centre_and_location_each_on_the_history() {
    let t = without_demo_assets().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let johan = who(&t, "johan.ek").await;
    let id = laptop(&t, "IT-7-1", "5CG7", &anna, d("2026-03-02")).await;
    let before = service::detail(&sara, &t.db, id).await.unwrap();
    let other_center = cost_center::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.code != before.cost_center_code && c.active)
        .unwrap();
    let transfer = |version: i32, user: i32, center: &str, location: &str, reason: &str| service::Transfer {
        version,
        user_id: user,
        cost_center: center.into(),
        location: location.into(),
        reason: reason.into(),
    };
    let johan_id = johan.person_id().unwrap();
    let a = service::transfer(
        &sara,
        &t.db,
        id,
        transfer(1, johan_id, &other_center.code, &before.location, "Anna har slutat"),
    )
    .await
    .unwrap();
    assert_eq!((a.user.as_deref(), a.version), (Some("Johan Ek"), 2));
    assert_eq!(a.cost_center_code, other_center.code);
    let fields: Vec<&str> = a.history.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields.len(), 2);
    assert!(
        fields.contains(&"Användare") && fields.contains(&"Kostnadsställe"),
        "{fields:?}"
    );
    assert!(a
        .history
        .iter()
        .any(|c| c.old_value.as_deref() == Some("Anna Lindqvist") && c.new_value.as_deref() == Some("Johan Ek")));

    // Nothing changed, a stale form, an unknown cost centre: refused, nothing written.
    let same = transfer(2, johan_id, &other_center.code, &before.location, "Igen");
    assert_eq!(
        service::transfer(&sara, &t.db, id, same).await.unwrap_err().field(),
        Some("reason")
    );
    let stale = transfer(1, johan_id, &other_center.code, "Hus 4", "Flyttad");
    assert!(matches!(
        service::transfer(&sara, &t.db, id, stale).await.unwrap_err(),
        AppError::Conflict { .. }
    ));
    let unknown = transfer(2, johan_id, "00000", "Hus 4", "Flyttad");
    assert_eq!(
        service::transfer(&sara, &t.db, id, unknown).await.unwrap_err().field(),
        Some("cost_center")
    );
    let by_anna = transfer(2, anna.person_id().unwrap(), &other_center.code, "Hus 4", "Min");
    assert!(matches!(
        service::transfer(&anna, &t.db, id, by_anna).await.unwrap_err(),
        AppError::Forbidden
    ));
    let a = service::detail(&sara, &t.db, id).await.unwrap();
    assert_eq!((a.version, a.history.len()), (2, 2));
    // The asset is Johan's now: his list has it, Anna's no longer.
    let annas = service::page(&anna, &t.db, AssetFilter::default()).await.unwrap();
    assert!(annas.rows.is_empty());
    let johans = service::page(&johan, &t.db, AssetFilter::default()).await.unwrap();
    assert_eq!(johans.rows.len(), 1);
}

#[tokio::test]
async fn the_csv_holds_the_whole_filter_and_only_what_the_caller_may_see() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let all = service::export_csv(&sara, &t.db, AssetFilter::default()).await.unwrap();
    let lines: Vec<&str> = all.lines().collect();
    assert_eq!(
        lines[0],
        "Inventarienummer;Serienummer;Modell;Status;Användare;Kostnadsställe;Levererad;Garanti t.o.m."
    );
    assert!(lines.len() > 15, "{}", lines.len());
    let stock = AssetFilter {
        status: "in_stock".into(),
        ..Default::default()
    };
    let in_stock = service::export_csv(&sara, &t.db, stock).await.unwrap();
    assert!(in_stock.lines().skip(1).all(|l| l.contains(";På lager;")), "{in_stock}");
    let hers = service::export_csv(&anna, &t.db, AssetFilter::default()).await.unwrap();
    assert_eq!(hers.lines().count(), 4, "{hers}");
    assert!(hers.lines().skip(1).all(|l| l.contains("Anna Lindqvist")));
}

#[tokio::test]
async fn an_inventory_is_recorded_and_the_due_list_shows_what_was_not_inventoried() {
    let t = without_demo_assets().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let seen = laptop(&t, "IT-8-1", "5CG8", &anna, d("2025-03-02")).await;
    let missing = laptop(&t, "IT-9-1", "5CG9", &anna, d("2025-03-02")).await;
    let due = |months: &str| AssetFilter {
        not_inventoried: months.into(),
        ..Default::default()
    };
    let ids = |p: super::dto::AssetPage| p.rows.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(
        ids(service::page(&sara, &t.db, due("12")).await.unwrap()),
        vec![missing, seen]
    );

    let a = service::inventory(&sara, &t.db, seen, 1, true, "").await.unwrap();
    assert_eq!((a.inventory_found, a.version), (Some(true), 2));
    assert_eq!(a.inventoried_by.as_deref(), Some("Sara Berg"));
    assert_eq!(a.history[0].field, "Inventering");
    assert_eq!(
        ids(service::page(&sara, &t.db, due("12")).await.unwrap()),
        vec![missing]
    );

    // Not found needs a note; then it is recorded and still due.
    let no_note = service::inventory(&sara, &t.db, missing, 1, false, " ")
        .await
        .unwrap_err();
    assert_eq!(no_note.field(), Some("note"));
    let a = service::inventory(&sara, &t.db, missing, 1, false, "Inte på enheten")
        .await
        .unwrap();
    assert_eq!(a.inventory_found, Some(false));
    assert!(a.next.contains(&AssetStatus::Lost));
    // Once it is lost it is not looked for any more.
    service::set_status(
        &sara,
        &t.db,
        missing,
        to(2, AssetStatus::Lost, "Inte hittad vid inventeringen"),
    )
    .await
    .unwrap();
    let lost = service::inventory(&sara, &t.db, missing, 3, true, "")
        .await
        .unwrap_err();
    assert!(matches!(lost, AppError::StateConflict { .. }), "{lost:?}");
    let bad = service::page(&sara, &t.db, due("7")).await.unwrap_err();
    assert_eq!(bad.field(), Some("ej_inventerad"));
    let stale = service::inventory(&sara, &t.db, seen, 1, true, "").await.unwrap_err();
    assert!(matches!(stale, AppError::Conflict { .. }));
    assert!(matches!(
        service::inventory(&anna, &t.db, seen, 2, true, "").await.unwrap_err(),
        AppError::Forbidden
    ));
}

#[tokio::test]
async fn the_replacement_forecast_counts_computers_by_end_of_life_window_with_todays_replacement_prices() {
    use crate::domain::money::Sek;
    use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
    let t = without_demo_assets().await;
    let sara = who(&t, "sara.berg").await;
    let anna = who(&t, "anna.lindqvist").await;
    let today = d("2026-12-01");
    let laptop_item = crate::testing::item_id(&t.db, "DL-5450").await;
    let screen_item = crate::testing::item_id(&t.db, "DL-P2425H").await;
    // End of life 48 months after delivery: one past, one within 3
    // months, one within 12, one beyond; and a screen (no computer).
    for (tag, on, model) in [
        ("F-1", "2022-06-01", laptop_item),
        ("F-2", "2023-01-15", laptop_item),
        ("F-3", "2023-10-01", laptop_item),
        ("F-4", "2024-06-01", laptop_item),
        ("F-5", "2022-01-01", screen_item),
    ] {
        let id = laptop(&t, tag, tag, &anna, d(on)).await;
        asset::Entity::update_many()
            .col_expr(asset::Column::ItemId, sea_orm::sea_query::Expr::value(model))
            .filter(asset::Column::Id.eq(id))
            .exec(&t.db)
            .await
            .unwrap();
    }
    let f = super::forecast::forecast(&sara, &t.db, 48, today).await.unwrap();
    let counts = |r: &super::dto::ForecastRow| (r.overdue.count, r.within_3.count, r.within_6.count, r.within_12.count);
    assert_eq!(counts(&f.total), (1, 2, 2, 3));
    assert_eq!(f.per_administration.len(), 1);
    assert_eq!(counts(&f.per_administration[0]), (1, 2, 2, 3));
    assert_eq!(f.per_cost_center.len(), 1);
    assert_eq!(counts(&f.per_cost_center[0]), (1, 2, 2, 3));
    let prices = crate::catalog::service::replacement_prices(&t.db, &[laptop_item], today)
        .await
        .unwrap();
    let (one_off, monthly) = prices[&laptop_item];
    assert!(one_off.ore() > 0 && monthly.ore() > 0, "{one_off} {monthly}");
    assert_eq!(f.total.within_12.one_off, one_off.checked_mul(3).unwrap());
    assert_eq!(f.total.within_3.monthly, monthly.checked_mul(2).unwrap());
    assert_eq!(f.per_cost_center[0].overdue.one_off, one_off);
    assert_eq!(
        f.per_administration[0].within_6.monthly,
        monthly.checked_mul(2).unwrap()
    );
    // Prices too large for 32 bits are summed in 64.
    let days = [d("2022-12-01"), d("2023-03-01"), d("2023-06-01"), d("2023-12-01")];
    let wide = (Sek::from_ore(3_000_000_000), Sek::from_ore(i64::from(i32::MAX) + 1));
    for (one_off, monthly) in [wide, (Sek::from_ore(7), Sek::from_ore(5))] {
        let statement =
            super::forecast::by_cost_center(t.db.get_database_backend(), &[(laptop_item, one_off, monthly)], days);
        let rows =
            t.db.query_all(t.db.get_database_backend().build(&statement))
                .await
                .unwrap();
        assert_eq!(rows.len(), 1);
        let n = |i: usize| rows[0].try_get_by_index::<i64>(i).unwrap();
        assert_eq!((n(1), n(2), n(3), n(4)), (1, 2, 2, 3));
        assert_eq!((n(5), n(8)), (one_off.ore(), one_off.ore() * 3));
        assert_eq!((n(10), n(12)), (monthly.ore() * 2, monthly.ore() * 3));
    }
    // A longer life moves them later.
    let longer = super::forecast::forecast(&sara, &t.db, 60, today).await.unwrap();
    assert_eq!(counts(&longer.total), (0, 0, 1, 1));

    assert!(matches!(
        super::forecast::forecast(&sara, &t.db, 5, today).await.unwrap_err(),
        AppError::Validation { .. }
    ));
    assert!(super::forecast::age_of("fyra år").is_err());
    assert_eq!(super::forecast::age_of("").unwrap(), 48);
    // Budget input for förvaltningsledare too; not for a requester.
    let johan = who(&t, "johan.ek").await;
    assert!(super::forecast::forecast(&johan, &t.db, 48, today).await.is_ok());
    assert!(matches!(
        super::forecast::forecast(&anna, &t.db, 48, today).await.unwrap_err(),
        AppError::Forbidden | AppError::ForbiddenWithMessage { .. }
    ));
}

#[tokio::test]
async fn keepers_find_a_models_assets_by_a_part_of_its_name_or_article_number() {
    let t = demo_db().await;
    let sara = who(&t, "sara.berg").await;
    let by_name = |name: &str| AssetFilter {
        model_name: name.into(),
        ..Default::default()
    };
    let models = |p: &super::dto::AssetPage| {
        let mut m: Vec<String> = p.rows.iter().map(|r| r.model.clone()).collect();
        m.sort();
        m.dedup();
        m
    };
    // In any case, by the name or the article number.
    let latitude = service::page(&sara, &t.db, by_name("LATITUDE 54")).await.unwrap();
    assert_eq!(models(&latitude), ["Dell Latitude 5450"]);
    let article = service::page(&sara, &t.db, by_name("dl-5450")).await.unwrap();
    assert_eq!(article.rows, latitude.rows);
    // No model of that name: no assets, and no error.
    let none = service::page(&sara, &t.db, by_name("Ingen sådan modell"))
        .await
        .unwrap();
    assert!(none.rows.is_empty());
    // Too long a name is explained.
    let long = service::page(&sara, &t.db, by_name(&"x".repeat(201)))
        .await
        .unwrap_err();
    assert_eq!(long.field(), Some("modellnamn"));
    // The list page names a model chosen by its id; the address keeps both.
    let id = asset::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.tag == "NRV-100231")
        .unwrap()
        .item_id
        .unwrap();
    let chosen = AssetFilter {
        model: id.to_string(),
        model_name: "latitude".into(),
        ..Default::default()
    };
    let page = service::page_with_options(&sara, &t.db, chosen.clone()).await.unwrap();
    assert_eq!(page.model.as_deref(), Some("Dell Latitude 5450"));
    assert_eq!(models(&page), ["Dell Latitude 5450"]);
    assert_eq!(
        AssetFilter::from_params(|k| url::form_urlencoded::parse(chosen.to_query(true).as_bytes())
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())),
        chosen
    );
}
