//! Who may open what: every page route with its access rule, declared in
//! one table ([`PAGES`]) that the route list, the guard before rendering,
//! the navigation and the tests all read. A page that is not declared is
//! open to nobody (fail closed).

use super::roles::Role;
use serde::{Deserialize, Serialize};

/// What a page or action requires of the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    /// Anyone, signed in or not (the login page).
    Public,
    /// Anyone signed in.
    SignedIn,
    /// A signed-in person holding this role (in any scope).
    Role(Role),
    /// A signed-in person holding either of these roles.
    Either(Role, Role),
    /// A supplier's integration key (the supplier API); never a person.
    Supplier,
    /// Nobody: what an undeclared page gets.
    Nobody,
}

impl Access {
    pub fn allows(self, roles: &[Role]) -> bool {
        match self {
            Access::Public | Access::SignedIn => true,
            Access::Role(r) => roles.contains(&r),
            Access::Either(a, b) => roles.contains(&a) || roles.contains(&b),
            Access::Supplier | Access::Nobody => false,
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
    match (access, roles) {
        (Access::Public, _) => Decision::Allowed,
        (_, None) => Decision::SignIn,
        (_, Some(r)) if access.allows(r) => Decision::Allowed,
        (_, Some(_)) => Decision::Forbidden,
    }
}

/// A page route and its access rule. `path` is the route's pattern as the
/// router has it (`/katalog/artikel/:id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub path: &'static str,
    pub access: Access,
}

const fn page(path: &'static str, access: Access) -> Page {
    Page { path, access }
}

const REQUESTER: Access = Access::Role(Role::Requester);
const CATALOG_MANAGER: Access = Access::Role(Role::CatalogManager);
const ADMIN: Access = Access::Role(Role::Admin);
/// The automation statistics: coordinators and administrators.
pub const STATISTICS: Access = Access::Either(Role::Coordinator, Role::Admin);

/// The replacement forecast: the register's keepers and the
/// förvaltningsledare who budget for it.
pub const FORECAST: Access = Access::Either(Role::AssetManager, Role::PlanManager);

/// Every page of the app. A route in `App` that is missing here is refused
/// by the server for everyone, and the route-table test fails.
pub const PAGES: &[Page] = &[
    page("/logga-in", Access::Public),
    page("/", Access::SignedIn),
    page("/katalog", REQUESTER),
    page("/katalog/artikel/:id", REQUESTER),
    page("/varukorg", REQUESTER),
    page("/kassa", REQUESTER),
    page("/bestallningar", REQUESTER),
    // The requester, the recipient, coordinators and administrators: the
    // service decides per order (404 for anyone else).
    page("/bestallningar/:id", Access::SignedIn),
    // Open to everyone signed in: a substitute (ersättare) need not be an
    // attester. The service shows each person only what waits for them.
    page("/attestera", Access::SignedIn),
    page("/attestera/ersattare", Access::SignedIn),
    page("/attestera/:id", Access::SignedIn),
    // Everyone's own notifications.
    page("/aviseringar", Access::SignedIn),
    page("/koordinering", Access::Role(Role::Coordinator)),
    page("/statistik", STATISTICS),
    // The register for its keepers (IT Asset Manager), one's own assets
    // for everyone else: the service decides.
    page("/tillgangar", Access::SignedIn),
    page("/tillgangar/prognos", FORECAST),
    page("/tillgangar/import", Access::Role(Role::AssetManager)),
    page("/tillgangar/:id", Access::SignedIn),
    // All subscriptions for the register's keepers, one's own for everyone
    // else: the service decides.
    page("/prenumerationer", Access::SignedIn),
    page("/prenumerationer/:id", Access::SignedIn),
    page("/interndebitering", Access::Role(Role::AssetManager)),
    // Adopted plans are public inside the region; drafts are checked per
    // object by the service.
    page("/forvaltning", Access::SignedIn),
    page("/forvaltning/portfolj", Access::SignedIn),
    page("/forvaltning/jamfor", Access::SignedIn),
    page("/forvaltning/plan/:id", Access::SignedIn),
    page("/forvaltning/plan/:id/utskrift", Access::SignedIn),
    page("/forvaltning/objekt/:id", Access::SignedIn),
    page("/forvaltning/mall/:family", Access::SignedIn),
    page("/forvaltning/uppfoljning", Access::SignedIn),
    page("/forvaltning/uppfoljning/:id", Access::SignedIn),
    page("/admin", ADMIN),
    page("/admin/api-nycklar", ADMIN),
    page("/admin/leverantorsnycklar", ADMIN),
    page("/admin/logg", ADMIN),
    page("/admin/attestratt", ADMIN),
    page("/admin/katalog", CATALOG_MANAGER),
    page("/admin/katalog/artikel/:id", CATALOG_MANAGER),
    page("/admin/katalog/paket", CATALOG_MANAGER),
    page("/admin/katalog/paket/:id", CATALOG_MANAGER),
    page("/admin/katalog/import", CATALOG_MANAGER),
];

/// The access rule declared for a route pattern; [`Access::Nobody`] when
/// the pattern is not declared.
pub const fn declared(pattern: &str) -> Access {
    let mut i = 0;
    while i < PAGES.len() {
        if const_eq(PAGES[i].path, pattern) {
            return PAGES[i].access;
        }
        i += 1;
    }
    Access::Nobody
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether a request path matches a route pattern: the same segments, a
/// `:name` or `{name}` segment matching any one non-empty segment.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    let mut p = pattern.split('/');
    let mut q = path.split('/');
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.starts_with(':') || a.starts_with('{') => {
                if b.is_empty() {
                    return false;
                }
            }
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// The declared page a request path belongs to. Literal patterns win over
/// ones with parameters (`/admin/katalog/paket` before `…/artikel/:id`).
pub fn page_of(path: &str) -> Option<Page> {
    let literal = PAGES.iter().find(|p| !p.path.contains(':') && matches(p.path, path));
    literal
        .or_else(|| PAGES.iter().find(|p| matches(p.path, path)))
        .copied()
}

/// A main navigation target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub access: Access,
}

const fn nav(href: &'static str, label: &'static str) -> NavItem {
    NavItem {
        href,
        label,
        access: declared(href),
    }
}

/// The main navigation, in the order of the order-to-governance flow; each
/// entry's access is its page's declared rule.
pub const NAV: &[NavItem] = &[
    nav("/katalog", "Katalog"),
    nav("/bestallningar", "Mina beställningar"),
    // In the menu of attesters; substitutes follow their notifications.
    NavItem {
        href: "/attestera",
        label: "Attestera",
        access: Access::Role(Role::Attester),
    },
    nav("/koordinering", "Koordinering"),
    nav("/statistik", "Statistik"),
    nav("/tillgangar", "Tillgångar"),
    nav("/prenumerationer", "Prenumerationer"),
    nav("/interndebitering", "Interndebitering"),
    nav("/forvaltning", "Förvaltning"),
    nav("/admin/katalog", "Katalogadmin"),
    nav("/admin", "Administration"),
];

/// The navigation a person with these roles sees.
pub fn nav_for(roles: &[Role]) -> Vec<NavItem> {
    NAV.iter().copied().filter(|i| i.access.allows(roles)).collect()
}

/// Who a link to `href` is shown to: a main-navigation target's menu rule
/// (the attesters' page is open to substitutes, but only attesters see it
/// offered), otherwise the page's own rule.
pub fn shown_to(href: &str) -> Access {
    NAV.iter()
        .find(|n| n.href == href)
        .map(|n| n.access)
        .unwrap_or_else(|| access_of(href))
}

/// The access rule of a page path (a link target); nobody for a path no
/// declared page matches.
pub fn access_of(href: &str) -> Access {
    page_of(href).map(|p| p.access).unwrap_or(Access::Nobody)
}

/// Where to go after login: see [`super::redirect`].
pub use super::redirect::safe_next;

#[cfg(test)]
mod tests;
