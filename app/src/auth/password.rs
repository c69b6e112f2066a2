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
/// `demo_password` is the demo data's (published) password, refused here so
/// that only seeded accounts can have it; the caller passes it in, so that
/// `auth` does not depend on the demo data.
pub fn check_strength(password: &str, username: &str, demo_password: &str) -> Result<(), &'static str> {
    if password.chars().count() < 12 {
        return Err("Lösenordet måste ha minst 12 tecken.");
    }
    if password.to_lowercase().contains(&username.to_lowercase()) {
        return Err("Lösenordet får inte innehålla användarnamnet.");
    }
    if password == demo_password {
        return Err("Demolösenordet får inte användas.");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
