//! Orders on the server, in three parts:
//!
//! - [`submission`]: an order is submitted once per idempotency key — the
//!   key's claim in `order_request`, the replayed answer, the duplicates in
//!   flight on this instance. The browser submits the caller's cart
//!   ([`submit_cart`]), the API the lines it sends ([`submit`]).
//! - [`creation`]: the order built from its lines, checked and written with
//!   frozen prices, its first event and its audit row.
//! - [`queries`]: what the checkout offers, the caller's orders, one order.
//! - [`queue`]: orders as the coordinators' queue asks for them.
//! - [`lifecycle`]: what other areas may know about an order, and the one
//!   way its status changes after submit (attestation, fulfilment).

mod creation;
pub mod lifecycle;
mod queries;
pub mod queue;
mod submission;

pub use queries::{checkout_options, detail, mine};
pub use submission::{submit, submit_cart};

#[cfg(test)]
mod tests;
