//! The server-side cart: kept per person in the database, so it survives
//! logout and follows the person to another browser; validated live against
//! the catalogue's matching rules.

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
