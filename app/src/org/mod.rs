//! Organisation and people: the tree förvaltning → enhet → kostnadsställe,
//! delivery addresses per unit, and the directory of people with roles.

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod directory;
#[cfg(feature = "ssr")]
pub mod register;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod structure;

#[cfg(all(test, feature = "ssr"))]
mod tests;
