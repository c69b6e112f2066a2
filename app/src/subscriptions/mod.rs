//! Subscriptions and internal charging (APM): a delivered line with a
//! monthly price becomes one subscription per unit, tied to its asset when
//! it has one (`service::register_delivered`, in the delivery's
//! transaction); a transferred asset takes its subscriptions along from
//! the next month, a retired one terminates them. Users see and terminate
//! their own (`/prenumerationer`); the IT Asset Manager sees all and runs
//! the monthly charging (`/interndebitering`, `charging`), which the
//! finance system reads as CSV or JSON. Owns `subscription`,
//! `subscription_cost_center`, `subscription_change`, `charge_run` and
//! `charge_line`.

pub mod dto;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod charging;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(all(test, feature = "ssr"))]
mod tests;
