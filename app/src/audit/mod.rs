//! The append-only audit log: who (person or token) did what, when, to which
//! object, from which address. Every area records through
//! [`service::record`]; admins read it at `/admin/logg`.

pub mod dto;
pub mod labels;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
