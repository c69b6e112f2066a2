//! PM3 governance: governance objects and their annual förvaltningsplan
//! (`/forvaltning`).

pub mod diff;
pub mod dto;
pub mod follow_up;
pub mod objects;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
