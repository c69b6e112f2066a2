//! Password hashing with argon2id.
//!
//! Parameters: argon2id, 19 MiB memory, 2 iterations, 1 lane — the OWASP
//! recommendation for argon2id and the `argon2` crate's default. About 25 ms
//! per hash on one core of the bench machine: slow enough to make offline
//! guessing expensive, fast enough that a login burst of a few hundred per
//! minute costs little; online guessing is stopped by the rate limit.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub fn hash(password: &str) -> Result<String, crate::error::AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| crate::error::AppError::internal(format!("hashing a password: {e}")))
}

/// True when `password` matches the stored PHC string.
pub fn verify(stored: &str, password: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// How long a login may wait for its turn to hash before it is answered
/// "try again": a burst queues here instead of on the database.
const HASHING_QUEUE: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs `work` (argon2) on tokio's blocking pool once `limit` grants a
/// permit. The permit travels with the work, so the bound holds even when
/// the request that asked for it is gone.
async fn off_thread<T: Send + 'static>(
    limit: &std::sync::Arc<tokio::sync::Semaphore>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, crate::error::AppError> {
    use crate::error::AppError;
    let permit = tokio::time::timeout(HASHING_QUEUE, limit.clone().acquire_owned())
        .await
        .map_err(|_| AppError::Unavailable)?
        .map_err(|e| AppError::internal(format!("the hashing limit is closed: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| AppError::internal(format!("password hashing stopped: {e}")))
}

/// [`hash`] on the blocking pool, at most `limit` at once.
pub async fn hash_limited(
    limit: &std::sync::Arc<tokio::sync::Semaphore>,
    password: &str,
) -> Result<String, crate::error::AppError> {
    let password = password.to_owned();
    off_thread(limit, move || hash(&password)).await?
}

/// [`verify`] on the blocking pool, at most `limit` at once. Without a
/// stored hash (no such account) the dummy hash is verified instead, so
/// that both cases take the same time, and the answer is `false`.
pub async fn verify_limited(
    limit: &std::sync::Arc<tokio::sync::Semaphore>,
    stored: Option<String>,
    password: &str,
) -> Result<bool, crate::error::AppError> {
    let password = password.to_owned();
    off_thread(limit, move || match stored {
        Some(stored) => verify(&stored, &password),
        None => {
            let _ = verify(dummy_hash(), &password);
            false
        }
    })
    .await
}

/// A valid hash of nothing anyone knows, verified against when the account
/// does not exist so that both cases take the same time.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("ingen-har-detta-lösenord").unwrap_or_default())
}

/// The rules a new password must meet; a Swedish message when it does not.
pub fn check_strength(password: &str, username: &str) -> Result<(), &'static str> {
    if password.chars().count() < 12 {
        return Err("Lösenordet måste ha minst 12 tecken.");
    }
    if password.to_lowercase().contains(&username.to_lowercase()) {
        return Err("Lösenordet får inte innehålla användarnamnet.");
    }
    if password == crate::org::seed::DEMO_PASSWORD {
        return Err("Demolösenordet får inte användas.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
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
        assert!(check_strength("kort", "anna").is_err());
        assert!(check_strength("anna.lindqvist-2026", "anna.lindqvist").is_err());
        assert!(check_strength(crate::org::seed::DEMO_PASSWORD, "per").is_err());
        assert!(check_strength("Ett långt och bra lösenord", "per").is_ok());
    }
}
