//! The authorization model: what a person holds (grants), where an action
//! applies (scope) and what it needs (permission). One pure function,
//! [`permits`], decides; `ctx::require_on` applies it on the server before
//! anything else happens.
//!
//! A global role (`person_role` without a cost centre) holds everywhere. An
//! object role (`object_person`) holds on its governance object only. Attest
//! rights (`person_role` with a cost centre) hold on that cost centre only.

use super::roles::{ObjectRole, Role};
use serde::{Deserialize, Serialize};

/// Where an action applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// The whole region (catalogue, administration, the audit log).
    Global,
    /// One förvaltning.
    Administration(i32),
    /// One unit.
    Unit(i32),
    /// One cost centre (orders charged to it, attest rights).
    CostCenter(i32),
    /// One governance object (its plans, description and people).
    Object(i32),
}

/// Something a person holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grant {
    /// A role that holds everywhere.
    Global(Role),
    /// A role on one governance object.
    Object { object_id: i32, role: ObjectRole },
    /// A role on one cost centre (attest rights).
    CostCenter { cost_center_id: i32, role: Role },
}

/// What an action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Order from the catalogue (requester).
    Order,
    /// Read every order, not only one's own (coordinator, administrator).
    ReadAllOrders,
    /// Maintain items, prices, rules and bundles (katalogansvarig).
    ManageCatalog,
    /// Follow orders to delivery (koordinator).
    Coordinate,
    /// Keep the asset register (IT Asset Manager).
    ManageAssets,
    /// Read the replacement forecast: budget input for the management
    /// plans (IT Asset Manager, förvaltningsledare).
    ReadReplacementForecast,
    /// Read the automation statistics (coordinator, administrator).
    ReadStatistics,
    /// Approve orders charged to a cost centre (attestant of that cost centre).
    Attest,
    /// Users, organisation, API keys (systemadministratör).
    Administer,
    /// Read and export the audit log (systemadministratör).
    ReadAudit,
    /// Create governance objects and families, rename and move objects.
    ManageGovernance,
    /// Write, submit and start revisions of an object's plan; keep its
    /// description (the object's förvaltningsledare).
    EditPlan,
    /// Adopt or return an object's plan (the object's objektägare).
    DecidePlan,
    /// Appoint or remove someone in this role on an object: administrators
    /// any role, the object's objektägare the roles below theirs.
    Appoint(ObjectRole),
}

/// Whether `grants` allow `permission` in `scope`. Global roles hold in
/// every scope; scoped grants only in their own.
pub fn permits(grants: &[Grant], scope: Scope, permission: Permission) -> bool {
    let global = |role: Role| grants.contains(&Grant::Global(role));
    let on_object = |pred: fn(ObjectRole) -> bool| match scope {
        Scope::Object(id) => grants
            .iter()
            .any(|g| matches!(g, Grant::Object { object_id, role } if *object_id == id && pred(*role))),
        _ => false,
    };
    match permission {
        Permission::Order => global(Role::Requester),
        Permission::ReadAllOrders | Permission::ReadStatistics => global(Role::Coordinator) || global(Role::Admin),
        Permission::ManageCatalog => global(Role::CatalogManager),
        Permission::Coordinate => global(Role::Coordinator),
        Permission::ManageAssets => global(Role::AssetManager),
        Permission::ReadReplacementForecast => global(Role::AssetManager) || global(Role::PlanManager),
        Permission::Administer | Permission::ReadAudit | Permission::ManageGovernance => global(Role::Admin),
        Permission::Attest => match scope {
            Scope::CostCenter(id) => grants.iter().any(
                |g| matches!(g, Grant::CostCenter { cost_center_id, role: Role::Attester } if *cost_center_id == id),
            ),
            _ => false,
        },
        Permission::EditPlan => on_object(ObjectRole::is_leader),
        Permission::DecidePlan => on_object(ObjectRole::is_owner),
        Permission::Appoint(role) => {
            matches!(scope, Scope::Object(_))
                && (global(Role::Admin) || (!role.is_owner() && on_object(ObjectRole::is_owner)))
        }
    }
}

#[cfg(test)]
mod tests;
