//! Types shared with the browser and the API.

use crate::domain::roles::Role;
use crate::domain::tokens::TokenPermission;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// The signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct CurrentUser {
    pub id: i32,
    pub username: String,
    pub name: String,
    pub email: String,
    /// The unit (enhet) the person belongs to.
    pub unit: String,
    /// Role codes: `requester`, `attester`, `coordinator`, `catalog_manager`,
    /// `asset_manager`, `plan_manager`, `object_owner`, `admin`.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<String>))]
    pub roles: Vec<Role>,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// The signed-in person as the pages need them, resolved with the session
/// by the server and handed to the browser inside the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i32,
    pub username: String,
    pub name: String,
    pub roles: Vec<Role>,
}

/// `GET /api/v1/me`: the caller and how they authenticated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Me {
    #[serde(flatten)]
    pub person: CurrentUser,
    /// `session` or `token`.
    pub via: String,
    /// The token's name and permissions, when called with a token.
    pub token: Option<TokenRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct TokenRef {
    pub name: String,
    /// Permission codes, e.g. `orders:read`.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<String>))]
    pub permissions: Vec<TokenPermission>,
}

/// An integration token as listed to admins (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenDto {
    pub id: i32,
    pub name: String,
    pub prefix: String,
    pub owner: String,
    pub permissions: Vec<TokenPermission>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl TokenDto {
    /// `Aktiv`, `Återkallad` or `Utgången` at `now`.
    pub fn status(&self, now: chrono::DateTime<chrono::Utc>) -> &'static str {
        if self.revoked_at.is_some() {
            "Återkallad"
        } else if self.expires_at.is_some_and(|e| e <= now) {
            "Utgången"
        } else {
            "Aktiv"
        }
    }
}

/// A token just created: the secret is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub token: TokenDto,
    pub secret: String,
}

/// Who may sign in with a local password (`AVROP_LOCAL_LOGIN`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LocalLogin {
    /// Everyone with a password (the demo, small installations).
    #[default]
    On,
    /// Administrators only (break-glass when the identity provider is down).
    AdminsOnly,
    /// Nobody: everyone signs in through the identity provider.
    Off,
}

impl LocalLogin {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "on" => Some(LocalLogin::On),
            "admins-only" => Some(LocalLogin::AdminsOnly),
            "off" => Some(LocalLogin::Off),
            _ => None,
        }
    }
}

/// What the login page offers: the identity provider's button when one is
/// configured, the password form where it is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LoginOptions {
    pub sso: bool,
    pub local: LocalLogin,
}
