//! Service tests of the catalogue administration, on the demo catalogue.

use super::dto::*;
use super::import::{export_csv, import_csv};
use super::service::*;
use crate::catalog::dto::CatalogFilter;
use crate::catalog::service::catalog_page;
use crate::catalog::snapshot::CatalogCache;
use crate::ctx::Ctx;
use crate::domain::money::Sek;
use crate::entities::{audit_log, item};
use crate::error::AppError;
use crate::testing::{person_ctx, test_db, TestDb};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 25);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

/// The demo region, the catalogue manager, and one catalogue cache shared
/// by the test's reads (so a change that forgets to invalidate it shows).
async fn seeded() -> (TestDb, Ctx, CatalogCache) {
    let t = test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    let lars = person_ctx(&t.db, "lars.andersson").await;
    (t, lars, CatalogCache::default())
}

async fn id_of(t: &TestDb, article: &str) -> i32 {
    item::Entity::find()
        .filter(item::Column::ArticleNumber.eq(article))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{article}"))
        .id
}

async fn listed_price(t: &TestDb, cache: &CatalogCache, ctx: &Ctx, article: &str, on: NaiveDate) -> Option<(Sek, Sek)> {
    let f = CatalogFilter {
        q: Some(article.into()),
        ..Default::default()
    };
    catalog_page(ctx, &t.db, cache, f, on)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.article_number == article)
        .map(|i| (i.one_off, i.monthly))
}

async fn item_count(t: &TestDb) -> u64 {
    item::Entity::find().count(&t.db).await.unwrap()
}

#[tokio::test]
async fn a_future_price_leaves_the_catalogue_on_todays_price_until_that_day() {
    let (t, lars, cache) = seeded().await;
    let id = id_of(&t, "JB-E65").await;
    let before = listed_price(&t, &cache, &lars, "JB-E65", today()).await.unwrap();

    add_price(&lars, &t.db, id, "2027-02-01", "1 499,50", "0", today())
        .await
        .unwrap();

    assert_eq!(listed_price(&t, &cache, &lars, "JB-E65", today()).await, Some(before));
    assert_eq!(
        listed_price(&t, &cache, &lars, "JB-E65", day(2027, 1, 31)).await,
        Some(before)
    );
    assert_eq!(
        listed_price(&t, &cache, &lars, "JB-E65", day(2027, 2, 1)).await,
        Some((Sek::from_ore(149_950), Sek::ZERO))
    );
    let it = get_item(&lars, &t.db, Some(id), today()).await.unwrap();
    assert_eq!(it.prices[0].state, PriceState::Upcoming);
    assert_eq!(it.prices[1].valid_to, Some(day(2027, 1, 31)));
}

#[tokio::test]
async fn a_price_cannot_start_in_the_past_or_be_garbled() {
    let (t, lars, _) = seeded().await;
    let id = id_of(&t, "JB-E65").await;
    let err = add_price(&lars, &t.db, id, "2026-11-24", "100", "", today())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("valid_from"));
    let err = add_price(&lars, &t.db, id, "2027-01-01", "-100", "", today())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("one_off"));
    let err = add_price(&lars, &t.db, id, "1/1 2027", "100", "", today())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("valid_from"));
}

#[tokio::test]
async fn only_a_catalogue_manager_may_administer_the_catalogue() {
    let (t, _, _) = seeded().await;
    let anna = person_ctx(&t.db, "anna.lindqvist").await;
    let id = id_of(&t, "JB-E65").await;
    assert_eq!(
        add_price(&anna, &t.db, id, "2027-02-01", "1", "0", today()).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(set_active(&anna, &t.db, id, false).await, Err(AppError::Forbidden));
    assert_eq!(
        import_csv(&anna, &t.db, "artikelnummer\n", true, today()).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(export_csv(&anna, &t.db, today()).await, Err(AppError::Forbidden));
}

#[tokio::test]
async fn a_new_item_is_validated_field_by_field_and_recorded_in_the_audit_log() {
    let (t, lars, cache) = seeded().await;
    let new = get_item(&lars, &t.db, None, today()).await.unwrap();
    let category = new.options.categories[0].id.to_string();
    let supplier = new.options.suppliers[0].id.to_string();
    let mut form = ItemForm {
        article_number: "DL-5450".into(),
        name: "Dubblett".into(),
        kind: "hardware".into(),
        category_id: category.clone(),
        supplier_id: supplier.clone(),
        ..Default::default()
    };
    let err = save_item(&lars, &t.db, None, form.clone()).await.unwrap_err();
    assert_eq!(err.field(), Some("article_number"), "{err}");

    form.article_number = "NY-1".into();
    form.service_level = "guld".into();
    let err = save_item(&lars, &t.db, None, form.clone()).await.unwrap_err();
    assert_eq!(err.to_string(), "Servicenivå gäller bara tjänster.");

    form.service_level.clear();
    form.binding_months = "tre".into();
    let err = save_item(&lars, &t.db, None, form.clone()).await.unwrap_err();
    assert_eq!(err.field(), Some("binding_months"));

    form.binding_months = "36".into();
    let id = save_item(&lars, &t.db, None, form).await.unwrap();
    let it = get_item(&lars, &t.db, Some(id), today()).await.unwrap();
    assert_eq!(it.form.binding_months, "36");
    assert!(it.prices.is_empty(), "no price yet: not in the catalogue");
    assert_eq!(listed_price(&t, &cache, &lars, "NY-1", today()).await, None);
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("catalog.item_created"))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(logged, 1);
}

#[tokio::test]
async fn a_retired_item_leaves_the_catalogue_and_can_come_back() {
    let (t, lars, cache) = seeded().await;
    let id = id_of(&t, "JB-E65").await;
    set_active(&lars, &t.db, id, false).await.unwrap();
    assert_eq!(listed_price(&t, &cache, &lars, "JB-E65", today()).await, None);
    let row = list(&lars, &t.db, "JB-E65", 1, today()).await.unwrap();
    assert!(!row.items[0].active, "the administration still lists it");
    set_active(&lars, &t.db, id, true).await.unwrap();
    assert!(listed_price(&t, &cache, &lars, "JB-E65", today()).await.is_some());
}

#[tokio::test]
async fn rules_and_bundle_parts_are_added_by_article_number_and_refused_when_unknown() {
    let (t, lars, _) = seeded().await;
    let id = id_of(&t, "JB-E65").await;
    add_rule(&lars, &t.db, id, "requires", "DL-5450").await.unwrap();
    let err = add_rule(&lars, &t.db, id, "requires", "DL-5450").await.unwrap_err();
    assert_eq!(err.to_string(), "Regeln finns redan.");
    let err = add_rule(&lars, &t.db, id, "requires", "FINNS-INTE").await.unwrap_err();
    assert_eq!(err.field(), Some("target_article"));
    let it = get_item(&lars, &t.db, Some(id), today()).await.unwrap();
    assert_eq!(it.rules[0].target.article_number, "DL-5450");
    remove_rule(&lars, &t.db, it.rules[0].id).await.unwrap();

    let bundle = save_bundle(
        &lars,
        &t.db,
        None,
        BundleForm {
            code: "test-paket".into(),
            name: "Testpaket".into(),
            description: String::new(),
            main_article: "DL-5450".into(),
            active: true,
        },
    )
    .await
    .unwrap();
    add_bundle_part(&lars, &t.db, bundle, "JB-E65", false, "2")
        .await
        .unwrap();
    let err = add_bundle_part(&lars, &t.db, bundle, "DL-5450", true, "1")
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("part_article"));
    let err = add_bundle_part(&lars, &t.db, bundle, "DL-WD22TB4", true, "0")
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("quantity"));
    let saved = bundles(&lars, &t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.id == bundle)
        .unwrap();
    assert_eq!(saved.code, "TEST-PAKET");
    assert_eq!(saved.parts.len(), 1);
    assert_eq!(saved.parts[0].quantity, 2);
    assert!(!saved.parts[0].required);
}

#[tokio::test]
async fn an_exported_catalogue_imports_back_unchanged() {
    let (t, lars, _) = seeded().await;
    let csv = export_csv(&lars, &t.db, today()).await.unwrap();
    assert!(csv.starts_with("\u{feff}artikelnummer;namn;"));
    let report = import_csv(&lars, &t.db, &csv, true, today()).await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.rows, item_count(&t).await);
    assert_eq!(report.unchanged, report.rows);
}

const HEADER: &str = "artikelnummer;namn;beskrivning;typ;kategori;leverantör;avtal;servicenivå;bindningstid_mån;uppsägningstid_mån;engångspris;månadspris;pris_från;aktiv";

#[tokio::test]
async fn a_dry_run_reports_every_bad_row_with_line_column_and_reason_and_writes_nothing() {
    let (t, lars, _) = seeded().await;
    let before = item_count(&t).await;
    let file = format!(
        "{HEADER}\n\
         NY-100;Ny skärm;;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;2 490,00;;;ja\n\
         NY-101;;;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;100;;;ja\n\
         NY-102;Okänd kategori;;Hårdvara;FINNS-EJ;Dustin Sverige AB;;;0;0;100;;;ja\n\
         NY-103;Fel pris;;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;-5;;;ja\n\
         NY-104;Fel datum;;Tjänst;SKARMAR;Dustin Sverige AB;;Guld;0;0;100;;31/12;ja\n\
         NY-100;Dubblett;;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;1;;;ja\n\
         NY-105;Kort rad;;Hårdvara\n"
    );
    let report = import_csv(&lars, &t.db, &file, true, today()).await.unwrap();
    let got: Vec<(u64, &str)> = report.problems.iter().map(|p| (p.line, p.column.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (3, "namn"),
            (4, "kategori"),
            (5, "engångspris"),
            (6, "pris_från"),
            (7, "artikelnummer"),
            (8, ""),
        ],
        "{:#?}",
        report.problems
    );
    assert_eq!(report.problems[1].message, "Kategorin ”FINNS-EJ” finns inte.");
    assert!(!report.written);
    assert_eq!(item_count(&t).await, before);

    // Not a dry run: still nothing is written, because one row is bad.
    let report = import_csv(&lars, &t.db, &file, false, today()).await.unwrap();
    assert!(!report.written);
    assert_eq!(item_count(&t).await, before);
}

#[tokio::test]
async fn a_clean_file_creates_updates_and_reprices_in_one_go() {
    let (t, lars, cache) = seeded().await;
    let before = item_count(&t).await;
    let file = format!(
        "{HEADER}\n\
         NY-200;Skärm 32 tum;Stor skärm;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;4 990;;;ja\n\
         NY-201;Supporttjänst;;Tjänst;TJANSTER;Dustin Sverige AB;;Silver;12;3;;149;2026-12-01;ja\n\
         JB-E65;Jabra Evolve2 65 Flex (ny text);;Hårdvara;HEADSET;Dustin Sverige AB;;;0;0;1 799;;2027-01-01;\n"
    );
    let dry = import_csv(&lars, &t.db, &file, true, today()).await.unwrap();
    assert!(dry.problems.is_empty(), "{:#?}", dry.problems);
    assert_eq!((dry.created, dry.updated, dry.price_changes), (2, 1, 3));
    assert_eq!(item_count(&t).await, before, "a dry run writes nothing");

    let done = import_csv(&lars, &t.db, &file, false, today()).await.unwrap();
    assert!(done.written);
    assert_eq!(item_count(&t).await, before + 2);
    assert_eq!(
        listed_price(&t, &cache, &lars, "NY-200", today()).await,
        Some((Sek::from_kronor(4990), Sek::ZERO))
    );
    assert_eq!(
        listed_price(&t, &cache, &lars, "NY-201", today()).await,
        None,
        "starts 1 December"
    );
    assert_eq!(
        listed_price(&t, &cache, &lars, "JB-E65", day(2027, 1, 1)).await,
        Some((Sek::from_kronor(1799), Sek::ZERO))
    );
}

#[tokio::test]
async fn a_picture_is_checked_by_its_bytes_and_shown_with_the_item() {
    use base64::Engine as _;
    let (t, lars, _) = seeded().await;
    let id = id_of(&t, "JB-E65").await;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let err = set_image(&lars, &t.db, id, &b64(b"<svg onload=alert(1)>"))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("image"));
    let too_big = [&b"\x89PNG\r\n\x1a\n"[..], &vec![0u8; 1024 * 1024]].concat();
    assert!(set_image(&lars, &t.db, id, &b64(&too_big)).await.is_err());

    let png = b"\x89PNG\r\n\x1a\n-rest-of-a-png";
    set_image(&lars, &t.db, id, &b64(png)).await.unwrap();
    let (content_type, bytes) = image(&lars, &t.db, id).await.unwrap();
    assert_eq!(content_type, "image/png");
    assert_eq!(bytes, png);
    let url = get_item(&lars, &t.db, Some(id), today())
        .await
        .unwrap()
        .image_url
        .unwrap();
    assert!(url.starts_with(&format!("/katalog/bild/{id}?v=")), "{url}");
    assert_eq!(image(&Ctx::anonymous(), &t.db, id).await, Err(AppError::Unauthorized));

    remove_image(&lars, &t.db, id).await.unwrap();
    assert!(matches!(image(&lars, &t.db, id).await, Err(AppError::NotFound { .. })));
}
