//! Submissions in progress on this instance (`state::in_flight`): a
//! double click or an eager retry waits for the first request's order; the
//! database claim (`order_request`) stays what makes a key create one
//! order.

pub use crate::state::in_flight::Turn;

/// The submissions in progress, by requester and idempotency key.
pub type InFlight = crate::state::in_flight::InFlight<super::dto::OrderDetail>;
