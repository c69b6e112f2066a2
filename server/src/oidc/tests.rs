//! The ID token's checks, on tokens signed here with a test key
//! (`test-key.pem`, made for these tests and used nowhere else): what the
//! tests' provider would never send (another audience, expired, another
//! nonce, another issuer, an unknown key) must be refused.

use super::*;
use openidconnect::core::{
    CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey,
};
use openidconnect::{
    AdditionalClaims, Audience, IdToken, IdTokenClaims, JsonWebKeyId, JsonWebKeySet, PrivateSigningKey, StandardClaims,
    SubjectIdentifier,
};
use serde::Serialize;

const ISSUER: &str = "https://idp.regionnorrvik.se";
const CLIENT: &str = "avrop";
const KEY: &str = include_str!("test-key.pem");

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
struct Hsa {
    hsaid: String,
}
impl AdditionalClaims for Hsa {}

fn signing_key(kid: &str) -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(KEY, Some(JsonWebKeyId::new(kid.into()))).expect("the test key reads")
}

/// The verifier a client with this key set builds (as `Client::id_token_verifier`).
fn verifier() -> CoreIdTokenVerifier<'static> {
    CoreIdTokenVerifier::new_confidential_client(
        ClientId::new(CLIENT.into()),
        ClientSecret::new("hemlig".into()),
        IssuerUrl::new(ISSUER.into()).unwrap(),
        JsonWebKeySet::new(vec![signing_key("k1").as_verification_key()]),
    )
}

struct Token {
    issuer: &'static str,
    audience: &'static str,
    expires: chrono::DateTime<chrono::Utc>,
    nonce: &'static str,
    kid: &'static str,
}

fn good() -> Token {
    Token {
        issuer: ISSUER,
        audience: CLIENT,
        expires: chrono::Utc::now() + chrono::Duration::minutes(5),
        nonce: "n-1",
        kid: "k1",
    }
}

fn sign(t: Token) -> CoreIdToken {
    let claims = IdTokenClaims::new(
        IssuerUrl::new(t.issuer.into()).unwrap(),
        vec![Audience::new(t.audience.into())],
        t.expires,
        chrono::Utc::now() - chrono::Duration::minutes(1),
        StandardClaims::<CoreGenderClaim>::new(SubjectIdentifier::new("anna.lindqvist".into())),
        Hsa {
            hsaid: "SE2321000016-ANNA".into(),
        },
    )
    .set_nonce(Some(Nonce::new(t.nonce.into())));
    let token: IdToken<Hsa, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm> =
        IdToken::new(
            claims,
            &signing_key(t.kid),
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            None,
            None,
        )
        .expect("the token signs");
    token.to_string().parse().expect("it reads as a core ID token")
}

fn check(t: Token) -> Result<Verified, Refusal> {
    verify(
        verifier(),
        &sign(t),
        &Nonce::new("n-1".into()),
        chrono::Utc::now(),
        "sub",
    )
}

#[test]
fn a_token_for_avrop_from_the_provider_with_the_nonce_is_accepted() {
    let who = check(good()).expect("accepted");
    assert_eq!(who.subject, "anna.lindqvist");
    assert_eq!(who.value, "anna.lindqvist");
    assert_eq!(
        app::auth::sso::claim_of(&who.id_token, "hsaid").as_deref(),
        Some("SE2321000016-ANNA")
    );
}

#[test]
fn a_token_for_another_audience_is_refused() {
    assert_eq!(
        check(Token {
            audience: "annan-tjanst",
            ..good()
        })
        .unwrap_err(),
        Refusal::WrongAudience
    );
}

#[test]
fn an_expired_token_is_refused_beyond_a_minute_of_clock_skew() {
    let now = chrono::Utc::now();
    assert_eq!(
        check(Token {
            expires: now - chrono::Duration::seconds(90),
            ..good()
        })
        .unwrap_err(),
        Refusal::Expired
    );
    // Within the skew: the two clocks may disagree by that much.
    assert!(check(Token {
        expires: now - chrono::Duration::seconds(30),
        ..good()
    })
    .is_ok());
}

#[test]
fn a_token_with_another_nonce_is_refused() {
    assert_eq!(
        check(Token { nonce: "n-2", ..good() }).unwrap_err(),
        Refusal::WrongNonce
    );
}

#[test]
fn a_token_from_another_issuer_is_refused() {
    assert_eq!(
        check(Token {
            issuer: "https://evil.example",
            ..good()
        })
        .unwrap_err(),
        Refusal::WrongIssuer
    );
}

#[test]
fn a_token_signed_with_a_key_the_provider_does_not_publish_is_refused() {
    assert_eq!(check(Token { kid: "k2", ..good() }).unwrap_err(), Refusal::BadSignature);
}

#[test]
fn a_token_whose_claims_were_changed_after_signing_is_refused() {
    // The claims of a token that expires later, under this one's signature.
    let token = sign(good()).to_string();
    let later = sign(Token {
        expires: chrono::Utc::now() + chrono::Duration::hours(8),
        ..good()
    })
    .to_string();
    let mut parts: Vec<&str> = token.split('.').collect();
    parts[1] = later.split('.').nth(1).unwrap();
    let tampered: CoreIdToken = parts.join(".").parse().unwrap();
    assert_eq!(
        verify(
            verifier(),
            &tampered,
            &Nonce::new("n-1".into()),
            chrono::Utc::now(),
            "sub"
        )
        .unwrap_err(),
        Refusal::BadSignature
    );
}

#[test]
fn the_configured_claim_names_the_person_and_its_absence_is_refused() {
    let token = sign(good());
    let nonce = Nonce::new("n-1".into());
    let who = verify(verifier(), &token, &nonce, chrono::Utc::now(), "hsaid").unwrap();
    assert_eq!(who.value, "SE2321000016-ANNA");
    assert_eq!(who.subject, "anna.lindqvist");
    assert_eq!(
        verify(verifier(), &token, &nonce, chrono::Utc::now(), "employee_number").unwrap_err(),
        Refusal::MissingClaim
    );
}

#[test]
fn the_claim_decides_what_it_is_compared_with() {
    let s = |claim: &str| OidcSettings {
        issuer: ISSUER.into(),
        client_id: CLIENT.into(),
        client_secret: None,
        claim: claim.into(),
        scopes: vec![],
        public_origin: "https://avrop.regionnorrvik.se".into(),
    };
    assert_eq!(s("email").matching(), Matching::Email);
    assert_eq!(s("sub").matching(), Matching::Username);
    assert_eq!(s("hsaid").matching(), Matching::Username);
}
