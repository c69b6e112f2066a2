//! The acting party of a service call. Every service function takes a `&Ctx`
//! first; services never read the session themselves.

use crate::domain::access::{decide, Access, Decision};
use crate::domain::authz::{permits, Grant, Permission, Scope};
use crate::domain::roles::Role;
use crate::error::AppError;

/// Who is acting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    /// Avrop itself (seeding, scheduled jobs).
    System,
    /// A person signed in with a session.
    Person {
        id: i32,
        username: String,
    },
    /// An integration token acting for its owner, limited to its
    /// permissions (`ctx.require_permission`, in `auth::tokens`).
    Token {
        id: i32,
        name: String,
        owner_id: i32,
        permissions: Vec<crate::domain::tokens::TokenPermission>,
    },
    /// A supplier's integration key: acts for that supplier only, on the
    /// supplier API (`/api/v1/supplier/…`), and for no person.
    Supplier {
        token_id: i32,
        supplier_id: i32,
        /// The supplier's name, for timelines and the audit log: read by
        /// the supplier service before it writes
        /// (`fulfilment::service::supplier`), not when the key is checked.
        name: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctx {
    pub actor: Actor,
    pub roles: Vec<Role>,
    /// The client's address, for the audit log.
    pub ip: Option<String>,
}

impl Ctx {
    pub fn system() -> Self {
        Ctx {
            actor: Actor::System,
            roles: Role::ALL.to_vec(),
            ip: None,
        }
    }

    pub fn anonymous() -> Self {
        Ctx {
            actor: Actor::Anonymous,
            roles: Vec::new(),
            ip: None,
        }
    }

    /// The person acting, directly or through a token.
    pub fn person_id(&self) -> Option<i32> {
        match &self.actor {
            Actor::Person { id, .. } => Some(*id),
            Actor::Token { owner_id, .. } => Some(*owner_id),
            Actor::Anonymous | Actor::System | Actor::Supplier { .. } => None,
        }
    }

    /// Signed in as a person (directly or through a person's key) or the
    /// system itself; a supplier's key is not.
    pub fn is_signed_in(&self) -> bool {
        !matches!(self.actor, Actor::Anonymous | Actor::Supplier { .. })
    }

    /// The supplier a supplier's integration key acts for.
    pub fn supplier_id(&self) -> Option<i32> {
        match &self.actor {
            Actor::Supplier { supplier_id, .. } => Some(*supplier_id),
            _ => None,
        }
    }

    /// What kind of actor this is, as `order_event.actor_kind` has it:
    /// `person`, `supplier` or `system`.
    pub fn actor_kind(&self) -> &'static str {
        match &self.actor {
            Actor::Person { .. } | Actor::Token { .. } => "person",
            Actor::Supplier { .. } => "supplier",
            Actor::Anonymous | Actor::System => "system",
        }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The caller's global roles as grants (`domain::authz`).
    pub fn global_grants(&self) -> Vec<Grant> {
        self.roles.iter().map(|r| Grant::Global(*r)).collect()
    }

    /// The actor in words, for the audit log.
    pub fn label(&self) -> String {
        match &self.actor {
            Actor::Anonymous => "anonym".into(),
            Actor::System => "system".into(),
            Actor::Person { username, .. } => username.clone(),
            Actor::Token { name, .. } => format!("token:{name}"),
            Actor::Supplier { name: Some(name), .. } => format!("leverantör:{name}"),
            Actor::Supplier { supplier_id, .. } => format!("leverantör:{supplier_id}"),
        }
    }

    /// `Ok` when the caller satisfies `access`; `Unauthorized` for an
    /// anonymous caller and `Forbidden` for one without the role.
    pub fn require(&self, access: Access) -> Result<(), AppError> {
        let roles = self.is_signed_in().then_some(self.roles.as_slice());
        match decide(access, roles) {
            Decision::Allowed => Ok(()),
            Decision::SignIn => Err(AppError::Unauthorized),
            Decision::Forbidden => Err(AppError::Forbidden),
        }
    }
}

/// The one authorization check: `Ok` when the caller's global roles plus
/// `scoped` (their roles on an object, their attest rights) permit
/// `permission` in `scope` (`domain::authz::permits`); `Unauthorized` for an
/// anonymous caller, `Forbidden` otherwise. Services of object-scoped areas
/// load the caller's grants on the object and call this.
pub fn require_on(ctx: &Ctx, scoped: &[Grant], scope: Scope, permission: Permission) -> Result<(), AppError> {
    if !ctx.is_signed_in() {
        return Err(AppError::Unauthorized);
    }
    let mut grants = ctx.global_grants();
    grants.extend_from_slice(scoped);
    if permits(&grants, scope, permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The first statement of every server function and API handler that needs
/// a region-wide permission: `require(&ctx, Permission::ManageCatalog)?;`.
pub fn require(ctx: &Ctx, permission: Permission) -> Result<(), AppError> {
    require_on(ctx, &[], Scope::Global, permission)
}

/// For anything that only needs a signed-in caller.
pub fn require_signed_in(ctx: &Ctx) -> Result<(), AppError> {
    ctx.require(Access::SignedIn)
}

#[cfg(test)]
mod tests;
