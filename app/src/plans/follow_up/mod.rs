//! Follow-up (uppföljning) of adopted plans during the year
//! (`/forvaltning/uppfoljning`): each goal's status and comment per
//! reporting period, the object's indicators, and the region-wide report
//! (printable, CSV).

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
