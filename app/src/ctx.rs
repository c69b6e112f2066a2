//! The acting party of a service call. Every service function takes a `&Ctx`
//! first; services never read the session themselves.

use crate::domain::roles::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctx {
    /// The signed-in person, or `None` for system work and anonymous calls.
    pub person_id: Option<i32>,
    pub roles: Vec<Role>,
}

impl Ctx {
    /// Work done by Avrop itself (seeding, scheduled jobs).
    pub fn system() -> Self {
        Ctx {
            person_id: None,
            roles: Role::ALL.to_vec(),
        }
    }

    /// A caller nobody has identified.
    pub fn anonymous() -> Self {
        Ctx {
            person_id: None,
            roles: Vec::new(),
        }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}
