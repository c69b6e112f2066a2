//! Pure domain rules: no web, no database. Everything here compiles for the
//! browser and the server alike and is unit-tested exhaustively.

pub mod access;
pub mod adoption;
pub mod assets;
pub mod attest;
pub mod authz;
pub mod automation;
pub mod calendar;
pub mod catalog;
pub mod client_address;
pub mod coordination;
pub mod cost_split;
pub mod duties;
pub mod follow_up;
pub mod format;
pub mod money;
pub mod orders;
pub mod org;
pub mod plan;
pub mod rate_limit;
pub mod redirect;
pub mod roles;
pub mod search;
pub mod subscriptions;
pub mod tokens;
