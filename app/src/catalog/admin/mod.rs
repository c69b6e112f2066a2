//! Catalogue administration for the catalogue manager (`/admin/katalog`):
//! items, prices over time, matching rules, bundles, CSV export and import.

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
