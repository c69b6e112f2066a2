//! The catalogue (eKatalog): items packaged with matching accessories and
//! services, prices over time, bundles and matching rules.

pub mod admin;
pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod snapshot;

#[cfg(all(test, feature = "ssr"))]
mod tests;
