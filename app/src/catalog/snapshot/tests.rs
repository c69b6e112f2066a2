//! Tests of the snapshot's text search and indexes.

use super::*;
use crate::catalog::dto::ItemSummary;
use memchr::memmem::Finder;

#[test]
fn one_scan_finds_each_part_that_contains_the_needle() {
    let parts = [
        "dell latitude 5450",
        "hp elitebook",
        "latitude dock latitude",
        "",
        "skärm latitud",
    ];
    let mut text = String::new();
    let mut starts = Vec::new();
    for p in parts {
        starts.push(text.len());
        text.push_str(p);
        text.push('\0');
    }
    let hits = |q: &str| matching(&text, &starts, parts.len(), &Finder::new(q));
    assert_eq!(hits("latitude"), [true, false, true, false, false]);
    assert_eq!(hits("latitud"), [true, false, true, false, true]);
    assert_eq!(hits("skärm"), [false, false, false, false, true]);
    assert_eq!(hits("zzz"), [false; 5]);
    for q in ["e", "l", "a", "dock", "book"] {
        let each: Vec<bool> = parts.iter().map(|p| p.contains(q)).collect();
        assert_eq!(hits(q), each, "{q}");
    }
}

/// The indexes answer what a look at every entry answers: for each
/// criterion alone and in combinations, every sort order and page.
#[tokio::test]
async fn the_indexes_answer_as_a_scan_of_every_entry_would() {
    use crate::domain::catalog::{ItemKind, ServiceLevel};
    let t = crate::testing::test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let snap = CatalogCache::default().get(&t.db, day).await.unwrap();
    assert!(snap.entries.len() > 40, "the demo catalogue is big enough to page");
    let scan = |c: &Criteria, i: usize| {
        let e = &snap.entries[i];
        c.needle.as_ref().is_none_or(|n| snap.haystack(i).contains(n.as_str()))
            && c.categories.as_ref().is_none_or(|cs| cs.contains(&e.category_id))
            && c.kind.is_none_or(|k| e.summary.kind == k)
            && c.supplier.is_none_or(|s| e.supplier_id == s)
            && c.level.is_none_or(|l| e.summary.service_level == Some(l))
            && c.min_ore.is_none_or(|m| e.price_sum >= m)
            && c.max_ore.is_none_or(|m| e.price_sum <= m)
    };
    let some_category = snap.entries[0].category_id;
    let some_supplier = snap.entries[1].supplier_id;
    let mut cases: Vec<Criteria> = vec![Criteria::default()];
    for needle in ["latitude", "la", "e", "dl-", "skärm", "zzz", "från", "5450"] {
        cases.push(Criteria {
            needle: Some(needle.into()),
            ..Default::default()
        });
    }
    cases.push(Criteria {
        categories: Some(vec![some_category]),
        ..Default::default()
    });
    cases.push(Criteria {
        kind: Some(ItemKind::Service),
        level: Some(ServiceLevel::Silver),
        ..Default::default()
    });
    cases.push(Criteria {
        supplier: Some(some_supplier),
        needle: Some("a".into()),
        ..Default::default()
    });
    cases.push(Criteria {
        min_ore: Some(100_000),
        max_ore: Some(2_000_000),
        kind: Some(ItemKind::Hardware),
        ..Default::default()
    });
    cases.push(Criteria {
        min_ore: Some(2_000_000),
        max_ore: Some(100_000),
        ..Default::default()
    });
    cases.push(Criteria {
        needle: Some("dell".into()),
        max_ore: Some(1_500_000),
        ..Default::default()
    });
    // Twice: the second time each text's hits are the copy's kept ones.
    for (n, c) in cases.iter().chain(cases.iter()).enumerate() {
        let selection = snap.select(c);
        let expected: Vec<usize> = (0..snap.entries.len()).filter(|i| scan(c, *i)).collect();
        assert_eq!(snap.count(&selection), expected.len(), "case {n}: count");
        for (sort, order) in [
            (SortOrder::Name, &snap.by_name),
            (SortOrder::PriceAsc, &snap.by_price),
            (SortOrder::PriceDesc, &snap.by_price),
            (SortOrder::ArticleNumber, &snap.by_article),
        ] {
            let mut all: Vec<usize> = order.iter().map(|i| *i as usize).filter(|i| scan(c, *i)).collect();
            if sort == SortOrder::PriceDesc {
                all.reverse();
            }
            for (skip, take) in [(0, 24), (24, 24), (5, 3), (0, 1000), (40, 24), (3, 0)] {
                let want: Vec<usize> = all.iter().copied().skip(skip).take(take).collect();
                assert_eq!(
                    snap.page(sort, &selection, skip, take),
                    want,
                    "case {n}, {sort:?}, {skip}+{take}"
                );
            }
        }
        assert!(
            snap.entries.windows(2).all(|w| w[0].summary.id < w[1].summary.id),
            "entries in id order"
        );
        let by_id: Vec<usize> = (0..snap.entries.len()).filter(|i| scan(c, *i)).collect();
        assert_eq!(
            snap.after_id(c, None, 10),
            by_id.iter().copied().take(10).collect::<Vec<_>>()
        );
        if let Some(first) = by_id.first() {
            let after = snap.entries[*first].summary.id;
            assert_eq!(
                snap.after_id(c, Some(after), 5),
                by_id.iter().copied().skip(1).take(5).collect::<Vec<_>>(),
                "case {n}: after an id"
            );
        }
    }
}

/// The two copies hold the same entries, texts, orders and indexes.
fn assert_same(patched: &Snapshot, whole: &Snapshot, step: &str) {
    assert_eq!(patched.version, whole.version, "{step}: version");
    let entries = |s: &Snapshot| -> Vec<(ItemSummary, i32, i32, i64)> {
        s.entries
            .iter()
            .map(|e| (e.summary.clone(), e.category_id, e.supplier_id, e.price_sum))
            .collect()
    };
    assert_eq!(entries(patched), entries(whole), "{step}: entries");
    assert!(patched.text == whole.text, "{step}: text");
    assert_eq!(patched.starts, whole.starts, "{step}: starts");
    assert_eq!(patched.by_name, whole.by_name, "{step}: name order");
    assert_eq!(patched.by_price, whole.by_price, "{step}: price order");
    assert_eq!(patched.by_article, whole.by_article, "{step}: article order");
    assert_eq!(patched.name_rank, whole.name_rank, "{step}: name ranks");
    assert_eq!(patched.price_rank, whole.price_rank, "{step}: price ranks");
    assert_eq!(patched.article_rank, whole.article_rank, "{step}: article ranks");
    assert!(patched.trigrams == whole.trigrams, "{step}: trigrams");
    assert!(patched.by_category == whole.by_category, "{step}: categories");
    assert!(patched.by_supplier == whole.by_supplier, "{step}: suppliers");
    assert!(patched.by_kind == whole.by_kind, "{step}: kinds");
    assert!(patched.by_level == whole.by_level, "{step}: service levels");
    assert_eq!(patched.bundles, whole.bundles, "{step}: bundles");
}

/// After each kind of change of items through the administration (a new
/// price, a new name, retired, back, a new item, an import) an instance
/// patches its copy instead of building it anew, and the patched copy is
/// the one a new build gives, index for index. A change of bundles keeps
/// the items; a change of the whole catalogue is built anew.
#[tokio::test]
async fn a_patched_copy_is_the_copy_built_anew() {
    use crate::catalog::admin::dto::ItemForm;
    use crate::catalog::admin::import::import_csv;
    use crate::catalog::admin::service::{add_price, get_item, save_bundle, save_item, set_active, BundleForm};
    let t = crate::testing::test_db().await;
    crate::demo::seed_demo(&t.db).await.unwrap();
    let lars = crate::testing::person_ctx(&t.db, "lars.andersson").await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let cache = CatalogCache::default();
    let first = cache.get(&t.db, day).await.unwrap();
    assert_eq!((cache.builds(), cache.patches()), (1, 0));
    let mut patches = 0;
    let mut check = async |step: &str, patched: bool| {
        let mine = cache.get(&t.db, day).await.unwrap();
        let whole = CatalogCache::default().get(&t.db, day).await.unwrap();
        assert_same(&mine, &whole, step);
        patches += u64::from(patched);
        assert_eq!(cache.patches(), patches, "{step}: patched");
        assert_eq!(cache.builds(), if patched { 1 } else { 2 }, "{step}: built anew or not");
        mine
    };
    let pc = crate::testing::item_id(&t.db, "DL-5450").await;
    let headset = crate::testing::item_id(&t.db, "JB-E65").await;
    let first_by_id = first.entries[0].summary.id;

    add_price(&lars, &t.db, pc, "2026-11-26", "1 234,50", "0", today)
        .await
        .unwrap();
    let s = check("a new price", true).await;
    let e = s.entries.iter().find(|e| e.summary.id == pc).unwrap();
    assert_eq!(e.price_sum, 123_450);

    let xyzzy = Criteria {
        needle: Some("xyzzy".into()),
        ..Default::default()
    };
    assert_eq!(s.count(&s.select(&xyzzy)), 0);
    assert!(s.searches.get(b"xyzzy").is_some(), "a copy keeps its searches");

    let mut form = get_item(&lars, &t.db, Some(headset), today).await.unwrap().form;
    form.name = "Aaa-headset med ny text".into();
    form.description = "Helt ny beskrivning: xyzzy".into();
    save_item(&lars, &t.db, Some(headset), form).await.unwrap();
    let s = check("a new name and description", true).await;
    assert_eq!(
        s.page(SortOrder::Name, &Selection::All, 0, 1),
        vec![s.entries.iter().position(|e| e.summary.id == headset).unwrap()]
    );
    // The new copy seeks the text anew: the old copy's hits are not its.
    assert_eq!(s.count(&s.select(&xyzzy)), 1);

    set_active(&lars, &t.db, first_by_id, false).await.unwrap();
    let s = check("the first item retired", true).await;
    assert!(s.entries.iter().all(|e| e.summary.id != first_by_id));
    set_active(&lars, &t.db, first_by_id, true).await.unwrap();
    check("the first item back", true).await;

    let options = get_item(&lars, &t.db, None, today).await.unwrap().options;
    let new = save_item(
        &lars,
        &t.db,
        None,
        ItemForm {
            article_number: "NY-1".into(),
            name: "Ny dockningsstation".into(),
            kind: "hardware".into(),
            category_id: options.categories[0].id.to_string(),
            supplier_id: options.suppliers[0].id.to_string(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    check("a new item without a price", true).await;
    add_price(&lars, &t.db, new, "2026-11-26", "990", "0", today)
        .await
        .unwrap();
    let s = check("the new item priced", true).await;
    assert_eq!(s.entries.last().unwrap().summary.id, new);

    let file = "artikelnummer;namn;beskrivning;typ;kategori;leverantör;avtal;servicenivå;bindningstid_mån;uppsägningstid_mån;engångspris;månadspris;pris_från;aktiv\n\
        NY-200;Skärm 32 tum;Stor skärm;Hårdvara;SKARMAR;Dustin Sverige AB;;;0;0;4 990;;;ja\n\
        JB-E65;Jabra Evolve2 65 Flex (ny text);;Hårdvara;HEADSET;Dustin Sverige AB;;;0;0;1 799;;2026-11-26;\n";
    let report = import_csv(&lars, &t.db, file, false, today).await.unwrap();
    assert!(report.written, "{:#?}", report.problems);
    check("an import", true).await;

    save_bundle(
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
    let s = check("a new bundle", true).await;
    assert!(s.bundles.iter().any(|b| b.name == "Testpaket"), "{:?}", s.bundles);

    changed(&t.db, Change::Whole).await.unwrap();
    check("a change of the whole catalogue", false).await;
}
