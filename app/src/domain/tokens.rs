//! The named permissions of an API token. A token acts for the person who
//! created it, but only on the API routes its permissions name: a key for
//! reading orders cannot read plans, import the catalogue or read the audit
//! log. Permissions are chosen when the token is created and are never more
//! than its creator holds ([`grantable`]); the route's own role check still
//! runs against the creator's roles of the day, so a token loses a right when
//! its creator does.
//!
//! A token's permissions are stored OAuth-style, as one space-separated
//! string (`"orders:read plans:read"`), in `api_token.scope`.

use super::roles::Role;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One thing a token may do on the JSON API under `/api/v1/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TokenPermission {
    /// `GET /api/v1/org/units`: units, cost centres, delivery addresses.
    #[serde(rename = "org:read")]
    OrgRead,
    /// `GET /api/v1/catalog/items` and one item.
    #[serde(rename = "catalog:read")]
    CatalogRead,
    /// `POST /api/v1/catalog/import`: the CSV import.
    #[serde(rename = "catalog:write")]
    CatalogWrite,
    /// `GET /api/v1/orders?mine=true` and one order.
    #[serde(rename = "orders:read")]
    OrdersRead,
    /// `POST /api/v1/orders`: submit orders.
    #[serde(rename = "orders:write")]
    OrdersWrite,
    /// `GET /api/v1/attest/pending`: the orders waiting for the owner's
    /// attest decision.
    #[serde(rename = "attest:read")]
    AttestRead,
    /// `POST /api/v1/orders/{id}/decision`: approve or reject as attester.
    #[serde(rename = "attest:write")]
    AttestWrite,
    /// `GET` and `PUT /api/v1/attest/rights` and the rights' CSV import:
    /// the finance system keeping attest rights.
    #[serde(rename = "attest:rights")]
    AttestRights,
    /// `GET /api/v1/plans/{id}` and the portfolio.
    #[serde(rename = "plans:read")]
    PlansRead,
    /// `PUT /api/v1/plans/{id}`, submit, adopt and return.
    #[serde(rename = "plans:write")]
    PlansWrite,
    /// `GET /api/v1/audit`: the audit log.
    #[serde(rename = "audit:read")]
    AuditRead,
    /// `GET /api/v1/notifications` and marking them read: the owner's own
    /// notifications.
    #[serde(rename = "notifications:read")]
    NotificationsRead,
    /// `GET /api/v1/statistics/automation`: the automation statistics.
    #[serde(rename = "statistics:read")]
    StatisticsRead,
    /// `GET /api/v1/assets` and one asset: the register for its keepers,
    /// one's own assets for anyone else.
    #[serde(rename = "assets:read")]
    AssetsRead,
    /// `PATCH /api/v1/assets/{id}`: status changes and transfers.
    #[serde(rename = "assets:write")]
    AssetsWrite,
    /// `GET /api/v1/charging/{period}` (JSON or `.csv`): a month's internal
    /// charging for the finance system.
    #[serde(rename = "charging:read")]
    ChargingRead,
}

impl TokenPermission {
    /// In the order the form and the stored string list them.
    pub const ALL: [TokenPermission; 16] = [
        TokenPermission::OrgRead,
        TokenPermission::CatalogRead,
        TokenPermission::CatalogWrite,
        TokenPermission::OrdersRead,
        TokenPermission::OrdersWrite,
        TokenPermission::AttestRead,
        TokenPermission::AttestWrite,
        TokenPermission::AttestRights,
        TokenPermission::PlansRead,
        TokenPermission::PlansWrite,
        TokenPermission::AuditRead,
        TokenPermission::NotificationsRead,
        TokenPermission::StatisticsRead,
        TokenPermission::AssetsRead,
        TokenPermission::AssetsWrite,
        TokenPermission::ChargingRead,
    ];

    /// The code stored in the database and used in the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenPermission::OrgRead => "org:read",
            TokenPermission::CatalogRead => "catalog:read",
            TokenPermission::CatalogWrite => "catalog:write",
            TokenPermission::OrdersRead => "orders:read",
            TokenPermission::OrdersWrite => "orders:write",
            TokenPermission::AttestRead => "attest:read",
            TokenPermission::AttestWrite => "attest:write",
            TokenPermission::AttestRights => "attest:rights",
            TokenPermission::PlansRead => "plans:read",
            TokenPermission::PlansWrite => "plans:write",
            TokenPermission::AuditRead => "audit:read",
            TokenPermission::NotificationsRead => "notifications:read",
            TokenPermission::StatisticsRead => "statistics:read",
            TokenPermission::AssetsRead => "assets:read",
            TokenPermission::AssetsWrite => "assets:write",
            TokenPermission::ChargingRead => "charging:read",
        }
    }

    /// What the permission allows, in Swedish, for the API key form.
    pub const fn label_sv(self) -> &'static str {
        match self {
            TokenPermission::OrgRead => "Läsa organisationen (enheter, kostnadsställen, adresser)",
            TokenPermission::CatalogRead => "Läsa katalogen",
            TokenPermission::CatalogWrite => "Importera katalogen (CSV)",
            TokenPermission::OrdersRead => "Läsa beställningar",
            TokenPermission::OrdersWrite => "Skicka beställningar",
            TokenPermission::AttestRead => "Se min attestkö (beställningar som väntar på mitt beslut)",
            TokenPermission::AttestWrite => "Attestera och avslå beställningar",
            TokenPermission::AttestRights => "Läsa och ändra attesträtter (ekonomisystemet)",
            TokenPermission::PlansRead => "Läsa förvaltningsplaner och portföljen",
            TokenPermission::PlansWrite => "Ändra, lämna in och besluta förvaltningsplaner",
            TokenPermission::AuditRead => "Läsa loggen",
            TokenPermission::NotificationsRead => "Läsa mina aviseringar och markera dem som lästa",
            TokenPermission::StatisticsRead => "Läsa automatiseringsstatistiken",
            TokenPermission::AssetsRead => "Läsa tillgångar (registret, eller mina egna)",
            TokenPermission::AssetsWrite => "Ändra status på och flytta tillgångar",
            TokenPermission::ChargingRead => "Läsa interndebiteringen (ekonomisystemet)",
        }
    }

    /// The global roles of which a token's creator must hold at least one
    /// to grant this permission; empty: anyone signed in. The rule mirrors
    /// the role check of the routes the permission opens:
    ///
    /// | permission | creator holds |
    /// |---|---|
    /// | `org:read`, `catalog:read`, `plans:read` | (signed in) |
    /// | `attest:read`, `attest:write` | (signed in: attest rights and substitutions, not a role, decide each order) |
    /// | `catalog:write` | katalogansvarig |
    /// | `orders:read`, `orders:write` | beställare |
    /// | `plans:write` | förvaltningsledare or objektägare (the object roles still decide each plan) |
    /// | `audit:read`, `attest:rights` | systemadministratör |
    /// | `notifications:read` | (signed in: each reads only their own) |
    /// | `statistics:read` | koordinator or systemadministratör |
    /// | `assets:read` | (signed in: the register for its keepers, one's own for anyone else) |
    /// | `assets:write`, `charging:read` | IT-tillgångsförvaltare |
    pub const fn required_roles(self) -> &'static [Role] {
        match self {
            TokenPermission::OrgRead
            | TokenPermission::CatalogRead
            | TokenPermission::PlansRead
            | TokenPermission::AttestRead
            | TokenPermission::AttestWrite => &[],
            TokenPermission::CatalogWrite => &[Role::CatalogManager],
            TokenPermission::OrdersRead | TokenPermission::OrdersWrite => &[Role::Requester],
            TokenPermission::PlansWrite => &[Role::PlanManager, Role::ObjectOwner],
            TokenPermission::AuditRead | TokenPermission::AttestRights => &[Role::Admin],
            TokenPermission::NotificationsRead => &[],
            TokenPermission::StatisticsRead => &[Role::Coordinator, Role::Admin],
            TokenPermission::AssetsRead => &[],
            TokenPermission::AssetsWrite | TokenPermission::ChargingRead => &[Role::AssetManager],
        }
    }

    /// The permission with this code.
    pub fn parse(code: &str) -> Result<Self, UnknownPermission> {
        TokenPermission::ALL
            .into_iter()
            .find(|p| p.as_str() == code)
            .ok_or_else(|| UnknownPermission(code.to_owned()))
    }
}

impl fmt::Display for TokenPermission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("okänd behörighet för API-nyckel: {0}")]
pub struct UnknownPermission(pub String);

/// A stored list (`"orders:read plans:read"`): sorted and without repeats.
/// An empty string is an empty list; any unknown code refuses the whole list.
pub fn parse_list(stored: &str) -> Result<Vec<TokenPermission>, UnknownPermission> {
    let mut list = stored
        .split_ascii_whitespace()
        .map(TokenPermission::parse)
        .collect::<Result<Vec<_>, _>>()?;
    list.sort();
    list.dedup();
    Ok(list)
}

/// The stored form of a list: its codes in [`TokenPermission::ALL`] order,
/// separated by one space.
pub fn format_list(permissions: &[TokenPermission]) -> String {
    let mut list = permissions.to_vec();
    list.sort();
    list.dedup();
    list.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(" ")
}

/// `Ok` when a creator holding `creator_roles` may give a token all of
/// `permissions`; otherwise the first permission they may not give.
pub fn grantable(permissions: &[TokenPermission], creator_roles: &[Role]) -> Result<(), TokenPermission> {
    match permissions.iter().find(|p| {
        let needed = p.required_roles();
        !needed.is_empty() && !needed.iter().any(|r| creator_roles.contains(r))
    }) {
        Some(p) => Err(*p),
        None => Ok(()),
    }
}

/// How fresh a key's "last used" is kept: writing it at every request would
/// make every call of an integration a write on one row (its calls queue
/// behind each other there), so it is written at most once a minute.
pub const LAST_USED_GRANULARITY: chrono::TimeDelta = chrono::TimeDelta::minutes(1);

/// Whether a key last used at `last` should have that time written anew
/// when used at `now`.
pub fn last_used_is_stale(last: Option<chrono::DateTime<chrono::Utc>>, now: chrono::DateTime<chrono::Utc>) -> bool {
    last.is_none_or(|at| now - at >= LAST_USED_GRANULARITY || at > now)
}

#[cfg(test)]
mod tests;
