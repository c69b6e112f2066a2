//! Who may open what: the access rule of each page, shared by the route
//! guards, the navigation and the server.

use super::roles::Role;
use serde::{Deserialize, Serialize};

/// What a page or action requires of the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    /// Anyone signed in.
    SignedIn,
    /// A signed-in person holding this role (in any scope).
    Role(Role),
}

impl Access {
    pub fn allows(self, roles: &[Role]) -> bool {
        match self {
            Access::SignedIn => true,
            Access::Role(r) => roles.contains(&r),
        }
    }
}

/// Where a caller stands against an [`Access`] rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    /// Not signed in: send to the login page.
    SignIn,
    /// Signed in without the role: refuse with 403.
    Forbidden,
}

/// `roles` is `None` for an anonymous caller.
pub fn decide(access: Access, roles: Option<&[Role]>) -> Decision {
    match roles {
        None => Decision::SignIn,
        Some(r) if access.allows(r) => Decision::Allowed,
        Some(_) => Decision::Forbidden,
    }
}

/// A main navigation target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub access: Access,
}

/// The main navigation, in the order of the order-to-governance flow.
pub const NAV: &[NavItem] = &[
    NavItem {
        href: "/katalog",
        label: "Katalog",
        access: Access::Role(Role::Requester),
    },
    NavItem {
        href: "/bestallningar",
        label: "Mina beställningar",
        access: Access::Role(Role::Requester),
    },
    NavItem {
        href: "/attestera",
        label: "Attestera",
        access: Access::Role(Role::Attester),
    },
    NavItem {
        href: "/koordinering",
        label: "Koordinering",
        access: Access::Role(Role::Coordinator),
    },
    NavItem {
        href: "/tillgangar",
        label: "Tillgångar",
        access: Access::Role(Role::AssetManager),
    },
    NavItem {
        href: "/forvaltning",
        label: "Förvaltning",
        access: Access::SignedIn,
    },
    NavItem {
        href: "/admin/katalog",
        label: "Katalogadmin",
        access: Access::Role(Role::CatalogManager),
    },
    NavItem {
        href: "/admin",
        label: "Administration",
        access: Access::Role(Role::Admin),
    },
];

/// The navigation a person with these roles sees.
pub fn nav_for(roles: &[Role]) -> Vec<NavItem> {
    NAV.iter().copied().filter(|i| i.access.allows(roles)).collect()
}

/// The access rule of a navigation target.
pub fn access_of(href: &str) -> Access {
    NAV.iter()
        .find(|i| i.href == href)
        .map(|i| i.access)
        .unwrap_or(Access::SignedIn)
}

/// Where to go after login: see [`super::redirect`].
pub use super::redirect::safe_next;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anonymous_caller_is_sent_to_sign_in_whatever_the_rule() {
        assert_eq!(decide(Access::SignedIn, None), Decision::SignIn);
        assert_eq!(decide(Access::Role(Role::Admin), None), Decision::SignIn);
    }

    #[test]
    fn a_signed_in_caller_without_the_role_is_forbidden() {
        let roles = [Role::Requester];
        assert_eq!(decide(Access::Role(Role::Admin), Some(&roles)), Decision::Forbidden);
        assert_eq!(decide(Access::Role(Role::Requester), Some(&roles)), Decision::Allowed);
        assert_eq!(decide(Access::SignedIn, Some(&[])), Decision::Allowed);
    }

    #[test]
    fn a_requester_sees_catalog_orders_and_plans_only() {
        let labels: Vec<&str> = nav_for(&[Role::Requester]).iter().map(|i| i.label).collect();
        assert_eq!(labels, vec!["Katalog", "Mina beställningar", "Förvaltning"]);
    }

    #[test]
    fn an_admin_who_also_orders_sees_administration_too() {
        let labels: Vec<&str> = nav_for(&[Role::Requester, Role::Admin])
            .iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(
            labels,
            vec!["Katalog", "Mina beställningar", "Förvaltning", "Administration"]
        );
    }
}
