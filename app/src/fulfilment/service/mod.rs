//! Fulfilment's services: parts (splitting an attested order, a part's
//! step), the supplier API (list, ack, events) and suppliers' keys.

pub mod deviations;
pub mod keys;
pub mod manual;
pub mod outcome;
pub mod parts;
pub mod queue;
pub mod statistics;
pub mod supplier;

pub use parts::{parts_of, release};
