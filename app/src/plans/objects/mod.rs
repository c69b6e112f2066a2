//! Governance objects (`/forvaltning/objekt/:id`): the FOA maintained by
//! administrators (families, objects, class) and each object's description
//! and people maintained by its förvaltningsledare.

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
