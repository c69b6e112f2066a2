//! Tests of password hashing and the strength rules.

use super::*;

#[test]
fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
    let h = hash("korrekt häst batteri").unwrap();
    assert!(h.starts_with("$argon2id$"));
    assert!(verify(&h, "korrekt häst batteri"));
    assert!(!verify(&h, "Korrekt häst batteri"));
}

#[test]
fn the_same_password_hashes_differently_each_time() {
    assert_ne!(hash("samma").unwrap(), hash("samma").unwrap());
}

#[test]
fn a_garbled_stored_hash_never_verifies() {
    assert!(!verify("inte-en-hash", "x"));
    assert!(!verify(dummy_hash(), ""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashing_off_thread_never_runs_more_than_the_limit_at_once() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let limit = Arc::new(tokio::sync::Semaphore::new(2));
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let mut all = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (limit, running, most) = (limit.clone(), running.clone(), most.clone());
        all.spawn(async move {
            off_thread(&limit, move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(20));
                running.fetch_sub(1, Ordering::SeqCst);
            })
            .await
        });
    }
    while let Some(done) = all.join_next().await {
        done.unwrap().unwrap();
    }
    assert_eq!(most.load(Ordering::SeqCst), 2);
    let h = hash_limited(&limit, "korrekt häst batteri").await.unwrap();
    assert!(verify_limited(&limit, Some(h), "korrekt häst batteri").await.unwrap());
    assert!(!verify_limited(&limit, None, "korrekt häst batteri").await.unwrap());
}

#[test]
fn short_or_guessable_passwords_are_refused() {
    let demo = crate::demo::DEMO_PASSWORD;
    assert!(check_strength("kort", "anna", demo).is_err());
    assert!(check_strength("anna.lindqvist-2026", "anna.lindqvist", demo).is_err());
    assert!(check_strength(demo, "per", demo).is_err());
    assert!(check_strength("Ett långt och bra lösenord", "per", demo).is_ok());
}
