//! The roles people hold in the region (requester, attester, coordinator,
//! catalogue and asset managers, governance, administrator). A person may
//! hold several; attest rights and plan roles are scoped (to a cost centre
//! or a governance object).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Requester,
    Attester,
    Coordinator,
    CatalogManager,
    AssetManager,
    PlanManager,
    ObjectOwner,
    Admin,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Requester,
        Role::Attester,
        Role::Coordinator,
        Role::CatalogManager,
        Role::AssetManager,
        Role::PlanManager,
        Role::ObjectOwner,
        Role::Admin,
    ];

    /// The code stored in the database and used in the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Requester => "requester",
            Role::Attester => "attester",
            Role::Coordinator => "coordinator",
            Role::CatalogManager => "catalog_manager",
            Role::AssetManager => "asset_manager",
            Role::PlanManager => "plan_manager",
            Role::ObjectOwner => "object_owner",
            Role::Admin => "admin",
        }
    }

    /// The Swedish name shown to users.
    pub const fn label_sv(self) -> &'static str {
        match self {
            Role::Requester => "Beställare",
            Role::Attester => "Attestant",
            Role::Coordinator => "Koordinator",
            Role::CatalogManager => "Katalogansvarig",
            Role::AssetManager => "IT Asset Manager",
            Role::PlanManager => "Förvaltningsledare",
            Role::ObjectOwner => "Objektägare",
            Role::Admin => "Systemadministratör",
        }
    }

    /// Whether the role is held per cost centre or per governance object
    /// rather than globally.
    pub const fn is_scoped(self) -> bool {
        matches!(self, Role::Attester | Role::PlanManager | Role::ObjectOwner)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("okänd roll: {0}")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// A person's role on one governance object (PM3 governance), stored in
/// `object_person.role` by its code.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectRole {
    Objektagare,
    ObjektagareIt,
    Forvaltningsledare,
    ForvaltningsledareIt,
    Objektspecialist,
    ItSpecialist,
    ItKomponentspecialist,
    Driftansvarig,
    Verksamhetsstod,
}

impl ObjectRole {
    /// In the order an object's people are listed.
    pub const ALL: [ObjectRole; 9] = [
        ObjectRole::Objektagare,
        ObjectRole::ObjektagareIt,
        ObjectRole::Forvaltningsledare,
        ObjectRole::ForvaltningsledareIt,
        ObjectRole::Objektspecialist,
        ObjectRole::ItSpecialist,
        ObjectRole::ItKomponentspecialist,
        ObjectRole::Driftansvarig,
        ObjectRole::Verksamhetsstod,
    ];

    /// The code stored in the database and used in the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            ObjectRole::Objektagare => "objektagare",
            ObjectRole::ObjektagareIt => "objektagare_it",
            ObjectRole::Forvaltningsledare => "forvaltningsledare",
            ObjectRole::ForvaltningsledareIt => "forvaltningsledare_it",
            ObjectRole::Objektspecialist => "objektspecialist",
            ObjectRole::ItSpecialist => "it_specialist",
            ObjectRole::ItKomponentspecialist => "it_komponentspecialist",
            ObjectRole::Driftansvarig => "driftansvarig",
            ObjectRole::Verksamhetsstod => "verksamhetsstod",
        }
    }

    /// The Swedish name shown to users.
    pub const fn label_sv(self) -> &'static str {
        match self {
            ObjectRole::Objektagare => "Objektägare",
            ObjectRole::ObjektagareIt => "Objektägare IT",
            ObjectRole::Forvaltningsledare => "Förvaltningsledare",
            ObjectRole::ForvaltningsledareIt => "Förvaltningsledare IT",
            ObjectRole::Objektspecialist => "Objektspecialist",
            ObjectRole::ItSpecialist => "IT-specialist",
            ObjectRole::ItKomponentspecialist => "IT-komponentspecialist",
            ObjectRole::Driftansvarig => "Driftansvarig",
            ObjectRole::Verksamhetsstod => "Verksamhetsstöd",
        }
    }

    /// Chairs the steering group: adopts or returns the plan.
    pub const fn is_owner(self) -> bool {
        matches!(self, ObjectRole::Objektagare | ObjectRole::ObjektagareIt)
    }

    /// Writes the plan and submits it.
    pub const fn is_leader(self) -> bool {
        matches!(self, ObjectRole::Forvaltningsledare | ObjectRole::ForvaltningsledareIt)
    }

    /// The global role that holding this object role shows in the
    /// navigation and `/api/v1/me` (förvaltningsledare, objektägare).
    pub const fn global(self) -> Option<Role> {
        if self.is_owner() {
            Some(Role::ObjectOwner)
        } else if self.is_leader() {
            Some(Role::PlanManager)
        } else {
            None
        }
    }
}

impl fmt::Display for ObjectRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ObjectRole {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ObjectRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests;
