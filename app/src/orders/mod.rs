//! Orders: checkout from the cart (or the API), frozen prices, idempotent
//! submit, "Mina beställningar" and the order page with its timeline.

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod in_flight;
#[cfg(feature = "ssr")]
pub mod service;
