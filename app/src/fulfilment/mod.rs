//! Fulfilment after attestation: an attested order is split into one part
//! per supplier; suppliers fetch their parts, acknowledge them and report
//! confirmed, back-ordered, shipped, delivered or rejected over the
//! supplier API with integration keys scoped to one supplier; the order's
//! status is derived from its parts. Owns `order_part`, `order_part_line`,
//! `supplier_token` and `supplier_event`; and the coordinators' workspace
//! (queues, deviations, target times, saved filters: `deviation`,
//! `deviation_note`, `state_target`, `saved_filter`).

pub mod dto;
pub mod server_fns;
pub mod statistics_views;
pub mod views;
pub mod workspace;

#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
