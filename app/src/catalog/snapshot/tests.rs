//! Tests of the snapshot's text search and indexes.

use super::*;
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
    for (n, c) in cases.iter().enumerate() {
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
