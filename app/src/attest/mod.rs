//! Attestation (Ansvar & Attesträtt): a submitted order is approved by
//! someone holding attest rights for its cost centre up to an amount limit
//! — or attested at once by an auto-approval rule — before it goes to a
//! supplier. Owns `attest_right`, `attest_substitute`, `auto_approval_rule`,
//! `attestation` and `attest_assignment`.

pub mod admin_dto;
pub mod admin_server_fns;
pub mod admin_views;
pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod rights;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
