//! Fulfilment's services: parts (splitting an attested order, a part's
//! step), the supplier API (list, ack, events), suppliers' keys, the
//! coordinators' queue, deviations, closing delivered orders and the
//! automation statistics.

pub mod closing;
pub mod deviations;
pub mod keys;
pub mod manual;
pub mod outcome;
pub mod parts;
pub mod queue;
pub mod statistics;
pub mod supplier;

pub use parts::{parts_of, release};
