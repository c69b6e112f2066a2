//! Tests of the snapshot's text search.

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
