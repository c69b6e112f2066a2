//! Sign-in through the region's identity provider (OpenID Connect), the
//! part that touches Avrop's tables: the sign-ins begun and not yet come
//! back (`oidc_flow`), the person a verified claim names, the session and
//! the audit. The protocol itself (discovery, the code exchange, the ID
//! token's signature, issuer, audience, expiry and nonce) is the server's
//! `oidc` module; what reaches [`login`] has been verified.

use super::dto::CurrentUser;
use super::service::{current_user, digest, signed_in, IdentityProvider, LoggedIn};
use crate::audit::service as audit;
use crate::ctx::{Actor, Ctx};
use crate::entities::oidc_flow;
use crate::error::AppError;
use crate::org::directory;
use crate::state::AuthConfig;
use base64::Engine as _;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

/// How long a begun sign-in waits for the provider to send the browser
/// back: long enough to find the card and type its PIN.
pub const FLOW_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);

/// The answer to a callback whose `state` is unknown, used or too old.
pub const FLOW_GONE: &str =
    "Inloggningen gick inte att slutföra: den har redan använts, har tagit för lång tid eller började inte här. Börja om från inloggningssidan.";

/// What the server keeps of a begun sign-in, found again by its `state`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub nonce: String,
    pub pkce_verifier: String,
    /// Where to go afterwards (already through the safe check).
    pub next: String,
}

/// Keeps a begun sign-in under the digest of its `state` (the browser has
/// the `state`; the nonce and the PKCE verifier never leave the server),
/// and drops those that were never finished.
pub async fn begin_flow<C: ConnectionTrait>(db: &C, state: &str, flow: &Flow) -> Result<(), AppError> {
    let now = Utc::now();
    oidc_flow::Entity::delete_many()
        .filter(oidc_flow::Column::CreatedAt.lt(now - FLOW_LIFETIME))
        .exec(db)
        .await?;
    oidc_flow::ActiveModel {
        id: Set(digest(state)),
        nonce: Set(flow.nonce.clone()),
        pkce_verifier: Set(flow.pkce_verifier.clone()),
        next: Set(flow.next.clone()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The sign-in begun with `state`, taken: it can be finished once, by
/// whichever instance the browser comes back to. `None` when there is no
/// such sign-in, it is older than [`FLOW_LIFETIME`] or another request took
/// it first.
pub async fn take_flow<C: ConnectionTrait>(db: &C, state: &str) -> Result<Option<Flow>, AppError> {
    let id = digest(state);
    let Some(row) = oidc_flow::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    // Of two requests with the same `state`, only the one whose delete
    // removed the row goes on.
    let taken = oidc_flow::Entity::delete_by_id(id).exec(db).await?.rows_affected == 1;
    if !taken || row.created_at + FLOW_LIFETIME < Utc::now() {
        return Ok(None);
    }
    Ok(Some(Flow {
        nonce: row.nonce,
        pkce_verifier: row.pkce_verifier,
        next: row.next,
    }))
}

/// Which field of the directory the provider's claim is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// The username (an HSA-id or the region's account name).
    Username,
    /// The e-mail address.
    Email,
}

/// The identity provider as an [`IdentityProvider`]: a verified claim's
/// value names an active person in the directory, or nobody.
pub struct DirectoryClaim {
    pub matching: Matching,
}

impl IdentityProvider for DirectoryClaim {
    type Credentials = String;

    async fn identify<C: ConnectionTrait>(&self, db: &C, value: &String) -> Result<Option<i32>, AppError> {
        let value = value.trim().to_lowercase();
        if value.is_empty() {
            return Ok(None);
        }
        // Usernames are stored in lower case (the login lowers what is
        // typed); addresses as the directory spells them.
        let found = match self.matching {
            Matching::Username => directory::person_by_username(db, &value).await?,
            Matching::Email => directory::person_by_email(db, &value).await?,
        };
        let found = found.filter(|p| p.active);
        Ok(found.map(|p| p.id))
    }
}

/// Who the provider says signed in, after the ID token was verified.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The provider's subject (`sub`), for the audit.
    pub subject: String,
    /// The configured claim's value, matched against the directory.
    pub value: String,
    /// The ID token itself, kept with the session for the provider's logout.
    pub id_token: String,
}

/// Starts a session for the person the verified claim names, exactly as a
/// password login does, and audits it with the provider's subject. Nobody
/// is created: a claim that names no active person is refused (and
/// audited) with a page that says whom to ask.
pub async fn login<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    cfg: &AuthConfig,
    matching: Matching,
    who: &Verified,
    ip: &str,
    user_agent: Option<&str>,
) -> Result<LoggedIn, AppError> {
    let ip: String = ip.chars().take(64).collect();
    let Some(person_id) = DirectoryClaim { matching }.identify(db, &who.value).await? else {
        refused(db, &ip, "unknown_person", Some(&who.subject), Some(&who.value)).await?;
        return Err(AppError::ForbiddenWithMessage {
            message: unknown_person(&who.value),
        });
    };
    let txn = crate::db::begin_write(db).await?;
    let user: CurrentUser = current_user(&txn, person_id).await?.ok_or(AppError::Internal)?;
    let secret = signed_in(
        &txn,
        cfg,
        person_id,
        &user.username,
        &ip,
        user_agent,
        Some(&who.id_token),
        serde_json::json!({"method": "oidc", "subject": who.subject}),
    )
    .await?;
    txn.commit().await?;
    Ok(LoggedIn {
        session_secret: secret,
        user,
    })
}

/// The page's text for a provider's identity that names nobody in Avrop.
pub fn unknown_person(value: &str) -> String {
    format!(
        "Du är inloggad hos regionens inloggningstjänst som ”{value}”, men ingen aktiv person i Avrops \
         personkatalog har den identiteten. Kontakta IT-servicedesk och be dem lägga in dig i Avrop \
         (uppge identiteten ovan); katalogen uppdateras från regionens personalsystem."
    )
}

/// Audits a refused sign-in through the provider: why, and the subject when
/// the provider said who it was.
pub async fn refused<C: ConnectionTrait>(
    db: &C,
    ip: &str,
    reason: &str,
    subject: Option<&str>,
    value: Option<&str>,
) -> Result<(), AppError> {
    let anonymous = Ctx {
        actor: Actor::Anonymous,
        roles: vec![],
        ip: Some(ip.chars().take(64).collect()),
    };
    let mut detail = serde_json::json!({"method": "oidc", "reason": reason});
    if let Some(s) = subject {
        detail["subject"] = s.into();
    }
    crate::metrics::login_failed(if reason == "unknown_person" {
        crate::metrics::LoginFailure::UnknownPerson
    } else {
        crate::metrics::LoginFailure::Refused
    });
    audit::record(db, &anonymous, "login.refused", Some("person"), value, detail).await
}

/// One claim of a JWT's payload, as text, without checking the signature:
/// only for a token that was verified when it came, or one Avrop stored
/// itself (the session's ID token).
pub fn claim_of(jwt: &str, name: &str) -> Option<String> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    match claims.get(name)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
