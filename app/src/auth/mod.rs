//! Identity and access: local login, database sessions, API tokens.
//!
//! The SSO seam: everything after "who is this?" goes through
//! [`service::start_session`] with a person id, and requests are resolved to a
//! `Ctx` by [`service::resolve_session`] / [`tokens::resolve_token`]. A
//! local password is one [`IdentityProvider`](service::IdentityProvider);
//! an OIDC provider (the region's IdP, SITHS behind it) is another that maps
//! the IdP's subject to a person and then calls `start_session` the same way.

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sso;
#[cfg(feature = "ssr")]
pub mod tokens;
