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

    #[test]
    fn short_or_guessable_passwords_are_refused() {
        assert!(check_strength("kort", "anna").is_err());
        assert!(check_strength("anna.lindqvist-2026", "anna.lindqvist").is_err());
        assert!(check_strength(crate::org::seed::DEMO_PASSWORD, "per").is_err());
        assert!(check_strength("Ett långt och bra lösenord", "per").is_ok());
    }
}
