use super::*;
use crate::error::AppError;

#[derive(Debug, PartialEq)]
struct Counter(u32);

#[test]
fn a_kept_value_is_found_by_its_type() {
    let mut kept = Kept::default();
    kept.insert(Counter(7));
    kept.insert(String::from("annat"));
    assert_eq!(kept.get::<Counter>().ok(), Some(&Counter(7)));
    assert_eq!(kept.get::<String>().map(String::as_str).ok(), Some("annat"));
}

#[test]
fn a_type_nobody_registered_is_an_internal_error_not_a_panic() {
    let kept = Kept::default();
    assert!(matches!(kept.get::<Counter>(), Err(AppError::Internal)));
}

#[test]
fn keeping_a_second_value_of_a_type_replaces_the_first() {
    let mut kept = Kept::default();
    kept.insert(Counter(1));
    kept.insert(Counter(2));
    assert_eq!(kept.get::<Counter>().ok(), Some(&Counter(2)));
}

#[test]
fn clones_share_the_kept_values() {
    use std::sync::atomic::{AtomicU32, Ordering};
    let mut kept = Kept::default();
    kept.insert(AtomicU32::new(0));
    let clone = kept.clone();
    if let Ok(n) = clone.get::<AtomicU32>() {
        n.fetch_add(1, Ordering::SeqCst);
    }
    assert_eq!(kept.get::<AtomicU32>().map(|n| n.load(Ordering::SeqCst)).ok(), Some(1));
}
